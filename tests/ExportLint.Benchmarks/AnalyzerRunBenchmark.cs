using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Benchmarks;

/// <summary>
/// Runs the analyzers of a real compiler command line in this process, without the rest of the build, and prints
/// the driver's own per-analyzer times (what <c>-p:ReportAnalyzer=true</c> reports). It is the quick loop for
/// profiling (<c>dotnet-trace</c> attaches to one process); the figures in docs/performance.md come from the real
/// build (tests/benchmarks/analyzer-build.sh), which also writes the command line this reads (<c>csc.cmdline</c>).
/// <c>dotnet run -c Release --project tests/ExportLint.Benchmarks -- analyzers /tmp/exportlint-analyzer-bench/csc.cmdline 5 [sequential]</c>.
/// </summary>
internal static class AnalyzerRunBenchmark
{
    public static void Run(string[] args)
    {
        var commandLineFile = args.Length > 0 ? args[0] : "/tmp/exportlint-analyzer-bench/csc.cmdline";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;

        // "sequential" runs the analyzers one callback at a time, so a callback's time is its own work and not also
        // the time other threads took the core from it: steadier figures, for comparing two versions of the code.
        var concurrent = !args.Skip(2).Contains("sequential", StringComparer.Ordinal);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(commandLineFile))!;
        var text = File.ReadAllText(commandLineFile).Trim();
        var arguments = CommandLineParser.SplitCommandLineIntoArguments(text, removeHashComments: false).ToList();
        var start = arguments.FindIndex(a => a.EndsWith("csc", StringComparison.Ordinal) || a.EndsWith("csc.dll", StringComparison.Ordinal) || a.EndsWith("csc.exe", StringComparison.Ordinal));
        var parsed = CSharpCommandLineParser.Default.Parse(arguments.Skip(start + 1), baseDirectory, sdkDirectory: null);
        foreach (var error in parsed.Errors.Where(e => e.Severity == DiagnosticSeverity.Error))
        {
            Console.WriteLine(error);
        }

        var trees = parsed.SourceFiles
            .AsParallel()
            .Select(f => CSharpSyntaxTree.ParseText(
                Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(f.Path), System.Text.Encoding.UTF8),
                parsed.ParseOptions,
                f.Path))
            .ToArray();
        var references = parsed.MetadataReferences.Select(r => MetadataReference.CreateFromFile(r.Reference)).ToArray();
        var additionalFiles = parsed.AdditionalFiles
            .Select(f => (AdditionalText)new FileText(f.Path))
            .ToImmutableArray();

        // Only the diagnostic analyzers of ExportLint and BannedApiAnalyzers: generators and the SDK's analyzers are
        // the same in every run and not what is measured.
        var analyzers = parsed.AnalyzerReferences
            .Where(r => Path.GetFileName(r.FilePath).StartsWith("ExportLint.Analyzers", StringComparison.Ordinal)
                || Path.GetFileName(r.FilePath).Contains("BannedApiAnalyzers", StringComparison.Ordinal))
            .SelectMany(r => new AnalyzerFileReference(r.FilePath, Loader.Instance).GetAnalyzers(LanguageNames.CSharp))
            .ToImmutableArray();
        Console.WriteLine($"{trees.Length} files, {references.Length} references, {analyzers.Length} analyzers, {additionalFiles.Length} additional files");

        for (var run = 0; run <= runs; run++)
        {
            var compilation = CSharpCompilation.Create("Bench", trees, references, parsed.CompilationOptions);
            var clock = Stopwatch.StartNew();
            var withAnalyzers = compilation.WithAnalyzers(
                analyzers,
                new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(additionalFiles),
                    onAnalyzerException: (e, a, d) => Console.WriteLine($"{a}: {e}"),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: true));
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var wall = clock.Elapsed;
            var line = new List<string>();
            var byAssembly = new Dictionary<string, double>();
            foreach (var analyzer in analyzers)
            {
                var seconds = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalSeconds;
                var assembly = analyzer.GetType().Assembly.GetName().Name!;
                byAssembly[assembly] = byAssembly.GetValueOrDefault(assembly) + seconds;
                if (seconds > 0.01)
                {
                    line.Add($"{analyzer.GetType().Name} {seconds:0.000}");
                }
            }

            var label = run == 0 ? "warm-up" : run.ToString(CultureInfo.InvariantCulture);
            Console.WriteLine($"run {label}: wall {wall.TotalSeconds:0.00} s, {diagnostics.Length} diagnostics; "
                + string.Join(", ", byAssembly.Select(p => $"{p.Key} {p.Value:0.000} s")));
            Console.WriteLine("  " + string.Join(", ", line));
        }
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default)
            => Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(Path));
    }

    /// <summary>Loads each analyzer folder in its own context, as the compiler does; Roslyn itself is shared.</summary>
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public static readonly Loader Instance = new();
        private readonly Dictionary<string, FolderContext> _contexts = new(StringComparer.Ordinal);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath)
        {
            var folder = Path.GetDirectoryName(fullPath)!;
            lock (_contexts)
            {
                if (!_contexts.TryGetValue(folder, out var context))
                {
                    _contexts[folder] = context = new FolderContext(folder);
                }

                return context.LoadFromAssemblyPath(fullPath);
            }
        }
    }

    private sealed class FolderContext(string folder) : AssemblyLoadContext("analyzers " + folder)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name!;
            if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !name.Contains("BannedApi", StringComparison.Ordinal)
                || name.StartsWith("System.", StringComparison.Ordinal))
            {
                return null;
            }

            var path = Path.Combine(folder, name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
