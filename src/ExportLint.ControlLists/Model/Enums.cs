namespace ExportLint.ControlLists;

/// <summary>What kind of AI component an entry is about.</summary>
public enum Category
{
    /// <summary>Loading or saving model weights (<c>model-weights</c>).</summary>
    ModelWeights,

    /// <summary>GPU compute: execution providers, devices, accelerators (<c>gpu-compute</c>).</summary>
    GpuCompute,

    /// <summary>GPU-cluster orchestration: Kubernetes GPU resources, cloud GPU SKUs, Slurm, MPI (<c>cluster-orchestration</c>).</summary>
    ClusterOrchestration,

    /// <summary>A NuGet package, by id and version range (<c>restricted-package</c>).</summary>
    RestrictedPackage,

    /// <summary>A native GPU library bound through interop (<c>native-gpu-library</c>).</summary>
    NativeGpuLibrary,

    /// <summary>A model-weight file (<c>model-file</c>).</summary>
    ModelFile,

    /// <summary>Any other API an organisation restricts (<c>restricted-api</c>).</summary>
    RestrictedApi,
}

/// <summary>How a finding of an entry is reported.</summary>
public enum Severity
{
    /// <summary>Not reported.</summary>
    None,

    /// <summary>Reported as information.</summary>
    Info,

    /// <summary>Reported as a warning.</summary>
    Warning,

    /// <summary>Reported as an error.</summary>
    Error,
}

/// <summary>Whether a model-weights entry is about reading weights or writing them.</summary>
public enum EntryAction
{
    /// <summary>Reading weights (the default).</summary>
    Load,

    /// <summary>Writing weights.</summary>
    Save,
}

/// <summary>Where a source (a regulation, a rule) stands.</summary>
public enum SourceStatus
{
    /// <summary>In force and enforced.</summary>
    Active,

    /// <summary>In force on paper, but the authority has said it will not enforce it.</summary>
    NonEnforced,

    /// <summary>Published for comment; not yet in force.</summary>
    Proposed,

    /// <summary>Withdrawn.</summary>
    Rescinded,
}

/// <summary>The spellings control lists use for the enums, in one place.</summary>
public static class ControlListNames
{
    /// <summary>The YAML spelling of a category.</summary>
    public static string Of(Category value) => value switch
    {
        Category.ModelWeights => "model-weights",
        Category.GpuCompute => "gpu-compute",
        Category.ClusterOrchestration => "cluster-orchestration",
        Category.RestrictedPackage => "restricted-package",
        Category.NativeGpuLibrary => "native-gpu-library",
        Category.ModelFile => "model-file",
        Category.RestrictedApi => "restricted-api",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a category"),
    };

    /// <summary>The YAML spelling of a severity.</summary>
    public static string Of(Severity value) => value switch
    {
        Severity.None => "none",
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a severity"),
    };

    /// <summary>The YAML spelling of a source status.</summary>
    public static string Of(SourceStatus value) => value switch
    {
        SourceStatus.Active => "active",
        SourceStatus.NonEnforced => "non-enforced",
        SourceStatus.Proposed => "proposed",
        SourceStatus.Rescinded => "rescinded",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a source status"),
    };

    /// <summary>The YAML spelling of an entry's action.</summary>
    public static string Of(EntryAction value) => value switch
    {
        EntryAction.Load => "load",
        EntryAction.Save => "save",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not an action"),
    };

    /// <summary>
    /// How a problem in a control list is reported on every surface: an error is an error, a warning a warning (the
    /// analyzers' diagnostic severity, the task's log level and the CLI's level all come from this).
    /// </summary>
    public static Severity SeverityOf(Loading.ProblemSeverity value) => value switch
    {
        Loading.ProblemSeverity.Error => Severity.Error,
        Loading.ProblemSeverity.Warning => Severity.Warning,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a problem severity"),
    };

    internal static readonly IReadOnlyDictionary<string, Category> Categories = new Dictionary<string, Category>(StringComparer.Ordinal)
    {
        ["model-weights"] = Category.ModelWeights,
        ["gpu-compute"] = Category.GpuCompute,
        ["cluster-orchestration"] = Category.ClusterOrchestration,
        ["restricted-package"] = Category.RestrictedPackage,
        ["native-gpu-library"] = Category.NativeGpuLibrary,
        ["model-file"] = Category.ModelFile,
        ["restricted-api"] = Category.RestrictedApi,
    };

    internal static readonly IReadOnlyDictionary<string, Severity> Severities = new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        ["none"] = Severity.None,
        ["info"] = Severity.Info,
        ["warning"] = Severity.Warning,
        ["error"] = Severity.Error,
    };

    internal static readonly IReadOnlyDictionary<string, SourceStatus> Statuses = new Dictionary<string, SourceStatus>(StringComparer.Ordinal)
    {
        ["active"] = SourceStatus.Active,
        ["non-enforced"] = SourceStatus.NonEnforced,
        ["proposed"] = SourceStatus.Proposed,
        ["rescinded"] = SourceStatus.Rescinded,
    };

    internal static readonly IReadOnlyDictionary<string, EntryAction> Actions = new Dictionary<string, EntryAction>(StringComparer.Ordinal)
    {
        ["load"] = EntryAction.Load,
        ["save"] = EntryAction.Save,
    };
}
