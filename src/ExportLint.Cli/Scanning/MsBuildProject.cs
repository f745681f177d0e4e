using System.Globalization;
using ExportLint.Build;
using ExportLint.ControlLists;
using ExportLint.Reports;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ExportLint.Cli.Scanning;

/// <summary>What MSBuild's evaluation says about a project: where its assets file is, its items, its settings.</summary>
internal sealed class ProjectFacts
{
    public string Name { get; set; } = string.Empty;

    public string? AssetsFile { get; set; }

    public string? CentralPackagesFile { get; set; }

    public List<string> TargetFrameworks { get; } = [];

    /// <summary>Content, EmbeddedResource and copied None items: what the build's model-file check looks at.</summary>
    public List<(string FullPath, string ItemType, string? PackageId)> ModelCandidates { get; } = [];

    public List<(string Target, string? Justification, string? Until)> Suppressions { get; } = [];

    /// <summary>C# files the project compiles.</summary>
    public List<string> CompileItems { get; } = [];
}

/// <summary>
/// The parts of a project scan that need MSBuild's own types (loaded from the SDK by Microsoft.Build.Locator): the
/// evaluation, and the build task's package and model-file check, run in-process on the same inputs the targets give it.
/// Kept apart so nothing else loads an MSBuild type (on a machine without the SDK, only this fails, and is reported).
/// </summary>
internal static class MsBuildProject
{
    private static readonly object Gate = new();
    private static ProjectCollection? _collection;

    /// <summary>Evaluates a project; throws <see cref="ProjectLoadException"/> with the file, line and column when it cannot.</summary>
    public static ProjectFacts Evaluate(string path)
    {
        lock (Gate)
        {
            _collection ??= new ProjectCollection(new Dictionary<string, string> { ["DesignTimeBuild"] = "true" });
            Project project;
            try
            {
                project = _collection.LoadProject(path);
            }
            catch (InvalidProjectFileException ex)
            {
                throw new ProjectLoadException($"{ex.ProjectFile ?? path}({ex.LineNumber},{ex.ColumnNumber}): {ex.ErrorCode}: {ex.BaseMessage}", ex);
            }

            try
            {
                var facts = new ProjectFacts
                {
                    Name = project.GetPropertyValue("MSBuildProjectName"),
                    AssetsFile = NullIfEmpty(project.GetPropertyValue("ProjectAssetsFile")),
                    CentralPackagesFile = project.GetPropertyValue("ManagePackageVersionsCentrally") == "true" ? NullIfEmpty(project.GetPropertyValue("DirectoryPackagesPropsPath")) : null,
                };
                var frameworks = project.GetPropertyValue("TargetFrameworks");
                facts.TargetFrameworks.AddRange((string.IsNullOrWhiteSpace(frameworks) ? project.GetPropertyValue("TargetFramework") : frameworks)
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

                foreach (var item in project.GetItems("Content"))
                {
                    facts.ModelCandidates.Add((item.GetMetadataValue("FullPath"), "Content", NullIfEmpty(item.GetMetadataValue("NuGetPackageId"))));
                }

                foreach (var item in project.GetItems("EmbeddedResource"))
                {
                    facts.ModelCandidates.Add((item.GetMetadataValue("FullPath"), "EmbeddedResource", NullIfEmpty(item.GetMetadataValue("NuGetPackageId"))));
                }

                foreach (var item in project.GetItems("None"))
                {
                    var copy = item.GetMetadataValue("CopyToOutputDirectory");
                    if ((copy.Length > 0 && copy != "Never") || item.GetMetadataValue("Pack") == "true")
                    {
                        facts.ModelCandidates.Add((item.GetMetadataValue("FullPath"), "None", NullIfEmpty(item.GetMetadataValue("NuGetPackageId"))));
                    }
                }

                foreach (var item in project.GetItems("ExportLintSuppress"))
                {
                    facts.Suppressions.Add((item.EvaluatedInclude, NullIfEmpty(item.GetMetadataValue("Justification")), NullIfEmpty(item.GetMetadataValue("Until"))));
                }

                foreach (var item in project.GetItems("Compile"))
                {
                    facts.CompileItems.Add(item.GetMetadataValue("FullPath"));
                }

                return facts;
            }
            finally
            {
                _collection.UnloadProject(project);
            }
        }
    }

    /// <summary>
    /// Runs the build task's check (restricted packages over the resolved graph with dependency paths, packages that
    /// ship GPU binaries, model files among the items, <c>ExportLintSuppress</c>) and turns what it found into the
    /// report's findings, packages and problems.
    /// </summary>
    public static void Check(string projectPath, ProjectFacts facts, ScanSettings settings, ListSet lists, Func<string, string> reportPath, ScanOutcome outcome)
    {
        var record = outcome.Project!;
        var findings = outcome.Findings;
        var problems = outcome.Problems;
        var models = outcome.Models;
        var task = new ExportLintCheck
        {
            BuildEngine = new QuietBuildEngine(projectPath),
            ProjectPath = projectPath,
            ProjectName = facts.Name,
            AssetsFile = facts.AssetsFile,
            CentralPackagesFile = facts.CentralPackagesFile,
            ControlLists = settings.ControlLists.Select(p => (ITaskItem)new TaskItem(Path.GetFullPath(p))).ToArray(),
            UseDefaultList = lists.UseDefault,
            FailOn = settings.FailOn,
            Suppressions = facts.Suppressions.Select(s => (ITaskItem)new TaskItem(s.Target, Metadata(("Justification", s.Justification), ("Until", s.Until)))).ToArray(),
            ModelFileCandidates = facts.ModelCandidates
                .Select(c => (ITaskItem)new TaskItem(c.FullPath, Metadata(("ExportLintItemType", c.ItemType), ("NuGetPackageId", c.PackageId))))
                .ToArray(),
            Today = lists.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        task.Execute();
        var report = task.Report;
        var factory = new FindingFactory(settings.FailOn);
        foreach (var package in report.Packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version))
        {
            record.Packages.Add(new PackageRecord { Id = package.Id, Version = package.Version.ToNormalizedString(), Direct = package.IsDirect, Path = [.. package.Path] });
        }

        foreach (var found in report.Findings)
        {
            var location = new Location { File = reportPath(found.Location.File), Line = found.Location.Line, Column = found.Location.Column };
            var finding = factory.Create(found.Id, found.Entry, FindingFactory.SeverityName(found.Entry.Severity), found.Message, location, Confidences.High, reportPath(projectPath));
            if (found.Package is { } package)
            {
                finding.Evidence.Package = new PackageEvidence
                {
                    Id = package.Id,
                    Version = package.Version.ToNormalizedString(),
                    Direct = package.IsDirect,
                    Path = [.. package.Path],
                    TargetFrameworks = [.. package.Frameworks],
                    File = found.PackageFile,
                };
            }

            if (found.ModelFile is { } file)
            {
                var fullPath = Path.Combine(Path.GetDirectoryName(projectPath)!, file.Path);
                var inspected = ModelFileInspector.Inspect(fullPath, reportPath(fullPath), settings.MaxHashBytes);
                var model = inspected.Record ?? new ModelFileRecord { Path = reportPath(fullPath), Kind = file.Kind, Length = file.Length, TensorCount = file.TensorCount, ParameterCount = file.ParameterCount };
                model.ItemType = file.ItemType;
                finding.Evidence.ModelFile = model;
                models.Add(model);
            }

            if (found.SuppressedBy is { } by)
            {
                finding.Suppression = new SuppressionRecord { Target = by.Target, Kind = "ExportLintSuppress", Justification = by.Justification, Until = by.Until };
            }

            findings.Add(finding);
        }

        foreach (var suppression in report.Suppressions)
        {
            outcome.Suppressions.Add(new SuppressionRecord
            {
                Target = suppression.Target,
                Kind = "ExportLintSuppress",
                Justification = suppression.Justification,
                Until = suppression.Until,
                Expired = suppression.Expired,
                Location = new Location { File = reportPath(suppression.Location.File), Line = suppression.Location.Line, Column = suppression.Location.Column },
            });
        }

        foreach (var logged in report.Diagnostics)
        {
            // The lists are the CLI's own and are reported once, by the CLI: a list problem here would repeat them.
            if (logged.Id.StartsWith("EXL1", StringComparison.Ordinal))
            {
                continue;
            }

            problems.Add(new Problem
            {
                Id = logged.Id,
                Level = logged.Level switch { Build.Reporting.LogLevel.Error => Levels.Error, Build.Reporting.LogLevel.Warning => Levels.Warning, _ => Levels.Message },
                Message = logged.Message,
                Location = new Location { File = reportPath(logged.Location.File), Line = logged.Location.Line, Column = logged.Location.Column },
                Project = reportPath(projectPath),
            });
        }

        foreach (var framework in report.TargetFrameworks)
        {
            if (!record.TargetFrameworks.Contains(framework))
            {
                record.TargetFrameworks.Add(framework);
            }
        }
    }

    private static Dictionary<string, string> Metadata(params (string Name, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The task logs to MSBuild; here its report is read instead, so its log goes nowhere.</summary>
    private sealed class QuietBuildEngine : IBuildEngine
    {
        public QuietBuildEngine(string projectFile) => ProjectFileOfTaskNode = projectFile;

        public bool ContinueOnError => true;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode { get; }

        public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e)
        {
        }

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
        }

        public void LogWarningEvent(BuildWarningEventArgs e)
        {
        }
    }
}

/// <summary>A project MSBuild could not evaluate, with where.</summary>
internal sealed class ProjectLoadException : Exception
{
    public ProjectLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
