using System.Text.RegularExpressions;
using ExportLint.Analyzers.Tests.Infrastructure;
using ExportLint.ControlLists;

namespace ExportLint.Analyzers.Tests;

public class RuleDocumentationTests
{
    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("the repository root was not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public void Every_diagnostic_has_a_page_and_its_help_link_points_at_it()
    {
        var descriptors = AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id).ToList();
        Assert.Equal(16, descriptors.Count);
        foreach (var descriptor in descriptors)
        {
            Assert.Matches(new Regex("^EXL[0-9]{4}$"), descriptor.Id);
            var page = Path.Combine(RepositoryRoot, "docs", "rules", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id} has no page at docs/rules/{descriptor.Id}.md");
            Assert.StartsWith("# " + descriptor.Id, File.ReadAllText(page));
            Assert.Equal(DiagnosticIds.HelpLink(descriptor.Id), descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
    }

    [Fact]
    public void Every_diagnostic_is_in_release_tracking()
    {
        var unshipped = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "ExportLint.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity}", unshipped);
        }
    }
}
