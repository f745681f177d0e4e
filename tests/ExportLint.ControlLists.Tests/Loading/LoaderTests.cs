using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Loading;

public class LoaderTests
{
    private static readonly ControlListLoadOptions On2026 = new() { AsOf = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) };

    private static ResolvedControlList Load(string yaml, string path = "acme.controllist.yaml") =>
        ControlListLoader.LoadText(yaml, path, On2026);

    private static ControlListProblem Single(ResolvedControlList list)
    {
        Assert.True(list.Problems.Length == 1, "expected one problem, got: " + string.Join(Environment.NewLine, list.Problems));
        return list.Problems[0];
    }

    [Fact]
    public void The_overlay_from_the_issue_loads_as_written()
    {
        var list = Load("""
            controllist: acme-policy
            version: 1.0.0
            title: ACME export policy
            extends: [exportlint-default]
            overrides:
              - entry: EXL-W-LLAMA
                severity: error
            disable: [EXL-G-ILGPU]
            entries:
              - id: ACME-TORCH
                category: restricted-package
                severity: error
                message: TorchSharp needs an export review before release
                match:
                  packages:
                    - id: "TorchSharp*"
                      versions: "[0.100,)"
            """);

        Assert.Empty(list.Problems);
        Assert.Equal(["us-ear-ai", "exportlint-default", "acme-policy"], list.Lists.Select(l => l.Id));
        Assert.Equal(Severity.Error, list.FindEntry("EXL-W-LLAMA")!.Severity);
        Assert.Null(list.FindEntry("EXL-G-ILGPU"));
        var (entry, _) = Assert.Single(list.MatchPackage("TorchSharp", NuGet.Versioning.NuGetVersion.Parse("0.107.0")), m => m.Entry.Id == "ACME-TORCH");
        Assert.Equal("acme-policy", entry.ListId);
        Assert.DoesNotContain(list.MatchPackage("TorchSharp", NuGet.Versioning.NuGetVersion.Parse("0.99.0")), m => m.Entry.Id == "ACME-TORCH");
    }

    [Fact]
    public void An_unknown_key_is_reported_at_its_line_and_column_with_a_suggestion()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: gpu-compute
                severity: info
                mesage: typo
                message: ok
                match:
                  native: [cudart]
            """));

        Assert.Equal(ProblemKind.Schema, problem.Kind);
        Assert.Equal("EXL1002", problem.DiagnosticId);
        Assert.Equal(new TextPosition(6, 5), problem.Position);
        Assert.Contains("unknown key 'mesage'; did you mean 'message'?", problem.Message);
        Assert.Equal("acme.controllist.yaml(6,5): error EXL1002: " + problem.Message, problem.ToString());
    }

    [Fact]
    public void A_wrong_type_is_reported_where_the_value_stands()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: gpu-compute
                severity: info
                message: ok
                match:
                  native: cudart
            """));

        Assert.Equal(new TextPosition(8, 15), problem.Position);
        Assert.Equal("'native' is a list (items starting with '- '), not a scalar", problem.Message);
    }

    [Fact]
    public void A_bad_regex_is_an_invalid_pattern_at_its_value()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: cluster-orchestration
                severity: info
                message: ok
                match:
                  strings:
                    - regex: "^(p4d|p5"
            """));

        Assert.Equal("EXL1003", problem.DiagnosticId);
        Assert.Equal(new TextPosition(9, 18), problem.Position);
        Assert.StartsWith("'^(p4d|p5' is not a valid regular expression", problem.Message);
    }

    [Fact]
    public void A_bad_version_range_is_an_invalid_pattern()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: restricted-package
                severity: info
                message: ok
                match:
                  packages:
                    - id: TorchSharp
                      versions: "[1.0,,2)"
            """));

        Assert.Equal(ProblemKind.InvalidPattern, problem.Kind);
        Assert.Equal(new TextPosition(10, 21), problem.Position);
        Assert.Contains("is not a NuGet version range", problem.Message);
    }

    [Fact]
    public void A_bad_symbol_pattern_is_an_invalid_pattern()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: restricted-api
                severity: info
                message: ok
                match:
                  apis: ["LLama..LLamaWeights.LoadFromFile"]
            """));

        Assert.Equal(ProblemKind.InvalidPattern, problem.Kind);
        Assert.Equal(new TextPosition(8, 14), problem.Position);
        Assert.Contains("empty segment", problem.Message);
    }

    [Fact]
    public void A_duplicate_entry_id_points_at_both_definitions()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: gpu-compute
                severity: info
                message: one
                match: { native: [cudart] }
              - id: A
                category: gpu-compute
                severity: info
                message: two
                match: { native: [nccl] }
            """));

        Assert.Equal(ProblemKind.DuplicateId, problem.Kind);
        Assert.Equal(new TextPosition(8, 5), problem.Position);
        Assert.Contains("already defined at acme.controllist.yaml(3,5)", problem.Message);
    }

    [Fact]
    public void An_entry_id_that_repeats_one_of_an_extended_list_is_a_duplicate()
    {
        var problem = Single(Load("""
            controllist: acme
            extends: exportlint-default
            entries:
              - id: EXL-W-LLAMA
                category: gpu-compute
                severity: info
                message: mine
                match: { native: [cudart] }
            """));

        Assert.Equal(ProblemKind.DuplicateId, problem.Kind);
        Assert.Contains("use 'overrides'", problem.Message);
    }

    [Fact]
    public void An_unknown_source_is_an_unresolved_reference_at_the_citation()
    {
        var problem = Single(Load("""
            controllist: acme
            entries:
              - id: A
                category: gpu-compute
                severity: info
                source: NOPE
                message: ok
                match: { native: [cudart] }
            """));

        Assert.Equal(ProblemKind.UnresolvedReference, problem.Kind);
        Assert.Equal(new TextPosition(6, 13), problem.Position);
        Assert.Equal("entry A cites the source 'NOPE', which no list defines", problem.Message);
    }

    [Fact]
    public void A_dangling_extends_names_the_shipped_lists()
    {
        var problem = Single(Load("""
            controllist: acme
            extends: [exportlint-defualt]
            """));

        Assert.Equal("EXL1005", problem.DiagnosticId);
        Assert.Equal(new TextPosition(2, 11), problem.Position);
        Assert.Contains("'exportlint-defualt', which is neither given nor shipped (shipped lists: ", problem.Message);
        Assert.Contains("exportlint-default", problem.Message);
    }

    [Fact]
    public void Overrides_and_disables_of_unknown_entries_are_reported()
    {
        var list = Load("""
            controllist: acme
            extends: [exportlint-default]
            overrides:
              - entry: EXL-W-LAMA
                severity: error
            disable: [NOT-THERE]
            """);

        Assert.Equal(2, list.Problems.Length);
        Assert.Equal(new TextPosition(4, 12), list.Problems[0].Position);
        Assert.Contains("'overrides' names the entry 'EXL-W-LAMA'", list.Problems[0].Message);
        Assert.Equal(new TextPosition(6, 11), list.Problems[1].Position);
        Assert.Contains("'disable' names the entry 'NOT-THERE'", list.Problems[1].Message);
    }

    [Fact]
    public void Lists_that_extend_each_other_are_a_cycle_and_loading_still_ends()
    {
        var a = new ControlListDocument("/lists/a.controllist.yaml", "controllist: a\nextends: [./b.controllist.yaml]\n");
        var b = new ControlListDocument("/lists/b.controllist.yaml", "controllist: b\nextends: [./a.controllist.yaml]\n");
        var list = ControlListLoader.Load([a], new InMemoryControlListResolver([a, b]), On2026);

        var problem = Single(list);
        Assert.Equal(ProblemKind.ExtendsCycle, problem.Kind);
        Assert.Equal("/lists/b.controllist.yaml", problem.Path);
        Assert.Equal(new TextPosition(2, 11), problem.Position);
        Assert.Contains("a cycle", problem.Message);
    }

    [Fact]
    public void Extends_by_relative_path_finds_the_file_beside_the_list()
    {
        var overlay = new ControlListDocument("/repo/policy/acme.controllist.yaml", "controllist: acme\nextends: [../base/base.controllist.yaml]\noverrides:\n  - entry: B1\n    severity: error\n");
        var base1 = new ControlListDocument("/repo/base/base.controllist.yaml", "controllist: base\nentries:\n  - id: B1\n    category: gpu-compute\n    severity: info\n    message: m\n    match: { native: [nccl] }\n");
        var list = ControlListLoader.Load([overlay], new InMemoryControlListResolver([overlay, base1]), On2026);

        Assert.Empty(list.Problems);
        Assert.Equal(Severity.Error, Assert.Single(list.Entries).Severity);
    }

    [Fact]
    public void Entries_outside_their_dates_are_inactive()
    {
        var list = Load("""
            controllist: acme
            entries:
              - id: LATER
                category: gpu-compute
                severity: info
                message: m
                effective: 2030-01-01
                match: { native: [nccl] }
              - id: GONE
                category: gpu-compute
                severity: info
                message: m
                expires: 2026-01-01
                match: { native: [cudnn] }
              - id: NOW
                category: gpu-compute
                severity: info
                message: m
                effective: 2025-01-01
                expires: 2027-01-01
                match: { native: [cudart] }
            """);

        Assert.Empty(list.Problems);
        Assert.Equal(["NOW"], list.Entries.Select(e => e.Id));
        Assert.Equal(["LATER", "GONE"], list.InactiveEntries.Select(e => e.Id));
    }

    [Fact]
    public void The_citation_shows_classification_and_source_status()
    {
        var list = Load("""
            controllist: acme
            sources:
              - id: EAR-4E091
                regulation: Export Administration Regulations
                section: ECCN 4E091
                status: non-enforced
                statusDate: 2025-05-13
            entries:
              - id: W
                category: model-weights
                severity: warning
                classification: ECCN 4E091
                source: EAR-4E091
                message: Loads model weights
                match: { apis: [LLama.LLamaWeights.LoadFromFile] }
            """);

        Assert.Empty(list.Problems);
        Assert.Equal("ECCN 4E091 (non-enforced since 2025-05-13)", list.Entries[0].Citation);
        Assert.Equal("EXL0001", list.Entries[0].CodeDiagnosticId);
    }

    [Fact]
    public void Loading_is_deterministic()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "samples", "acme-policy.controllist.yaml"));
        string Render() => string.Join("\n", Load(text).Entries.Select(e => $"{e.Id}|{e.Severity}|{e.Citation}")) + "\n" + string.Join("\n", Load(text).Problems);

        Assert.Equal(Render(), Render());
    }

    [Theory]
    [InlineData("")]
    [InlineData("- just\n- a list\n")]
    [InlineData("controllist: [x]\n")]
    [InlineData("controllist: ok\nentries: {a: 1}\n")]
    [InlineData("controllist: ok\n---\ncontrollist: two\n")]
    [InlineData("controllist: ok\n  bad indentation: here\n")]
    [InlineData("{{{{")]
    [InlineData("controllist: \"unterminated\n")]
    public void Malformed_lists_give_problems_never_exceptions(string text)
    {
        var list = Load(text);

        Assert.True(list.HasErrors);
        Assert.All(list.Problems, p => Assert.True(p.Position.Line >= 1 && p.Position.Column >= 1));
    }

    [Fact]
    public void Every_prefix_of_a_real_list_loads_without_throwing()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "samples", "acme-policy.controllist.yaml"));
        for (var length = 0; length <= text.Length; length += 7)
        {
            var list = Load(text.Substring(0, length));
            Assert.NotNull(list);
        }
    }
}

public class ArgumentPatternTests
{
    private static readonly ControlListLoadOptions On2026 = new() { AsOf = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) };

    private static ResolvedControlList Load(string strings) => ControlListLoader.LoadText(
        $"""
        controllist: acme
        version: 1
        entries:
          - id: ACME-DEVICE
            category: gpu-compute
            severity: warning
            message: Asks for a GPU by name
            match:
              strings:
        {strings}
        """,
        "acme.controllist.yaml",
        On2026);

    [Fact]
    public void An_argument_pattern_applies_only_to_the_arguments_of_the_methods_it_names()
    {
        var list = Load("""
                    - regex: '^cuda(:\d*)?$'
                      member: description
                      argumentOf: [Acme.Gpu.Device.#ctor, Acme.Gpu.Api.device]
            """);

        Assert.Empty(list.Problems);
        Assert.True(list.HasArgumentStrings);
        Assert.True(list.MayTakeArgumentStrings(".ctor"));
        Assert.True(list.MayTakeArgumentStrings("device"));
        Assert.False(list.MayTakeArgumentStrings("WriteLine"));
        string[] device = ["Acme", "Gpu", "Device"];
        Assert.Equal("ACME-DEVICE", list.MatchArgumentString("cuda:1", device, ".ctor", "description")?.Entry.Id);
        Assert.Equal("ACME-DEVICE", list.MatchArgumentString("cuda", ["Acme", "Gpu", "Api"], "device", "description")?.Entry.Id);
        Assert.Null(list.MatchArgumentString("cpu", device, ".ctor", "description"));
        Assert.Null(list.MatchArgumentString("cuda", device, ".ctor", "name"));
        Assert.Null(list.MatchArgumentString("cuda", ["Other", "Device"], ".ctor", "description"));
        Assert.Null(list.MatchArgumentString("cuda", device, "device", "description"));

        // On its own, in code or in a text file, the string is nothing.
        Assert.Null(list.MatchString("cuda", StringContext.Any, null));
        Assert.Null(list.MatchString("cuda", StringContext.MemberValue, "description"));
        Assert.Null(TextLineMatcher.Match(list, "device: cuda", wholeLine: true));
        Assert.Null(TextLineMatcher.Match(list, "cuda", wholeLine: true));
    }

    [Theory]
    [InlineData("""
                    - exact: cuda
                      context: any
                      argumentOf: [Acme.Gpu.Api.device]
        """, 11, 24, "leave 'context' out")]
    [InlineData("""
                    - exact: cuda
                      argumentOf: [Acme.Gpu.*]
        """, 11, 28, "is not one method")]
    [InlineData("""
                    - exact: cuda
                      argumentOf: [Acme.Gpu.Api.device(string)]
        """, 11, 28, "is not one method")]
    [InlineData("""
                    - exact: cuda
                      argumentOf: []
        """, 11, 27, "names at least one method")]
    public void A_bad_argument_pattern_is_reported_where_it_is_written(string strings, int line, int column, string message)
    {
        var list = Load(strings);

        var problem = Assert.Single(list.Problems);
        Assert.Contains(message, problem.Message);
        Assert.Equal(new TextPosition(line, column), problem.Position);
        Assert.Null(list.FindEntry("ACME-DEVICE")?.Match.Strings.FirstOrDefault(s => s.Context == StringContext.Argument));
    }
}
