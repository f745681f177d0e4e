using System.Collections.Immutable;
using ExportLint.Analyzers.Detection;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Finds uses of APIs the control list names (EXL0001–EXL0004, EXL0008): calls, constructions (target-typed too),
/// method groups and delegates, property and field references, extension methods called either way, and members a
/// user type inherits or overrides. Works on symbols, so aliases and <c>using static</c> change nothing.
/// </summary>
/// <remarks>
/// It is also ExportLint's one walk of invocations and object creations: reflection loads (EXL0006), weight-file
/// paths (EXL0007) and <c>NativeLibrary.Load</c> (EXL0005) are found by detectors it calls on the same callback, so
/// the compiler calls ExportLint once per invocation, not once per kind of finding.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ControlledApiAnalyzer : ControlListAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.EntryFindings.Add(Descriptors.DynamicLoad).Add(Descriptors.AnalysisFailed).Add(Descriptors.ListRegexTimedOut);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list, Actions actions)
    {
        var compilation = context.Compilation;
        var matcher = list.MatcherFor(compilation);
        var dynamicLoad = DynamicLoadDetector.AppliesTo(list);
        var modelFilePath = ModelFilePathDetector.AppliesTo(list);
        var nativeLoad = NativeLibraryLoadDetector.AppliesTo(list);

        // Command lines of processes and the arguments of methods that argument patterns name are matched against
        // string patterns: within a budget of this analyzer's own, whose timeouts are reported when the compilation
        // ends (EXL1008), as StringConstantAnalyzer does.
        var processes = ProcessLaunchDetector.AppliesTo(list);
        var arguments = ArgumentStringDetector.AppliesTo(list);
        RegexBudget? budget = null;
        if (processes || arguments)
        {
            var own = budget = new RegexBudget();
            context.RegisterCompilationEndAction(Guard.Wrap(c => StringConstantAnalyzer.ReportTimeouts(c, list, own)));
        }

        var strings = new StringDetectors(processes ? budget : null, arguments ? budget : null);
        if (list.HasApis || dynamicLoad || modelFilePath || nativeLoad || budget is not null)
        {
            context.RegisterOperationAction(
                actions.Of(c => AnalyzeCall(c, list, matcher, dynamicLoad, modelFilePath, nativeLoad, strings)),
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        }

        if (list.HasApis)
        {
            // Calls with dynamic arguments are bound at run time; the compiler still knows the candidates (rare).
            context.RegisterOperationAction(
                actions.Of(c => AnalyzeLateBound(c, matcher)),
                OperationKind.DynamicInvocation,
                OperationKind.DynamicObjectCreation);

            context.RegisterOperationAction(
                actions.Of(c => AnalyzeApi(c, c.Operation, ((IMemberReferenceOperation)c.Operation).Member, matcher)),
                OperationKind.MethodReference,
                OperationKind.PropertyReference,
                OperationKind.FieldReference,
                OperationKind.EventReference);
        }
    }

    private static void AnalyzeCall(
        OperationAnalysisContext context,
        AnalyzerControlList list,
        ApiMatcher matcher,
        bool dynamicLoad,
        bool modelFilePath,
        bool nativeLoad,
        StringDetectors strings)
    {
        // Dispatch on Kind (a field read) rather than on a chain of interface type tests: this runs for every call.
        var operation = context.Operation;
        if (operation.Kind == OperationKind.Invocation)
        {
            var invocation = (IInvocationOperation)operation;
            var method = invocation.TargetMethod;
            AnalyzeApi(context, operation, method, matcher);
            if (dynamicLoad)
            {
                DynamicLoadDetector.Analyze(context, invocation, list, matcher);
            }

            if (nativeLoad)
            {
                NativeLibraryLoadDetector.Analyze(context, invocation, list);
            }

            if (modelFilePath)
            {
                ModelFilePathDetector.Analyze(context, method, invocation.Arguments, list, matcher);
            }

            if (strings.Processes is { } processes)
            {
                ProcessLaunchDetector.Analyze(context, invocation, list, processes);
            }

            if (strings.Arguments is { } arguments)
            {
                ArgumentStringDetector.Analyze(context, method, invocation.Arguments, list, matcher, arguments);
            }
        }
        else if (operation.Kind == OperationKind.ObjectCreation && ((IObjectCreationOperation)operation) is { Constructor: { } constructor } creation)
        {
            AnalyzeApi(context, operation, constructor, matcher);
            if (modelFilePath)
            {
                ModelFilePathDetector.Analyze(context, constructor, creation.Arguments, list, matcher);
            }

            if (strings.Processes is { } processes)
            {
                ProcessLaunchDetector.Analyze(context, creation, constructor, list, processes);
            }

            if (strings.Arguments is { } arguments)
            {
                ArgumentStringDetector.Analyze(context, constructor, creation.Arguments, list, matcher, arguments);
            }
        }
    }

    /// <summary>The string detectors that run on calls, each with the regex budget it matches within (null: not run).</summary>
    private sealed record StringDetectors(RegexBudget? Processes, RegexBudget? Arguments);

    /// <summary>
    /// <c>LLamaWeights.LoadFromFile(dynamicArg)</c>, <c>new InferenceSession(dynamicPath)</c>: the overload is chosen at
    /// run time among the candidates the compiler found, so the finding is the preferred entry among them. A call on a
    /// receiver that is itself <c>dynamic</c> has no candidates and is not a finding.
    /// </summary>
    private static void AnalyzeLateBound(OperationAnalysisContext context, ApiMatcher matcher)
    {
        var operation = context.Operation;
        if (operation.SemanticModel is not { } model)
        {
            return;
        }

        var info = model.GetSymbolInfo(operation.Syntax, context.CancellationToken);
        Entry? best = null;
        ISymbol? bestSymbol = null;
        if (info.Symbol is { } symbol && matcher.Match(symbol, out var matchedSymbol) is { } single)
        {
            best = single;
            bestSymbol = matchedSymbol;
        }

        foreach (var candidate in info.CandidateSymbols)
        {
            if (matcher.Match(candidate, out var matched) is { } entry && matcher.IsPreferred(entry, best))
            {
                best = entry;
                bestSymbol = matched;
            }
        }

        if (best is not null && !OperationFacts.IsInNameOf(operation))
        {
            Findings.Report(context, best, OperationFacts.NameLocation(operation.Syntax), matcher.Describe(bestSymbol!));
        }
    }

    private static void AnalyzeApi(OperationAnalysisContext context, IOperation operation, ISymbol symbol, ApiMatcher matcher)
    {
        if (matcher.Match(symbol, out var matched) is not { } entry || OperationFacts.IsInNameOf(operation))
        {
            return;
        }

        Findings.Report(context, entry, OperationFacts.NameLocation(operation.Syntax), matcher.Describe(matched!));
    }
}
