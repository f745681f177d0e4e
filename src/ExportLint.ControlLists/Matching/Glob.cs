namespace ExportLint.ControlLists.Matching;

/// <summary>
/// A wildcard pattern: <c>*</c> matches any run of characters, <c>?</c> one character. In path globs
/// (<see cref="IsPath"/>) <c>*</c> stops at '/', and <c>**</c> crosses folders. Matching allocates nothing.
/// </summary>
public sealed class Glob
{
    private readonly string _pattern;
    private readonly StringComparison _comparison;

    private Glob(string pattern, bool ignoreCase, bool isPath)
    {
        _pattern = isPath ? pattern.Replace('\\', '/') : pattern;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        IsPath = isPath;
        var wildcard = _pattern.IndexOfAny(WildcardCharacters);
        HasWildcards = wildcard >= 0;
        _literalPrefix = HasWildcards ? _pattern.Substring(0, wildcard) : _pattern;
        LiteralSuffix = HasWildcards ? _pattern.Substring(_pattern.LastIndexOfAny(WildcardCharacters) + 1) : _pattern;
    }

    // What every match must start with: most texts are ruled out by this one comparison before the matcher runs
    // (a package-content glob such as "runtimes/*/native/*cudart*" meets thousands of files in a large graph).
    private readonly string _literalPrefix;

    private static readonly char[] WildcardCharacters = ['*', '?'];

    /// <summary>What every match must end with: the pattern after its last wildcard (all of it when it has none).</summary>
    internal string LiteralSuffix { get; }

    /// <summary>The pattern as written.</summary>
    public string Pattern => _pattern;

    /// <summary>True when the pattern holds '*' or '?'.</summary>
    public bool HasWildcards { get; }

    /// <summary>True for a path glob, where '*' stays within a folder and '**' crosses them.</summary>
    public bool IsPath { get; }

    /// <summary>A glob over names (package ids, library names, symbol names).</summary>
    public static Glob ForName(string pattern, bool ignoreCase) => new(pattern, ignoreCase, isPath: false);

    /// <summary>A glob over '/'-separated paths; matching is case-insensitive.</summary>
    public static Glob ForPath(string pattern) => new(pattern, ignoreCase: true, isPath: true);

    /// <summary>Whether the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text)
    {
        if (!HasWildcards)
        {
            return string.Equals(_pattern, IsPath ? text.Replace('\\', '/') : text, _comparison);
        }

        var normalized = IsPath ? text.Replace('\\', '/') : text;
        return normalized.StartsWith(_literalPrefix, _comparison) && Match(_pattern, 0, normalized, 0);
    }

    // Iterative matcher with one back-tracking point for '*' (linear in practice). A path glob's '**' recurses
    // over the folder boundaries after it; the parser allows at most four of them, so the cost stays polynomial.
    private bool Match(string pattern, int p, string text, int t)
    {
        var starP = -1;
        var starT = -1;
        var ignoreCase = _comparison == StringComparison.OrdinalIgnoreCase;
        while (true)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                if (IsPath && p + 1 < pattern.Length && pattern[p + 1] == '*')
                {
                    return MatchDoubleStar(pattern, p, text, t);
                }

                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                starP = p;
                starT = t;
                continue;
            }

            if (t == text.Length)
            {
                return p == pattern.Length;
            }

            if (p < pattern.Length && (pattern[p] == '?' ? !(IsPath && text[t] == '/') : CharEquals(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
                continue;
            }

            // Back-track: the last '*' takes one more character (a path '*' never takes a '/').
            if (starP >= 0 && starT < text.Length && !(IsPath && text[starT] == '/'))
            {
                starT++;
                t = starT;
                p = starP;
                continue;
            }

            return false;
        }
    }

    // "**/" matches zero or more whole folders; a "**" not followed by '/' matches anything.
    private bool MatchDoubleStar(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        if (p < pattern.Length && pattern[p] == '/')
        {
            p++;
            for (var k = t; k <= text.Length; k++)
            {
                if ((k == t || text[k - 1] == '/') && Match(pattern, p, text, k))
                {
                    return true;
                }
            }

            return false;
        }

        for (var k = t; k <= text.Length; k++)
        {
            if (Match(pattern, p, text, k))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CharEquals(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    /// <inheritdoc />
    public override string ToString() => _pattern;
}
