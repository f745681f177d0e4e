using System.Globalization;
using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using ExportLint.ControlLists;

namespace ExportLint.Build.Check;

/// <summary>
/// The check's settings as MSBuild passed them, validated: a value that is not understood is not ignored but
/// reported (EXL0108, a setting that is invalid or has no effect), with what is accepted and what is used instead.
/// </summary>
internal sealed class CheckSettings
{
    /// <summary>The format of <c>ExportLintToday</c> and of a suppression's <c>Until</c>.</summary>
    public const string DateFormat = ExportLintClock.DateFormat;

    private CheckSettings(string failOn, DateTime day)
    {
        FailOn = failOn;
        Day = day;
    }

    /// <summary><c>never</c>, <c>error</c> or <c>warning</c>.</summary>
    public string FailOn { get; }

    /// <summary>The day lists are evaluated for and suppressions expire against: <c>ExportLintToday</c>, else today (UTC).</summary>
    public DateTime Day { get; }

    public static CheckSettings Parse(string? failOn, string? today, FileLocation project, ReportData report)
    {
        var policy = (failOn ?? string.Empty).Trim().ToLowerInvariant();
        if (policy is not ("never" or "error" or "warning"))
        {
            if (policy.Length > 0)
            {
                report.Add(DiagnosticIds.InvalidSetting, LogLevel.Warning, project,
                    $"ExportLintFailOn is '{failOn}', which is not a policy ExportLint knows: it may be never, error or warning. Using error.");
            }

            policy = "error";
        }

        var day = ExportLintClock.Today;
        if (!string.IsNullOrWhiteSpace(today))
        {
            if (ExportLintClock.TryParse(today, out var given))
            {
                day = given;
            }
            else
            {
                report.Add(DiagnosticIds.InvalidSetting, LogLevel.Warning, project,
                    $"ExportLintToday is '{today}', which is not a date in the form yyyy-mm-dd (e.g. 2031-12-31), so it has no effect: lists and suppressions are judged on today (UTC), {Format(day)}.");
            }
        }

        return new CheckSettings(policy, day);
    }

    public static string Format(DateTime day) => ExportLintClock.Format(day);
}
