using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using ExportLint.Reports;
using Location = ExportLint.Reports.Location;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Runs ExportLint's own analyzers, the very ones the package ships, over a compilation, with the control lists as
/// AdditionalFiles and the settings as build properties, exactly as a build hands them over. So the scan and the build
/// find the same things in the same code. An analyzer that throws becomes a problem in the report, never silence.
/// </summary>
internal sealed class AnalyzerRunner
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> Analyzers = new(LoadAnalyzers);

    private readonly ListSet _lists;
    private readonly ScanSettings _settings;
    private readonly FindingFactory _factory;
    private readonly ImmutableArray<AdditionalText> _listTexts;

    public AnalyzerRunner(ListSet lists, ScanSettings settings, FindingFactory factory)
    {
        _lists = lists;
        _settings = settings;
        _factory = factory;
        _listTexts = lists.Documents.Select((d, i) => (AdditionalText)new ListText(d.Path, d.Text, named: i < lists.Named)).ToImmutableArray();
    }

    /// <summary>The analyzers of ExportLint.Analyzers.dll, found by their <c>[DiagnosticAnalyzer]</c> attribute as a host finds them.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers()
    {
        var assembly = Assembly.Load(new AssemblyName("ExportLint.Analyzers"));
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t, nonPublic: true)!)
            .ToImmutableArray();
    }

    /// <summary>
    /// Analyses a compilation; findings and problems are added to the given lists. Returns the compiler's own
    /// diagnostics, from the same pass (binding every method body once, not once for the compiler and once more for
    /// the analyzers).
    /// </summary>
    /// <remarks>
    /// <c>analysed</c>: when given, only the files it takes are analysed (their compiler diagnostics and the analyzers' findings in them):
    /// source mode's screen leaves the others as declarations, in which nothing can be found, and completing them was
    /// most of a project's time. If a regex ran slowly meanwhile (what the analyzers report of that comes at the
    /// compilation's end, which an analysis of some files never reaches), the whole compilation is analysed after all.
    /// </remarks>
    public async Task<Analysis> RunAsync(
        Compilation compilation,
        AnalyzerConfigOptionsProvider? projectOptions,
        Func<string, string> reportPath,
        string? project,
        List<Finding> findings,
        List<Problem> problems,
        Dictionary<Finding, string>? providerFiles,
        CancellationToken cancellationToken,
        Func<SyntaxTree, bool>? analysed = null)
    {
        var options = new AnalyzerOptions(_listTexts, new OptionsProvider(projectOptions, GlobalOptions(), _listTexts));
        var failures = new List<Problem>();
        var analysisOptions = new CompilationWithAnalyzersOptions(
            options,
            onAnalyzerException: (exception, analyzer, diagnostic) =>
            {
                lock (failures)
                {
                    failures.Add(new Problem
                    {
                        Id = DiagnosticIds.AnalysisFailed,
                        Level = Levels.Warning,
                        Message = $"ExportLint could not analyse part of this code: {analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}. What it would have found is unknown; please report it at https://github.com/exportlint/exportlint/issues",
                        Location = ToLocation(diagnostic.Location, reportPath) ?? new Location { File = project ?? string.Empty },
                        Project = project,
                    });
                }
            },
            concurrentAnalysis: compilation.Options.ConcurrentBuild,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);

        var withAnalyzers = compilation.WithAnalyzers(Analyzers.Value, analysisOptions);
        var slowRuns = RegexBudget.SlowRunsInProcess;
        var all = analysed is null || !FewAnalysed(compilation, analysed) ? default : await AnalyseFilesAsync(withAnalyzers, compilation, analysed, cancellationToken).ConfigureAwait(false);
        var fileByFile = !all.IsDefault && RegexBudget.SlowRunsInProcess == slowRuns;
        if (!fileByFile)
        {
            lock (failures)
            {
                failures.Clear();
            }

            all = await withAnalyzers.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }

        problems.AddRange(failures);
        var compiler = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var diagnostic in all)
        {
            if (!diagnostic.Id.StartsWith("EXL", StringComparison.Ordinal))
            {
                compiler.Add(diagnostic);
                continue;
            }

            if (diagnostic.Severity == DiagnosticSeverity.Hidden)
            {
                continue;
            }

            // Where it is: in code, or (a problem of a list's pattern, EXL1008) in the list's file; else the project.
            var location = ToLocation(diagnostic.Location, reportPath) ?? InFile(diagnostic.Location, reportPath) ?? new Location { File = project ?? string.Empty };
            diagnostic.Properties.TryGetValue("entryId", out var entryId);
            var entry = entryId is null ? null : _lists.Resolved.FindEntry(entryId);
            if (entry is null || diagnostic.Id == DiagnosticIds.ListRegexTimedOut)
            {
                // Not a finding of an entry: an unjustified suppression (EXL0009), a failed analysis (EXL0010), a regex of
                // a list that timed out (EXL1008, at the compilation's end, located in the list; it names its entry, but
                // what it says is that the scan is short of that entry's findings, not one of them). Never dropped: a problem
                // outside the code (found dropped in 2026-11: a timed-out regex left no word in the report) is still one.
                problems.Add(new Problem
                {
                    Id = diagnostic.Id,
                    Level = diagnostic.Severity == DiagnosticSeverity.Error ? Levels.Error : diagnostic.Severity == DiagnosticSeverity.Warning ? Levels.Warning : Levels.Message,
                    Message = diagnostic.GetMessage(CultureInfo.InvariantCulture),
                    Location = location,
                    Project = project,
                });
                continue;
            }

            var severity = diagnostic.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "info",
            };
            var finding = _factory.Create(diagnostic.Id, entry, severity, diagnostic.GetMessage(CultureInfo.InvariantCulture), location, Confidences.High, project);
            if (diagnostic.Properties.TryGetValue("evidence", out var evidence) && evidence is not null)
            {
                if (evidence.StartsWith('"'))
                {
                    finding.Evidence.Text = evidence.Trim('"');
                }
                else
                {
                    finding.Evidence.Symbol = evidence;
                    if (ProviderOf(compilation, diagnostic, evidence, cancellationToken) is { } provider)
                    {
                        finding.Evidence.Provider = new ProviderEvidence { Assembly = provider.Assembly };
                        if (provider.File is { } file && providerFiles is not null)
                        {
                            providerFiles[finding] = file;
                        }
                    }
                }
            }

            finding.Generated = diagnostic.Properties.TryGetValue("generated", out var generated) && string.Equals(generated, "true", StringComparison.OrdinalIgnoreCase);
            var tree = diagnostic.Location.SourceTree;
            if (tree is not null)
            {
                var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
                var lines = tree.GetText(cancellationToken).Lines;
                if (line < lines.Count)
                {
                    finding.Evidence.Snippet = lines[line].ToString().Trim();
                }
            }

            if (diagnostic.IsSuppressed)
            {
                finding.Suppression = SuppressionOf(diagnostic, compilation, reportPath);
            }

            findings.Add(finding);
        }

        return new Analysis(compiler.ToImmutable(), fileByFile);
    }

    /// <summary>The compiler's own diagnostics from an analysis, and whether it went file by file (the log says so).</summary>
    internal sealed record Analysis(ImmutableArray<Diagnostic> Compiler, bool FileByFile);

    /// <summary>
    /// Whether so few files are analysed that analysing them one by one beats analysing the compilation whole: Roslyn
    /// tracks what it has analysed of a compilation file by file, and that costs more than it saves once many files are
    /// analysed (SciSharp/LLamaSharp, most of whose files name something: 3.4 s file by file against 1.6 s whole). A
    /// quarter, from the benchmark (one file in eight: 17 % less CPU) and microsoft/semantic-kernel (7 % less time).
    /// </summary>
    private static bool FewAnalysed(Compilation compilation, Func<SyntaxTree, bool> analysed)
    {
        var all = 0;
        var some = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            all++;
            some += analysed(tree) ? 1 : 0;
        }

        return some * 4 <= all;
    }

    /// <summary>The compiler's and the analyzers' diagnostics of some files of a compilation, file by file.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyseFilesAsync(CompilationWithAnalyzers withAnalyzers, Compilation compilation, Func<SyntaxTree, bool> analysed, CancellationToken cancellationToken)
    {
        var all = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!analysed(tree))
            {
                continue;
            }

            // The analyzers' own compilation (it holds their event queue and caches the models): the compiler's pass over
            // the file then also gives them their events, and the file is bound once.
            var model = withAnalyzers.Compilation.GetSemanticModel(tree);
            all.AddRange(model.GetDiagnostics(cancellationToken: cancellationToken));
            all.AddRange(await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false));
            all.AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken).ConfigureAwait(false));
        }

        return all.ToImmutable();
    }

    /// <summary>
    /// The assembly that defines the API a finding in code is about, and its file (a reference of the compilation):
    /// the symbol bound at the diagnostic's location (or its parent expression) whose name ends the evidence. Only for
    /// the calls, constructions and member uses of a list's API patterns: a native library, a dynamic load by name and a
    /// path are not provided by the assembly whose API they go through. Null when no such symbol comes from a reference.
    /// </summary>
    private static (string Assembly, string? File)? ProviderOf(Compilation compilation, Diagnostic diagnostic, string evidence, CancellationToken cancellationToken)
    {
        if (diagnostic.Id is DiagnosticIds.NativeGpuLibrary or DiagnosticIds.DynamicLoad or DiagnosticIds.ModelFilePath
            || diagnostic.Location.SourceTree is not { } tree || !compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        var model = compilation.GetSemanticModel(tree);
        var node = tree.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, findInsideTrivia: false, getInnermostNodeForTie: true);
        for (var depth = 0; node is not null && depth < 4; node = node.Parent, depth++)
        {
            var info = model.GetSymbolInfo(node, cancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
            if (symbol?.ContainingAssembly is not { } assembly || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
            {
                continue;
            }

            var name = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? symbol.ContainingType.Name : symbol.Name;
            if (!(evidence == name || evidence.EndsWith("." + name, StringComparison.Ordinal) || evidence.EndsWith(" " + name, StringComparison.Ordinal)))
            {
                continue;
            }

            var file = compilation.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { Length: > 0 } path } ? path : null;
            return (assembly.Identity.Name, file);
        }

        return null;
    }

    private static SuppressionRecord SuppressionOf(Diagnostic diagnostic, Compilation compilation, Func<string, string> reportPath)
    {
        var info = diagnostic.GetSuppressionInfo(compilation);
        var attribute = info?.Attribute;
        string? justification = null;
        Location? where = null;
        if (attribute is not null)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "Justification" && argument.Value.Value is string text)
                {
                    justification = text;
                }
            }

            if (attribute.ApplicationSyntaxReference is { } reference)
            {
                where = ToLocation(Microsoft.CodeAnalysis.Location.Create(reference.SyntaxTree, reference.Span), reportPath);
            }
        }
        else if (PragmaOf(diagnostic) is { } pragma)
        {
            // "#pragma warning disable EXL0005 // why": the comment that ends the directive is its justification.
            var line = pragma.ToFullString().Split('\n')[0];
            var at = line.IndexOf("//", StringComparison.Ordinal);
            var text = at < 0 ? string.Empty : line[(at + 2)..].Trim();
            justification = text.Length > 0 ? text : null;
            where = ToLocation(pragma.GetLocation(), reportPath);
        }

        return new SuppressionRecord
        {
            Target = diagnostic.Id,
            Kind = attribute is null ? "pragma" : "SuppressMessage",
            Justification = justification,
            Location = where,
        };
    }

    /// <summary>The last <c>#pragma warning disable</c> before the diagnostic that names its ID (or every ID).</summary>
    private static Microsoft.CodeAnalysis.CSharp.Syntax.PragmaWarningDirectiveTriviaSyntax? PragmaOf(Diagnostic diagnostic)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return null;
        }

        return tree.GetRoot().DescendantTrivia(descendIntoTrivia: true)
            .Where(t => t.SpanStart < diagnostic.Location.SourceSpan.Start && t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PragmaWarningDirectiveTrivia))
            .Select(t => t.GetStructure())
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PragmaWarningDirectiveTriviaSyntax>()
            .LastOrDefault(p => p.DisableOrRestoreKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.DisableKeyword)
                && (p.ErrorCodes.Count == 0 || p.ErrorCodes.Any(c => string.Equals(c.ToString().Trim(), diagnostic.Id, StringComparison.OrdinalIgnoreCase))));
    }

    private Dictionary<string, string> GlobalOptions() => new(StringComparer.Ordinal)
    {
        ["build_property.ExportLintUseDefaultList"] = _lists.UseDefault ? "true" : "false",
        // The CLI loads and reports the lists itself (exit code 2 on errors); the analyzers need not repeat it.
        ["build_property.ExportLintBuildReportsListProblems"] = "true",
        ["build_property.ExportLintAsOf"] = ExportLintClock.Format(_lists.AsOf),
        ["build_property.ExportLintSkipGeneratedCode"] = _settings.SkipGeneratedCode ? "true" : "false",
    };

    /// <summary>A location in a file that is not code (a control list given as an AdditionalFile).</summary>
    private static Location? InFile(Microsoft.CodeAnalysis.Location location, Func<string, string> reportPath)
    {
        if (location.Kind != LocationKind.ExternalFile || location.GetLineSpan() is not { IsValid: true } span || string.IsNullOrEmpty(span.Path))
        {
            return null;
        }

        return At(span, span.Path, reportPath);
    }

    internal static Location? ToLocation(Microsoft.CodeAnalysis.Location location, Func<string, string> reportPath)
    {
        if (!location.IsInSource)
        {
            return null;
        }

        var span = location.GetMappedLineSpan();
        return At(span, span.HasMappedPath ? span.Path : location.SourceTree!.FilePath, reportPath);
    }

    private static Location At(FileLinePositionSpan span, string path, Func<string, string> reportPath) => new()
    {
        File = reportPath(path),
        Line = span.StartLinePosition.Line + 1,
        Column = span.StartLinePosition.Character + 1,
        EndLine = span.EndLinePosition.Line + 1,
        EndColumn = span.EndLinePosition.Character + 1,
    };

    /// <summary>A control list handed to the analyzers as an AdditionalFile.</summary>
    private sealed class ListText : AdditionalText
    {
        private readonly SourceText _text;

        public ListText(string path, string content, bool named)
        {
            Path = path;
            _text = SourceText.From(content);
            Named = named;
        }

        public override string Path { get; }

        /// <summary>Named by the user (a root), or there because a named list extends it: the mark the build's targets give.</summary>
        public bool Named { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    /// <summary>The project's own options (.editorconfig) for its files; ExportLint's settings and list metadata on top.</summary>
    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider? _project;
        private readonly DictionaryOptions _global;
        private readonly ImmutableHashSet<AdditionalText> _lists;
        private static readonly DictionaryOptions NamedList = new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_metadata.AdditionalFiles.ExportLintControlList"] = "true",
        }, fallback: null);

        private static readonly DictionaryOptions ExtendedList = new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_metadata.AdditionalFiles.ExportLintControlList"] = "extends",
        }, fallback: null);

        public OptionsProvider(AnalyzerConfigOptionsProvider? project, Dictionary<string, string> global, ImmutableArray<AdditionalText> lists)
        {
            _project = project;
            _global = new DictionaryOptions(global, project?.GlobalOptions);
            _lists = lists.ToImmutableHashSet();
        }

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _project?.GetOptions(tree) ?? DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            _lists.Contains(textFile) ? (((ListText)textFile).Named ? NamedList : ExtendedList) : _project?.GetOptions(textFile) ?? DictionaryOptions.Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new(new Dictionary<string, string>(), fallback: null);

        private readonly Dictionary<string, string> _values;
        private readonly AnalyzerConfigOptions? _fallback;

        public DictionaryOptions(Dictionary<string, string> values, AnalyzerConfigOptions? fallback)
        {
            _values = values;
            _fallback = fallback;
        }

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            if (_values.TryGetValue(key, out var own))
            {
                value = own;
                return true;
            }

            if (_fallback is not null)
            {
                return _fallback.TryGetValue(key, out value);
            }

            value = null;
            return false;
        }
    }
}
