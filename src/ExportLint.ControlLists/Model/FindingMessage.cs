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

    /// <summary>
    /// What a model-file finding shows in parentheses, on every surface: "models/w.gguf: gguf, 2 tensors, 64
    /// parameters; Content item", then why a threshold could not rule the file out, when it could not.
    /// </summary>
    public static string ModelFile(string file, string kind, long? tensorCount, long? parameterCount, string where, string? notRuledOut) =>
        file + ": " + kind + ", " + Count(tensorCount) + " tensors, " + Count(parameterCount) + " parameters; " + where
        + (notRuledOut is null ? string.Empty : "; " + notRuledOut);

    /// <summary>A count as messages write it (grouped digits), or "unknown" when the header did not say.</summary>
    public static string Count(long? value) =>
        value is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "unknown";
}
