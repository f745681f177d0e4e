using System.Collections.Immutable;

namespace ExportLint.ControlLists;

/// <summary>
/// One control-list file as written: its own entries, plus what it extends, overrides and disables. The
/// effective list, with everything it extends merged in, is a <see cref="ResolvedControlList"/>.
/// </summary>
public sealed class ControlList
{
    /// <summary>Creates a list.</summary>
    public ControlList(
        string id,
        string? version,
        string? title,
        string? description,
        string path,
        ImmutableArray<ListReference> extends,
        ImmutableArray<Source> sources,
        ImmutableArray<Entry> entries,
        ImmutableArray<EntryOverride> overrides,
        ImmutableArray<ListReference> disable)
    {
        Id = id;
        Version = version;
        Title = title;
        Description = description;
        Path = path;
        Extends = extends;
        Sources = sources;
        Entries = entries;
        Overrides = overrides;
        Disable = disable;
    }

    /// <summary>The list's id (<c>controllist:</c>), by which others extend it.</summary>
    public string Id { get; }

    /// <summary>The list's own version.</summary>
    public string? Version { get; }

    /// <summary>A title for people.</summary>
    public string? Title { get; }

    /// <summary>A longer description.</summary>
    public string? Description { get; }

    /// <summary>Where the list was read from.</summary>
    public string Path { get; }

    /// <summary>The lists it extends, by id or by path.</summary>
    public ImmutableArray<ListReference> Extends { get; }

    /// <summary>The sources it defines.</summary>
    public ImmutableArray<Source> Sources { get; }

    /// <summary>The entries it defines.</summary>
    public ImmutableArray<Entry> Entries { get; }

    /// <summary>Changes it makes to entries of the lists it extends.</summary>
    public ImmutableArray<EntryOverride> Overrides { get; }

    /// <summary>Entries of the lists it extends that it turns off.</summary>
    public ImmutableArray<ListReference> Disable { get; }
}

/// <summary>A name written in a list (a list id or path, an entry id) with where it is written.</summary>
public readonly record struct ListReference(string Value, SourceLocation Location);

/// <summary>An overlay's change to an entry it extends.</summary>
public sealed class EntryOverride
{
    /// <summary>Creates an override.</summary>
    public EntryOverride(ListReference entry, Severity? severity, string? message, string? classification)
    {
        Entry = entry;
        Severity = severity;
        Message = message;
        Classification = classification;
    }

    /// <summary>The entry changed.</summary>
    public ListReference Entry { get; }

    /// <summary>Its new severity.</summary>
    public Severity? Severity { get; }

    /// <summary>Its new message.</summary>
    public string? Message { get; }

    /// <summary>Its new classification.</summary>
    public string? Classification { get; }
}
