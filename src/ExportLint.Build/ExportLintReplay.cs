using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ExportLint.Build;

/// <summary>
/// On a no-op build the check is skipped (its inputs are older than its report), so its warnings would vanish.
/// This task logs again what the last check logged, from the small replay file written beside the report (not
/// the JSON report: parsing that would cost more than the whole no-op budget). The targets run it only when that
/// file exists, which is only when the last check logged something.
/// </summary>
public sealed class ExportLintReplay : MSBuildTask
{
    /// <summary>The replay file the last check wrote (<c>*.exportlint.replay</c>).</summary>
    public string? ReplayPath { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            if (string.IsNullOrEmpty(ReplayPath) || !File.Exists(ReplayPath))
            {
                return true;
            }

            var count = 0;
            foreach (var line in File.ReadAllLines(ReplayPath))
            {
                if (ReplayFile.TryParse(line, out var diagnostic))
                {
                    ExportLintCheck.Emit(Log, diagnostic);
                    count++;
                }
            }

            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, $"ExportLint: up to date; replayed {count} diagnostics of the last check ({ReplayPath})");
        }
        catch (Exception ex)
        {
            // A damaged replay file must not break the build: the next real check writes it again.
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"ExportLint: could not replay '{ReplayPath}': {ex.Message}");
        }

        return !Log.HasLoggedErrors;
    }
}

/// <summary>One logged diagnostic a line: level, id, file, line, column, message, tab-separated and escaped.</summary>
internal static class ReplayFile
{
    public static string Format(LoggedDiagnostic diagnostic) => string.Join("\t",
        diagnostic.Level.ToString(), diagnostic.Id, Escape(diagnostic.Location.File),
        diagnostic.Location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
        diagnostic.Location.Column.ToString(System.Globalization.CultureInfo.InvariantCulture), Escape(diagnostic.Message));

    public static bool TryParse(string line, out LoggedDiagnostic diagnostic)
    {
        diagnostic = null!;
        var parts = line.Split('\t');
        if (parts.Length != 6 || !Enum.TryParse<LogLevel>(parts[0], out var level)
            || !int.TryParse(parts[3], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var row)
            || !int.TryParse(parts[4], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var column))
        {
            return false;
        }

        diagnostic = new LoggedDiagnostic(parts[1], level, Unescape(parts[5]), new FileLocation(Unescape(parts[2]), row, column));
        return true;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");

    private static string Unescape(string text)
    {
        if (text.IndexOf('\\') < 0)
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                result.Append(text[i] switch { 't' => '\t', 'r' => '\r', 'n' => '\n', _ => text[i] });
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }
}
