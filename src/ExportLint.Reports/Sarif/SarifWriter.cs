using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ExportLint.Reports.Sarif;

/// <summary>
/// Writes a <see cref="Report"/> as SARIF 2.1.0 (<c>exportlint.sarif</c>) for code-scanning pipelines (GitHub code
/// scanning, Azure DevOps, …). One rule per control-list entry (docs/report-schema.md says why), one result per
/// finding, the report's problems as tool-execution notifications. Deterministic: the same report and context give
/// the same bytes (properties in a fixed order, <c>\n</c> line endings, UTF-8 without a byte-order mark).
/// </summary>
public static class SarifWriter
{
    /// <summary>The file name the CLI writes in its output folder.</summary>
    public const string FileName = "exportlint.sarif";

    /// <summary>The base id every relative path is relative to.</summary>
    public const string SourceRootId = "%SRCROOT%";

    /// <summary>The key of <c>partialFingerprints</c> that holds the report's fingerprint.</summary>
    public const string FingerprintKey = "exportlintFingerprint/v1";

    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private const string InformationUri = "https://github.com/exportlint/exportlint";
    private const string RulesHelpBase = "https://github.com/exportlint/exportlint/blob/main/docs/rules/";

    /// <summary>Writes the log to a file (through a temporary file, so a reader never sees half of it).</summary>
    public static void Write(string path, Report report, ReportContext context)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Straight to the file: a 10,000-finding log is 15 MB, which as a string would be held twice more (docs/performance.md).
        var temporary = path + ".tmp";
        using (var text = new StreamWriter(temporary, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            WriteTo(text, report, context);
        }

        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
    }

    /// <summary>The log as text.</summary>
    public static string ToSarif(Report report, ReportContext context)
    {
        var builder = new StringBuilder();
        using (var text = new StringWriter(builder, CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            WriteTo(text, report, context);
        }

        return builder.ToString();
    }

    private static void WriteTo(TextWriter text, Report report, ReportContext context)
    {
        var log = new JObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JArray(Run(report, context)),
        };
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, CloseOutput = false })
        {
            log.WriteTo(json);
        }

        text.Write('\n');
    }

    private static JObject Run(Report report, ReportContext context)
    {
        var rules = Rules(report);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            index[rules[i].Id] = i;
        }

        var driver = new JObject
        {
            ["name"] = "ExportLint",
            ["fullName"] = $"ExportLint {report.Tool.Version} ({report.Tool.Name})",
            ["version"] = report.Tool.Version,
            ["semanticVersion"] = report.Tool.Version,
            ["informationUri"] = InformationUri,
            ["rules"] = new JArray(rules.Select(r => r.Json)),
        };
        var problemIds = report.Problems.Select(p => p.Id).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
        if (problemIds.Count > 0)
        {
            driver["notifications"] = new JArray(problemIds.Select(NotificationDescriptor));
        }

        var run = new JObject
        {
            ["tool"] = new JObject { ["driver"] = driver },
            ["invocations"] = new JArray(Invocation(report, context, problemIds)),
            ["originalUriBaseIds"] = new JObject { [SourceRootId] = SourceRoot(context.SourceRoot) },
        };
        if (context.SourceRoot is { } root && GitProvenance.Find(root) is { } git)
        {
            run["versionControlProvenance"] = new JArray(git.ToSarif(root));
        }

        // Against a baseline, the findings no longer there follow as results whose baselineState is "absent".
        run["results"] = new JArray(AllFindings(report).Select(f => Result(f, RuleIdOf(f, rules), index)));
        run["columnKind"] = "utf16CodeUnits";
        run["properties"] = RunProperties(report);
        return run;
    }

    // ---- rules ----------------------------------------------------------------------------------------------------

    private sealed class Rule(string id, string entryId, string listId, JObject json)
    {
        public string Id { get; } = id;

        public string EntryId { get; } = entryId;

        public string ListId { get; } = listId;

        public JObject Json { get; } = json;
    }

    /// <summary>
    /// One rule per entry the findings refer to (an entry id defined by two lists, in a merge, gets the list's id in
    /// front), and one per diagnostic ID for findings that have no entry. Sorted by id.
    /// </summary>
    private static List<Rule> Rules(Report report)
    {
        var entries = report.Entries.ToDictionary(e => (e.Id, e.ListId));
        var all = AllFindings(report).ToList();
        var keys = all.Select(f => (f.EntryId, f.ListId)).Distinct().ToList();
        var ambiguous = new HashSet<string>(keys.Where(k => k.EntryId.Length > 0).GroupBy(k => k.EntryId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);
        var rules = new List<Rule>();
        foreach (var key in keys)
        {
            var findings = all.Where(f => f.EntryId == key.EntryId && f.ListId == key.ListId).ToList();
            if (key.EntryId.Length == 0)
            {
                foreach (var byId in findings.GroupBy(f => f.Id, StringComparer.Ordinal))
                {
                    rules.Add(new Rule(byId.Key, string.Empty, key.ListId, DiagnosticRule(byId.Key, byId.First())));
                }

                continue;
            }

            entries.TryGetValue(key, out var entry);
            var id = ambiguous.Contains(key.EntryId) ? key.ListId + "/" + key.EntryId : key.EntryId;
            rules.Add(new Rule(id, key.EntryId, key.ListId, EntryRule(id, entry ?? EntryFrom(findings[0]), findings)));
        }

        return rules.GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.First()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The report's findings, then (against a baseline) the baseline's findings that are absent now.</summary>
    private static IEnumerable<Finding> AllFindings(Report report) => report.Findings.Concat(report.AbsentFindings ?? []);

    private static string RuleIdOf(Finding finding, List<Rule> rules) =>
        finding.EntryId.Length == 0
            ? finding.Id
            : rules.First(r => r.EntryId == finding.EntryId && r.ListId == finding.ListId).Id;

    /// <summary>What a report without an <c>entries</c> section (an older one) says about an entry: its findings' fields.</summary>
    private static ReportEntry EntryFrom(Finding finding) => new()
    {
        Id = finding.EntryId,
        ListId = finding.ListId,
        Category = finding.Category,
        Severity = finding.Severity,
        Classification = finding.Classification,
        Citation = finding.Citation,
        Message = Before(finding.Message, " ("),
        DiagnosticId = finding.Id,
    };

    private static JObject EntryRule(string id, ReportEntry entry, List<Finding> findings)
    {
        var message = Sentence(entry.Message.Length > 0 ? entry.Message : entry.Id);
        var citation = entry.Citation ?? entry.Classification ?? "no classification";
        var diagnosticId = entry.DiagnosticId.Length > 0 ? entry.DiagnosticId : findings[0].Id;
        var helpUri = findings.FirstOrDefault(f => f.Id == diagnosticId)?.HelpUri is { Length: > 0 } own ? own : RulesHelpBase + diagnosticId + ".md";

        var full = new StringBuilder(message);
        if (entry.Rationale is { Length: > 0 } rationale)
        {
            full.Append(' ').Append(Sentence(rationale));
        }

        full.Append(" Control-list entry ").Append(entry.Id).Append(" (list ").Append(entry.ListId).Append("), ").Append(citation).Append('.');

        var text = new StringBuilder();
        text.Append(message).Append("\n\n");
        if (entry.Rationale is { Length: > 0 })
        {
            text.Append("Why: ").Append(Sentence(entry.Rationale)).Append("\n\n");
        }

        text.Append("Citation: ").Append(citation).Append('.');
        if (entry.Source is { } source)
        {
            text.Append(" Source: ").Append(SourceText(source)).Append('.');
        }

        text.Append("\n\nEntry ").Append(entry.Id).Append(" of list ").Append(entry.ListId).Append("; diagnostic ").Append(diagnosticId)
            .Append(". To accept a finding, suppress it with a justification (an ExportLintSuppress item, #pragma or [SuppressMessage]); see ").Append(helpUri).Append('.');

        var markdown = new StringBuilder();
        markdown.Append("**").Append(Markdown(message)).Append("**\n\n");
        if (entry.Rationale is { Length: > 0 })
        {
            markdown.Append(Markdown(Sentence(entry.Rationale))).Append("\n\n");
        }

        markdown.Append("| | |\n| --- | --- |\n");
        markdown.Append("| Entry | `").Append(entry.Id).Append("` (list `").Append(entry.ListId).Append("`) |\n");
        markdown.Append("| Category | ").Append(Markdown(entry.Category)).Append(" |\n");
        markdown.Append("| Citation | ").Append(Markdown(citation)).Append(" |\n");
        if (entry.Source is { } cited)
        {
            markdown.Append("| Source | ").Append(cited.Url is { Length: > 0 } url ? $"[{Markdown(SourceText(cited))}]({url})" : Markdown(SourceText(cited))).Append(" |\n");
        }

        markdown.Append("| Diagnostic | [").Append(diagnosticId).Append("](").Append(helpUri).Append(") |\n\n");
        markdown.Append("To accept a finding, suppress it with a justification: an `ExportLintSuppress` item, `#pragma warning disable ").Append(diagnosticId).Append(" // why`, or `[SuppressMessage]`.");

        var tags = new JArray { "security", "export-control" };
        if (entry.Category.Length > 0)
        {
            tags.Add(entry.Category);
        }

        if (entry.Classification is { Length: > 0 } classification)
        {
            tags.Add(classification);
        }

        var properties = new JObject
        {
            ["tags"] = tags,
            ["precision"] = "high",
            ["entry"] = entry.Id,
            ["list"] = entry.ListId,
            ["category"] = entry.Category,
            ["classification"] = entry.Classification,
            ["citation"] = entry.Citation,
            ["diagnosticId"] = diagnosticId,
        };
        if (entry.Source is { } s)
        {
            properties["source"] = JObject.FromObject(s);
        }

        return new JObject
        {
            ["id"] = id,
            ["name"] = PascalName(entry.Message.Length > 0 ? entry.Message : entry.Id),
            ["shortDescription"] = new JObject { ["text"] = message },
            ["fullDescription"] = new JObject { ["text"] = full.ToString() },
            ["help"] = new JObject { ["text"] = text.ToString(), ["markdown"] = markdown.ToString() },
            ["helpUri"] = helpUri,
            ["defaultConfiguration"] = new JObject { ["level"] = LevelOfSeverity(entry.Severity) },
            ["properties"] = properties,
        };
    }

    private static JObject DiagnosticRule(string id, Finding finding)
    {
        var message = Sentence(Before(finding.Message, " ("));
        var helpUri = finding.HelpUri.Length > 0 ? finding.HelpUri : RulesHelpBase + id + ".md";
        return new JObject
        {
            ["id"] = id,
            ["name"] = PascalName(Before(finding.Message, " (")),
            ["shortDescription"] = new JObject { ["text"] = message },
            ["fullDescription"] = new JObject { ["text"] = $"{message} Diagnostic {id}, not tied to a control-list entry." },
            ["help"] = new JObject
            {
                ["text"] = $"{message}\n\nSee {helpUri}.",
                ["markdown"] = $"**{Markdown(message)}**\n\nSee [{id}]({helpUri}).",
            },
            ["helpUri"] = helpUri,
            ["defaultConfiguration"] = new JObject { ["level"] = LevelOfSeverity(finding.Severity) },
            ["properties"] = new JObject { ["tags"] = new JArray { "security", "export-control" }, ["precision"] = "high", ["diagnosticId"] = id },
        };
    }

    private static JObject NotificationDescriptor(string id)
    {
        var helpUri = RulesHelpBase + id + ".md";
        var text = $"ExportLint diagnostic {id}: something kept part of the input from being fully analysed, or a configuration problem.";
        return new JObject
        {
            ["id"] = id,
            ["shortDescription"] = new JObject { ["text"] = text },
            ["fullDescription"] = new JObject { ["text"] = text + " The notification's message says what and where; the scan is incomplete (exit code 3) when it is marked incomplete." },
            ["help"] = new JObject
            {
                ["text"] = $"{text}\n\nSee {helpUri}.",
                ["markdown"] = $"{Markdown(text)}\n\nSee [{id}]({helpUri}).",
            },
            ["helpUri"] = helpUri,
        };
    }

    // ---- results --------------------------------------------------------------------------------------------------

    private static JObject Result(Finding finding, string ruleId, Dictionary<string, int> index)
    {
        var result = new JObject
        {
            ["ruleId"] = ruleId,
            ["ruleIndex"] = index[ruleId],
            ["level"] = LevelOf(finding.Level),
            ["message"] = new JObject { ["text"] = Sentence(finding.Message) },
            ["locations"] = new JArray(PhysicalLocation(finding.Location, WholeFileLength(finding))),
            ["partialFingerprints"] = new JObject { [FingerprintKey] = finding.Fingerprint },
        };
        if (finding.BaselineState is { } baselineState)
        {
            result["baselineState"] = baselineState;
        }

        if (finding.Suppression is { } suppression)
        {
            var entry = new JObject
            {
                ["kind"] = suppression.Kind is "pragma" or "SuppressMessage" ? "inSource" : "external",
                ["status"] = "accepted",
                ["justification"] = suppression.Justification ?? string.Empty,
            };
            if (suppression.Location is { File.Length: > 0 } where)
            {
                entry["location"] = PhysicalLocation(where);
            }

            var suppressionProperties = new JObject { ["suppressionKind"] = suppression.Kind, ["target"] = suppression.Target };
            if (suppression.Until is { } until)
            {
                suppressionProperties["until"] = until;
                suppressionProperties["expired"] = suppression.Expired;
            }

            entry["properties"] = suppressionProperties;
            result["suppressions"] = new JArray(entry);
        }

        var properties = new JObject
        {
            ["entry"] = finding.EntryId,
            ["list"] = finding.ListId,
            ["diagnosticId"] = finding.Id,
            ["category"] = finding.Category,
            ["severity"] = finding.Severity,
            ["confidence"] = finding.Confidence,
            ["classification"] = finding.Classification,
            ["citation"] = finding.Citation,
            ["sourceStatus"] = finding.SourceStatus,
            ["project"] = finding.Project,
            ["generated"] = finding.Generated,
        };
        if (finding.Evidence.Package is { } package)
        {
            properties["package"] = package.Id + "/" + package.Version;
            properties["dependencyPath"] = new JArray(package.Path);
        }

        if (finding.Evidence.Symbol is { } symbol)
        {
            properties["symbol"] = symbol;
        }

        if (finding.Evidence.ModelFile is { } model)
        {
            properties["modelFile"] = new JObject
            {
                ["kind"] = model.Kind,
                ["sha256"] = model.Sha256,
                ["parameterCount"] = model.ParameterCount,
            };
        }

        if (finding.Evidence.NotRuledOut is { } notRuledOut)
        {
            properties["notRuledOut"] = notRuledOut;
        }

        result["properties"] = properties;
        return result;
    }

    /// <summary>
    /// A location. Line 0 means the file as a whole: a file whose length is known (a model file) gets the binary
    /// region of all its bytes, as the SARIF multitool's SARIF2017 asks of whole-artifact results; any other, no region.
    /// </summary>
    private static JObject PhysicalLocation(Location location, long? wholeFileLength = null)
    {
        var physical = new JObject { ["artifactLocation"] = ArtifactLocation(location.File) };
        if (location.Line <= 0 && wholeFileLength is { } length && length >= 0)
        {
            physical["region"] = new JObject { ["byteOffset"] = 0, ["byteLength"] = length };
        }
        else if (location.Line > 0)
        {
            var region = new JObject { ["startLine"] = location.Line };
            if (location.Column > 0)
            {
                region["startColumn"] = location.Column;
            }

            if (location.EndLine is { } endLine && endLine >= location.Line)
            {
                region["endLine"] = endLine;
            }

            if (location.EndColumn is { } endColumn && location.Column > 0 && (location.EndLine is not { } end || end > location.Line || endColumn > location.Column))
            {
                region["endColumn"] = endColumn;
            }

            physical["region"] = region;
        }

        return new JObject { ["physicalLocation"] = physical };
    }

    /// <summary>The length of the file a whole-file finding is about, when it is the model file itself (not a file in a package).</summary>
    private static long? WholeFileLength(Finding finding) =>
        finding.Evidence.ModelFile is { } model && model.Length > 0 && finding.Evidence.Package?.File is null
        && string.Equals(model.Path.Replace('\\', '/'), finding.Location.File.Replace('\\', '/'), StringComparison.Ordinal)
            ? model.Length
            : null;

    /// <summary>A relative path against <c>%SRCROOT%</c>; an absolute one (a build's report) as a <c>file://</c> URI.</summary>
    private static JObject ArtifactLocation(string path)
    {
        var slashed = path.Replace('\\', '/');
        if (IsAbsolute(slashed))
        {
            return new JObject { ["uri"] = FileUri(slashed) };
        }

        return new JObject { ["uri"] = EscapePath(slashed), ["uriBaseId"] = SourceRootId };
    }

    // ---- run ------------------------------------------------------------------------------------------------------

    private static JObject SourceRoot(string? root)
    {
        var value = new JObject();
        if (root is not null)
        {
            var slashed = root.Replace('\\', '/');
            value["uri"] = FileUri(slashed.EndsWith("/", StringComparison.Ordinal) ? slashed : slashed + "/");
        }

        value["description"] = new JObject { ["text"] = "The folder the scan's paths are relative to (the scan root)." };
        return value;
    }

    private static JObject Invocation(Report report, ReportContext context, List<string> problemIds)
    {
        var invocation = new JObject();
        if (context.Arguments.Count > 0)
        {
            invocation["commandLine"] = "exportlint " + string.Join(" ", context.Arguments.Select(Quote));
            invocation["arguments"] = new JArray(context.Arguments);
        }

        invocation["executionSuccessful"] = !report.Problems.Any(p => p.Incomplete);
        if (context.ExitCode is { } code)
        {
            invocation["exitCode"] = code;
        }

        if (report.Timestamp is { } timestamp)
        {
            invocation["endTimeUtc"] = timestamp;
        }

        if (context.WorkingDirectory is { } root)
        {
            var slashed = root.Replace('\\', '/');
            invocation["workingDirectory"] = new JObject { ["uri"] = FileUri(slashed.EndsWith("/", StringComparison.Ordinal) ? slashed : slashed + "/") };
        }

        invocation["toolExecutionNotifications"] = new JArray(report.Problems.Select(p =>
        {
            var notification = new JObject
            {
                ["descriptor"] = new JObject { ["id"] = p.Id, ["index"] = problemIds.IndexOf(p.Id) },
                ["level"] = LevelOf(p.Level),
                ["message"] = new JObject { ["text"] = Sentence(p.Message) },
            };
            if (p.Location.File.Length > 0)
            {
                notification["locations"] = new JArray(PhysicalLocation(p.Location));
            }

            notification["properties"] = new JObject { ["incomplete"] = p.Incomplete, ["project"] = p.Project };
            return notification;
        }));
        return invocation;
    }

    private static JObject RunProperties(Report report)
    {
        var properties = new JObject
        {
            ["reportTool"] = report.Tool.Name,
            ["asOf"] = report.AsOf,
            ["failOn"] = report.FailOn,
            ["skipGeneratedCode"] = report.SkipGeneratedCode,
            ["controlLists"] = new JArray(report.ControlLists.Select(l => new JObject { ["id"] = l.Id, ["version"] = l.Version, ["path"] = l.Path })),
        };
        if (report.Shard is { } shard)
        {
            properties["shard"] = shard;
        }

        properties["summary"] = JObject.FromObject(report.Summary);
        if (report.Baseline is { } baseline)
        {
            properties["baseline"] = JObject.FromObject(baseline);
        }

        return properties;
    }

    // ---- text -----------------------------------------------------------------------------------------------------

    private static string LevelOf(string level) => level switch
    {
        Levels.Error => "error",
        Levels.Warning => "warning",
        _ => "note",
    };

    private static string LevelOfSeverity(string severity) => severity switch
    {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    };

    /// <summary>Ends a text with a period (SARIF's guidance for messages), unless it ends with punctuation already.</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length == 0 || trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("!", StringComparison.Ordinal) || trimmed.EndsWith("?", StringComparison.Ordinal)
            ? trimmed
            : trimmed + ".";
    }

    private static string Before(string text, string separator)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        return at > 0 ? text.Substring(0, at) : text;
    }

    /// <summary>"Loads model weights" → "LoadsModelWeights": the rule's readable name.</summary>
    private static string PascalName(string text)
    {
        var name = new StringBuilder();
        var upper = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return name.Length == 0 || char.IsDigit(name[0]) ? "Rule" + name : name.ToString();
    }

    private static string SourceText(ReportSource source)
    {
        var text = new StringBuilder(source.Regulation);
        if (source.Section is { Length: > 0 } section)
        {
            text.Append(' ').Append(section);
        }

        text.Append(", ").Append(source.Status);
        if (source.StatusDate is { } date)
        {
            text.Append(" since ").Append(date);
        }

        if (source.Effective is { } effective)
        {
            text.Append(", effective ").Append(effective);
        }

        return text.ToString();
    }

    private static string Markdown(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return escaped.ToString();
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or ':' or '=' or '+' or '@' or '%')
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";

    private static bool IsAbsolute(string slashed) =>
        slashed.StartsWith("/", StringComparison.Ordinal) || (slashed.Length >= 3 && char.IsLetter(slashed[0]) && slashed[1] == ':' && slashed[2] == '/');

    /// <summary><c>/a b/c</c> → <c>file:///a%20b/c</c>; <c>C:/x</c> → <c>file:///C:/x</c>.</summary>
    internal static string FileUri(string absoluteSlashed)
    {
        var path = absoluteSlashed.StartsWith("/", StringComparison.Ordinal) ? absoluteSlashed : "/" + absoluteSlashed;
        if (path.Length >= 3 && path[2] == ':')
        {
            return "file:///" + path.Substring(1, 2) + EscapePath(path.Substring(3));
        }

        return "file://" + EscapePath(path);
    }

    /// <summary>Percent-encodes each segment of a path, keeping the slashes.</summary>
    internal static string EscapePath(string slashed) =>
        string.Join("/", slashed.Split('/').Select(Uri.EscapeDataString));
}
