using Newtonsoft.Json;

namespace ExportLint.Reports;

/// <summary>
/// The JSON report (<c>exportlint.json</c>): every finding, the inventory it was found in, what was suppressed, the
/// lists used and every problem that kept something from being analysed. One shape for the CLI's scan, its shards and
/// merges; schema: <c>docs/schemas/exportlint-report.schema.json</c>, documented in <c>docs/report-schema.md</c>.
/// </summary>
public sealed class Report
{
    /// <summary>Changes when a field changes meaning or disappears; added fields do not change it.</summary>
    public const int CurrentSchemaVersion = 2;

    [JsonProperty("schemaVersion", Order = 0)]
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    [JsonProperty("tool", Order = 1)]
    public ToolInfo Tool { get; set; } = new();

    /// <summary>When the report was written (UTC, ISO 8601); pinned by <c>--timestamp</c> or <c>SOURCE_DATE_EPOCH</c>.</summary>
    [JsonProperty("timestamp", Order = 2)]
    public string? Timestamp { get; set; }

    /// <summary>The day every list was evaluated for (<c>--as-of</c>), yyyy-mm-dd.</summary>
    [JsonProperty("asOf", Order = 3)]
    public string AsOf { get; set; } = string.Empty;

    /// <summary><c>never</c>, <c>error</c> or <c>warning</c>.</summary>
    [JsonProperty("failOn", Order = 4)]
    public string FailOn { get; set; } = "error";

    /// <summary>The shard this report covers (<c>i/n</c>), or null for the whole.</summary>
    [JsonProperty("shard", Order = 5, NullValueHandling = NullValueHandling.Ignore)]
    public string? Shard { get; set; }

    /// <summary>Whether generated code was skipped (<c>--skip-generated-code</c>): recorded because it narrows the scan.</summary>
    [JsonProperty("skipGeneratedCode", Order = 6)]
    public bool SkipGeneratedCode { get; set; }

    [JsonProperty("controlLists", Order = 7)]
    public List<ControlListUsed> ControlLists { get; set; } = [];

    [JsonProperty("summary", Order = 8)]
    public Summary Summary { get; set; } = new();

    [JsonProperty("projects", Order = 9)]
    public List<ProjectRecord> Projects { get; set; } = [];

    [JsonProperty("models", Order = 10)]
    public List<ModelFileRecord> Models { get; set; } = [];

    [JsonProperty("findings", Order = 11)]
    public List<Finding> Findings { get; set; } = [];

    [JsonProperty("suppressions", Order = 12)]
    public List<SuppressionRecord> Suppressions { get; set; } = [];

    /// <summary>Everything that kept something from being analysed, and every configuration problem.</summary>
    [JsonProperty("problems", Order = 13)]
    public List<Problem> Problems { get; set; } = [];

    /// <summary>
    /// The control-list entries the findings refer to, sorted by id and list: what a reader (and the SARIF rules) need
    /// to explain a finding without the lists. Absent from reports written before it was added.
    /// </summary>
    [JsonProperty("entries", Order = 14)]
    public List<ReportEntry> Entries { get; set; } = [];

    /// <summary>The baseline this scan was compared with (<c>--baseline</c>), or null (and absent) when none was given.</summary>
    [JsonProperty("baseline", Order = 15, NullValueHandling = NullValueHandling.Ignore)]
    public BaselineRecord? Baseline { get; set; }

    /// <summary>
    /// The baseline's findings this scan no longer has (<see cref="BaselineStates.Absent"/>), or null (and absent) when no
    /// baseline was given. Kept apart from <see cref="Findings"/> so that counts and exit codes see only what is there.
    /// </summary>
    [JsonProperty("absentFindings", Order = 16, NullValueHandling = NullValueHandling.Ignore)]
    public List<Finding>? AbsentFindings { get; set; }

    /// <summary>Counts the summary from the findings, problems and inventory.</summary>
    public void Summarise()
    {
        var active = Findings.Where(f => f.Suppression is null).ToList();
        Summary = new Summary
        {
            Findings = active.Count,
            Errors = active.Count(f => f.Level == Levels.Error),
            Warnings = active.Count(f => f.Level == Levels.Warning),
            Messages = active.Count(f => f.Level == Levels.Message),
            Suppressed = Findings.Count - active.Count,
            Projects = Projects.Count,
            ProjectsInSourceMode = Projects.Count(p => p.Mode == ScanModes.Source),
            ProjectsNotAnalysed = Projects.Count(p => p.Mode == ScanModes.None),
            Files = Projects.Sum(p => p.Files),
            ModelFiles = Models.Count,
            Packages = Projects.Sum(p => p.Packages.Count),
            Problems = Problems.Count,
            ExpiredSuppressions = Suppressions.Count(s => s.Expired),
        };
    }
}

/// <summary>The tool that wrote a report.</summary>
public sealed class ToolInfo
{
    [JsonProperty("name", Order = 0)]
    public string Name { get; set; } = "exportlint";

    [JsonProperty("version", Order = 1)]
    public string Version { get; set; } = "0.0.0";
}

/// <summary>A control list that was loaded, each after the lists it extends.</summary>
public sealed class ControlListUsed
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("version", Order = 1)]
    public string Version { get; set; } = string.Empty;

    /// <summary>The file, or <c>embedded:&lt;id&gt;</c> for a shipped list.</summary>
    [JsonProperty("path", Order = 2)]
    public string Path { get; set; } = string.Empty;
}

/// <summary>Counts over the report.</summary>
public sealed class Summary
{
    [JsonProperty("findings", Order = 0)] public int Findings { get; set; }
    [JsonProperty("errors", Order = 1)] public int Errors { get; set; }
    [JsonProperty("warnings", Order = 2)] public int Warnings { get; set; }
    [JsonProperty("messages", Order = 3)] public int Messages { get; set; }
    [JsonProperty("suppressed", Order = 4)] public int Suppressed { get; set; }
    [JsonProperty("projects", Order = 5)] public int Projects { get; set; }
    [JsonProperty("projectsInSourceMode", Order = 6)] public int ProjectsInSourceMode { get; set; }
    [JsonProperty("projectsNotAnalysed", Order = 7)] public int ProjectsNotAnalysed { get; set; }
    [JsonProperty("files", Order = 8)] public int Files { get; set; }
    [JsonProperty("modelFiles", Order = 9)] public int ModelFiles { get; set; }
    [JsonProperty("packages", Order = 10)] public int Packages { get; set; }
    [JsonProperty("problems", Order = 11)] public int Problems { get; set; }
    [JsonProperty("expiredSuppressions", Order = 12)] public int ExpiredSuppressions { get; set; }
}

/// <summary>How a project was analysed.</summary>
public static class ScanModes
{
    /// <summary>Loaded through MSBuild and compiled with its references: every finding is bound to a symbol.</summary>
    public const string Semantic = "semantic";

    /// <summary>Parsed from source; names that did not bind were matched through the file's usings.</summary>
    public const string Source = "source";

    /// <summary>Not analysed at all (the reason says why).</summary>
    public const string None = "none";
}

/// <summary>How sure a finding is.</summary>
public static class Confidences
{
    /// <summary>Bound by the compiler to the controlled symbol, or read from a file's bytes or the resolved package graph.</summary>
    public const string High = "high";

    /// <summary>Matched by name through the file's usings, aliases and <c>using static</c>; the name did not bind.</summary>
    public const string Medium = "medium";
}

/// <summary>How a finding or problem is logged after the policy (<c>failOn</c>) is applied.</summary>
public static class Levels
{
    public const string Message = "message";
    public const string Warning = "warning";
    public const string Error = "error";

    /// <summary>Severity to level under a policy: only failOn decides what fails.</summary>
    public static string Of(string severity, string failOn) => severity switch
    {
        "error" => failOn == "never" ? Warning : Error,
        "warning" => failOn == "warning" ? Error : Warning,
        _ => Message,
    };
}

/// <summary>One project the scan met, with the mode it got and why.</summary>
public sealed class ProjectRecord
{
    [JsonProperty("path", Order = 0)]
    public string Path { get; set; } = string.Empty;

    [JsonProperty("name", Order = 1)]
    public string Name { get; set; } = string.Empty;

    /// <summary><c>semantic</c>, <c>source</c> or <c>none</c>.</summary>
    [JsonProperty("mode", Order = 2)]
    public string Mode { get; set; } = ScanModes.Semantic;

    /// <summary>Why the project did not get semantic mode (null when it did).</summary>
    [JsonProperty("reason", Order = 3)]
    public string? Reason { get; set; }

    [JsonProperty("targetFrameworks", Order = 4)]
    public List<string> TargetFrameworks { get; set; } = [];

    [JsonProperty("assetsFile", Order = 5)]
    public string? AssetsFile { get; set; }

    /// <summary>C# files analysed.</summary>
    [JsonProperty("files", Order = 6)]
    public int Files { get; set; }

    /// <summary>Every package of the resolved graph (empty when it could not be resolved).</summary>
    [JsonProperty("packages", Order = 7)]
    public List<PackageRecord> Packages { get; set; } = [];
}

/// <summary>A package of a project's resolved graph.</summary>
public sealed class PackageRecord
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("version", Order = 1)]
    public string Version { get; set; } = string.Empty;

    [JsonProperty("direct", Order = 2)]
    public bool Direct { get; set; }

    /// <summary>The shortest dependency path from the project, first step the project.</summary>
    [JsonProperty("path", Order = 3)]
    public List<string> Path { get; set; } = [];

    /// <summary>
    /// The package's SHA-512 as the assets file records it (base64, the hash of the .nupkg NuGet restored), or null (and
    /// absent) when the assets file gives none or the report is older than the field.
    /// </summary>
    [JsonProperty("sha512", Order = 4, NullValueHandling = NullValueHandling.Ignore)]
    public string? Sha512 { get; set; }

    /// <summary>
    /// The packages this one depends on, as resolved for the project (every target framework and runtime together),
    /// sorted; null (and absent) in reports older than the field, so "no dependencies" and "not recorded" differ.
    /// </summary>
    [JsonProperty("dependencies", Order = 5, NullValueHandling = NullValueHandling.Ignore)]
    public List<PackageDependency>? Dependencies { get; set; }
}

/// <summary>An edge of the resolved graph: a package another one depends on, at the version restore chose.</summary>
public sealed class PackageDependency
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("version", Order = 1)]
    public string Version { get; set; } = string.Empty;
}

/// <summary>A model file found in the tree or among a project's items, identified by its bytes.</summary>
public sealed class ModelFileRecord
{
    [JsonProperty("path", Order = 0)]
    public string Path { get; set; } = string.Empty;

    /// <summary><c>gguf</c>, <c>safetensors</c>, <c>onnx</c>, <c>pytorch</c> …</summary>
    [JsonProperty("kind", Order = 1)]
    public string Kind { get; set; } = string.Empty;

    [JsonProperty("length", Order = 2)]
    public long Length { get; set; }

    /// <summary>Null when it was not computed: <see cref="HashProblem"/> says why.</summary>
    [JsonProperty("sha256", Order = 3)]
    public string? Sha256 { get; set; }

    [JsonProperty("hashProblem", Order = 4, NullValueHandling = NullValueHandling.Ignore)]
    public string? HashProblem { get; set; }

    [JsonProperty("tensorCount", Order = 5)]
    public long? TensorCount { get; set; }

    [JsonProperty("parameterCount", Order = 6)]
    public long? ParameterCount { get; set; }

    [JsonProperty("dtypes", Order = 7)]
    public List<string> Dtypes { get; set; } = [];

    [JsonProperty("metadata", Order = 8)]
    public SortedDictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What kept the header from being read to its end, or null.</summary>
    [JsonProperty("headerProblem", Order = 9)]
    public string? HeaderProblem { get; set; }

    /// <summary>How the file belongs to a project (<c>Content</c>, <c>None</c>, …), when it does.</summary>
    [JsonProperty("itemType", Order = 10, NullValueHandling = NullValueHandling.Ignore)]
    public string? ItemType { get; set; }
}

/// <summary>A location: line and column count from 1; 0 means the file as a whole.</summary>
public sealed class Location
{
    [JsonProperty("file", Order = 0)]
    public string File { get; set; } = string.Empty;

    [JsonProperty("line", Order = 1)]
    public int Line { get; set; }

    [JsonProperty("column", Order = 2)]
    public int Column { get; set; }

    [JsonProperty("endLine", Order = 3, NullValueHandling = NullValueHandling.Ignore)]
    public int? EndLine { get; set; }

    [JsonProperty("endColumn", Order = 4, NullValueHandling = NullValueHandling.Ignore)]
    public int? EndColumn { get; set; }

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}

/// <summary>One finding, tied to the control-list entry that made it one.</summary>
public sealed class Finding
{
    /// <summary>The diagnostic ID (EXL0001…).</summary>
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("entryId", Order = 1)]
    public string EntryId { get; set; } = string.Empty;

    [JsonProperty("listId", Order = 2)]
    public string ListId { get; set; } = string.Empty;

    [JsonProperty("category", Order = 3)]
    public string Category { get; set; } = string.Empty;

    /// <summary>The entry's severity after overlays: <c>info</c>, <c>warning</c>, <c>error</c>.</summary>
    [JsonProperty("severity", Order = 4)]
    public string Severity { get; set; } = "info";

    /// <summary>How it counts under failOn: <c>message</c>, <c>warning</c>, <c>error</c>.</summary>
    [JsonProperty("level", Order = 5)]
    public string Level { get; set; } = Levels.Message;

    /// <summary><c>high</c> or <c>medium</c>.</summary>
    [JsonProperty("confidence", Order = 6)]
    public string Confidence { get; set; } = Confidences.High;

    [JsonProperty("classification", Order = 7)]
    public string? Classification { get; set; }

    [JsonProperty("citation", Order = 8)]
    public string? Citation { get; set; }

    /// <summary>The status of the entry's source (<c>active</c>, <c>non-enforced</c>, …) on the as-of day.</summary>
    [JsonProperty("sourceStatus", Order = 9)]
    public string? SourceStatus { get; set; }

    [JsonProperty("message", Order = 10)]
    public string Message { get; set; } = string.Empty;

    [JsonProperty("helpUri", Order = 11)]
    public string HelpUri { get; set; } = string.Empty;

    [JsonProperty("location", Order = 12)]
    public Location Location { get; set; } = new();

    /// <summary>The project the finding belongs to (its path), or null for a file outside every project.</summary>
    [JsonProperty("project", Order = 13)]
    public string? Project { get; set; }

    /// <summary>Found in generated code.</summary>
    [JsonProperty("generated", Order = 14)]
    public bool Generated { get; set; }

    [JsonProperty("evidence", Order = 15)]
    public Evidence Evidence { get; set; } = new();

    /// <summary>A hash of what was found and where, that survives edits elsewhere in the file.</summary>
    [JsonProperty("fingerprint", Order = 16)]
    public string Fingerprint { get; set; } = string.Empty;

    [JsonProperty("suppression", Order = 17)]
    public SuppressionRecord? Suppression { get; set; }

    /// <summary>
    /// Against <c>--baseline</c>: <see cref="BaselineStates.New"/>, <see cref="BaselineStates.Unchanged"/> or (in
    /// <see cref="Report.AbsentFindings"/>) <see cref="BaselineStates.Absent"/>; null (and absent) without a baseline.
    /// </summary>
    [JsonProperty("baselineState", Order = 18, NullValueHandling = NullValueHandling.Ignore)]
    public string? BaselineState { get; set; }
}

/// <summary>The values of <see cref="Finding.BaselineState"/>, named as SARIF's <c>baselineState</c> names them.</summary>
public static class BaselineStates
{
    public const string New = "new";
    public const string Unchanged = "unchanged";
    public const string Absent = "absent";
}

/// <summary>The baseline report a scan was compared with, and what the comparison found.</summary>
public sealed class BaselineRecord
{
    /// <summary>The baseline report's path as given on the command line.</summary>
    [JsonProperty("path", Order = 0)]
    public string Path { get; set; } = string.Empty;

    /// <summary>The baseline report's own timestamp, when it has one.</summary>
    [JsonProperty("timestamp", Order = 1)]
    public string? Timestamp { get; set; }

    [JsonProperty("new", Order = 2)]
    public int New { get; set; }

    [JsonProperty("unchanged", Order = 3)]
    public int Unchanged { get; set; }

    [JsonProperty("absent", Order = 4)]
    public int Absent { get; set; }
}

/// <summary>What gave a finding away.</summary>
public sealed class Evidence
{
    /// <summary>The symbol called, created or referenced, as the compiler (or, in source mode, the usings) named it.</summary>
    [JsonProperty("symbol", Order = 0, NullValueHandling = NullValueHandling.Ignore)]
    public string? Symbol { get; set; }

    /// <summary>The string, library name or text that matched.</summary>
    [JsonProperty("text", Order = 1, NullValueHandling = NullValueHandling.Ignore)]
    public string? Text { get; set; }

    /// <summary>The source line the finding is on, trimmed (for people; not used to match).</summary>
    [JsonProperty("snippet", Order = 2, NullValueHandling = NullValueHandling.Ignore)]
    public string? Snippet { get; set; }

    [JsonProperty("package", Order = 3, NullValueHandling = NullValueHandling.Ignore)]
    public PackageEvidence? Package { get; set; }

    [JsonProperty("modelFile", Order = 4, NullValueHandling = NullValueHandling.Ignore)]
    public ModelFileRecord? ModelFile { get; set; }

    /// <summary>
    /// Why the entry matched without certainty: a threshold the header gave no count for "could not be ruled out".
    /// Null when the match is certain.
    /// </summary>
    [JsonProperty("notRuledOut", Order = 5, NullValueHandling = NullValueHandling.Ignore)]
    public string? NotRuledOut { get; set; }

    /// <summary>
    /// For a finding on an API: the assembly that defines the symbol and, when it is a package's compile asset, that
    /// package. Null when not known (a finding in source mode whose name did not bind, a string, a native library).
    /// Not part of the fingerprint, so a finding keeps its fingerprint whether or not its provider could be found.
    /// </summary>
    [JsonProperty("provider", Order = 6, NullValueHandling = NullValueHandling.Ignore)]
    public ProviderEvidence? Provider { get; set; }
}

/// <summary>Where an API a finding is about comes from: its assembly, and the package that brings that assembly.</summary>
public sealed class ProviderEvidence
{
    /// <summary>The assembly's name (<c>LLamaSharp</c>, <c>System.Runtime</c>).</summary>
    [JsonProperty("assembly", Order = 0)]
    public string Assembly { get; set; } = string.Empty;

    /// <summary>The package whose compile asset the assembly is, or null (the framework, a project reference, unknown).</summary>
    [JsonProperty("package", Order = 1)]
    public string? Package { get; set; }

    /// <summary>That package's version, or null.</summary>
    [JsonProperty("version", Order = 2)]
    public string? Version { get; set; }

    /// <summary>The assembly's path inside the package (<c>lib/net8.0/LLamaSharp.dll</c>), or null.</summary>
    [JsonProperty("file", Order = 3)]
    public string? File { get; set; }
}

/// <summary>A restricted package and how the project reaches it.</summary>
public sealed class PackageEvidence
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("version", Order = 1)]
    public string Version { get; set; } = string.Empty;

    [JsonProperty("direct", Order = 2)]
    public bool Direct { get; set; }

    [JsonProperty("path", Order = 3)]
    public List<string> Path { get; set; } = [];

    [JsonProperty("targetFrameworks", Order = 4)]
    public List<string> TargetFrameworks { get; set; } = [];

    /// <summary>The file inside the package that gave it away (GPU binaries, model files).</summary>
    [JsonProperty("file", Order = 5, NullValueHandling = NullValueHandling.Ignore)]
    public string? File { get; set; }
}

/// <summary>A suppression: an <c>ExportLintSuppress</c> item, a <c>#pragma</c>, <c>[SuppressMessage]</c> or .editorconfig.</summary>
public sealed class SuppressionRecord
{
    /// <summary>An entry id, a package id or a path (<c>ExportLintSuppress</c>), or the diagnostic ID (in source).</summary>
    [JsonProperty("target", Order = 0)]
    public string Target { get; set; } = string.Empty;

    /// <summary><c>ExportLintSuppress</c>, <c>pragma</c>, <c>SuppressMessage</c>.</summary>
    [JsonProperty("kind", Order = 1)]
    public string Kind { get; set; } = "ExportLintSuppress";

    [JsonProperty("justification", Order = 2)]
    public string? Justification { get; set; }

    [JsonProperty("until", Order = 3)]
    public string? Until { get; set; }

    [JsonProperty("expired", Order = 4)]
    public bool Expired { get; set; }

    /// <summary>Whether it is applied; when not, <see cref="Problem"/> says why (no justification, a bad or past date).</summary>
    [JsonProperty("valid", Order = 5)]
    public bool Valid { get; set; } = true;

    [JsonProperty("problem", Order = 6, NullValueHandling = NullValueHandling.Ignore)]
    public string? Problem { get; set; }

    /// <summary>How many findings it silenced (for <c>ExportLintSuppress</c> items; null where it is not counted).</summary>
    [JsonProperty("uses", Order = 7, NullValueHandling = NullValueHandling.Ignore)]
    public int? Uses { get; set; }

    [JsonProperty("location", Order = 8, NullValueHandling = NullValueHandling.Ignore)]
    public Location? Location { get; set; }
}

/// <summary>Something that kept part of the input from being fully analysed, or a configuration problem.</summary>
public sealed class Problem
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("level", Order = 1)]
    public string Level { get; set; } = Levels.Warning;

    [JsonProperty("message", Order = 2)]
    public string Message { get; set; } = string.Empty;

    [JsonProperty("location", Order = 3)]
    public Location Location { get; set; } = new();

    /// <summary>The project it is about, when it is about one.</summary>
    [JsonProperty("project", Order = 4, NullValueHandling = NullValueHandling.Ignore)]
    public string? Project { get; set; }

    /// <summary>True when what it is about was not analysed at all (the scan is incomplete: exit code 3).</summary>
    [JsonProperty("incomplete", Order = 5)]
    public bool Incomplete { get; set; }

    /// <summary>A problem about a whole file or folder (no line).</summary>
    public static Problem AboutFile(string id, string level, string file, string message, bool incomplete = false, string? project = null) => new()
    {
        Id = id,
        Level = level,
        Message = message,
        Location = new Location { File = file },
        Project = project,
        Incomplete = incomplete,
    };
}

/// <summary>A control-list entry a report's findings refer to, as the lists defined it on the report's as-of day.</summary>
public sealed class ReportEntry
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("listId", Order = 1)]
    public string ListId { get; set; } = string.Empty;

    [JsonProperty("category", Order = 2)]
    public string Category { get; set; } = string.Empty;

    /// <summary>After overlays: <c>info</c>, <c>warning</c>, <c>error</c>.</summary>
    [JsonProperty("severity", Order = 3)]
    public string Severity { get; set; } = "info";

    [JsonProperty("classification", Order = 4)]
    public string? Classification { get; set; }

    /// <summary>The classification and its source's status, e.g. "ECCN 4E091 (non-enforced since 2025-05-13)".</summary>
    [JsonProperty("citation", Order = 5)]
    public string? Citation { get; set; }

    /// <summary>What a finding says, e.g. "Loads model weights".</summary>
    [JsonProperty("message", Order = 6)]
    public string Message { get; set; } = string.Empty;

    /// <summary>Why the entry exists.</summary>
    [JsonProperty("rationale", Order = 7)]
    public string? Rationale { get; set; }

    [JsonProperty("source", Order = 8)]
    public ReportSource? Source { get; set; }

    /// <summary>The diagnostic ID its findings in code carry (EXL0100 for a package entry).</summary>
    [JsonProperty("diagnosticId", Order = 9)]
    public string DiagnosticId { get; set; } = string.Empty;
}

/// <summary>The regulation an entry cites, with its status on the report's as-of day.</summary>
public sealed class ReportSource
{
    [JsonProperty("id", Order = 0)]
    public string Id { get; set; } = string.Empty;

    [JsonProperty("regulation", Order = 1)]
    public string Regulation { get; set; } = string.Empty;

    [JsonProperty("section", Order = 2)]
    public string? Section { get; set; }

    [JsonProperty("url", Order = 3)]
    public string? Url { get; set; }

    /// <summary><c>proposed</c>, <c>active</c>, <c>non-enforced</c>, <c>rescinded</c>.</summary>
    [JsonProperty("status", Order = 4)]
    public string Status { get; set; } = string.Empty;

    /// <summary>yyyy-mm-dd, or null.</summary>
    [JsonProperty("statusDate", Order = 5)]
    public string? StatusDate { get; set; }

    /// <summary>yyyy-mm-dd, or null.</summary>
    [JsonProperty("effective", Order = 6)]
    public string? Effective { get; set; }
}
