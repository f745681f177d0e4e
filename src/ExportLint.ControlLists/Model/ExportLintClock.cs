using System.Globalization;

namespace ExportLint.ControlLists;

/// <summary>
/// The day lists are evaluated for, on every surface: today in UTC, or a <c>yyyy-MM-dd</c> override
/// (<c>ExportLintAsOf</c> for the analyzers, <c>ExportLintToday</c> for the task, <c>--as-of</c> for the CLI), parsed
/// the same way everywhere.
/// </summary>
public static class ExportLintClock
{
    /// <summary>The form of a day: <c>yyyy-MM-dd</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Today, in UTC (a date, no time).</summary>
    public static DateTime Today => DateTime.UtcNow.Date;

    /// <summary>Parses a <c>yyyy-MM-dd</c> day (surrounding white space ignored, invariant culture); false otherwise.</summary>
    public static bool TryParse(string? text, out DateTime day)
    {
        if (text is not null
            && DateTime.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed.Date;
            return true;
        }

        day = default;
        return false;
    }

    /// <summary>The day given, or today (UTC) when it is empty or not a <c>yyyy-MM-dd</c> date.</summary>
    public static DateTime DayOr(string? text) => TryParse(text, out var day) ? day : Today;

    /// <summary>A day in the form <c>yyyy-MM-dd</c>.</summary>
    public static string Format(DateTime day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);
}
