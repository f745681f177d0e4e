using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// A .NET Interactive / Polyglot notebook (<c>.ipynb</c> with a .NET kernel, or <c>.dib</c>) read as source mode reads
/// a C# script: its C# cells in order, as one script, with where each line of that script came from in the notebook's
/// file, so that a finding points at the notebook. Its <c>#r "nuget: …"</c> lines are taken out as packages (the
/// compiler accepts <c>#r</c> only before a script's first token, and a notebook has them in any cell), and its magic
/// commands (<c>#!time</c>, …) are left out. Cells in other languages are counted, not read.
/// </summary>
internal sealed partial class Notebook
{
    private readonly StringBuilder _script = new();
    // Per line of the script: its line in the file, the file column of its first character, and, for a JSON string with
    // escapes, the file column of each of its characters.
    private readonly List<(int Line, int Column, int[]? Columns)> _origins = [];

    private Notebook()
    {
    }

    /// <summary>The C# cells, one after the other.</summary>
    public string Script => _script.ToString();

    /// <summary>The <c>#r "nuget: …"</c> references of the C# cells, each with its line and column in the file.</summary>
    public List<(ScriptPackage Package, int Line, int Column, int Length)> Packages { get; } = [];

    public int CSharpCells { get; private set; }

    /// <summary>Code cells in other languages (F#, PowerShell, SQL …), by language: not analysed.</summary>
    public SortedDictionary<string, int> OtherCells { get; } = new(StringComparer.Ordinal);

    /// <summary>Where a position of <see cref="Script"/> (1-based line and column) is in the file.</summary>
    public (int Line, int Column) Origin(int scriptLine, int column)
    {
        if (_origins.Count == 0)
        {
            return (1, 1);
        }

        var (line, first, columns) = _origins[Math.Clamp(scriptLine - 1, 0, _origins.Count - 1)];
        return columns is not null && column - 1 < columns.Length ? (line, columns[Math.Max(column - 1, 0)]) : (line, first + column - 1);
    }

    /// <summary>Reads a notebook by its extension; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static Notebook Read(string path)
    {
        var notebook = new Notebook();
        if (string.Equals(Path.GetExtension(path), ".dib", StringComparison.OrdinalIgnoreCase))
        {
            notebook.ReadDib(File.ReadAllLines(path));
        }
        else
        {
            notebook.ReadIpynb(File.ReadAllText(path));
        }

        return notebook;
    }

    // .dib: "#!csharp", "#!fsharp", "#!markdown" … open a cell; lines before the first one are the default kernel's
    // (given in a first "#!meta" cell, else C#).
    private void ReadDib(string[] lines)
    {
        var defaultKernel = "csharp";
        var kernel = defaultKernel;
        var counted = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("#!", StringComparison.Ordinal) && CellMarker(line.Substring(2).Trim()) is { } marker)
            {
                if (marker == "meta" && i + 1 < lines.Length && DefaultKernel().Match(lines[i + 1]) is { Success: true } meta)
                {
                    defaultKernel = Kernel(meta.Groups[1].Value) ?? defaultKernel;
                }

                kernel = marker;
                counted = false;
                continue;
            }

            if (kernel is "markdown" or "meta" or "value" || string.IsNullOrWhiteSpace(line) && !counted)
            {
                continue;
            }

            if (!counted)
            {
                Count(kernel);
                counted = true;
            }

            if (kernel == "csharp")
            {
                Add(line, i + 1, 1, null);
            }
        }
    }

    private void ReadIpynb(string json)
    {
        JObject document;
        try
        {
            document = JObject.Parse(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"it is not a notebook's JSON: {ex.Message}", ex);
        }

        var lines = json.Split('\n');
        var defaultKernel = Kernel((string?)document.SelectToken("metadata.polyglot_notebook.defaultKernelName"))
            ?? Kernel((string?)document.SelectToken("metadata.kernelspec.language"))
            ?? Kernel((string?)document.SelectToken("metadata.kernelspec.name"))
            ?? "csharp";
        foreach (var cell in document["cells"] as JArray ?? [])
        {
            if (cell is not JObject code || (string?)code["cell_type"] != "code")
            {
                continue;
            }

            var kernel = Kernel((string?)code.SelectToken("metadata.dotnet_interactive.language"))
                ?? Kernel((string?)code.SelectToken("metadata.polyglot_notebook.kernelName"))
                ?? defaultKernel;
            var parts = code["source"] switch
            {
                JArray array => array.OfType<JValue>().ToList(),
                JValue single => [single],
                _ => [],
            };
            if (parts.Count == 0 || parts.All(p => string.IsNullOrWhiteSpace((string?)p)))
            {
                continue;
            }

            Count(kernel);
            if (kernel != "csharp")
            {
                continue;
            }

            foreach (var part in parts)
            {
                // A string of the source array is one line of the cell as a rule (one string may hold several); it
                // starts at the first quote of its line in the file, and its escapes (\" \\ \n \uXXXX) take more
                // columns there than characters in the cell.
                var fileLine = ((IJsonLineInfo)part).LineNumber;
                var raw = fileLine >= 1 && fileLine <= lines.Length ? lines[fileLine - 1] : string.Empty;
                var column = Math.Max(raw.IndexOf('"', StringComparison.Ordinal) + 2, 1);
                var texts = ((string?)part ?? string.Empty).TrimEnd('\n').Split('\n');
                foreach (var text in texts)
                {
                    Add(text.TrimEnd('\r'), fileLine, column, texts.Length == 1 && raw.Contains('\\', StringComparison.Ordinal) ? Columns(raw, column - 1, text.Length) : null);
                }
            }

            // Cells are separate submissions: a line between them keeps one cell's last statement from the next.
            Add(string.Empty, ((IJsonLineInfo)parts[^1]).LineNumber, 1, null);
        }
    }

    // The file column of each character of a JSON string whose first character is at raw[start].
    private static int[] Columns(string raw, int start, int length)
    {
        var columns = new int[length + 1];
        var at = start;
        for (var i = 0; i <= length; i++)
        {
            columns[i] = at + 1;
            if (at < raw.Length && raw[at] == '\\')
            {
                at += at + 1 < raw.Length && raw[at + 1] == 'u' ? 6 : 2;
            }
            else
            {
                at++;
            }
        }

        return columns;
    }

    private static int At(int[]? columns, int column, int index) =>
        columns is not null && index < columns.Length ? columns[index] : column + index;

    private void Add(string line, int fileLine, int column, int[]? columns)
    {
        var text = line;
        if (NugetReference().Match(line) is { Success: true } reference && ScriptPackage.Parse(reference.Groups[1].Value) is { } package)
        {
            // At the quoted "nuget: …" string, as for a script's #r.
            var quote = reference.Groups[1].Index - 1;
            var end = reference.Groups[1].Index + reference.Groups[1].Length + 1;
            Packages.Add((package, fileLine, At(columns, column, quote), At(columns, column, end) - At(columns, column, quote)));
            text = string.Empty;
        }
        else if (line.TrimStart().StartsWith("#!", StringComparison.Ordinal) || line.TrimStart().StartsWith("#r ", StringComparison.Ordinal) || line.TrimStart().StartsWith("#i ", StringComparison.Ordinal))
        {
            // A magic command, a #r of a file or #i (a package source): not C#, and nothing to match.
            text = string.Empty;
        }

        _script.Append(text).Append('\n');
        _origins.Add((fileLine, column, columns));
    }

    private void Count(string kernel)
    {
        if (kernel == "csharp")
        {
            CSharpCells++;
        }
        else
        {
            var name = kernel switch { "fsharp" => "F#", "pwsh" => "PowerShell", _ => kernel };
            OtherCells[name] = OtherCells.TryGetValue(name, out var count) ? count + 1 : 1;
        }
    }

    // The kernels a .dib names to open a cell; any other "#!" line is a magic command inside a cell (#!time, #!who …).
    private static string? CellMarker(string marker) => marker.ToLowerInvariant() switch
    {
        "meta" or "markdown" or "value" => marker.ToLowerInvariant(),
        "csharp" or "fsharp" or "pwsh" or "javascript" or "html" or "sql" or "kql" or "mermaid" or "http" => Kernel(marker),
        _ => null,
    };

    /// <summary>A kernel's name as the notebook formats write it, folded: "csharp", "fsharp", "pwsh", … or null.</summary>
    private static string? Kernel(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "csharp" or "c#" or ".net-csharp" or "cs" => "csharp",
        "fsharp" or "f#" or ".net-fsharp" or "fs" => "fsharp",
        "pwsh" or "powershell" or ".net-pwsh" => "pwsh",
        var other when other.Length > 0 && other.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') => other,
        _ => null,
    };

    [GeneratedRegex("""^\s*#r\s+"(nuget:[^"]*)"\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex NugetReference();

    [GeneratedRegex("\"defaultKernelName\"\\s*:\\s*\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultKernel();
}
