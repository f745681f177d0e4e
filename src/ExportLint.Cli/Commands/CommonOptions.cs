using System.CommandLine;
using System.Globalization;
using ExportLint.Cli.Scanning;
using ExportLint.ControlLists;

namespace ExportLint.Cli;

/// <summary>Options several commands share, with one meaning everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string[]> ControlList() => new("--control-list", "-l")
    {
        Description = "A control list (any file name; overlays extend the shipped lists with 'extends'). Repeatable. Without it the embedded default list is used.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "FILE",
    };

    public static Option<bool> NoDefaultList() => new("--no-default-list")
    {
        Description = "Do not use the embedded default list when no --control-list is given (then nothing is matched but what the lists you give say).",
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "Evaluate every list as it stood on this day (yyyy-mm-dd): entries' effective and expiry dates, sources' status. Default: today (UTC).",
        HelpName = "DATE",
    };

    public static Option<string> FailOn() => new("--fail-on")
    {
        Description = "Which findings make the exit code 1: never, error (the default) or warning.",
        DefaultValueFactory = _ => "error",
        HelpName = "LEVEL",
    };

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "The folder the reports are written to (created if needed). Without it, no report file is written.",
        HelpName = "DIR",
    };

    public static Option<string[]> Format() => new("--format", "-f")
    {
        Description = "Report formats, comma-separated or repeated: json (exportlint.json), sarif (exportlint.sarif, SARIF 2.1.0), cyclonedx (exportlint.cdx.json, a CycloneDX ML-BOM), html (exportlint.html, a self-contained page), md (exportlint.md, for a pull-request comment or job summary), or all. Default: json.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => ["json"],
        HelpName = "FORMAT",
    };

    public static Option<string?> CdxSpec() => new("--cdx-spec")
    {
        Description = "The CycloneDX specification version exportlint.cdx.json is written in: 1.6 (the default) or 1.7.",
        HelpName = "VERSION",
    };

    public static Option<string?> Baseline() => new("--baseline")
    {
        Description = "A previous exportlint.json to compare with: each finding is marked new or unchanged, and the baseline's findings no longer found are reported as absent (JSON, SARIF baselineState, Markdown).",
        HelpName = "FILE",
    };

    public static Option<bool> FailOnNew() => new("--fail-on-new")
    {
        Description = "Only findings new since --baseline count for --fail-on (adopting ExportLint on a legacy codebase). Needs --baseline. An incomplete scan still exits 3.",
    };

    public static Option<string?> Timestamp() => new("--timestamp")
    {
        Description = "The time the report states (ISO 8601, UTC), for byte-identical reports; SOURCE_DATE_EPOCH does the same. Default: now.",
        HelpName = "TIME",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print only the summary table and errors." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Print every finding (info too), every problem and what is being scanned." };

    public static bool TryParseAsOf(string? text, TextWriter error, out DateTime asOf)
    {
        asOf = ExportLintClock.Today;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (ExportLintClock.TryParse(text, out var day))
        {
            asOf = day;
            return true;
        }

        error.WriteLine($"exportlint: --as-of '{text}' is not a yyyy-mm-dd date (for example 2025-06-01)");
        return false;
    }

    /// <summary>Loads the lists; prints their problems (file(line,col): …) to stderr; false when any is an error.</summary>
    public static ListSet? LoadLists(string[] paths, bool noDefault, DateTime asOf, TextWriter error)
    {
        var lists = ListSet.Load(paths, noDefault, asOf);
        foreach (var problem in lists.FormatProblems())
        {
            error.WriteLine(problem);
        }

        if (!lists.HasErrors && lists.Resolved.Entries.Length == 0)
        {
            error.WriteLine($"warning {ExportLint.ControlLists.DiagnosticIds.InvalidSetting}: the control lists in use ({string.Join(", ", lists.Resolved.Lists.Select(l => l.Id))}) leave no entry in force on {ExportLintClock.Format(asOf)}: nothing can be found");
        }

        if (lists.HasErrors)
        {
            error.WriteLine($"exportlint: the control lists have {lists.Problems.Count(p => p.IsError)} error(s); nothing was scanned");
            return null;
        }

        return lists;
    }

    /// <summary>The lists of <c>--control-list</c>, <c>--no-default-list</c> and <c>--as-of</c>; null (with the problems printed) when unusable.</summary>
    public static ListSet? Lists(System.CommandLine.ParseResult result, Option<string[]> lists, Option<bool> noDefault, Option<string?> asOf, TextWriter error) =>
        TryParseAsOf(result.GetValue(asOf), error, out var day) ? LoadLists(result.GetValue(lists) ?? [], result.GetValue(noDefault), day, error) : null;

    public static Verbosity VerbosityOf(bool quiet, bool verbose) => quiet ? Verbosity.Quiet : verbose ? Verbosity.Verbose : Verbosity.Normal;
}
