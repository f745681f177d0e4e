using System.Security.Cryptography;
using System.Text.Json;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.ControlLists.Tests.ModelFiles;

namespace ExportLint.Cli.Tests;

/// <summary><c>inspect</c> and <c>rules</c>, as a reviewer uses them.</summary>
public sealed class InspectAndRulesTests
{
    [Fact]
    public void Inspect_prints_the_header_facts_the_hash_and_the_matching_entry()
    {
        using var tree = new TempTree("inspect");
        var bytes = new ModelFileWriters.Gguf().String("general.architecture", "llama").Tensor("a", 0, 4 * 12, 3, 4).Tensor("b", 1, 2 * 8, 8).ToArray();
        var file = tree.Write("w.gguf", bytes);

        var run = ExportLintTool.Run(tree.Root, "inspect", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  format:      gguf", run.Output, StringComparison.Ordinal);
        Assert.Contains("  tensors:     2", run.Output, StringComparison.Ordinal);
        Assert.Contains("  parameters:  20", run.Output, StringComparison.Ordinal);
        Assert.Contains("  dtypes:      F16, F32", run.Output, StringComparison.Ordinal);
        Assert.Contains("  sha256:      " + Convert.ToHexStringLower(SHA256.HashData(bytes)), run.Output, StringComparison.Ordinal);
        Assert.Contains("  entry:       EXL-F-WEIGHTS (exportlint-default; warning;", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_json_reads_only_the_header_of_a_huge_sparse_file()
    {
        using var tree = new TempTree("inspect-json");
        var file = tree.Path("big.gguf");
        using (var stream = File.Create(file))
        {
            stream.Write(new ModelFileWriters.Gguf().String("general.architecture", "llama").Tensor("t", 0, 64, 16).ToArray());
            stream.SetLength(8L << 30);
        }

        var run = ExportLintTool.Run(tree.Root, "inspect", "--json", "--no-hash", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var result = json.RootElement[0];
        Assert.Equal(8L << 30, result.GetProperty("model").GetProperty("length").GetInt64());
        Assert.Equal(16, result.GetProperty("model").GetProperty("parameterCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("model").GetProperty("sha256").ValueKind);
        Assert.InRange(result.GetProperty("headerBytesRead").GetInt64(), 1, 1 << 20);
        Assert.Equal("EXL-F-WEIGHTS", result.GetProperty("matches")[0].GetProperty("EntryId").GetString());
    }

    [Fact]
    public void Inspect_says_what_is_not_a_model_and_fails_on_a_missing_file()
    {
        using var tree = new TempTree("inspect-other");
        var text = tree.Write("notes.txt", "hello");

        var other = ExportLintTool.Run(tree.Root, "inspect", text);
        var missing = ExportLintTool.Run(tree.Root, "inspect", tree.Path("nope.gguf"));

        Assert.Equal(0, other.ExitCode);
        Assert.Contains("not a model file ExportLint recognises by its bytes", other.Output, StringComparison.Ordinal);
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("nope.gguf: error EXL0201", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_list_shows_the_entries_in_force_and_show_explains_one()
    {
        var list = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "rules", "list");
        var show = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "rules", "show", "EXL-W-LLAMA", "--as-of", "2025-03-01");
        var unknown = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "rules", "show", "LLAMA");

        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"EXL-W-LLAMA\s+model-weights\s+warning\s+ECCN 4E091\s+non-enforced\s+exportlint-default", list.Output);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("  apis:           LLama.LLamaWeights.LoadFromFile", show.Output, StringComparison.Ordinal);
        Assert.Contains("  citation:       ECCN 4E091 (active since 2025-01-13)", show.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("did you mean EXL-W-LLAMA", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_validate_gives_each_problem_with_file_line_and_column()
    {
        using var tree = new TempTree("validate");
        var good = tree.Write("good.controllist.yaml", "controllist: good\nversion: 1.0.0\nextends: [exportlint-default]\nentries: []\n");
        var bad = tree.Write("bad.yaml", "controllist: bad\nversion: 1.0.0\nentries:\n  - id: B-1\n    category: model-weights\n    severity: loud\n    message: x\n    match:\n      apis: [LLama.LLamaWeights.LoadFromFile]\n");

        var ok = ExportLintTool.Run(tree.Root, "rules", "validate", good);
        var failed = ExportLintTool.Run(tree.Root, "rules", "validate", bad);

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("0 error(s)", ok.Output, StringComparison.Ordinal);
        Assert.Equal(2, failed.ExitCode);
        Assert.Matches(@"bad\.yaml\(6,15\): error EXL1002: .*loud", failed.Output);
    }

    [Fact]
    public void Version_and_help_answer_on_every_command()
    {
        var version = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Output.Trim());
        foreach (var command in new[] { "scan", "inspect", "merge", "rules" })
        {
            var help = ExportLintTool.Run(ExportLintTool.RepositoryRoot, command, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("Examples:", help.Output, StringComparison.Ordinal);
        }
    }
}

/// <summary><c>rules test</c>: an organisation's own list held to annotated cases.</summary>
public sealed class RulesTestTests
{
    private const string Overlay = """
        controllist: acme
        version: 1.0.0
        extends: [exportlint-default]
        entries:
          - id: ACME-TPU
            category: cluster-orchestration
            severity: error
            message: Requests TPUs
            match:
              strings:
                - exact: google.com/tpu
          - id: ACME-QUANTIZE
            category: model-weights
            severity: error
            message: Quantizes a model
            match:
              apis: [LLama.LLamaQuantizer.Quantize]
        """;

    [Fact]
    public void Cases_that_hold_pass_and_a_wrong_one_fails_with_its_line()
    {
        using var tree = new TempTree("rules-test");
        tree.Write("acme.controllist.yaml", Overlay);
        tree.Write("cases/Quantize.cs", """
            using LLama;
            static class Q
            {
                static void M()
                {
                    LLamaQuantizer.Quantize("in.gguf", "out.gguf", "q4_0"); // exl-expect: ACME-QUANTIZE
                    // exl-ok: ACME-QUANTIZE
                    System.Console.WriteLine("LLamaQuantizer.Quantize");
                }
            }
            """);
        tree.Write("cases/job.yaml", "limits:\n  # exl-expect: ACME-TPU\n  google.com/tpu: 4\n  cpu: 2 # exl-ok: ACME-TPU\n");

        var pass = ExportLintTool.Run(tree.Root, "rules", "test", "cases", "-l", "acme.controllist.yaml");
        tree.Write("cases/wrong.yaml", "# exl-expect: ACME-TPU\ncpu: 2\n");
        var fail = ExportLintTool.Run(tree.Root, "rules", "test", "cases", "-l", "acme.controllist.yaml");

        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.Contains("2 case file(s), 0 failure(s)", pass.Output, StringComparison.Ordinal);
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("cases/wrong.yaml(2): expected ACME-TPU, not reported", fail.Output, StringComparison.Ordinal);
    }
}
