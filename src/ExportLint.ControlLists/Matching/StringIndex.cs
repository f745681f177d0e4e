using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists;

/// <summary>
/// String patterns indexed so that the common case, a constant no pattern is about, costs two dictionary look-ups
/// and one pass over the constant, however many patterns the lists hold (the analyzers meet every string literal).
/// Prefix and regex patterns are indexed by the first three characters (case-folded) of their prefix or of each text
/// the regex requires (<see cref="RegexLiterals"/>): a pass over the constant's three-character windows, behind a
/// 64 Ki-bit table of their first two characters, finds the few patterns worth trying; only patterns without such
/// text are tried on every constant. The candidates are tried in list order, as a scan of every pattern would, so
/// of several matches the same one is returned (<see cref="ResolvedControlList.IsPreferred"/>).
/// </summary>
internal sealed class StringIndex
{
    private const int KeyLength = 3;

    private readonly Dictionary<string, List<(Entry, StringPattern)>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Entry, StringPattern)>> _exactIgnoreCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly (Entry Entry, StringPattern Pattern)[] _scanned;
    private readonly int[] _always;
    private readonly int[] _ignoreCaseIndexed;
    private readonly Dictionary<ulong, int[]> _anywhere = [];
    private readonly Dictionary<ulong, int[]> _atStart = [];
    private readonly ulong[] _firstTwo = new ulong[65536 / 64];
    // The lengths of the exact patterns (equal strings, in any case, have equal lengths): most constants have none
    // of them and are not hashed at all, which for long ones (messages, SQL) cost more than the rest of the look-up.
    private readonly bool[] _exactLengths;
    private readonly ResolvedControlList _list;

    public StringIndex(ResolvedControlList list)
    {
        _list = list;
        var scanned = new List<(Entry, StringPattern)>();
        foreach (var entry in list.Entries)
        {
            foreach (var pattern in entry.Match.Strings)
            {
                if (pattern.Context == StringContext.Argument)
                {
                    // Tried only at the calls they name (ArgumentStringIndex), never on a constant on its own.
                    continue;
                }

                if (pattern.Kind == StringMatchKind.Exact)
                {
                    var map = pattern.IgnoreCase ? _exactIgnoreCase : _exact;
                    if (!map.TryGetValue(pattern.Value, out var same))
                    {
                        map[pattern.Value] = same = [];
                    }

                    same.Add((entry, pattern));
                }
                else
                {
                    scanned.Add((entry, pattern));
                }
            }
        }

        // Loops, not LINQ over ints: each generic instantiation over a value type is JIT-compiled in every build.
        var longest = -1;
        foreach (var key in _exact.Keys.Concat(_exactIgnoreCase.Keys))
        {
            longest = Math.Max(longest, key.Length);
        }

        _exactLengths = new bool[longest + 1];
        foreach (var key in _exact.Keys.Concat(_exactIgnoreCase.Keys))
        {
            _exactLengths[key.Length] = true;
        }

        _scanned = scanned.ToArray();
        var always = new List<int>();
        var ignoreCaseIndexed = new List<int>();
        var anywhere = new Dictionary<ulong, List<int>>();
        var atStart = new Dictionary<ulong, List<int>>();
        for (var i = 0; i < _scanned.Length; i++)
        {
            var pattern = _scanned[i].Pattern;
            if (pattern.Kind == StringMatchKind.Prefix)
            {
                if (pattern.Value.Length < KeyLength)
                {
                    always.Add(i);
                }
                else
                {
                    Add(atStart, Key(pattern.Value, 0), i);
                }

                continue;
            }

            var required = pattern.RequiredTextOrNull();
            if (required is null || required.Length == 0 || required.Any(r => r.Length < KeyLength))
            {
                always.Add(i);
                continue;
            }

            foreach (var text in required)
            {
                var key = Key(text, 0);
                Add(anywhere, key, i);
                MarkFirstTwo(text);
            }

            if (pattern.IgnoreCase)
            {
                ignoreCaseIndexed.Add(i);
            }
        }

        foreach (var pair in anywhere)
        {
            _anywhere[pair.Key] = Distinct(pair.Value);
        }

        foreach (var pair in atStart)
        {
            _atStart[pair.Key] = Distinct(pair.Value);
        }

        _always = always.ToArray();
        _ignoreCaseIndexed = ignoreCaseIndexed.ToArray();
        IsEmpty = _exact.Count == 0 && _exactIgnoreCase.Count == 0 && _scanned.Length == 0;
    }

    public bool IsEmpty { get; }

    // The indices in ascending order (as added), each once.
    private static int[] Distinct(List<int> indices)
    {
        var result = new List<int>(indices.Count);
        foreach (var index in indices)
        {
            if (result.Count == 0 || result[result.Count - 1] != index)
            {
                result.Add(index);
            }
        }

        return result.ToArray();
    }

    /// <summary>The prefix and regex patterns, in list order (the order candidates are tried in).</summary>
    internal IReadOnlyList<(Entry Entry, StringPattern Pattern)> Scanned => _scanned;

    public (Entry Entry, StringPattern Pattern)? Match(string value, StringContext context, string? memberName, RegexBudget? budget = null, object? site = null)
    {
        if (IsEmpty || value.Length == 0)
        {
            return null;
        }

        (Entry Entry, StringPattern Pattern)? best = null;
        if (value.Length < _exactLengths.Length && _exactLengths[value.Length])
        {
            if (_exact.TryGetValue(value, out var exact))
            {
                Consider(exact, context, memberName, ref best);
            }

            if (_exactIgnoreCase.TryGetValue(value, out var folded))
            {
                Consider(folded, context, memberName, ref best);
            }
        }

        if (_scanned.Length == 0)
        {
            return best;
        }

        var candidates = Candidates(value);
        if (candidates is null)
        {
            return best;
        }

        foreach (var index in candidates)
        {
            var (entry, pattern) = _scanned[index];
            if (!pattern.AppliesIn(context, memberName) || !_list.IsPreferred(entry, best?.Entry))
            {
                continue;
            }

            if (Try(entry, pattern, value, budget, site))
            {
                best = (entry, pattern);
            }
        }

        return best;
    }

    /// <summary>
    /// Whether one pattern matches, within the budget when one is given: a regex the budget has turned off is not run,
    /// and a run that timed out or was slow is recorded.
    /// </summary>
    internal static bool Try(Entry entry, StringPattern pattern, string value, RegexBudget? budget, object? site)
    {
        if (budget is null)
        {
            return pattern.IsMatch(value, out _);
        }

        return budget.Run(entry, pattern, value, site, out _);
    }

    /// <summary>
    /// The indices (into the scanned patterns, ascending and distinct) of the patterns that may match
    /// <paramref name="value"/>; null when none may. A superset of the patterns whose required text the value holds.
    /// </summary>
    internal IReadOnlyList<int>? Candidates(string value)
    {
        List<int>? found = null;
        if (_atStart.Count > 0 && value.Length >= KeyLength && _atStart.TryGetValue(Key(value, 0), out var prefixes))
        {
            (found ??= []).AddRange(prefixes);
        }

        if (_anywhere.Count > 0)
        {
            for (var i = 0; i + KeyLength <= value.Length; i++)
            {
                var two = (Fold(value[i]) << 8) ^ Fold(value[i + 1]);
                if ((_firstTwo[(two & 0xFFFF) >> 6] & (1UL << (two & 63))) == 0)
                {
                    continue;
                }

                if (_anywhere.TryGetValue(Key(value, i), out var hits))
                {
                    (found ??= []).AddRange(hits);
                }
            }

            // A case-insensitive regex also takes a few characters outside ASCII for ASCII letters: such a text is
            // left to those patterns, as StringPattern.MayMatch leaves it.
            if (_ignoreCaseIndexed.Length > 0 && value.IndexOfAny(StringPattern.CaseFoldsToAscii) >= 0)
            {
                (found ??= []).AddRange(_ignoreCaseIndexed);
            }
        }

        if (found is null)
        {
            // The common case: no indexed pattern may match, and no list is allocated.
            return _always.Length == 0 ? null : _always;
        }

        found.AddRange(_always);
        found.Sort();
        var distinct = 1;
        for (var i = 1; i < found.Count; i++)
        {
            if (found[i] != found[distinct - 1])
            {
                found[distinct++] = found[i];
            }
        }

        found.RemoveRange(distinct, found.Count - distinct);
        return found;
    }

    private void MarkFirstTwo(string text)
    {
        var two = (Fold(text[0]) << 8) ^ Fold(text[1]);
        _firstTwo[(two & 0xFFFF) >> 6] |= 1UL << (two & 63);
    }

    private static void Add(Dictionary<ulong, List<int>> map, ulong key, int index)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(index);
    }

    private static ulong Key(string text, int start) =>
        Fold(text[start]) | ((ulong)Fold(text[start + 1]) << 16) | ((ulong)Fold(text[start + 2]) << 32);

    // The folding OrdinalIgnoreCase compares with (simple upper-case mapping), fast for ASCII. Both the patterns'
    // text and the constants go through it, so a text an ordinal or ASCII-case-insensitive search finds is found.
    private static ushort Fold(char c) => c < 128 ? (ushort)(c is >= 'a' and <= 'z' ? c - 32 : c) : char.ToUpperInvariant(c);

    private void Consider(List<(Entry, StringPattern)> candidates, StringContext context, string? memberName, ref (Entry Entry, StringPattern Pattern)? best)
    {
        foreach (var (entry, pattern) in candidates)
        {
            if (pattern.AppliesIn(context, memberName) && _list.IsPreferred(entry, best?.Entry))
            {
                best = (entry, pattern);
            }
        }
    }
}

/// <summary>Native-library patterns indexed by normalised name; glob patterns are scanned.</summary>
internal sealed class NativeLibraryIndex
{
    private readonly Dictionary<string, List<(Entry, NativeLibraryPattern)>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Entry, NativeLibraryPattern)> _globs = [];
    private readonly ResolvedControlList _list;

    public NativeLibraryIndex(ResolvedControlList list)
    {
        _list = list;
        foreach (var entry in list.Entries)
        {
            foreach (var pattern in entry.Match.NativeLibraries)
            {
                if (pattern.Name.IndexOfAny(['*', '?']) >= 0)
                {
                    _globs.Add((entry, pattern));
                    continue;
                }

                var key = NativeLibraryName.Normalize(pattern.Name);
                if (!_byName.TryGetValue(key, out var named))
                {
                    _byName[key] = named = [];
                }

                named.Add((entry, pattern));
            }
        }
    }

    public (Entry Entry, NativeLibraryPattern Pattern)? Match(string libraryName)
    {
        if (_byName.Count == 0 && _globs.Count == 0)
        {
            return null;
        }

        (Entry Entry, NativeLibraryPattern Pattern)? best = null;
        if (_byName.TryGetValue(NativeLibraryName.Normalize(libraryName), out var named))
        {
            foreach (var (entry, pattern) in named)
            {
                if (_list.IsPreferred(entry, best?.Entry))
                {
                    best = (entry, pattern);
                }
            }
        }

        foreach (var (entry, pattern) in _globs)
        {
            if (_list.IsPreferred(entry, best?.Entry) && pattern.Matches(libraryName))
            {
                best = (entry, pattern);
            }
        }

        return best;
    }
}
