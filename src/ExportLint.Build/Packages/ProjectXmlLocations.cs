using System.Xml;
using System.Xml.Linq;

namespace ExportLint.Build.Packages;

/// <summary>A place in a file, as MSBuild reports it (line and column 0 mean "the file").</summary>
internal readonly record struct FileLocation(string File, int Line, int Column)
{
    public static FileLocation Of(string file) => new(file, 0, 0);
}

/// <summary>
/// The lines of the elements ExportLint points at in a project file or Directory.Packages.props:
/// <c>PackageReference</c>, <c>PackageVersion</c>, <c>GlobalPackageReference</c> and <c>ExportLintSuppress</c>, by the
/// id an item carries (unescaped); and each <c>Include</c> as written, for what MSBuild dropped (a wildcard that
/// matched no file).
/// </summary>
internal sealed class ProjectXmlLocations
{
    private readonly Dictionary<string, Dictionary<string, FileLocation>> _byElement = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Element, string Include, FileLocation Location)> _written = [];

    private ProjectXmlLocations(string path) => Path = path;

    public string Path { get; }

    /// <summary>Reads a file; a file that is missing or not XML gives an empty index (the build reports that itself).</summary>
    public static ProjectXmlLocations Read(string? path)
    {
        var result = new ProjectXmlLocations(path ?? string.Empty);
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return result;
        }

        try
        {
            var document = XDocument.Load(path, LoadOptions.SetLineInfo);
            foreach (var element in document.Descendants())
            {
                var id = (string?)element.Attribute("Include") ?? (string?)element.Attribute("Update");
                if (id is null)
                {
                    continue;
                }

                if (!result._byElement.TryGetValue(element.Name.LocalName, out var ids))
                {
                    ids = new Dictionary<string, FileLocation>(StringComparer.OrdinalIgnoreCase);
                    result._byElement[element.Name.LocalName] = ids;
                }

                var line = (IXmlLineInfo)element;
                foreach (var part in id.Split(';'))
                {
                    // Keyed as the task receives an item (MSBuild unescapes %2A to '*'), kept as written too.
                    var written = part.Trim();
                    var key = Unescape(written);
                    var location = new FileLocation(path!, line.LineNumber, line.LinePosition);
                    if (written.Length > 0)
                    {
                        result._written.Add((element.Name.LocalName, written, location));
                    }

                    if (key.Length > 0 && !ids.ContainsKey(key))
                    {
                        ids[key] = location;
                    }
                }
            }
        }
        catch (XmlException)
        {
        }

        return result;
    }

    public FileLocation? Find(string elementName, string id) =>
        _byElement.TryGetValue(elementName, out var ids) && ids.TryGetValue(id, out var location) ? location : null;

    /// <summary>Every <c>Include</c> (or <c>Update</c>) part of the elements of a name, as written in the file (still escaped), in file order.</summary>
    public IEnumerable<(string Include, FileLocation Location)> Written(string elementName) =>
        _written.Where(w => string.Equals(w.Element, elementName, StringComparison.OrdinalIgnoreCase)).Select(w => (w.Include, w.Location));

    /// <summary>MSBuild's unescaping: <c>%XX</c> (two hex digits) is the character XX.</summary>
    public static string Unescape(string text)
    {
        if (text.IndexOf('%') < 0)
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                result.Append((char)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}
