using System.Collections.Immutable;
using System.Globalization;
using ExportLint.Analyzers.Detection;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
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
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        Descriptors.EntryFindings.Add(Descriptors.AnalysisFailed).Add(Descriptors.ListRegexTimedOut);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list, Actions actions)
    {
        if (!list.HasStrings)
        {
            return;
        }

        // The compilation's regex budget: a pattern that keeps timing out is turned off, and each one that timed out
        // is reported once, at its line in the list, when the compilation ends (EXL1008).
        var budget = new RegexBudget();
        context.RegisterCompilationEndAction(Guard.Wrap(c => ReportTimeouts(c, list, budget)));

        var matcher = list.HasArgumentStrings ? list.MatcherFor(context.Compilation) : null;
        context.RegisterOperationAction(
            actions.Of(c => Analyze(c, list, budget, matcher)),
            OperationKind.Literal,
            OperationKind.Binary,
            OperationKind.InterpolatedString,
            OperationKind.FieldReference,
            OperationKind.Utf8String);

        // A local constant is always declared in source, where its value is reported; a use of it can only add a
        // finding where the use gives a pattern its context. Without such patterns (the shipped lists have none) the
        // compiler need not call us on every local reference.
        if (list.HasContextualStrings)
        {
            context.RegisterOperationAction(actions.Of(c => Analyze(c, list, budget, matcher)), OperationKind.LocalReference);
        }
    }

    private static void Analyze(OperationAnalysisContext context, AnalyzerControlList list, RegexBudget budget, ApiMatcher? matcher)
    {
        var operation = context.Operation;
        string value;

        // The type first: reading the constant of a numeric literal boxes it, and most literals are not strings.
        if (operation.Type is { SpecialType: SpecialType.System_String })
        {
            // A string turned into a type by a conversion an argument pattern names (Device d = "cuda:0"): that is
            // what it means, and it is matched as such (only lists with argument patterns look).
            if (matcher is not null && operation.Parent is { Kind: OperationKind.Conversion or OperationKind.Parenthesized }
                && ArgumentStringDetector.AnalyzeConversion(context, operation, list, matcher, budget))
            {
                return;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                value = constant;
            }
            else if (operation.Kind == OperationKind.FieldReference && ((IFieldReferenceOperation)operation).Field is { IsReadOnly: true, IsStatic: true })
            {
                // A static readonly field initialised with constants, used as a GPU resource (a dictionary key, a
                // member's value): its declaration is reported by its literal, and the use here.
                AnalyzeReadOnlyField(context, (IFieldReferenceOperation)operation, list, budget);
                return;
            }
            else if (operation.Kind == OperationKind.InterpolatedString)
            {
                // A manifest with holes ($"""… nvidia.com/gpu: {count} …"""): read as a document, holes as their
                // values known in the method (or empty).
                AnalyzeInterpolatedDocument(context, (IInterpolatedStringOperation)operation, list, budget);
                return;
            }
            else
            {
                return;
            }
        }
        else if (operation.Kind == OperationKind.Utf8String)
        {
            value = ((IUtf8StringOperation)operation).Value;
        }
        else
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
        if (list.MatchString(value, context2, memberName, budget, operation.Syntax, out var pattern) is not { } entry)
        {
            // A document in a string (a Kubernetes manifest, a Slurm script, JSON) is read line by line and word by
            // word, as the CLI reads such a file.
            if (TextLineMatcher.IsDocument(value) && TextLineMatcher.MatchDocument(list.Resolved, value, budget, operation.Syntax) is { } inDocument)
            {
                Findings.Report(context, inDocument.Entry, operation.Syntax.GetLocation(), Findings.Quote(inDocument.Text));
            }

            return;
        }

        // A named constant declared in this compilation is reported where it is declared; its uses are reported where
        // the use is what makes the pattern apply (a dictionary key, a named member) or where the use is a resource
        // (a dictionary key, a value given to a property or field), not where it is only passed to a method.
        if (operation is IFieldReferenceOperation or ILocalReferenceOperation
            && pattern!.Context == StringContext.Any
            && DeclaredInSource(operation)
            && !IsResourceUse(operation, out _, out _))
        {
            return;
        }

        Findings.Report(context, entry, operation.Syntax.GetLocation(), Findings.Quote(value));
    }

    /// <summary>
    /// A use that gives a value its meaning as a resource: a dictionary key (an indexer or <c>Add</c>), or the value
    /// assigned to or initialising a property or field. Decided on the operation's shape first (no type is looked at
    /// unless the value is the first argument of an indexer or an <c>Add</c>).
    /// </summary>
    private static bool IsResourceUse(IOperation reference, out StringContext where, out string? memberName)
    {
        where = StringContext.Any;
        memberName = null;
        var consumer = OperationFacts.Consumer(reference, out var value);
        switch (consumer)
        {
            case IArgumentOperation { Parameter.Ordinal: 0, Parent: IPropertyReferenceOperation { Property.IsIndexer: true } or IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd" } }:
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: false } or IFieldReferenceOperation } assignment when assignment.Value == value:
            case IPropertyInitializerOperation or IFieldInitializerOperation:
                where = OperationFacts.ContextOf(reference, out memberName);
                return consumer is not IArgumentOperation || where == StringContext.DictionaryKey;
            default:
                return false;
        }
    }

    private static void AnalyzeReadOnlyField(OperationAnalysisContext context, IFieldReferenceOperation reference, AnalyzerControlList list, RegexBudget budget)
    {
        if (reference.Field.DeclaringSyntaxReferences.Length == 0 || !IsResourceUse(reference, out var where, out var memberName))
        {
            return;
        }

        foreach (var value in ConstantValues.Of(reference))
        {
            if (list.MatchString(value, where, memberName, budget, reference.Syntax, out _) is { } entry)
            {
                Findings.Report(context, entry, reference.Syntax.GetLocation(), Findings.Quote(value));
                return;
            }
        }
    }

    private static void AnalyzeInterpolatedDocument(OperationAnalysisContext context, IInterpolatedStringOperation interpolated, AnalyzerControlList list, RegexBudget budget)
    {
        // Cheap first: only an interpolation whose text has a line break, or that starts a JSON object, is a document.
        var document = false;
        var first = true;
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } }
                && (text.IndexOf('\n') >= 0 || (first && TextLineMatcher.IsDocument(text))))
            {
                document = true;
                break;
            }

            first = false;
        }

        if (!document)
        {
            return;
        }

        foreach (var value in ConstantValues.Of(interpolated))
        {
            if (TextLineMatcher.MatchDocument(list.Resolved, value, budget, interpolated.Syntax) is { } match)
            {
                Findings.Report(context, match.Entry, interpolated.Syntax.GetLocation(), Findings.Quote(match.Text));
                return;
            }
        }
    }

    /// <summary>Reports each pattern of <paramref name="budget"/> that timed out or was turned off (EXL1008), once, at its line in the list.</summary>
    internal static void ReportTimeouts(CompilationAnalysisContext context, AnalyzerControlList list, RegexBudget budget)
    {
        foreach (var record in budget.TimedOut)
        {
            var where = record.Pattern.Location ?? record.Entry.Location;
            var site = record.FirstSite is SyntaxNode node ? node.GetLocation() : null;
            var first = site is null ? string.Empty : " at " + Describe(site);
            var off = record.IsOff
                ? $"; it was turned off for the rest of this compilation ({record.Skipped} more constant(s) not checked), so findings of this pattern may be missing"
                : "; constants it timed out on are not findings";
            var slow = RegexBudget.SlowRun.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            var what = record.Timeouts > 0
                ? $"timed out ({ControlLists.Loading.ControlListLimits.RegexTimeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms) on {record.Timeouts} constant(s)"
                    + (record.SlowRuns > record.Timeouts ? $" and took over {slow} ms on {record.SlowRuns - record.Timeouts} more" : string.Empty)
                : $"took over {slow} ms on {record.SlowRuns} constant(s)";
            var message = $"the regex {record.Pattern} of entry {record.Entry.Id} {what} ({record.Time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms in all), first {Findings.Quote(record.FirstValue)}{first}{off}; rewrite it so that it cannot backtrack";
            Location location;
            if (list.Texts.TryGetValue(where.Path, out var text))
            {
                location = ControlListProblemAnalyzer.LocationOf(where.Path, text, where.Position);
            }
            else
            {
                location = Location.None;
                message = $"{where}: {message}";
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ListRegexTimedOut,
                location,
                site is null ? null : [site],
                properties: ImmutableDictionary<string, string?>.Empty.Add(Findings.EntryIdProperty, record.Entry.Id),
                message));
        }
    }

    private static string Describe(Location location)
    {
        var span = location.GetLineSpan();
        return $"{System.IO.Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
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
