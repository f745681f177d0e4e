using System.Collections.Immutable;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;
using ExportLint.ControlLists.ModelFiles;
using NuGet.Versioning;

namespace ExportLint.ControlLists;

/// <summary>
/// The effective control list: every list loaded and merged, overrides applied, disabled entries gone, sources
/// attached, with the matchers every surface shares. Built by <see cref="ControlListLoader"/>; immutable and
/// safe to share across threads.
/// </summary>
public sealed class ResolvedControlList
{
    private readonly Lazy<ApiIndex> _apis;
    private readonly Lazy<StringIndex> _strings;
    private readonly Lazy<ArgumentStringIndex> _arguments;
    private readonly Lazy<NativeLibraryIndex> _native;
    private readonly Lazy<PathIndex> _paths;
    private readonly Lazy<IReadOnlyDictionary<string, Entry>> _byId;
    private readonly Dictionary<Entry, int> _order = [];

    internal ResolvedControlList(ImmutableArray<ControlList> lists, ImmutableArray<Entry> entries, ImmutableArray<Entry> inactiveEntries, ImmutableArray<Source> sources, ImmutableArray<ControlListProblem> problems)
    {
        Lists = lists;
        Entries = entries;
        InactiveEntries = inactiveEntries;
        Sources = sources;
        Problems = problems;
        for (var i = 0; i < entries.Length; i++)
        {
            _order[entries[i]] = i;
        }

        _apis = new Lazy<ApiIndex>(() => new ApiIndex(Entries));
        _strings = new Lazy<StringIndex>(() => new StringIndex(this));
        _arguments = new Lazy<ArgumentStringIndex>(() => new ArgumentStringIndex(this));
        _native = new Lazy<NativeLibraryIndex>(() => new NativeLibraryIndex(this));
        _paths = new Lazy<PathIndex>(() => new PathIndex(this));
        _byId = new Lazy<IReadOnlyDictionary<string, Entry>>(() => Entries.Concat(InactiveEntries).ToDictionary(e => e.Id, StringComparer.Ordinal));
    }

    internal static ResolvedControlList Failed(IEnumerable<ControlListProblem> problems) =>
        new(ImmutableArray<ControlList>.Empty, ImmutableArray<Entry>.Empty, ImmutableArray<Entry>.Empty, ImmutableArray<Source>.Empty, problems.ToImmutableArray());

    /// <summary>The lists loaded, each after the lists it extends.</summary>
    public ImmutableArray<ControlList> Lists { get; }

    /// <summary>The entries in force, in the order they were defined.</summary>
    public ImmutableArray<Entry> Entries { get; }

    /// <summary>Entries not yet effective, or expired, on the day the list was loaded for.</summary>
    public ImmutableArray<Entry> InactiveEntries { get; }

    /// <summary>Every source, by id.</summary>
    public ImmutableArray<Source> Sources { get; }

    /// <summary>Everything wrong with the lists, sorted by file, line and column.</summary>
    public ImmutableArray<ControlListProblem> Problems { get; }

    /// <summary>True when any problem is an error.</summary>
    public bool HasErrors => Problems.Any(p => p.IsError);

    /// <summary>The symbol-pattern index.</summary>
    public ApiIndex Apis => _apis.Value;

    /// <summary>
    /// Of two entries that match one site, whether <paramref name="candidate"/> is the one to report: the higher
    /// severity, then the entry defined later (an organisation's overlay comes after the lists it extends, so it is
    /// the more specific). Every single-answer matcher here uses it, and so do the analyzers for symbols.
    /// </summary>
    public bool IsPreferred(Entry candidate, Entry? current)
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

    /// <summary>An entry by id (in force or not), or null.</summary>
    public Entry? FindEntry(string id) => _byId.Value.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>The entries whose package patterns match a package id and version, with the pattern that matched.</summary>
    public IEnumerable<(Entry Entry, PackagePattern Pattern)> MatchPackage(string id, NuGetVersion? version)
    {
        foreach (var entry in Entries)
        {
            foreach (var pattern in entry.Match.Packages)
            {
                if (pattern.Matches(id, version))
                {
                    yield return (entry, pattern);
                    break;
                }
            }
        }
    }

    /// <summary>The preferred entry whose <c>packageContent</c> globs match a path inside a package, with the glob.</summary>
    public (Entry Entry, Glob Pattern)? MatchPackageContent(string pathInPackage)
    {
        (Entry Entry, Glob Pattern)? best = null;
        foreach (var entry in Entries)
        {
            foreach (var glob in entry.Match.PackageContent)
            {
                if (glob.IsMatch(pathInPackage))
                {
                    if (IsPreferred(entry, best?.Entry))
                    {
                        best = (entry, glob);
                    }

                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The preferred entry whose string patterns match a constant in a context; null when none does.</summary>
    public (Entry Entry, StringPattern Pattern)? MatchString(string value, StringContext context, string? memberName) =>
        _strings.Value.Match(value, context, memberName);

    /// <summary>
    /// <see cref="MatchString(string, StringContext, string?)"/> within a scan's regex budget: a regex that times out
    /// is recorded there (with <paramref name="site"/>, the caller's notion of where the constant is) and, past the
    /// budget, not run again in that scan. The caller reports <see cref="RegexBudget.TimedOut"/>.
    /// </summary>
    public (Entry Entry, StringPattern Pattern)? MatchString(string value, StringContext context, string? memberName, RegexBudget budget, object? site) =>
        _strings.Value.Match(value, context, memberName, budget, site);

    /// <summary>Whether any string pattern applies only as an argument of named methods (<see cref="StringContext.Argument"/>).</summary>
    public bool HasArgumentStrings => !_arguments.Value.IsEmpty;

    /// <summary>
    /// Whether a method of this name (<c>.ctor</c> for a constructor, <c>op_Implicit</c> for a conversion) may be one
    /// whose arguments an argument pattern applies to: the cheap first test, before the type and the values are read.
    /// </summary>
    public bool MayTakeArgumentStrings(string methodName) => _arguments.Value.MayBeSite(methodName);

    /// <summary>
    /// The preferred entry whose argument pattern matches <paramref name="value"/> given to parameter
    /// <paramref name="parameterName"/> of the method <paramref name="methodName"/> of the type whose name chain
    /// (namespace segments, then type names outer to inner) is <paramref name="typeChain"/>; null when none does.
    /// </summary>
    public (Entry Entry, StringPattern Pattern)? MatchArgumentString(string value, IReadOnlyList<string> typeChain, string methodName, string? parameterName, RegexBudget? budget = null, object? site = null) =>
        _arguments.Value.Match(value, typeChain, methodName, parameterName, budget, site);

    /// <summary>The preferred entry whose native-library patterns match a library name as code spells it.</summary>
    public (Entry Entry, NativeLibraryPattern Pattern)? MatchNativeLibrary(string libraryName) => _native.Value.Match(libraryName);

    /// <summary>The preferred entry that names an assembly (by simple name) as controlled.</summary>
    public Entry? MatchAssembly(string assemblySimpleName)
    {
        Entry? best = null;
        foreach (var entry in Entries)
        {
            foreach (var name in entry.Match.Assemblies)
            {
                if (string.Equals(name, assemblySimpleName, StringComparison.OrdinalIgnoreCase) && IsPreferred(entry, best))
                {
                    best = entry;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The entries whose file patterns match a model file found on disk. An entry whose threshold could not be checked
    /// (the header gave no count) is returned too, as not ruled out (<see cref="FileMatch.IsCertain"/> false, with the
    /// reason): an unreadable header never turns into a clean result. A certain match of an entry is preferred to an
    /// uncertain one.
    /// </summary>
    public IEnumerable<FileMatch> MatchFile(string relativePath, ModelFileInfo? info)
    {
        foreach (var entry in Entries)
        {
            FileMatch? uncertain = null;
            FileMatch? certain = null;
            foreach (var pattern in entry.Match.Files)
            {
                var outcome = pattern.Evaluate(relativePath, info, out var uncertainty);
                if (outcome == FileMatchOutcome.Match)
                {
                    certain = new FileMatch(entry, pattern, null);
                    break;
                }

                if (outcome == FileMatchOutcome.NotRuledOut && uncertain is null)
                {
                    uncertain = new FileMatch(entry, pattern, uncertainty);
                }
            }

            if ((certain ?? uncertain) is { } match)
            {
                yield return match;
            }
        }
    }

    /// <summary>
    /// The preferred entry whose file patterns name a path written in code (by glob or usual extension), given to a
    /// general file API. Patterns with thresholds never match a bare path (see <see cref="FilePattern.MatchesPathOnly"/>).
    /// </summary>
    public (Entry Entry, FilePattern Pattern)? MatchPathConstant(string path) => _paths.Value.Match(path, this, PathConstantUse.FileApi);

    /// <summary>
    /// The preferred entry whose file patterns name a path written in code and given to a call of the kind
    /// <paramref name="use"/>: a match by a weak extension alone (<c>.pt</c>, <c>.pkl</c>, <c>.h5</c> …) needs a
    /// model-loading call or a model-like name (see <see cref="PathConstantEvidence"/>).
    /// </summary>
    public (Entry Entry, FilePattern Pattern)? MatchPathConstant(string path, PathConstantUse use) => _paths.Value.Match(path, this, use);
}

/// <summary>An entry whose file pattern matched a file on disk, certainly or as not ruled out.</summary>
public readonly struct FileMatch
{
    /// <summary>Creates a match; <paramref name="uncertainty"/> is null for a certain one.</summary>
    public FileMatch(Entry entry, FilePattern pattern, string? uncertainty)
    {
        Entry = entry;
        Pattern = pattern;
        Uncertainty = uncertainty;
    }

    /// <summary>The entry.</summary>
    public Entry Entry { get; }

    /// <summary>The pattern that matched.</summary>
    public FilePattern Pattern { get; }

    /// <summary>
    /// Null when the file certainly matches; else why it only could not be ruled out, e.g. <c>could not be ruled out:
    /// parameters &gt;= 1e10 could not be checked because the header could not be read whole (…)</c>.
    /// </summary>
    public string? Uncertainty { get; }

    /// <summary>Whether every part of the pattern, thresholds included, was checked and holds.</summary>
    public bool IsCertain => Uncertainty is null;

    /// <summary>Deconstructs into the entry and the pattern.</summary>
    public void Deconstruct(out Entry entry, out FilePattern pattern)
    {
        entry = Entry;
        pattern = Pattern;
    }
}
