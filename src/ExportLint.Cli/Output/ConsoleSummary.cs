using System.Globalization;
using ExportLint.Reports;

namespace ExportLint.Cli;

/// <summary>
/// What <c>scan</c> and <c>merge</c> print on stdout: findings and problems as a compiler prints diagnostics (warnings
/// and errors; info too with <c>--verbose</c>), then a summary table by category and severity, the projects that were
/// not scanned semantically, and where the reports went.
/// </summary>
internal static class ConsoleSummary
{
    public static void Write(TextWriter output, Report report, Verbosity verbosity, IReadOnlyList<string> written)
    {
        if (verbosity != Verbosity.Quiet)
        {
            foreach (var finding in report.Findings.Where(f => f.Suppression is null && (verbosity == Verbosity.Verbose || f.Level != Levels.Message)))
            {
                output.WriteLine($"{finding.Location}: {LevelWord(finding.Level)} {finding.Id}: {finding.Message}{(finding.Confidence == Confidences.High ? string.Empty : " [confidence: " + finding.Confidence + "]")}");
            }

            foreach (var problem in report.Problems.Where(p => verbosity == Verbosity.Verbose || p.Level != Levels.Message))
            {
                output.WriteLine($"{problem.Location}: {LevelWord(problem.Level)} {problem.Id}: {problem.Message}");
            }

            output.WriteLine();
        }

        var lists = string.Join(", ", report.ControlLists.Select(l => l.Id + (l.Version.Length > 0 ? " " + l.Version : string.Empty)));
        output.WriteLine($"ExportLint {report.Tool.Version} — as of {report.AsOf}{(report.Shard is null ? string.Empty : ", shard " + report.Shard)}; lists: {lists}");
        var s = report.Summary;
        output.WriteLine($"Projects: {s.Projects} ({s.Projects - s.ProjectsInSourceMode - s.ProjectsNotAnalysed} semantic, {s.ProjectsInSourceMode} from source, {s.ProjectsNotAnalysed} not analysed); C# files: {s.Files}; model files: {s.ModelFiles}; packages: {s.Packages}");
        output.WriteLine();

        var active = report.Findings.Where(f => f.Suppression is null).ToList();
        var categories = active.Select(f => f.Category).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
        var width = Math.Max(20, categories.Select(c => c.Length).DefaultIfEmpty(0).Max() + 2);
        output.WriteLine($"{"category".PadRight(width)}{"info",8}{"warning",9}{"error",7}{"total",7}");
        foreach (var category in categories)
        {
            var of = active.Where(f => f.Category == category).ToList();
            output.WriteLine($"{category.PadRight(width)}{Count(of, "info"),8}{Count(of, "warning"),9}{Count(of, "error"),7}{of.Count,7}");
        }

        output.WriteLine($"{"all".PadRight(width)}{Count(active, "info"),8}{Count(active, "warning"),9}{Count(active, "error"),7}{active.Count,7}");
        output.WriteLine();
        output.WriteLine($"Findings: {s.Findings} ({s.Errors} failing under --fail-on {report.FailOn}), {s.Suppressed} suppressed; problems: {s.Problems}{(report.Problems.Any(p => p.Incomplete) ? " — the scan is incomplete" : string.Empty)}");
        if (report.Baseline is { } baseline)
        {
            var newFailing = report.Findings.Count(f => f.Suppression is null && f.Level == Levels.Error && f.BaselineState == BaselineStates.New);
            output.WriteLine($"Baseline {baseline.Path}: {baseline.New} new, {baseline.Unchanged} unchanged, {baseline.Absent} absent; {newFailing} new at or above --fail-on {report.FailOn}");
        }

        foreach (var project in report.Projects.Where(p => p.Mode != ScanModes.Semantic))
        {
            output.WriteLine($"  {project.Path}: {project.Mode} — {project.Reason}");
        }

        foreach (var path in written)
        {
            output.WriteLine("Report: " + path);
        }
    }

    private static string Count(List<Finding> findings, string severity) =>
        findings.Count(f => f.Severity == severity).ToString(CultureInfo.InvariantCulture);

    private static string LevelWord(string level) => level switch
    {
        Levels.Error => "error",
        Levels.Warning => "warning",
        _ => "info",
    };
}
