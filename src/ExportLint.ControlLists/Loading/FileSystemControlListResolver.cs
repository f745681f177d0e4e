namespace ExportLint.ControlLists.Loading;

/// <summary>
/// Resolves <c>extends</c> from the file system, for the build task and the command-line tool (analyzers use
/// <see cref="InMemoryControlListResolver"/> over their AdditionalFiles instead: they may not read files).
/// </summary>
public sealed class FileSystemControlListResolver : IControlListResolver
{
    private readonly InMemoryControlListResolver _known;

    /// <summary>Creates a resolver that also knows the given documents by id.</summary>
    public FileSystemControlListResolver(IReadOnlyList<ControlListDocument> known) => _known = new InMemoryControlListResolver(known);

    /// <summary>Reads a list from disk, or returns a problem that says why it could not be read.</summary>
    public static ControlListDocument? TryRead(string path, out string? error)
    {
        error = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = $"the control list '{path}' does not exist";
                return null;
            }

            if (info.Length > ControlListLimits.MaxCharacters * 4L)
            {
                error = $"the control list '{path}' is {info.Length / (1024.0 * 1024.0):0.0} MiB; a control list may be at most {ControlListLimits.MaxCharacters / (1024 * 1024)} MiB";
                return null;
            }

            return new ControlListDocument(info.FullName, File.ReadAllText(info.FullName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"the control list '{path}' could not be read: {ex.Message}";
            return null;
        }
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

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromPath) ?? ".", reference));
        return TryRead(full, out _);
    }
}
