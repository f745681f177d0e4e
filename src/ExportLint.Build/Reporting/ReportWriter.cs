using ExportLint.ControlLists;
using ExportLint.Reports;

namespace ExportLint.Build.Reporting;

/// <summary>
/// Writes the per-project JSON report: the report model every surface writes (ExportLint.Reports), with one project.
/// Paths stay absolute, as the build log's are.
/// </summary>
internal static class ReportWriter
{
    public static void Write(string path, ReportData data, string asOf) =>
        JsonReport.Write(path, ReportConversion.ToReport(data, asOf, p => p));
}

/// <summary>Everything one report holds.</summary>
internal sealed class ReportData
{
    public string ToolVersion { get; set; } = string.Empty;

    public string ProjectPath { get; set; } = string.Empty;

    public string ProjectName { get; set; } = string.Empty;

    public string? AssetsFile { get; set; }

    public string FailOn { get; set; } = "error";

    public List<string> TargetFrameworks { get; } = [];

    public List<(string Id, string Version, string Path)> ControlLists { get; } = [];

    public List<BuildFinding> Findings { get; } = [];

    public List<Suppression> Suppressions { get; } = [];

    /// <summary>Problems that are not findings (control lists, suppressions, feeds, the assets file), replayed on no-op builds.</summary>
    public List<LoggedDiagnostic> Diagnostics { get; } = [];

    public int PackageCount { get; set; }

    /// <summary>Whether the analyzers were told to leave generated code out (<c>ExportLintSkipGeneratedCode</c>).</summary>
    public bool SkipGeneratedCode { get; set; }

    /// <summary>Every package of the resolved graph (the CLI's inventory).</summary>
    public List<Packages.ResolvedPackage> Packages { get; } = [];

    /// <summary>Records a problem that is not a finding; the task logs every one of them in one place.</summary>
    public void Add(string id, LogLevel level, Packages.FileLocation location, string message) =>
        Diagnostics.Add(new LoggedDiagnostic(id, level, message, location));
}

/// <summary>A diagnostic as it was logged.</summary>
internal sealed record LoggedDiagnostic(string Id, LogLevel Level, string Message, Packages.FileLocation Location);
