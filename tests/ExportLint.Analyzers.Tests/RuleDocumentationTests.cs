using System.Reflection;
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

    /// <summary>Every ID DiagnosticIds declares, found by reflection (its public string constants), not listed here.</summary>
    private static List<string> DeclaredIds() => typeof(DiagnosticIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    [Fact]
    public void Every_declared_ID_has_its_own_page_and_every_page_a_declared_ID()
    {
        var declared = DeclaredIds();
        Assert.NotEmpty(declared);
        Assert.Equal(declared.Count, declared.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(declared.Order(StringComparer.Ordinal), DiagnosticIds.All);
        var pages = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs", "rules"), "EXL*.md")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(declared.Order(StringComparer.Ordinal), pages);
        foreach (var id in declared)
        {
            Assert.Matches(new Regex("^EXL[0-9]{4}$"), id);
            Assert.StartsWith("# " + id, File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md")));
        }
    }

    [Fact]
    public void Every_analyzer_diagnostic_is_a_declared_ID_and_its_help_link_points_at_its_page()
    {
        var declared = DeclaredIds();
        var descriptors = AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id).ToList();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            Assert.Contains(descriptor.Id, declared);
            Assert.Equal(DiagnosticIds.HelpLink(descriptor.Id), descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }

        // The analyzers report every EXL00xx (findings in code) and every EXL1xxx (list problems); EXL01xx are the
        // task's and EXL02xx the command-line scan's.
        Assert.Equal(
            declared.Where(id => !id.StartsWith("EXL01", StringComparison.Ordinal) && !id.StartsWith("EXL02", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            descriptors.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_analyzer_supports_EXL0010_so_that_its_failures_are_reported()
    {
        foreach (var analyzer in AnalyzerRun.All)
        {
            Assert.Contains(analyzer.SupportedDiagnostics, d => d.Id == DiagnosticIds.AnalysisFailed);
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
