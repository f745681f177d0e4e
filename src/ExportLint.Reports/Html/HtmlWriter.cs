using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace ExportLint.Reports.Html;

/// <summary>
/// Writes a <see cref="Report"/> as one self-contained HTML page (<c>exportlint.html</c>) for the people who review
/// it: totals, a chart, a filterable and sortable table of findings, the model-file inventory, the projects and the
/// scan's problems. Inline CSS, JS and SVG only; a Content-Security-Policy forbids every network request.
/// <para>
/// The page is a function of the report alone (not of where or how the tool ran), so a <c>merge</c> of a scan's shards
/// writes the same page as the scan. Deterministic: the same report gives the same bytes (invariant culture, ordinal
/// sorting, <c>\n</c> line endings, UTF-8 without a byte-order mark).
/// </para>
/// <para>
/// Escaping: text from the report reaches the page in two ways only. Server-rendered parts go through
/// <see cref="Encode"/> (every attribute is double-quoted, and <c>&amp; &lt; &gt; " '</c> are entities). The findings
/// table's data is JSON in a <c>&lt;script type="application/json"&gt;</c> block written with
/// <see cref="StringEscapeHandling.EscapeHtml"/>, so it holds no <c>&lt;</c>, <c>&gt;</c> or <c>&amp;</c> at all (no
/// <c>&lt;/script&gt;</c>, no <c>&lt;!--</c>); the page's script reads it with <c>JSON.parse</c> and writes it with
/// <c>textContent</c> only.
/// </para>
/// </summary>
public static class HtmlWriter
{
    /// <summary>The file name the CLI writes in its output folder.</summary>
    public const string FileName = "exportlint.html";

    /// <summary>The id of the JSON block that holds the findings table's data.</summary>
    public const string DataElementId = "exportlint-data";

    private static readonly string Css = Resource("report.css");
    private static readonly string Script = Resource("report.js");

    /// <summary>
    /// default-src 'none' forbids every fetch (scripts, styles, images, fonts, frames, connections). The one style and
    /// the one script are allowed by their sha256 hashes rather than by 'unsafe-inline': both are constant (the data is
    /// a separate, non-executed JSON block), so hashes cost nothing, and they are a second line behind the escaping:
    /// should text from scanned code ever become a script element, the browser would refuse to run it. No style
    /// attribute is written (the chart uses SVG presentation attributes), so none needs 'unsafe-inline' either.
    /// </summary>
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Css)}'; img-src 'none'; base-uri 'none'; form-action 'none'";

    private static readonly string[] SeverityOrder = ["error", "warning", "info"];

    /// <summary>Writes the page to a file (through a temporary file, so a reader never sees half of it).</summary>
    public static void Write(string path, Report report)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            Write(writer, report);
        }

        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
    }

    /// <summary>The page as text.</summary>
    public static string ToHtml(Report report)
    {
        var builder = new StringBuilder(64 * 1024);
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            Write(writer, report);
        }

        return builder.ToString();
    }

    /// <summary>Writes the page to <paramref name="output"/>, in one pass over the report.</summary>
    public static void Write(TextWriter output, Report report)
    {
        var w = new Html(output);
        var baseline = report.Baseline is not null;
        w.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"").Text(ContentSecurityPolicy).Raw("\">\n");
        w.Raw("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Raw("<meta name=\"generator\" content=\"").Text(report.Tool.Name + " " + report.Tool.Version).Raw("\">\n");
        w.Raw("<title>ExportLint report").Text(report.AsOf.Length > 0 ? " \u2014 as of " + report.AsOf : string.Empty).Raw("</title>\n");
        w.Raw("<style>").Raw(Css).Raw("</style>\n</head>\n<body>\n");

        Masthead(w, report);
        w.Raw("<nav class=\"toc\" aria-label=\"Sections\"><div class=\"wrap\"><ul>");
        w.Raw("<li><a href=\"#summary\">Summary</a></li><li><a href=\"#findings\">Findings</a></li>");
        if (baseline)
        {
            w.Raw("<li><a href=\"#absent\">Absent findings</a></li>");
        }

        w.Raw("<li><a href=\"#models\">Model files</a></li><li><a href=\"#projects\">Projects</a></li><li><a href=\"#problems\">Problems</a></li><li><a href=\"#entries\">Control-list entries</a></li>");
        w.Raw("</ul></div></nav>\n<main class=\"wrap\">\n");

        Summary(w, report);
        Findings(w, report);
        if (baseline)
        {
            Absent(w, report);
        }

        Models(w, report);
        Projects(w, report);
        Problems(w, report);
        Entries(w, report);

        w.Raw("</main>\n<footer><div class=\"wrap\">Written by ").Text(report.Tool.Name + " " + report.Tool.Version)
            .Raw(". An inventory of AI components and the control-list entries they match, for people to review: not legal advice. This page works offline and makes no network request.</div></footer>\n");
        w.Raw("<script type=\"application/json\" id=\"").Raw(DataElementId).Raw("\">");
        Data(output, report);
        w.Raw("</script>\n<script>").Raw(Script).Raw("</script>\n</body>\n</html>\n");
    }

    // ---- the page's parts -----------------------------------------------------------------------------------------

    private static void Masthead(Html w, Report report)
    {
        w.Raw("<header class=\"masthead\"><div class=\"wrap\">\n<h1>ExportLint report</h1>\n");
        w.Raw("<p class=\"subtitle\">Export-controlled AI components (model weights, GPU compute, GPU-cluster orchestration, restricted packages, model files), each tied to a control-list entry.</p>\n<dl>");
        Meta(w, "Written", report.Timestamp ?? "not stated");
        Meta(w, "Lists evaluated as of", report.AsOf);
        Meta(w, "Fails on", report.FailOn);
        Meta(w, "Tool", report.Tool.Name + " " + report.Tool.Version);
        if (report.Shard is not null)
        {
            Meta(w, "Shard", report.Shard);
        }

        Meta(w, "Control lists", report.ControlLists.Count == 0 ? "none" : string.Join(", ", report.ControlLists.Select(l => l.Id + " " + l.Version)));
        Meta(w, "Generated code", report.SkipGeneratedCode ? "skipped (--skip-generated-code)" : "scanned");
        if (report.Baseline is { } b)
        {
            Meta(w, "Baseline", b.Path + (b.Timestamp is null ? string.Empty : " (" + b.Timestamp + ")"));
            Meta(w, "Against the baseline", Invariant($"{b.New} new, {b.Unchanged} unchanged, {b.Absent} absent"));
        }

        w.Raw("</dl>\n</div></header>\n");
    }

    private static void Meta(Html w, string name, string value) => w.Raw("<div><dt>").Text(name).Raw("</dt><dd>").Text(value).Raw("</dd></div>");

    private static void Summary(Html w, Report report)
    {
        var s = report.Summary;
        w.Raw("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
        Card(w, "findings", "Findings (not suppressed)", s.Findings, string.Empty);
        Card(w, "errors", "Errors", s.Errors, s.Errors > 0 ? " error" : string.Empty);
        Card(w, "warnings", "Warnings", s.Warnings, s.Warnings > 0 ? " warning" : string.Empty);
        Card(w, "messages", "Messages", s.Messages, string.Empty);
        Card(w, "suppressed", "Suppressed", s.Suppressed, string.Empty);
        Card(w, "projects", "Projects", s.Projects, string.Empty);
        Card(w, "projectsInSourceMode", "Projects in source mode", s.ProjectsInSourceMode, s.ProjectsInSourceMode > 0 ? " alert" : string.Empty);
        Card(w, "projectsNotAnalysed", "Projects not analysed", s.ProjectsNotAnalysed, s.ProjectsNotAnalysed > 0 ? " alert" : string.Empty);
        Card(w, "files", "C# files analysed", s.Files, string.Empty);
        Card(w, "packages", "Packages resolved", s.Packages, string.Empty);
        Card(w, "modelFiles", "Model files", s.ModelFiles, string.Empty);
        Card(w, "problems", "Problems", s.Problems, s.Problems > 0 ? " alert" : string.Empty);
        if (s.ExpiredSuppressions > 0)
        {
            Card(w, "expiredSuppressions", "Expired suppressions", s.ExpiredSuppressions, " alert");
        }

        w.Raw("</div>\n");

        // Counts of the findings that count (not suppressed), with the suppressed beside them; one pass.
        var byCategory = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var bySeverity = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var byConfidence = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var byProject = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var chart = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var f in report.Findings)
        {
            var column = f.Suppression is null ? 0 : 1;
            Count(byCategory, f.Category, column);
            Count(bySeverity, f.Severity, column);
            Count(byConfidence, f.Confidence, column);
            Count(byProject, f.Project ?? string.Empty, column);
            if (!chart.TryGetValue(f.Category, out var bars))
            {
                chart[f.Category] = bars = new int[4];
            }

            bars[f.Suppression is not null ? 3 : Array.IndexOf(SeverityOrder, f.Severity) is var i and >= 0 ? i : 2]++;
        }

        w.Raw("<div class=\"breakdowns\">\n<div>\n<h3>Findings by category and severity</h3>\n");
        Chart(w, chart);
        w.Raw("</div>\n<div>\n");
        var severities = new SortedDictionary<string, int[]>(Comparer<string>.Create((a, b) => SeverityRank(a).CompareTo(SeverityRank(b)) is var c and not 0 ? c : string.CompareOrdinal(a, b)));
        foreach (var pair in bySeverity)
        {
            severities[pair.Key] = pair.Value;
        }

        Breakdown(w, "severity", "By severity", severities, k => k);
        Breakdown(w, "confidence", "By confidence", byConfidence, k => k);
        w.Raw("</div>\n<div>\n");
        Breakdown(w, "category", "By category", byCategory, k => k);
        var names = ProjectNames(report);
        Breakdown(w, "project", "By project", byProject, k => k.Length == 0 ? "(outside every project)" : names.TryGetValue(k, out var n) ? n : k);
        w.Raw("</div>\n</div>\n</section>\n");
    }

    private static int SeverityRank(string severity) => Array.IndexOf(SeverityOrder, severity) is var i and >= 0 ? i : SeverityOrder.Length;

    private static void Count(SortedDictionary<string, int[]> counts, string key, int column)
    {
        if (!counts.TryGetValue(key, out var row))
        {
            counts[key] = row = new int[2];
        }

        row[column]++;
    }

    private static void Card(Html w, string key, string label, int value, string style) =>
        w.Raw("<div class=\"card").Raw(style).Raw("\"><div class=\"value\" data-total=\"").Raw(key).Raw("\">").Raw(Number(value))
            .Raw("</div><div class=\"label\">").Text(label).Raw("</div></div>\n");

    private static void Breakdown(Html w, string group, string title, SortedDictionary<string, int[]> counts, Func<string, string> label)
    {
        w.Raw("<h3>").Text(title).Raw("</h3>\n");
        if (counts.Count == 0)
        {
            w.Raw("<p class=\"empty\">No findings.</p>\n");
            return;
        }

        w.Raw("<table class=\"compact breakdown\" data-group=\"").Raw(group).Raw("\"><thead><tr><th>").Text(group.Substring(0, 1).ToUpperInvariant() + group.Substring(1))
            .Raw("</th><th class=\"num\">Findings</th><th class=\"num\">Suppressed</th></tr></thead><tbody>\n");
        foreach (var pair in counts)
        {
            w.Raw("<tr data-key=\"").Text(pair.Key).Raw("\"><td>");
            if (group == "severity")
            {
                w.Raw("<span class=\"badge sev-").Text(pair.Key).Raw("\">").Text(pair.Key).Raw("</span>");
            }
            else
            {
                w.Raw("<span class=\"").Raw(group == "project" ? "path" : string.Empty).Raw("\">").Text(label(pair.Key)).Raw("</span>");
            }

            w.Raw("</td><td class=\"num\" data-count=\"findings\">").Raw(Number(pair.Value[0])).Raw("</td><td class=\"num\" data-count=\"suppressed\">").Raw(Number(pair.Value[1])).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table>\n");
    }

    /// <summary>A horizontal stacked bar per category: errors, warnings, info, then suppressed, to one scale.</summary>
    private static void Chart(Html w, SortedDictionary<string, int[]> chart)
    {
        if (chart.Count == 0)
        {
            w.Raw("<p class=\"empty\">No findings.</p>\n");
            return;
        }

        const int Label = 160, Bar = 220, Row = 26, Top = 8;
        var max = Math.Max(1, chart.Values.Max(v => v.Sum()));
        var height = Top + (chart.Count * Row) + 34;
        w.Raw("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Raw(Number(Label + Bar + 60)).Raw(" ").Raw(Number(height))
            .Raw("\" role=\"img\" aria-label=\"Findings by category and severity\">\n");
        var y = Top;
        var classes = new[] { "bar-error", "bar-warning", "bar-info", "bar-suppressed" };
        var names = new[] { "error", "warning", "info", "suppressed" };
        foreach (var pair in chart)
        {
            w.Raw("<g><title>").Text(pair.Key + ": " + string.Join(", ", Enumerable.Range(0, 4).Where(i => pair.Value[i] > 0).Select(i => Number(pair.Value[i]) + " " + names[i]))).Raw("</title>");
            w.Raw("<text x=\"").Raw(Number(Label - 8)).Raw("\" y=\"").Raw(Number(y + 16)).Raw("\" text-anchor=\"end\">").Text(pair.Key).Raw("</text>");
            double x = Label;
            for (var i = 0; i < 4; i++)
            {
                if (pair.Value[i] == 0)
                {
                    continue;
                }

                var width = (double)Bar * pair.Value[i] / max;
                w.Raw("<rect class=\"").Raw(classes[i]).Raw("\" x=\"").Raw(Decimal(x)).Raw("\" y=\"").Raw(Number(y + 3)).Raw("\" width=\"").Raw(Decimal(width)).Raw("\" height=\"18\"/>");
                x += width;
            }

            w.Raw("<text x=\"").Raw(Decimal(x + 6)).Raw("\" y=\"").Raw(Number(y + 16)).Raw("\">").Raw(Number(pair.Value.Sum())).Raw("</text></g>\n");
            y += Row;
        }

        w.Raw("<line class=\"axis\" x1=\"").Raw(Number(Label)).Raw("\" y1=\"").Raw(Number(Top)).Raw("\" x2=\"").Raw(Number(Label)).Raw("\" y2=\"").Raw(Number(y)).Raw("\"/>\n");
        var lx = 10;
        for (var i = 0; i < 4; i++)
        {
            w.Raw("<rect class=\"").Raw(classes[i]).Raw("\" x=\"").Raw(Number(lx)).Raw("\" y=\"").Raw(Number(y + 12)).Raw("\" width=\"10\" height=\"10\"/><text x=\"").Raw(Number(lx + 14))
                .Raw("\" y=\"").Raw(Number(y + 21)).Raw("\">").Raw(names[i]).Raw("</text>");
            lx += 84;
        }

        w.Raw("\n</svg><figcaption>Each bar is one category; suppressed findings are shown in grey and do not count.</figcaption></figure>\n");
    }

    private static void Findings(Html w, Report report)
    {
        var baseline = report.Baseline is not null;
        w.Raw("<section id=\"findings\">\n<h2>Findings</h2>\n");
        w.Raw("<p class=\"note\">Every finding, suppressed ones included. Filter, search and sort below; each row gives the code, the evidence, the dependency path, the citation with its source's status, and the suppression.</p>\n");
        w.Raw("<div class=\"filters\" role=\"search\">\n");
        Select(w, "severity", "Severity", report.Findings.Select(f => f.Severity).Distinct(StringComparer.Ordinal).OrderBy(SeverityRank).ThenBy(s => s, StringComparer.Ordinal).Select(s => (s, s)));
        Select(w, "category", "Category", report.Findings.Select(f => f.Category).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).Select(c => (c, c)));
        var names = ProjectNames(report);
        Select(w, "project", "Project", report.Findings.Select(f => f.Project ?? string.Empty).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => p.Length == 0 ? (":none", "(outside every project)") : (p, names.TryGetValue(p, out var n) ? n : p)));
        Select(w, "confidence", "Confidence", report.Findings.Select(f => f.Confidence).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).Select(c => (c, c)));
        Select(w, "status", "Status", [("active", "not suppressed"), ("suppressed", "suppressed")]);
        if (baseline)
        {
            Select(w, "baseline", "Baseline", [(BaselineStates.New, BaselineStates.New), (BaselineStates.Unchanged, BaselineStates.Unchanged)]);
        }

        w.Raw("<label>Search<input id=\"filter-text\" type=\"search\" placeholder=\"file, entry, symbol, package, text\u2026\" autocomplete=\"off\"></label>\n");
        w.Raw("<button type=\"button\" id=\"filter-reset\">Reset</button>\n</div>\n");
        w.Raw("<p class=\"count\" id=\"findings-count\" aria-live=\"polite\">").Raw(Number(report.Findings.Count)).Raw(" findings</p>\n");
        w.Raw("<table class=\"findings\" id=\"findings-table\"><colgroup><col class=\"c-sev\"><col class=\"c-what\"><col class=\"c-loc\"><col class=\"c-cat\"><col class=\"c-cite\"><col class=\"c-sup\">");
        if (baseline)
        {
            w.Raw("<col class=\"c-base\">");
        }

        w.Raw("</colgroup>\n<thead><tr>");
        SortHeader(w, "severity", "Severity");
        SortHeader(w, "finding", "Finding and evidence");
        SortHeader(w, "location", "Location");
        SortHeader(w, "category", "Category");
        SortHeader(w, "citation", "Citation");
        SortHeader(w, "suppression", "Suppression");
        if (baseline)
        {
            SortHeader(w, "baseline", "Baseline");
        }

        w.Raw("</tr></thead>\n<tbody id=\"findings-body\"></tbody></table>\n");
        w.Raw("<noscript><p class=\"callout\">The findings table is drawn by this page's script, which is turned off; the totals above, and every other section, are complete without it.</p></noscript>\n");
        w.Raw("<div class=\"pager\"><button type=\"button\" id=\"findings-more\" hidden>Show more</button><button type=\"button\" id=\"findings-all\" hidden>Show all</button></div>\n</section>\n");
    }

    private static void Select(Html w, string id, string label, IEnumerable<(string Value, string Text)> options)
    {
        w.Raw("<label>").Text(label).Raw("<select id=\"filter-").Raw(id).Raw("\"><option value=\"\">all</option>");
        foreach (var (value, text) in options)
        {
            w.Raw("<option value=\"").Text(value).Raw("\">").Text(text).Raw("</option>");
        }

        w.Raw("</select></label>\n");
    }

    private static void SortHeader(Html w, string key, string label) =>
        w.Raw("<th data-sort=\"").Raw(key).Raw("\"><button type=\"button\" class=\"sort\">").Text(label).Raw("</button></th>");

    private static void Absent(Html w, Report report)
    {
        var absent = report.AbsentFindings ?? [];
        w.Raw("<section id=\"absent\">\n<h2>Absent findings</h2>\n<p class=\"note\">In the baseline (").Text(report.Baseline!.Path).Raw("), not in this scan: fixed, moved beyond recognition, or no longer scanned.</p>\n");
        if (absent.Count == 0)
        {
            w.Raw("<p class=\"empty\" data-absent=\"0\">None: every finding of the baseline is still there.</p>\n</section>\n");
            return;
        }

        w.Raw("<table class=\"compact\" id=\"absent-table\"><thead><tr><th>Severity</th><th>Finding</th><th>Location</th><th>Citation</th><th>Fingerprint</th></tr></thead><tbody>\n");
        foreach (var f in absent)
        {
            w.Raw("<tr><td><span class=\"badge sev-").Text(f.Severity).Raw("\">").Text(f.Severity).Raw("</span></td><td><div class=\"msg\">").Text(f.Message)
                .Raw("</div><div class=\"sub mono\">").Text(f.EntryId + " \u00b7 " + f.Id).Raw("</div></td><td class=\"path\">").Text(f.Location.ToString())
                .Raw("</td><td>").Text(f.Citation ?? f.Classification ?? string.Empty).Raw("</td><td class=\"mono\">").Text(f.Fingerprint).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table>\n</section>\n");
    }

    private static void Models(Html w, Report report)
    {
        w.Raw("<section id=\"models\">\n<h2>Model files</h2>\n");
        if (report.Models.Count == 0)
        {
            w.Raw("<p class=\"empty\">No model file was found.</p>\n</section>\n");
            return;
        }

        w.Raw("<p class=\"note\">Identified by their bytes, not their names; only headers are read.</p>\n");
        w.Raw("<table class=\"compact\" id=\"models-table\"><thead><tr><th>File</th><th>Kind</th><th class=\"num\">Size</th><th class=\"num\">Tensors</th><th class=\"num\">Parameters</th><th>Dtypes</th><th>sha256</th><th>Notes</th></tr></thead><tbody>\n");
        foreach (var m in report.Models)
        {
            w.Raw("<tr><td class=\"path\">").Text(m.Path).Raw("</td><td>").Text(m.Kind).Raw("</td><td class=\"num\">").Text(Size(m.Length))
                .Raw("</td><td class=\"num\">").Raw(m.TensorCount is { } t ? Number(t) : "\u2014").Raw("</td><td class=\"num\">").Raw(m.ParameterCount is { } p ? Number(p) : "\u2014")
                .Raw("</td><td>").Text(string.Join(", ", m.Dtypes)).Raw("</td><td class=\"mono path\">").Text(m.Sha256 ?? "not hashed").Raw("</td><td>");
            if (m.ItemType is not null)
            {
                w.Raw("<div class=\"sub\"><b>Item</b> ").Text(m.ItemType).Raw("</div>");
            }

            foreach (var name in new[] { "general.name", "general.architecture" })
            {
                if (m.Metadata.TryGetValue(name, out var value))
                {
                    w.Raw("<div class=\"sub\"><b>").Text(name).Raw("</b> ").Text(value).Raw("</div>");
                }
            }

            if (m.HashProblem is not null)
            {
                w.Raw("<div class=\"sub\">").Text(m.HashProblem).Raw("</div>");
            }

            if (m.HeaderProblem is not null)
            {
                w.Raw("<div class=\"sub\"><span class=\"badge expired\">header</span> ").Text(m.HeaderProblem).Raw("</div>");
            }

            w.Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table>\n</section>\n");
    }

    private static void Projects(Html w, Report report)
    {
        w.Raw("<section id=\"projects\">\n<h2>Projects</h2>\n");
        var source = report.Projects.Where(p => p.Mode != ScanModes.Semantic).ToList();
        if (source.Count > 0)
        {
            w.Raw("<div class=\"callout\" id=\"source-mode\"><b>").Raw(Number(source.Count)).Raw(source.Count == 1 ? " project was" : " projects were")
                .Raw(" not loaded semantically.</b> A project in source mode was scanned from its source: names that did not bind were matched through its usings (medium confidence), and its packages may not be resolved.<ul>");
            foreach (var p in source)
            {
                w.Raw("<li><span class=\"path\">").Text(p.Path).Raw("</span> <span class=\"badge mode-").Text(p.Mode).Raw("\">").Text(p.Mode).Raw("</span> ").Text(p.Reason ?? string.Empty).Raw("</li>");
            }

            w.Raw("</ul></div>\n");
        }
        else if (report.Projects.Count > 0)
        {
            w.Raw("<p class=\"callout ok\">Every project was loaded and bound semantically.</p>\n");
        }

        if (report.Projects.Count == 0)
        {
            w.Raw("<p class=\"empty\">No project was scanned.</p>\n</section>\n");
            return;
        }

        w.Raw("<table class=\"compact\" id=\"projects-table\"><thead><tr><th>Project</th><th>Mode</th><th>Target frameworks</th><th class=\"num\">C# files</th><th class=\"num\">Packages</th><th>Why not semantic</th></tr></thead><tbody>\n");
        foreach (var p in report.Projects)
        {
            w.Raw("<tr data-mode=\"").Text(p.Mode).Raw("\"><td><div class=\"msg\">").Text(p.Name).Raw("</div><div class=\"sub path\">").Text(p.Path).Raw("</div></td><td><span class=\"badge mode-")
                .Text(p.Mode).Raw("\">").Text(p.Mode).Raw("</span></td><td>").Text(string.Join(", ", p.TargetFrameworks)).Raw("</td><td class=\"num\">").Raw(Number(p.Files))
                .Raw("</td><td class=\"num\">").Raw(Number(p.Packages.Count)).Raw("</td><td>").Text(p.Reason ?? string.Empty).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table>\n</section>\n");
    }

    private static void Problems(Html w, Report report)
    {
        w.Raw("<section id=\"problems\">\n<h2>Problems</h2>\n");
        if (report.Problems.Count == 0)
        {
            w.Raw("<p class=\"callout ok\">None: everything found was analysed.</p>\n</section>\n");
            return;
        }

        var incomplete = report.Problems.Count(p => p.Incomplete);
        if (incomplete > 0)
        {
            w.Raw("<p class=\"callout\"><b>The scan is incomplete:</b> ").Raw(Number(incomplete)).Raw(incomplete == 1 ? " thing was" : " things were").Raw(" not analysed at all.</p>\n");
        }

        w.Raw("<table class=\"compact\" id=\"problems-table\"><thead><tr><th>ID</th><th>Level</th><th>Location</th><th>Message</th></tr></thead><tbody>\n");
        foreach (var p in report.Problems)
        {
            w.Raw("<tr><td class=\"mono\">").Text(p.Id).Raw("</td><td><span class=\"badge lvl-").Text(p.Level).Raw("\">").Text(p.Level).Raw("</span>")
                .Raw(p.Incomplete ? " <span class=\"badge expired\">not analysed</span>" : string.Empty).Raw("</td><td class=\"path\">").Text(p.Location.ToString())
                .Raw("</td><td>").Text(p.Message).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table>\n</section>\n");
    }

    private static void Entries(Html w, Report report)
    {
        w.Raw("<section id=\"entries\">\n<h2>Control-list entries</h2>\n");
        if (report.Entries.Count == 0)
        {
            w.Raw("<p class=\"empty\">No entry is referred to.</p>\n</section>\n");
            return;
        }

        w.Raw("<p class=\"note\">The entries the findings refer to, as the lists defined them on ").Text(report.AsOf).Raw(".</p>\n");
        w.Raw("<table class=\"compact\" id=\"entries-table\"><thead><tr><th>Entry</th><th>Severity</th><th>Classification</th><th>Source</th><th>Rationale</th></tr></thead><tbody>\n");
        foreach (var e in report.Entries)
        {
            w.Raw("<tr><td><div class=\"mono\">").Text(e.Id).Raw("</div><div class=\"sub\">").Text(e.ListId + " \u00b7 " + e.Category).Raw("</div></td><td><span class=\"badge sev-")
                .Text(e.Severity).Raw("\">").Text(e.Severity).Raw("</span></td><td><div class=\"msg\">").Text(e.Classification ?? "\u2014").Raw("</div><div class=\"sub\">")
                .Text(e.Citation ?? string.Empty).Raw("</div></td><td>");
            if (e.Source is { } s)
            {
                w.Raw("<div>").Text(s.Regulation + (s.Section is null ? string.Empty : " \u00a7 " + s.Section)).Raw("</div><div class=\"sub\"><span class=\"badge st-").Text(s.Status).Raw("\">")
                    .Text(s.Status).Raw("</span>").Text((s.StatusDate is null ? string.Empty : " since " + s.StatusDate) + (s.Effective is null ? string.Empty : " \u00b7 effective " + s.Effective)).Raw("</div>");
                if (s.Url is not null)
                {
                    w.Raw("<div class=\"sub path\">").Text(s.Url).Raw("</div>");
                }
            }
            else
            {
                w.Raw("<span class=\"empty\">none</span>");
            }

            w.Raw("</td><td>").Text(e.Rationale ?? string.Empty).Raw("</td></tr>\n");
        }

        w.Raw("</tbody></table>\n</section>\n");
    }

    // ---- the findings table's data --------------------------------------------------------------------------------

    /// <summary>
    /// The findings as compact JSON (short keys, nulls left out, each entry's source once), streamed into the page.
    /// <see cref="StringEscapeHandling.EscapeHtml"/> writes every <c>&lt; &gt; &amp; ' "</c> inside a string as a
    /// <c>\uXXXX</c> escape, so the block cannot end early or open a comment whatever the report holds.
    /// </summary>
    private static void Data(TextWriter output, Report report)
    {
        var entryIndex = new Dictionary<(string, string), int>();
        for (var i = 0; i < report.Entries.Count; i++)
        {
            entryIndex[(report.Entries[i].Id, report.Entries[i].ListId)] = i;
        }

        // How each project reaches each package (the shortest dependency path), for the package that provides an API.
        var paths = new Dictionary<(string, string), List<string>>();
        foreach (var project in report.Projects)
        {
            foreach (var package in project.Packages)
            {
                paths[(project.Path, package.Id.ToUpperInvariant())] = package.Path;
            }
        }

        var json = new JsonTextWriter(output) { Formatting = Formatting.None, StringEscapeHandling = StringEscapeHandling.EscapeHtml, CloseOutput = false, Culture = CultureInfo.InvariantCulture };
        json.WriteStartObject();
        json.WritePropertyName("baseline");
        json.WriteValue(report.Baseline is not null);
        json.WritePropertyName("projects");
        json.WriteStartObject();
        foreach (var p in report.Projects)
        {
            json.WritePropertyName(p.Path);
            json.WriteValue(p.Name);
        }

        json.WriteEndObject();
        json.WritePropertyName("entries");
        json.WriteStartArray();
        foreach (var e in report.Entries)
        {
            json.WriteStartObject();
            Property(json, "id", e.Id);
            Property(json, "reg", e.Source?.Regulation);
            Property(json, "sec", e.Source?.Section);
            Property(json, "status", e.Source?.Status);
            Property(json, "statusDate", e.Source?.StatusDate);
            Property(json, "effective", e.Source?.Effective);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("findings");
        json.WriteStartArray();
        foreach (var f in report.Findings)
        {
            json.WriteStartObject();
            Property(json, "id", f.Id);
            json.WritePropertyName("e");
            json.WriteValue(entryIndex.TryGetValue((f.EntryId, f.ListId), out var index) ? index : -1);
            Property(json, "entry", f.EntryId);
            Property(json, "list", f.ListId);
            Property(json, "cat", f.Category);
            Property(json, "sev", f.Severity);
            // The level is shown only when the policy made it differ from the severity (--fail-on warning or never).
            if (f.Level != Levels.Of(f.Severity, "error"))
            {
                Property(json, "lvl", f.Level);
            }

            Property(json, "conf", f.Confidence);
            Property(json, "cls", f.Classification);
            Property(json, "cit", f.Citation);
            Property(json, "st", f.SourceStatus);
            Property(json, "msg", f.Message);
            Property(json, "file", f.Location.File);
            json.WritePropertyName("line");
            json.WriteValue(f.Location.Line);
            json.WritePropertyName("col");
            json.WriteValue(f.Location.Column);
            Property(json, "proj", f.Project);
            if (f.Generated)
            {
                json.WritePropertyName("gen");
                json.WriteValue(true);
            }

            var evidence = f.Evidence;
            Property(json, "sym", evidence.Symbol);
            Property(json, "text", evidence.Text);
            Property(json, "snip", evidence.Snippet);
            if (evidence.Package is { } package)
            {
                json.WritePropertyName("pkg");
                json.WriteStartObject();
                Property(json, "id", package.Id);
                Property(json, "v", package.Version);
                json.WritePropertyName("direct");
                json.WriteValue(package.Direct);
                json.WritePropertyName("path");
                json.WriteStartArray();
                foreach (var step in package.Path)
                {
                    json.WriteValue(step);
                }

                json.WriteEndArray();
                Property(json, "file", package.File);
                json.WriteEndObject();
            }

            if (evidence.ModelFile is { } model)
            {
                json.WritePropertyName("model");
                json.WriteStartObject();
                Property(json, "kind", model.Kind);
                if (model.ParameterCount is { } parameters)
                {
                    json.WritePropertyName("params");
                    json.WriteValue(parameters);
                }

                if (model.TensorCount is { } tensors)
                {
                    json.WritePropertyName("tensors");
                    json.WriteValue(tensors);
                }

                Property(json, "sha", model.Sha256);
                json.WriteEndObject();
            }

            Property(json, "nro", evidence.NotRuledOut);
            if (evidence.Provider is { } provider)
            {
                json.WritePropertyName("prov");
                json.WriteStartObject();
                Property(json, "asm", provider.Assembly);
                Property(json, "pkg", provider.Package);
                Property(json, "v", provider.Version);
                if (provider.Package is not null && f.Project is not null && paths.TryGetValue((f.Project, provider.Package.ToUpperInvariant()), out var path))
                {
                    json.WritePropertyName("path");
                    json.WriteStartArray();
                    foreach (var step in path)
                    {
                        json.WriteValue(step);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            if (f.Suppression is { } s)
            {
                json.WritePropertyName("sup");
                json.WriteStartObject();
                Property(json, "kind", s.Kind);
                Property(json, "target", s.Target);
                Property(json, "just", s.Justification);
                Property(json, "until", s.Until);
                if (s.Expired)
                {
                    json.WritePropertyName("expired");
                    json.WriteValue(true);
                }

                json.WriteEndObject();
            }

            Property(json, "base", f.BaselineState);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static void Property(JsonTextWriter json, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Dictionary<string, string> ProjectNames(Report report)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in report.Projects)
        {
            names[p.Path] = p.Name;
        }

        return names;
    }

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Decimal(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? Number(bytes) + " bytes" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>Text for HTML content or a double-quoted attribute value.</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        new Html(new StringWriter(builder, CultureInfo.InvariantCulture)).Text(text);
        return builder.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlWriter).Assembly.GetManifestResourceStream("ExportLint.Reports.Html." + name)
            ?? throw new InvalidOperationException("the HTML report's resource " + name + " is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // A checkout with CRLF line endings must give the same page (and the same hashes).
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        return "sha256-" + Convert.ToBase64String(sha.ComputeHash(new UTF8Encoding(false).GetBytes(text)));
    }

    /// <summary>A writer of raw markup and of encoded text.</summary>
    private sealed class Html(TextWriter output)
    {
        public Html Raw(string markup)
        {
            output.Write(markup);
            return this;
        }

        public Html Text(string text)
        {
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var entity = text[i] switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    _ => null,
                };
                if (entity is null)
                {
                    continue;
                }

                if (i > start)
                {
                    output.Write(text.Substring(start, i - start));
                }

                output.Write(entity);
                start = i + 1;
            }

            if (start < text.Length)
            {
                output.Write(start == 0 ? text : text.Substring(start));
            }

            return this;
        }
    }
}
