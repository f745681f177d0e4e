using ExportLint.ControlLists.Loading;

namespace ExportLint.ControlLists;

/// <summary>
/// Every diagnostic ID ExportLint reports, in one place. IDs are fixed and never reused: a retired ID stays
/// here, commented, so that nobody hands it out again. Each has a page under <c>docs/rules/</c>.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>Code loads model weights.</summary>
    public const string ModelWeightLoad = "EXL0001";

    /// <summary>Code saves model weights.</summary>
    public const string ModelWeightSave = "EXL0002";

    /// <summary>Code uses GPU compute.</summary>
    public const string GpuCompute = "EXL0003";

    /// <summary>Code orchestrates a GPU cluster (Kubernetes GPU resources, cloud GPU instance types, Slurm, MPI).</summary>
    public const string ClusterOrchestration = "EXL0004";

    /// <summary>Code binds a native GPU library (DllImport, LibraryImport, NativeLibrary.Load).</summary>
    public const string NativeGpuLibrary = "EXL0005";

    /// <summary>Code reaches a controlled API by name, through reflection or dynamic loading.</summary>
    public const string DynamicLoad = "EXL0006";

    /// <summary>Code names a model-weight file that flows into a file API.</summary>
    public const string ModelFilePath = "EXL0007";

    /// <summary>Code uses another restricted API.</summary>
    public const string RestrictedApi = "EXL0008";

    /// <summary>An EXL diagnostic is suppressed without a justification.</summary>
    public const string UnjustifiedSuppression = "EXL0009";

    /// <summary>An analyzer failed on a file: the file was not fully analysed (never a clean result).</summary>
    public const string AnalysisFailed = "EXL0010";

    /// <summary>The project depends on a restricted package, directly or transitively.</summary>
    public const string RestrictedPackage = "EXL0100";

    /// <summary>A package on no list ships GPU native binaries.</summary>
    public const string PackageShipsGpuBinaries = "EXL0101";

    /// <summary>A model-weight file is among the project's items.</summary>
    public const string ModelFileItem = "EXL0102";

    /// <summary>An <c>ExportLintSuppress</c> item has no justification, or has expired.</summary>
    public const string InvalidSuppression = "EXL0103";

    /// <summary>The opt-in online enrichment could not reach a feed.</summary>
    public const string FeedUnreachable = "EXL0104";

    /// <summary>The project's assets file could not be read.</summary>
    public const string AssetsFileUnreadable = "EXL0105";

    /// <summary>The build task met something it did not expect; it reports it instead of failing with MSB4018.</summary>
    public const string BuildTaskFailed = "EXL0106";

    /// <summary>
    /// A file the build task meant to check could not be read (no permission, not a regular file, a read error), so it
    /// was not checked; the message names the file and the reason.
    /// </summary>
    public const string FileUnreadable = "EXL0107";

    /// <summary>
    /// An ExportLint setting is invalid or has no effect: a bad <c>ExportLintFailOn</c> or <c>ExportLintToday</c>, a
    /// suppression that names nothing or whose wildcard MSBuild expanded away, lists that leave no entry in force.
    /// </summary>
    public const string InvalidSetting = "EXL0108";

    /// <summary>The build task could not write its report (or its replay file).</summary>
    public const string ReportUnwritable = "EXL0109";

    /// <summary>The CLI scanned a project from source: it could not be loaded or its references could not be resolved.</summary>
    public const string ProjectScannedFromSource = "EXL0200";

    /// <summary>The CLI could not read a file or folder (or a path given to it does not exist), so it was not scanned.</summary>
    public const string ScanInputUnreadable = "EXL0201";

    /// <summary>A model file's header could not be read to its end: what it holds is partly unknown.</summary>
    public const string ModelHeaderIncomplete = "EXL0202";

    /// <summary>The CLI met a project, or source files in no project, in a language it does not analyse (F#, Visual
    /// Basic): that code was not scanned.</summary>
    public const string ProjectLanguageNotAnalysed = "EXL0203";

    /// <summary>A control list is not well-formed YAML or uses forbidden YAML.</summary>
    public const string ListSyntax = "EXL1001";

    /// <summary>A control list has an unknown key, a wrong type or a missing key.</summary>
    public const string ListSchema = "EXL1002";

    /// <summary>A control list holds a pattern that does not parse.</summary>
    public const string ListInvalidPattern = "EXL1003";

    /// <summary>A control list defines an id twice.</summary>
    public const string ListDuplicateId = "EXL1004";

    /// <summary>A control list refers to something that does not exist.</summary>
    public const string ListUnresolvedReference = "EXL1005";

    /// <summary>Control lists extend each other in a cycle.</summary>
    public const string ListExtendsCycle = "EXL1006";

    /// <summary>A control list exceeds a size or depth limit.</summary>
    public const string ListLimitExceeded = "EXL1007";

    /// <summary>A regular expression of a control list ran past its time limit in a compilation; it was then turned off for that compilation.</summary>
    public const string ListRegexTimedOut = "EXL1008";

    // Switches rather than maps checked for completeness when the type is first used: every analyzer build
    // initialised this type, and the two Dictionary<enum, string> instantiations, Enum.GetValues and the reflection
    // over the constants were JIT-compiled and run in each csc process (docs/performance.md). A kind or a category
    // without an ID still fails loudly (ArgumentOutOfRangeException, never some other ID); DiagnosticMapTests asks
    // for the ID of every declared value.

    /// <summary>The diagnostic ID for a kind of control-list problem.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not a declared <see cref="ProblemKind"/>.</exception>
    public static string ForProblem(ProblemKind kind) => kind switch
    {
        ProblemKind.Syntax => ListSyntax,
        ProblemKind.Schema => ListSchema,
        ProblemKind.InvalidPattern => ListInvalidPattern,
        ProblemKind.DuplicateId => ListDuplicateId,
        ProblemKind.UnresolvedReference => ListUnresolvedReference,
        ProblemKind.ExtendsCycle => ListExtendsCycle,
        ProblemKind.LimitExceeded => ListLimitExceeded,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no diagnostic ID for this kind of problem"),
    };

    /// <summary>The diagnostic ID for a finding in code of an entry of this category and action.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The category or action is not a declared value.</exception>
    public static string ForCodeFinding(Category category, EntryAction action)
    {
        // Model weights split by action (load or save); every other category has one ID for both.
        var id = category switch
        {
            Category.ModelWeights => ModelWeightLoad,
            Category.GpuCompute => GpuCompute,
            Category.ClusterOrchestration => ClusterOrchestration,
            Category.RestrictedPackage => RestrictedApi,
            Category.NativeGpuLibrary => NativeGpuLibrary,
            Category.ModelFile => ModelFilePath,
            Category.RestrictedApi => RestrictedApi,
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "no diagnostic ID for this category"),
        };

        return (category, action) switch
        {
            (Category.ModelWeights, EntryAction.Save) => ModelWeightSave,
            (_, EntryAction.Load or EntryAction.Save) => id,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not an entry action"),
        };
    }

    /// <summary>Every ID declared here (the public constants), in order.</summary>
    public static IReadOnlyList<string> All => AllIds.Value;

    // Found by reflection on first use only (documentation and tests ask; builds do not).
    private static class AllIds
    {
        public static readonly IReadOnlyList<string> Value = typeof(DiagnosticIds).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The page that documents an ID.</summary>
    public static string HelpLink(string id) => "https://github.com/exportlint/exportlint/blob/main/docs/rules/" + id + ".md";
}
