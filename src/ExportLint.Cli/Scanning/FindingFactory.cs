using ExportLint.ControlLists;
using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Makes report findings from control-list entries, with the message, severity, classification and citation every
/// surface gives them (the analyzers' message form: "Loads model weights (X) — entry E, citation").
/// </summary>
internal sealed class FindingFactory
{
    private readonly string _failOn;

    public FindingFactory(string failOn) => _failOn = failOn;

    /// <summary>A finding of an entry; null for an entry whose severity is <c>none</c> (which reports nothing anywhere).</summary>
    public Finding? Create(string id, Entry entry, string what, Location location, string confidence, string? project)
    {
        if (!entry.Reports)
        {
            return null;
        }

        return Create(id, entry, ControlListNames.Of(entry.Severity), FindingMessage.Format(entry, what), location, confidence, project);
    }

    /// <summary>A finding with a given severity and message (the analyzers' effective severity and text).</summary>
    public Finding Create(string id, Entry? entry, string severity, string message, Location location, string confidence, string? project) => new()
    {
        Id = id,
        EntryId = entry?.Id ?? string.Empty,
        ListId = entry?.ListId ?? string.Empty,
        Category = entry is null ? string.Empty : ControlListNames.Of(entry.Category),
        Severity = severity,
        Level = Levels.Of(severity, _failOn),
        Confidence = confidence,
        Classification = entry?.Classification,
        Citation = entry?.Citation,
        SourceStatus = entry?.Source is { } source ? ControlListNames.Of(source.Status) : null,
        Message = message,
        HelpUri = DiagnosticIds.HelpLink(id),
        Location = location,
        Project = project,
    };
}
