using System.Collections.Immutable;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists;

/// <summary>What an entry matches. Any mix of the kinds may be given; an entry with none matches nothing.</summary>
public sealed class EntryMatch
{
    /// <summary>Matches nothing.</summary>
    public static readonly EntryMatch Empty = new(
        ImmutableArray<ApiPattern>.Empty,
        ImmutableArray<PackagePattern>.Empty,
        ImmutableArray<StringPattern>.Empty,
        ImmutableArray<NativeLibraryPattern>.Empty,
        ImmutableArray<FilePattern>.Empty,
        ImmutableArray<Glob>.Empty,
        ImmutableArray<string>.Empty);

    /// <summary>Creates a match.</summary>
    public EntryMatch(
        ImmutableArray<ApiPattern> apis,
        ImmutableArray<PackagePattern> packages,
        ImmutableArray<StringPattern> strings,
        ImmutableArray<NativeLibraryPattern> nativeLibraries,
        ImmutableArray<FilePattern> files,
        ImmutableArray<Glob> packageContent,
        ImmutableArray<string> assemblies)
    {
        Apis = apis;
        Packages = packages;
        Strings = strings;
        NativeLibraries = nativeLibraries;
        Files = files;
        PackageContent = packageContent;
        Assemblies = assemblies;
    }

    /// <summary>Symbol patterns (<c>apis:</c>).</summary>
    public ImmutableArray<ApiPattern> Apis { get; }

    /// <summary>Package ids and version ranges (<c>packages:</c>).</summary>
    public ImmutableArray<PackagePattern> Packages { get; }

    /// <summary>String constants (<c>strings:</c>).</summary>
    public ImmutableArray<StringPattern> Strings { get; }

    /// <summary>Native library names (<c>native:</c>).</summary>
    public ImmutableArray<NativeLibraryPattern> NativeLibraries { get; }

    /// <summary>Model files (<c>files:</c>).</summary>
    public ImmutableArray<FilePattern> Files { get; }

    /// <summary>Paths inside a package that give it away, e.g. <c>runtimes/*/native/*cudart*</c> (<c>packageContent:</c>).</summary>
    public ImmutableArray<Glob> PackageContent { get; }

    /// <summary>Assembly simple names loaded by name, e.g. <c>TorchSharp</c> (<c>assemblies:</c>).</summary>
    public ImmutableArray<string> Assemblies { get; }
}
