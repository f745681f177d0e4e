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
    private readonly Lazy<NativeLibraryIndex> _native;
    private readonly Lazy<IReadOnlyDictionary<string, Entry>> _byId;

    internal ResolvedControlList(ImmutableArray<ControlList> lists, ImmutableArray<Entry> entries, ImmutableArray<Entry> inactiveEntries, ImmutableArray<Source> sources, ImmutableArray<ControlListProblem> problems)
    {
        Lists = lists;
        Entries = entries;
        InactiveEntries = inactiveEntries;
        Sources = sources;
        Problems = problems;
        _apis = new Lazy<ApiIndex>(() => new ApiIndex(Entries));
        _strings = new Lazy<StringIndex>(() => new StringIndex(Entries));
        _native = new Lazy<NativeLibraryIndex>(() => new NativeLibraryIndex(Entries));
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
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <summary>The symbol-pattern index.</summary>
    public ApiIndex Apis => _apis.Value;

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

    /// <summary>The first entry whose <c>packageContent</c> globs match a path inside a package, with the glob.</summary>
    public (Entry Entry, Glob Pattern)? MatchPackageContent(string pathInPackage)
    {
        foreach (var entry in Entries)
        {
            foreach (var glob in entry.Match.PackageContent)
            {
                if (glob.IsMatch(pathInPackage))
                {
                    return (entry, glob);
                }
            }
        }

        return null;
    }

    /// <summary>The first entry whose string patterns match a constant in a context; null when none does.</summary>
    public (Entry Entry, StringPattern Pattern)? MatchString(string value, StringContext context, string? memberName) =>
        _strings.Value.Match(value, context, memberName);

    /// <summary>The first entry whose native-library patterns match a library name as code spells it.</summary>
    public (Entry Entry, NativeLibraryPattern Pattern)? MatchNativeLibrary(string libraryName) => _native.Value.Match(libraryName);

    /// <summary>The first entry that names an assembly (by simple name) as controlled.</summary>
    public Entry? MatchAssembly(string assemblySimpleName)
    {
        foreach (var entry in Entries)
        {
            foreach (var name in entry.Match.Assemblies)
            {
                if (string.Equals(name, assemblySimpleName, StringComparison.OrdinalIgnoreCase))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    /// <summary>The entries whose file patterns match a model file found on disk.</summary>
    public IEnumerable<(Entry Entry, FilePattern Pattern)> MatchFile(string relativePath, ModelFileInfo? info)
    {
        foreach (var entry in Entries)
        {
            foreach (var pattern in entry.Match.Files)
            {
                if (pattern.Matches(relativePath, info))
                {
                    yield return (entry, pattern);
                    break;
                }
            }
        }
    }

    /// <summary>The first entry whose file patterns name a path written in code (by glob or usual extension).</summary>
    public (Entry Entry, FilePattern Pattern)? MatchPathConstant(string path)
    {
        foreach (var entry in Entries)
        {
            foreach (var pattern in entry.Match.Files)
            {
                if (pattern.MatchesPathOnly(path))
                {
                    return (entry, pattern);
                }
            }
        }

        return null;
    }
}
