namespace ExportLint.ControlLists.Matching;

/// <summary>
/// How a line of an orchestration text (a Kubernetes manifest, a Slurm script, a command line) is matched against a
/// list's string patterns: the whole line, trimmed, for patterns written for commands and directives
/// (<c>sbatch … --gres=gpu</c>, <c>#SBATCH -G 8</c>), and each token on it for exact and prefix patterns
/// (<c>nvidia.com/gpu</c>, an instance type), with the line's key as the member name when the line is
/// <c>key: value</c>. One rule for the CLI's text scan and for the analyzers' embedded documents and process command
/// lines, so the same text gives the same finding everywhere.
/// </summary>
public static class TextLineMatcher
{
    /// <summary>Whole-line patterns run on lines up to this length; longer lines are matched word by word only.</summary>
    public const int MaxWholeLine = 4096;

    private static readonly char[] Delimiters = [' ', '\t', '"', '\'', '`', '{', '}', '[', ']', '(', ')', ',', '=', ':', ';', '|', '&', '<', '>'];

    /// <summary>The preferred match on a line: the entry, the text that matched and its column (0-based), or null.</summary>
    /// <param name="list">The list.</param>
    /// <param name="line">One line, without its line break.</param>
    /// <param name="wholeLine">Whether whole-line patterns run (false for lines too long for them).</param>
    /// <param name="budget">A scan's regex budget (null: regexes run with their timeout only).</param>
    /// <param name="site">The caller's notion of where the line is, kept with a timeout.</param>
    public static (Entry Entry, string Text, int Column)? Match(ResolvedControlList list, string line, bool wholeLine, RegexBudget? budget = null, object? site = null)
    {
        (Entry Entry, string Text, int Column)? best = null;

        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
        {
            start++;
        }

        var trimmed = line.Substring(start).TrimEnd();
        if (wholeLine && MatchString(list, trimmed, StringContext.Any, null, budget, site) is { } whole)
        {
            best = (whole.Entry, trimmed, start);
        }

        // Each token, as a YAML key or value, a flag's value, an instance type: with the key as the member name when
        // the line is "key: value", so member-scoped patterns (instanceType: p5.48xlarge) apply as they do in code.
        string? key = null;
        var colon = trimmed.IndexOf(':');
        if (colon > 0)
        {
            key = trimmed.Substring(0, colon).Trim().TrimStart('-', ' ').Trim('"', '\'');
        }

        var position = 0;
        while (position < line.Length)
        {
            while (position < line.Length && Array.IndexOf(Delimiters, line[position]) >= 0)
            {
                position++;
            }

            var tokenStart = position;
            while (position < line.Length && Array.IndexOf(Delimiters, line[position]) < 0)
            {
                position++;
            }

            if (position == tokenStart)
            {
                continue;
            }

            var raw = line.Substring(tokenStart, position - tokenStart);
            var token = raw.TrimStart('-').TrimEnd('.');
            if (token.Length < 3)
            {
                continue;
            }

            var column = tokenStart + (raw.Length - raw.TrimStart('-').Length);
            if (key is not null && MatchString(list, token, StringContext.MemberValue, key, budget, site) is { } member
                && (best is null || list.IsPreferred(member.Entry, best.Value.Entry)))
            {
                best = (member.Entry, token, column);
            }

            if (MatchString(list, token, StringContext.Any, null, budget, site) is { } any
                && (best is null || list.IsPreferred(any.Entry, best.Value.Entry)))
            {
                best = (any.Entry, token, column);
            }
        }

        return best;
    }

    private static (Entry Entry, StringPattern Pattern)? MatchString(ResolvedControlList list, string value, StringContext context, string? memberName, RegexBudget? budget, object? site) =>
        budget is null ? list.MatchString(value, context, memberName) : list.MatchString(value, context, memberName, budget, site);

    /// <summary>
    /// Whether a string value is a document (text of several lines, or a JSON object or array) to be read line by line
    /// with <see cref="MatchDocument"/>, rather than one value.
    /// </summary>
    /// <param name="value">The value.</param>
    public static bool IsDocument(string value)
    {
        if (value.Length < 8)
        {
            return false;
        }

        if (value.IndexOf('\n') >= 0)
        {
            return true;
        }

        var first = 0;
        while (first < value.Length && char.IsWhiteSpace(value[first]))
        {
            first++;
        }

        return first < value.Length && value[first] is '{' or '[';
    }

    /// <summary>The preferred match on any line of a document (whole-line patterns on lines up to <see cref="MaxWholeLine"/>).</summary>
    /// <param name="list">The list.</param>
    /// <param name="value">The document.</param>
    /// <param name="budget">A scan's regex budget (null: regexes run with their timeout only).</param>
    /// <param name="site">The caller's notion of where the document is, kept with a timeout.</param>
    public static (Entry Entry, string Text)? MatchDocument(ResolvedControlList list, string value, RegexBudget? budget = null, object? site = null)
    {
        (Entry Entry, string Text)? best = null;
        var start = 0;
        while (start <= value.Length)
        {
            var end = value.IndexOf('\n', start);
            if (end < 0)
            {
                end = value.Length;
            }

            var line = value.Substring(start, end - start).TrimEnd('\r');
            if (line.Length > 0
                && Match(list, line, wholeLine: line.Length <= MaxWholeLine, budget, site) is { } match
                && (best is null || list.IsPreferred(match.Entry, best.Value.Entry)))
            {
                best = (match.Entry, match.Text);
            }

            start = end + 1;
        }

        return best;
    }
}
