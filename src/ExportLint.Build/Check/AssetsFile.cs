using System.Globalization;
using System.Text.RegularExpressions;
using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;
using ExportLint.ControlLists.IO;
using NuGet.ProjectModel;

namespace ExportLint.Build.Check;

/// <summary>
/// Reads <c>project.assets.json</c> through NuGet.ProjectModel. A file that cannot be read, or that lists no
/// targets (so no package could be checked), is EXL0105 at the file, at the line and column of the damage when the
/// JSON reader gave one; never an empty graph.
/// </summary>
internal static class AssetsFile
{
    private static readonly Regex JsonPosition = new(@"line (\d+), position (\d+)|LineNumber: (\d+) \| BytePositionInLine: (\d+)", RegexOptions.CultureInvariant);

    /// <summary>The lock file, or null when there is none (restore has not run: a message) or it cannot be used (EXL0105).</summary>
    public static LockFile? Read(string? path, ReportData report, Action<string> note)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            note($"ExportLint: no assets file ('{path}'); restore has not run, so packages are not checked.");
            return null;
        }

        // Restore writes a regular file; anything else (a FIFO would block the read for ever) is reported, not opened.
        if (!RegularFile.Check(path!, out _, out var notRegular))
        {
            Unreadable(path!, notRegular + ".", report);
            return null;
        }

        var logger = new CollectingLogger();
        LockFile lockFile;
        try
        {
            lockFile = new LockFileFormat().Read(path!, logger);
        }
        catch (Exception ex)
        {
            Unreadable(path!, ex.InnerException?.Message ?? ex.Message, report);
            return null;
        }

        if (logger.Errors.Count > 0 || lockFile.Version <= 0)
        {
            Unreadable(path!, logger.Errors.Count > 0 ? string.Join(" ", logger.Errors) : "it has no version.", report);
            return null;
        }

        // Restore writes one target per framework (and runtime), even with no packages: none means a damaged file.
        if (lockFile.Targets is null || lockFile.Targets.Count == 0)
        {
            var (line, column) = PositionOf(path!, "\"targets\"");
            report.Add(DiagnosticIds.AssetsFileUnreadable, LogLevel.Error, new FileLocation(path!, line, column),
                "the assets file lists no targets (\"targets\" is missing, null or empty), so packages were not checked. Run a restore ('dotnet restore') to write it again.");
            return null;
        }

        // A failed restore still writes an assets file, with the packages it could resolve and its errors in "logs": the
        // graph is then incomplete, and a package that was not found cannot be checked. Say so (the build fails on the
        // restore error anyway; a scan of a tree restored elsewhere would not).
        var failures = (lockFile.LogMessages ?? []).Where(m => m.Level >= NuGet.Common.LogLevel.Error).ToList();
        if (failures.Count > 0)
        {
            var (line, column) = PositionOf(path!, "\"logs\"");
            var first = string.Join("; ", failures.Take(3).Select(f => $"{f.Code}: {f.Message}"));
            report.Add(DiagnosticIds.AssetsFileUnreadable, LogLevel.Warning, new FileLocation(path!, line, column),
                $"the assets file records that restore failed ({failures.Count} error{(failures.Count == 1 ? string.Empty : "s")}: {first}), so the resolved graph is incomplete and what was not restored was not checked. Fix the restore and build again.");
        }

        return lockFile;
    }

    /// <summary>The line and column where a text first occurs in a file (read line by line), or (0, 0).</summary>
    private static (int Line, int Column) PositionOf(string path, string text)
    {
        try
        {
            using var stream = RegularFile.TryOpen(path, out _);
            if (stream is null)
            {
                return (0, 0);
            }

            using var reader = new StreamReader(stream);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                var at = line.IndexOf(text, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return (number, at + 1);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return (0, 0);
    }

    private static void Unreadable(string path, string detail, ReportData report)
    {
        var line = 0;
        var column = 0;
        var match = JsonPosition.Match(detail);
        if (match.Success)
        {
            line = int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[3].Value, CultureInfo.InvariantCulture);
            column = int.Parse(match.Groups[2].Success ? match.Groups[2].Value : match.Groups[4].Value, CultureInfo.InvariantCulture);
            if (match.Groups[3].Success)
            {
                // System.Text.Json counts from zero.
                line++;
                column++;
            }
        }

        report.Add(DiagnosticIds.AssetsFileUnreadable, LogLevel.Error, new FileLocation(path, line, column),
            $"the assets file could not be read, so packages were not checked: {detail} Run a restore ('dotnet restore') to write it again.");
    }

    private sealed class CollectingLogger : NuGet.Common.LoggerBase
    {
        public List<string> Errors { get; } = [];

        public override void Log(NuGet.Common.ILogMessage message)
        {
            if (message.Level >= NuGet.Common.LogLevel.Error)
            {
                Errors.Add(message.Message);
            }
        }

        public override System.Threading.Tasks.Task LogAsync(NuGet.Common.ILogMessage message)
        {
            Log(message);
            return System.Threading.Tasks.Task.CompletedTask;
        }
    }
}
