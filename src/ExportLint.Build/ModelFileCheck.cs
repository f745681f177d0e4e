using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.ModelFiles;
using Microsoft.Build.Framework;

namespace ExportLint.Build;

/// <summary>
/// Model files among the project's items (EXL0102): identified by their first bytes, their header read by the
/// core's bounded readers, matched with the lists' file patterns.
/// </summary>
internal static class ModelFileCheck
{
    private const int HeadLength = ModelFileSniffer.HeadLength;

    public static List<BuildFinding> Run(ResolvedControlList list, ITaskItem[] candidates, string projectDirectory)
    {
        var findings = new List<BuildFinding>();
        if (!list.Entries.Any(e => e.Match.Files.Length > 0))
        {
            return findings;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in candidates)
        {
            // Content that a package brings is the package's, not the project's: the package check covers it.
            if (!string.IsNullOrEmpty(item.GetMetadata("NuGetPackageId")))
            {
                continue;
            }

            var fullPath = item.GetMetadata("FullPath");
            if (string.IsNullOrEmpty(fullPath) || !seen.Add(fullPath) || !File.Exists(fullPath))
            {
                continue;
            }

            var relative = Relative(projectDirectory, fullPath);
            var (info, length) = Read(fullPath);
            foreach (var (entry, _) in list.MatchFile(relative, info))
            {
                if (entry.Severity == Severity.None)
                {
                    continue;
                }

                var itemType = item.GetMetadata("ExportLintItemType");
                var file = new ModelFileFinding
                {
                    Path = relative,
                    ItemType = itemType,
                    Kind = info is null ? "unknown" : ModelFileKinds.NameOf(info.Kind),
                    Length = length,
                    TensorCount = info?.TensorCount,
                    ParameterCount = info?.ParameterCount,
                };
                var counts = $"{file.Kind}, {Count(file.TensorCount)} tensors, {Count(file.ParameterCount)} parameters";
                var message = $"{entry.Message} ({relative}: {counts}; {itemType} item) — entry {entry.Id}, {entry.Citation}";
                findings.Add(new BuildFinding(DiagnosticIds.ModelFileItem, entry, message, FileLocation.Of(fullPath)) { ModelFile = file });
            }
        }

        return findings;
    }

    private static string Count(long? value) => value is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "unknown";

    private static (ModelFileInfo? Info, long Length) Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
            var head = new byte[HeadLength];
            var read = 0;
            while (read < head.Length)
            {
                var n = stream.Read(head, read, head.Length - read);
                if (n <= 0)
                {
                    break;
                }

                read += n;
            }

            var kind = ModelFileSniffer.Identify(new ReadOnlySpan<byte>(head, 0, read), Path.GetFileName(path));
            if (kind == ModelFileKind.Unknown)
            {
                return (null, stream.Length);
            }

            // The reader reads only the header and reports a damaged one as a problem; it never throws for content.
            stream.Position = 0;
            return (ModelFileReader.Read(stream, Path.GetFileName(path)), stream.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, 0);
        }
    }

    private static string Relative(string directory, string fullPath)
    {
        var root = directory.Replace('\\', '/').TrimEnd('/') + "/";
        var path = fullPath.Replace('\\', '/');
        return path.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? path.Substring(root.Length) : path;
    }
}
