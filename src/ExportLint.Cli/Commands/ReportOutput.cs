using System.Globalization;
using System.Diagnostics;
using ExportLint.Reports;
using ExportLint.Reports.CycloneDx;
using ExportLint.Reports.Html;
using ExportLint.Reports.Markdown;
using ExportLint.Reports.Sarif;

namespace ExportLint.Cli;

/// <summary>Writes the report set <c>scan</c> and <c>merge</c> produce, and works out the exit code.</summary>
internal static class ReportOutput
{
    public static readonly string[] KnownFormats = ["json", "sarif", "cyclonedx", "html", "md"];

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

    /// <summary>
    /// Writes each format into the folder; returns the paths written. IO errors are the caller's (exit 2). With
    /// <paramref name="timings"/>, how long each file took is added to it (<c>--verbose</c> prints them).
    /// </summary>
    public static List<string> Write(Report report, string? outputDirectory, IReadOnlyList<string> formats, ReportContext context, List<(string Path, TimeSpan Time)>? timings = null)
    {
        var written = new List<string>();
        if (outputDirectory is null)
        {
            return written;
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (var format in formats)
        {
            var clock = Stopwatch.StartNew();
            (string Name, Action<string> Write) writer = format switch
            {
                "json" => (JsonReport.FileName, path => JsonReport.Write(path, report)),
                "sarif" => (SarifWriter.FileName, path => SarifWriter.Write(path, report, context)),
                "cyclonedx" => (CycloneDxWriter.FileName, path => CycloneDxWriter.Write(path, report, context)),
                "html" => (HtmlWriter.FileName, path => HtmlWriter.Write(path, report)),
                "md" => (MarkdownWriter.FileName, path => MarkdownWriter.Write(path, report, context)),
                _ => throw new ArgumentException($"unknown format '{format}'", nameof(formats)),
            };
            var target = Path.Combine(outputDirectory, writer.Name);
            writer.Write(target);
            written.Add(target);
            timings?.Add((target, clock.Elapsed));
        }

        return written;
    }

    /// <summary>
    /// 3 when incomplete, else 1 when a finding is at or above --fail-on (with <paramref name="failOnNew"/>: a new one),
    /// else 0 (docs/cli.md). The rule is <see cref="ReportVerdict"/>'s, which every report's headline states too.
    /// </summary>
    public static int ExitCode(Report report, bool failOnNew = false) => ReportVerdict.Of(report, failOnNew) switch
    {
        Verdict.Incomplete => ExitCodes.Incomplete,
        Verdict.Fail => ExitCodes.Findings,
        _ => ExitCodes.Success,
    };

    /// <summary>
    /// Reads <c>--baseline</c>: a report (schema 1 or 2). Null, with <c>file(line,col): error: …</c> or why it could not
    /// be read on stderr, when it cannot be used (exit 2).
    /// </summary>
    public static Report? ReadBaseline(string path, TextWriter error)
    {
        try
        {
            return JsonReport.Read(path);
        }
        catch (ReportFormatException ex)
        {
            error.WriteLine($"{ex.Path}({ex.Line},{ex.Column}): error: the baseline is not a usable report: {ex.Message.Substring(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: error: the baseline could not be read: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The options scan and merge read alike (--format, --timestamp, --cdx-spec, --baseline, --fail-on-new), checked
    /// once; null, with a message, when one is bad (exit 2).
    /// </summary>
    public static OutputRequest? ReadRequest(string[]? formatValues, string? timestamp, string? cdxSpec, string? baseline, bool failOnNew, TextWriter error)
    {
        var formats = ParseFormats(formatValues ?? [], error);
        var time = Timestamp(timestamp, error);
        var spec = CycloneDxSpec(cdxSpec, error);
        if (formats is null || time is null || spec is null || !CheckBaselineOptions(baseline, failOnNew, error))
        {
            return null;
        }

        return new OutputRequest(formats, time, spec, baseline, failOnNew);
    }

    /// <summary>The baseline options' rules, shared by scan and merge: --fail-on-new needs --baseline. False (with a message) when broken.</summary>
    public static bool CheckBaselineOptions(string? baseline, bool failOnNew, TextWriter error)
    {
        if (failOnNew && baseline is null)
        {
            error.WriteLine("exportlint: --fail-on-new needs --baseline FILE (the report the new findings are counted against)");
            return false;
        }

        if (baseline is not null && string.IsNullOrWhiteSpace(baseline))
        {
            error.WriteLine("exportlint: --baseline is empty; give the previous run's exportlint.json");
            return false;
        }

        return true;
    }

    /// <summary>Prints how long each report took to write (--verbose), so a slow writer is seen.</summary>
    public static void PrintTimings(TextWriter error, List<(string Path, TimeSpan Time)> timings)
    {
        foreach (var (path, time) in timings)
        {
            error.WriteLine($"exportlint: wrote {Path.GetFileName(path)} in {time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
        }

        error.WriteLine($"exportlint: wrote {timings.Count} reports in {timings.Sum(t => t.Time.TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture)} ms");
    }
}

/// <summary>What scan and merge were asked to write, read by <see cref="ReportOutput.ReadRequest"/>.</summary>
internal sealed record OutputRequest(List<string> Formats, string Timestamp, string CycloneDxSpec, string? BaselinePath, bool FailOnNew);
