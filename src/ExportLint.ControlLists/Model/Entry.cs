using System.Collections.Immutable;

namespace ExportLint.ControlLists;

/// <summary>One item of a control list: what it matches, why, and how it is reported.</summary>
public sealed class Entry
{
    /// <summary>Creates an entry.</summary>
    public Entry(
        string id,
        string listId,
        Category category,
        EntryAction action,
        Severity severity,
        string? classification,
        ListReference? sourceReference,
        Source? source,
        string message,
        string? rationale,
        DateTime? effective,
        DateTime? expires,
        ImmutableArray<string> tags,
        EntryMatch match,
        SourceLocation location,
        string? notes = null)
    {
        Id = id;
        ListId = listId;
        Category = category;
        Action = action;
        Severity = severity;
        Classification = classification;
        SourceReference = sourceReference;
        Source = source;
        Message = message;
        Rationale = rationale;
        Effective = effective;
        Expires = expires;
        Tags = tags;
        Match = match;
        Location = location;
        Notes = notes;
    }

    /// <summary>The entry's id, unique across a list and everything it extends.</summary>
    public string Id { get; }

    /// <summary>The id of the list that defines the entry.</summary>
    public string ListId { get; }

    /// <summary>What kind of component it is about.</summary>
    public Category Category { get; }

    /// <summary>For model weights: loading or saving.</summary>
    public EntryAction Action { get; }

    /// <summary>How a finding is reported, after overlays.</summary>
    public Severity Severity { get; }

    /// <summary>The classification, e.g. "ECCN 4E091".</summary>
    public string? Classification { get; }

    /// <summary>The id of the source it cites, as written.</summary>
    public ListReference? SourceReference { get; }

    /// <summary>The source it cites, if any.</summary>
    public Source? Source { get; }

    /// <summary>What a finding says, e.g. "Loads model weights".</summary>
    public string Message { get; }

    /// <summary>Why the entry exists.</summary>
    public string? Rationale { get; }

    /// <summary>
    /// For the list's maintainers: how the entry's names were verified (the package and version they were resolved
    /// against, or the public source that confirmed them). Never part of a finding.
    /// </summary>
    public string? Notes { get; }

    /// <summary>The first day the entry applies.</summary>
    public DateTime? Effective { get; }

    /// <summary>The first day the entry no longer applies.</summary>
    public DateTime? Expires { get; }

    /// <summary>Free tags.</summary>
    public ImmutableArray<string> Tags { get; }

    /// <summary>What it matches.</summary>
    public EntryMatch Match { get; }

    /// <summary>Where the entry is defined.</summary>
    public SourceLocation Location { get; }

    /// <summary>The diagnostic ID a finding of this entry in code carries.</summary>
    public string CodeDiagnosticId => DiagnosticIds.ForCodeFinding(Category, Action);

    /// <summary>Whether the entry applies on a day (its effective and expiry dates).</summary>
    public bool AppliesOn(DateTime day) =>
        (Effective is not { } from || day.Date >= from) && (Expires is not { } until || day.Date < until);

    /// <summary>
    /// The classification and the status of its source, as a message shows it:
    /// "ECCN 4E091 (non-enforced since 2025-05-13)".
    /// </summary>
    public string Citation
    {
        get
        {
            var classification = Classification ?? Source?.Section;
            if (classification is null)
            {
                return Source is null ? "no classification" : Source.StatusText;
            }

            return Source is null ? classification : $"{classification} ({Source.StatusText})";
        }
    }

    /// <summary>
    /// Whether a match of this entry is reported at all: an entry of severity <c>none</c> reports nothing anywhere
    /// (analyzers, build task, CLI). The one place this rule is written.
    /// </summary>
    public bool Reports => Severity != Severity.None;

    /// <summary>A copy with a different severity, message or classification (an overlay's override).</summary>
    public Entry With(Severity? severity = null, string? message = null, string? classification = null) =>
        new(Id, ListId, Category, Action, severity ?? Severity, classification ?? Classification, SourceReference, Source, message ?? Message, Rationale, Effective, Expires, Tags, Match, Location, Notes);

    internal Entry WithSource(Source? source) =>
        new(Id, ListId, Category, Action, Severity, Classification, SourceReference, source, Message, Rationale, Effective, Expires, Tags, Match, Location, Notes);
}
