using System.Reflection;

namespace ExportLint.ControlLists.Loading;

/// <summary>The text of one control-list file and the path it is known by.</summary>
public sealed class ControlListDocument
{
    private readonly Func<string>? _read;
    private string? _text;

    /// <summary>Creates a document.</summary>
    public ControlListDocument(string path, string text)
    {
        Path = path;
        _text = text;
    }

    // A shipped list: its text is read from the assembly only if someone asks for it, because the loader uses the
    // list's compiled form (CompiledControlLists) and never parses the YAML.
    internal ControlListDocument(string path, Func<string> text, ControlList? compiled)
    {
        Path = path;
        _read = text;
        Compiled = compiled;
    }

    /// <summary>
    /// A list a resolver found but could not read (not a regular file, too large, unreadable, badly named): the
    /// loader reports <paramref name="reason"/> at the <c>extends</c> that named it. The reason must not quote the
    /// file's content.
    /// </summary>
    public static ControlListDocument Unreadable(string path, string reason) => new(path, string.Empty) { ReadError = reason };

    /// <summary>Why the file could not be read (see <see cref="Unreadable"/>); null for a document that was read.</summary>
    public string? ReadError { get; private set; }

    /// <summary>The path problems are reported at (a file path, or <c>embedded:NAME</c> for a shipped list).</summary>
    public string Path { get; }

    /// <summary>The YAML text.</summary>
    public string Text => _text ??= _read!();

    /// <summary>For a shipped list, the list as compiled from its YAML when ExportLint was built.</summary>
    internal ControlList? Compiled { get; }

    /// <summary>Whether this is a list shipped inside ExportLint.</summary>
    public bool IsEmbedded => Path.StartsWith(EmbeddedControlLists.PathPrefix, StringComparison.Ordinal);
}

/// <summary>Finds the lists that <c>extends</c> names. The loader itself does no IO.</summary>
public interface IControlListResolver
{
    /// <summary>A list by its id (<c>extends: [exportlint-default]</c>), or null.</summary>
    ControlListDocument? ResolveId(string id);

    /// <summary>A list by a path relative to the list that names it (<c>extends: [./base.controllist.yaml]</c>), or null.</summary>
    ControlListDocument? ResolvePath(string fromPath, string reference);
}

/// <summary>The control lists shipped inside ExportLint, embedded in this assembly.</summary>
public static class EmbeddedControlLists
{
    /// <summary>The prefix of an embedded list's path.</summary>
    public const string PathPrefix = "embedded:";

    /// <summary>The id of the default inventory list.</summary>
    public const string DefaultId = "exportlint-default";

    private const string ResourcePrefix = "ExportLint.Rules.";
    private const string Suffix = ".controllist.yaml";
    private static readonly Lazy<SortedDictionary<string, ControlListDocument>> Documents = new(LoadAll);

    /// <summary>Every embedded list, by id (a shipped list's id is its file name without <c>.controllist.yaml</c>).</summary>
    public static IReadOnlyDictionary<string, ControlListDocument> All => Documents.Value;

    /// <summary>The default inventory list.</summary>
    public static ControlListDocument Default => All[DefaultId];

    /// <summary>An embedded list by id, or null.</summary>
    public static ControlListDocument? Find(string id) => All.TryGetValue(id, out var document) ? document : null;

    private static SortedDictionary<string, ControlListDocument> LoadAll()
    {
        var assembly = typeof(EmbeddedControlLists).GetTypeInfo().Assembly;
        var result = new SortedDictionary<string, ControlListDocument>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = name.Substring(ResourcePrefix.Length);
            var id = fileName.Substring(0, fileName.Length - Suffix.Length);
            var resourceName = name;
            result[id] = new ControlListDocument(PathPrefix + fileName, () => ReadResource(assembly, resourceName), CompiledControlLists.Find(id));
        }

        return result;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Resolves <c>extends</c> from a set of documents already in hand, then from the embedded lists. Does no IO.</summary>
public sealed class InMemoryControlListResolver : IControlListResolver
{
    private readonly IReadOnlyList<ControlListDocument> _documents;
    private readonly Func<string, string, string> _combinePath;
    private Dictionary<string, ControlListDocument>? _byId;

    /// <summary>Creates a resolver over documents; <paramref name="combinePath"/> joins a list's path and a relative reference.</summary>
    public InMemoryControlListResolver(IReadOnlyList<ControlListDocument> documents, Func<string, string, string>? combinePath = null)
    {
        _documents = documents;
        _combinePath = combinePath ?? CombinePath;
    }

    /// <inheritdoc />
    public ControlListDocument? ResolveId(string id)
    {
        _byId ??= IndexById();
        return _byId.TryGetValue(id, out var document) ? document : EmbeddedControlLists.Find(id);
    }

    /// <inheritdoc />
    public ControlListDocument? ResolvePath(string fromPath, string reference)
    {
        var full = NormalizePath(_combinePath(fromPath, reference));
        foreach (var document in _documents)
        {
            if (string.Equals(NormalizePath(document.Path), full, StringComparison.OrdinalIgnoreCase))
            {
                return document;
            }
        }

        return null;
    }

    /// <summary>Joins the folder of <paramref name="fromPath"/> and a relative reference, '/'-separated, resolving '.' and '..'.</summary>
    public static string CombinePath(string fromPath, string reference)
    {
        var normalized = reference.Replace('\\', '/');
        if (normalized.StartsWith("/", StringComparison.Ordinal) || (normalized.Length > 1 && normalized[1] == ':'))
        {
            return normalized;
        }

        var from = fromPath.Replace('\\', '/');
        var slash = from.LastIndexOf('/');
        return (slash >= 0 ? from.Substring(0, slash + 1) : string.Empty) + normalized;
    }

    /// <summary>A path with '/' separators and '.' and '..' segments resolved.</summary>
    public static string NormalizePath(string path)
    {
        var parts = new List<string>();
        var normalized = path.Replace('\\', '/');
        foreach (var part in normalized.Split('/'))
        {
            if (part == "." || (part.Length == 0 && parts.Count > 0))
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join("/", parts);
    }

    private Dictionary<string, ControlListDocument> IndexById()
    {
        // A list's id is read cheaply from its "controllist:" line; documents that do not say are found by path only.
        var result = new Dictionary<string, ControlListDocument>(StringComparer.Ordinal);
        foreach (var document in _documents)
        {
            if (ReadDeclaredId(document.Text) is { } id && !result.ContainsKey(id))
            {
                result[id] = document;
            }
        }

        return result;
    }

    internal static string? ReadDeclaredId(string text)
    {
        using var reader = new StringReader(text);
        for (var i = 0; i < 200 && reader.ReadLine() is { } line; i++)
        {
            if (line.StartsWith("controllist:", StringComparison.Ordinal))
            {
                var value = line.Substring("controllist:".Length);
                var hash = value.IndexOf(" #", StringComparison.Ordinal);
                if (hash >= 0)
                {
                    value = value.Substring(0, hash);
                }

                return value.Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}
