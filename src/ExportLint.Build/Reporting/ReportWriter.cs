using ExportLint.ControlLists;
using Newtonsoft.Json;

namespace ExportLint.Build.Reporting;

/// <summary>
/// Writes the per-project JSON report (schema: docs/schemas/exportlint-report.schema.json). Newtonsoft.Json
/// because NuGet's libraries bring it anyway and System.Text.Json is not in .NET Framework MSBuild.
/// </summary>
internal static class ReportWriter
{
    public const int SchemaVersion = 1;

    public static void Write(string path, ReportData data)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var stream = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
        using (var json = new JsonTextWriter(stream) { Formatting = Formatting.Indented })
        {
            json.WriteStartObject();
            json.WritePropertyName("schemaVersion");
            json.WriteValue(SchemaVersion);
            json.WritePropertyName("tool");
            json.WriteStartObject();
            Property(json, "name", "ExportLint.Build");
            Property(json, "version", data.ToolVersion);
            json.WriteEndObject();
            Property(json, "project", data.ProjectPath);
            Property(json, "projectName", data.ProjectName);
            Property(json, "assetsFile", data.AssetsFile);
            json.WritePropertyName("targetFrameworks");
            Strings(json, data.TargetFrameworks);
            Property(json, "failOn", data.FailOn);
            json.WritePropertyName("skipGeneratedCode");
            json.WriteValue(data.SkipGeneratedCode);
            json.WritePropertyName("controlLists");
            json.WriteStartArray();
            foreach (var list in data.ControlLists)
            {
                json.WriteStartObject();
                Property(json, "id", list.Id);
                Property(json, "version", list.Version);
                Property(json, "path", list.Path);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("summary");
            json.WriteStartObject();
            Number(json, "findings", data.Findings.Count(f => f.SuppressedBy is null));
            Number(json, "errors", data.Findings.Count(f => f.SuppressedBy is null && f.Level == LogLevel.Error));
            Number(json, "warnings", data.Findings.Count(f => f.SuppressedBy is null && f.Level == LogLevel.Warning));
            Number(json, "messages", data.Findings.Count(f => f.SuppressedBy is null && f.Level == LogLevel.Message));
            Number(json, "suppressed", data.Findings.Count(f => f.SuppressedBy is not null));
            Number(json, "expiredSuppressions", data.Suppressions.Count(s => s.Expired));
            Number(json, "packages", data.PackageCount);
            json.WriteEndObject();
            json.WritePropertyName("findings");
            json.WriteStartArray();
            foreach (var finding in data.Findings)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WritePropertyName("suppressions");
            json.WriteStartArray();
            foreach (var suppression in data.Suppressions)
            {
                json.WriteStartObject();
                Property(json, "target", suppression.Target);
                Property(json, "justification", suppression.Justification);
                Property(json, "until", suppression.Until);
                json.WritePropertyName("expired");
                json.WriteValue(suppression.Expired);
                json.WritePropertyName("valid");
                json.WriteValue(suppression.IsValid);
                Property(json, "problem", suppression.Problem);
                Number(json, "uses", suppression.Uses);
                WriteLocation(json, suppression.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("diagnostics");
            json.WriteStartArray();
            foreach (var diagnostic in data.Diagnostics)
            {
                json.WriteStartObject();
                Property(json, "id", diagnostic.Id);
                Property(json, "level", Level(diagnostic.Level));
                Property(json, "message", diagnostic.Message);
                WriteLocation(json, diagnostic.Location);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
    }

    private static void WriteFinding(JsonWriter json, BuildFinding finding)
    {
        json.WriteStartObject();
        Property(json, "id", finding.Id);
        Property(json, "entryId", finding.Entry.Id);
        Property(json, "listId", finding.Entry.ListId);
        Property(json, "category", ControlListNames.Of(finding.Entry.Category));
        Property(json, "severity", finding.Entry.Severity.ToString().ToLowerInvariant());
        Property(json, "level", Level(finding.Level));
        Property(json, "classification", finding.Entry.Classification);
        Property(json, "citation", finding.Entry.Citation);
        Property(json, "message", finding.Message);
        Property(json, "helpUri", DiagnosticIds.HelpLink(finding.Id));
        WriteLocation(json, finding.Location);
        if (finding.Package is { } package)
        {
            json.WritePropertyName("package");
            json.WriteStartObject();
            Property(json, "id", package.Id);
            Property(json, "version", package.Version.ToNormalizedString());
            json.WritePropertyName("direct");
            json.WriteValue(package.IsDirect);
            json.WritePropertyName("path");
            Strings(json, package.Path);
            json.WritePropertyName("targetFrameworks");
            Strings(json, package.Frameworks);
            Property(json, "file", finding.PackageFile);
            Property(json, "description", finding.OnlineDescription);
            Property(json, "license", finding.OnlineLicense);
            json.WriteEndObject();
        }

        if (finding.ModelFile is { } file)
        {
            json.WritePropertyName("file");
            json.WriteStartObject();
            Property(json, "path", file.Path);
            Property(json, "itemType", file.ItemType);
            Property(json, "kind", file.Kind);
            json.WritePropertyName("length");
            json.WriteValue(file.Length);
            json.WritePropertyName("tensorCount");
            json.WriteValue(file.TensorCount);
            json.WritePropertyName("parameterCount");
            json.WriteValue(file.ParameterCount);
            json.WriteEndObject();
        }

        if (finding.SuppressedBy is { } suppression)
        {
            json.WritePropertyName("suppression");
            json.WriteStartObject();
            Property(json, "target", suppression.Target);
            Property(json, "justification", suppression.Justification);
            Property(json, "until", suppression.Until);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        _ => "message",
    };

    private static void WriteLocation(JsonWriter json, Packages.FileLocation location)
    {
        json.WritePropertyName("location");
        json.WriteStartObject();
        Property(json, "file", location.File);
        Number(json, "line", location.Line);
        Number(json, "column", location.Column);
        json.WriteEndObject();
    }

    private static void Property(JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void Number(JsonWriter json, string name, int value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }

    private static void Strings(JsonWriter json, IEnumerable<string> values)
    {
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteValue(value);
        }

        json.WriteEndArray();
    }
}

/// <summary>Everything one report holds.</summary>
internal sealed class ReportData
{
    public string ToolVersion { get; set; } = string.Empty;

    public string ProjectPath { get; set; } = string.Empty;

    public string ProjectName { get; set; } = string.Empty;

    public string? AssetsFile { get; set; }

    public string FailOn { get; set; } = "error";

    /// <summary>Whether the analyzers were told to leave generated code out (<c>ExportLintSkipGeneratedCode</c>).</summary>
    public bool SkipGeneratedCode { get; set; }

    public List<string> TargetFrameworks { get; } = [];

    public List<(string Id, string Version, string Path)> ControlLists { get; } = [];

    public List<BuildFinding> Findings { get; } = [];

    public List<Suppression> Suppressions { get; } = [];

    /// <summary>Problems that are not findings (control lists, suppressions, feeds, the assets file), replayed on no-op builds.</summary>
    public List<LoggedDiagnostic> Diagnostics { get; } = [];

    public int PackageCount { get; set; }
}

/// <summary>A diagnostic as it was logged.</summary>
internal sealed record LoggedDiagnostic(string Id, LogLevel Level, string Message, Packages.FileLocation Location);
