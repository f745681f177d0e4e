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
}
