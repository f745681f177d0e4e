using System.Runtime.CompilerServices;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// A loaded control list as the analyzers use it: the resolved list, the text of each list file (to place problems),
/// what kinds of patterns it has (so an analyzer with nothing to look for registers nothing), and the order entries
/// were defined in (to choose among several matches). Shared by every compilation with the same lists.
/// </summary>
internal sealed class AnalyzerControlList
{
    private readonly Dictionary<Entry, int> _order = new(ReferenceEqualityComparer.Instance);
    private readonly ConditionalWeakTable<Compilation, ApiMatcher> _matchers = new();

    public AnalyzerControlList(ResolvedControlList resolved, IReadOnlyDictionary<string, SourceText> texts)
    {
        Resolved = resolved;
        Texts = texts;
        for (var i = 0; i < resolved.Entries.Length; i++)
        {
            var entry = resolved.Entries[i];
            _order[entry] = i;
            HasStrings |= !entry.Match.Strings.IsDefaultOrEmpty;
            foreach (var pattern in entry.Match.Strings)
            {
                HasContextualStrings |= pattern.Context != ControlLists.Matching.StringContext.Any;
            }

            HasNativeLibraries |= !entry.Match.NativeLibraries.IsDefaultOrEmpty;
            HasFiles |= !entry.Match.Files.IsDefaultOrEmpty;
            HasAssemblies |= !entry.Match.Assemblies.IsDefaultOrEmpty;
            HasApis |= !entry.Match.Apis.IsDefaultOrEmpty;
        }
    }

    public ResolvedControlList Resolved { get; }

    /// <summary>The text of each list given in AdditionalFiles, by path.</summary>
    public IReadOnlyDictionary<string, SourceText> Texts { get; }

    public bool HasStrings { get; }

    /// <summary>Whether any string pattern applies only in a context (a dictionary key, a named member's value).</summary>
    public bool HasContextualStrings { get; }

    public bool HasNativeLibraries { get; }

    public bool HasFiles { get; }

    public bool HasAssemblies { get; }

    public bool HasApis { get; }

    /// <summary>The symbol matcher of one compilation (its per-type cache lives as long as the compilation).</summary>
    public ApiMatcher MatcherFor(Compilation compilation) => _matchers.GetValue(compilation, _ => new ApiMatcher(this));

    /// <summary>
    /// Of two entries that match one site, the one to report: the higher severity, then the one defined last
    /// (an organisation's overlay comes after the lists it extends, so it is the more specific).
    /// </summary>
    public bool IsBetter(Entry candidate, Entry? current)
    {
        if (current is null)
        {
            return true;
        }

        if (candidate.Severity != current.Severity)
        {
            return candidate.Severity > current.Severity;
        }

        return OrderOf(candidate) > OrderOf(current);
    }

    private int OrderOf(Entry entry) => _order.TryGetValue(entry, out var index) ? index : -1;

    /// <summary>The best entry whose string patterns match a constant in a context; the index answers the common "no" cheaply.</summary>
    public Entry? MatchString(string value, ControlLists.Matching.StringContext context, string? memberName, out ControlLists.Matching.StringPattern? pattern)
    {
        pattern = null;
        if (!HasStrings || Resolved.MatchString(value, context, memberName) is not { } first)
        {
            return null;
        }

        // Rare: something matched. Look at every entry so that an overlay's entry wins over the default's.
        Entry? best = first.Entry;
        pattern = first.Pattern;
        foreach (var entry in Resolved.Entries)
        {
            foreach (var candidate in entry.Match.Strings)
            {
                if (candidate.AppliesIn(context, memberName) && candidate.IsMatch(value, out _) && IsBetter(entry, best))
                {
                    best = entry;
                    pattern = candidate;
                }
            }
        }

        return best;
    }

    /// <summary>The best entry naming a native library.</summary>
    public Entry? MatchNativeLibrary(string name)
    {
        if (!HasNativeLibraries || Resolved.MatchNativeLibrary(name) is not { } first)
        {
            return null;
        }

        var best = first.Entry;
        foreach (var entry in Resolved.Entries)
        {
            foreach (var pattern in entry.Match.NativeLibraries)
            {
                if (pattern.Matches(name) && IsBetter(entry, best))
                {
                    best = entry;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The best entry whose file patterns name a path written in code. Patterns with thresholds are skipped: a
    /// path shows no parameter count, and "10 billion parameters or more" must not be said of every .gguf name.
    /// </summary>
    public Entry? MatchPath(string path)
    {
        if (!HasFiles)
        {
            return null;
        }

        Entry? best = null;
        foreach (var entry in Resolved.Entries)
        {
            foreach (var pattern in entry.Match.Files)
            {
                if (pattern.Parameters is null && pattern.Tensors is null && pattern.MatchesPathOnly(path))
                {
                    if (IsBetter(entry, best))
                    {
                        best = entry;
                    }

                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The best entry naming an assembly by simple name.</summary>
    public Entry? MatchAssembly(string simpleName)
    {
        if (!HasAssemblies)
        {
            return null;
        }

        Entry? best = null;
        foreach (var entry in Resolved.Entries)
        {
            foreach (var name in entry.Match.Assemblies)
            {
                if (string.Equals(name, simpleName, StringComparison.OrdinalIgnoreCase) && IsBetter(entry, best))
                {
                    best = entry;
                }
            }
        }

        return best;
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<Entry>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(Entry? x, Entry? y) => ReferenceEquals(x, y);

        public int GetHashCode(Entry obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
