using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// A loaded control list as the analyzers use it: the resolved list, the text of each list file (to place problems),
/// and what kinds of patterns it has (so an analyzer with nothing to look for registers nothing). Matching, and the
/// choice among several matches, is the core's. Shared by every compilation with the same lists.
/// </summary>
internal sealed class AnalyzerControlList
{
    private readonly ConditionalWeakTable<Compilation, ApiMatcher> _matchers = new();

    public AnalyzerControlList(ResolvedControlList resolved, IReadOnlyDictionary<string, SourceText> texts, ImmutableArray<string> unreadable = default)
    {
        Resolved = resolved;
        Texts = texts;
        Unreadable = unreadable.IsDefault ? ImmutableArray<string>.Empty : unreadable;
        foreach (var entry in resolved.Entries)
        {
            HasStrings |= !entry.Match.Strings.IsDefaultOrEmpty;
            foreach (var pattern in entry.Match.Strings)
            {
                // Argument patterns are tried at the calls they name (ArgumentStringDetector), not at every use of a local.
                HasContextualStrings |= pattern.Context is ControlLists.Matching.StringContext.DictionaryKey or ControlLists.Matching.StringContext.MemberValue;
                HasArgumentStrings |= pattern.Context == ControlLists.Matching.StringContext.Argument;
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

    /// <summary>Lists the project named that the compiler could not read (reported as EXL1005; the default list does not replace them).</summary>
    public ImmutableArray<string> Unreadable { get; }

    /// <summary>
    /// <c>ExportLintControlList</c> as written, when it is set but no AdditionalFile is a list it named (a wildcard
    /// that matched nothing): reported as EXL1005; no default list is loaded in its place. Null otherwise.
    /// </summary>
    public string? NamedNoFile { get; init; }

    public bool HasStrings { get; }

    /// <summary>Whether any string pattern applies only in a context (a dictionary key, a named member's value).</summary>
    public bool HasContextualStrings { get; }

    /// <summary>Whether a string pattern applies only as an argument of named methods (e.g. <c>torch.device("cuda")</c>).</summary>
    public bool HasArgumentStrings { get; }

    public bool HasNativeLibraries { get; }

    public bool HasFiles { get; }

    public bool HasAssemblies { get; }

    public bool HasApis { get; }

    /// <summary>The symbol matcher of one compilation (its per-type cache lives as long as the compilation).</summary>
    public ApiMatcher MatcherFor(Compilation compilation) => _matchers.GetValue(compilation, _ => new ApiMatcher(this));

    /// <summary>The preferred entry whose string patterns match a constant in a context; the index answers the common "no" cheaply.</summary>
    public Entry? MatchString(string value, ControlLists.Matching.StringContext context, string? memberName, out ControlLists.Matching.StringPattern? pattern) =>
        MatchString(value, context, memberName, budget: null, site: null, out pattern);

    /// <summary>As above, within a compilation's regex budget; <paramref name="site"/> (the constant's syntax) is kept for a timeout's report.</summary>
    public Entry? MatchString(string value, ControlLists.Matching.StringContext context, string? memberName, ControlLists.Matching.RegexBudget? budget, SyntaxNode? site, out ControlLists.Matching.StringPattern? pattern)
    {
        var match = !HasStrings ? null
            : budget is null ? Resolved.MatchString(value, context, memberName)
            : Resolved.MatchString(value, context, memberName, budget, site);
        pattern = match?.Pattern;
        return match?.Entry;
    }

    /// <summary>The preferred entry naming a native library.</summary>
    public Entry? MatchNativeLibrary(string name) => HasNativeLibraries ? Resolved.MatchNativeLibrary(name)?.Entry : null;

    /// <summary>The preferred entry whose file patterns name a path written in code (threshold patterns never do).</summary>
    public Entry? MatchPath(string path) => HasFiles ? Resolved.MatchPathConstant(path)?.Entry : null;

    /// <summary>The preferred entry naming an assembly by simple name.</summary>
    public Entry? MatchAssembly(string simpleName) => HasAssemblies ? Resolved.MatchAssembly(simpleName) : null;
}
