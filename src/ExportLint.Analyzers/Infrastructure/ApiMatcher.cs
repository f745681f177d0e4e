using System.Collections.Concurrent;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// Matches symbols against the list's API patterns for one compilation. Per type, the index is asked once and the
/// answer cached (most types: <see cref="TypeApiMatches.None"/>); after that a member costs one dictionary look-up
/// by name, with no allocation. Overloads are checked by parameter types only after a name hit.
/// </summary>
internal sealed class ApiMatcher
{
    private readonly AnalyzerControlList _list;
    // Every type met is looked up in a lock-free cache (one array read). Behind it, only the few types a pattern may
    // match (MayMatch) are kept for good; every other type is ruled out by its names, again after an eviction. A
    // ConcurrentDictionary of every type was measured slower: its inserts took locks the compiler's threads
    // contended for. Keyed by definitions, which Roslyn hands out as one object per symbol: reference equality is
    // exact here and far cheaper than SymbolEqualityComparer.
    private readonly SymbolCache<INamedTypeSymbol, TypeApiMatches> _recent = new(4096);
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeApiMatches> _types = new(ReferenceComparer.Instance);
    private readonly ConcurrentDictionary<ITypeSymbol, string[]> _chains = new(ReferenceComparer.Instance);
    private readonly Func<INamedTypeSymbol, TypeApiMatches> _forType;
    private readonly Func<INamedTypeSymbol, TypeApiMatches> _matchesOf;

    public ApiMatcher(AnalyzerControlList list)
    {
        _list = list;
        _forType = type => _list.Resolved.Apis.ForType(ChainOf(type));
        _matchesOf = type => MayMatch(type) ? _types.GetOrAdd(type, _forType) : TypeApiMatches.None;
    }

    /// <summary>
    /// The entry a referenced symbol falls under, and the controlled symbol it matched through (the symbol itself,
    /// the method an extension call was reduced from, or a member it overrides).
    /// </summary>
    public Entry? Match(ISymbol symbol, out ISymbol? matched)
    {
        matched = null;
        if (_list.Resolved.Apis.IsEmpty)
        {
            return null;
        }

        Entry? best = null;
        var current = symbol.Kind == SymbolKind.Method && ((IMethodSymbol)symbol).ReducedFrom is { } reduced ? reduced : symbol;
        current = current.OriginalDefinition;
        for (var depth = 0; current is not null && depth < 32; depth++)
        {
            var entry = MatchOne(current);
            if (entry is not null && _list.Resolved.IsPreferred(entry, best))
            {
                best = entry;
                matched = current;
            }

            // An override can only match through a base type the list names; most types have none, and asking
            // Roslyn for the overridden member is costly the first time (it searches the base types' members).
            if (!current.IsOverride || current.ContainingType is not { } containing || !HasControlledBase(containing))
            {
                break;
            }

            current = current switch
            {
                IMethodSymbol method => method.OverriddenMethod?.OriginalDefinition,
                IPropertySymbol property => property.OverriddenProperty?.OriginalDefinition,
                IEventSymbol @event => @event.OverriddenEvent?.OriginalDefinition,
                _ => null,
            };
        }

        return best;
    }

    /// <summary>Whether <paramref name="entry"/> is to be reported rather than <paramref name="best"/> (the list's rule).</summary>
    public bool IsPreferred(Entry entry, Entry? best) => _list.Resolved.IsPreferred(entry, best);

    private Entry? MatchOne(ISymbol symbol)
    {
        if (symbol.ContainingType is not { } type)
        {
            return null;
        }

        var matches = MatchesOf(type);
        if (matches.IsEmpty)
        {
            return null;
        }

        Entry? best = null;
        foreach (var target in matches.ForMember(symbol.Name))
        {
            Consider(target, symbol, ref best);
        }

        foreach (var target in matches.MemberGlobs)
        {
            if (target.Pattern.MemberName.IsMatch(symbol.Name))
            {
                Consider(target, symbol, ref best);
            }
        }

        foreach (var target in matches.WholeType)
        {
            Consider(target, symbol, ref best);
        }

        return best;
    }

    // Most types are ruled out by their names alone (no pattern is anchored on any of them), before their name chain
    // is built: one look-up per namespace and containing type, no allocation.
    private bool MayMatch(INamedTypeSymbol type)
    {
        var apis = _list.Resolved.Apis;
        if (apis.HasUnanchoredPatterns)
        {
            return true;
        }

        for (ISymbol? current = type; current is not null; current = current.ContainingSymbol)
        {
            if (current is INamespaceSymbol { IsGlobalNamespace: true })
            {
                break;
            }

            if (current is INamespaceOrTypeSymbol && apis.IsAnchor(current.Name))
            {
                return true;
            }
        }

        return false;
    }

    private TypeApiMatches MatchesOf(INamedTypeSymbol type) => _recent.GetOrAdd(type.OriginalDefinition, _matchesOf);

    private bool HasControlledBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (!MatchesOf(current).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private void Consider(ApiTarget target, ISymbol symbol, ref Entry? best)
    {
        if (target.Pattern.Parameters is { } parameters && !ParametersMatch(parameters, symbol))
        {
            return;
        }

        if (_list.Resolved.IsPreferred(target.Entry, best))
        {
            best = target.Entry;
        }
    }

    private bool ParametersMatch(System.Collections.Immutable.ImmutableArray<TypeNamePattern> patterns, ISymbol symbol)
    {
        var parameters = symbol switch
        {
            IMethodSymbol method => method.Parameters,
            IPropertySymbol property => property.Parameters,
            _ => default,
        };

        if (parameters.IsDefault || parameters.Length != patterns.Length)
        {
            return false;
        }

        for (var i = 0; i < patterns.Length; i++)
        {
            var type = parameters[i].Type;
            var rank = 0;
            while (type is IArrayTypeSymbol array)
            {
                rank++;
                type = array.ElementType;
            }

            if (!patterns[i].Matches(ChainOf(type), rank))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A type's name chain: namespace segments, then type names outer to inner, without generic arity.</summary>
    public string[] ChainOf(ITypeSymbol type) => _chains.GetOrAdd(type.OriginalDefinition, BuildChain);

    private static string[] BuildChain(ITypeSymbol type)
    {
        var names = new List<string>();
        for (ISymbol? current = type; current is not null; current = current.ContainingSymbol)
        {
            if (current is INamespaceSymbol { IsGlobalNamespace: true })
            {
                break;
            }

            if (current is INamespaceOrTypeSymbol)
            {
                names.Add(current.Name);
            }
        }

        names.Reverse();
        return names.ToArray();
    }

    /// <summary>How a controlled symbol reads in a message: <c>LLama.LLamaWeights.LoadFromFile</c>, <c>new Microsoft.ML.OnnxRuntime.InferenceSession</c>.</summary>
    public string Describe(ISymbol symbol)
    {
        var type = symbol.ContainingType is { } containing ? string.Join(".", ChainOf(containing)) : string.Empty;
        if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
        {
            return "new " + type;
        }

        return type.Length == 0 ? symbol.Name : type + "." + symbol.Name;
    }

    private sealed class ReferenceComparer : IEqualityComparer<ISymbol>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(ISymbol? x, ISymbol? y) => ReferenceEquals(x, y);

        public int GetHashCode(ISymbol obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
