using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds strings that mean something only as the argument of a particular method (<see cref="StringContext.Argument"/>
/// patterns, written <c>argumentOf:</c> in a list): <c>torch.device("cuda:0")</c>, <c>tensor.to(device)</c> with
/// <c>var device = "cuda"</c>, <c>torch.zeros(3, device: $"cuda:{rank}")</c> (a string turned into a
/// <c>Device</c> by its implicit conversion). The word "cuda" elsewhere (a log line, a command line) is not a finding.
/// Values are read within the method (<see cref="ConstantValues"/>: constants, locals, interpolation with unknown
/// integers read as 1, <c>?:</c>, <c>??</c>, readonly fields). Called by <see cref="Analyzers.ControlledApiAnalyzer"/> on
/// its one walk of invocations and object creations; a conversion outside a call (<c>Device d = "cuda";</c>) is
/// <see cref="Analyzers.StringConstantAnalyzer"/>'s, through <see cref="AnalyzeConversion"/>.
/// </summary>
internal static class ArgumentStringDetector
{
    /// <summary>Whether there is anything to find: whether the list has argument patterns.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasArgumentStrings;

    /// <summary>Reports the arguments of a call whose values an argument pattern matches.</summary>
    public static void Analyze(OperationAnalysisContext context, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, AnalyzerControlList list, ApiMatcher matcher, RegexBudget budget)
    {
        // One hash look-up of the method's name rules out nearly every call; conversions are looked at only where an
        // argument is one that calls a user-defined operator (rare: most conversions are built in).
        var resolved = list.Resolved;
        var isSite = resolved.MayTakeArgumentStrings(method.Name);
        foreach (var argument in arguments)
        {
            var value = argument.Value;
            if (value.Kind == OperationKind.Conversion
                && ((IConversionOperation)value).OperatorMethod is { } conversion
                && resolved.MayTakeArgumentStrings(conversion.Name))
            {
                var operand = ((IConversionOperation)value).Operand;
                if (IsString(operand.Type) && conversion.Parameters.Length == 1)
                {
                    Check(context, conversion, conversion.Parameters[0].Name, operand, argument.Syntax, list, matcher, budget);
                    continue;
                }
            }

            if (isSite && argument.Parameter is { } parameter && IsString(parameter.Type))
            {
                Check(context, method, parameter.Name, value, argument.Syntax, list, matcher, budget);
            }
        }
    }

    /// <summary>
    /// A string converted by a user-defined operator outside a call's arguments (<c>Device d = "cuda";</c>,
    /// <c>options.Device = $"cuda:{rank}"</c>); returns whether the conversion was one an argument pattern names.
    /// </summary>
    public static bool AnalyzeConversion(OperationAnalysisContext context, IOperation value, AnalyzerControlList list, ApiMatcher matcher, RegexBudget budget)
    {
        var parent = value.Parent;
        while (parent is { Kind: OperationKind.Parenthesized })
        {
            parent = parent.Parent;
        }

        if (parent is not IConversionOperation { OperatorMethod: { Parameters.Length: 1 } conversion } converted
            || !list.Resolved.MayTakeArgumentStrings(conversion.Name))
        {
            return false;
        }

        // As an argument, the call's walk (Analyze) reports it.
        if (OperationFacts.Consumer(converted, out _) is IArgumentOperation)
        {
            return true;
        }

        Check(context, conversion, conversion.Parameters[0].Name, value, value.Syntax, list, matcher, budget);
        return true;
    }

    private static void Check(OperationAnalysisContext context, IMethodSymbol method, string parameterName, IOperation value, SyntaxNode site, AnalyzerControlList list, ApiMatcher matcher, RegexBudget budget)
    {
        var type = method.ContainingType;
        if (type is null || !ConstantValues.MayResolve(value))
        {
            return;
        }

        var chain = matcher.ChainOf(type);
        var name = method.MethodKind == MethodKind.Constructor ? ApiPattern.ConstructorName : method.Name;
        foreach (var text in ConstantValues.Of(value))
        {
            if (list.Resolved.MatchArgumentString(text, chain, name, parameterName, budget, site) is { } match)
            {
                Findings.Report(context, match.Entry, site.GetLocation(), Findings.Quote(text) + " given to " + matcher.Describe(method));
                return;
            }
        }
    }

    private static bool IsString(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;
}
