using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists;

/// <summary>
/// String patterns indexed so that the common case, a constant no pattern is about, costs two dictionary
/// look-ups and a short scan of prefix and regex patterns (the analyzers meet every string literal). Of several
/// matches it returns the preferred one (<see cref="ResolvedControlList.IsPreferred"/>).
/// </summary>
internal sealed class StringIndex
{
    private readonly Dictionary<string, List<(Entry, StringPattern)>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Entry, StringPattern)>> _exactIgnoreCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Entry, StringPattern)> _scanned = [];
    private readonly ResolvedControlList _list;

    public StringIndex(ResolvedControlList list)
    {
        _list = list;
        foreach (var entry in list.Entries)
        {
            foreach (var pattern in entry.Match.Strings)
            {
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
                    _scanned.Add((entry, pattern));
                }
            }
        }

        IsEmpty = _exact.Count == 0 && _exactIgnoreCase.Count == 0 && _scanned.Count == 0;
    }

    public bool IsEmpty { get; }

    public (Entry Entry, StringPattern Pattern)? Match(string value, StringContext context, string? memberName, RegexBudget? budget = null, object? site = null)
    {
        if (IsEmpty || value.Length == 0)
        {
            return null;
        }

        (Entry Entry, StringPattern Pattern)? best = null;
        if (_exact.TryGetValue(value, out var exact))
        {
            Consider(exact, context, memberName, ref best);
        }

        if (_exactIgnoreCase.TryGetValue(value, out var folded))
        {
            Consider(folded, context, memberName, ref best);
        }

        foreach (var (entry, pattern) in _scanned)
        {
            if (!pattern.AppliesIn(context, memberName) || !_list.IsPreferred(entry, best?.Entry))
            {
                continue;
            }

            if (budget is not null && pattern.Kind == StringMatchKind.Regex && budget.IsOff(pattern))
            {
                budget.Skipped(pattern);
                continue;
            }

            if (budget is null)
            {
                if (pattern.IsMatch(value, out _))
                {
                    best = (entry, pattern);
                }

                continue;
            }

            var matched = pattern.IsMatch(value, out var timedOut, out var ticks);
            if (timedOut || (ticks > 0 && ticks >= budget.SlowRunTicks))
            {
                budget.Ran(entry, pattern, value, site, ticks, timedOut);
            }

            if (matched)
            {
                best = (entry, pattern);
            }
        }

        return best;
    }

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
