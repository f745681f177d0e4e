using System.Globalization;
using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using Microsoft.Build.Framework;

namespace ExportLint.Build.Check;

/// <summary>
/// <c>ExportLintSuppress</c> items: read and validated (EXL0103), matched with findings by entry id, package id or
/// model-file path (wildcards <c>*</c> and <c>?</c> allowed, written <c>%2A</c>/<c>%3F</c> so that MSBuild does not
/// expand them as file globs), and checked for having any effect (EXL0108): a suppression whose wildcard MSBuild
/// expanded to nothing, or that names no entry, package or model file, is reported instead of doing nothing.
/// </summary>
internal static class Suppressions
{
    private const string Element = "ExportLintSuppress";
    private static readonly char[] Wildcards = ['*', '?'];

    public static List<Suppression> Read(ITaskItem[] items, ProjectXmlLocations project, DateTime day, FileLocation fallback, ReportData report)
    {
        var result = new List<Suppression>();
        foreach (var item in items)
        {
            var target = item.ItemSpec.Trim();
            var suppression = new Suppression
            {
                Target = target,
                Justification = NullIfBlank(item.GetMetadata("Justification")),
                Until = NullIfBlank(item.GetMetadata("Until")),
                Location = project.Find(Element, target) ?? fallback,
            };
            result.Add(suppression);
            if (suppression.Justification is null)
            {
                suppression.Problem = "no justification";
                report.Add(DiagnosticIds.InvalidSuppression, LogLevel.Error, suppression.Location,
                    $"ExportLintSuppress '{suppression.Target}' has no Justification; a suppression must say why, so it is not applied");
                continue;
            }

            if (suppression.Until is { } until)
            {
                if (!ExportLintClock.TryParse(until, out var date))
                {
                    suppression.Problem = "invalid Until";
                    report.Add(DiagnosticIds.InvalidSuppression, LogLevel.Error, suppression.Location,
                        $"ExportLintSuppress '{suppression.Target}' has Until='{until}', which is not a yyyy-mm-dd date; it is not applied");
                }
                else if (date.Date < day.Date)
                {
                    suppression.Problem = "expired";
                    suppression.Expired = true;
                    report.Add(DiagnosticIds.InvalidSuppression, LogLevel.Warning, suppression.Location,
                        $"ExportLintSuppress '{suppression.Target}' expired on {until}; it is no longer applied (justification was: {suppression.Justification})");
                }
            }
        }

        return result;
    }

    /// <summary>
    /// An <c>ExportLintSuppress</c> written in the project file with a bare <c>*</c> or <c>?</c> is a file glob to
    /// MSBuild: when no file matches it, the item does not exist and the task never sees it. Each such element that
    /// gave the task no item is reported at its line, with the escaped form that works.
    /// </summary>
    public static void ReportWildcardsMSBuildExpanded(ProjectXmlLocations project, List<Suppression> read, ReportData report)
    {
        foreach (var (include, location) in project.Written(Element))
        {
            if (include.IndexOfAny(Wildcards) < 0 || include.Contains("$(") || include.Contains("@(") || include.Contains("%("))
            {
                continue;
            }

            // Files the glob did match arrive as items (a suppression by model path such as models/*.gguf works).
            var glob = Glob.ForPath(Normalise(include));
            if (read.Any(s => glob.IsMatch(Normalise(s.Target))))
            {
                continue;
            }

            var escaped = include.Replace("*", "%2A").Replace("?", "%3F");
            report.Add(DiagnosticIds.InvalidSetting, LogLevel.Warning, location,
                $"ExportLintSuppress Include=\"{include}\" suppresses nothing: MSBuild expands '*' and '?' in an Include as a file wildcard, no file matched it, so the item does not exist. To suppress by a pattern, escape the wildcard: Include=\"{escaped}\" (%2A is '*', %3F is '?')");
        }
    }

    /// <summary>Whether a (valid) suppression covers a finding: its entry id, its package id, or its model file's path.</summary>
    public static bool Suppresses(Suppression suppression, BuildFinding finding)
    {
        var target = Normalise(suppression.Target);
        return NameMatches(target, finding.Entry.Id)
            || (finding.Package is { } package && NameMatches(target, package.Id))
            || (finding.ModelFile is { } file && PathMatches(target, file.Path));
    }

    /// <summary>Applies the first valid suppression that covers each finding, counting its uses.</summary>
    public static void Apply(List<BuildFinding> findings, List<Suppression> suppressions)
    {
        foreach (var finding in findings)
        {
            finding.SuppressedBy = suppressions.FirstOrDefault(s => s.IsValid && Suppresses(s, finding));
            if (finding.SuppressedBy is { } by)
            {
                by.Uses++;
            }
        }
    }

    /// <summary>
    /// Reports each valid suppression that names no entry of the lists (in force or not), no package of the resolved
    /// graph and no model-file item: it can never suppress anything, which is most often a misspelling. When the graph
    /// could not be read, or a list has errors (so some of its entries may be missing), what is unknown is not held
    /// against a suppression: it is not reported.
    /// </summary>
    public static void ReportNamingNothing(List<Suppression> suppressions, ResolvedControlList list, IReadOnlyList<ResolvedPackage>? packages, IReadOnlyCollection<string> modelPaths, ReportData report)
    {
        foreach (var suppression in suppressions.Where(s => s.IsValid && s.Uses == 0))
        {
            var target = Normalise(suppression.Target);
            var named = list.HasErrors
                || list.Entries.Concat(list.InactiveEntries).Any(e => NameMatches(target, e.Id))
                || packages is null
                || packages.Any(p => NameMatches(target, p.Id))
                || modelPaths.Any(p => PathMatches(target, p));
            if (!named)
            {
                report.Add(DiagnosticIds.InvalidSetting, LogLevel.Warning, suppression.Location,
                    $"ExportLintSuppress '{suppression.Target}' names no entry of the control lists in use, no package of the resolved graph and no model-file item, so it suppresses nothing; check the spelling (an entry id such as EXL-P-GPU-COMPUTE, a package id, or a project-relative model path such as models/weights.gguf)");
            }
        }
    }

    /// <summary>A target as it is compared: '\' as '/', without leading './'.</summary>
    public static string Normalise(string target)
    {
        var result = target.Trim().Replace('\\', '/');
        while (result.StartsWith("./", StringComparison.Ordinal))
        {
            result = result.Substring(2).TrimStart('/');
        }

        return result;
    }

    private static bool NameMatches(string target, string name) =>
        target.IndexOfAny(Wildcards) >= 0 ? Glob.ForName(target, ignoreCase: true).IsMatch(name) : string.Equals(target, name, StringComparison.OrdinalIgnoreCase);

    private static bool PathMatches(string target, string path) =>
        target.IndexOfAny(Wildcards) >= 0 ? Glob.ForPath(target).IsMatch(Normalise(path)) : string.Equals(target, Normalise(path), StringComparison.OrdinalIgnoreCase);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
