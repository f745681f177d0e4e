using ExportLint.ControlLists.Matching;
using ExportLint.ControlLists.ModelFiles;

namespace ExportLint.ControlLists;

/// <summary>
/// The file patterns that can match a path written in code, with what every such path must end with. The analyzers
/// ask about every constant string given to a method (log messages, keys, SQL), and almost none ends like a model
/// file: one comparison of the last character rules those out, without the per-pattern normalising and glob runs.
/// A glob that ends in a wildcard (<c>**/*.mlpackage/**</c>) has no ending; every path it matches contains the
/// glob's longest literal run between wildcards and separators (<c>.mlpackage</c>), which is looked for instead, so
/// such a glob no longer sends every constant through the glob matcher (measured: over half of ExportLint's time
/// on Newtonsoft.Json's sources, docs/performance.md).
/// </summary>
internal sealed class PathIndex
{
    private readonly List<(Entry Entry, FilePattern Pattern)> _patterns = [];

    // Lower-cased file-name endings of which every match has one; null when some glob ends in a wildcard, so any
    // path may match.
    private readonly string[]? _endings;
    // Their last characters, when all endings are ASCII (the shipped ones are file extensions); else null.
    private readonly string? _lastCharacters;
    // For the globs that end in a wildcard: a text each of their matches contains, upper-cased as the glob compares
    // (char.ToUpperInvariant); a path that has none of these and none of the endings cannot match.
    private readonly string[] _contained = [];

    public PathIndex(ResolvedControlList list)
    {
        var endings = new HashSet<string>(StringComparer.Ordinal);
        var contained = new HashSet<string>(StringComparer.Ordinal);
        var anyEnding = false;
        foreach (var entry in list.Entries)
        {
            foreach (var pattern in entry.Match.Files)
            {
                if (!pattern.CanMatchPathOnly)
                {
                    continue;
                }

                _patterns.Add((entry, pattern));
                if (pattern.Glob is { } glob)
                {
                    // A path in code may use either separator, and the glob may be tried on the file name alone:
                    // only the part of the literal ending after its last '/' is certain.
                    var suffix = glob.LiteralSuffix;
                    suffix = suffix.Substring(suffix.LastIndexOf('/') + 1);
                    if (suffix.Length > 0)
                    {
                        endings.Add(AsciiLower(suffix));
                    }
                    else if (LongestLiteral(glob.Pattern) is { } literal)
                    {
                        contained.Add(literal);
                    }
                    else
                    {
                        anyEnding = true;
                    }
                }
                else if (pattern.Kind is { } kind)
                {
                    foreach (var extension in ModelFileKinds.ExtensionsOf(kind))
                    {
                        endings.Add(AsciiLower(extension));
                    }
                }
            }
        }

        IsEmpty = _patterns.Count == 0;
        if (!anyEnding)
        {
            _contained = contained.ToArray();
            _endings = endings.Where(e => e.Length > 0).ToArray();
            if (_endings.All(e => e.All(c => c < 128)))
            {
                _lastCharacters = new string(_endings.Select(e => e[e.Length - 1]).Distinct().ToArray());
            }
        }
    }

    public bool IsEmpty { get; }

    // Only ASCII letters are lowered: the endings are compared case-insensitively anyway, and the last-character
    // test is used only when every ending is ASCII.
    private static string AsciiLower(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= 'A' and <= 'Z')
            {
                chars[i] = (char)(chars[i] + 32);
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// The longest run of a path glob without wildcards or separators, upper-cased as <see cref="Glob"/> compares;
    /// null when there is none, or when it could come from the <c>x/</c> that <see cref="FilePattern.MatchesPathOnly"/>
    /// puts before a file name. The glob compares character by character, so every match holds the run whole.
    /// </summary>
    internal static string? LongestLiteral(string glob)
    {
        string? longest = null;
        foreach (var run in glob.Replace('\\', '/').Split('*', '?', '/'))
        {
            if (run.Length > (longest?.Length ?? 0))
            {
                longest = run;
            }
        }

        return longest is null || string.Equals(longest, "x", StringComparison.OrdinalIgnoreCase) ? null : longest.ToUpperInvariant();
    }

    public (Entry Entry, FilePattern Pattern)? Match(string path, ResolvedControlList list, PathConstantUse use)
    {
        if (IsEmpty || path.Length == 0 || !MayMatch(path))
        {
            return null;
        }

        (Entry Entry, FilePattern Pattern)? best = null;
        foreach (var (entry, pattern) in _patterns)
        {
            if ((best is null || best.Value.Entry != entry) && list.IsPreferred(entry, best?.Entry) && pattern.MatchesPathOnly(path) && PathConstantEvidence.Suffices(path, pattern, use))
            {
                best = (entry, pattern);
            }
        }

        return best;
    }

    private bool MayMatch(string path)
    {
        if (_endings is null)
        {
            return true;
        }

        if (EndsLikeAPattern(path, _endings))
        {
            return true;
        }

        foreach (var text in _contained)
        {
            if (ContainsUpper(path, text))
            {
                return true;
            }
        }

        return false;
    }

    private bool EndsLikeAPattern(string path, string[] endings)
    {
        // Endings are ASCII lower case here; a path's last character is folded to ASCII lower case only, so a
        // non-ASCII last character is never ruled out by this test (the patterns compare case-insensitively).
        var last = path[path.Length - 1];
        if (_lastCharacters is not null && last < 128 && _lastCharacters.IndexOf(last is >= 'A' and <= 'Z' ? (char)(last + 32) : last) < 0)
        {
            return false;
        }

        foreach (var ending in endings)
        {
            if (path.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Whether text holds upper (upper-cased) with the glob's comparison: char.ToUpperInvariant of each character.
    private static bool ContainsUpper(string text, string upper)
    {
        var first = upper[0];
        for (var i = 0; i <= text.Length - upper.Length; i++)
        {
            if (char.ToUpperInvariant(text[i]) != first)
            {
                continue;
            }

            var j = 1;
            while (j < upper.Length && char.ToUpperInvariant(text[i + j]) == upper[j])
            {
                j++;
            }

            if (j == upper.Length)
            {
                return true;
            }
        }

        return false;
    }
}
