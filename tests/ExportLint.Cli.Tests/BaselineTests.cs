using System.Text.Json;
using System.Text.Json.Nodes;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;
using ExportLint.Reports.Markdown;
using ExportLint.Reports.Sarif;

namespace ExportLint.Cli.Tests;

/// <summary>
/// <c>--baseline</c> and <c>--fail-on-new</c>: a real scan, edited as code is edited (lines added above a finding, a
/// call added, a call removed), compared with its earlier self; the states in JSON, SARIF and Markdown; the exit codes.
/// </summary>
public sealed class BaselineTests
{
    private const string Timestamp = "2026-01-01T00:00:00Z";

    private const string Program = """
        using LLama;
        using static TorchSharp.torch;

        class P
        {
            void A() { var w = LLamaWeights.LoadFromFile(null!); }
            void B() { var ok = cuda.is_available(); }
        }
        """;

    private static TempTree Tree()
    {
        var tree = new TempTree("baseline");
        tree.UnrestorableProject("App", "App");
        tree.Write("App/Program.cs", Program);
        tree.Write("deploy/job.yaml", "limits: {nvidia.com/gpu: 2}\n");
        tree.Write("hpc/run.sh", "sbatch --gres=gpu:4 job.sh\n");
        return tree;
    }

    [Fact]
    public void A_rescan_after_edits_marks_each_finding_new_unchanged_or_absent_in_json_sarif_and_markdown()
    {
        using var tree = Tree();
        var first = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "base", "--timestamp", Timestamp);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = ToolRun.ReadReport(tree.Path("base"));
        var load = Assert.Single(before.Findings, f => f.EntryId == "EXL-W-LLAMA");
        var cuda = Assert.Single(before.Findings, f => f.EntryId == "EXL-G-TORCH-CUDA");
        Assert.All(before.Findings, f => Assert.Null(f.BaselineState));
        Assert.Null(before.Baseline);

        // Three lines above the load, the CUDA call removed, an ONNX session added.
        tree.Write("App/Program.cs", Program
            .Replace("class P\n{", "// moved down\n// by three\n// lines\nclass P\n{", StringComparison.Ordinal)
            .Replace("void B() { var ok = cuda.is_available(); }", "void B() { }\n    void C() { var s = new Microsoft.ML.OnnxRuntime.InferenceSession(\"m.onnx\"); }", StringComparison.Ordinal));
        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "now", "--format", "all", "--baseline", "base/exportlint.json", "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        var now = ToolRun.ReadReport(tree.Path("now"));

        var cLine = TempTree.LineOf(tree.Path("App/Program.cs"), "void C()");
        var moved = Assert.Single(now.Findings, f => f.EntryId == "EXL-W-LLAMA");
        Assert.Equal(load.Location.Line + 3, moved.Location.Line);
        Assert.Equal(BaselineStates.Unchanged, moved.BaselineState);
        var added = now.Findings.Where(f => f.BaselineState == BaselineStates.New).ToList();
        Assert.NotEmpty(added);
        Assert.All(added, f => Assert.Equal(("App/Program.cs", cLine), (f.Location.File, f.Location.Line)));
        Assert.Contains(added, f => f.EntryId == "EXL-W-ONNX");
        Assert.All(now.Findings.Where(f => f.Location.Line != cLine), f => Assert.Equal(BaselineStates.Unchanged, f.BaselineState));
        var absent = Assert.Single(now.AbsentFindings!);
        Assert.Equal((cuda.Fingerprint, cuda.Location.Line, BaselineStates.Absent), (absent.Fingerprint, absent.Location.Line, absent.BaselineState));
        Assert.Equal(before.Findings.Count - 1, now.Findings.Count(f => f.BaselineState == BaselineStates.Unchanged));
        Assert.Equal(("base/exportlint.json", Timestamp, added.Count, before.Findings.Count - 1, 1), (now.Baseline!.Path, now.Baseline.Timestamp, now.Baseline.New, now.Baseline.Unchanged, now.Baseline.Absent));
        Assert.Contains($"Baseline base/exportlint.json: {added.Count} new, {before.Findings.Count - 1} unchanged, 1 absent", run.Output, StringComparison.Ordinal);

        // The JSON is valid under the schema with the baseline's fields.
        ReportSchema.AssertValid(tree.Path("now/exportlint.json"));
        using (var document = JsonDocument.Parse(File.ReadAllText(tree.Path("now/exportlint.json"))))
        {
            Assert.Equal("absent", document.RootElement.GetProperty("absentFindings")[0].GetProperty("baselineState").GetString());
        }

        // SARIF: every result has its baselineState, the absent finding is a result too; valid and clean under the multitool.
        var sarif = JsonNode.Parse(File.ReadAllText(tree.Path("now/" + SarifWriter.FileName)))!;
        var results = sarif["runs"]![0]!["results"]!.AsArray();
        Assert.Equal(now.Findings.Count + 1, results.Count);
        var states = results.Select(r => ((string?)r!["partialFingerprints"]![SarifWriter.FingerprintKey], (string?)r["baselineState"])).ToList();
        Assert.Equal(now.Findings.Select(f => ((string?)f.Fingerprint, f.BaselineState)).Append((cuda.Fingerprint, "absent")), states);
        var absentResult = results[^1]!;
        Assert.Equal("EXL-G-TORCH-CUDA", (string?)absentResult["ruleId"]);
        Assert.Equal(cuda.Location.Line, (int)absentResult["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);
        Assert.Equal(1, (int)sarif["runs"]![0]!["properties"]!["baseline"]!["absent"]!);
        SarifTests.AssertValidAgainstOfficialSchema(tree.Path("now/" + SarifWriter.FileName));
        SarifTests.AssertCleanUnderMultitool(tree.Path("now/" + SarifWriter.FileName));

        // Markdown: new first, then unchanged, then what is gone.
        var markdown = File.ReadAllText(tree.Path("now/" + MarkdownWriter.FileName));
        var newAt = markdown.IndexOf($"### New findings ({added.Count})", StringComparison.Ordinal);
        var unchangedAt = markdown.IndexOf($"### Unchanged findings ({before.Findings.Count - 1})", StringComparison.Ordinal);
        var absentAt = markdown.IndexOf("### Absent since the baseline (1)", StringComparison.Ordinal);
        Assert.True(newAt > 0 && unchangedAt > newAt && absentAt > unchangedAt, markdown);
        Assert.Contains($"[App/Program.cs:{cLine}](App/Program.cs#L{cLine})", markdown[newAt..unchangedAt], StringComparison.Ordinal);
        Assert.Contains($"[App/Program.cs:{cuda.Location.Line}](App/Program.cs#L{cuda.Location.Line})", markdown[absentAt..], StringComparison.Ordinal);

        // The same comparison made by merge gives the same states (scan and merge share it).
        var merge = ExportLintTool.Run(tree.Root, "merge", "now/exportlint.json", "--baseline", "base/exportlint.json", "-o", "merged", "--timestamp", Timestamp);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        var merged = ToolRun.ReadReport(tree.Path("merged"));
        Assert.Equal(now.Findings.Select(f => (f.Fingerprint, f.BaselineState)), merged.Findings.Select(f => (f.Fingerprint, f.BaselineState)));
        Assert.Equal(cuda.Fingerprint, Assert.Single(merged.AbsentFindings!).Fingerprint);

        // Merged without a baseline, the inputs' states are dropped: they would not add up.
        var plain = ExportLintTool.Run(tree.Root, "merge", "now/exportlint.json", "-o", "plain", "--timestamp", Timestamp);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        var unbaselined = ToolRun.ReadReport(tree.Path("plain"));
        Assert.All(unbaselined.Findings, f => Assert.Null(f.BaselineState));
        Assert.Null(unbaselined.AbsentFindings);
        Assert.DoesNotContain("baselineState", File.ReadAllText(tree.Path("plain/exportlint.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_new_counts_only_new_findings_and_an_incomplete_scan_still_exits_3()
    {
        using var tree = Tree();
        Assert.Equal(0, ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "base", "--timestamp", Timestamp).ExitCode);

        // Under --fail-on warning the load fails; it is in the baseline, so --fail-on-new passes.
        var old = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--fail-on", "warning", "--baseline", "base/exportlint.json", "--fail-on-new", "-o", "same", "--format", "json,md");
        Assert.True(old.ExitCode == 0, old.ToString());
        Assert.Contains("## ExportLint: ✅ pass", File.ReadAllText(tree.Path("same/exportlint.md")), StringComparison.Ordinal);
        var all = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--fail-on", "warning", "--baseline", "base/exportlint.json");
        Assert.True(all.ExitCode == 1, all.ToString());

        // A second load is new: it fails, and the headline says how many new findings fail.
        tree.Write("App/Program.cs", Program.Replace("void B()", "void A2() { var v = LLamaWeights.LoadFromFile(\"w.gguf\"); }\n    void B()", StringComparison.Ordinal));
        var added = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--fail-on", "warning", "--baseline", "base/exportlint.json", "--fail-on-new", "-o", "added", "--format", "json,md");
        Assert.True(added.ExitCode == 1, added.ToString());
        var report = ToolRun.ReadReport(tree.Path("added"));
        var failing = report.Findings.Count(f => f.BaselineState == BaselineStates.New && f.Level == Levels.Error && f.Suppression is null);
        Assert.True(failing >= 1, string.Join("\n", report.Findings.Select(f => $"{f.EntryId} {f.Level} {f.BaselineState}")));
        Assert.Contains($"**{failing} new finding{(failing == 1 ? " fails" : "s fail")}** under `--fail-on warning` `--fail-on-new`", File.ReadAllText(tree.Path("added/exportlint.md")), StringComparison.Ordinal);
        var addedError = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--baseline", "base/exportlint.json", "--fail-on-new");
        Assert.True(addedError.ExitCode == 0, "a new warning does not fail under --fail-on error: " + addedError);

        // Incomplete wins over everything: a path that is not there.
        var incomplete = ExportLintTool.Run(tree.Root, "scan", ".", "missing", "--source-only", "--fail-on", "warning", "--baseline", "base/exportlint.json", "--fail-on-new", "-o", "incomplete", "--format", "md");
        Assert.True(incomplete.ExitCode == 3, incomplete.ToString());
        Assert.Contains("## ExportLint: ⚠️ incomplete", File.ReadAllText(tree.Path("incomplete/exportlint.md")), StringComparison.Ordinal);
        tree.Write("App/Program.cs", Program);
        var incompleteOld = ExportLintTool.Run(tree.Root, "scan", ".", "missing", "--source-only", "--baseline", "base/exportlint.json", "--fail-on-new");
        Assert.True(incompleteOld.ExitCode == 3, incompleteOld.ToString());

        // Merge applies the same rule.
        Assert.Equal(1, ExportLintTool.Run(tree.Root, "merge", "added/exportlint.json", "--fail-on", "warning", "--baseline", "base/exportlint.json", "--fail-on-new").ExitCode);
        Assert.Equal(0, ExportLintTool.Run(tree.Root, "merge", "same/exportlint.json", "--fail-on", "warning", "--baseline", "base/exportlint.json", "--fail-on-new").ExitCode);
    }

    [Fact]
    public void A_bad_or_missing_baseline_and_fail_on_new_without_one_are_usage_errors_before_anything_is_scanned()
    {
        using var tree = Tree();
        tree.Write("bad.json", "{\n  \"schemaVersion\": 2,\n  \"findings\": [ }\n");
        var bad = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--baseline", "bad.json", "-o", "out");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Matches(@"bad\.json\(3,\d+\): error: the baseline is not a usable report: not valid JSON", bad.Error);
        Assert.False(Directory.Exists(tree.Path("out")), "nothing is scanned or written with a bad baseline");

        tree.Write("old.json", "{\"schemaVersion\": 7}");
        var version = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--baseline", "old.json");
        Assert.True(version.ExitCode == 2, version.ToString());
        Assert.Contains("old.json(1,1): error: the baseline is not a usable report: schemaVersion is 7", version.Error, StringComparison.Ordinal);

        var missing = ExportLintTool.Run(tree.Root, "merge", "bad.json", "--baseline", "nowhere.json");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("nowhere.json: error: the baseline could not be read", missing.Error, StringComparison.Ordinal);

        var alone = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--fail-on-new");
        Assert.True(alone.ExitCode == 2, alone.ToString());
        Assert.Contains("--fail-on-new needs --baseline FILE", alone.Error, StringComparison.Ordinal);
        Assert.Equal(2, ExportLintTool.Run(tree.Root, "merge", "bad.json", "--fail-on-new").ExitCode);

        Assert.Equal(0, ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "base").ExitCode);
        var shard = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "--shard", "1/2", "--baseline", "base/exportlint.json");
        Assert.True(shard.ExitCode == 2, shard.ToString());
        Assert.Contains("--baseline cannot be used with --shard", shard.Error, StringComparison.Ordinal);
    }

    // ---- the comparison itself ----------------------------------------------------------------------------------------

    private static Finding F(string fingerprint, string entry = "E", SuppressionRecord? suppression = null) => new()
    {
        Id = "EXL0001",
        EntryId = entry,
        Fingerprint = fingerprint,
        Suppression = suppression,
        Location = new Location { File = "a.cs", Line = 1, Column = 1 },
    };

    private static readonly SuppressionRecord Suppressed = new() { Target = "E", Kind = "pragma", Justification = "ok" };

    [Fact]
    public void Duplicate_fingerprints_are_a_multiset_and_the_entry_is_part_of_the_key()
    {
        var baseline = new Report { Findings = [F("a"), F("a"), F("b")] };
        var report = new Report { Findings = [F("a"), F("a"), F("a"), F("b", entry: "OTHER")] };
        Baseline.Compare(report, baseline, "base.json");
        Assert.Equal([BaselineStates.Unchanged, BaselineStates.Unchanged, BaselineStates.New, BaselineStates.New], report.Findings.Select(f => f.BaselineState));
        Assert.Equal(["b"], report.AbsentFindings!.Select(f => f.Fingerprint));
        Assert.Equal((2, 2, 1), (report.Baseline!.New, report.Baseline.Unchanged, report.Baseline.Absent));
    }

    [Fact]
    public void A_suppression_gone_or_expired_since_the_baseline_makes_the_finding_new_and_a_new_suppression_keeps_it_unchanged()
    {
        var baseline = new Report { Findings = [F("was-suppressed", suppression: Suppressed), F("now-suppressed"), F("both", suppression: Suppressed)] };
        var report = new Report { Findings = [F("was-suppressed"), F("now-suppressed", suppression: Suppressed), F("both", suppression: Suppressed)] };
        Baseline.Compare(report, baseline, "base.json");
        Assert.Equal([BaselineStates.New, BaselineStates.Unchanged, BaselineStates.Unchanged], report.Findings.Select(f => f.BaselineState));
        Assert.Empty(report.AbsentFindings!);
        report.Findings.ForEach(f => f.Level = Levels.Error);
        Assert.Equal("was-suppressed", Assert.Single(ReportVerdict.Failing(report, failOnNew: true)).Fingerprint);
    }

    [Fact]
    public void A_baseline_finding_without_a_fingerprint_gets_the_one_a_scan_gives_it()
    {
        var scanned = new Finding { Id = "EXL0001", EntryId = "E", Location = new Location { File = "a.cs", Line = 9, Column = 3 }, Evidence = new Evidence { Symbol = "S.M", Snippet = "var x = S.M();" } };
        scanned.Fingerprint = Fingerprints.Of(scanned, scanned.Evidence.Snippet);
        var old = new Finding { Id = "EXL0001", EntryId = "E", Location = new Location { File = "a.cs", Line = 4, Column = 3 }, Evidence = new Evidence { Symbol = "S.M", Snippet = "var  x = S.M();" } };
        var report = new Report { Findings = [scanned] };
        Baseline.Compare(report, new Report { Findings = [old] }, "base.json");
        Assert.Equal(BaselineStates.Unchanged, scanned.BaselineState);
        Assert.Empty(report.AbsentFindings!);
    }
}
