using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests;

/// <summary>
/// Source mode binds only the files that name something the lists or detectors could match (the screen); the others
/// keep their declarations. The screen must change the speed and nothing else: every test here compares a screened scan
/// with <c>--bind-all</c> on code built to slip past it.
/// </summary>
public sealed class SourceScreenTests
{
    /// <summary>Files that name nothing on the lists, with near misses in their strings ("cuda" in a log message).</summary>
    private const string Filler = """
        using System;
        using System.Collections.Generic;
        using System.Linq;

        namespace App.Billing;

        public sealed class Invoice{0}
        {
            private readonly List<string> _log = new();

            public int Total(IEnumerable<int> amounts)
            {
                Console.WriteLine("cuda not used: billing runs on the CPU");
                _log.Add($"model of invoice {0} loaded at {DateTime.UtcNow:O}");
                return amounts.Where(a => a > 0).Sum();
            }
        }
        """;

    [Fact]
    public void Screened_and_fully_bound_scans_find_the_same_across_files()
    {
        using var tree = new TempTree("screen-cross-file");
        tree.UnrestorableProject("App", "App");
        for (var i = 0; i < 3; i++)
        {
            tree.Write($"App/Billing/Invoice{i}.cs", Filler.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        // Files whose only trigger is a string: a GPU resource, a model path, a type named for reflection.
        tree.Write("App/Manifest.cs", "namespace App;\npublic static class Manifest { public const string Limits = \"nvidia.com/gpu\"; }\n");
        tree.Write("App/Store.cs", "namespace App;\npublic static class Store { public static byte[] Read() => System.IO.File.ReadAllBytes(\"models/tiny.gguf\"); }\n");
        tree.Write("App/Pieces.cs", "namespace App;\npublic static class Pieces { public static byte[] Read() => System.IO.File.ReadAllBytes(string.Concat(\"models/tiny\", \".gg\", \"uf\")); }\n");
        tree.Write("App/ByName.cs", "namespace App;\npublic static class ByName { public static System.Type? Find() => System.Type.GetType(\"LLama.LLamaWeights, LLamaSharp\"); }\n");

        // A GPU resource and a library name declared in one file, used in others that name nothing on the lists.
        tree.Write("App/Gpu.cs", """
            namespace App;
            public static class Gpu
            {
                public const string Vendor = "nvidia.com";
                public const string Resource = Vendor + "/gpu";
                public static readonly string Runtime = "libcudart.so.12";
                public static string Derived => Resource;
            }
            """);
        tree.Write("App/Pod.cs", """
            using System.Collections.Generic;
            namespace App;
            public static class Pod
            {
                public static Dictionary<string, string> Limits() => new() { [Gpu.Derived] = "1" };
                public static string Spec() => $"resources: {Gpu.Resource}: 2";
            }
            """);
        tree.Write("App/Loader.cs", """
            using System;
            using System.Runtime.InteropServices;
            namespace App;
            public static class Loader
            {
                public static IntPtr Load() => NativeLibrary.Load(Gpu.Runtime);
            }
            """);

        // dlopen declared in one file, called with a library name in another.
        tree.Write("App/Libc.cs", """
            using System;
            using System.Runtime.InteropServices;
            namespace App;
            internal static partial class Libc
            {
                [DllImport("libc", EntryPoint = "dlopen")]
                internal static extern IntPtr Open(string file, int flags);
            }
            """);
        tree.Write("App/Probe.cs", """
            namespace App;
            public static class Probe
            {
                public static System.IntPtr Cudnn() => Libc.Open("libcudnn_ops_infer.so.8", 2);
                public static System.IntPtr Cuda() => Libc.Open(System.IO.Path.Combine("/usr/lib", "libcuda.so.1"), 2);
            }
            """);

        // Reflection by string, an alias declared in another file, a model path in a string.
        tree.Write("App/GlobalUsings.cs", "global using Weights = LLama.LLamaWeights;\nglobal using ManagedCuda;\n");

        // A type of a controlled namespace reached only through that global using: the file names nothing on the
        // lists, so it is not bound, but the name matcher must still read it.
        // (The class is not called Context: ILGPU.Context is a name on the lists, and would bind the file by itself.)
        tree.Write("App/Contexts.cs", "namespace App;\npublic static class Contexts { public static object Make() => new CudaContext(0); }\n");
        tree.Write("App/Reflect.cs", """
            using System;
            namespace App;
            public static class Reflect
            {
                public static object? Find() => Type.GetType("LLama.LLamaWeights, LLamaSharp")?.GetMethod("LoadFromFile");
                public static object? Load(object p) => Weights.LoadFromFile((dynamic)p);
                public static byte[] Read() => System.IO.File.ReadAllBytes("models/llama-3-8b.Q4_K_M.gguf");
                public static ReadOnlySpan<byte> Utf8() => "amd.com/gpu"u8;
            }
            """);

        var screened = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--bind-all", "-o", "full");

        Assert.True(screened.ExitCode == 0, screened.ToString());
        Assert.True(full.ExitCode == 0, full.ToString());
        var withScreen = Findings(tree.Path("screened"));
        var withoutScreen = Findings(tree.Path("full"));
        Assert.NotEmpty(withoutScreen);
        Assert.Equal(withoutScreen, withScreen);

        Assert.Contains(withScreen, f => f.StartsWith("App/Contexts.cs(2,", StringComparison.Ordinal));

        // The screen did screen: the three invoices and the context, and only they, were not bound.
        Assert.Contains("(4 named nothing the lists could match and were not bound", screened.Output + screened.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("named nothing", full.Output + full.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_bound_in_part_finds_what_binding_it_whole_finds()
    {
        // The screen binds only the members of a file that name something. Attacked where a controlled API binds in
        // source mode (its source is vendored into the repository) and is used in a member that names nothing of it: a
        // target-typed new() through a field, a property, a parameter, a partial part of a derived class, a constant.
        using var tree = new TempTree("screen-members");
        tree.UnrestorableProject("App", "App");
        tree.Write("App/Vendor/OnnxRuntime.cs", """
            namespace Microsoft.ML.OnnxRuntime
            {
                // A primary constructor: no constructor declaration whose name would carry the type to its uses.
                public class InferenceSession(string path) { public string Path { get; } = path; }
            }
            namespace LLama.Common
            {
                public sealed class ModelParams { public ModelParams(string path) { } }
            }
            namespace LLama
            {
                public sealed class LLamaWeights { public static LLamaWeights LoadFromFile(LLama.Common.ModelParams parameters) => new LLamaWeights(); }
            }
            """);
        var host = tree.Write("App/Host.cs", """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.ML.OnnxRuntime;

            namespace App;

            public sealed class Host
            {
                private const string Vendor = "nvidia.com";
                private const string Resource = Vendor + "/gpu";
                private InferenceSession? _session;
                private readonly Func<string, LLama.LLamaWeights> _load = p => LLama.LLamaWeights.LoadFromFile(new(p));

                public InferenceSession? Current { get; private set; }

                public int Count(IEnumerable<string> words) => words.Where(w => w.Length > 3).Select(w => w.Trim()).Count();

                public string Describe(int value) => $"value={value}, words={Count(["a", "bb"])}";

                // A body of several lines, stripped: what follows it must keep its line (found on microsoft/Foundry-Local).
                public int Longest(IEnumerable<string> words)
                {
                    var longest = 0;
                    foreach (var word in words)
                    {
                        longest = Math.Max(longest, word.Length);
                    }

                    return longest;
                }

                public void Open(string path) { _session = new(path); }

                public void Reopen(string path) { Current = new(path); }

                public void Hand(string path) { Sink.Take(new(path)); }

                public object Weights(string path) => _load(path);

                public Dictionary<string, string> Limits() => new() { [Resource] = "1" };
            }
            """);
        tree.Write("App/Sink.cs", """
            using System.Linq;
            namespace App;
            public static class Sink
            {
                public static void Take(Microsoft.ML.OnnxRuntime.InferenceSession session) { }

                public static int Total(int[] values) => values.Sum();
            }
            """);
        tree.Write("App/Session.cs", "namespace App;\npublic partial class LocalSession : Microsoft.ML.OnnxRuntime.InferenceSession { }\n");
        var part = tree.Write("App/SessionPart.cs", """
            namespace App;
            public partial class LocalSession
            {
                public LocalSession(string path) : base(path) { }

                public LocalSession Copy(string path) => new(path + ".copy");

                public static int Size(int[] values) => values.Length;
            }
            """);
        for (var i = 0; i < 2; i++)
        {
            tree.Write($"App/Billing/Invoice{i}.cs", Filler.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var screened = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--bind-all", "-o", "full");

        Assert.Equal(full.ExitCode, screened.ExitCode);
        var withScreen = Findings(tree.Path("screened"));
        var withoutScreen = Findings(tree.Path("full"));
        Assert.Equal(withoutScreen, withScreen);

        // The vendored API bound: high-confidence findings, at the uses that name nothing.
        foreach (var use in new[] { "_session = new(path)", "Current = new(path)", "Sink.Take(new(path))", "LoadFromFile(new(p))" })
        {
            var line = TempTree.LineOf(host, use);
            Assert.Contains(withScreen, f => f.StartsWith($"App/Host.cs({line},", StringComparison.Ordinal) && f.Contains(" high ", StringComparison.Ordinal));
        }

        Assert.Contains(withScreen, f => f.StartsWith($"App/SessionPart.cs({TempTree.LineOf(part, ": base(path)")},", StringComparison.Ordinal));
        Assert.Contains(withScreen, f => f.StartsWith($"App/Host.cs({TempTree.LineOf(host, "[Resource] = \"1\"")},", StringComparison.Ordinal));

        // And the screen did leave members out: Host's counting and describing, Sink's total, the invoices.
        var log = screened.Output + screened.Error;
        Assert.Contains("(2 named nothing the lists could match and were not bound; 2 were bound in part, ", log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_alias_of_a_listed_type_carries_to_the_member_that_uses_it_in_another_file()
    {
        // Evasion tried on the member screen: the listed type named once, in a global alias in a file of its own, and
        // constructed through the alias in a member of another file that names nothing else, among files that name
        // nothing (so the project is analysed file by file).
        using var tree = new TempTree("screen-alias");
        tree.UnrestorableProject("App", "App");
        tree.Write("App/Vendor.cs", "namespace Microsoft.ML.OnnxRuntime\n{\n    public class InferenceSession(string path) { public string Path { get; } = path; }\n}\n");
        tree.Write("App/Usings.cs", "global using S = Microsoft.ML.OnnxRuntime.InferenceSession;\n");
        var work = tree.Write("App/Work.cs", """
            namespace App;
            public static class Work
            {
                public static int Sum(int[] values)
                {
                    var total = 0;
                    foreach (var value in values)
                    {
                        total += value;
                    }

                    return total;
                }

                public static object Open(string path)
                {
                    object session = new S(path);
                    return session;
                }
            }
            """);
        for (var i = 0; i < 12; i++)
        {
            tree.Write($"App/Billing/Invoice{i}.cs", Filler.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var screened = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--bind-all", "-o", "full");

        Assert.Contains("analysed (file by file)", screened.Output + screened.Error, StringComparison.Ordinal);
        var withScreen = Findings(tree.Path("screened"));
        Assert.Equal(Findings(tree.Path("full")), withScreen);
        Assert.Contains(withScreen, f => f.StartsWith($"App/Work.cs({TempTree.LineOf(work, "new S(path)")},", StringComparison.Ordinal) && f.Contains("EXL-W-ONNX high", StringComparison.Ordinal));
    }

    [Fact]
    public void A_using_directive_binds_a_file_only_for_a_namespace_wide_pattern()
    {
        // using System.Net; holds "Net", OpenCV's Dnn.Net on the lists: found on microsoft/semantic-kernel, where it bound
        // 290 files whole. A namespace directive brings names into scope; a body that uses a listed API names it. But a
        // namespace-wide pattern (Acme.Inference.*) takes every type of the namespace, named or not: there the directive
        // must still bind the file.
        using var tree = new TempTree("screen-usings");
        tree.UnrestorableProject("App", "App");
        tree.Write("acme.controllist.yaml", """
            controllist: acme
            version: 1.0.0
            extends: [exportlint-default]
            entries:
              - id: ACME-ENGINE
                category: model-weights
                severity: warning
                message: Runs Acme's inference engine
                match:
                  apis: [Acme.Inference.*]
            """);
        tree.Write("App/Vendor/Engine.cs", "namespace Acme.Inference\n{\n    public static class Engine { public static int Start(string model) => model.Length; }\n}\n");
        var client = tree.Write("App/Client.cs", """
            using System;
            using System.Linq;
            using Acme.Inference;

            namespace App;

            public static class Client
            {
                public static int Total(int[] values)
                {
                    var total = 0;
                    foreach (var value in values)
                    {
                        total += value;
                    }

                    return total;
                }

                public static int Go(string path) => Engine.Start(path);
            }
            """);
        tree.Write("App/Http.cs", """
            using System.Net;
            using System.Net.Http;

            namespace App;

            public static class Http
            {
                public static HttpStatusCode Probe(HttpClient client)
                {
                    var response = client.GetAsync("https://example.com/").GetAwaiter().GetResult();
                    return response.StatusCode;
                }
            }
            """);

        var screened = ExportLintTool.Run(tree.Root, "scan", "App", "--source-only", "--control-list", "acme.controllist.yaml", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", "App", "--source-only", "--control-list", "acme.controllist.yaml", "--bind-all", "-o", "full");

        Assert.Equal(full.ExitCode, screened.ExitCode);
        var withScreen = Findings(tree.Path("screened"));
        Assert.Equal(Findings(tree.Path("full")), withScreen);
        Assert.Contains(withScreen, f => f.StartsWith($"App/Client.cs({TempTree.LineOf(client, "Engine.Start(path)")},", StringComparison.Ordinal) && f.Contains("ACME-ENGINE high", StringComparison.Ordinal));

        // Client.cs bound whole (its Total too); Http.cs, whose only list name is the namespace in its directive, not at all.
        Assert.Contains("App.csproj: source, 3 files (1 named nothing the lists could match and were not bound)", screened.Output + screened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regex_that_times_out_in_a_project_analysed_file_by_file_is_still_reported()
    {
        // Source mode analyses only the files the screen kept, file by file, when they are few; the analyzers report a
        // regex that timed out at the compilation's end, which such an analysis never reaches. Attack: a catastrophic
        // pattern met in the one file kept of nine. The timeout must be in the report, as a whole analysis gives it, and
        // the screen (which runs the list's patterns on every string) must not spend the timeout on each of them.
        using var tree = new TempTree("screen-timeout");
        tree.UnrestorableProject("App", "App");
        tree.Write("slow.controllist.yaml", """
            controllist: slow
            version: 1.0.0
            extends: [exportlint-default]
            entries:
              - id: ACME-SLOW
                category: cluster-orchestration
                severity: warning
                message: Slow pattern
                match:
                  strings:
                    - regex: '^(\w+\s?)*$'
            """);
        for (var i = 0; i < 8; i++)
        {
            // The filler without its strings: the catastrophic pattern would take them (and bind every file).
            tree.Write($"App/Billing/Invoice{i}.cs", Filler.Replace("Console.WriteLine(\"cuda not used: billing runs on the CPU\");", string.Empty, StringComparison.Ordinal).Replace("_log.Add($\"model of invoice {0} loaded at {DateTime.UtcNow:O}\");", string.Empty, StringComparison.Ordinal).Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var names = string.Join(",\n", Enumerable.Range(0, 300).Select(i => $"        \"{new string('a', 40)}{i:D3}!\""));
        tree.Write("App/Names.cs", "namespace App;\npublic static class Names\n{\n    public static readonly string[] All =\n    {\n" + names + "\n    };\n}\n");

        var screened = ExportLintTool.Run(tree.Root, "scan", "App", "--source-only", "--control-list", "slow.controllist.yaml", "--verbose", "-o", "screened");

        var full = ExportLintTool.Run(tree.Root, "scan", "App", "--source-only", "--control-list", "slow.controllist.yaml", "--bind-all", "-o", "full");

        foreach (var output in new[] { "screened", "full" })
        {
            // Located in the list, at the pattern's line (found dropped: a problem outside the code left no word).
            var problem = Assert.Single(ToolRun.ReadReport(tree.Path(output)).Problems, p => p.Id == "EXL1008");
            Assert.Contains("of entry ACME-SLOW timed out", problem.Message, StringComparison.Ordinal);
            Assert.Equal(("slow.controllist.yaml", 11), (Path.GetFileName(problem.Location!.File), problem.Location.Line));
        }

        // The other files were not bound: the screen, and so the analysis file by file, did apply.
        Assert.Contains("App.csproj: source, 9 files (8 named nothing the lists could match and were not bound)", screened.Output + screened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_common_member_name_binds_a_file_only_in_a_project_that_names_its_api()
    {
        // LoadAsync is Foundry Local's IModel.LoadAsync on the lists, and the name of a thousand other methods. Found
        // when the entry was added: every file calling any LoadAsync was bound, and source mode lost its screen.
        const string Settings = """
            using System.Threading.Tasks;
            namespace App;
            public sealed class Settings{0}
            {
                public Task LoadAsync() => Task.CompletedTask;
                public async Task Refresh() => await LoadAsync();
            }
            """;
        using var tree = new TempTree("screen-member");
        tree.UnrestorableProject("Plain", "Plain");
        tree.UnrestorableProject("Local", "Local");
        for (var i = 0; i < 2; i++)
        {
            var text = Settings.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            tree.Write($"Plain/Settings{i}.cs", text);
            tree.Write($"Local/Settings{i}.cs", text);
        }

        // The same call, on Foundry Local's model, in a project that says so in another file.
        tree.Write("Local/Usings.cs", "global using Microsoft.AI.Foundry.Local;\n");
        var runner = tree.Write("Local/Runner.cs", """
            using System.Threading.Tasks;
            namespace App;
            public static class Runner
            {
                public static async Task Run(IModel model) => await model.LoadAsync();
            }
            """);

        var screened = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--bind-all", "-o", "full");

        Assert.True(screened.ExitCode == 0, screened.ToString());
        var withScreen = Findings(tree.Path("screened"));
        Assert.Equal(Findings(tree.Path("full")), withScreen);
        Assert.Contains(withScreen, f => f.StartsWith($"Local/Runner.cs({TempTree.LineOf(runner, "model.LoadAsync")},", StringComparison.Ordinal) && f.Contains("EXL-W-FOUNDRY-LOCAL", StringComparison.Ordinal));
        var log = screened.Output + screened.Error;
        Assert.Contains("Plain.csproj: source, 2 files (2 named nothing the lists could match and were not bound)", log, StringComparison.Ordinal);
        // In the project that names Foundry Local every LoadAsync may be its model's: only the usings file is left out.
        Assert.Contains("Local.csproj: source, 4 files (1 named nothing the lists could match and were not bound)", log, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzers_case_corpus_finds_the_same_with_and_without_the_screen()
    {
        // Every case the analyzers are tested on (compiled there against the real packages), here as loose files
        // without their packages: what source mode meets. Filler files give the screen something to leave out.
        using var tree = new TempTree("screen-corpus");
        var cases = Path.Combine(ExportLintTool.RepositoryRoot, "tests", "ExportLint.Analyzers.Tests", "Cases");
        var files = Directory.GetFiles(cases, "*.cs");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            tree.Write("corpus/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        tree.Write("corpus/Invoice.cs", Filler.Replace("{0}", "0", StringComparison.Ordinal));

        var screened = ExportLintTool.Run(tree.Root, "scan", "corpus", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", "corpus", "--bind-all", "-o", "full");

        var withScreen = Findings(tree.Path("screened"));
        var withoutScreen = Findings(tree.Path("full"));
        Assert.True(withoutScreen.Count > files.Length, $"{withoutScreen.Count} findings in {files.Length} case files");
        Assert.Equal(withoutScreen, withScreen);
        Assert.Contains("named nothing the lists could match and were not bound", screened.Output + screened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzers_case_corpus_among_many_files_is_analysed_file_by_file_and_finds_the_same()
    {
        // Source mode analyses the files that name something one by one when they are a quarter of the compilation or
        // fewer: the same corpus among a hundred files that name nothing takes that path. Everything the analyzers
        // give must be the same as a whole analysis of every file gives: findings, suppressions, problems.
        using var tree = new TempTree("screen-corpus-files");
        var cases = Path.Combine(ExportLintTool.RepositoryRoot, "tests", "ExportLint.Analyzers.Tests", "Cases");
        var files = Directory.GetFiles(cases, "*.cs");
        foreach (var file in files)
        {
            tree.Write("corpus/" + Path.GetFileName(file), File.ReadAllText(file));
        }

        // And suppressions, which the analyzers apply through the whole compilation's attributes: justified, by pragma,
        // and one without a justification (EXL0009).
        tree.Write("corpus/Suppressed.cs", """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using System.Runtime.InteropServices;

            [assembly: SuppressMessage("ExportLint", "EXL0004", Scope = "member", Target = "~M:Cluster.Spec~System.String", Justification = "a test manifest")]

            internal static class Probe
            {
                [SuppressMessage("ExportLint", "EXL0005", Justification = "the vendor's probe, reviewed")]
                [DllImport("cudart64_12")]
                internal static extern int cudaGetDeviceCount(out int count);

                [SuppressMessage("ExportLint", "EXL0005")]
                [DllImport("libcuda.so.1")]
                internal static extern int cuInit(uint flags);
            }

            internal static class Cluster
            {
                public static string Spec() => "resources: {limits: {nvidia.com/gpu: 1}}";

                public static string Other()
                {
            #pragma warning disable EXL0004 // a fixture, never deployed
                    return "amd.com/gpu";
            #pragma warning restore EXL0004
                }
            }
            """);
        for (var i = 0; i < 4 * (files.Length + 1); i++)
        {
            tree.Write($"corpus/Invoice{i}.cs", Filler.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        var screened = ExportLintTool.Run(tree.Root, "scan", "corpus", "--verbose", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", "corpus", "--bind-all", "-o", "full");

        Assert.Contains("C# files outside every project, from source", screened.Output + screened.Error, StringComparison.Ordinal);
        Assert.Contains(", analysed file by file", screened.Output + screened.Error, StringComparison.Ordinal);
        Assert.Equal(full.ExitCode, screened.ExitCode);
        var withScreen = Findings(tree.Path("screened"));
        Assert.True(withScreen.Count > files.Length, $"{withScreen.Count} findings in {files.Length} case files");
        Assert.Equal(Findings(tree.Path("full")), withScreen);
        static List<string> Others(string directory)
        {
            var report = ToolRun.ReadReport(directory);
            return report.Suppressions.Select(s => $"suppression {s.Location?.File}({s.Location?.Line}) {s.Justification}")
                .Concat(report.Problems.Select(p => $"problem {p.Id} {p.Location.File}({p.Location.Line},{p.Location.Column}) {p.Message}"))
                .Concat(report.Findings.Where(f => f.Suppression is not null).Select(f => $"suppressed {f.Location.File}({f.Location.Line}) {f.Id} {f.Suppression!.Kind} {f.Suppression.Justification}"))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        var others = Others(tree.Path("screened"));
        Assert.Contains(others, o => o.StartsWith("suppressed ", StringComparison.Ordinal) && o.Contains("a fixture, never deployed", StringComparison.Ordinal));
        Assert.Contains(others, o => o.StartsWith("suppressed ", StringComparison.Ordinal) && o.Contains("the vendor's probe, reviewed", StringComparison.Ordinal));
        Assert.Contains(others, o => o.StartsWith("problem EXL0009 ", StringComparison.Ordinal));
        Assert.Equal(Others(tree.Path("full")), others);
    }

    [Fact]
    public void The_samples_scanned_from_source_find_the_same_with_and_without_the_screen()
    {
        using var tree = new TempTree("screen-samples");
        var screened = ExportLintTool.Run(ExportLintTool.Samples, "scan", ".", "--source-only", "-o", tree.Path("screened"));
        var full = ExportLintTool.Run(ExportLintTool.Samples, "scan", ".", "--source-only", "--bind-all", "-o", tree.Path("full"));

        var withoutScreen = Findings(tree.Path("full"));
        Assert.Contains(withoutScreen, f => f.Contains("EXL-W-LLAMA", StringComparison.Ordinal));
        Assert.Equal(withoutScreen, Findings(tree.Path("screened")));
        Assert.Equal(full.ExitCode, screened.ExitCode);
    }

    [Fact]
    public void A_generated_expression_tens_of_thousands_of_terms_deep_is_screened_without_exhausting_the_stack()
    {
        // Found attacking the screen: its walks recursed into expressions, and a generated constant of 30,000
        // concatenated strings overflowed the stack and killed the scan (exit 134, no report). The compiler binds it.
        using var tree = new TempTree("screen-deep");
        var terms = string.Join(" + ", Enumerable.Range(0, 30_000).Select(i => $"\"part{i}\""));
        tree.Write("App/Generated.cs", $"namespace App;\npublic static class Generated {{ public const string Text = {terms}; }}\n");
        tree.Write("App/Load.cs", "namespace App;\npublic static class Load { public static object M() => LLama.LLamaWeights.LoadFromFile(null!); }\n");

        var screened = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "screened");
        var full = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--bind-all", "-o", "full");

        Assert.True(screened.ExitCode == 0, screened.ToString());
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.Contains(Findings(tree.Path("screened")), f => f.StartsWith("App/Load.cs(2,", StringComparison.Ordinal));
        Assert.Equal(Findings(tree.Path("full")), Findings(tree.Path("screened")));
    }

    private static List<string> Findings(string directory) =>
        ToolRun.ReadReport(directory).Findings
            .Select(f => $"{f.Location.File}({f.Location.Line},{f.Location.Column}) {f.Id} {f.EntryId} {f.Confidence} {f.Evidence.Symbol ?? f.Evidence.Text}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
}
