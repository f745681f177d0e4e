using ExportLint.Build.Reporting;
using ExportLint.ControlLists;

namespace ExportLint.Build.Packages;

/// <summary>
/// Matches the resolved graph against the lists: restricted packages (EXL0100) once per package with its
/// frameworks grouped, and, for packages on no list, files that show GPU native binaries (EXL0101).
/// </summary>
internal static class PackageCheck
{
    public static List<BuildFinding> Run(ResolvedControlList list, List<ResolvedPackage> packages, ProjectXmlLocations project, ProjectXmlLocations central, string projectPath)
    {
        var findings = new List<BuildFinding>();
        // Most files of a graph cannot match any packageContent glob: a glob's literal start ("runtimes/") rules
        // them out with one comparison before the glob itself runs (thousands of files in a big graph).
        var prefixes = list.Entries.SelectMany(e => e.Match.PackageContent).Select(g => LiteralPrefix(g.Pattern)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var hasContentRules = prefixes.Length > 0;
        foreach (var package in packages)
        {
            var matched = false;
            foreach (var (entry, _) in list.MatchPackage(package.Id, package.Version))
            {
                matched = true;
                if (entry.Severity == Severity.None)
                {
                    continue;
                }

                var message = $"{entry.Message} ({package.Id} {package.Version.ToNormalizedString()}; path: {package.PathText}; {string.Join(", ", package.Frameworks)}) — entry {entry.Id}, {entry.Citation}";
                findings.Add(new BuildFinding(DiagnosticIds.RestrictedPackage, entry, message, Locate(package, project, central, projectPath)) { Package = package });
            }

            if (matched || !hasContentRules)
            {
                continue;
            }

            foreach (var file in package.Files)
            {
                if (!StartsWithAny(file, prefixes) || list.MatchPackageContent(file) is not { } content || content.Entry.Severity == Severity.None)
                {
                    continue;
                }

                var entry = content.Entry;
                var message = $"{entry.Message} ({package.Id} {package.Version.ToNormalizedString()} ships {file}; path: {package.PathText}; {string.Join(", ", package.Frameworks)}) — entry {entry.Id}, {entry.Citation}";
                findings.Add(new BuildFinding(DiagnosticIds.PackageShipsGpuBinaries, entry, message, Locate(package, project, central, projectPath)) { Package = package, PackageFile = file });
                break;
            }
        }

        return findings;
    }

    private static string LiteralPrefix(string glob)
    {
        var wildcard = glob.IndexOfAny(['*', '?']);
        return (wildcard < 0 ? glob : glob.Substring(0, wildcard)).Replace('\\', '/');
    }

    private static bool StartsWithAny(string file, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (file.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a package finding points: the PackageReference of the direct dependency that brings the package in
    /// (the package's own for a direct one), else its PackageVersion or GlobalPackageReference in
    /// Directory.Packages.props, else the project file.
    /// </summary>
    private static FileLocation Locate(ResolvedPackage package, ProjectXmlLocations project, ProjectXmlLocations central, string projectPath)
    {
        var id = package.DirectDependency ?? package.Id;
        return project.Find("PackageReference", id)
            ?? project.Find("ProjectReference", id)
            ?? central.Find("GlobalPackageReference", id)
            ?? central.Find("PackageVersion", id)
            ?? FileLocation.Of(projectPath);
    }
}
