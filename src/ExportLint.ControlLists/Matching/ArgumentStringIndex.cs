using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists;

/// <summary>
/// The string patterns that apply only as arguments of named methods (<see cref="StringContext.Argument"/>), e.g.
/// <c>"cuda:0"</c> given to <c>torch.device</c>. A caller first asks <see cref="MayBeSite"/> with the called method's
/// name (one hash look-up: almost every call is ruled out there), then <see cref="Match"/> with each argument's values.
/// </summary>
internal sealed class ArgumentStringIndex
{
    private readonly HashSet<string> _methodNames = new(StringComparer.Ordinal);
    private readonly bool _anyMethodGlob;
    private readonly (Entry Entry, StringPattern Pattern)[] _patterns;
    private readonly ResolvedControlList _list;

    public ArgumentStringIndex(ResolvedControlList list)
    {
        _list = list;
        var patterns = new List<(Entry, StringPattern)>();
        foreach (var entry in list.Entries)
        {
            foreach (var pattern in entry.Match.Strings)
            {
                if (pattern.Context != StringContext.Argument)
                {
                    continue;
                }

                patterns.Add((entry, pattern));
                foreach (var method in pattern.ArgumentOf)
                {
                    if (!method.MemberName.HasWildcards)
                    {
                        _methodNames.Add(method.MemberName.Pattern);
                    }
                    else
                    {
                        _anyMethodGlob = true;
                    }
                }
            }
        }

        _patterns = patterns.ToArray();
    }

    /// <summary>Whether no pattern applies to arguments.</summary>
    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>Whether a method of this name (<c>.ctor</c> for constructors) may be one whose arguments a pattern applies to.</summary>
    public bool MayBeSite(string methodName) => _patterns.Length > 0 && (_anyMethodGlob || _methodNames.Contains(methodName));

    /// <summary>The preferred entry whose argument pattern matches a value given to the parameter of a method.</summary>
    public (Entry Entry, StringPattern Pattern)? Match(string value, IReadOnlyList<string> typeChain, string methodName, string? parameterName, RegexBudget? budget, object? site)
    {
        (Entry Entry, StringPattern Pattern)? best = null;
        foreach (var (entry, pattern) in _patterns)
        {
            if (_list.IsPreferred(entry, best?.Entry)
                && pattern.AppliesToArgumentOf(typeChain, methodName, parameterName)
                && StringIndex.Try(entry, pattern, value, budget, site))
            {
                best = (entry, pattern);
            }
        }

        return best;
    }
}
