using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.ControlLists.Tests.ModelFiles;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests;

/// <summary>Exit codes, determinism, shards and merges, and lists evaluated as of a day.</summary>
public sealed class ReportTests
{
    private const string Timestamp = "2026-01-01T00:00:00Z";

    /// <summary>A small repository: two projects scanned from source, loose files, YAML, a model file.</summary>
    private static TempTree Repository()
    {
        var tree = new TempTree("repo");
        tree.UnrestorableProject("a/App", "App");
        tree.Write("a/App/Program.cs", "using LLama;\nvar w = LLamaWeights.LoadFromFile(null!);\n");
        tree.UnrestorableProject("b/Trainer", "Trainer");
        tree.Write("b/Trainer/Train.cs", "using static TorchSharp.torch;\nclass T { void M() { var ok = cuda.is_available(); load(\"w.pt\"); } }\n");
        tree.Write("c/tool.cs", "class X { void M() => Microsoft.ML.OnnxRuntime.InferenceSession.Equals(null, null); }\n");
        tree.Write("deploy/job.yaml", "limits: {nvidia.com/gpu: 2}\n");
        tree.Write("deploy/gpu.yaml", "limits: {amd.com/gpu: 1}\n");
        tree.Write("hpc/run.sh", "sbatch --gres=gpu:4 job.sh\n");
        tree.Write("models/m.gguf", new ModelFileWriters.Gguf().String("general.architecture", "llama").Tensor("t", 0, 16, 4).ToArray());
        return tree;
    }

    [Fact]
    public void The_same_input_gives_byte_identical_reports_with_the_timestamp_pinned()
    {
        using var tree = Repository();
        ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-o", "one", "--timestamp", Timestamp);
        ExportLintTool.Run(tree.Root, new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1767225600" }, "scan", ".", "--no-restore", "-o", "two");

        var one = File.ReadAllBytes(tree.Path("one/exportlint.json"));
        Assert.Equal(one, File.ReadAllBytes(tree.Path("two/exportlint.json")));
        Assert.True(ToolRun.ReadReport(tree.Path("one")).Findings.Count >= 6);
    }

    [Fact]
    public void Shards_cover_the_whole_exactly_and_their_merge_equals_the_unsharded_scan()
    {
        using var tree = Repository();
        var whole = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-o", "whole", "--timestamp", Timestamp);
        var shards = Enumerable.Range(1, 3).Select(i => ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "--shard", $"{i}/3", "-o", $"shard{i}", "--timestamp", Timestamp)).ToList();
        var merge = ExportLintTool.Run(tree.Root, "merge", "shard1/exportlint.json", "shard2/exportlint.json", "shard3/exportlint.json", "-o", "merged", "--timestamp", Timestamp);

        Assert.True(merge.ExitCode == whole.ExitCode, merge.ToString());
        var parts = Enumerable.Range(1, 3).Select(i => ToolRun.ReadReport(tree.Path($"shard{i}"))).ToList();
        Assert.All(parts, p => Assert.NotEmpty(p.Findings));
        Assert.Equal(ToolRun.ReadReport(tree.Path("whole")).Findings.Count, parts.Sum(p => p.Findings.Count));
        Assert.Equal(File.ReadAllText(tree.Path("whole/exportlint.json")), File.ReadAllText(tree.Path("merged/exportlint.json")));
    }

    [Fact]
    public void A_model_file_that_is_a_project_item_in_one_shard_and_a_repository_file_in_another_is_merged_once()
    {
        // In the samples, tiny-llama.gguf is LocalInference's Content item; a shard without that project meets it as
        // a file of the repository. The merge must say it once, as the item, as the unsharded scan does.
        using var tree = new TempTree("shard-items");
        var whole = ExportLintTool.Run(ExportLintTool.Samples, "scan", ".", "-o", tree.Path("whole"), "--timestamp", Timestamp);
        for (var i = 1; i <= 2; i++)
        {
            ExportLintTool.Run(ExportLintTool.Samples, "scan", ".", "--shard", $"{i}/2", "-o", tree.Path($"shard{i}"), "--timestamp", Timestamp);
        }

        var merge = ExportLintTool.Run(tree.Root, "merge", "shard1/exportlint.json", "shard2/exportlint.json", "-o", "merged", "--timestamp", Timestamp);

        Assert.True(merge.ExitCode == whole.ExitCode, merge.ToString());
        var gguf = Assert.Single(ToolRun.ReadReport(tree.Path("merged")).Findings, f => f.Location.File.EndsWith("tiny-llama.gguf", StringComparison.Ordinal));
        Assert.Equal("LocalInference/LocalInference.csproj", gguf.Project);
        Assert.Equal(File.ReadAllText(tree.Path("whole/exportlint.json")), File.ReadAllText(tree.Path("merged/exportlint.json")));
    }

    [Fact]
    public void Merge_reads_a_build_report_and_a_scan_report_into_one()
    {
        using var tree = Repository();
        ExportLintTool.Run(tree.Root, "scan", "deploy", "-o", "scan", "--as-of", "2026-11-01");
        var build = new Report { Tool = new ToolInfo { Name = "ExportLint.Build", Version = "0.1.0" }, AsOf = "2026-11-01" };
        build.Projects.Add(new ProjectRecord { Path = "/ci/agent/Service/Service.csproj", Name = "Service" });
        build.Findings.Add(new Finding { Id = "EXL0100", EntryId = "EXL-P-GPU-COMPUTE", Severity = "info", Message = "MPI.NET", Location = new Location { File = "/ci/agent/Service/Service.csproj", Line = 7, Column = 6 } });
        JsonReport.Write(tree.Path("build/Service.exportlint.json"), build);

        var run = ExportLintTool.Run(tree.Root, "merge", "scan/exportlint.json", "build/Service.exportlint.json", "-o", "merged");

        Assert.True(run.ExitCode == 0, run.ToString());
        var merged = ToolRun.ReadReport(tree.Path("merged"));
        Assert.Equal(["/ci/agent/Service/Service.csproj", "deploy/gpu.yaml", "deploy/job.yaml"], merged.Findings.Select(f => f.Location.File));
        Assert.Equal("2026-11-01", merged.AsOf);
        Assert.Single(merged.Projects);
    }

    [Fact]
    public void Merge_refuses_reports_evaluated_as_of_different_days_and_reports_a_broken_report_with_its_position()
    {
        using var tree = Repository();
        ExportLintTool.Run(tree.Root, "scan", "deploy", "-o", "march", "--as-of", "2025-03-01");
        ExportLintTool.Run(tree.Root, "scan", "deploy", "-o", "june", "--as-of", "2025-06-01");
        tree.Write("broken.json", "{\n  \"schemaVersion\": 2,\n  \"findings\": [\n");

        var days = ExportLintTool.Run(tree.Root, "merge", "march/exportlint.json", "june/exportlint.json");
        var broken = ExportLintTool.Run(tree.Root, "merge", "march/exportlint.json", "broken.json");

        Assert.Equal(2, days.ExitCode);
        Assert.Contains("different days (2025-03-01, 2025-06-01)", days.Error, StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Matches(@"broken\.json\(4,0\): not valid JSON", broken.Error);
    }

    [Fact]
    public void As_of_evaluates_sources_as_they_stood_on_that_day()
    {
        using var tree = new TempTree("as-of");
        tree.Write("m/w.gguf", new ModelFileWriters.Gguf().String("general.architecture", "llama").Tensor("t", 0, 16, 4).ToArray());

        ExportLintTool.Run(tree.Root, "scan", ".", "-o", "march", "--as-of", "2025-03-01");
        ExportLintTool.Run(tree.Root, "scan", ".", "-o", "june", "--as-of", "2025-06-01");

        var march = Assert.Single(ToolRun.ReadReport(tree.Path("march")).Findings);
        var june = Assert.Single(ToolRun.ReadReport(tree.Path("june")).Findings);
        Assert.Equal(("2025-03-01", "active"), (ToolRun.ReadReport(tree.Path("march")).AsOf, march.SourceStatus));
        Assert.Equal("non-enforced", june.SourceStatus);
        Assert.Contains("non-enforced since 2025-05-13", june.Citation, StringComparison.Ordinal);
        Assert.DoesNotContain("non-enforced", march.Citation, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_1_when_a_finding_is_at_or_above_fail_on()
    {
        using var tree = Repository();

        var byDefault = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore");
        var warnings = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "--fail-on", "warning");
        var never = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "--fail-on", "never");

        Assert.Equal((0, 1, 0), (byDefault.ExitCode, warnings.ExitCode, never.ExitCode));
        Assert.Contains("error EXL0001", warnings.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_2_for_a_bad_list_with_its_file_line_and_column_and_for_bad_usage()
    {
        using var tree = Repository();
        var list = tree.Write("acme.yaml", "controllist: acme\nversion: 1.0.0\nentries:\n  - id: ACME-1\n    categroy: model-weights\n");

        var badList = ExportLintTool.Run(tree.Root, "scan", ".", "--control-list", list);
        var badOption = ExportLintTool.Run(tree.Root, "scan", ".", "--fail-on", "sometimes");
        var badShard = ExportLintTool.Run(tree.Root, "scan", ".", "--shard", "4/3");
        var unknown = ExportLintTool.Run(tree.Root, "scna", ".");

        Assert.Equal(2, badList.ExitCode);
        Assert.Matches(@"acme\.yaml\(5,5\): error EXL1002: .*categroy", badList.Error);
        Assert.Equal((2, 2, 2), (badOption.ExitCode, badShard.ExitCode, unknown.ExitCode));
        Assert.Contains("--fail-on 'sometimes'", badOption.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_3_when_something_could_not_be_analysed_at_all()
    {
        using var tree = Repository();

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "does-not-exist", "--no-restore", "-o", "out");

        Assert.Equal(3, run.ExitCode);
        var problem = Assert.Single(ToolRun.ReadReport(tree.Path("out")).Problems, p => p.Incomplete);
        Assert.Contains("does-not-exist' does not exist", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the scan is incomplete", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_that_leave_no_entry_in_force_are_said_in_the_report_once_not_per_project()
    {
        using var tree = Repository();
        var list = tree.Write("empty.controllist.yaml", "controllist: empty\nversion: 1.0.0\nentries:\n  - id: OLD\n    category: model-weights\n    severity: warning\n    message: Old\n    expires: 2020-01-01\n    match:\n      apis: [LLama.LLamaWeights.LoadFromFile]\n");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-l", list, "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Empty(report.Findings);
        var problem = Assert.Single(report.Problems, p => p.Id == "EXL0108");
        Assert.Contains("leave no entry in force", problem.Message, StringComparison.Ordinal);
        Assert.Contains("warning EXL0108", run.Error, StringComparison.Ordinal);
    }
}
