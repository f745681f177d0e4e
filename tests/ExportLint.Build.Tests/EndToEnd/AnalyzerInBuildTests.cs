using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ExportLint.Build.Tests.EndToEnd;

/// <summary>
/// The analyzers as a developer meets them: the packed ExportLint package in a plain <c>dotnet build</c> of a
/// project that uses the real LLamaSharp package. Proves the analyzers load from <c>analyzers/dotnet/cs</c> with
/// their dependencies beside them and report at the exact call.
/// </summary>
[Collection(EndToEndTests.Name)]
public sealed class AnalyzerInBuildTests
{
    private const string LlamaReference = """<PackageReference Include="LLamaSharp" Version="0.30.0" />""";

    private const string LoadsWeights = """
        using LLama;
        using LLama.Common;

        internal static class Program
        {
            private static void Main()
            {
                using var weights = LLamaWeights.LoadFromFile(new ModelParams("models/model.gguf"));
            }
        }
        """;

    private readonly PackedExportLint _packed;

    public AnalyzerInBuildTests(PackedExportLint packed) => _packed = packed;

    [Fact]
    public void The_packed_analyzers_load_and_report_the_call_with_its_entry_and_citation()
    {
        var consumer = Consumer.Create(_packed, "LlamaApp", LlamaReference);
        var program = consumer.Write("Program.cs", LoadsWeights);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        run.NoCrash();
        Assert.DoesNotContain("AD0001", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", run.Output, StringComparison.Ordinal); // "an instance of analyzer cannot be created"
        var finding = run.One("EXL0001", "LLama.LLamaWeights.LoadFromFile");
        Assert.Equal(program, finding.File);
        Assert.Equal((8, 42), (finding.Line, finding.Column));
        Assert.Equal("warning", finding.Level);
        // The SDK prints the rule's help link after the message.
        Assert.Equal(
            "Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry EXL-W-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13) (" + ControlLists.DiagnosticIds.HelpLink("EXL0001") + ")",
            finding.Message);
    }

    // The package's precompiled analyzers (ReadyToRun): dotnet build on Linux x64/Arm64, Windows x64 or macOS Arm64 with the .NET 10 SDK gets
    // them in place of the IL ones, and ExportLintPrecompiledAnalyzers=false keeps the IL ones. Either way the
    // compiler reports the same findings; elsewhere the IL ones are used.
    [Fact]
    public void A_command_line_build_on_a_precompiled_host_uses_the_precompiled_analyzers_with_the_same_findings()
    {
        var consumer = Consumer.Create(_packed, "LlamaPrecompiled", LlamaReference);
        consumer.Write("Program.cs", LoadsWeights);
        var host = (OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "other") + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        // The compiler runs on the SDK's own runtime, whose major version is the SDK's.
        var precompiledHost = host is "linux-x64" or "linux-arm64" or "win-x64" or "osx-arm64" && Dotnet.Run(consumer.Directory, "--version").Output.Trim().StartsWith("10.", StringComparison.Ordinal);
        string AnalyzerFolder(BuildRun run)
        {
            var folders = Regex.Matches(run.Output, @"/analyzer:(\S*?)[\\/]ExportLint\.Analyzers\.dll").Select(m => m.Groups[1].Value.Replace('\\', '/')).Distinct().ToList();
            return Assert.Single(folders);
        }

        var precompiled = consumer.Build("--no-incremental", "-v:n");
        var il = consumer.Build("--no-incremental", "-v:n", "-p:ExportLintPrecompiledAnalyzers=false");

        Assert.True(precompiled.Succeeded, precompiled.Output);
        Assert.True(il.Succeeded, il.Output);
        Assert.EndsWith("/analyzers/dotnet/cs", AnalyzerFolder(il), StringComparison.Ordinal);
        Assert.EndsWith(precompiledHost ? "/precompiled/" + host : "/analyzers/dotnet/cs", AnalyzerFolder(precompiled), StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", precompiled.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", precompiled.Output, StringComparison.Ordinal);
        Assert.Equal(il.Diagnostics.Where(d => d.Code.StartsWith("EXL", StringComparison.Ordinal)).Distinct(),
                     precompiled.Diagnostics.Where(d => d.Code.StartsWith("EXL", StringComparison.Ordinal)).Distinct());
        Assert.Contains(precompiled.Diagnostics, d => d.Code == "EXL0001" && d.Message.Contains("LLama.LLamaWeights.LoadFromFile", StringComparison.Ordinal));
    }

    // The swap replaces the package's own Analyzer items and adds none: a project that takes ExportLint's analyzers out
    // (by the package's id, as people do where the SDK ignores ExcludeAssets="analyzers", dotnet/sdk#1212) gets no
    // precompiled ones either, and still gets the build check.
    [Fact]
    public void A_project_that_removes_the_analyzers_gets_no_precompiled_analyzers_either()
    {
        var consumer = Consumer.Create(_packed, "LlamaNoAnalyzers", LlamaReference);
        consumer.Write("Program.cs", LoadsWeights);
        consumer.Write("Directory.Build.targets", """
            <Project>
              <Target Name="RemoveExportLintAnalyzers" BeforeTargets="CoreCompile">
                <ItemGroup>
                  <Analyzer Remove="@(Analyzer)" Condition="'%(Analyzer.NuGetPackageId)' == 'ExportLint'" />
                </ItemGroup>
              </Target>
            </Project>
            """);

        var run = consumer.Build("--no-incremental", "-v:n");

        Assert.True(run.Succeeded, run.Output);
        Assert.Contains("ExportLint: ", run.Output, StringComparison.Ordinal); // the task ran
        Assert.DoesNotMatch(@"/analyzer:\S*ExportLint\.Analyzers\.dll", run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0001");
    }

    [Fact]
    public void An_overlay_that_raises_the_entry_makes_the_call_an_error_and_fails_the_build()
    {
        var consumer = Consumer.Create(_packed, "LlamaAcme", LlamaReference, $"<ExportLintControlList>{_packed.AcmePolicy}</ExportLintControlList>");
        consumer.Write("Program.cs", LoadsWeights);

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        var finding = run.One("EXL0001", "entry EXL-W-LLAMA");
        Assert.Equal("error", finding.Level);
        run.NoCrash();
    }

    [Fact]
    public void With_the_default_list_turned_off_and_no_list_given_nothing_is_reported()
    {
        var consumer = Consumer.Create(_packed, "LlamaNoList", LlamaReference, "<ExportLintUseDefaultList>false</ExportLintUseDefaultList>");
        consumer.Write("Program.cs", LoadsWeights);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0001");
    }

    [Fact]
    public void A_pragma_silences_the_call_as_for_any_compiler_warning()
    {
        var consumer = Consumer.Create(_packed, "LlamaPragma", LlamaReference);
        consumer.Write("Program.cs", LoadsWeights.Replace("        using var weights", "#pragma warning disable EXL0001\n        using var weights", StringComparison.Ordinal));

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0001");
    }

    [Fact]
    public void A_broken_list_is_reported_once_at_its_line_by_the_build_not_twice()
    {
        var consumer = Consumer.Create(_packed, "LlamaBrokenList", LlamaReference, "<ExportLintControlList>broken.controllist.yaml</ExportLintControlList>");
        consumer.Write("Program.cs", LoadsWeights);
        var list = consumer.Write("broken.controllist.yaml", "controllist: broken\nextends: [exportlint-default]\nmesage: typo\n");

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        var problem = Assert.Single(run.Diagnostics, d => d.Code == "EXL1002");
        Assert.Equal((list, 3, 1), (problem.File, problem.Line, problem.Column));
        run.NoCrash();
    }

    // Issue 10, item 1. Before: only AdditionalFiles named *.controllist.yaml reached the analyzers, so the overlay in
    // acme.yaml was used by the task and ignored by the analyzers (a warning instead of an error, the build passed).
    [Fact]
    public void A_list_named_in_ExportLintControlList_is_used_by_the_analyzers_whatever_its_file_is_called()
    {
        var consumer = Consumer.Create(_packed, "LlamaAnyName", LlamaReference, "<ExportLintControlList>policies/acme.yaml</ExportLintControlList>");
        var program = consumer.Write("Program.cs", LoadsWeights);
        consumer.Write("policies/acme.yaml", File.ReadAllText(_packed.AcmePolicy));

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        var finding = run.One("EXL0001", "entry EXL-W-LLAMA");
        Assert.Equal((program, 8, 42, "error"), (finding.File, finding.Line, finding.Column, finding.Level));
        run.NoCrash();
    }

    // Issue 10, item 2. Before: the base list was not among the AdditionalFiles, so its entries were missing from the
    // analyzers and, with list problems left to the analyzers (as in the IDE), they said EXL1005 "not found".
    [Fact]
    public void A_list_extended_by_relative_path_reaches_the_analyzers_and_gives_no_false_EXL1005()
    {
        var consumer = Consumer.Create(_packed, "LlamaExtends", LlamaReference, "<ExportLintControlList>policy.controllist.yaml</ExportLintControlList>");
        var program = consumer.Write("Program.cs", LoadsWeights);
        consumer.Write("policy.controllist.yaml", """
            controllist: policy
            extends: [./shared/base.controllist.yaml]
            overrides:
              - entry: BASE-LLAMA
                severity: error
            """);
        consumer.Write("shared/base.controllist.yaml", """
            controllist: base
            extends: [exportlint-default]
            entries:
              - id: BASE-LLAMA
                category: model-weights
                severity: warning
                message: Loads LLaMA weights under the base policy
                match:
                  apis: [LLama.LLamaWeights.LoadFromFile]
            """);

        var run = consumer.Build("-p:ExportLintBuildReportsListProblems=false");

        Assert.False(run.Succeeded, run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL1005");
        var finding = run.One("EXL0001", "entry BASE-LLAMA");
        Assert.Equal((program, 8, 42, "error"), (finding.File, finding.Line, finding.Column, finding.Level));
        Assert.StartsWith("Loads LLaMA weights under the base policy (LLama.LLamaWeights.LoadFromFile) — entry BASE-LLAMA, no classification", finding.Message, StringComparison.Ordinal);
        run.NoCrash();
    }

    // Issue 10, item 10 ("ExportLintControlList=/nonexistent/*.controllist.yaml"), for the whole build: one EXL1005
    // (the task's: the analyzers leave list problems to it in a build) and no finding from the default list. The
    // task's error ends the build before CoreCompile; the design-time build below is where the analyzers run on it.
    [Fact]
    public void A_control_list_glob_that_matches_no_file_gives_no_analyzer_finding_from_the_default_list()
    {
        var consumer = Consumer.Create(_packed, "LlamaMissingList", LlamaReference);
        consumer.Write("Program.cs", LoadsWeights);

        var run = consumer.Build("-p:ExportLintControlList=/nonexistent/*.controllist.yaml");

        Assert.False(run.Succeeded, run.Output);
        run.NoCrash();
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0001");
        var error = Assert.Single(run.Diagnostics, d => d.Code == "EXL1005");
        Assert.Equal(("error", consumer.ProjectPath), (error.Level, error.File));
    }

    // Issue 10, item 10, for the analyzers, as in the IDE's design-time build (no check; list problems left to the
    // analyzers). Before: the wildcard gave MSBuild no item, so no AdditionalFile was marked and the analyzers fell
    // back to the default list (a warning from EXL-W-LLAMA) and said nothing, while the task used no list and said
    // EXL1005. Now they agree: the analyzers say EXL1005 themselves and use no default list.
    [Fact]
    public void In_a_design_time_build_a_glob_that_matches_no_file_is_the_analyzers_EXL1005()
    {
        var consumer = Consumer.Create(_packed, "LlamaMissingListIde", LlamaReference);
        consumer.Write("Program.cs", LoadsWeights);

        var run = consumer.Build("-p:ExportLintControlList=/nonexistent/*.controllist.yaml", "-p:DesignTimeBuild=true");

        Assert.False(run.Succeeded, run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0001");
        Assert.Contains(run.Diagnostics, d => d.Code == "EXL1005" && d.Message.StartsWith("ExportLintControlList is '/nonexistent/*.controllist.yaml', which names no file", StringComparison.Ordinal));
    }

    // Issue 10, "one notion of today": the analyzers and the task evaluate the lists for the same day. Before: the
    // analyzers ignored ExportLintToday (they read ExportLintAsOf, which the targets never set) and used the real
    // date, so an entry in force on ExportLintToday gave no finding in code.
    [Fact]
    public void ExportLintToday_is_the_day_the_analyzers_evaluate_the_lists_for()
    {
        var consumer = Consumer.Create(_packed, "LlamaToday", LlamaReference, "<ExportLintControlList>dated.controllist.yaml</ExportLintControlList>");
        var program = consumer.Write("Program.cs", LoadsWeights);
        consumer.Write("dated.controllist.yaml", """
            controllist: dated
            entries:
              - id: DATED-LLAMA
                category: model-weights
                severity: warning
                message: Loads LLaMA weights under the 2019 policy
                expires: 2020-01-01
                match:
                  apis: [LLama.LLamaWeights.LoadFromFile]
            """);

        var run = consumer.Build("-p:ExportLintToday=2019-06-01");

        Assert.True(run.Succeeded, run.Output);
        run.NoCrash();
        var finding = run.One("EXL0001", "entry DATED-LLAMA");
        Assert.Equal((program, 8, 42, "warning"), (finding.File, finding.Line, finding.Column, finding.Level));
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0108");
    }

    // Issue 10, item 8. Before: CoreCompile compares timestamps, the stricter list was older than the assembly, so the
    // compiler (and the analyzers) did not run again: the build passed with the old warning until a .cs file changed.
    [Fact]
    public void Switching_to_a_stricter_list_re_runs_the_analyzers_without_touching_code()
    {
        var consumer = Consumer.Create(_packed, "LlamaSwitch", LlamaReference);
        var program = consumer.Write("Program.cs", LoadsWeights);
        var strict = consumer.Write("strict.controllist.yaml", File.ReadAllText(_packed.AcmePolicy));
        File.SetLastWriteTimeUtc(strict, DateTime.UtcNow.AddDays(-30));

        var first = consumer.Build();
        Assert.True(first.Succeeded, first.Output);
        Assert.Equal("warning", first.One("EXL0001", "entry EXL-W-LLAMA").Level);

        var second = consumer.Build("--no-restore", "-p:ExportLintControlList=" + strict);

        Assert.False(second.Succeeded, second.Output);
        var finding = second.One("EXL0001", "entry EXL-W-LLAMA");
        Assert.Equal((program, 8, 42, "error"), (finding.File, finding.Line, finding.Column, finding.Level));
    }

    // Issue 10, item 8: the content counts, not the timestamp (a checkout or a copy can give an edited list an old one).
    [Fact]
    public void A_list_edited_in_place_with_an_old_timestamp_re_runs_the_analyzers()
    {
        var consumer = Consumer.Create(_packed, "LlamaEdited", LlamaReference, "<ExportLintControlList>policy.controllist.yaml</ExportLintControlList>");
        var program = consumer.Write("Program.cs", LoadsWeights);
        var policy = consumer.Write("policy.controllist.yaml", "controllist: policy\nextends: [exportlint-default]\n");
        var old = DateTime.UtcNow.AddDays(-30);
        File.SetLastWriteTimeUtc(policy, old);
        var first = consumer.Build();
        Assert.True(first.Succeeded, first.Output);
        Assert.Equal("warning", first.One("EXL0001", "entry EXL-W-LLAMA").Level);

        File.WriteAllText(policy, "controllist: policy\nextends: [exportlint-default]\noverrides:\n  - entry: EXL-W-LLAMA\n    severity: error\n");
        File.SetLastWriteTimeUtc(policy, old);
        var second = consumer.Build("--no-restore");

        var finding = second.One("EXL0001", "entry EXL-W-LLAMA");
        Assert.Equal((program, 8, 42, "error"), (finding.File, finding.Line, finding.Column, finding.Level));
    }

    // Issue 10, item 4, as built: generated code is reported (it was a one-line bypass), and the documented opt-out
    // reaches the analyzers as a CompilerVisibleProperty.
    [Fact]
    public void Generated_code_is_reported_and_ExportLintSkipGeneratedCode_leaves_it_out()
    {
        var consumer = Consumer.Create(_packed, "LlamaGenerated", LlamaReference);
        consumer.Write("Program.cs", "internal static class Program { private static void Main() => Generated.Client.Load(); }\n");
        var generated = consumer.Write("Generated/Client.g.cs", """
            // <auto-generated/>
            using LLama;
            using LLama.Common;

            namespace Generated;

            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            internal static class Client
            {
                internal static void Load() => LLamaWeights.LoadFromFile(new ModelParams("m.gguf")).Dispose();
            }
            """);

        var reported = consumer.Build();

        Assert.True(reported.Succeeded, reported.Output);
        var finding = reported.One("EXL0001", "entry EXL-W-LLAMA");
        Assert.Equal((generated, 10, 49), (finding.File, finding.Line, finding.Column));
        Assert.False(SkipGeneratedCodeInReport(consumer));

        var skipped = consumer.Build("--no-restore", "-p:ExportLintSkipGeneratedCode=true");

        Assert.True(skipped.Succeeded, skipped.Output);
        Assert.DoesNotContain(skipped.Diagnostics, d => d.Code == "EXL0001");
        Assert.True(SkipGeneratedCodeInReport(consumer));
    }

    // Issue 10, item 4: with generated code reported, the LibraryImport generator's output (a DllImport of the same
    // library) must not give a second finding for one [LibraryImport].
    [Fact]
    public void A_LibraryImport_is_reported_once_at_the_attribute_not_again_in_the_generated_code()
    {
        var consumer = Consumer.Create(_packed, "HipImport", string.Empty, "<AllowUnsafeBlocks>true</AllowUnsafeBlocks><ExportLintControlList>native.controllist.yaml</ExportLintControlList>");
        consumer.Write("native.controllist.yaml", "controllist: native\nextends: [exportlint-default]\noverrides:\n  - entry: EXL-N-GPU-LIBS\n    severity: warning\n");
        var program = consumer.Write("Program.cs", """
            using System.Runtime.InteropServices;

            internal static partial class Program
            {
                [LibraryImport("amdhip64_6")]
                private static partial int hipGetDeviceCount(out int count);

                [LibraryImport("cudart64_12.dll", StringMarshalling = StringMarshalling.Utf8)]
                private static partial int cudaSetName(string name);

                private static void Main() { }
            }
            """);

        var run = consumer.Build();

        var findings = run.Diagnostics.Where(d => d.Code == "EXL0005").ToList();
        Assert.True(findings.Count == 2, run.Output);
        Assert.All(findings, f => Assert.Equal(program, f.File));
        Assert.Equal([5, 8], findings.Select(f => f.Line).Order());
    }

    private static bool SkipGeneratedCodeInReport(Consumer consumer)
    {
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(consumer.ReportPath));
        return report.RootElement.GetProperty("skipGeneratedCode").GetBoolean();
    }
}
