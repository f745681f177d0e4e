using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Reports a <c>[SuppressMessage]</c> (or <c>[UnconditionalSuppressMessage]</c>) of an EXL diagnostic that gives no
/// <c>Justification</c> (EXL0009). The suppression still works; the reviewer is told why it is missing a reason.
/// The Visual Studio placeholder "&lt;Pending&gt;" is no justification.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class SuppressionJustificationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnjustifiedSuppression, Descriptors.AnalysisFailed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(Guard.Wrap(Analyze), SyntaxKind.Attribute);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };

        // Cheap syntactic filter first; an alias of the attribute type is caught by the semantic check below only
        // when its name still says SuppressMessage, which is how people write it.
        if (name.IndexOf("SuppressMessage", StringComparison.Ordinal) < 0 || attribute.ArgumentList is not { Arguments.Count: >= 2 } arguments)
        {
            return;
        }

        var checkIdSyntax = arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "checkId")
            ?? arguments.Arguments.Where(a => a.NameColon is null && a.NameEquals is null).Skip(1).FirstOrDefault();

        // A check id written as a literal is read from its token: code suppresses other tools' rules far more often
        // than ours, and binding an attribute builds a semantic model for it (measured: docs/performance.md).
        if (checkIdSyntax is null
            || checkIdSyntax.Expression is LiteralExpressionSyntax { Token.Value: string literal } && !IsExportLintId(literal))
        {
            return;
        }

        if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } type }
            || type.Name is not ("SuppressMessageAttribute" or "UnconditionalSuppressMessageAttribute")
            || type.ContainingNamespace?.ToDisplayString() != "System.Diagnostics.CodeAnalysis")
        {
            return;
        }

        if (context.SemanticModel.GetConstantValue(checkIdSyntax.Expression, context.CancellationToken) is not { HasValue: true, Value: string checkId })
        {
            return;
        }

        var id = IdOf(checkId);
        if (!IsExportLintId(checkId) || id == DiagnosticIds.UnjustifiedSuppression)
        {
            return;
        }

        foreach (var argument in arguments.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == "Justification")
            {
                var justification = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
                if (justification is { HasValue: true, Value: string text } && text.Trim().Length > 0 && text.Trim() != "<Pending>")
                {
                    return;
                }
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnjustifiedSuppression, attribute.GetLocation(), id));
    }

    // "EXL0001:Title" and " EXL0001 " name EXL0001.
    private static string IdOf(string checkId)
    {
        var colon = checkId.IndexOf(':');
        return (colon >= 0 ? checkId.Substring(0, colon) : checkId).Trim();
    }

    private static bool IsExportLintId(string checkId) => IdOf(checkId).StartsWith("EXL", StringComparison.OrdinalIgnoreCase);
}
