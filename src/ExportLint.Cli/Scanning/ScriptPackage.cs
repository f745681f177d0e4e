using NuGet.Versioning;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// A package a C# script or notebook asks for with <c>#r "nuget: Id, Version"</c> (dotnet-script and .NET Interactive
/// write it so; the version may be left out, or be a range or a floating version such as <c>*-*</c>).
/// </summary>
internal sealed record ScriptPackage(string Id, NuGetVersion? Version, string? VersionText)
{
    /// <summary>The package of a <c>#r</c> reference, or null when it is not a <c>nuget:</c> one (a path to a DLL).</summary>
    public static ScriptPackage? Parse(string reference)
    {
        var text = reference.Trim();
        if (!text.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text.Substring("nuget:".Length);
        var comma = rest.IndexOf(',');
        var id = (comma < 0 ? rest : rest.Substring(0, comma)).Trim();
        var version = comma < 0 ? null : rest.Substring(comma + 1).Trim();
        if (id.Length == 0)
        {
            return null;
        }

        // An exact version is matched against the lists' ranges; a range or a floating version is matched as any version.
        return new ScriptPackage(id, NuGetVersion.TryParse(version, out var exact) ? exact : null, string.IsNullOrEmpty(version) ? null : version);
    }
}
