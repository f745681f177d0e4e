using ExportLint.Analyzers.Infrastructure;
using ExportLint.Analyzers.Tests.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExportLint.Analyzers.Tests;

public class ConfigurationTests
{
    private const string LoadsWeights = """
        using LLama;
        using LLama.Abstractions;
        class C
        {
            LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
        }
        """;

    [Fact]
    public void SuppressMessage_without_justification_suppresses_but_is_reported_as_EXL0009()
    {
        var result = AnalyzerRun.Run("""
            using System.Diagnostics.CodeAnalysis;
            using LLama;
            using LLama.Abstractions;
            class C
            {
                [SuppressMessage("ExportLint", "EXL0001:Loads model weights")]
                LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
            }
            """);

        Assert.Equal(["EXL0009 (6,6) warning: [SuppressMessage] of EXL0001 has no Justification; say why this finding does not apply"], result);
    }

    [Fact]
    public void SuppressMessage_of_a_constant_check_id_is_read_through_its_value_and_other_tools_rules_are_left_alone()
    {
        // A literal check id is read from its token without binding the attribute; a constant is bound as before.
        var result = AnalyzerRun.Run("""
            using System.Diagnostics.CodeAnalysis;
            using LLama;
            using LLama.Abstractions;
            class C
            {
                const string Id = "EXL0001";
                [SuppressMessage("ExportLint", Id + ":Loads model weights")]
                LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
                [SuppressMessage("Microsoft.Design", "CA1031:DoNotCatchGeneralExceptionTypes")]
                [SuppressMessage("Microsoft.Design", @"CA1062")]
                void N() { }
            }
            """);

        Assert.Equal(["EXL0009 (7,6) warning: [SuppressMessage] of EXL0001 has no Justification; say why this finding does not apply"], result);
    }

    [Fact]
    public void SuppressMessage_with_a_justification_gives_nothing()
    {
        var result = AnalyzerRun.Run("""
            using System.Diagnostics.CodeAnalysis;
            using LLama;
            using LLama.Abstractions;
            class C
            {
                [SuppressMessage("ExportLint", "EXL0001:Loads model weights", Justification = "Reviewed: ticket EXP-12, model is public Llama 3 8B")]
                LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
                [SuppressMessage("ExportLint", "EXL0001", Justification = "<Pending>")]
                LLamaWeights N(IModelParams p) => LLamaWeights.LoadFromFile(p);
            }
            """);

        Assert.Equal(["EXL0009 (8,6) warning: [SuppressMessage] of EXL0001 has no Justification; say why this finding does not apply"], result);
    }

    [Fact]
    public void Pragma_warning_disable_suppresses_the_finding()
    {
        var result = AnalyzerRun.Run("""
            using LLama;
            using LLama.Abstractions;
            class C
            {
            #pragma warning disable EXL0001 // reviewed
                LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
            #pragma warning restore EXL0001
            }
            """);

        Assert.Empty(result);
    }

    [Fact]
    public void Editorconfig_severity_none_turns_the_finding_off()
    {
        // dotnet_diagnostic.EXL0001.severity = none reaches the compiler as a specific diagnostic option.
        var compilation = TestCompilation.Create(LoadsWeights);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new("EXL0001", ReportDiagnostic.Suppress)]));
        Assert.Empty(AnalyzerRun.Diagnostics(compilation));

        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions([new("EXL0001", ReportDiagnostic.Error)]));
        var raised = Assert.Single(AnalyzerRun.Diagnostics(compilation));
        Assert.Equal(DiagnosticSeverity.Error, raised.Severity);
    }

    [Fact]
    public void The_finding_carries_the_entry_in_its_properties_and_a_help_link()
    {
        var diagnostic = Assert.Single(AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights)));
        Assert.Equal("EXL-W-LLAMA", diagnostic.Properties["entryId"]);
        Assert.Equal("model-weights", diagnostic.Properties["category"]);
        Assert.Equal("ECCN 4E091", diagnostic.Properties["classification"]);
        Assert.Equal("exportlint-default", diagnostic.Properties["listId"]);
        Assert.Equal("non-enforced", diagnostic.Properties["sourceStatus"]);
        Assert.Equal(DiagnosticIds.HelpLink("EXL0001"), diagnostic.Descriptor.HelpLinkUri);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
    }

    [Fact]
    public void An_overlay_raises_severity_and_the_last_defined_entry_wins_a_tie()
    {
        const string Overlay = """
            controllist: acme-policy
            version: 1.0.0
            title: ACME
            extends: [exportlint-default]
            overrides:
              - entry: EXL-W-LLAMA
                severity: error
            entries:
              - id: ACME-TORCH-LOAD
                category: model-weights
                severity: warning
                message: Loads PyTorch weights; record the model in the export register
                match:
                  apis: [TorchSharp.torch.load]
            """;
        var result = AnalyzerRun.Run("""
            using LLama;
            using LLama.Abstractions;
            using TorchSharp;
            class C
            {
                LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
                torch.Tensor N() => torch.load("t");
            }
            """,
            [("/repo/acme.controllist.yaml", Overlay)]);

        Assert.Equal(
            [
                "EXL0001 (6,52) error: Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry EXL-W-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13)",
                "EXL0001 (7,31) warning: Loads PyTorch weights; record the model in the export register (TorchSharp.torch.load) — entry ACME-TORCH-LOAD, no classification",
            ],
            result);
    }

    [Fact]
    public void An_entry_of_severity_none_is_not_reported()
    {
        const string Overlay = """
            controllist: quiet
            extends: [exportlint-default]
            overrides:
              - entry: EXL-W-LLAMA
                severity: none
            """;
        Assert.Empty(AnalyzerRun.Run(LoadsWeights, [("/repo/quiet.controllist.yaml", Overlay)]));
    }

    [Fact]
    public void ExportLintUseDefaultList_false_turns_the_embedded_list_off()
    {
        var options = new Dictionary<string, string> { ["build_property.ExportLintUseDefaultList"] = "false" };
        Assert.Empty(AnalyzerRun.Run(LoadsWeights, globalOptions: options));
        Assert.Single(AnalyzerRun.Run(LoadsWeights, globalOptions: new Dictionary<string, string> { ["build_property.ExportLintUseDefaultList"] = "true" }));
    }

    [Fact]
    public void A_broken_list_is_reported_in_the_yaml_at_its_line_and_column_and_nothing_throws()
    {
        const string Broken = """
            controllist: acme
            entries:
              - id: A
                category: gpu-compute
                severity: info
                mesage: typo
                message: ok
                match:
                  native: [cudart]
            """;
        var diagnostics = AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights), [("/repo/acme.controllist.yaml", Broken)]);

        var problem = Assert.Single(diagnostics, d => d.Id == "EXL1002");
        var span = problem.Location.GetLineSpan();
        Assert.Equal("/repo/acme.controllist.yaml", span.Path);
        Assert.Equal((5, 4), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal("mesage: typo", Broken.Split('\n')[5].Substring(span.StartLinePosition.Character, span.EndLinePosition.Character - span.StartLinePosition.Character));
        Assert.Equal(DiagnosticSeverity.Error, problem.Severity);
        Assert.Contains("unknown key 'mesage'; did you mean 'message'?", problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void In_a_real_build_list_problems_are_left_to_the_build_task_so_each_is_reported_once()
    {
        var lists = new[] { ("/repo/acme.controllist.yaml", "controllist: acme\nmesage: typo\n") };
        var build = new Dictionary<string, string> { ["build_property.ExportLintBuildReportsListProblems"] = "true" };

        Assert.Contains(AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights), lists), d => d.Id == "EXL1002");
        Assert.DoesNotContain(AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights), lists, build), d => d.Id.StartsWith("EXL1", StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_in_AdditionalFiles_is_a_syntax_problem_not_a_crash()
    {
        var diagnostics = AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights), [("/repo/x.controllist.yaml", "entries: [\n  - {id: \"unterminated\n")]);
        Assert.Contains(diagnostics, d => d.Id == "EXL1001" && d.Location.GetLineSpan().Path == "/repo/x.controllist.yaml");
    }

    [Fact]
    public void A_list_is_loaded_once_per_content_and_again_when_it_changes()
    {
        static AnalyzerControlList Load(string text) => ControlListSource.For(
            new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([new AnalyzerRun.InMemoryAdditionalText("/repo/acme.controllist.yaml", text)]),
            t => new ControlListSource.ListText(t),
            CancellationToken.None);

        var first = Load("controllist: acme\nextends: [exportlint-default]\n");
        Assert.Same(first, Load("controllist: acme\nextends: [exportlint-default]\n"));
        Assert.NotSame(first, Load("controllist: acme\nextends: [exportlint-default]\n# edited\n"));
    }
}
