using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using Microsoft.Build.Framework;

namespace ExportLint.Build.Check;

/// <summary>What one check of a project is given (the task's parameters, with nothing of MSBuild's logging).</summary>
internal sealed class CheckInputs
{
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Recorded in the report: the analyzers were told to leave generated code out.</summary>
    public bool SkipGeneratedCode { get; set; }

    /// <summary>False when the caller loads and reports the same lists itself (the CLI): the check then leaves them out.</summary>
    public bool ReportListProblems { get; set; } = true;

    public string? ProjectName { get; set; }

    public string? AssetsFile { get; set; }

    public string? CentralPackagesFile { get; set; }

    /// <summary>Full paths of the lists MSBuild made of the property.</summary>
    public IReadOnlyList<string> ControlLists { get; set; } = [];

    /// <summary>The raw property; null when there is none (the CLI gives paths only).</summary>
    public string? ControlListProperty { get; set; }

    public bool UseDefaultList { get; set; } = true;

    public string? FailOn { get; set; }

    public string? Today { get; set; }

    public ITaskItem[] Suppressions { get; set; } = [];

    public ITaskItem[] ModelFileCandidates { get; set; } = [];

    public bool Online { get; set; }

    public string? OnlineSources { get; set; }

    public int OnlineTimeoutMilliseconds { get; set; } = 5000;

    public Func<string, Stream> OpenFile { get; set; } = ModelFileCheck.OpenRegularFile;
}

/// <summary>
/// The check itself: settings, lists, suppressions, the assets file, packages and their files, model-file items,
/// the policy. It logs nothing: everything it finds or cannot do goes into the <see cref="ReportData"/> it fills, which
/// the task logs in one place (and the CLI reads).
/// </summary>
internal sealed class ProjectCheck
{
    private readonly CheckInputs _inputs;

    public ProjectCheck(CheckInputs inputs) => _inputs = inputs;

    /// <summary>The day the check judged dates on; today (UTC) until the settings are read.</summary>
    public DateTime Day { get; private set; } = ExportLintClock.Today;

    /// <summary>Messages for the build log that are not diagnostics (no assets file yet).</summary>
    public List<string> Notes { get; } = [];

    public void Run(ReportData report)
    {
        var inputs = _inputs;
        var projectFile = FileLocation.Of(inputs.ProjectPath);
        var projectName = string.IsNullOrEmpty(inputs.ProjectName) ? Path.GetFileNameWithoutExtension(inputs.ProjectPath) : inputs.ProjectName!;
        report.ToolVersion = typeof(ExportLintCheck).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        report.ProjectPath = inputs.ProjectPath;
        report.ProjectName = projectName;
        report.AssetsFile = inputs.AssetsFile;

        var settings = CheckSettings.Parse(inputs.FailOn, inputs.Today, projectFile, report);
        Day = settings.Day;
        report.FailOn = settings.FailOn;
        report.SkipGeneratedCode = inputs.SkipGeneratedCode;

        var list = ControlListSet.Load(inputs.ControlLists, inputs.ControlListProperty, inputs.UseDefaultList, settings.Day, projectFile, report, inputs.ReportListProblems);
        var project = ProjectXmlLocations.Read(inputs.ProjectPath);
        var central = ProjectXmlLocations.Read(inputs.CentralPackagesFile);
        var suppressions = Suppressions.Read(inputs.Suppressions, project, settings.Day, projectFile, report);
        Suppressions.ReportWildcardsMSBuildExpanded(project, suppressions, report);

        var findings = new List<BuildFinding>();
        List<ResolvedPackage>? packages = null;
        var lockFile = AssetsFile.Read(inputs.AssetsFile, report, Notes.Add);
        if (lockFile is not null)
        {
            packages = PackageGraph.Resolve(lockFile, projectName);
            report.PackageCount = packages.Count;
            report.Packages.AddRange(packages);
            foreach (var target in lockFile.Targets)
            {
                var name = target.TargetFramework.GetShortFolderName();
                if (!report.TargetFrameworks.Contains(name))
                {
                    report.TargetFrameworks.Add(name);
                }
            }

            findings.AddRange(PackageCheck.Run(list, packages, project, central, inputs.ProjectPath));
            PackageModelFiles.Run(list, lockFile, packages, p => PackageCheck.Locate(p, project, central, inputs.ProjectPath), inputs.OpenFile, findings, report);
            if (inputs.Online && findings.Count > 0)
            {
                var sources = string.IsNullOrWhiteSpace(inputs.OnlineSources)
                    ? lockFile.PackageSpec?.RestoreMetadata?.Sources.Select(s => s.Source).ToList() ?? []
                    : inputs.OnlineSources!.Split([';'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList();
                foreach (var problem in OnlineMetadata.Enrich(findings, sources, TimeSpan.FromMilliseconds(Math.Max(100, inputs.OnlineTimeoutMilliseconds))))
                {
                    report.Add(DiagnosticIds.FeedUnreachable, LogLevel.Warning, projectFile, problem);
                }
            }
        }

        var projectDirectory = Path.GetDirectoryName(inputs.ProjectPath) ?? ".";
        var modelFiles = ModelFileCheck.Run(list, inputs.ModelFileCandidates, projectDirectory, inputs.OpenFile);
        findings.AddRange(modelFiles.Findings);
        foreach (var (path, location, reason) in modelFiles.Unreadable)
        {
            report.Add(DiagnosticIds.FileUnreadable, LogLevel.Warning, location, ModelFileCheck.UnreadableMessage(path, reason));
        }

        foreach (var finding in findings)
        {
            finding.Level = Policy(finding.Entry.Severity, settings.FailOn);
        }

        Suppressions.Apply(findings, suppressions);
        var modelPaths = inputs.ModelFileCandidates.Select(c => ModelFileCheck.Relative(projectDirectory, c.GetMetadata("FullPath") is { Length: > 0 } full ? full : c.ItemSpec))
            .Concat(findings.Where(f => f.ModelFile is not null).Select(f => f.ModelFile!.Path))
            .ToList();
        Suppressions.ReportNamingNothing(suppressions, list, packages, modelPaths, report);

        report.Findings.AddRange(findings);
        report.Suppressions.AddRange(suppressions);
    }

    /// <summary>Severity to log level under the project's policy: only FailOn decides what fails the build.</summary>
    internal static LogLevel Policy(Severity severity, string failOn) => severity switch
    {
        Severity.Error => failOn == "never" ? LogLevel.Warning : LogLevel.Error,
        Severity.Warning => failOn == "warning" ? LogLevel.Error : LogLevel.Warning,
        _ => LogLevel.Message,
    };
}
