using System.Collections.Immutable;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;
using Microsoft.CodeAnalysis;

namespace ExportLint.Analyzers;

/// <summary>
/// Every diagnostic the analyzers report, in one place. IDs come from <see cref="DiagnosticIds"/>. Findings in code
/// carry a default severity of Warning, but each is reported with the effective severity of the control-list entry
/// that matched (so the list decides, and .editorconfig, #pragma and [SuppressMessage] still work on the ID).
/// </summary>
internal static class Descriptors
{
    public const string CodeCategory = "ExportLint";
    public const string ListCategory = "ExportLint.ControlList";

    // The message of a finding is built once, when it is reported, by the core's FindingMessage.Format (the same on every surface).
    private const string FindingFormat = "{0}";

    public static readonly DiagnosticDescriptor ModelWeightLoad = Finding(DiagnosticIds.ModelWeightLoad, "Code loads model weights");
    public static readonly DiagnosticDescriptor ModelWeightSave = Finding(DiagnosticIds.ModelWeightSave, "Code saves model weights");
    public static readonly DiagnosticDescriptor GpuCompute = Finding(DiagnosticIds.GpuCompute, "Code uses GPU compute");
    public static readonly DiagnosticDescriptor ClusterOrchestration = Finding(DiagnosticIds.ClusterOrchestration, "Code orchestrates a GPU cluster");
    public static readonly DiagnosticDescriptor NativeGpuLibrary = Finding(DiagnosticIds.NativeGpuLibrary, "Code binds a native GPU library");
    public static readonly DiagnosticDescriptor DynamicLoad = Finding(DiagnosticIds.DynamicLoad, "Code reaches a controlled component by name");
    public static readonly DiagnosticDescriptor ModelFilePath = Finding(DiagnosticIds.ModelFilePath, "Code opens a model-weight file");
    public static readonly DiagnosticDescriptor RestrictedApi = Finding(DiagnosticIds.RestrictedApi, "Code uses a restricted API");

    /// <summary>The IDs an entry's category can give a finding in code: an analyzer that reports by entry supports them all.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> EntryFindings = ImmutableArray.Create(
        ModelWeightLoad, ModelWeightSave, GpuCompute, ClusterOrchestration, NativeGpuLibrary, ModelFilePath, RestrictedApi);

    public static readonly DiagnosticDescriptor UnjustifiedSuppression = new(
        DiagnosticIds.UnjustifiedSuppression,
        "An ExportLint finding is suppressed without a justification",
        "[SuppressMessage] of {0} has no Justification; say why this finding does not apply",
        CodeCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A suppressed export-control finding is evidence a reviewer reads; the justification is the part they need.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.UnjustifiedSuppression));

    /// <summary>
    /// An analyzer failed on a file (EXL0010). Every analyzer supports it: a failure is reported where it happened,
    /// so a file ExportLint could not fully analyse is never taken for a clean one.
    /// </summary>
    public static readonly DiagnosticDescriptor AnalysisFailed = new(
        DiagnosticIds.AnalysisFailed,
        "ExportLint could not analyse this file",
        "ExportLint could not analyse this file: {0}. Please file an issue at " + IssuesLink + ".",
        CodeCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An ExportLint analyzer failed while analysing this code. Findings here may be missing: the file was not fully analysed. The exception is in the message and in the diagnostic's 'exception' property.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.AnalysisFailed));

    /// <summary>Where users report an analyzer failure.</summary>
    public const string IssuesLink = "https://github.com/exportlint/exportlint/issues";

    public static readonly DiagnosticDescriptor ListSyntax = ListProblem(DiagnosticIds.ListSyntax, "The control list is not well-formed YAML");
    public static readonly DiagnosticDescriptor ListSchema = ListProblem(DiagnosticIds.ListSchema, "The control list does not follow the schema");
    public static readonly DiagnosticDescriptor ListInvalidPattern = ListProblem(DiagnosticIds.ListInvalidPattern, "The control list holds a pattern that does not parse");
    public static readonly DiagnosticDescriptor ListDuplicateId = ListProblem(DiagnosticIds.ListDuplicateId, "The control list defines an id twice");
    public static readonly DiagnosticDescriptor ListUnresolvedReference = ListProblem(DiagnosticIds.ListUnresolvedReference, "The control list refers to something that does not exist");
    public static readonly DiagnosticDescriptor ListExtendsCycle = ListProblem(DiagnosticIds.ListExtendsCycle, "Control lists extend each other in a cycle");
    public static readonly DiagnosticDescriptor ListLimitExceeded = ListProblem(DiagnosticIds.ListLimitExceeded, "The control list exceeds a size or depth limit");

    /// <summary>A regex of a list timed out in this compilation (EXL1008); reported by the analyzer that ran it, once per pattern.</summary>
    public static readonly DiagnosticDescriptor ListRegexTimedOut = new(
        DiagnosticIds.ListRegexTimedOut,
        "A regular expression of the control list timed out",
        "{0}",
        ListCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A string pattern's regular expression ran past its time limit on a constant. Constants it could not be decided on are named; after a few timeouts the pattern is turned off for the rest of the compilation, so one slow pattern cannot stall a build. Rewrite the pattern so that it cannot backtrack.",
        helpLinkUri: DiagnosticIds.HelpLink(DiagnosticIds.ListRegexTimedOut),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>The descriptors of findings in code, by ID: every ID an entry's category can give (and dynamic loading's).</summary>
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> CodeFindings =
        EntryFindings.Add(DynamicLoad).ToImmutableDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The descriptors of control-list problems, by ID: one per <see cref="ProblemKind"/> (DiagnosticMapTests).</summary>
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ListProblems = CompleteListProblems(
        ListSyntax, ListSchema, ListInvalidPattern, ListDuplicateId, ListUnresolvedReference, ListExtendsCycle, ListLimitExceeded);

    /// <summary>The descriptor of a finding in code, by the ID an entry's category gives it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not the ID of a finding in code: a bug, reported as EXL0010, never another ID.</exception>
    public static DiagnosticDescriptor ForCodeFinding(string id) =>
        CodeFindings.TryGetValue(id, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(id), id, "not the ID of a finding in code");

    /// <summary>The descriptor of a control-list problem, by its ID.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not the ID of a control-list problem: a bug, reported as EXL0010, never another ID.</exception>
    public static DiagnosticDescriptor ForListProblem(string id) =>
        ListProblems.TryGetValue(id, out var descriptor) ? descriptor : throw new ArgumentOutOfRangeException(nameof(id), id, "not the ID of a control-list problem");

    // Every problem kind has its descriptor: DiagnosticMapTests checks each declared kind (no longer checked here, in
    // the type initialiser every build runs, where Enum.GetValues and its loop were JIT-compiled in each csc process).
    private static ImmutableDictionary<string, DiagnosticDescriptor> CompleteListProblems(params DiagnosticDescriptor[] descriptors) =>
        descriptors.ToImmutableDictionary(d => d.Id, StringComparer.Ordinal);

    private static DiagnosticDescriptor Finding(string id, string title) => new(
        id,
        title,
        FindingFormat,
        CodeCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Reported where code uses a component that an entry of the control list names; the entry, its classification and the status of its source are in the message and in the diagnostic's properties.",
        helpLinkUri: DiagnosticIds.HelpLink(id));

    private static DiagnosticDescriptor ListProblem(string id, string title) => new(
        id,
        title,
        "{0}",
        ListCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A control list given in AdditionalFiles has a mistake; the part in error is not used, the rest of the list still applies.",
        helpLinkUri: DiagnosticIds.HelpLink(id));
}
