using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Finds string constants the control list names: Kubernetes GPU resource keys, cloud GPU instance types, Slurm GPU
/// requests. A constant is its compile-time value, so concatenations and const fields are seen folded; where it
/// stands (a dictionary key, the value of a named member or parameter) decides which patterns apply.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class StringConstantAnalyzer : ControlListAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.EntryFindings;

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list)
    {
        if (!list.HasStrings)
        {
            return;
        }

        context.RegisterOperationAction(
            InWrittenCode(c => Analyze(c, list)),
            OperationKind.Literal,
            OperationKind.Binary,
            OperationKind.InterpolatedString,
            OperationKind.FieldReference);

        // A local constant is always declared in source, where its value is reported; a use of it can only add a
        // finding where the use gives a pattern its context. Without such patterns (the shipped lists have none) the
        // compiler need not call us on every local reference.
        if (list.HasContextualStrings)
        {
            context.RegisterOperationAction(InWrittenCode(c => Analyze(c, list)), OperationKind.LocalReference);
        }
    }

    private static void Analyze(OperationAnalysisContext context, AnalyzerControlList list)
    {
        var operation = context.Operation;

        // The type first: reading the constant of a numeric literal boxes it, and most literals are not strings.
        if (operation.Type is not { SpecialType: SpecialType.System_String }
            || operation.ConstantValue is not { HasValue: true, Value: string value })
        {
            return;
        }

        // Report the outermost constant only: "nvidia" + ".com/gpu" is one finding, on the whole expression.
        OperationFacts.Consumer(operation, out var outer);
        if (outer.Parent is { ConstantValue.HasValue: true } parent && parent.ConstantValue.Value is string)
        {
            return;
        }

        var context2 = OperationFacts.ContextOf(operation, out var memberName);
        if (list.MatchString(value, context2, memberName, out var pattern) is not { } entry)
        {
            return;
        }

        // A named constant declared in this compilation is reported where it is declared; its uses are reported
        // only where the use is what makes the pattern apply (a dictionary key, a named member).
        if (operation is IFieldReferenceOperation or ILocalReferenceOperation
            && pattern!.Context == StringContext.Any
            && DeclaredInSource(operation))
        {
            return;
        }

        Findings.Report(context.ReportDiagnostic, entry, operation.Syntax.GetLocation(), Findings.Quote(value));
    }

    private static bool DeclaredInSource(IOperation reference)
    {
        ISymbol? symbol = reference switch
        {
            IFieldReferenceOperation field => field.Field,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        return symbol is not null && symbol.Locations.Any(l => l.IsInSource);
    }
}
