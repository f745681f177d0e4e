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
/// <c>PackageReference</c>, <c>PackageVersion</c>, <c>GlobalPackageReference</c> and <c>ExportLintSuppress</c>.
/// </summary>
internal sealed class ProjectXmlLocations
{
    private readonly Dictionary<string, Dictionary<string, FileLocation>> _byElement = new(StringComparer.OrdinalIgnoreCase);

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
                    var key = part.Trim();
                    if (key.Length > 0 && !ids.ContainsKey(key))
                    {
                        ids[key] = new FileLocation(path!, line.LineNumber, line.LinePosition);
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
}
