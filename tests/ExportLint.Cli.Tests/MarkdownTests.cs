using System.Text;
using System.Text.RegularExpressions;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;
using ExportLint.Reports.Markdown;

namespace ExportLint.Cli.Tests;

/// <summary>
/// <c>exportlint.md</c>: fits a GitHub comment and job summary whatever the scan's size, says how many findings it left
/// out, never hides an incomplete scan, shows text from scanned code as text, and is deterministic.
/// </summary>
public sealed class MarkdownTests
{
    private const string Timestamp = "2026-01-01T00:00:00Z";

    /// <summary>A report of <paramref name="count"/> findings in many files and entries, two in a hundred suppressed.</summary>
    private static Report Large(int count, Func<int, string>? message = null)
    {
        var report = new Report { Tool = new ToolInfo { Name = "exportlint", Version = "0.1.0" }, AsOf = "2026-01-01", Timestamp = Timestamp, FailOn = "error" };
        report.ControlLists.Add(new ControlListUsed { Id = "exportlint-default", Version = "2026.11.0", Path = "embedded:exportlint-default.controllist.yaml" });
        string[] severities = ["error", "warning", "info"];
        for (var i = 0; i < count; i++)
        {
            var severity = severities[i % 3];
            report.Findings.Add(new Finding
            {
                Id = "EXL0001",
                EntryId = "EXL-W-" + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ListId = "exportlint-default",
                Category = "model-weights",
                Severity = severity,
                Level = Levels.Of(severity, "error"),
                Citation = "ECCN 4E091 (non-enforced since 2025-05-13)",
                Message = message?.Invoke(i) ?? $"Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry EXL-W-{i % 7}, ECCN 4E091",
                Location = new Location { File = $"src/Service{i % 50:00}/Worker{i:00000}.cs", Line = 10 + i % 400, Column = 9 },
                Project = $"src/Service{i % 50:00}/Service{i % 50:00}.csproj",
                Evidence = new Evidence { Symbol = "LLama.LLamaWeights.LoadFromFile", Snippet = "using var weights = LLamaWeights.LoadFromFile(parameters);" },
                Fingerprint = i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
                Suppression = i % 50 == 1 ? new SuppressionRecord { Target = "EXL-W-1", Justification = "reviewed" } : null,
            });
        }

        report.Summarise();
        return report;
    }

    private static int FindingRows(string markdown, string section = "### Findings") =>
        markdown.Split('\n').SkipWhile(l => !l.StartsWith(section, StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("**… and", StringComparison.Ordinal))
            .Count(l => l.StartsWith("| [src/", StringComparison.Ordinal));

    [Fact]
    public void Ten_thousand_findings_through_merge_stay_under_the_comment_limit_with_the_right_and_N_more()
    {
        using var tree = new TempTree("markdown-large");
        var report = Large(10_000);
        report.Problems.Add(Problem.AboutFile("EXL0201", Levels.Error, "vendor/blob.bin", "'vendor/blob.bin' could not be read: Permission denied", incomplete: true));
        report.Summarise();
        JsonReport.Write(tree.Path("big.json"), report);

        var run = ExportLintTool.Run(tree.Root, "merge", "big.json", "--format", "md,json", "-o", "out", "--timestamp", Timestamp, "--quiet");
        Assert.True(run.ExitCode == 3, run.ToString());
        var bytes = File.ReadAllBytes(tree.Path("out/" + MarkdownWriter.FileName));
        Assert.InRange(bytes.Length, 50_000, MarkdownWriter.MaxBytes);
        Assert.True(bytes.Length < MarkdownWriter.GitHubCommentLimit);
        var markdown = Encoding.UTF8.GetString(bytes);

        var active = report.Findings.Count(f => f.Suppression is null);
        var rows = FindingRows(markdown);
        Assert.InRange(rows, 100, active - 1);
        var more = Regex.Match(markdown, @"\*\*… and (\d+) more findings\*\* \(see exportlint\.json or exportlint\.sarif");
        Assert.True(more.Success, markdown[^2000..]);
        Assert.Equal(active - rows, int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        // Errors come first; the incomplete scan is said first of all, however many findings there are.
        Assert.StartsWith("## ExportLint: ⚠️ incomplete", markdown, StringComparison.Ordinal);
        Assert.Contains("| [vendor/blob.bin](vendor/blob.bin) | EXL0201 error |", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("### ⚠️ Not analysed (1)", StringComparison.Ordinal) < markdown.IndexOf("### Findings", StringComparison.Ordinal));
        Assert.Contains("#### 🛑 error · `EXL-W-0`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("#### ℹ️ info", markdown, StringComparison.Ordinal);
        Assert.Contains($"**{active}** findings", markdown, StringComparison.Ordinal);
        Assert.Contains($", {report.Findings.Count - active} suppressed", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_baseline_new_findings_come_first_and_those_left_out_are_counted_by_state()
    {
        var report = Large(5_000);
        for (var i = 0; i < report.Findings.Count; i++)
        {
            report.Findings[i].BaselineState = i % 4 == 0 ? BaselineStates.New : BaselineStates.Unchanged;
        }

        report.Baseline = new BaselineRecord { Path = "base/exportlint.json", New = 1_250, Unchanged = 3_750, Absent = 300 };
        report.AbsentFindings = [.. Large(300).Findings.Select(f => { f.BaselineState = BaselineStates.Absent; return f; })];
        var markdown = MarkdownWriter.ToMarkdown(report, new ReportContext { FailOnNew = true });

        var active = report.Findings.Where(f => f.Suppression is null).ToList();
        var added = active.Count(f => f.BaselineState == BaselineStates.New);
        var failing = active.Count(f => f.BaselineState == BaselineStates.New && f.Level == Levels.Error);
        Assert.StartsWith($"## ExportLint: ❌ fail\n\n**{failing} new findings fail** under `--fail-on error` `--fail-on-new`", markdown, StringComparison.Ordinal);
        Assert.Contains($"**{active.Count}** findings ({added} new, {active.Count - added} unchanged since the baseline `base/exportlint.json`", markdown, StringComparison.Ordinal);
        Assert.Contains($"### New findings ({added})", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("### Unchanged findings", markdown, StringComparison.Ordinal);
        var rows = FindingRows(markdown, "### New findings");
        var more = Regex.Match(markdown, @"\*\*… and (\d+) more findings\*\* \((\d+) new, (\d+) unchanged; see exportlint\.json");
        Assert.True(more.Success, markdown[^2000..]);
        Assert.Equal((active.Count - rows, added - rows, active.Count - added), (Parse(more.Groups[1].Value), Parse(more.Groups[2].Value), Parse(more.Groups[3].Value)));

        // The findings took most of the room; the absent ones that did not fit are counted.
        var absentRows = markdown.Split('\n').SkipWhile(l => !l.StartsWith("### Absent since the baseline (300)", StringComparison.Ordinal))
            .TakeWhile(l => !l.StartsWith("**", StringComparison.Ordinal)).Count(l => l.StartsWith("| [src/", StringComparison.Ordinal));
        Assert.InRange(absentRows, 1, 299);
        Assert.Contains($"**… and {300 - absentRows} more absent findings** (see exportlint.json", markdown, StringComparison.Ordinal);
    }

    private static int Parse(string digits) => int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Long_multibyte_messages_stay_under_the_limit_and_are_never_cut_inside_a_character()
    {
        const string wide = "模型权重 🚀 Gewichte ÄÖÜ モデル 🔥 ";
        var report = Large(3_000, i => string.Concat(Enumerable.Repeat(wide, 200)) + i);
        foreach (var finding in report.Findings)
        {
            finding.Evidence.Symbol = string.Concat(Enumerable.Repeat("🚀", 300));
            finding.Evidence.Snippet = string.Concat(Enumerable.Repeat("ä🔥", 400));
        }

        var markdown = MarkdownWriter.ToMarkdown(report, new ReportContext());
        var bytes = Encoding.UTF8.GetBytes(markdown);
        Assert.InRange(bytes.Length, 40_000, MarkdownWriter.MaxBytes);
        Assert.Equal(markdown, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        Assert.DoesNotContain('\uFFFD', markdown);
        Assert.Contains("🚀…", markdown, StringComparison.Ordinal);
        var more = Regex.Match(markdown, @"… and (\d+) more findings");
        Assert.True(more.Success);
        Assert.Equal(report.Findings.Count(f => f.Suppression is null) - FindingRows(markdown), int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

        // A limit only just above the must-haves: still kept, still counted; a section with no row that fits is counted
        // under no heading of its own.
        report.Baseline = new BaselineRecord { Path = "base.json", Absent = 40 };
        report.AbsentFindings = [.. Large(40).Findings.Select(f => { f.Location.File = string.Concat(Enumerable.Repeat("模", 170)) + ".cs"; return f; })];
        var small = MarkdownWriter.ToMarkdown(report, new ReportContext(), maxBytes: 6_000);
        Assert.InRange(Encoding.UTF8.GetByteCount(small), 1, 6_000);
        Assert.Matches(@"… and \d+ more findings", small);
        Assert.Contains("**40 absent findings are not shown** (see exportlint.json", small, StringComparison.Ordinal);
        Assert.DoesNotContain("### Absent since the baseline", small, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_scanned_code_is_shown_not_rendered_and_table_cells_stay_one_cell()
    {
        using var tree = new TempTree("markdown-escape");
        tree.Write("App/Program.cs", "using LLama;\nclass P { void A() {\nvar w = LLamaWeights.LoadFromFile(\"a|b`c<img src=x onerror=alert(1)>@octocat **bold** [x](http://evil)\");\n} }\n");
        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "out", "--format", "md,json", "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        var markdown = File.ReadAllText(tree.Path("out/exportlint.md"));
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| [App/Program.cs:3]", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.Equal(5, UnescapedPipes(row));
            Assert.Contains("``var w = LLamaWeights.LoadFromFile(\"a\\|b`c<img", row, StringComparison.Ordinal);
        }

        // The same text outside a code span (a message, a symbol) is escaped as text.
        var finding = new Finding
        {
            Id = "EXL0004",
            EntryId = "EXL-C-K8S-GPU",
            Severity = "info",
            Message = "m",
            Location = new Location { File = "deploy/job (1).yaml", Line = 3, Column = 1 },
            Evidence = new Evidence { Text = "a|b\nc `d` <script>alert(1)</script> @octocat **e** [f](g) #1 &amp;", Snippet = "x\ny | z" },
            Fingerprint = "f",
        };
        var report = new Report { Findings = [finding], Problems = [new Problem { Id = "EXL0200", Message = "two\nlines | <b>", Location = new Location { File = "a.csproj" } }] };
        report.Summarise();
        var text = MarkdownWriter.ToMarkdown(report, new ReportContext());
        var line = Assert.Single(text.Split('\n'), l => l.StartsWith("| [deploy/job (1).yaml:3]", StringComparison.Ordinal));
        Assert.Equal("| [deploy/job (1).yaml:3](deploy/job%20%281%29.yaml#L3) | a\\|b c \\`d\\` &lt;script&gt;alert(1)&lt;/script&gt; @\u2060octocat \\*\\*e\\*\\* \\[f\\](g) \\#1 &amp;amp; (EXL0004) | high | `x y \\| z` |", line);
        Assert.Contains("| [a.csproj](a.csproj) | EXL0200 warning | two lines \\| &lt;b&gt; |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_and_merge_writes_the_same_markdown_as_scan()
    {
        using var tree = new TempTree("markdown-same");
        tree.UnrestorableProject("App", "App");
        tree.Write("App/Program.cs", "using LLama;\nvar w = LLamaWeights.LoadFromFile(null!);\n");
        tree.Write("deploy/job.yaml", "limits: {nvidia.com/gpu: 2}\n");
        var one = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "-o", "one", "--format", "all", "--timestamp", Timestamp);
        var two = ExportLintTool.Run(tree.Root, new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1767225600" }, "scan", ".", "--no-restore", "-o", "two", "--format", "json,md");
        Assert.True(one.ExitCode == 0 && two.ExitCode == 0, one + "\n" + two);
        Assert.Contains("Report: " + Path.Combine("one", MarkdownWriter.FileName), one.Output, StringComparison.Ordinal);
        var first = File.ReadAllBytes(tree.Path("one/exportlint.md"));
        Assert.Equal(first, File.ReadAllBytes(tree.Path("two/exportlint.md")));
        var markdown = Encoding.UTF8.GetString(first);
        Assert.StartsWith("## ExportLint: ✅ pass", markdown, StringComparison.Ordinal);
        Assert.Contains("### Projects not analysed semantically (1)", markdown, StringComparison.Ordinal);
        Assert.Contains("| [App/App.csproj](App/App.csproj) | source |", markdown, StringComparison.Ordinal);
        Assert.Contains("#### ⚠️ warning · `EXL-W-LLAMA` — Loads model weights · ECCN 4E091", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", markdown, StringComparison.Ordinal);

        var merge = ExportLintTool.Run(tree.Root, "merge", "one/exportlint.json", "-o", "merged", "--format", "all", "--timestamp", Timestamp);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Contains("Report: " + Path.Combine("merged", MarkdownWriter.FileName), merge.Output, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(tree.Path("merged/exportlint.md")));
    }

    private static int UnescapedPipes(string row)
    {
        var count = 0;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == '\\')
            {
                i++;
            }
            else if (row[i] == '|')
            {
                count++;
            }
        }

        return count;
    }
}
