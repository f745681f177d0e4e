using ExportLint.Build.Check;
using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ExportLint.Build;

/// <summary>
/// The MSBuild task: checks a project against the control lists after restore — restricted packages in the whole
/// resolved graph (EXL0100), packages that ship GPU binaries (EXL0101), model files among the project's items and
/// in its packages (EXL0102) — and writes a JSON report. This class only adapts MSBuild to the check
/// (<see cref="ProjectCheck"/>), logs what it recorded, in one place, and writes the report and the replay file.
/// Never throws: every failure becomes a diagnostic with an ExportLint code.
/// </summary>
public sealed class ExportLintCheck : MSBuildTask
{
    private readonly ReportData _report = new();

    /// <summary>The project file (<c>$(MSBuildProjectFullPath)</c>).</summary>
    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The project's name, first step of every dependency path (<c>$(MSBuildProjectName)</c>).</summary>
    public string? ProjectName { get; set; }

    /// <summary>The assets file restore wrote (<c>$(ProjectAssetsFile)</c>).</summary>
    public string? AssetsFile { get; set; }

    /// <summary>Directory.Packages.props, when central package management is on.</summary>
    public string? CentralPackagesFile { get; set; }

    /// <summary>The control lists to load (<c>$(ExportLintControlList)</c> as items); none means the shipped default.</summary>
    public ITaskItem[] ControlLists { get; set; } = [];

    /// <summary>
    /// <c>$(ExportLintControlList)</c> as written: when it is set, the default list is never used in its place, and a
    /// part that names no file (a wildcard that matched nothing gives MSBuild no item) is an error.
    /// </summary>
    public string? ControlListProperty { get; set; }

    /// <summary>Whether the shipped default list is used when no list is given.</summary>
    public bool UseDefaultList { get; set; } = true;

    /// <summary><c>never</c>, <c>error</c> (the default) or <c>warning</c>.</summary>
    public string? FailOn { get; set; }

    /// <summary>
    /// <c>ExportLintSkipGeneratedCode</c>: the analyzers leave generated code out. The task does not analyse code; it
    /// records the opt-out in the report, since findings in generated code are then missing by choice.
    /// </summary>
    public bool SkipGeneratedCode { get; set; }

    /// <summary><c>ExportLintSuppress</c> items: an entry id or package id, with Justification and Until.</summary>
    public ITaskItem[] Suppressions { get; set; } = [];

    /// <summary>Project items that may be model files, with <c>ExportLintItemType</c> metadata.</summary>
    public ITaskItem[] ModelFileCandidates { get; set; } = [];

    /// <summary>Where the JSON report goes.</summary>
    public string? ReportPath { get; set; }

    /// <summary>Where the replay file goes: what this check logged, for the replay on a no-op build. Deleted when nothing was logged.</summary>
    public string? ReplayPath { get; set; }

    /// <summary>Opt-in: enrich findings with package metadata from the feeds.</summary>
    public bool Online { get; set; }

    /// <summary>Feeds for the online look-up; the restore sources recorded in the assets file when empty.</summary>
    public string? OnlineSources { get; set; }

    /// <summary>The whole online look-up's time limit, in milliseconds.</summary>
    public int OnlineTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>The day suppressions expire against (yyyy-mm-dd); today when empty. For tests.</summary>
    public string? Today { get; set; }

    /// <summary>The exportlint CLI sets this false: it loads and reports the lists once per scan, not once per project.</summary>
    internal bool ReportListProblems { get; set; } = true;

    /// <summary>What the check found and logged: the CLI runs this same check and reads it from here.</summary>
    internal ReportData Report => _report;

    /// <summary>How the model-file checks open a file; tests replace it to inject a failure that root cannot produce.</summary>
    internal Func<string, Stream> OpenFile { get; set; } = ModelFileCheck.OpenRegularFile;

    /// <summary>True when the check ran (a skipped, up-to-date target leaves it unset: the replay step uses that).</summary>
    [Output]
    public bool Ran { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        Ran = true;
        ProjectCheck? check = null;
        try
        {
            check = new ProjectCheck(Inputs());
            check.Run(_report);
        }
        catch (Exception ex)
        {
            _report.Add(DiagnosticIds.BuildTaskFailed, LogLevel.Error, FileLocation.Of(ProjectPath),
                $"ExportLint could not check this project: {ex.GetType().Name}: {ex.Message}. Please report it with the build log.");
        }

        try
        {
            foreach (var note in check?.Notes ?? [])
            {
                Log.LogMessage(MessageImportance.Normal, note);
            }

            var logged = Logged().ToList();
            foreach (var diagnostic in logged)
            {
                Emit(Log, diagnostic);
            }

            Log.LogMessage(MessageImportance.High, Summary());
            WriteOutputs(check?.Day ?? ExportLintClock.Today, logged);
        }
        catch (Exception ex)
        {
            // Never MSB4018, even if logging or writing fails in a way nobody foresaw.
            Log.LogError(null, DiagnosticIds.BuildTaskFailed, null, DiagnosticIds.HelpLink(DiagnosticIds.BuildTaskFailed), ProjectPath, 0, 0, 0, 0,
                $"ExportLint could not finish checking this project: {ex.GetType().Name}: {ex.Message}. Please report it with the build log.");
        }

        return !Log.HasLoggedErrors;
    }

    private CheckInputs Inputs() => new()
    {
        ProjectPath = ProjectPath,
        SkipGeneratedCode = SkipGeneratedCode,
        ReportListProblems = ReportListProblems,
        ProjectName = ProjectName,
        AssetsFile = AssetsFile,
        CentralPackagesFile = CentralPackagesFile,
        ControlLists = ControlLists.Select(item => item.GetMetadata("FullPath") is { Length: > 0 } full ? full : item.ItemSpec).ToList(),
        ControlListProperty = ControlListProperty,
        UseDefaultList = UseDefaultList,
        FailOn = FailOn,
        Today = Today,
        Suppressions = Suppressions,
        ModelFileCandidates = ModelFileCandidates,
        Online = Online,
        OnlineSources = OnlineSources,
        OnlineTimeoutMilliseconds = OnlineTimeoutMilliseconds,
        OpenFile = OpenFile,
    };

    /// <summary>Everything the check logs, in order: its problems, then the findings no suppression silenced.</summary>
    private IEnumerable<LoggedDiagnostic> Logged() =>
        _report.Diagnostics.Concat(_report.Findings.Where(f => f.SuppressedBy is null).Select(f => new LoggedDiagnostic(f.Id, f.Level, f.Message, f.Location)));

    private string Summary()
    {
        var active = _report.Findings.Where(f => f.SuppressedBy is null).ToList();
        var errors = active.Count(f => f.Level == LogLevel.Error);
        var warnings = active.Count(f => f.Level == LogLevel.Warning);
        var suppressed = _report.Findings.Count - active.Count;
        var expired = _report.Suppressions.Count(s => s.Expired);
        return $"ExportLint: {Plural(active.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}), {suppressed} suppressed, {Plural(expired, "expired suppression")} in {_report.ProjectName}; report: {ReportPath}";
    }

    private static string Plural(int count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>The report and the replay file; one that cannot be written is EXL0109, logged and kept in the replay.</summary>
    private void WriteOutputs(DateTime day, List<LoggedDiagnostic> logged)
    {
        if (!string.IsNullOrEmpty(ReportPath))
        {
            try
            {
                ReportWriter.Write(ReportPath!, _report, CheckSettings.Format(day));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
            {
                var unwritable = new LoggedDiagnostic(DiagnosticIds.ReportUnwritable, LogLevel.Warning,
                    $"ExportLint could not write its report '{ReportPath}', so this check's findings are only in the build log: {ex.Message}", FileLocation.Of(ProjectPath));
                _report.Diagnostics.Add(unwritable);
                logged.Add(unwritable);
                Emit(Log, unwritable);
            }
        }

        if (string.IsNullOrEmpty(ReplayPath))
        {
            return;
        }

        try
        {
            if (logged.Count == 0)
            {
                File.Delete(ReplayPath);
            }
            else
            {
                File.WriteAllLines(ReplayPath, logged.Select(ReplayFile.Format));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            var unwritable = new LoggedDiagnostic(DiagnosticIds.ReportUnwritable, LogLevel.Warning,
                $"ExportLint could not write its replay file '{ReplayPath}', so an up-to-date build will not show this check's diagnostics again: {ex.Message}", FileLocation.Of(ProjectPath));
            _report.Diagnostics.Add(unwritable);
            Emit(Log, unwritable);
        }
    }

    /// <summary>The one way ExportLint's build tasks log a diagnostic: its code, help link, place and level.</summary>
    internal static void Emit(Microsoft.Build.Utilities.TaskLoggingHelper log, LoggedDiagnostic diagnostic)
    {
        var (id, level, message, location) = (diagnostic.Id, diagnostic.Level, diagnostic.Message, diagnostic.Location);
        var help = DiagnosticIds.HelpLink(id);
        switch (level)
        {
            case LogLevel.Error:
                log.LogError(null, id, null, help, location.File, location.Line, location.Column, 0, 0, message);
                break;
            case LogLevel.Warning:
                log.LogWarning(null, id, null, help, location.File, location.Line, location.Column, 0, 0, message);
                break;
            default:
                log.LogMessage(null, id, null, location.File, location.Line, location.Column, 0, 0, MessageImportance.High, message);
                break;
        }
    }
}
