using System.Collections.Immutable;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>Turns a matched entry into a diagnostic. Display strings are built here, only when something is reported.</summary>
internal static class Findings
{
    public const string EntryIdProperty = "entryId";
    public const string CategoryProperty = "category";
    public const string ClassificationProperty = "classification";
    public const string ListIdProperty = "listId";
    public const string SourceStatusProperty = "sourceStatus";

    /// <summary>What was found (the symbol, string or library as the message names it): the CLI's reports carry it as evidence.</summary>
    public const string EvidenceProperty = "evidence";

    /// <summary>Set to <c>true</c> on a finding in generated code (absent otherwise).</summary>
    public const string GeneratedProperty = "generated";

    /// <summary>A finding in code with the entry's ID (by category and action).</summary>
    public static void Report(in OperationAnalysisContext context, Entry entry, Location location, string what) =>
        Report(context.ReportDiagnostic, entry, entry.CodeDiagnosticId, location, what, context.IsGeneratedCode);

    /// <summary>A finding in code with a given ID (dynamic loading reports every entry under one ID).</summary>
    public static void Report(in OperationAnalysisContext context, Entry entry, string diagnosticId, Location location, string what) =>
        Report(context.ReportDiagnostic, entry, diagnosticId, location, what, context.IsGeneratedCode);

    /// <summary>A finding on a symbol with a given ID.</summary>
    public static void Report(in SymbolAnalysisContext context, Entry entry, string diagnosticId, Location location, string what) =>
        Report(context.ReportDiagnostic, entry, diagnosticId, location, what, context.IsGeneratedCode);

    /// <summary>
    /// A finding in code. <paramref name="generated"/> is the context's <c>IsGeneratedCode</c>: generated code is
    /// reported like any other (unless the project opts out), and says so in the <c>generated</c> property.
    /// </summary>
    public static void Report(Action<Diagnostic> report, Entry entry, string diagnosticId, Location location, string what, bool generated)
    {
        if (!entry.Reports)
        {
            return;
        }

        // The entry's properties are built once per entry (an immutable dictionary of five); a finding adds its
        // evidence, and in generated code the flag, to them.
        var properties = EntryProperties.GetValue(entry, CreateEntryProperties).SetItem(EvidenceProperty, what);
        if (generated)
        {
            properties = properties.SetItem(GeneratedProperty, "true");
        }

        var message = FindingMessage.Format(entry, what);
        report(Diagnostic.Create(
            Descriptors.ForCodeFinding(diagnosticId),
            location,
            SeverityOf(entry.Severity),
            additionalLocations: null,
            properties,
            message));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Entry, ImmutableDictionary<string, string?>> EntryProperties = new();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Entry, ImmutableDictionary<string, string?>>.CreateValueCallback CreateEntryProperties = entry =>
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);
        properties[EntryIdProperty] = entry.Id;
        properties[CategoryProperty] = ControlListNames.Of(entry.Category);
        properties[ClassificationProperty] = entry.Classification;
        properties[ListIdProperty] = entry.ListId;
        properties[SourceStatusProperty] = entry.Source is { } source ? ControlListNames.Of(source.Status) : null;
        return properties.ToImmutable();
    };

    public static DiagnosticSeverity SeverityOf(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        Severity.Info => DiagnosticSeverity.Info,
        Severity.None => DiagnosticSeverity.Hidden,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "not a severity"),
    };

    /// <summary>A string constant as a message quotes it, shortened if long.</summary>
    public static string Quote(string value) => "\"" + (value.Length > 80 ? value.Substring(0, 77) + "..." : value) + "\"";
}
