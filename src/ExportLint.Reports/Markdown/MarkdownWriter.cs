using System.Globalization;
using System.Text;

namespace ExportLint.Reports.Markdown;

/// <summary>
/// Writes a <see cref="Report"/> as GitHub-flavoured Markdown (<c>exportlint.md</c>), for a pull-request comment or a
/// job summary (<c>$GITHUB_STEP_SUMMARY</c>): the verdict, the counts, what the baseline comparison found, what could
/// not be analysed, the projects scanned from source, and the findings, most important first, grouped by baseline state,
/// severity and entry. The document never exceeds <see cref="MaxBytes"/> UTF-8 bytes (under GitHub's 65,536-character
/// comment limit whatever the text): what does not fit is counted in an "… and N more" line. What kept the scan from
/// being complete is shown before anything else, so truncation never hides it.
/// </summary>
/// <remarks>
/// Text from scanned code (messages, snippets, paths, symbols) is escaped: Markdown and HTML are shown, not rendered,
/// table cells stay one cell (pipes, newlines), <c>@name</c> mentions no one. Deterministic: the same report and context
/// give the same bytes (<c>\n</c> line endings, UTF-8 without a byte-order mark).
/// </remarks>
public static class MarkdownWriter
{
    /// <summary>The file name the CLI writes in its output folder.</summary>
    public const string FileName = "exportlint.md";

    /// <summary>GitHub's limit on a comment's body (characters; a UTF-8 byte count is never smaller).</summary>
    public const int GitHubCommentLimit = 65_536;

    /// <summary>The most the document takes, in UTF-8 bytes: under <see cref="GitHubCommentLimit"/> with room for a header a workflow adds.</summary>
    public const int MaxBytes = 64_000;

    /// <summary>Room kept for the "… and N more" lines and the footer, whatever came before them.</summary>
    private const int TrailerReserve = 1_200;

    private const int TextLimit = 240;
    private const int SnippetLimit = 120;
    private const int PathLimit = 180;

    /// <summary>Writes the document to a file (through a temporary file, so a reader never sees half of it).</summary>
    public static void Write(string path, Report report, ReportContext context)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToMarkdown(report, context), new UTF8Encoding(false));
        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
    }

    /// <summary>The document as text, at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static string ToMarkdown(Report report, ReportContext context, int maxBytes = MaxBytes)
    {
        var document = new Budget(maxBytes);
        var verdict = ReportVerdict.Of(report, context.FailOnNew);
        var active = report.Findings.Where(f => f.Suppression is null).ToList();

        // What must be there whatever the size: the verdict, the counts and what could not be analysed.
        document.Add(Headline(report, context, verdict, active));
        document.Add(Counts(report, active));
        Incomplete(document, report);

        Projects(document, report);
        var entries = new Dictionary<(string, string), ReportEntry>();
        foreach (var entry in report.Entries)
        {
            entries[(entry.Id, entry.ListId)] = entry;
        }

        Findings(document, report, active, entries);
        Absent(document, report);
        OtherProblems(document, report);
        document.Add(Footer());
        return document.ToString();
    }

    // ---- sections ---------------------------------------------------------------------------------------------------

    private static string Headline(Report report, ReportContext context, Verdict verdict, List<Finding> active)
    {
        var text = new StringBuilder("## ExportLint: ");
        var policy = $"`--fail-on {Text(report.FailOn, 16)}`" + (context.FailOnNew ? " `--fail-on-new`" : string.Empty);
        switch (verdict)
        {
            case Verdict.Incomplete:
                var incomplete = report.Problems.Count(p => p.Incomplete);
                text.Append("⚠️ incomplete\n\n**The scan is incomplete:** ").Append(Number(incomplete)).Append(incomplete == 1 ? " input" : " inputs")
                    .Append(" could not be analysed at all (below), so it is not clean whatever it found (exit code 3).");
                var failing = ReportVerdict.Failing(report, context.FailOnNew).Count();
                if (failing > 0)
                {
                    text.Append(" It also has ").Append(Number(failing)).Append(context.FailOnNew ? " new" : string.Empty).Append(failing == 1 ? " finding" : " findings")
                        .Append(" that fail under ").Append(policy).Append('.');
                }

                break;
            case Verdict.Fail:
                var count = ReportVerdict.Failing(report, context.FailOnNew).Count();
                text.Append("❌ fail\n\n**").Append(Number(count)).Append(context.FailOnNew ? " new" : string.Empty).Append(count == 1 ? " finding fails" : " findings fail")
                    .Append("** under ").Append(policy).Append(context.FailOnNew ? " (only findings new since the baseline count)." : ".");
                break;
            default:
                text.Append("✅ pass\n\n**No finding fails** under ").Append(policy)
                    .Append(report.FailOn == "never" ? " (no finding ever fails)" : context.FailOnNew ? " (only findings new since the baseline count)" : string.Empty)
                    .Append(", and everything was analysed.");
                if (active.Count > 0)
                {
                    text.Append(' ').Append(Number(active.Count)).Append(active.Count == 1 ? " finding is" : " findings are").Append(" listed below.");
                }

                break;
        }

        text.Append("\n\n<sub>ExportLint ").Append(Text(report.Tool.Version, 40)).Append(" (").Append(Text(report.Tool.Name, 40)).Append(") · as of ").Append(Text(report.AsOf, 20));
        if (report.Shard is { } shard)
        {
            text.Append(" · shard ").Append(Text(shard, 20));
        }

        if (report.ControlLists.Count > 0)
        {
            text.Append(" · lists: ").Append(Text(string.Join(", ", report.ControlLists.Take(8).Select(l => l.Id + (l.Version.Length > 0 ? " " + l.Version : string.Empty))), TextLimit));
            if (report.ControlLists.Count > 8)
            {
                text.Append(" and ").Append(Number(report.ControlLists.Count - 8)).Append(" more");
            }
        }

        if (report.Timestamp is { } timestamp)
        {
            text.Append(" · ").Append(Text(timestamp, 40));
        }

        return text.Append("</sub>\n\n").ToString();
    }

    private static string Counts(Report report, List<Finding> active)
    {
        var text = new StringBuilder();
        var categories = active.Select(f => f.Category).Distinct(StringComparer.Ordinal).OrderBy(c => c, StringComparer.Ordinal).ToList();
        if (categories.Count > 0)
        {
            text.Append("| category | error | warning | info | total |\n| --- | ---: | ---: | ---: | ---: |\n");
            foreach (var category in categories.Take(40))
            {
                var of = active.Where(f => f.Category == category).ToList();
                text.Append("| ").Append(Text(category, 60)).Append(" | ").Append(SeverityCount(of, "error")).Append(" | ").Append(SeverityCount(of, "warning"))
                    .Append(" | ").Append(SeverityCount(of, "info")).Append(" | ").Append(Number(of.Count)).Append(" |\n");
            }

            if (categories.Count > 40)
            {
                var rest = active.Where(f => !categories.Take(40).Contains(f.Category)).ToList();
                text.Append("| ").Append(Number(categories.Count - 40)).Append(" more categories | ").Append(SeverityCount(rest, "error")).Append(" | ").Append(SeverityCount(rest, "warning"))
                    .Append(" | ").Append(SeverityCount(rest, "info")).Append(" | ").Append(Number(rest.Count)).Append(" |\n");
            }

            text.Append("| **all** | ").Append(SeverityCount(active, "error")).Append(" | ").Append(SeverityCount(active, "warning")).Append(" | ")
                .Append(SeverityCount(active, "info")).Append(" | **").Append(Number(active.Count)).Append("** |\n\n");
        }

        var s = report.Summary;
        text.Append("**").Append(Number(active.Count)).Append(active.Count == 1 ? "** finding" : "** findings");
        if (report.Baseline is { } baseline)
        {
            var activeNew = active.Count(f => f.BaselineState == BaselineStates.New);
            text.Append(" (").Append(Number(activeNew)).Append(" new, ").Append(Number(active.Count - activeNew)).Append(" unchanged since the baseline `")
                .Append(Code(baseline.Path, PathLimit, fenced: false, inTable: false)).Append('`');
            if (baseline.Timestamp is { } then)
            {
                text.Append(" of ").Append(Text(then, 40));
            }

            text.Append("; ").Append(Number(baseline.Absent)).Append(" absent: no longer found)");
        }

        var incomplete = report.Problems.Count(p => p.Incomplete);
        text.Append(", ").Append(Number(report.Findings.Count - active.Count)).Append(" suppressed");
        if (s.ExpiredSuppressions > 0)
        {
            text.Append(" (").Append(Number(s.ExpiredSuppressions)).Append(" expired suppressions)");
        }

        text.Append("; ").Append(Number(report.Problems.Count)).Append(report.Problems.Count == 1 ? " problem" : " problems");
        if (incomplete > 0)
        {
            text.Append(" (").Append(Number(incomplete)).Append(" incomplete)");
        }

        var projects = report.Projects.Count;
        var source = report.Projects.Count(p => p.Mode == ScanModes.Source);
        var none = report.Projects.Count(p => p.Mode == ScanModes.None);
        text.Append(". ").Append(Number(projects)).Append(projects == 1 ? " project" : " projects").Append(" (").Append(Number(projects - source - none)).Append(" semantic, ")
            .Append(Number(source)).Append(" from source, ").Append(Number(none)).Append(" not analysed), ")
            .Append(Number(report.Projects.Sum(p => p.Files))).Append(" C# files, ").Append(Number(report.Models.Count)).Append(" model files, ")
            .Append(Number(report.Projects.Sum(p => p.Packages.Count))).Append(" packages.\n\n");
        return text.ToString();
    }

    /// <summary>Every incomplete problem, first; if even they do not fit in half the budget, a count of the rest.</summary>
    private static void Incomplete(Budget document, Report report)
    {
        var incomplete = report.Problems.Where(p => p.Incomplete).ToList();
        if (incomplete.Count == 0)
        {
            return;
        }

        document.Add($"### ⚠️ Not analysed ({Number(incomplete.Count)})\n\n| location | problem | message |\n| --- | --- | --- |\n");
        var shown = 0;
        var half = document.Limit / 2;
        foreach (var problem in incomplete)
        {
            if (!document.TryAdd(ProblemRow(problem), reserve: document.Limit - half))
            {
                break;
            }

            shown++;
        }

        document.Add(shown < incomplete.Count
            ? $"\n**… and {Number(incomplete.Count - shown)} more inputs not analysed** (see exportlint.json or exportlint.sarif).\n\n"
            : "\n");
    }

    private static void Projects(Budget document, Report report)
    {
        var projects = report.Projects.Where(p => p.Mode != ScanModes.Semantic).ToList();
        if (projects.Count == 0)
        {
            return;
        }

        var shown = 0;
        var header = $"### Projects not analysed semantically ({Number(projects.Count)})\n\n| project | mode | why |\n| --- | --- | --- |\n";
        foreach (var project in projects)
        {
            var row = $"| {Path(project.Path, 0)} | {Text(project.Mode, 16)} | {Text(project.Reason ?? string.Empty, TextLimit)} |\n";
            if (!document.TryAdd(shown == 0 ? header + row : row, document.Limit / 2))
            {
                break;
            }

            shown++;
        }

        More(document, shown, projects.Count, "projects not analysed semantically");
    }

    private static void Findings(Budget document, Report report, List<Finding> active, Dictionary<(string, string), ReportEntry> entries)
    {
        if (active.Count == 0)
        {
            document.Add(report.Findings.Count == 0 ? "No findings.\n\n" : "No findings but suppressed ones (listed in exportlint.json).\n\n");
            return;
        }

        var baselined = report.Baseline is not null;
        var ordered = active
            .Select((finding, index) => (finding, index))
            .OrderBy(x => baselined && x.finding.BaselineState != BaselineStates.New ? 1 : 0)
            .ThenBy(x => SeverityRank(x.finding.Severity))
            .ThenBy(x => x.finding.EntryId, StringComparer.Ordinal)
            .ThenBy(x => x.finding.ListId, StringComparer.Ordinal)
            .ThenBy(x => x.index)
            .Select(x => x.finding)
            .ToList();
        var newCount = active.Count(f => f.BaselineState == BaselineStates.New);

        var shown = 0;
        string? section = null;
        (string, string, string)? group = null;
        foreach (var finding in ordered)
        {
            var prefix = new StringBuilder();
            var thisSection = !baselined ? $"### Findings ({Number(active.Count)})"
                : finding.BaselineState == BaselineStates.New ? $"### New findings ({Number(newCount)})"
                : $"### Unchanged findings ({Number(active.Count - newCount)})";
            if (thisSection != section)
            {
                prefix.Append(shown == 0 ? string.Empty : "\n").Append(thisSection).Append("\n\n");
                group = null;
            }

            var thisGroup = (finding.Severity, finding.EntryId, finding.ListId);
            if (group != thisGroup)
            {
                if (group is not null)
                {
                    prefix.Append('\n');
                }

                entries.TryGetValue((finding.EntryId, finding.ListId), out var entry);
                prefix.Append(GroupHeading(finding, entry)).Append("| location | what | confidence | code |\n| --- | --- | --- | --- |\n");
            }

            if (!document.TryAdd(prefix.Append(FindingRow(finding)).ToString(), TrailerReserve))
            {
                break;
            }

            section = thisSection;
            group = thisGroup;
            shown++;
        }

        if (shown < active.Count)
        {
            var left = ordered.Skip(shown).ToList();
            var split = baselined ? $"{Number(left.Count(f => f.BaselineState == BaselineStates.New))} new, {Number(left.Count(f => f.BaselineState != BaselineStates.New))} unchanged; " : string.Empty;
            document.Add($"\n**… and {Number(active.Count - shown)} more findings** ({split}see exportlint.json or exportlint.sarif; this summary stays under GitHub's comment limit).\n\n");
        }
        else
        {
            document.Add("\n");
        }

        if (report.Findings.Count > active.Count)
        {
            document.TryAdd($"{Number(report.Findings.Count - active.Count)} suppressed findings are not listed (see exportlint.json).\n\n", TrailerReserve / 2);
        }
    }

    private static void Absent(Budget document, Report report)
    {
        if (report.AbsentFindings is not { Count: > 0 } absent)
        {
            return;
        }

        var header = $"### Absent since the baseline ({Number(absent.Count)})\n\nIn the baseline, no longer found.\n\n| location | entry | what |\n| --- | --- | --- |\n";
        var shown = 0;
        foreach (var finding in absent)
        {
            var row = $"| {Path(finding.Location.File, finding.Location.Line)} | {Code(finding.EntryId, 60)} | {Text(What(finding), TextLimit)} |\n";
            if (!document.TryAdd(shown == 0 ? header + row : row, TrailerReserve * 2 / 3))
            {
                break;
            }

            shown++;
        }

        More(document, shown, absent.Count, "absent findings");
    }

    private static void OtherProblems(Budget document, Report report)
    {
        var problems = report.Problems.Where(p => !p.Incomplete).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        var header = $"### Problems ({Number(problems.Count)})\n\n| location | problem | message |\n| --- | --- | --- |\n";
        var shown = 0;
        foreach (var problem in problems)
        {
            if (!document.TryAdd(shown == 0 ? header + ProblemRow(problem) : ProblemRow(problem), TrailerReserve / 3))
            {
                break;
            }

            shown++;
        }

        More(document, shown, problems.Count, "problems");
    }

    private static string Footer() => "<sub>Every finding, suppression and problem is in exportlint.json and exportlint.sarif.</sub>\n";

    // ---- rows -------------------------------------------------------------------------------------------------------

    private static string GroupHeading(Finding finding, ReportEntry? entry)
    {
        var heading = new StringBuilder("#### ").Append(SeverityMark(finding.Severity)).Append(' ').Append(Text(finding.Severity, 16)).Append(" · ");
        if (finding.EntryId.Length > 0)
        {
            heading.Append(Code(finding.EntryId, 80, fenced: true, inTable: false));
        }
        else
        {
            heading.Append(Code(finding.Id, 20, fenced: true, inTable: false));
        }

        var message = entry?.Message is { Length: > 0 } said ? said : Before(finding.Message, " (");
        heading.Append(" — ").Append(Text(message, 120));
        var citation = entry?.Citation ?? finding.Citation ?? entry?.Classification ?? finding.Classification;
        if (citation is { Length: > 0 })
        {
            heading.Append(" · ").Append(Text(citation, 120));
        }

        return heading.Append("\n\n").ToString();
    }

    private static string FindingRow(Finding finding)
    {
        var what = new StringBuilder(Text(What(finding), TextLimit));
        if (finding.Id.Length > 0)
        {
            what.Append(" (").Append(Text(finding.Id, 20)).Append(')');
        }

        if (finding.Generated)
        {
            what.Append(", generated code");
        }

        var code = finding.Evidence.Snippet is { Length: > 0 } snippet ? Code(snippet, SnippetLimit) : string.Empty;
        return $"| {Path(finding.Location.File, finding.Location.Line)} | {what} | {Text(finding.Confidence, 16)} | {code} |\n";
    }

    private static string ProblemRow(Problem problem) =>
        $"| {Path(problem.Location.File, problem.Location.Line)} | {Text(problem.Id, 20)} {Text(problem.Level, 16)} | {Text(problem.Message, TextLimit)} |\n";

    /// <summary>What gave a finding away: the symbol, the package and its path, the model file, the text, else the message.</summary>
    private static string What(Finding finding)
    {
        var evidence = finding.Evidence;
        if (evidence.Package is { } package)
        {
            var what = package.Id + " " + package.Version + (package.Direct ? " (direct)" : " (via " + string.Join(" → ", package.Path.Take(6)) + (package.Path.Count > 6 ? " → …" : string.Empty) + ")");
            return package.File is { Length: > 0 } file ? what + ": " + file : what;
        }

        if (evidence.ModelFile is { } model)
        {
            var what = model.Kind + " model file";
            if (model.ParameterCount is { } parameters)
            {
                what += ", " + parameters.ToString("N0", CultureInfo.InvariantCulture) + " parameters";
            }

            return evidence.NotRuledOut is { Length: > 0 } notRuledOut ? what + " (not ruled out: " + notRuledOut + ")" : what;
        }

        return evidence.Symbol ?? evidence.Text ?? finding.Message;
    }

    private static void More(Budget document, int shown, int total, string what)
    {
        document.Add(
            shown == total ? "\n"
            : shown == 0 ? $"\n**{Number(total)} {what} are not shown** (see exportlint.json; this summary stays under GitHub's comment limit).\n\n"
            : $"\n**… and {Number(total - shown)} more {what}** (see exportlint.json).\n\n");
    }

    // ---- text -------------------------------------------------------------------------------------------------------

    /// <summary>A location: a link to the relative path (and line); an absolute path is only shown.</summary>
    private static string Path(string file, int line)
    {
        if (file.Length == 0)
        {
            return string.Empty;
        }

        var slashed = file.Replace('\\', '/');
        var shown = Text(line > 0 ? slashed + ":" + line.ToString(CultureInfo.InvariantCulture) : slashed, PathLimit);
        if (slashed.StartsWith("/", StringComparison.Ordinal) || slashed.IndexOf(':') >= 0)
        {
            return shown;
        }

        var target = string.Join("/", slashed.Split('/').Select(Uri.EscapeDataString)).Replace("(", "%28").Replace(")", "%29");
        if (line > 0)
        {
            target += "#L" + line.ToString(CultureInfo.InvariantCulture);
        }

        return $"[{shown}]({target})";
    }

    /// <summary>
    /// Text shown as text in a table cell or heading: at most <paramref name="limit"/> characters (then "…"), one line,
    /// Markdown and HTML escaped, no <c>@mention</c>.
    /// </summary>
    internal static string Text(string text, int limit)
    {
        text = Shorten(text, limit);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '&': escaped.Append("&amp;"); break;
                case '|': escaped.Append("\\|"); break;
                case '@': escaped.Append("@\u2060"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~' or '!' or '$':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Text shown as code: a code span fenced by more backticks than it holds, one line; in a table, pipes escaped (GitHub
    /// splits cells before it reads code spans). <paramref name="fenced"/> false gives the inside only.
    /// </summary>
    internal static string Code(string text, int limit, bool fenced = true, bool inTable = true)
    {
        var shortened = Shorten(text, limit);
        var inside = new StringBuilder(shortened.Length);
        var run = 0;
        var longest = 0;
        foreach (var c in shortened)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
            inside.Append(c == '|' && inTable ? "\\|" : char.IsControl(c) ? " " : c.ToString());
        }

        var body = inside.ToString();
        if (!fenced)
        {
            return body.Replace("`", "'");
        }

        if (body.Trim().Length == 0)
        {
            return string.Empty;
        }

        var fence = new string('`', longest + 1);
        var pad = body.StartsWith("`", StringComparison.Ordinal) || body.EndsWith("`", StringComparison.Ordinal) ? " " : string.Empty;
        return fence + pad + body + pad + fence;
    }

    /// <summary>At most <paramref name="limit"/> characters, never splitting a surrogate pair; a lone surrogate becomes U+FFFD.</summary>
    private static string Shorten(string text, int limit)
    {
        var builder = new StringBuilder(Math.Min(text.Length, limit + 1));
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= limit)
            {
                return builder.Append('…').ToString();
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (builder.Length + 2 > limit)
                {
                    return builder.Append('…').ToString();
                }

                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c is '\r' or '\n' or '\t' ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    private static string Before(string text, string separator)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        return at > 0 ? text.Substring(0, at) : text;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string SeverityCount(List<Finding> findings, string severity) => Number(findings.Count(f => f.Severity == severity));

    private static int SeverityRank(string severity) => severity switch
    {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };

    private static string SeverityMark(string severity) => severity switch
    {
        "error" => "🛑",
        "warning" => "⚠️",
        _ => "ℹ️",
    };

    /// <summary>A document that counts its UTF-8 bytes and refuses what would take it past its limit.</summary>
    private sealed class Budget(int limit)
    {
        private readonly StringBuilder _text = new();

        public int Limit { get; } = limit;

        public int Bytes { get; private set; }

        /// <summary>Adds what must be there (the verdict, the counts, the "… and N more" lines), whatever its size.</summary>
        public void Add(string text)
        {
            _text.Append(text);
            Bytes += Encoding.UTF8.GetByteCount(text);
        }

        /// <summary>Adds <paramref name="text"/> when it leaves at least <paramref name="reserve"/> bytes free; else nothing.</summary>
        public bool TryAdd(string text, int reserve)
        {
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (Bytes + bytes + reserve > Limit)
            {
                return false;
            }

            _text.Append(text);
            Bytes += bytes;
            return true;
        }

        public override string ToString() => _text.ToString();
    }
}
