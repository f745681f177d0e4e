using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.Build.Check;

/// <summary>
/// Loads the lists the project names. Every problem in them is reported at its file, line and column; a property
/// that names no file is an error and never falls back to the default list; and a set of lists that leaves no entry
/// in force is said once, since the check then finds nothing.
/// </summary>
internal static class ControlListSet
{
    /// <summary>
    /// Loads <paramref name="paths"/> (the full paths of the items MSBuild made of the property); <paramref name="property"/>
    /// is the raw <c>$(ExportLintControlList)</c>, or null when the caller has no property (the CLI).
    /// </summary>
    /// <remarks>
    /// With <paramref name="reportProblems"/> false the lists' own problems are left to the caller, which loaded the same
    /// lists itself (the CLI, which reports them once per scan, not once per project).
    /// </remarks>
    public static ResolvedControlList Load(IReadOnlyList<string> paths, string? property, bool useDefaultList, DateTime day, FileLocation project, ReportData report, bool reportProblems = true)
    {
        var problems = reportProblems ? report : new ReportData();
        var documents = new List<ControlListDocument>();
        foreach (var path in paths)
        {
            var document = FileSystemControlListResolver.TryRead(path, out var error);
            if (document is null)
            {
                problems.Add(DiagnosticIds.ListUnresolvedReference, LogLevel.Error, project, $"{error} (ExportLintControlList)");
                continue;
            }

            documents.Add(document);
        }

        var named = !string.IsNullOrWhiteSpace(property);
        if (named)
        {
            ReportPartsNamingNoFile(property!, paths, Path.GetDirectoryName(project.File) ?? ".", project, problems);
        }

        // Lists were asked for: whatever became of them, the default list is not used in their place.
        var useDefault = useDefaultList && paths.Count == 0 && !named;
        var list = ControlListLoader.Load(documents, new FileSystemControlListResolver(documents), new ControlListLoadOptions { UseDefaultList = useDefault, AsOf = day });
        foreach (var problem in list.Problems)
        {
            problems.Add(problem.DiagnosticId, LogLevels.Of(problem.ReportedSeverity),
                new FileLocation(problem.Path, problem.Position.Line, problem.Position.Column), problem.Message);
        }

        foreach (var loaded in list.Lists)
        {
            report.ControlLists.Add((loaded.Id, loaded.Version ?? string.Empty, loaded.Path));
        }

        if (list.Lists.Length > 0 && list.Entries.Length == 0)
        {
            var ids = string.Join(", ", list.Lists.Select(l => l.Id));
            var inactive = list.InactiveEntries.Length == 0 ? string.Empty : $" ({list.InactiveEntries.Length} not in force on that day)";
            problems.Add(DiagnosticIds.InvalidSetting, LogLevel.Warning, project,
                $"the control lists in use ({ids}) leave no entry in force on {CheckSettings.Format(day)}{inactive}: every entry is disabled, not yet effective or expired, so this check finds nothing");
        }

        return list;
    }

    /// <summary>
    /// A part of the property with a wildcard that matched no file gives MSBuild no item: said as an error, as a list
    /// that does not exist is (a path without wildcards arrives as an item and is reported when it is read).
    /// </summary>
    private static void ReportPartsNamingNoFile(string property, IReadOnlyList<string> paths, string projectDirectory, FileLocation project, ReportData report)
    {
        var given = paths.Select(p => Path.GetFullPath(p).Replace('\\', '/')).ToList();
        foreach (var part in property.Split([';'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (part.IndexOfAny(['*', '?']) < 0)
            {
                continue;
            }

            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(projectDirectory, part)).Replace('\\', '/');
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                full = part;
            }

            var glob = Glob.ForPath(full);
            if (!given.Any(glob.IsMatch))
            {
                report.Add(DiagnosticIds.ListUnresolvedReference, LogLevel.Error, project,
                    $"ExportLintControlList names '{part}', which matches no file, so no control list was loaded from it; the default list is not used in its place (ExportLintControlList)");
            }
        }

        if (paths.Count == 0 && !property.Split(';').Any(p => p.Trim().Length > 0 && p.IndexOfAny(['*', '?']) >= 0))
        {
            report.Add(DiagnosticIds.ListUnresolvedReference, LogLevel.Error, project,
                $"ExportLintControlList is '{property}', which names no file, so no control list was loaded; the default list is not used in its place (ExportLintControlList)");
        }
    }
}
