using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists;

/// <summary>
/// String patterns indexed so that the common case, a constant no pattern is about, costs two dictionary
/// look-ups and a short scan of prefix and regex patterns (the analyzers meet every string literal).
/// </summary>
internal sealed class StringIndex
{
    private readonly Dictionary<string, List<(Entry, StringPattern)>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(Entry, StringPattern)>> _exactIgnoreCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Entry, StringPattern)> _scanned = [];

    public StringIndex(IEnumerable<Entry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var pattern in entry.Match.Strings)
            {
                if (pattern.Kind == StringMatchKind.Exact)
                {
                    var map = pattern.IgnoreCase ? _exactIgnoreCase : _exact;
                    if (!map.TryGetValue(pattern.Value, out var list))
                    {
                        map[pattern.Value] = list = [];
                    }

                    list.Add((entry, pattern));
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

    public (Entry Entry, StringPattern Pattern)? Match(string value, StringContext context, string? memberName)
    {
        if (IsEmpty || value.Length == 0)
        {
            return null;
        }

        if (_exact.TryGetValue(value, out var exact) && First(exact, context, memberName) is { } a)
        {
            return a;
        }

        if (_exactIgnoreCase.TryGetValue(value, out var folded) && First(folded, context, memberName) is { } b)
        {
            return b;
        }

        foreach (var (entry, pattern) in _scanned)
        {
            if (pattern.AppliesIn(context, memberName) && pattern.IsMatch(value, out _))
            {
                return (entry, pattern);
            }
        }

        return null;
    }

    private static (Entry, StringPattern)? First(List<(Entry, StringPattern)> candidates, StringContext context, string? memberName)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Item2.AppliesIn(context, memberName))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>Native-library patterns indexed by normalised name; glob patterns are scanned.</summary>
internal sealed class NativeLibraryIndex
{
    private readonly Dictionary<string, (Entry, NativeLibraryPattern)> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Entry, NativeLibraryPattern)> _globs = [];

    public NativeLibraryIndex(IEnumerable<Entry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var pattern in entry.Match.NativeLibraries)
            {
                if (pattern.Name.IndexOfAny(['*', '?']) >= 0)
                {
                    _globs.Add((entry, pattern));
                }
                else
                {
                    var key = NativeLibraryName.Normalize(pattern.Name);
                    if (!_byName.ContainsKey(key))
                    {
                        _byName[key] = (entry, pattern);
                    }
                }
            }
        }
    }

    public (Entry Entry, NativeLibraryPattern Pattern)? Match(string libraryName)
    {
        if (_byName.Count == 0 && _globs.Count == 0)
        {
            return null;
        }

        if (_byName.TryGetValue(NativeLibraryName.Normalize(libraryName), out var hit))
        {
            return hit;
        }

        foreach (var candidate in _globs)
        {
            if (candidate.Item2.Matches(libraryName))
            {
                return candidate;
            }
        }

        return null;
    }
}
