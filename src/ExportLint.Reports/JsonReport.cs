using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ExportLint.Reports;

/// <summary>
/// Writes and reads <c>exportlint.json</c>. The output is deterministic: properties in a fixed order, collections
/// sorted by the producer, <c>\n</c> line endings and UTF-8 without a byte-order mark, so the same input gives the same
/// bytes on every machine.
/// </summary>
public static class JsonReport
{
    /// <summary>The file name the CLI writes in its output folder.</summary>
    public const string FileName = "exportlint.json";

    private static readonly JsonSerializerSettings Settings = new()
    {
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
    };

    /// <summary>The report as text.</summary>
    public static string ToJson(Report report)
    {
        var builder = new StringBuilder();
        using (var text = new StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            WriteTo(text, report);
        }

        return builder.ToString();
    }

    private static void WriteTo(TextWriter text, Report report)
    {
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, CloseOutput = false })
        {
            JsonSerializer.Create(Settings).Serialize(json, report);
        }

        text.Write('\n');
    }

    /// <summary>Writes the report to a file (through a temporary file, so a reader never sees half of it).</summary>
    public static void Write(string path, Report report)
    {
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Straight to the file, not through a string (a 10,000-finding report is 15 MB).
        var temporary = path + ".tmp";
        using (var text = new StreamWriter(temporary, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            WriteTo(text, report);
        }

        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
    }

    /// <summary>
    /// Reads a report: the CLI's (schema 2) or a build's per-project report (schema 1, <c>obj/exportlint/*.exportlint.json</c>),
    /// which is mapped onto the same model. Throws <see cref="ReportFormatException"/> with the position on bad input.
    /// </summary>
    /// <remarks>
    /// Two passes: the first checks the JSON and finds <c>schemaVersion</c> holding nothing; the second deserialises a
    /// scan's report straight into the model, without a document tree (a tree of a 10,000-finding report took over
    /// 100 MB, see docs/performance.md). A build's report (small) is read through a tree.
    /// </remarks>
    public static Report Read(string path)
    {
        var (version, raw) = SchemaVersion(path);
        try
        {
            switch (version)
            {
                case Report.CurrentSchemaVersion:
                    using (var reader = Reader(path))
                    {
                        return JsonSerializer.Create(Settings).Deserialize<Report>(reader) ?? throw new ReportFormatException(path, 1, 1, "empty report");
                    }

                case 1:
                    JObject root;
                    using (var reader = Reader(path))
                    {
                        root = JObject.Load(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
                    }

                    return FromBuildReport(root);
                default:
                    throw new ReportFormatException(path, 1, 1, $"schemaVersion is {raw ?? "missing"}; this exportlint reads 1 (a build's report) and {Report.CurrentSchemaVersion}");
            }
        }
        catch (JsonReaderException ex)
        {
            throw new ReportFormatException(path, ex.LineNumber, ex.LinePosition, "not valid JSON: " + FirstSentence(ex.Message));
        }
        catch (JsonException ex)
        {
            var info = ex as JsonSerializationException;
            throw new ReportFormatException(path, info?.LineNumber ?? 0, info?.LinePosition ?? 0, "not an ExportLint report: " + FirstSentence(ex.Message));
        }
    }

    private static JsonTextReader Reader(string path) =>
        new(new StreamReader(path, Encoding.UTF8)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };

    /// <summary>
    /// The first pass: the whole file is read as JSON tokens (so bad JSON is said with its position before anything is
    /// built), and the top-level <c>schemaVersion</c> is kept: its value when it is a whole number, and as written.
    /// </summary>
    private static (int? Version, string? Raw) SchemaVersion(string path)
    {
        using var reader = Reader(path);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                throw new ReportFormatException(path, reader.LineNumber, reader.LinePosition, "not valid JSON: a report is a JSON object");
            }

            int? version = null;
            string? raw = null;
            var complete = false;
            while (reader.Read())
            {
                if (reader.Depth == 0 && reader.TokenType == JsonToken.EndObject)
                {
                    complete = true;
                }
                else if (reader.Depth == 1 && reader.TokenType == JsonToken.PropertyName && (string?)reader.Value == "schemaVersion" && reader.Read())
                {
                    var value = JToken.ReadFrom(reader);
                    raw = value.ToString(Formatting.None);
                    version = value.Type is JTokenType.Integer or JTokenType.String or JTokenType.Float ? ToVersion(value) : null;
                }
            }

            if (!complete)
            {
                throw new ReportFormatException(path, reader.LineNumber, reader.LinePosition, "not valid JSON: the file ends inside the report");
            }

            return (version, raw);
        }
        catch (JsonReaderException ex)
        {
            throw new ReportFormatException(path, ex.LineNumber, ex.LinePosition, "not valid JSON: " + FirstSentence(ex.Message));
        }
    }

    private static int? ToVersion(JToken value)
    {
        try
        {
            return value.Value<int?>();
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path", StringComparison.Ordinal);
        return end > 0 ? message.Substring(0, end) : message;
    }

    /// <summary>A build's per-project report (schema 1) as a report of one project.</summary>
    private static Report FromBuildReport(JObject root)
    {
        var project = root.Value<string>("project") ?? string.Empty;
        var report = new Report
        {
            Tool = root["tool"]?.ToObject<ToolInfo>() ?? new ToolInfo { Name = "ExportLint.Build" },
            FailOn = root.Value<string>("failOn") ?? "error",
            ControlLists = root["controlLists"]?.ToObject<List<ControlListUsed>>() ?? [],
        };
        report.Projects.Add(new ProjectRecord
        {
            Path = project,
            Name = root.Value<string>("projectName") ?? System.IO.Path.GetFileNameWithoutExtension(project),
            Mode = ScanModes.Semantic,
            AssetsFile = root.Value<string>("assetsFile"),
            TargetFrameworks = root["targetFrameworks"]?.ToObject<List<string>>() ?? [],
        });

        foreach (var token in root["findings"] as JArray ?? [])
        {
            var finding = new Finding
            {
                Id = token.Value<string>("id") ?? string.Empty,
                EntryId = token.Value<string>("entryId") ?? string.Empty,
                ListId = token.Value<string>("listId") ?? string.Empty,
                Category = token.Value<string>("category") ?? string.Empty,
                Severity = token.Value<string>("severity") ?? "info",
                Level = token.Value<string>("level") ?? Levels.Message,
                Confidence = Confidences.High,
                Classification = token.Value<string>("classification"),
                Citation = token.Value<string>("citation"),
                Message = token.Value<string>("message") ?? string.Empty,
                HelpUri = token.Value<string>("helpUri") ?? string.Empty,
                Location = token["location"]?.ToObject<Location>() ?? new Location { File = project },
                Project = project,
            };
            if (token["package"] is JObject package)
            {
                finding.Evidence.Package = new PackageEvidence
                {
                    Id = package.Value<string>("id") ?? string.Empty,
                    Version = package.Value<string>("version") ?? string.Empty,
                    Direct = package.Value<bool?>("direct") ?? false,
                    Path = package["path"]?.ToObject<List<string>>() ?? [],
                    TargetFrameworks = package["targetFrameworks"]?.ToObject<List<string>>() ?? [],
                    File = package.Value<string>("file"),
                };
            }

            if (token["file"] is JObject file)
            {
                finding.Evidence.ModelFile = new ModelFileRecord
                {
                    Path = file.Value<string>("path") ?? string.Empty,
                    ItemType = file.Value<string>("itemType"),
                    Kind = file.Value<string>("kind") ?? string.Empty,
                    Length = file.Value<long?>("length") ?? 0,
                    TensorCount = file.Value<long?>("tensorCount"),
                    ParameterCount = file.Value<long?>("parameterCount"),
                };
            }

            if (token["suppression"] is JObject suppression)
            {
                finding.Suppression = new SuppressionRecord
                {
                    Target = suppression.Value<string>("target") ?? string.Empty,
                    Justification = suppression.Value<string>("justification"),
                    Until = suppression.Value<string>("until"),
                };
            }

            finding.Fingerprint = Fingerprints.Of(finding, null);
            report.Findings.Add(finding);
        }

        foreach (var token in root["suppressions"] as JArray ?? [])
        {
            report.Suppressions.Add(new SuppressionRecord
            {
                Target = token.Value<string>("target") ?? string.Empty,
                Justification = token.Value<string>("justification"),
                Until = token.Value<string>("until"),
                Expired = token.Value<bool?>("expired") ?? false,
                Location = token["location"]?.ToObject<Location>(),
            });
        }

        foreach (var token in root["diagnostics"] as JArray ?? [])
        {
            report.Problems.Add(new Problem
            {
                Id = token.Value<string>("id") ?? string.Empty,
                Level = token.Value<string>("level") ?? Levels.Warning,
                Message = token.Value<string>("message") ?? string.Empty,
                Location = token["location"]?.ToObject<Location>() ?? new Location { File = project },
                Project = project,
            });
        }

        report.Summarise();
        return report;
    }
}

/// <summary>A report that could not be read, with where.</summary>
public sealed class ReportFormatException : Exception
{
    public ReportFormatException(string path, int line, int column, string message)
        : base($"{path}({line},{column}): {message}")
    {
        Path = path;
        Line = line;
        Column = column;
    }

    public string Path { get; }

    public int Line { get; }

    public int Column { get; }
}
