using System.Globalization;
using System.Security.Cryptography;
using ExportLint.ControlLists;
using ExportLint.ControlLists.IO;
using ExportLint.ControlLists.ModelFiles;
using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Identifies a model file by its first bytes, reads its header with the core's bounded readers (only the header),
/// and hashes it as a stream. The scan and <c>inspect</c> both use it, and the build's model-file check reads with the
/// same core readers.
/// </summary>
internal static class ModelFileInspector
{
    private const int MaxMetadataEntries = 64;

    /// <summary>The result of looking at one file: a model file's record and header, or why it could not be read.</summary>
    internal sealed record Result(ModelFileRecord? Record, ModelFileInfo? Info, string? Unreadable, string? NotRegular = null);

    /// <summary>
    /// Looks at a file. <paramref name="hashLimit"/> is the largest file to hash (0 or less: never hash); a larger one
    /// gets no sha256 and a <see cref="ModelFileRecord.HashProblem"/>. Never throws for content or IO.
    /// </summary>
    public static Result Inspect(string path, string reportPath, long hashLimit)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return new Result(null, null, "it does not exist");
            }

            // A FIFO or a device would block a read or never end: only regular files are opened (the core's check asks
            // the operating system for the file's type).
            if (!RegularFile.Check(path, out var length, out var reason))
            {
                return new Result(null, null, null, reason);
            }

            if (length == 0)
            {
                return new Result(null, null, null);
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            var head = new byte[ModelFileSniffer.HeadLength];
            var read = ReadFully(stream, head);
            var kind = ModelFileSniffer.Identify(new ReadOnlySpan<byte>(head, 0, read), Path.GetFileName(path));
            if (kind == ModelFileKind.Unknown)
            {
                return new Result(null, null, null);
            }

            stream.Position = 0;
            var info = ModelFileReader.Read(stream, Path.GetFileName(path));
            var record = new ModelFileRecord
            {
                Path = reportPath,
                Kind = ModelFileKinds.NameOf(info.Kind),
                Length = file.Length,
                TensorCount = info.TensorCount,
                ParameterCount = info.ParameterCount,
                Dtypes = info.DataTypes.IsDefault ? [] : info.DataTypes.ToList(),
                HeaderProblem = info.Problem,
            };
            foreach (var pair in info.Metadata.Take(MaxMetadataEntries))
            {
                record.Metadata[pair.Key] = pair.Value;
            }

            if (info.Metadata.Count > MaxMetadataEntries)
            {
                record.Metadata["exportlint.truncated"] = $"{info.Metadata.Count - MaxMetadataEntries} more metadata entries not listed";
            }

            if (hashLimit <= 0)
            {
                record.HashProblem = "not hashed (--no-hash)";
            }
            else if (file.Length > hashLimit)
            {
                record.HashProblem = $"not hashed: the file is {Size(file.Length)}, above the hash limit of {Size(hashLimit)} (--max-hash-size)";
            }
            else
            {
                stream.Position = 0;
                using var sha = SHA256.Create();
                record.Sha256 = Convert.ToHexString(sha.ComputeHash(stream)).ToLowerInvariant();
            }

            return new Result(record, info, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new Result(null, null, ex.Message);
        }
    }

    /// <summary>The entries whose file patterns match, as findings (EXL0102), with the header's facts in the message.</summary>
    public static IEnumerable<Finding> Match(ResolvedControlList list, FindingFactory factory, ModelFileRecord record, ModelFileInfo info, string where, string? project, Location location)
    {
        foreach (var match in list.MatchFile(record.Path, info))
        {
            // The build's message form (the core's FindingMessage.ModelFile), with where the file is.
            var finding = factory.Create(DiagnosticIds.ModelFileItem, match.Entry, FindingMessage.ModelFile(record.Path, record.Kind, record.TensorCount, record.ParameterCount, where, match.Uncertainty), location, Confidences.High, project);
            if (finding is null)
            {
                continue;
            }

            finding.Evidence.ModelFile = record;
            finding.Evidence.NotRuledOut = match.Uncertainty;
            yield return finding;
        }
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n <= 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }
}
