using NuGet.Versioning;

namespace ExportLint.ControlLists.Matching;

/// <summary>A package pattern: an id glob (case-insensitive, as NuGet ids are) and an optional NuGet version range.</summary>
public sealed class PackagePattern
{
    /// <summary>Creates a pattern.</summary>
    public PackagePattern(string id, VersionRange? versions)
    {
        Id = Glob.ForName(id, ignoreCase: true);
        Versions = versions;
    }

    /// <summary>The id glob, e.g. <c>Microsoft.ML.OnnxRuntime.Gpu*</c>.</summary>
    public Glob Id { get; }

    /// <summary>The versions matched; null for every version.</summary>
    public VersionRange? Versions { get; }

    /// <summary>Whether a package id and version match.</summary>
    public bool Matches(string id, NuGetVersion? version) =>
        Id.IsMatch(id) && (Versions is null || version is null || Versions.Satisfies(version));

    /// <summary>The pattern as a reader sees it, e.g. <c>TorchSharp* [0.100.0, )</c>.</summary>
    public override string ToString() => Versions is null ? Id.Pattern : $"{Id.Pattern} {Versions.ToNormalizedString()}";
}
