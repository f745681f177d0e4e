namespace ExportLint.ControlLists;

/// <summary>
/// The message of a finding, on every surface (analyzers, build task, CLI): "Loads model weights (X) — entry E, ECCN
/// 4E091 (non-enforced since 2025-05-13)". The one place the template is written.
/// </summary>
public static class FindingMessage
{
    /// <summary>The entry's message, what was found (<paramref name="what"/>, in parentheses), the entry's id and its citation.</summary>
    public static string Format(Entry entry, string what) =>
        entry.Message + " (" + what + ") — entry " + entry.Id + ", " + entry.Citation;
}
