using System.Globalization;
using ExportLint.Build;
using ExportLint.Build.Reporting;
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

    /// <summary>
    /// The project's <c>Using</c> items (its <c>&lt;Using Include="…"/&gt;</c> and the SDK's implicit usings): the global
    /// usings the build writes into <c>obj/</c>, which source mode never sees otherwise.
    /// </summary>
    public List<ProjectUsing> Usings { get; } = [];
}

/// <summary>A <c>Using</c> item of a project: a namespace or type, with its alias or as <c>using static</c>.</summary>
internal sealed record ProjectUsing(string Name, string? Alias, bool Static)
{
    /// <summary>The project file's own <c>Using</c> items, read as XML when MSBuild cannot evaluate it (or was not asked to).</summary>
    public static List<ProjectUsing> FromProjectFile(string path)
    {
        var usings = new List<ProjectUsing>();
        try
        {
            var document = System.Xml.Linq.XDocument.Load(path);
            foreach (var element in document.Descendants().Where(e => e.Name.LocalName == "Using"))
            {
                if (element.Attribute("Include")?.Value is { Length: > 0 } include && element.Attribute("Remove") is null)
                {
                    usings.Add(new ProjectUsing(include.Trim(), element.Attribute("Alias")?.Value, string.Equals(element.Attribute("Static")?.Value, "true", StringComparison.OrdinalIgnoreCase)));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            // The project file itself is unreadable: that is reported where the project is, not here.
        }

        return usings;
    }

    /// <summary>The directive as C#, or null when the name is not one (a property expression left unevaluated, say).</summary>
    public string? ToDirective()
    {
        if (!IsName(Name) || (Alias is not null && !IsName(Alias)) || (Alias is not null && Alias.Contains('.', StringComparison.Ordinal)))
        {
            return null;
        }

        return Static ? $"global using static global::{Name};" : Alias is not null ? $"global using {Alias} = global::{Name};" : $"global using global::{Name};";
    }

    private static bool IsName(string text) =>
        text.Split('.').All(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier);
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

                foreach (var item in project.GetItems("Using"))
                {
                    facts.Usings.Add(new ProjectUsing(item.EvaluatedInclude.Trim(), NullIfEmpty(item.GetMetadataValue("Alias")), string.Equals(item.GetMetadataValue("Static"), "true", StringComparison.OrdinalIgnoreCase)));
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
            ControlListProperty = string.Join(";", settings.ControlLists.Select(Path.GetFullPath)),
            SkipGeneratedCode = settings.SkipGeneratedCode,
            ReportListProblems = false,
            UseDefaultList = lists.UseDefault,
            FailOn = settings.FailOn,
            Suppressions = facts.Suppressions.Select(s => (ITaskItem)new TaskItem(s.Target, Metadata(("Justification", s.Justification), ("Until", s.Until)))).ToArray(),
            ModelFileCandidates = facts.ModelCandidates
                .Select(c => (ITaskItem)new TaskItem(c.FullPath, Metadata(("ExportLintItemType", c.ItemType), ("NuGetPackageId", c.PackageId))))
                .ToArray(),
            Today = ExportLintClock.Format(lists.AsOf),
        };
        task.Execute();
        AttachProviders(outcome, task.Report.Packages);
        var converted = ReportConversion.ToReport(task.Report, ExportLintClock.Format(lists.AsOf), reportPath);
        var checkedProject = converted.Projects[0];
        record.Packages.AddRange(checkedProject.Packages);
        foreach (var framework in checkedProject.TargetFrameworks.Where(f => !record.TargetFrameworks.Contains(f)))
        {
            record.TargetFrameworks.Add(framework);
        }

        for (var i = 0; i < converted.Findings.Count; i++)
        {
            var finding = converted.Findings[i];
            if (finding.Evidence.ModelFile is { } file)
            {
                // The scan hashes model files and keeps their header's dtypes and metadata; the build does not.
                // A model file inside a package is located at the PackageReference: its own path is FullPath.
                var found = task.Report.Findings[i];
                var inspected = ModelFileInspector.Inspect(found.ModelFile?.FullPath ?? found.Location.File, file.Path, settings.MaxHashBytes);
                if (inspected.Record is { } full)
                {
                    full.ItemType = file.ItemType;
                    finding.Evidence.ModelFile = full;
                }

                models.Add(finding.Evidence.ModelFile);
            }

            finding.Fingerprint = string.Empty;
            findings.Add(finding);
        }

        outcome.Suppressions.AddRange(converted.Suppressions);

        problems.AddRange(converted.Problems);
    }

    /// <summary>
    /// Names the package that provides each API finding's assembly: the package whose folder (the assets file's
    /// library path, under any package folder) holds the referenced file, listed among the package's files.
    /// </summary>
    private static void AttachProviders(ScanOutcome outcome, IReadOnlyList<ExportLint.Build.Packages.ResolvedPackage> packages)
    {
        foreach (var (finding, file) in outcome.ProviderFiles)
        {
            if (finding.Evidence.Provider is not { } provider)
            {
                continue;
            }

            var slashed = file.Replace('\\', '/');
            foreach (var package in packages)
            {
                if (package.LibraryPath is not { Length: > 0 } libraryPath)
                {
                    continue;
                }

                var folder = "/" + libraryPath.Replace('\\', '/').Trim('/') + "/";
                var at = slashed.LastIndexOf(folder, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    continue;
                }

                var inPackage = slashed[(at + folder.Length)..];
                var listed = package.Files.FirstOrDefault(f => string.Equals(f.Replace('\\', '/'), inPackage, StringComparison.OrdinalIgnoreCase));
                if (listed is not null)
                {
                    provider.Package = package.Id;
                    provider.Version = package.Version.ToNormalizedString();
                    provider.File = listed.Replace('\\', '/');
                    break;
                }
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
