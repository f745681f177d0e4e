using System.Globalization;
using ExportLint.Reports;
using ExportLint.Reports.CycloneDx;
using ExportLint.Reports.Html;
using ExportLint.Reports.Sarif;

namespace ExportLint.Cli;

/// <summary>Writes the report set <c>scan</c> and <c>merge</c> produce, and works out the exit code.</summary>
internal static class ReportOutput
{
    public static readonly string[] KnownFormats = ["json", "sarif", "cyclonedx", "html"];

    /// <summary>Splits "json,sarif" and repeated options into format names; null (with a message) on an unknown one.</summary>
    public static List<string>? ParseFormats(string[] values, TextWriter error)
    {
        var formats = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(f => f.ToLowerInvariant())
            .SelectMany(f => f == "all" ? KnownFormats : [f])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var format in formats)
        {
            if (!KnownFormats.Contains(format))
            {
                error.WriteLine($"exportlint: unknown --format '{format}'; this version writes: {string.Join(", ", KnownFormats)}");
                return null;
            }
        }

        return formats.Count == 0 ? ["json"] : formats;
    }

    /// <summary>The CycloneDX specification version of <c>--cdx-spec</c> (default 1.6); null (with a message) when it is not one written.</summary>
    public static string? CycloneDxSpec(string? option, TextWriter error)
    {
        var value = string.IsNullOrWhiteSpace(option) ? CycloneDxWriter.DefaultSpecVersion : option!.Trim();
        if (CycloneDxWriter.SpecVersions.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        error.WriteLine($"exportlint: --cdx-spec '{option}' is not a CycloneDX version this tool writes; use {string.Join(" or ", CycloneDxWriter.SpecVersions)}");
        return null;
    }

    /// <summary>The timestamp a report states: --timestamp, else SOURCE_DATE_EPOCH, else now. Null (with a message) when bad.</summary>
    public static string? Timestamp(string? option, TextWriter error)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            if (DateTimeOffset.TryParse(option, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var given))
            {
                return Format(given);
            }

            error.WriteLine($"exportlint: --timestamp '{option}' is not an ISO 8601 time (for example 2026-01-31T12:00:00Z)");
            return null;
        }

        if (Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch)
        {
            if (long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return Format(DateTimeOffset.FromUnixTimeSeconds(seconds));
            }

            error.WriteLine($"exportlint: SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds");
            return null;
        }

        return Format(DateTimeOffset.UtcNow);
    }

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes each format into the folder; returns the paths written. IO errors are the caller's (exit 2).</summary>
    public static List<string> Write(Report report, string? outputDirectory, IReadOnlyList<string> formats, ReportContext context)
    {
        var written = new List<string>();
        if (outputDirectory is null)
        {
            return written;
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (var format in formats)
        {
            switch (format)
            {
                case "json":
                    var path = Path.Combine(outputDirectory, JsonReport.FileName);
                    JsonReport.Write(path, report);
                    written.Add(path);
                    break;
                case "sarif":
                    var sarifPath = Path.Combine(outputDirectory, SarifWriter.FileName);
                    SarifWriter.Write(sarifPath, report, context);
                    written.Add(sarifPath);
                    break;
                case "cyclonedx":
                    var cdxPath = Path.Combine(outputDirectory, CycloneDxWriter.FileName);
                    CycloneDxWriter.Write(cdxPath, report, context);
                    written.Add(cdxPath);
                    break;
                case "html":
                    var htmlPath = Path.Combine(outputDirectory, HtmlWriter.FileName);
                    HtmlWriter.Write(htmlPath, report);
                    written.Add(htmlPath);
                    break;
            }
        }

        return written;
    }

    /// <summary>3 when incomplete, else 1 when a finding is at or above --fail-on, else 0 (docs/cli.md).</summary>
    public static int ExitCode(Report report)
    {
        if (report.Problems.Any(p => p.Incomplete))
        {
            return ExitCodes.Incomplete;
        }

        return report.Findings.Any(f => f.Suppression is null && f.Level == Levels.Error) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
