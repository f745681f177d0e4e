using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ExportLint.Analyzers.Analyzers;
using ExportLint.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExportLint.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs every ExportLint analyzer over a compilation the way the compiler does, failing on any analyzer exception:
/// an AD0001, or an EXL0010 (the guard's report of a failure), whose exception is shown, unless a test asks for them.
/// </summary>
internal static class AnalyzerRun
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } =
    [
        new ControlledApiAnalyzer(),
        new StringConstantAnalyzer(),
        new NativeLibraryAnalyzer(),
        new SuppressionJustificationAnalyzer(),
        new ControlListProblemAnalyzer(),
    ];

    /// <summary>The diagnostics of every analyzer (compiler diagnostics excluded), in source order.</summary>
    /// <param name="compilation">The code.</param>
    /// <param name="lists">AdditionalFiles.</param>
    /// <param name="globalOptions">build_property.* values.</param>
    /// <param name="listMetadata">The ExportLintControlList metadata the package's targets put on AdditionalFiles, by path.</param>
    /// <param name="analyzers">Other analyzers than ExportLint's (a test's own).</param>
    /// <param name="allowFailures">Return EXL0010 diagnostics instead of failing on them.</param>
    /// <param name="treeOptions">.editorconfig options of source files, by path (e.g. generated_code = true).</param>
    /// <param name="unreadable">AdditionalFiles the compiler could not read (their text is null).</param>
    /// <param name="allowCompilerErrors">Analyse code that does not compile (a source generator that did not run).</param>
    public static ImmutableArray<Diagnostic> Diagnostics(
        Compilation compilation,
        IEnumerable<(string Path, string Text)>? lists = null,
        IReadOnlyDictionary<string, string>? globalOptions = null,
        IReadOnlyDictionary<string, string>? listMetadata = null,
        ImmutableArray<DiagnosticAnalyzer>? analyzers = null,
        bool allowFailures = false,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? treeOptions = null,
        IEnumerable<string>? unreadable = null,
        bool allowCompilerErrors = false)
    {
        if (!allowCompilerErrors)
        {
            TestCompilation.AssertNoErrors(compilation);
        }

        var exceptions = new List<Exception>();
        var additional = (lists ?? []).Select(l => (AdditionalText)new InMemoryAdditionalText(l.Path, l.Text))
            .Concat((unreadable ?? []).Select(path => (AdditionalText)new InMemoryAdditionalText(path, null)))
            .ToImmutableArray();
        var options = new AnalyzerOptions(additional, new GlobalOptionsProvider(globalOptions ?? new Dictionary<string, string>(), listMetadata ?? new Dictionary<string, string>(), treeOptions ?? new Dictionary<string, IReadOnlyDictionary<string, string>>()));
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers ?? All,
            new CompilationWithAnalyzersOptions(options, (ex, analyzer, _) => exceptions.Add(new InvalidOperationException($"{analyzer.GetType().Name} threw", ex)), concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        if (exceptions.Count > 0)
        {
            throw new AggregateException(exceptions);
        }

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        if (!allowFailures && diagnostics.FirstOrDefault(d => d.Id == "EXL0010") is { } failure)
        {
            Assert.Fail("An analyzer failed: " + failure.Properties["exception"]);
        }

        return diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>A diagnostic as tests compare it: <c>EXL0001 (7,21) warning: message</c>.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var where = diagnostic.Location == Location.None ? "(none)" : $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        return $"{diagnostic.Id} {where} {diagnostic.Severity.ToString().ToLowerInvariant()}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public static string[] Run(string source, IEnumerable<(string Path, string Text)>? lists = null, IReadOnlyDictionary<string, string>? globalOptions = null) =>
        Diagnostics(TestCompilation.Create(source), lists, globalOptions).Select(Format).ToArray();

    internal sealed class InMemoryAdditionalText(string path, string? text) : AdditionalText
    {
        private readonly SourceText? _text = text is null ? null : SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> listMetadata, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> treeOptions) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);
        private static readonly Options Empty = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => treeOptions.TryGetValue(tree.FilePath, out var options) ? new Options(options) : Empty;

        // As the SDK's generated .editorconfig gives it: a section per AdditionalFile with the metadata, empty when unset.
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>
        {
            [ControlListSource.ListMetadata] = listMetadata.TryGetValue(textFile.Path, out var value) ? value : string.Empty,
        });

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
