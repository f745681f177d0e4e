using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.IO;
using ExportLint.ControlLists.ModelFiles;
using Microsoft.Build.Framework;

namespace ExportLint.Build;

/// <summary>
/// Model files among the project's items (EXL0102): identified by their first bytes, their header read by the
/// core's bounded readers, matched with the lists' file patterns. A file that cannot be read is not skipped: it is
/// reported (EXL0107) with the reason. A threshold the header gave no count for matches as "could not be ruled out".
/// </summary>
internal static class ModelFileCheck
{
    private const int HeadLength = ModelFileSniffer.HeadLength;

    /// <summary>What the check found, and the files it could not read.</summary>
    internal sealed class Result
    {
        public List<BuildFinding> Findings { get; } = [];

        public List<(string Path, FileLocation Location, string Reason)> Unreadable { get; } = [];
    }

    /// <summary>
    /// Opens a file for the check: regular files only (a FIFO or a device is never opened), else an
    /// <see cref="IOException"/> that says why. Tests pass their own to inject a failure.
    /// </summary>
    internal static Stream OpenRegularFile(string path) =>
        RegularFile.TryOpen(path, out var reason) ?? throw new IOException(reason);

    public static Result Run(ResolvedControlList list, ITaskItem[] candidates, string projectDirectory, Func<string, Stream>? open = null)
    {
        open ??= OpenRegularFile;
        var result = new Result();
        if (!list.Entries.Any(e => e.Match.Files.Length > 0))
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in candidates)
        {
            // Content that a package brings is checked with the package (PackageModelFiles), at its PackageReference.
            if (!string.IsNullOrEmpty(item.GetMetadata("NuGetPackageId")))
            {
                continue;
            }

            // An item whose file does not exist (yet) holds nothing to check; a directory is not a file.
            var fullPath = item.GetMetadata("FullPath");
            if (string.IsNullOrEmpty(fullPath) || !seen.Add(fullPath) || !File.Exists(fullPath))
            {
                continue;
            }

            var relative = Relative(projectDirectory, fullPath);
            ModelFileInfo? info;
            long length;
            try
            {
                (info, length) = Read(fullPath, open);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
            {
                result.Unreadable.Add((relative, FileLocation.Of(fullPath), ex.Message));
                continue;
            }

            foreach (var match in list.MatchFile(relative, info))
            {
                var entry = match.Entry;
                if (!entry.Reports)
                {
                    continue;
                }

                var itemType = item.GetMetadata("ExportLintItemType");
                var file = ModelFileFinding.Of(relative, null, itemType, info, length, match.Uncertainty);
                var message = FindingMessage.Format(entry, FindingMessage.ModelFile(relative, file.Kind, file.TensorCount, file.ParameterCount, itemType + " item", match.Uncertainty));
                result.Findings.Add(new BuildFinding(DiagnosticIds.ModelFileItem, entry, message, FileLocation.Of(fullPath)) { ModelFile = file });
            }
        }

        return result;
    }

    /// <summary>The EXL0107 message for a file that could not be read.</summary>
    public static string UnreadableMessage(string relative, string reason) =>
        $"ExportLint could not read '{relative}', so it was not checked for model weights: {reason}";


    internal static (ModelFileInfo? Info, long Length) Read(string path, Func<string, Stream> open)
    {
        using var stream = open(path);
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

    internal static string Relative(string directory, string fullPath)
    {
        var root = directory.Replace('\\', '/').TrimEnd('/') + "/";
        var path = fullPath.Replace('\\', '/');
        return path.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? path.Substring(root.Length) : path;
    }
}
