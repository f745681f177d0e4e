using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Finds uses of APIs the control list names (EXL0001–EXL0004, EXL0008): calls, constructions (target-typed too),
/// method groups and delegates, property and field references, extension methods called either way, and members a
/// user type inherits or overrides. Works on symbols, so aliases and <c>using static</c> change nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ControlledApiAnalyzer : ControlListAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.EntryFindings;

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list)
    {
        if (!list.HasApis)
        {
            return;
        }

        var matcher = list.MatcherFor(context.Compilation);
        context.RegisterOperationAction(
            Guard.Wrap<OperationAnalysisContext>(c => Analyze(c, matcher)),
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.MethodReference,
            OperationKind.PropertyReference,
            OperationKind.FieldReference,
            OperationKind.EventReference);
    }

    private static void Analyze(OperationAnalysisContext context, ApiMatcher matcher)
    {
        var operation = context.Operation;
        ISymbol? symbol = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            IMemberReferenceOperation reference => reference.Member,
            _ => null,
        };

        if (symbol is null || matcher.Match(symbol, out var matched) is not { } entry || OperationFacts.IsInNameOf(operation))
        {
            return;
        }

        Findings.Report(context.ReportDiagnostic, entry, OperationFacts.NameLocation(operation.Syntax), matcher.Describe(matched!));
    }
}
