using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests;

/// <summary>
/// Code nobody can build today is still inventoried: a project that cannot be restored is scanned from source, its
/// unbound names matched through usings, aliases and <c>using static</c>, with medium confidence and the reason stated.
/// </summary>
public sealed class SourceModeTests
{
    private const string Program = """
        using System.Runtime.InteropServices;
        using LLama;
        using LLama.Common;
        using W = LLama.LLamaWeights;
        using static TorchSharp.torch;
        using Microsoft.ML.OnnxRuntime;

        var parameters = new ModelParams("m.gguf") { GpuLayerCount = 20 };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        var aliased = W.LoadFromFile(parameters);
        InferenceSession session = new("model.onnx");
        var gpu = cuda.is_available();
        var qualified = TorchSharp.torch.load("weights.bin");
        var notControlled = LLama.Native.NativeApi.llama_max_devices();
        var options = new SessionOptions();
        options.AppendExecutionProvider_CUDA(0);
        var cpu = new SessionOptions();
        cpu.AppendExecutionProvider_CPU();

        static class Native
        {
            [DllImport("cudart64_12")]
            public static extern int cudaGetDeviceCount(out int count);
        }
        """;

    [Fact]
    public void An_unrestorable_project_is_scanned_from_source_with_its_reason_and_medium_confidence_findings()
    {
        using var tree = new TempTree("source-mode");
        tree.UnrestorableProject("App", "App");
        var program = tree.Write("App/Program.cs", Program);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        var project = Assert.Single(report.Projects);
        Assert.Equal(ScanModes.Source, project.Mode);
        Assert.Contains("--no-restore", project.Reason, StringComparison.Ordinal);
        Assert.Contains("do not bind", project.Reason, StringComparison.Ordinal);
        Assert.Contains(report.Problems, p => p.Id == "EXL0200" && p.Location.File == "App/App.csproj" && !p.Incomplete);

        (string Entry, int Line, int Column, string Confidence) At(string text, string entry) =>
            (entry, TempTree.LineOf(program, text), TempTree.ColumnOf(program, text), Confidences.Medium);
        var found = report.Findings.Select(f => (f.EntryId, f.Location.Line, f.Location.Column, f.Confidence)).ToList();
        Assert.Contains(At("GpuLayerCount", "EXL-G-LLAMA-GPU"), found);
        Assert.Contains(At("LLamaWeights.LoadFromFile(parameters)", "EXL-W-LLAMA"), found);
        Assert.Contains(At("W.LoadFromFile", "EXL-W-LLAMA"), found);
        Assert.Contains(At("new(\"model.onnx\")", "EXL-W-ONNX"), found);
        Assert.Contains(At("cuda.is_available()", "EXL-G-TORCH-CUDA"), found);
        Assert.Contains(At("TorchSharp.torch.load", "EXL-W-TORCH"), found);
        Assert.Contains(At("options.AppendExecutionProvider_CUDA", "EXL-G-ORT-EP"), found);
        Assert.DoesNotContain(report.Findings, f => f.Location.Line == TempTree.LineOf(program, "cpu.AppendExecutionProvider_CPU"));

        // DllImport binds without the package: the analyzers find it, with high confidence, in the same scan.
        var native = Assert.Single(report.Findings, f => f.Id == "EXL0005");
        Assert.Equal((TempTree.LineOf(program, "[DllImport"), Confidences.High), (native.Location.Line, native.Confidence));

        // A near miss: LLamaSharp's NativeApi is not on the list, so nothing is reported on its line.
        Assert.DoesNotContain(report.Findings, f => f.Location.Line == TempTree.LineOf(program, "llama_max_devices"));
        Assert.Contains("App/App.csproj: source", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-restore")]
    [InlineData("--source-only")]
    public void The_project_files_Using_items_are_the_usings_source_mode_matches_through(string mode)
    {
        // Found attacking source mode: the SDK writes a project's <Using> items into obj/GlobalUsings.g.cs at build time,
        // which a project that was never restored does not have, so a bare LLamaWeights.LoadFromFile went unmatched.
        using var tree = new TempTree("source-project-usings");
        tree.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Acme.Private.Inference" Version="9.9.9" />
                <Using Include="LLama" />
                <Using Include="Microsoft.ML.OnnxRuntime.InferenceSession" Alias="Session" />
                <Using Include="TorchSharp.torch" Static="true" />
                <Using Include="$(NotAName)" />
              </ItemGroup>
            </Project>
            """);
        var program = tree.Write("App/Program.cs", """
            using var weights = LLamaWeights.LoadFromFile(null!);
            var session = new Session("model.onnx");
            var gpu = cuda.is_available();
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", mode, "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        var found = report.Findings.Select(f => (f.EntryId, f.Location.File, f.Location.Line, f.Confidence)).ToList();
        Assert.Contains(("EXL-W-LLAMA", "App/Program.cs", TempTree.LineOf(program, "LLamaWeights.LoadFromFile"), Confidences.Medium), found);
        Assert.Contains(("EXL-W-ONNX", "App/Program.cs", TempTree.LineOf(program, "new Session"), Confidences.Medium), found);
        Assert.Contains(("EXL-G-TORCH-CUDA", "App/Program.cs", TempTree.LineOf(program, "cuda.is_available"), Confidences.Medium), found);
        Assert.All(report.Findings, f => Assert.Equal("App/Program.cs", f.Location.File));
    }

    [Fact]
    public void A_device_named_by_a_string_is_found_in_source_mode_only_where_a_device_is_asked_for()
    {
        using var tree = new TempTree("source-device");
        tree.UnrestorableProject("App", "App");
        var program = tree.Write("App/Program.cs", """
            using TorchSharp;
            using static TorchSharp.torch;

            var rank = args.Length;
            var byName = torch.device("cuda:0");
            var created = new Device($"cuda:{rank}");
            var chosen = args.Length > 0 ? "cuda" : "cpu";
            var picked = torch.device(chosen);
            var joined = torch.device(string.Concat("cu", "da:", rank));
            var onCpu = torch.device("cpu");
            System.Console.WriteLine("built for cuda");
            var logged = "cuda";
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        var lines = report.Findings.Where(f => f.EntryId == "EXL-G-TORCH-CUDA").Select(f => (f.Location.Line, f.Confidence)).OrderBy(l => l.Line).ToList();
        Assert.Equal(
            [
                (TempTree.LineOf(program, "torch.device(\"cuda:0\")"), Confidences.Medium),
                (TempTree.LineOf(program, "new Device("), Confidences.Medium),
                (TempTree.LineOf(program, "torch.device(chosen)"), Confidences.Medium),
                (TempTree.LineOf(program, "string.Concat(\"cu\""), Confidences.Medium),
            ],
            lines);
        var finding = report.Findings.First(f => f.EntryId == "EXL-G-TORCH-CUDA");
        Assert.Contains("\"cuda:0\" given to TorchSharp.torch.device", finding.Evidence.Symbol, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_MSBuild_cannot_evaluate_is_scanned_from_source_with_the_file_line_and_column_of_the_error()
    {
        using var tree = new TempTree("broken-project");
        tree.Write("Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup\n</Project>\n");
        tree.Write("Broken/Load.cs", "class C { void M() => LLama.LLamaWeights.LoadFromFile(null!); }\n");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        var project = Assert.Single(report.Projects);
        Assert.Equal(ScanModes.Source, project.Mode);
        Assert.Matches(@"MSBuild could not evaluate it: .*Broken\.csproj\(5,1\)", project.Reason);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("EXL-W-LLAMA", "Broken/Load.cs", 1, 23, Confidences.Medium), (finding.EntryId, finding.Location.File, finding.Location.Line, finding.Location.Column, finding.Confidence));
        Assert.Contains(report.Problems, p => p.Id == "EXL0200" && p.Message.Contains("packages and project items were not checked", StringComparison.Ordinal));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_CSharp_file_outside_every_project_is_scanned_from_source()
    {
        using var tree = new TempTree("loose-files");
        var script = tree.Write("tools/export weights ü.cs", """
            using TorchSharp;
            static class Tool
            {
                static void Main() => torch.jit.load("model.pt");
            }
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", tree.Root, "-o", tree.Path("out"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var finding = Assert.Single(ToolRun.ReadReport(tree.Path("out")).Findings, f => f.EntryId == "EXL-W-TORCH");
        Assert.Equal(("tools/export weights ü.cs", TempTree.LineOf(script, "torch.jit.load"), Confidences.Medium), (finding.Location.File, finding.Location.Line, finding.Confidence));
        Assert.Null(finding.Project);
        Assert.Equal("TorchSharp.torch.jit.load", finding.Evidence.Symbol);
    }

    [Fact]
    public void A_project_whose_restore_fails_says_why_in_NuGets_words()
    {
        using var tree = new TempTree("restore-fails");
        tree.UnrestorableProject("App", "App");
        tree.Write("App/Program.cs", "var w = LLama.LLamaWeights.LoadFromFile(null!);\n");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var project = Assert.Single(ToolRun.ReadReport(tree.Path("out")).Projects);
        Assert.Equal(ScanModes.Source, project.Mode);
        Assert.Contains("its restore failed", project.Reason, StringComparison.Ordinal);
        Assert.Contains("NU1101", project.Reason, StringComparison.Ordinal);
        Assert.Contains("Acme.Private.Inference", project.Reason, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_project_with_compile_errors_is_still_analysed_semantically()
    {
        using var tree = new TempTree("compile-errors");
        tree.Write("Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
        var code = tree.Write("Lib/Native.cs", """
            using System.Runtime.InteropServices;
            static class Native
            {
                [DllImport("nvml")]
                static extern int nvmlInit();

                static int Broken() => "not an int";
            }
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Equal(ScanModes.Semantic, Assert.Single(report.Projects).Mode);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("EXL0005", TempTree.LineOf(code, "DllImport"), Confidences.High), (finding.Id, finding.Location.Line, finding.Confidence));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_list_of_any_name_and_the_list_it_extends_by_relative_path_reach_the_analyzers()
    {
        using var tree = new TempTree("list-names");
        tree.Write("policy/base.controllist.yaml", """
            controllist: acme-base
            version: 1.0.0
            entries:
              - id: ACME-ACCEL
                category: native-gpu-library
                severity: error
                message: Binds the Acme accelerator
                match:
                  native: [acme_accel]
            """);
        tree.Write("policy/acme.yaml", "controllist: acme\nversion: 1.0.0\nextends: [exportlint-default, ./base.controllist.yaml]\nentries: []\n");
        var code = tree.Write("tools/Accel.cs", """
            using System.Runtime.InteropServices;
            static class Accel
            {
                [DllImport("acme_accel")]
                static extern int acme_init();
            }
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", "tools", "-l", "policy/acme.yaml", "-o", "out");

        Assert.True(run.ExitCode == 1, run.ToString());
        var finding = Assert.Single(ToolRun.ReadReport(tree.Path("out")).Findings);
        Assert.Equal(("ACME-ACCEL", "acme-base", TempTree.LineOf(code, "DllImport"), Confidences.High, "error"), (finding.EntryId, finding.ListId, finding.Location.Line, finding.Confidence, finding.Level));
    }

    [Fact]
    public void Generated_code_is_reported_as_generated_unless_skip_generated_code_is_given_and_recorded()
    {
        using var tree = new TempTree("generated");
        tree.Write("gen/Interop.g.cs", "// <auto-generated/>\nusing System.Runtime.InteropServices;\nstatic class Gen { [DllImport(\"cudart\")] static extern int cudaFree(nint p); }\n");

        ExportLintTool.Run(tree.Root, "scan", ".", "-o", "all");
        ExportLintTool.Run(tree.Root, "scan", ".", "-o", "skipped", "--skip-generated-code");

        var all = ToolRun.ReadReport(tree.Path("all"));
        Assert.True(Assert.Single(all.Findings).Generated);
        Assert.False(all.SkipGeneratedCode);
        var skipped = ToolRun.ReadReport(tree.Path("skipped"));
        Assert.Empty(skipped.Findings);
        Assert.True(skipped.SkipGeneratedCode);
    }

    [Fact]
    public void A_property_named_like_its_type_does_not_send_source_mode_round_in_circles()
    {
        using var tree = new TempTree("same-name");
        var code = tree.Write("lib/Executor.cs", """
            using LLama;
            using LLama.Common;
            public sealed class Executor
            {
                public LLamaWeights LLamaWeights { get; }
                public ModelParams ModelParams { get; } = new("m.gguf");
                public Executor Executor2 => this;
                public void Load() { var w = LLamaWeights.LoadFromFile(ModelParams); ModelParams.GpuLayerCount = 1; }
            }
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var found = ToolRun.ReadReport(tree.Path("out")).Findings.Select(f => (f.EntryId, f.Location.Line)).ToList();
        Assert.Contains(("EXL-W-LLAMA", TempTree.LineOf(code, "LoadFromFile")), found);
        Assert.Contains(("EXL-G-LLAMA-GPU", TempTree.LineOf(code, "GpuLayerCount")), found);
    }

    [Fact]
    public void Global_usings_in_another_file_do_not_hide_a_call_in_source_mode()
    {
        using var tree = new TempTree("global-usings");
        tree.UnrestorableProject("App", "App");
        tree.Write("App/GlobalUsings.cs", "global using W = LLama.LLamaWeights;\nglobal using static TorchSharp.torch;\nglobal using Microsoft.ML.OnnxRuntime;\n");
        var code = tree.Write("App/Program.cs", """
            var weights = W.LoadFromFile(null!);
            var gpu = cuda.is_available();
            var session = new InferenceSession("model.onnx");
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var found = ToolRun.ReadReport(tree.Path("out")).Findings.Select(f => (f.EntryId, f.Location.Line, f.Confidence)).ToList();
        Assert.Contains(("EXL-W-LLAMA", TempTree.LineOf(code, "W.LoadFromFile"), Confidences.Medium), found);
        Assert.Contains(("EXL-G-TORCH-CUDA", TempTree.LineOf(code, "cuda.is_available"), Confidences.Medium), found);
        Assert.Contains(("EXL-W-ONNX", TempTree.LineOf(code, "new InferenceSession"), Confidences.Medium), found);
    }
}
