using ExportLint.ControlLists.IO;

namespace ExportLint.ControlLists.Loading;

/// <summary>
/// Resolves <c>extends</c> from the file system, for the build task and the command-line tool (analyzers use
/// <see cref="InMemoryControlListResolver"/> over their AdditionalFiles instead: they may not read files).
/// Reads only regular files (never a FIFO or a device), at most <see cref="MaxBytes"/> of them.
/// </summary>
public sealed class FileSystemControlListResolver : IControlListResolver
{
    /// <summary>The largest list file read, in bytes (the loader's character limit, as UTF-8 of ASCII text).</summary>
    public const long MaxBytes = ControlListLimits.MaxCharacters;

    private readonly InMemoryControlListResolver _known;

    /// <summary>Creates a resolver that also knows the given documents by id.</summary>
    public FileSystemControlListResolver(IReadOnlyList<ControlListDocument> known) => _known = new InMemoryControlListResolver(known);

    /// <summary>
    /// Reads a list from disk, or returns a problem that says why it could not be read. Every problem names the
    /// file; none holds any of its content.
    /// </summary>
    public static ControlListDocument? TryRead(string path, out string? error)
    {
        error = null;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            error = $"the control list '{path}' could not be read: {ex.Message}";
            return null;
        }

        var text = RegularFile.TryReadText(full, MaxBytes, out var reason);
        if (text is null)
        {
            error = reason == "it does not exist"
                ? $"the control list '{path}' does not exist"
                : $"the control list '{path}' could not be read: {reason}";
            return null;
        }

        return new ControlListDocument(full, text);
    }

    /// <inheritdoc />
    public ControlListDocument? ResolveId(string id) => _known.ResolveId(id);

    /// <inheritdoc />
    public ControlListDocument? ResolvePath(string fromPath, string reference)
    {
        if (_known.ResolvePath(fromPath, reference) is { } known)
        {
            return known;
        }

        if (fromPath.StartsWith(EmbeddedControlLists.PathPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromPath) ?? ".", reference));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return ControlListDocument.Unreadable(reference, ex.Message);
        }

        // The loader has checked the name the list gives; the file it leads to must be a control list by name too
        // (a symbolic link named base.controllist.yaml that points at /etc/shadow is read, and then reported by its
        // name alone because it is not a control list: see ControlListParser).
        if (!ControlListFileNames.IsControlListName(full))
        {
            return ControlListDocument.Unreadable(full, $"it is not named *{ControlListFileNames.Yaml} or *{ControlListFileNames.Yml}");
        }

        var text = RegularFile.TryReadText(full, MaxBytes, out var reason);
        if (text is null)
        {
            return reason == "it does not exist" ? null : ControlListDocument.Unreadable(full, reason!);
        }

        return new ControlListDocument(full, text);
    }
}

/// <summary>The names a control-list file may have when another list extends it by path.</summary>
public static class ControlListFileNames
{
    /// <summary>The usual ending.</summary>
    public const string Yaml = ".controllist.yaml";

    /// <summary>The short ending.</summary>
    public const string Yml = ".controllist.yml";

    /// <summary>Whether a path or reference ends like a control-list file (case-insensitively).</summary>
    public static bool IsControlListName(string path) =>
        path.EndsWith(Yaml, StringComparison.OrdinalIgnoreCase) || path.EndsWith(Yml, StringComparison.OrdinalIgnoreCase);
}
