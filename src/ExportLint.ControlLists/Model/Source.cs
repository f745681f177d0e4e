using ExportLint.ControlLists.Loading;

namespace ExportLint.ControlLists;

/// <summary>A citation an entry rests on: a regulation or rule, with where it stands and since when.</summary>
public sealed class Source
{
    /// <summary>Creates a source.</summary>
    public Source(string id, string regulation, string? section, string? url, DateTime? effective, SourceStatus status, DateTime? statusDate, string? notes, SourceLocation location)
    {
        Id = id;
        Regulation = regulation;
        Section = section;
        Url = url;
        Effective = effective;
        Status = status;
        StatusDate = statusDate;
        Notes = notes;
        Location = location;
    }

    /// <summary>The id entries cite it by.</summary>
    public string Id { get; }

    /// <summary>The regulation, e.g. "Export Administration Regulations (15 CFR 730-774)".</summary>
    public string Regulation { get; }

    /// <summary>The section or item, e.g. "ECCN 4E091".</summary>
    public string? Section { get; }

    /// <summary>Where to read it.</summary>
    public string? Url { get; }

    /// <summary>When it took effect.</summary>
    public DateTime? Effective { get; }

    /// <summary>Where it stands.</summary>
    public SourceStatus Status { get; }

    /// <summary>Since when it stands so.</summary>
    public DateTime? StatusDate { get; }

    /// <summary>Free text for the reader.</summary>
    public string? Notes { get; }

    /// <summary>Where the source is defined.</summary>
    public SourceLocation Location { get; }

    /// <summary>
    /// The source as it stood on a day: a source non-enforced or rescinded since a later day was in force before it
    /// (from its effective date; proposed before that), and an active source was only proposed before it took effect.
    /// So 4E091, non-enforced since 2025-05-13, reads "active since 2025-01-15" as of 2025-03-01.
    /// </summary>
    public Source On(DateTime day)
    {
        day = day.Date;
        var before = Effective is { } effective && day < effective.Date;
        if (Status is SourceStatus.NonEnforced or SourceStatus.Rescinded && StatusDate is { } since && day < since.Date)
        {
            return before
                ? new Source(Id, Regulation, Section, Url, Effective, SourceStatus.Proposed, null, Notes, Location)
                : new Source(Id, Regulation, Section, Url, Effective, SourceStatus.Active, Effective, Notes, Location);
        }

        if (Status == SourceStatus.Active && before)
        {
            return new Source(Id, Regulation, Section, Url, Effective, SourceStatus.Proposed, null, Notes, Location);
        }

        return this;
    }

    /// <summary>The status as a reader wants it, e.g. "non-enforced since 2025-05-13".</summary>
    public string StatusText => StatusDate is { } date
        ? $"{ControlListNames.Of(Status)} since {ExportLintClock.Format(date)}"
        : ControlListNames.Of(Status);
}

/// <summary>Where something of a control list is written: the list's path and a position in it.</summary>
public readonly record struct SourceLocation(string Path, TextPosition Position)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}({Position.Line},{Position.Column})";
}
