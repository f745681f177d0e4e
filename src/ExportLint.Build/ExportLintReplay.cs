using ExportLint.Build.Packages;
using ExportLint.Build.Reporting;
using Newtonsoft.Json.Linq;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ExportLint.Build;

/// <summary>
/// On a no-op build the check is skipped (its inputs are older than its report), so its warnings would vanish.
/// This task logs again what the last report holds, so a no-op build shows, and fails on, the same things.
/// </summary>
public sealed class ExportLintReplay : MSBuildTask
{
    /// <summary>The report the last check wrote.</summary>
    public string? ReportPath { get; set; }

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            if (string.IsNullOrEmpty(ReportPath) || !File.Exists(ReportPath))
            {
                return true;
            }

            var report = JObject.Parse(File.ReadAllText(ReportPath));
            foreach (var diagnostic in report["diagnostics"]?.Children<JObject>() ?? [])
            {
                Replay(diagnostic);
            }

            foreach (var finding in report["findings"]?.Children<JObject>() ?? [])
            {
                if (finding["suppression"] is null || finding["suppression"]!.Type == JTokenType.Null)
                {
                    Replay(finding);
                }
            }

            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                $"ExportLint: up to date; replayed {(int?)report["summary"]?["findings"] ?? 0} findings from {ReportPath}");
        }
        catch (Exception ex)
        {
            // A damaged report must not break the build: the next real check writes it again.
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"ExportLint: could not replay '{ReportPath}': {ex.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private void Replay(JObject item)
    {
        var level = (string?)item["level"] switch
        {
            "error" => LogLevel.Error,
            "warning" => LogLevel.Warning,
            _ => LogLevel.Message,
        };
        var location = item["location"] as JObject;
        var file = new FileLocation((string?)location?["file"] ?? string.Empty, (int?)location?["line"] ?? 0, (int?)location?["column"] ?? 0);
        ExportLintCheck.Emit(Log, (string?)item["id"] ?? "EXL0106", level, file, (string?)item["message"] ?? string.Empty);
    }
}
