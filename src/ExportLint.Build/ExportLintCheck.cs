using System.Globalization;
using System.Text.RegularExpressions;
using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.IO;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.ModelFiles;
using Microsoft.Build.Framework;
using NuGet.ProjectModel;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ExportLint.Build;

/// <summary>
/// Checks a project against the control lists after restore: restricted packages in the whole resolved graph
/// (EXL0100), packages that ship GPU binaries (EXL0101) and model files among the project's items (EXL0102).
/// Writes a JSON report. Never throws: every failure becomes a diagnostic with an ExportLint code.
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

    /// <summary>The control lists to load (<c>$(ExportLintControlList)</c>); none means the shipped default.</summary>
    public ITaskItem[] ControlLists { get; set; } = [];

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

    /// <summary>What the check found and logged: the CLI runs this same check and reads it from here.</summary>
    internal ReportData Report => _report;

    /// <summary>How the model-file check opens a file; tests replace it to inject a failure that root cannot produce.</summary>
    internal Func<string, Stream> OpenFile { get; set; } = ModelFileCheck.OpenRegularFile;

    /// <summary>True when the check ran (a skipped, up-to-date target leaves it unset: the replay step uses that).</summary>
    [Output]
    public bool Ran { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        Ran = true;
        try
        {
            Run();
        }
        catch (Exception ex)
        {
            LogDiagnostic(DiagnosticIds.BuildTaskFailed, LogLevel.Error, FileLocation.Of(ProjectPath),
                $"ExportLint could not check this project: {ex.GetType().Name}: {ex.Message}. Please report it with the build log.");
        }

        try
        {
            if (!string.IsNullOrEmpty(ReportPath))
            {
                ReportWriter.Write(ReportPath!, _report, Day().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrEmpty(ReplayPath))
            {
                var logged = _report.Diagnostics.Concat(_report.Findings.Where(f => f.SuppressedBy is null).Select(f => new LoggedDiagnostic(f.Id, f.Level, f.Message, f.Location))).ToList();
                if (logged.Count == 0)
                {
                    File.Delete(ReplayPath);
                }
                else
                {
                    File.WriteAllLines(ReplayPath, logged.Select(ReplayFile.Format));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, DiagnosticIds.BuildTaskFailed, null, ProjectPath, 0, 0, 0, 0, $"ExportLint could not write its report '{ReportPath}': {ex.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private void Run()
    {
        var projectName = string.IsNullOrEmpty(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectPath) : ProjectName!;
        var failOn = (FailOn ?? string.Empty).Trim().ToLowerInvariant();
        if (failOn is not ("never" or "error" or "warning"))
        {
            if (failOn.Length > 0)
            {
                Log.LogWarning(null, DiagnosticIds.BuildTaskFailed, null, ProjectPath, 0, 0, 0, 0, $"ExportLintFailOn is '{FailOn}'; it may be never, error or warning. Using error.");
            }

            failOn = "error";
        }

        _report.ToolVersion = typeof(ExportLintCheck).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        _report.ProjectPath = ProjectPath;
        _report.ProjectName = projectName;
        _report.AssetsFile = AssetsFile;
        _report.FailOn = failOn;
        _report.SkipGeneratedCode = SkipGeneratedCode;

        var list = LoadControlLists();
        var project = ProjectXmlLocations.Read(ProjectPath);
        var central = ProjectXmlLocations.Read(CentralPackagesFile);
        var suppressions = ReadSuppressions(project);

        var findings = new List<BuildFinding>();
        var lockFile = ReadAssetsFile();
        if (lockFile is not null)
        {
            var packages = PackageGraph.Resolve(lockFile, projectName);
            _report.PackageCount = packages.Count;
            _report.Packages.AddRange(packages);
            foreach (var target in lockFile.Targets)
            {
                var name = target.TargetFramework.GetShortFolderName();
                if (!_report.TargetFrameworks.Contains(name))
                {
                    _report.TargetFrameworks.Add(name);
                }
            }

            findings.AddRange(PackageCheck.Run(list, packages, project, central, ProjectPath));
            if (Online && findings.Count > 0)
            {
                var sources = string.IsNullOrWhiteSpace(OnlineSources)
                    ? lockFile.PackageSpec?.RestoreMetadata?.Sources.Select(s => s.Source).ToList() ?? []
                    : OnlineSources!.Split([';'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList();
                foreach (var problem in OnlineMetadata.Enrich(findings, sources, TimeSpan.FromMilliseconds(Math.Max(100, OnlineTimeoutMilliseconds))))
                {
                    LogDiagnostic(DiagnosticIds.FeedUnreachable, LogLevel.Warning, FileLocation.Of(ProjectPath), problem);
                }
            }
        }

        var modelFiles = ModelFileCheck.Run(list, ModelFileCandidates, Path.GetDirectoryName(ProjectPath) ?? ".", OpenFile);
        findings.AddRange(modelFiles.Findings);
        foreach (var (path, location, reason) in modelFiles.Unreadable)
        {
            LogDiagnostic(DiagnosticIds.FileUnreadable, LogLevel.Warning, location, ModelFileCheck.UnreadableMessage(path, reason));
        }

        foreach (var finding in findings)
        {
            finding.Level = Policy(finding.Entry.Severity, failOn);
            finding.SuppressedBy = suppressions.FirstOrDefault(s => s.IsValid && Suppresses(s, finding));
            if (finding.SuppressedBy is { } by)
            {
                by.Uses++;
            }
        }

        _report.Findings.AddRange(findings);
        _report.Suppressions.AddRange(suppressions);
        foreach (var finding in findings.Where(f => f.SuppressedBy is null))
        {
            Emit(finding.Id, finding.Level, finding.Location, finding.Message);
        }

        var active = findings.Where(f => f.SuppressedBy is null).ToList();
        var errors = active.Count(f => f.Level == LogLevel.Error);
        var warnings = active.Count(f => f.Level == LogLevel.Warning);
        var suppressed = findings.Count - active.Count;
        var expired = suppressions.Count(s => s.Expired);
        Log.LogMessage(MessageImportance.High,
            $"ExportLint: {Plural(active.Count, "finding")} ({Plural(errors, "error")}, {Plural(warnings, "warning")}), {suppressed} suppressed, {Plural(expired, "expired suppression")} in {projectName}; report: {ReportPath}");
    }

    private static string Plural(int count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>Severity to log level under the project's policy: only FailOn decides what fails the build.</summary>
    internal static LogLevel Policy(Severity severity, string failOn) => severity switch
    {
        Severity.Error => failOn == "never" ? LogLevel.Warning : LogLevel.Error,
        Severity.Warning => failOn == "warning" ? LogLevel.Error : LogLevel.Warning,
        _ => LogLevel.Message,
    };

    private static bool Suppresses(Suppression suppression, BuildFinding finding) =>
        string.Equals(suppression.Target, finding.Entry.Id, StringComparison.OrdinalIgnoreCase)
        || (finding.Package is { } package && string.Equals(suppression.Target, package.Id, StringComparison.OrdinalIgnoreCase))
        || (finding.ModelFile is { } file && string.Equals(suppression.Target.Replace('\\', '/'), file.Path, StringComparison.OrdinalIgnoreCase));

    private ResolvedControlList LoadControlLists()
    {
        var documents = new List<ControlListDocument>();
        foreach (var item in ControlLists)
        {
            var path = item.GetMetadata("FullPath");
            if (string.IsNullOrEmpty(path))
            {
                path = item.ItemSpec;
            }

            var document = FileSystemControlListResolver.TryRead(path, out var error);
            if (document is null)
            {
                LogDiagnostic(DiagnosticIds.ListUnresolvedReference, LogLevel.Error, FileLocation.Of(ProjectPath), $"{error} (ExportLintControlList)");
                continue;
            }

            documents.Add(document);
        }

        var useDefault = UseDefaultList && ControlLists.Length == 0;
        var list = ControlListLoader.Load(documents, new FileSystemControlListResolver(documents), new ControlListLoadOptions { UseDefaultList = useDefault, AsOf = Day() });
        foreach (var problem in list.Problems)
        {
            LogDiagnostic(problem.DiagnosticId, problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning,
                new FileLocation(problem.Path, problem.Position.Line, problem.Position.Column), problem.Message);
        }

        foreach (var loaded in list.Lists)
        {
            _report.ControlLists.Add((loaded.Id, loaded.Version ?? string.Empty, loaded.Path));
        }

        return list;
    }

    /// <summary>The day lists are evaluated for and suppressions expire against: <see cref="Today"/>, else today (UTC).</summary>
    private DateTime Day() =>
        !string.IsNullOrEmpty(Today) && DateTime.TryParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var given)
            ? given.Date
            : DateTime.UtcNow.Date;

    private List<Suppression> ReadSuppressions(ProjectXmlLocations project)
    {
        var today = Day();

        var result = new List<Suppression>();
        foreach (var item in Suppressions)
        {
            var suppression = new Suppression
            {
                Target = item.ItemSpec.Trim(),
                Justification = NullIfBlank(item.GetMetadata("Justification")),
                Until = NullIfBlank(item.GetMetadata("Until")),
                Location = project.Find("ExportLintSuppress", item.ItemSpec.Trim()) ?? FileLocation.Of(ProjectPath),
            };
            result.Add(suppression);
            if (suppression.Justification is null)
            {
                suppression.Problem = "no justification";
                LogDiagnostic(DiagnosticIds.InvalidSuppression, LogLevel.Error, suppression.Location,
                    $"ExportLintSuppress '{suppression.Target}' has no Justification; a suppression must say why, so it is not applied");
                continue;
            }

            if (suppression.Until is { } until)
            {
                if (!DateTime.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    suppression.Problem = "invalid Until";
                    LogDiagnostic(DiagnosticIds.InvalidSuppression, LogLevel.Error, suppression.Location,
                        $"ExportLintSuppress '{suppression.Target}' has Until='{until}', which is not a yyyy-mm-dd date; it is not applied");
                }
                else if (date.Date < today.Date)
                {
                    suppression.Problem = "expired";
                    suppression.Expired = true;
                    LogDiagnostic(DiagnosticIds.InvalidSuppression, LogLevel.Warning, suppression.Location,
                        $"ExportLintSuppress '{suppression.Target}' expired on {until}; it is no longer applied (justification was: {suppression.Justification})");
                }
            }
        }

        return result;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private LockFile? ReadAssetsFile()
    {
        if (string.IsNullOrEmpty(AssetsFile) || !File.Exists(AssetsFile))
        {
            Log.LogMessage(MessageImportance.Normal, $"ExportLint: no assets file ('{AssetsFile}'); restore has not run, so packages are not checked.");
            return null;
        }

        // Restore writes a regular file; anything else (a FIFO would block the read for ever) is reported, not opened.
        if (!RegularFile.Check(AssetsFile!, out _, out var notRegular))
        {
            ReportUnreadableAssets(notRegular + ".");
            return null;
        }

        var logger = new CollectingLogger();
        LockFile lockFile;
        try
        {
            lockFile = new LockFileFormat().Read(AssetsFile!, logger);
        }
        catch (Exception ex)
        {
            ReportUnreadableAssets(ex.InnerException?.Message ?? ex.Message);
            return null;
        }

        if (logger.Errors.Count > 0 || lockFile.Version <= 0)
        {
            ReportUnreadableAssets(logger.Errors.Count > 0 ? string.Join(" ", logger.Errors) : "it has no version");
            return null;
        }

        return lockFile;
    }

    private static readonly Regex JsonPosition = new(@"line (\d+), position (\d+)|LineNumber: (\d+) \| BytePositionInLine: (\d+)", RegexOptions.CultureInvariant);

    private void ReportUnreadableAssets(string detail)
    {
        var line = 0;
        var column = 0;
        var match = JsonPosition.Match(detail);
        if (match.Success)
        {
            line = int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[3].Value, CultureInfo.InvariantCulture);
            column = int.Parse(match.Groups[2].Success ? match.Groups[2].Value : match.Groups[4].Value, CultureInfo.InvariantCulture);
            if (match.Groups[3].Success)
            {
                // System.Text.Json counts from zero.
                line++;
                column++;
            }
        }

        LogDiagnostic(DiagnosticIds.AssetsFileUnreadable, LogLevel.Error, new FileLocation(AssetsFile!, line, column),
            $"the assets file could not be read, so packages were not checked: {detail} Run a restore ('dotnet restore') to write it again.");
    }

    private void LogDiagnostic(string id, LogLevel level, FileLocation location, string message)
    {
        _report.Diagnostics.Add(new LoggedDiagnostic(id, level, message, location));
        Emit(id, level, location, message);
    }

    private void Emit(string id, LogLevel level, FileLocation location, string message) =>
        Emit(Log, id, level, location, message);

    internal static void Emit(Microsoft.Build.Utilities.TaskLoggingHelper log, string id, LogLevel level, FileLocation location, string message)
    {
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

    private sealed class CollectingLogger : NuGet.Common.LoggerBase
    {
        public List<string> Errors { get; } = [];

        public override void Log(NuGet.Common.ILogMessage message)
        {
            if (message.Level >= NuGet.Common.LogLevel.Error)
            {
                Errors.Add(message.Message);
            }
        }

        public override Task LogAsync(NuGet.Common.ILogMessage message)
        {
            Log(message);
            return Task.CompletedTask;
        }
    }
}
