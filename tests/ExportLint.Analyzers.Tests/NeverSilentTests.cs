using System.Collections.Immutable;
using System.Diagnostics;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Tests;

/// <summary>
/// Issue 10, "never silent", as the analyzers see it: every input gives its findings or says why not. Each test
/// fails on the code before the fix (named in its comment).
/// </summary>
public class NeverSilentTests
{
    private const string LoadsWeights = """
        using LLama;
        using LLama.Abstractions;
        class C
        {
            LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
        }
        """;

    private const string RaisesLlama = """
        controllist: acme-policy
        extends: [exportlint-default]
        overrides:
          - entry: EXL-W-LLAMA
            severity: error
        """;

    private const string WarningAtLoad = "EXL0001 (5,52) warning: Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry EXL-W-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13)";
    private const string ErrorAtLoad = "EXL0001 (5,52) error: Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry EXL-W-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13)";

    private static string[] Run(string source, (string Path, string Text)[] lists, Dictionary<string, string>? metadata = null, Dictionary<string, string>? options = null) =>
        AnalyzerRun.Diagnostics(TestCompilation.Create(source), lists, options, metadata).Select(AnalyzerRun.Format).ToArray();

    // Item 1. Before: only AdditionalFiles named *.controllist.yaml were lists; acme.yaml was ignored (a warning, not an error).
    [Fact]
    public void A_list_the_targets_mark_is_used_whatever_its_file_is_called()
    {
        var result = Run(LoadsWeights, [("/repo/acme.yaml", RaisesLlama)], new() { ["/repo/acme.yaml"] = "true" });

        Assert.Equal([ErrorAtLoad], result);
    }

    // Item 1: exactly the lists the project named. Before: the marked list was ignored and the unmarked one used.
    [Fact]
    public void When_the_targets_mark_lists_an_unmarked_controllist_yaml_is_not_a_list()
    {
        const string Quiet = "controllist: quiet\nextends: [exportlint-default]\noverrides:\n  - entry: EXL-W-LLAMA\n    severity: none\n";

        var result = Run(LoadsWeights, [("/repo/acme.yaml", RaisesLlama), ("/repo/docs/example.controllist.yaml", Quiet)], new() { ["/repo/acme.yaml"] = "true" });

        Assert.Equal([ErrorAtLoad], result);
    }

    // Item 1: exactly the named lists, also when one cannot be read. Before: nothing said so, and the default list
    // silently took its place (a warning from the default entry, as if no list had been named).
    [Fact]
    public void A_named_list_the_compiler_could_not_read_is_reported_and_not_replaced_by_the_default_list()
    {
        var metadata = new Dictionary<string, string> { ["/repo/missing.yaml"] = "true" };

        var result = AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights), listMetadata: metadata, unreadable: ["/repo/missing.yaml"]).Select(AnalyzerRun.Format);

        Assert.Equal(["EXL1005 (none) error: /repo/missing.yaml: the control list named in ExportLintControlList could not be read; its entries are not used, and the default list does not replace it"], result);
    }

    // Item 10 ("ExportLintControlList=/nonexistent/*.controllist.yaml"), as the analyzers see it: the wildcard gives
    // MSBuild no item, so no AdditionalFile is marked. Before: the analyzers fell back to the default list (a warning
    // from EXL-W-LLAMA) while the task used no list and said EXL1005.
    [Fact]
    public void ExportLintControlList_set_but_naming_no_file_loads_no_default_list_and_says_so_once()
    {
        var setting = new Dictionary<string, string> { ["build_property.ExportLintControlListSetting"] = "/nonexistent/*.controllist.yaml" };

        var result = Run(LoadsWeights, [], options: setting);

        Assert.Equal(["EXL1005 (none) error: ExportLintControlList is '/nonexistent/*.controllist.yaml', which names no file, so no control list was loaded from it; the default list is not used in its place (ExportLintControlList)"], result);
    }

    // In a build the task reports the EXL1005 (ExportLintBuildReportsListProblems): the analyzers stay quiet, and
    // still load no default list.
    [Fact]
    public void In_a_build_a_setting_naming_no_file_is_left_to_the_task_and_the_default_list_is_still_not_used()
    {
        var setting = new Dictionary<string, string>
        {
            ["build_property.ExportLintControlListSetting"] = "/nonexistent/*.controllist.yaml",
            ["build_property.ExportLintBuildReportsListProblems"] = "true",
        };

        Assert.Empty(Run(LoadsWeights, [], options: setting));
    }

    // The setting is only a fallback guard: when it named a file, that list is used; empty, the default list is.
    [Fact]
    public void ExportLintControlList_that_named_a_list_or_is_empty_changes_nothing()
    {
        var named = new Dictionary<string, string> { ["build_property.ExportLintControlListSetting"] = "policies/*.yaml" };
        Assert.Equal([ErrorAtLoad], Run(LoadsWeights, [("/repo/policies/acme.yaml", RaisesLlama)], new() { ["/repo/policies/acme.yaml"] = "true" }, named));

        var empty = new Dictionary<string, string> { ["build_property.ExportLintControlListSetting"] = "  " };
        Assert.Equal([WarningAtLoad], Run(LoadsWeights, [], options: empty));
    }

    // Item 1: a project that adds lists by hand, with no metadata at all, keeps working by the file name.
    [Fact]
    public void Without_marked_lists_a_controllist_yaml_AdditionalFile_is_still_a_list_and_another_yaml_is_not()
    {
        Assert.Equal([ErrorAtLoad], Run(LoadsWeights, [("/repo/acme.controllist.yaml", RaisesLlama)]));
        Assert.Equal([WarningAtLoad], Run(LoadsWeights, [("/repo/acme.yaml", RaisesLlama)]));
    }

    // Item 2. Before: the named list (policy.yaml) was ignored; and a base marked "extends" would have been a root.
    [Fact]
    public void A_list_extended_by_relative_path_reaches_the_analyzers_when_the_targets_add_it_and_no_EXL1005_is_reported()
    {
        const string Policy = """
            controllist: policy
            extends: [./shared/base.controllist.yaml]
            overrides:
              - entry: BASE-TORCH
                severity: error
            """;
        const string Base = """
            controllist: base
            extends: [exportlint-default]
            entries:
              - id: BASE-TORCH
                category: model-weights
                severity: warning
                message: Loads PyTorch weights
                match:
                  apis: [TorchSharp.torch.load]
            """;
        const string Source = """
            using TorchSharp;
            class C
            {
                torch.Tensor N() => torch.load("t");
            }
            """;
        var metadata = new Dictionary<string, string> { ["/repo/policy.yaml"] = "true", ["/repo/shared/base.controllist.yaml"] = "extends" };
        var ide = new Dictionary<string, string> { ["build_property.ExportLintBuildReportsListProblems"] = "false" };

        var result = Run(Source, [("/repo/policy.yaml", Policy), ("/repo/shared/base.controllist.yaml", Base)], metadata, ide);

        Assert.Equal(["EXL0001 (4,31) error: Loads PyTorch weights (TorchSharp.torch.load) — entry BASE-TORCH, no classification"], result);
    }

    // Item 2: a list that is only extended is not loaded on its own (it is not one of the project's lists).
    [Fact]
    public void A_list_marked_as_extended_only_is_not_a_root()
    {
        var result = Run(LoadsWeights, [("/repo/unused.controllist.yaml", RaisesLlama)], new() { ["/repo/unused.controllist.yaml"] = "extends" });

        Assert.Equal([WarningAtLoad], result);
    }

    // Item 4. Before: every one of these files hid the finding (callbacks returned on IsGeneratedCode).
    [Fact]
    public void Generated_code_is_reported_by_default_with_the_generated_property()
    {
        var diagnostics = AnalyzerRun.Diagnostics(GeneratedCompilation(), treeOptions: GeneratedByEditorConfig.Options);

        Assert.Equal(
            [
                "Attributed.cs EXL0001 (6,52) generated",
                "Attributed.cs EXL0004 (7,17) generated",
                "Attributed.cs EXL0005 (8,6) generated",
                "Client.g.cs EXL0001 (5,52) generated",
                "Configured.cs EXL0001 (5,52) generated",
                "Hand.cs EXL0001 (5,52) written",
                "Header.cs EXL0001 (6,52) generated",
            ],
            diagnostics.Select(Describe).Order(StringComparer.Ordinal));
    }

    // Item 4: the documented opt-out gives the old behaviour back.
    [Fact]
    public void ExportLintSkipGeneratedCode_true_leaves_generated_code_out()
    {
        var skip = new Dictionary<string, string> { ["build_property.ExportLintSkipGeneratedCode"] = "true" };

        var diagnostics = AnalyzerRun.Diagnostics(GeneratedCompilation(), globalOptions: skip, treeOptions: GeneratedByEditorConfig.Options);

        Assert.Equal(["Hand.cs EXL0001 (5,52) written"], diagnostics.Select(Describe));
    }

    // Item 5. Before: Guard swallowed the exception and the file looked clean.
    [Fact]
    public void An_analyzer_failure_is_reported_as_EXL0010_at_the_node_with_the_exception()
    {
        var diagnostics = AnalyzerRun.Diagnostics(TestCompilation.Create(LoadsWeights), analyzers: [new ThrowingAnalyzer(atStart: false)], allowFailures: true);

        var failure = Assert.Single(diagnostics);
        Assert.Equal(
            "EXL0010 (5,39) warning: ExportLint could not analyse this file: System.InvalidOperationException: boom on LoadFromFile second line. Please file an issue at https://github.com/exportlint/exportlint/issues.",
            AnalyzerRun.Format(failure));
        Assert.Contains("ThrowingAnalyzer", failure.Properties[Guard.ExceptionProperty], StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Warning, failure.Descriptor.DefaultSeverity);
        Assert.Equal(ControlLists.DiagnosticIds.HelpLink("EXL0010"), failure.Descriptor.HelpLinkUri);
    }

    // Item 5: a failure at compilation start means no file was analysed: each file says so.
    [Fact]
    public void A_failure_at_compilation_start_is_reported_on_every_file()
    {
        var compilation = TestCompilation.Create(("A.cs", LoadsWeights), ("B.cs", "class D { }"));

        var diagnostics = AnalyzerRun.Diagnostics(compilation, analyzers: [new ThrowingAnalyzer(atStart: true)], allowFailures: true);

        Assert.Equal(
            [
                "A.cs EXL0010 (1,1): ExportLint could not analyse this file: System.InvalidOperationException: boom at start. Please file an issue at https://github.com/exportlint/exportlint/issues.",
                "B.cs EXL0010 (1,1): ExportLint could not analyse this file: System.InvalidOperationException: boom at start. Please file an issue at https://github.com/exportlint/exportlint/issues.",
            ],
            diagnostics.Select(d => $"{d.Location.GetLineSpan().Path} {d.Id} ({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    // Item 7. Before: 300 constants x 100 ms of timeouts (30 s), and no word of it.
    [Fact]
    public void A_regex_that_times_out_is_turned_off_for_the_compilation_and_reported_once_at_its_line()
    {
        const string Slow = """
            controllist: slow
            extends: [exportlint-default]
            entries:
              - id: ACME-SLOW
                category: cluster-orchestration
                severity: warning
                message: Slow pattern
                match:
                  strings:
                    - regex: '^(\w+\s?)*$'
            """;
        var constants = string.Join(",\n", Enumerable.Range(0, 300).Select(i => $"        \"{new string('a', 40)}{i:D3}!\""));
        var source = "class C\n{\n    static readonly string[] Names =\n    {\n" + constants + "\n    };\n}\n";
        var watch = Stopwatch.StartNew();

        var result = Run(source, [("/repo/slow.controllist.yaml", Slow)]);

        watch.Stop();
        var report = Assert.Single(result);
        Assert.Matches(
            "^EXL1008 \\(10,18\\) warning: the regex /\\^\\(\\\\w\\+\\\\s\\?\\)\\*\\$/ of entry ACME-SLOW timed out \\(100 ms\\) on [0-9]+ constant\\(s\\)( and took over 10 ms on [0-9]+ more)? \\([0-9]+ ms in all\\), first \"a{40}[0-9]{3}!\" at Fixture.cs\\([0-9]+,9\\); it was turned off for the rest of this compilation \\([0-9]+ more constant\\(s\\) not checked\\), so findings of this pattern may be missing; rewrite it so that it cannot backtrack$",
            report);
        // Two timeouts turn the pattern off (a few more may be under way on other threads): far from 300 x 100 ms.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    // Issue 11: process command lines are matched by ControlledApiAnalyzer, within a budget of its own; a timeout
    // there is reported as the string analyzer's are, not swallowed as "no match".
    [Fact]
    public void A_regex_that_times_out_on_a_process_command_line_is_reported()
    {
        const string Slow = """
            controllist: slow
            extends: [exportlint-default]
            entries:
              - id: ACME-SLOW-COMMAND
                category: cluster-orchestration
                severity: warning
                message: Slow pattern
                match:
                  strings:
                    - regex: '^xjob (a|aa)+$'
            """;
        // Each part fails at once on its own (no "xjob " at its start); the command line they make backtracks.
        var calls = string.Join("\n", Enumerable.Range(0, 5).Select(i => $"        System.Diagnostics.Process.Start(\"xjob\", \"{new string('a', 44)}!{i}\");"));
        var source = "class C\n{\n    void M()\n    {\n" + calls + "\n    }\n}\n";

        var result = Run(source, [("/repo/slow.controllist.yaml", Slow)]);

        var report = Assert.Single(result);
        Assert.Matches("^EXL1008 \\(10,18\\) warning: the regex /\\^xjob \\(a\\|aa\\)\\+\\$/ of entry ACME-SLOW-COMMAND timed out .* first \"xjob a{44}![0-4]\" at Fixture.cs\\([0-9]+,[0-9]+\\)", report);
    }

    // Attack on argument patterns: a catastrophic regex that applies only as an argument of a method is run within the
    // call walk's budget, and a timeout there is reported, not taken for "no GPU".
    [Fact]
    public void A_regex_that_times_out_on_a_methods_argument_is_reported()
    {
        const string Slow = """
            controllist: slow
            extends: [exportlint-default]
            entries:
              - id: ACME-SLOW-DEVICE
                category: gpu-compute
                severity: warning
                message: Slow pattern
                match:
                  strings:
                    - regex: '^dev (a|aa)+$'
                      argumentOf: [System.Console.WriteLine]
            """;
        var calls = string.Join("\n", Enumerable.Range(0, 5).Select(i => $"        var d{i} = \"dev {new string('a', 44)}!{i}\";\n        System.Console.WriteLine(d{i});"));
        var source = "class C\n{\n    void M()\n    {\n" + calls + "\n    }\n}\n";

        var result = Run(source, [("/repo/slow.controllist.yaml", Slow)]);

        var report = Assert.Single(result);
        Assert.StartsWith("EXL1008 (10,18) warning: the regex /^dev (a|aa)+$/ as an argument of System.Console.WriteLine of entry ACME-SLOW-DEVICE timed out", report, StringComparison.Ordinal);
        Assert.Matches("first \"dev a{44}![0-4]\" at Fixture.cs\\([0-9]+,[0-9]+\\)", report);
    }

    private static string Describe(Diagnostic d) =>
        $"{d.Location.GetLineSpan().Path} {d.Id} ({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}) {(d.Properties.TryGetValue(Findings.GeneratedProperty, out var g) && g == "true" ? "generated" : "written")}";

    /// <summary>One written file and one generated file of each kind the compiler recognises.</summary>
    private static CSharpCompilation GeneratedCompilation()
    {
        const string Body = """
            using LLama;
            using LLama.Abstractions;
            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            class Attributed
            {
                LLamaWeights M(IModelParams p) => LLamaWeights.LoadFromFile(p);
                string K => "nvidia.com/gpu";
                [System.Runtime.InteropServices.DllImport("cudart64_12.dll")] static extern int cudaGetDeviceCount(out int n);
            }
            """;
        var compilation = TestCompilation.Create(
            ("Hand.cs", LoadsWeights),
            ("Header.cs", "// <auto-generated/>\n" + LoadsWeights.Replace("class C", "class H", StringComparison.Ordinal)),
            ("Client.g.cs", LoadsWeights.Replace("class C", "class G", StringComparison.Ordinal)),
            ("Attributed.cs", Body),
            ("Configured.cs", LoadsWeights.Replace("class C", "class E", StringComparison.Ordinal)));

        // generated_code = true in .editorconfig reaches the compiler as the tree's generated kind and as the tree's
        // analyzer options (which the analyzer driver of Roslyn 4.8 reads).
        return compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new GeneratedByEditorConfig("Configured.cs")));
    }

    private sealed class GeneratedByEditorConfig(string path) : SyntaxTreeOptionsProvider
    {
        public static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Options = new()
        {
            ["Configured.cs"] = new Dictionary<string, string> { ["generated_code"] = "true" },
        };

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
            tree.FilePath == path ? GeneratedKind.MarkedGenerated : GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }
    }

    /// <summary>An analyzer with a bug, on ExportLint's own infrastructure: it throws at compilation start or on a call.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
#pragma warning disable RS1036 // A test fixture run by the test, not an analyzer this project ships.
    private sealed class ThrowingAnalyzer(bool atStart) : ControlListAnalyzer
#pragma warning restore RS1036
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.AnalysisFailed];

        protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list, Actions actions)
        {
            if (atStart)
            {
                throw new InvalidOperationException("boom at start");
            }

            context.RegisterOperationAction(
                actions.Of(c =>
                {
                    if (c.Operation is IInvocationOperation { TargetMethod.Name: "LoadFromFile" })
                    {
                        throw new InvalidOperationException("boom on LoadFromFile\nsecond line");
                    }
                }),
                OperationKind.Invocation);
        }
    }
}
