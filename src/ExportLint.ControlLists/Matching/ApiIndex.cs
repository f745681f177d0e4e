using System.Collections.Immutable;

namespace ExportLint.ControlLists.Matching;

/// <summary>One way an entry's symbol pattern can match: the pattern, the shape it is read as, and its entry.</summary>
public sealed class ApiTarget
{
    /// <summary>Creates a target.</summary>
    public ApiTarget(ApiPattern pattern, ApiPatternShape shape, Entry entry)
    {
        Pattern = pattern;
        Shape = shape;
        Entry = entry;
    }

    /// <summary>The pattern.</summary>
    public ApiPattern Pattern { get; }

    /// <summary>How it is read.</summary>
    public ApiPatternShape Shape { get; }

    /// <summary>The entry it belongs to.</summary>
    public Entry Entry { get; }
}

/// <summary>
/// Every symbol pattern of a control list, indexed by the name a type chain must contain. A caller asks once per
/// type (<see cref="ForType"/>) and caches the answer; after that a member is one dictionary look-up by name.
/// </summary>
public sealed class ApiIndex
{
    private readonly Dictionary<string, List<ApiTarget>> _byAnchor = new(StringComparer.Ordinal);
    private readonly List<ApiTarget> _unanchored = [];

    // Bit n is set when some anchor is n characters long (n < 64; longer names are always looked up).
    private readonly ulong _anchorLengths;

    /// <summary>Builds the index of the symbol patterns of the given entries.</summary>
    public ApiIndex(IEnumerable<Entry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var pattern in entry.Match.Apis)
            {
                foreach (var shape in pattern.Shapes)
                {
                    var target = new ApiTarget(pattern, shape, entry);
                    var anchor = pattern.AnchorFor(shape);
                    if (anchor is null)
                    {
                        _unanchored.Add(target);
                    }
                    else
                    {
                        if (!_byAnchor.TryGetValue(anchor, out var list))
                        {
                            _byAnchor[anchor] = list = [];
                            _anchorLengths |= anchor.Length < 64 ? 1UL << anchor.Length : 0;
                        }

                        list.Add(target);
                    }

                    Count++;
                }
            }
        }
    }

    /// <summary>How many targets the index holds.</summary>
    public int Count { get; }

    /// <summary>True when no entry has a symbol pattern.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>
    /// Whether a type whose chain holds no name for which <see cref="IsAnchor"/> is true can still match (some
    /// pattern has no literal name to be found by). When false, a caller can rule a type out by walking its names,
    /// without building the chain <see cref="ForType"/> takes.
    /// </summary>
    public bool HasUnanchoredPatterns => _unanchored.Count > 0;

    /// <summary>Whether some pattern can only match a type whose chain holds this name.</summary>
    /// <remarks>Asked for every namespace and type name around every member the analyzers meet: the lengths of the
    /// anchors rule out most names before the string is hashed.</remarks>
    public bool IsAnchor(string segment) =>
        (segment.Length >= 64 || (_anchorLengths & (1UL << segment.Length)) != 0) && _byAnchor.ContainsKey(segment);

    /// <summary>
    /// The patterns that can match members of one type, given as its chain of names: namespace segments, then
    /// type names from outer to inner. Costs one look-up per segment; cache the result per type.
    /// </summary>
    public TypeApiMatches ForType(IReadOnlyList<string> typeChain)
    {
        List<ApiTarget>? wholeType = null;
        Dictionary<string, List<ApiTarget>>? byMember = null;
        List<ApiTarget>? memberGlobs = null;

        void Consider(ApiTarget target)
        {
            if (!target.Pattern.MatchesTypeChain(typeChain, target.Shape))
            {
                return;
            }

            if (target.Shape != ApiPatternShape.Member)
            {
                (wholeType ??= []).Add(target);
            }
            else if (target.Pattern.MemberName.HasWildcards)
            {
                (memberGlobs ??= []).Add(target);
            }
            else
            {
                byMember ??= new Dictionary<string, List<ApiTarget>>(StringComparer.Ordinal);
                var name = target.Pattern.MemberName.Pattern;
                if (!byMember.TryGetValue(name, out var list))
                {
                    byMember[name] = list = [];
                }

                list.Add(target);
            }
        }

        HashSet<string>? seenAnchors = null;
        foreach (var segment in typeChain)
        {
            if (_byAnchor.TryGetValue(segment, out var candidates) && (seenAnchors ??= new HashSet<string>(StringComparer.Ordinal)).Add(segment))
            {
                foreach (var target in candidates)
                {
                    Consider(target);
                }
            }
        }

        foreach (var target in _unanchored)
        {
            Consider(target);
        }

        if (wholeType is null && byMember is null && memberGlobs is null)
        {
            return TypeApiMatches.None;
        }

        return new TypeApiMatches(
            wholeType?.ToImmutableArray() ?? ImmutableArray<ApiTarget>.Empty,
            byMember?.ToDictionary(p => p.Key, p => p.Value.ToImmutableArray(), StringComparer.Ordinal),
            memberGlobs?.ToImmutableArray() ?? ImmutableArray<ApiTarget>.Empty);
    }

    /// <summary>Whether a type (by its name chain) is named by any pattern: the type itself, a member of it, or a namespace around it.</summary>
    public Entry? EntryForTypeName(IReadOnlyList<string> typeChain)
    {
        var matches = ForType(typeChain);
        if (!matches.WholeType.IsDefaultOrEmpty)
        {
            return matches.WholeType[0].Entry;
        }

        return matches.AnyMember?.Entry;
    }
}

/// <summary>The patterns that can match the members of one type.</summary>
public sealed class TypeApiMatches
{
    private readonly Dictionary<string, ImmutableArray<ApiTarget>>? _byMember;

    /// <summary>No pattern touches the type: the common case, shared.</summary>
    public static readonly TypeApiMatches None = new(ImmutableArray<ApiTarget>.Empty, null, ImmutableArray<ApiTarget>.Empty);

    internal TypeApiMatches(ImmutableArray<ApiTarget> wholeType, Dictionary<string, ImmutableArray<ApiTarget>>? byMember, ImmutableArray<ApiTarget> memberGlobs)
    {
        WholeType = wholeType;
        _byMember = byMember;
        MemberGlobs = memberGlobs;
    }

    /// <summary>True when no member of the type can match.</summary>
    public bool IsEmpty => WholeType.IsEmpty && _byMember is null && MemberGlobs.IsEmpty;

    /// <summary>Patterns that match every member of the type.</summary>
    public ImmutableArray<ApiTarget> WholeType { get; }

    /// <summary>Member patterns whose member name has wildcards.</summary>
    public ImmutableArray<ApiTarget> MemberGlobs { get; }

    internal ApiTarget? AnyMember => _byMember?.Values.First()[0] ?? (MemberGlobs.IsEmpty ? null : MemberGlobs[0]);

    /// <summary>The member patterns for one member name, without allocating.</summary>
    public ImmutableArray<ApiTarget> ForMember(string memberName) =>
        _byMember is not null && _byMember.TryGetValue(memberName, out var targets) ? targets : ImmutableArray<ApiTarget>.Empty;
}
