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
        var hasContentRules = list.Entries.Any(e => !e.Match.PackageContent.IsDefaultOrEmpty);
        foreach (var package in packages)
        {
            var matched = false;
            foreach (var (entry, _) in list.MatchPackage(package.Id, package.Version))
            {
                matched = true;
                if (!entry.Reports)
                {
                    continue;
                }

                var message = FindingMessage.Format(entry, $"{package.Id} {package.Version.ToNormalizedString()}; path: {package.PathText}; {string.Join(", ", package.Frameworks)}");
                findings.Add(new BuildFinding(DiagnosticIds.RestrictedPackage, entry, message, Locate(package, project, central, projectPath)) { Package = package });
            }

            if (matched || !hasContentRules)
            {
                continue;
            }

            foreach (var file in package.Files)
            {
                if (list.MatchPackageContent(file) is not { } content || !content.Entry.Reports)
                {
                    continue;
                }

                var entry = content.Entry;
                var message = FindingMessage.Format(entry, $"{package.Id} {package.Version.ToNormalizedString()} ships {file}; path: {package.PathText}; {string.Join(", ", package.Frameworks)}");
                findings.Add(new BuildFinding(DiagnosticIds.PackageShipsGpuBinaries, entry, message, Locate(package, project, central, projectPath)) { Package = package, PackageFile = file });
                break;
            }
        }

        return findings;
    }

    /// <summary>
    /// Where a package finding points: the PackageReference of the direct dependency that brings the package in
    /// (the package's own for a direct one), else its PackageVersion or GlobalPackageReference in
    /// Directory.Packages.props, else the project file.
    /// </summary>
    internal static FileLocation Locate(ResolvedPackage package, ProjectXmlLocations project, ProjectXmlLocations central, string projectPath)
    {
        var id = package.DirectDependency ?? package.Id;
        return project.Find("PackageReference", id)
            ?? project.Find("ProjectReference", id)
            ?? central.Find("GlobalPackageReference", id)
            ?? central.Find("PackageVersion", id)
            ?? FileLocation.Of(projectPath);
    }
}
