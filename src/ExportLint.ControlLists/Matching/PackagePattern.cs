using NuGet.Versioning;

namespace ExportLint.ControlLists.Matching;

/// <summary>A package pattern: an id glob (case-insensitive, as NuGet ids are) and an optional NuGet version range.</summary>
public sealed class PackagePattern
{
    private readonly string? _versionsText;
    private VersionRange? _versions;

    /// <summary>Creates a pattern.</summary>
    public PackagePattern(string id, VersionRange? versions)
    {
        Id = Glob.ForName(id, ignoreCase: true);
        _versions = versions;
    }

    // For the compiled shipped lists: the range, already validated when the list was compiled, is parsed on first
    // use, so that a host that never matches packages (the analyzers) never loads NuGet.Versioning's parser.
    private PackagePattern(string id, string? versionsText, bool deferred)
    {
        Id = Glob.ForName(id, ignoreCase: true);
        _versionsText = deferred ? versionsText : null;
        _versions = deferred || versionsText is null ? null : VersionRange.Parse(versionsText);
    }

    internal static PackagePattern Precompiled(string id, string? versionsText) => new(id, versionsText, deferred: true);

    /// <summary>The id glob, e.g. <c>Microsoft.ML.OnnxRuntime.Gpu*</c>.</summary>
    public Glob Id { get; }

    /// <summary>The versions matched; null for every version.</summary>
    public VersionRange? Versions => _versions ??= _versionsText is null ? null : VersionRange.Parse(_versionsText);

    /// <summary>Whether a package id and version match.</summary>
    public bool Matches(string id, NuGetVersion? version) =>
        Id.IsMatch(id) && (Versions is null || version is null || Versions.Satisfies(version));

    /// <summary>The pattern as a reader sees it, e.g. <c>TorchSharp* [0.100.0, )</c>.</summary>
    public override string ToString() => Versions is null ? Id.Pattern : $"{Id.Pattern} {Versions.ToNormalizedString()}";
}
