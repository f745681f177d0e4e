namespace ExportLint.ControlLists.Matching;

/// <summary>
/// Native library names across platform spellings: <c>cudart64_12.dll</c>, <c>libcudart.so.12</c>,
/// <c>libcudart.12.dylib</c> and <c>cudart</c> all normalise to <c>cudart</c>.
/// </summary>
public static class NativeLibraryName
{
    /// <summary>The platform-free base name of a library: no folder, no 'lib' prefix, no extension, no version or bitness suffix; lower case.</summary>
    public static string Normalize(string name)
    {
        var text = name.Trim();
        var slash = Math.Max(text.LastIndexOf('/'), text.LastIndexOf('\\'));
        if (slash >= 0)
        {
            text = text.Substring(slash + 1);
        }

        text = text.ToLowerInvariant();

        // Strip extensions and the version numbers that Linux and macOS put around them: .so.12.1, .12.dylib, .dll.
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var extension in Extensions)
            {
                if (text.EndsWith(extension, StringComparison.Ordinal) && text.Length > extension.Length)
                {
                    text = text.Substring(0, text.Length - extension.Length);
                    changed = true;
                }
            }

            var end = text.Length;
            while (end > 0 && (char.IsDigit(text[end - 1]) || text[end - 1] == '.'))
            {
                end--;
            }

            if (end > 0 && end < text.Length && text[end] == '.')
            {
                text = text.Substring(0, end);
                changed = true;
            }
        }

        if (text.StartsWith("lib", StringComparison.Ordinal) && text.Length > 3)
        {
            text = text.Substring(3);
        }

        // Windows puts bitness and major version in the name: cudart64_12, cublas64_12, nvinfer_10, amdhip64_6.
        var cut = text.Length;
        while (cut > 0 && (char.IsDigit(text[cut - 1]) || text[cut - 1] is '_' or '-' or '.'))
        {
            cut--;
        }

        return cut > 0 ? text.Substring(0, cut) : text;
    }

    private static readonly string[] Extensions = [".dll", ".so", ".dylib", ".exe"];
}

/// <summary>A native-library pattern: a name (or glob) compared after <see cref="NativeLibraryName.Normalize"/>.</summary>
public sealed class NativeLibraryPattern
{
    private readonly Glob _glob;

    /// <summary>Creates a pattern from a name as the list writes it.</summary>
    public NativeLibraryPattern(string name)
    {
        Name = name;
        _glob = Glob.ForName(name.IndexOfAny(['*', '?']) >= 0 ? name.ToLowerInvariant() : NativeLibraryName.Normalize(name), ignoreCase: true);
    }

    /// <summary>The name as written.</summary>
    public string Name { get; }

    /// <summary>Whether a library name as code spells it is this library.</summary>
    public bool Matches(string libraryName) => _glob.IsMatch(NativeLibraryName.Normalize(libraryName));

    /// <inheritdoc />
    public override string ToString() => Name;
}
