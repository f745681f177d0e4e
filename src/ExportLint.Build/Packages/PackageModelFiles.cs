using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.ModelFiles;
using NuGet.ProjectModel;

namespace ExportLint.Build.Packages;

/// <summary>
/// Model files a package brings (EXL0102), e.g. <c>contentFiles/any/any/models/weights.gguf</c>: each file the
/// assets file lists for a package is read from the package's folder (a package folder of the assets file + the
/// library's path) and identified by its bytes, as project items are, unless its name says it cannot be a model
/// (<see cref="CannotBeModel"/>). An <c>.xml</c> file is read too, since an OpenVINO IR topology is one, but it counts
/// only when <see cref="ModelFileSniffer"/> identifies it (<see cref="CountsOnlyWhenIdentified"/>). A finding carries the package and its dependency path and is located at the
/// <c>PackageReference</c>, as EXL0100 is. A file or package folder that cannot be read is EXL0107, never skipped.
/// </summary>
internal static class PackageModelFiles
{
    /// <summary>The item type model-file evidence gives a file that a package brings.</summary>
    public const string ItemType = "PackageFile";

    // Files that are structurally something else: assemblies and native libraries, package metadata and signatures,
    // MSBuild files, documentation, source and images. Their bytes are not read. Everything else is, whatever its name.
    // ".xml" is not here: an OpenVINO IR model is an .xml topology beside an unsigned .bin of weights.
    private static readonly HashSet<string> NotModelExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".dll", ".exe", ".so", ".dylib", ".a", ".lib", ".pdb", ".winmd", ".nuspec", ".p7s", ".psmdcp", ".rels",
        ".sha512", ".nupkg", ".metadata", ".targets", ".props", ".md", ".txt", ".json", ".cs", ".vb", ".fs", ".png",
        ".jpg", ".jpeg", ".gif", ".svg", ".ico",
    };

    /// <summary>
    /// Whether a file in a package is not read for model weights by its name alone: an extension in the list above,
    /// a versioned shared library (<c>libcudart.so.12</c>), or the empty <c>_._</c> placeholder.
    /// </summary>
    public static bool CannotBeModel(string pathInPackage)
    {
        var name = pathInPackage.Substring(pathInPackage.Replace('\\', '/').LastIndexOf('/') + 1);
        return name == "_._"
            || NotModelExtensions.Contains(Path.GetExtension(name))
            || name.Split('.').Skip(1).Any(part => part.Equals("so", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether a file in a package is reported only when its bytes identify a model. Most <c>.xml</c> files a package
    /// carries are documentation (<c>lib/net8.0/Acme.xml</c>): their first bytes are read, and only an OpenVINO IR
    /// topology (an XML document whose root is <c>&lt;net&gt;</c>, the sniffer the project items use) counts, so a
    /// list's glob on <c>*.xml</c> does not make every documentation file a model file.
    /// </summary>
    public static bool CountsOnlyWhenIdentified(string pathInPackage) =>
        string.Equals(Path.GetExtension(pathInPackage), ".xml", StringComparison.OrdinalIgnoreCase);

    public static void Run(ResolvedControlList list, LockFile lockFile, List<ResolvedPackage> packages, Func<ResolvedPackage, FileLocation> locate,
        Func<string, Stream> open, List<BuildFinding> findings, ReportData report)
    {
        if (!list.Entries.Any(e => e.Match.Files.Length > 0))
        {
            return;
        }

        var folders = (lockFile.PackageFolders ?? []).Select(f => f.Path).Where(p => !string.IsNullOrEmpty(p)).ToList();
        foreach (var package in packages)
        {
            var files = package.Files.Where(f => !CannotBeModel(f)).ToList();
            if (files.Count == 0)
            {
                continue;
            }

            var location = locate(package);
            var root = FolderOf(package, folders);
            if (root is null)
            {
                report.Add(DiagnosticIds.FileUnreadable, LogLevel.Warning, location,
                    $"ExportLint could not find the folder of {Name(package)} ('{package.LibraryPath}') in the package folders ({string.Join(", ", folders)}), so its files were not checked for model weights; run a restore");
                continue;
            }

            foreach (var file in files)
            {
                Check(list, package, file, root, location, open, findings, report);
            }
        }
    }

    private static void Check(ResolvedControlList list, ResolvedPackage package, string file, string root, FileLocation location,
        Func<string, Stream> open, List<BuildFinding> findings, ReportData report)
    {
        // The assets file is not trusted: a file entry may not lead out of its package's folder.
        var fullPath = Path.GetFullPath(Path.Combine(root, file));
        if (!fullPath.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            report.Add(DiagnosticIds.FileUnreadable, LogLevel.Warning, location, Unreadable(package, file, "its path leads out of the package's folder, so it was not opened"));
            return;
        }

        if (!File.Exists(fullPath))
        {
            report.Add(DiagnosticIds.FileUnreadable, LogLevel.Warning, location, Unreadable(package, file, $"it is not in the package's folder ({root})"));
            return;
        }

        ModelFileInfo? info;
        long length;
        try
        {
            (info, length) = ModelFileCheck.Read(fullPath, open);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            report.Add(DiagnosticIds.FileUnreadable, LogLevel.Warning, location, Unreadable(package, file, ex.Message));
            return;
        }

        if (info is null && CountsOnlyWhenIdentified(file))
        {
            return;
        }

        foreach (var match in list.MatchFile(file, info))
        {
            var entry = match.Entry;
            if (!entry.Reports)
            {
                continue;
            }

            var model = ModelFileFinding.Of(file, fullPath, ItemType, info, length, match.Uncertainty);
            var message = FindingMessage.Format(entry, FindingMessage.ModelFile(
                $"{Name(package)} ships {file}", model.Kind, model.TensorCount, model.ParameterCount, $"path: {package.PathText}; {string.Join(", ", package.Frameworks)}", match.Uncertainty));
            findings.Add(new BuildFinding(DiagnosticIds.ModelFileItem, entry, message, location) { Package = package, PackageFile = file, ModelFile = model });
        }
    }

    private static string? FolderOf(ResolvedPackage package, List<string> folders)
    {
        if (string.IsNullOrEmpty(package.LibraryPath))
        {
            return null;
        }

        foreach (var folder in folders)
        {
            var candidate = Path.GetFullPath(Path.Combine(folder, package.LibraryPath));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Name(ResolvedPackage package) => package.Id + " " + package.Version.ToNormalizedString();

    private static string Unreadable(ResolvedPackage package, string file, string reason) =>
        $"ExportLint could not read '{file}' of {Name(package)}, so it was not checked for model weights: {reason}";
}
