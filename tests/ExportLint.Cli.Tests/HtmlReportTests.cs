using System.Globalization;
using System.Text.Json;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.ControlLists.Tests.ModelFiles;
using ExportLint.Reports;
using ExportLint.Reports.Html;
using Xunit.Abstractions;

namespace ExportLint.Cli.Tests;

/// <summary>
/// <c>exportlint.html</c>, opened in headless Chromium as a person opens it: its totals are the JSON report's, its
/// filters and sorting work, it makes no request and runs nothing from the scanned code, and it is the same bytes for
/// the same report.
/// </summary>
public sealed class HtmlReportTests(ITestOutputHelper output)
{
    private const string Timestamp = "2026-01-02T03:04:05Z";

    /// <summary>The hostile text the escaping test puts in a scanned string literal next to a controlled call.</summary>
    /// <summary>A folder name that closes an attribute and opens an element (no '/' can be in a name).</summary>
    private const string HostileFolder = "App\"'><img src=q onerror=alert(6)>";

    private const string Hostile = "</script><script>alert(1)</script>\\\"'><img src=x onerror=alert(2)><!--";

    [Fact]
    public async Task The_samples_page_shows_the_json_reports_totals_filters_and_sorts_its_findings_and_makes_no_request()
    {
        using var out1 = new TempTree("samples-html");
        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "html,json", "-o", out1.Root, "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Report: " + out1.Path(HtmlWriter.FileName), run.Output, StringComparison.Ordinal);
        var report = ToolRun.ReadReport(out1.Root);
        Assert.True(report.Findings.Count >= 10, "the samples gave only " + report.Findings.Count + " findings");
        var html = out1.Path(HtmlWriter.FileName);

        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.OpenAsync(html);
        Assert.Equal("true", await page.EvalAsync<string>("document.documentElement.getAttribute('data-ready')"));
        Assert.StartsWith("default-src 'none';", await page.EvalAsync<string>("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"), StringComparison.Ordinal);

        // The totals on the page are the JSON report's summary.
        var totals = JsonSerializer.Deserialize<Dictionary<string, string>>(await page.EvalAsync<string>(
            "JSON.stringify(Object.fromEntries([...document.querySelectorAll('[data-total]')].map(e => [e.dataset.total, e.textContent])))"))!;
        var s = report.Summary;
        var expected = new Dictionary<string, int>
        {
            ["findings"] = s.Findings, ["errors"] = s.Errors, ["warnings"] = s.Warnings, ["messages"] = s.Messages, ["suppressed"] = s.Suppressed,
            ["projects"] = s.Projects, ["projectsInSourceMode"] = s.ProjectsInSourceMode, ["projectsNotAnalysed"] = s.ProjectsNotAnalysed,
            ["files"] = s.Files, ["packages"] = s.Packages, ["modelFiles"] = s.ModelFiles, ["problems"] = s.Problems,
        };
        foreach (var (key, value) in expected)
        {
            Assert.True(totals.TryGetValue(key, out var shown), "the page has no total " + key);
            Assert.True(value == int.Parse(shown!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), $"{key}: the page says {shown}, the JSON report {value}");
        }

        // And so are the counts by category, severity, confidence and project (of the findings that count).
        var active = report.Findings.Where(f => f.Suppression is null).ToList();
        await AssertBreakdown(page, "category", active.GroupBy(f => f.Category));
        await AssertBreakdown(page, "severity", active.GroupBy(f => f.Severity));
        await AssertBreakdown(page, "confidence", active.GroupBy(f => f.Confidence));
        await AssertBreakdown(page, "project", active.GroupBy(f => f.Project ?? string.Empty));
        Assert.Equal(1, await page.CountAsync("figure.chart svg"));
        Assert.Equal(report.Findings.Count, await page.CountAsync("#findings-body tr"));
        Assert.Equal(report.Models.Count, await page.CountAsync("#models-table tbody tr"));
        Assert.Equal(report.Projects.Count, await page.CountAsync("#projects-table tbody tr"));

        // The LLaMA load's row: the snippet, the citation with its source's status and date.
        var llama = report.Findings.Single(f => f.EntryId == "EXL-W-LLAMA");
        var entry = report.Entries.Single(e => e.Id == "EXL-W-LLAMA");
        var rowText = await page.EvalAsync<string>("[...document.querySelectorAll('#findings-body tr')].find(r => r.textContent.includes('EXL-W-LLAMA')).innerText");
        Assert.Contains(llama.Evidence.Snippet!, rowText, StringComparison.Ordinal);
        Assert.Contains(llama.Citation!, rowText, StringComparison.Ordinal);
        Assert.Contains(entry.Source!.Status, rowText, StringComparison.Ordinal);
        Assert.Contains("since " + entry.Source.StatusDate, rowText, StringComparison.Ordinal);

        // ... and the package that provides the API, with the dependency path the project reaches it by.
        var provider = llama.Evidence.Provider?.Package;
        Assert.NotNull(provider);
        Assert.Contains("Provided by " + provider, rowText, StringComparison.Ordinal);
        var reached = report.Projects.Single(p => p.Path == llama.Project).Packages.Single(p => p.Id == provider).Path;
        Assert.Equal(reached, JsonSerializer.Deserialize<List<string>>(await page.EvalAsync<string>(
            "JSON.stringify([...[...document.querySelectorAll('#findings-body tr')].find(r => r.textContent.includes('EXL-W-LLAMA')).querySelectorAll('ol.dep li')].map(li => li.textContent))")));

        // A filter narrows the table to exactly the findings it names.
        await page.Page.SelectAsync("#filter-category", "gpu-compute");
        var gpu = report.Findings.Count(f => f.Category == "gpu-compute");
        Assert.InRange(gpu, 1, report.Findings.Count - 1);
        Assert.Equal(gpu, await page.CountAsync("#findings-body tr"));
        Assert.Equal(gpu, await page.EvalAsync<int>("[...document.querySelectorAll('#findings-body tr')].filter(r => r.cells[3].textContent.startsWith('gpu-compute')).length"));
        var project = report.Findings.First(f => f.Category == "gpu-compute" && f.Project is not null).Project!;
        Assert.Equal([project], await page.Page.SelectAsync("#filter-project", project));
        var narrowed = report.Findings.Count(f => f.Category == "gpu-compute" && f.Project == project);
        Assert.Equal(narrowed, await page.CountAsync("#findings-body tr"));
        Assert.Equal(narrowed, await page.EvalAsync<int>("+document.getElementById('findings-count').dataset.matching"));
        await page.Page.ClickAsync("#filter-reset");
        Assert.Equal(report.Findings.Count, await page.CountAsync("#findings-body tr"));
        await page.Page.TypeAsync("#filter-text", "GpuCluster/deploy/");
        var deploy = report.Findings.Count(f => f.Location.File.Contains("GpuCluster/deploy/", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(deploy, 1, report.Findings.Count - 1);
        Assert.Equal(deploy, await page.CountAsync("#findings-body tr"));
        await page.Page.ClickAsync("#filter-reset");

        // Sorting: by location, descending on the second click; by severity, the warnings first.
        await page.Page.ClickAsync("#findings-table th[data-sort=location] button");
        await page.Page.ClickAsync("#findings-table th[data-sort=location] button");
        Assert.Equal("descending", await page.EvalAsync<string>("document.querySelector('#findings-table th[data-sort=location]').getAttribute('aria-sort')"));
        var locations = JsonSerializer.Deserialize<List<string>>(await page.EvalAsync<string>("JSON.stringify([...document.querySelectorAll('#findings-body tr')].map(r => r.cells[2].querySelector('.path').textContent))"))!;
        var descending = report.Findings
            .OrderByDescending(f => f.Location.File, StringComparer.Ordinal).ThenByDescending(f => f.Location.Line).ThenByDescending(f => f.Location.Column)
            .Select(f => f.Location.Line > 0 ? $"{f.Location.File}:{f.Location.Line}:{f.Location.Column}" : f.Location.File);
        Assert.Equal(descending, locations);
        await page.Page.ClickAsync("#findings-table th[data-sort=severity] button");
        var severities = JsonSerializer.Deserialize<List<string>>(await page.EvalAsync<string>("JSON.stringify([...document.querySelectorAll('#findings-body tr')].map(r => r.cells[0].querySelector('.badge').textContent))"))!;
        Assert.Equal(report.Findings.Select(f => f.Severity).OrderBy(v => v switch { "error" => 0, "warning" => 1, _ => 2 }), severities);
        await page.Page.ClickAsync("#filter-reset");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "html-report-samples.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.Page.ScreenshotAsync(screenshot, new PuppeteerSharp.ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is empty");
        output.WriteLine("screenshot: " + screenshot);
        page.AssertQuiet();

        // Byte-identical for the same input; and merge writes the same page from the scan's JSON report.
        using var out2 = new TempTree("samples-html-again");
        var again = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "html", "-o", out2.Root, "--timestamp", Timestamp);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(File.ReadAllBytes(html), File.ReadAllBytes(out2.Path(HtmlWriter.FileName)));
        using var merged = new TempTree("samples-html-merged");
        var merge = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "merge", out1.Path(JsonReport.FileName), "--format", "all", "-o", merged.Root, "--timestamp", Timestamp);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Contains("Report: " + merged.Path(HtmlWriter.FileName), merge.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(html), File.ReadAllBytes(merged.Path(HtmlWriter.FileName)));
    }

    [Fact]
    public async Task Text_from_scanned_code_is_shown_as_text_never_run_or_parsed_as_markup()
    {
        using var tree = new TempTree("html-hostile");
        // A project whose folder name breaks out of an attribute: it reaches option values, data attributes and tables.
        tree.UnrestorableProject(HostileFolder, "App");
        tree.Write(HostileFolder + "/Loader.cs", $$"""
            using LLama;
            using LLama.Common;

            internal static class Loader
            {
                public static void Run()
                {
                    using var weights = LLamaWeights.LoadFromFile(new ModelParams("{{Hostile}}"));
                }
            }
            """);
        tree.Write(HostileFolder + "/<img src=y onerror=alert(3)>'\".gguf", new ModelFileWriters.Gguf().String("general.architecture", "llama")
            .String("general.name", "</script><svg onload=alert(4)>").Tensor("t", 0, 16, 4).ToArray());
        using var outputTree = new TempTree("html-hostile-out");
        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--no-restore", "--format", "html,json", "-o", outputTree.Root, "--timestamp", Timestamp, "--fail-on", "never");
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(outputTree.Root);
        var load = Assert.Single(report.Findings, f => f.EntryId == "EXL-W-LLAMA");
        Assert.Contains("</script><script>alert(1)</script>", load.Evidence.Snippet, StringComparison.Ordinal);
        Assert.Contains(report.Models, m => m.Path.Contains("<img src=y", StringComparison.Ordinal));
        Assert.Equal(HostileFolder + "/App.csproj", load.Project);
        Assert.Equal(ScanModes.Source, Assert.Single(report.Projects).Mode);

        await using var browser = await HeadlessBrowser.LaunchAsync();
        var page = await browser.OpenAsync(outputTree.Path(HtmlWriter.FileName));
        Assert.Equal("true", await page.EvalAsync<string>("document.documentElement.getAttribute('data-ready')"));
        Assert.Equal(2, await page.CountAsync("script"));
        Assert.Equal(0, await page.CountAsync("img"));
        Assert.Equal(0, await page.CountAsync("[onerror], [onload]"));
        Assert.Equal(1, await page.CountAsync("svg"));
        Assert.Equal(report.Problems.Count, await page.CountAsync("#problems-table tbody tr"));
        Assert.Contains(report.Problems, p => p.Id == "EXL0200");
        Assert.Equal(0, await page.EvalAsync<int>("document.createNodeIterator(document.body, NodeFilter.SHOW_COMMENT).nextNode() ? 1 : 0"));

        // ... and shown as the text it was.
        Assert.Equal(report.Findings.Count, await page.CountAsync("#findings-body tr"));
        var snippets = await page.EvalAsync<string>("[...document.querySelectorAll('#findings-body pre.snippet')].map(p => p.textContent).join('\\n')");
        Assert.Contains(load.Evidence.Snippet!, snippets, StringComparison.Ordinal);
        var models = await page.EvalAsync<string>("document.getElementById('models-table').textContent");
        Assert.Contains("<img src=y onerror=alert(3)>'\".gguf", models, StringComparison.Ordinal);
        Assert.Contains("</script><svg onload=alert(4)>", models, StringComparison.Ordinal);
        Assert.Contains(HostileFolder + "/App.csproj", await page.EvalAsync<string>("document.getElementById('source-mode').textContent"), StringComparison.Ordinal);
        Assert.True(await page.EvalAsync<bool>($"[...document.querySelectorAll('table.breakdown[data-group=project] tbody tr')].some(r => r.dataset.key === {JsonSerializer.Serialize(HostileFolder + "/App.csproj")})"));
        Assert.Equal([HostileFolder + "/App.csproj"], await page.Page.SelectAsync("#filter-project", HostileFolder + "/App.csproj"));
        Assert.Equal(report.Findings.Count(f => f.Project == load.Project), await page.CountAsync("#findings-body tr"));
        await page.Page.ClickAsync("#filter-reset");
        await page.Page.TypeAsync("#filter-text", "</script><script>alert(1)");
        Assert.Equal(1, await page.CountAsync("#findings-body tr"));
        page.AssertQuiet();

        // In the file, the text is there only escaped: the markup the page has is the writer's own.
        var text = File.ReadAllText(outputTree.Path(HtmlWriter.FileName));
        Assert.DoesNotContain("<script>alert", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("<script").Length - 1);
        Assert.Equal(2, text.Split("</script>").Length - 1);
    }

    [Fact]
    public async Task A_baseline_gives_a_state_column_and_filter_and_the_absent_findings_and_without_one_the_page_says_nothing_of_it()
    {
        using var tree = new TempTree("html-baseline");
        var report = Synthetic(6);
        for (var i = 0; i < report.Findings.Count; i++)
        {
            report.Findings[i].BaselineState = i % 3 == 0 ? BaselineStates.New : BaselineStates.Unchanged;
        }

        var absent = Synthetic(2).Findings;
        absent.ForEach(f => f.BaselineState = BaselineStates.Absent);
        report.AbsentFindings = absent;
        report.Baseline = new BaselineRecord { Path = "baseline/exportlint.json", Timestamp = "2025-12-01T00:00:00Z", New = 2, Unchanged = 4, Absent = 2 };
        HtmlWriter.Write(tree.Path("with.html"), report);

        report.Baseline = null;
        report.AbsentFindings = null;
        report.Findings.ForEach(f => f.BaselineState = null);
        HtmlWriter.Write(tree.Path("without.html"), report);

        await using var browser = await HeadlessBrowser.LaunchAsync();
        var with = await browser.OpenAsync(tree.Path("with.html"));
        Assert.Equal(1, await with.CountAsync("#findings-table th[data-sort=baseline]"));
        Assert.Equal(6, await with.CountAsync("#findings-body tr"));
        var dependencyPath = report.Findings.First(f => f.Evidence.Package is not null).Evidence.Package!.Path;
        Assert.Equal(dependencyPath, JsonSerializer.Deserialize<List<string>>(await with.EvalAsync<string>("JSON.stringify([...document.querySelector('#findings-body ol.dep').children].map(li => li.textContent))")));
        await with.Page.SelectAsync("#filter-baseline", BaselineStates.New);
        Assert.Equal(2, await with.CountAsync("#findings-body tr"));
        Assert.Equal(2, await with.CountAsync("#findings-body .base-new"));
        Assert.Equal(2, await with.CountAsync("#absent-table tbody tr"));
        Assert.Contains("baseline/exportlint.json", await with.EvalAsync<string>("document.querySelector('header').innerText"), StringComparison.Ordinal);
        with.AssertQuiet();

        var without = await browser.OpenAsync(tree.Path("without.html"));
        Assert.Equal(6, await without.CountAsync("#findings-body tr"));
        Assert.Equal(0, await without.CountAsync("#findings-table th[data-sort=baseline], #filter-baseline, #absent, .base-new, .base-unchanged"));
        Assert.DoesNotContain("baseline", await without.EvalAsync<string>("document.body.innerText"), StringComparison.OrdinalIgnoreCase);
        without.AssertQuiet();
    }

    [Fact]
    public async Task Ten_thousand_findings_are_written_quickly_and_the_page_stays_usable()
    {
        using var tree = new TempTree("html-10k");
        var report = Synthetic(10_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HtmlWriter.Write(tree.Path("big.html"), report);
        var written = clock.Elapsed;
        output.WriteLine($"10,000 findings: written in {written.TotalMilliseconds:0} ms, {new FileInfo(tree.Path("big.html")).Length / 1024} KiB");
        Assert.True(written < TimeSpan.FromSeconds(5), $"writing 10,000 findings took {written}");
        Assert.Equal(HtmlWriter.ToHtml(report), File.ReadAllText(tree.Path("big.html")));

        await using var browser = await HeadlessBrowser.LaunchAsync();
        clock.Restart();
        var page = await browser.OpenAsync(tree.Path("big.html"));
        Assert.Equal("true", await page.EvalAsync<string>("document.documentElement.getAttribute('data-ready')"));
        output.WriteLine($"opened and drawn in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(200, await page.CountAsync("#findings-body tr"));
        Assert.Equal("10000", await page.EvalAsync<string>("document.getElementById('findings-count').dataset.matching"));
        clock.Restart();
        await page.Page.SelectAsync("#filter-category", "gpu-compute");
        Assert.Equal(report.Findings.Count(f => f.Category == "gpu-compute").ToString(CultureInfo.InvariantCulture), await page.EvalAsync<string>("document.getElementById('findings-count').dataset.matching"));
        await page.Page.ClickAsync("#findings-table th[data-sort=location] button");
        await page.Page.ClickAsync("#findings-all");
        Assert.Equal(report.Findings.Count(f => f.Category == "gpu-compute"), await page.CountAsync("#findings-body tr"));
        output.WriteLine($"filtered, sorted and drawn in full in {clock.Elapsed.TotalMilliseconds:0} ms");

        // Printed, the page holds every finding the filters let through, not one page of them.
        await page.Page.ClickAsync("#filter-reset");
        Assert.Equal(200, await page.CountAsync("#findings-body tr"));
        await page.Page.EmulateMediaTypeAsync(PuppeteerSharp.Media.MediaType.Print);
        await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('#findings-body tr').length === 10000", new PuppeteerSharp.WaitForFunctionOptions { Timeout = 30_000 });
        await page.Page.EmulateMediaTypeAsync(PuppeteerSharp.Media.MediaType.Screen);
        await page.Page.WaitForFunctionAsync("() => document.querySelectorAll('#findings-body tr').length === 200", new PuppeteerSharp.WaitForFunctionOptions { Timeout = 30_000 });
        page.AssertQuiet();
    }

    private static async Task AssertBreakdown(OpenPage page, string group, IEnumerable<IGrouping<string, Finding>> expected)
    {
        var shown = JsonSerializer.Deserialize<Dictionary<string, string>>(await page.EvalAsync<string>(
            $"JSON.stringify(Object.fromEntries([...document.querySelectorAll('table.breakdown[data-group={group}] tbody tr')].map(r => [r.dataset.key, r.querySelector('[data-count=findings]').textContent])))"))!;
        var counts = expected.ToDictionary(g => g.Key, g => g.Count());
        foreach (var (key, count) in counts)
        {
            Assert.True(shown.TryGetValue(key, out var text), $"the page has no {group} row for '{key}'");
            Assert.True(count == int.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), $"{group} '{key}': the page says {text}, the JSON report {count}");
        }

        Assert.All(shown.Where(p => !counts.ContainsKey(p.Key)), p => Assert.Equal("0", p.Value));
    }

    /// <summary>A report of <paramref name="count"/> findings across categories, projects and suppressions, as a scan would sort them.</summary>
    private static Report Synthetic(int count)
    {
        string[] categories = ["model-weights", "gpu-compute", "cluster-orchestration", "restricted-package", "model-file"];
        string[] severities = ["info", "warning", "error"];
        var report = new Report { Timestamp = Timestamp, AsOf = "2026-01-02" };
        for (var p = 0; p < 20; p++)
        {
            report.Projects.Add(new ProjectRecord { Path = $"src/P{p}/P{p}.csproj", Name = $"P{p}", Mode = p % 7 == 3 ? ScanModes.Source : ScanModes.Semantic, Reason = p % 7 == 3 ? "the assets file is missing" : null, TargetFrameworks = ["net8.0"], Files = 10 });
        }

        report.Entries.Add(new ReportEntry { Id = "EXL-W-LLAMA", ListId = "exportlint-default", Category = "model-weights", Severity = "warning", Classification = "ECCN 4E091", Citation = "ECCN 4E091 (non-enforced since 2025-05-13)", Message = "Loads model weights", Source = new ReportSource { Id = "bis", Regulation = "Export Administration Regulations", Status = "non-enforced", StatusDate = "2025-05-13", Effective = "2025-01-13" }, DiagnosticId = "EXL0001" });
        for (var i = 0; i < count; i++)
        {
            var category = categories[i % categories.Length];
            var project = i % 11 == 0 ? null : $"src/P{i % 20}/P{i % 20}.csproj";
            var severity = severities[i % 3];
            report.Findings.Add(new Finding
            {
                Id = "EXL000" + (1 + (i % 8)),
                EntryId = i % 2 == 0 ? "EXL-W-LLAMA" : "EXL-G-" + category.ToUpperInvariant(),
                ListId = "exportlint-default",
                Category = category,
                Severity = severity,
                Level = Levels.Of(severity, "error"),
                Confidence = i % 5 == 0 ? Confidences.Medium : Confidences.High,
                Classification = "ECCN 4E091",
                Citation = "ECCN 4E091 (non-enforced since 2025-05-13)",
                SourceStatus = "non-enforced",
                Message = $"Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry EXL-W-LLAMA, number {i}",
                HelpUri = "https://github.com/exportlint/exportlint/blob/main/docs/rules/EXL0001.md",
                Location = new Location { File = $"src/P{i % 20}/File{i / 20:D4}.cs", Line = 10 + (i % 40), Column = 5 },
                Project = project,
                Evidence = new Evidence
                {
                    Symbol = "LLama.LLamaWeights.LoadFromFile",
                    Snippet = $"using var weights = LLamaWeights.LoadFromFile(parameters{i});",
                    Package = i % 4 == 0 ? new PackageEvidence { Id = "LLamaSharp.Backend.Cuda12", Version = "0.30.0", Path = [$"P{i % 20}", "LLamaSharp", "LLamaSharp.Backend.Cuda12"] } : null,
                },
                Fingerprint = i.ToString("x32", CultureInfo.InvariantCulture),
                Suppression = i % 13 == 0 ? new SuppressionRecord { Kind = "pragma", Target = "EXL0001", Justification = "reviewed under licence D123" } : null,
            });
        }

        report.Findings.Sort((a, b) => string.CompareOrdinal(a.Location.File, b.Location.File) is var c and not 0 ? c : a.Location.Line.CompareTo(b.Location.Line));
        report.Summarise();
        return report;
    }
}
