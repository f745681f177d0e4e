using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Reports the problems of the control lists given in AdditionalFiles (EXL1001–EXL1007) in the YAML file itself, at
/// the line and column of the mistake, so the IDE and the build log point at it. A problem in an embedded list (which
/// the tests keep free of problems) has no file to point at and is reported without a location.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ControlListProblemAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.ListSyntax,
        Descriptors.ListSchema,
        Descriptors.ListInvalidPattern,
        Descriptors.ListDuplicateId,
        Descriptors.ListUnresolvedReference,
        Descriptors.ListExtendsCycle,
        Descriptors.ListLimitExceeded,
        Descriptors.AnalysisFailed);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(Guard.Wrap(Analyze));
    }

    /// <summary>
    /// Set by the package's targets in a real (not design-time) build, where the build task reports the same
    /// problems; the analyzer then stays quiet so that each problem is reported once. The IDE's design-time build
    /// leaves it unset, so the editor still shows them.
    /// </summary>
    internal const string BuildReportsListProblemsProperty = "build_property.ExportLintBuildReportsListProblems";

    private static void Analyze(CompilationAnalysisContext context)
    {
        if (context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(BuildReportsListProblemsProperty, out var value)
            && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var list = ControlListSource.For(
            context.Options,
            text => context.TryGetValue(text, ControlListSource.TextProvider, out var value) ? value : new ControlListSource.ListText(text),
            context.CancellationToken);
        foreach (var problem in list.Resolved.Problems)
        {
            var severity = Findings.SeverityOf(problem.ReportedSeverity);
            Location location;
            string message;
            if (list.Texts.TryGetValue(problem.Path, out var text))
            {
                location = LocationOf(problem.Path, text, problem.Position);
                message = problem.Message;
            }
            else
            {
                location = Location.None;
                message = $"{problem.Path}{problem.Position}: {problem.Message}";
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForListProblem(problem.DiagnosticId), location, severity, additionalLocations: null, properties: null, message));
        }

        foreach (var path in list.Unreadable)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ListUnresolvedReference,
                Location.None,
                DiagnosticSeverity.Error,
                additionalLocations: null,
                properties: null,
                $"{path}: the control list named in ExportLintControlList could not be read; its entries are not used, and the default list does not replace it"));
        }

        if (list.NamedNoFile is { } setting)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ListUnresolvedReference,
                Location.None,
                DiagnosticSeverity.Error,
                additionalLocations: null,
                properties: null,
                $"ExportLintControlList is '{setting}', which names no file, so no control list was loaded from it; the default list is not used in its place (ExportLintControlList)"));
        }
    }

    /// <summary>The span from a 1-based line and column to the end of that line's text (at least one character).</summary>
    internal static Location LocationOf(string path, SourceText text, TextPosition position)
    {
        if (text.Lines.Count == 0)
        {
            return Location.Create(path, default, default);
        }

        var lineIndex = Math.Min(Math.Max(position.Line - 1, 0), text.Lines.Count - 1);
        var line = text.Lines[lineIndex];
        var column = Math.Min(Math.Max(position.Column - 1, 0), line.Span.Length);
        var start = line.Start + column;
        var end = line.End;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var span = TextSpan.FromBounds(start, end);
        var lineSpan = new LinePositionSpan(new LinePosition(lineIndex, column), new LinePosition(lineIndex, column + span.Length));
        return Location.Create(path, span, lineSpan);
    }
}
