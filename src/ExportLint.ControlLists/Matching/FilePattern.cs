using System.Globalization;
using ExportLint.ControlLists.ModelFiles;

namespace ExportLint.ControlLists.Matching;

/// <summary>A comparison of a number from a model file's header against a bound, e.g. <c>parameters: "&gt;= 1e10"</c>.</summary>
public sealed class Threshold
{
    private Threshold(string op, double bound, string text)
    {
        Operator = op;
        Bound = bound;
        Text = text;
    }

    /// <summary>One of <c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c>, <c>&lt;</c>, <c>==</c>.</summary>
    public string Operator { get; }

    /// <summary>The bound.</summary>
    public double Bound { get; }

    /// <summary>As written.</summary>
    public string Text { get; }

    /// <summary>Parses <c>"&gt;= 1e10"</c>; a bare number means <c>&gt;=</c>.</summary>
    public static Threshold? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        string op = ">=";
        foreach (var candidate in new[] { ">=", "<=", "==", ">", "<" })
        {
            if (trimmed.StartsWith(candidate, StringComparison.Ordinal))
            {
                op = candidate;
                trimmed = trimmed.Substring(candidate.Length).Trim();
                break;
            }
        }

        if (!double.TryParse(trimmed.Replace("_", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) || double.IsNaN(bound) || double.IsInfinity(bound))
        {
            error = $"'{text}' is not a threshold: write an operator (>=, >, <=, <, ==) and a number, e.g. \">= 1e10\"";
            return null;
        }

        return new Threshold(op, bound, text.Trim());
    }

    /// <summary>Whether a value passes.</summary>
    public bool Passes(double value) => Operator switch
    {
        ">=" => value >= Bound,
        ">" => value > Bound,
        "<=" => value <= Bound,
        "<" => value < Bound,
        _ => value == Bound,
    };

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>What a file pattern says about a file on disk.</summary>
public enum FileMatchOutcome
{
    /// <summary>The file does not match.</summary>
    NoMatch,

    /// <summary>The file matches, thresholds included.</summary>
    Match,

    /// <summary>The path and kind match, and a threshold could not be checked because the header gave no count.</summary>
    NotRuledOut,
}

/// <summary>
/// A model-file pattern: a path glob and/or a file kind identified by magic bytes, with optional thresholds on
/// the header's parameter and tensor counts.
/// </summary>
public sealed class FilePattern
{
    /// <summary>Creates a pattern.</summary>
    public FilePattern(Glob? glob, ModelFileKind? kind, Threshold? parameters, Threshold? tensors)
    {
        Glob = glob;
        Kind = kind;
        Parameters = parameters;
        Tensors = tensors;
    }

    /// <summary>The path glob, e.g. <c>**/*.gguf</c>.</summary>
    public Glob? Glob { get; }

    /// <summary>The kind the file's bytes must show.</summary>
    public ModelFileKind? Kind { get; }

    /// <summary>A bound on the parameter count.</summary>
    public Threshold? Parameters { get; }

    /// <summary>A bound on the tensor count.</summary>
    public Threshold? Tensors { get; }

    /// <summary>Whether a bare path can match (see <see cref="MatchesPathOnly"/>): not with a threshold, which needs the file's header.</summary>
    public bool CanMatchPathOnly => Parameters is null && Tensors is null;

    /// <summary>
    /// Whether a file, its path '/'-separated and relative to where it was found, certainly matches. A threshold the
    /// header gave no count for is not met here; use <see cref="Evaluate"/> to learn that it could not be ruled out.
    /// </summary>
    public bool Matches(string relativePath, ModelFileInfo? info) => Evaluate(relativePath, info, out _) == FileMatchOutcome.Match;

    /// <summary>
    /// Matches a file found on disk. A threshold whose count the header did not give (a header cut short, over a
    /// safety limit, or a format read for identification only) is not a "no": the pattern then
    /// <see cref="FileMatchOutcome.NotRuledOut"/>, and <paramref name="uncertainty"/> says which threshold and why.
    /// </summary>
    public FileMatchOutcome Evaluate(string relativePath, ModelFileInfo? info, out string? uncertainty)
    {
        uncertainty = null;
        if (Glob is not null && !Glob.IsMatch(relativePath))
        {
            return FileMatchOutcome.NoMatch;
        }

        if (Kind is { } kind && (info is null || info.Kind != kind))
        {
            return FileMatchOutcome.NoMatch;
        }

        var unknown = new List<string>(2);
        if (Parameters is not null)
        {
            if (info?.ParameterCount is { } parameters)
            {
                if (!Parameters.Passes(parameters))
                {
                    return FileMatchOutcome.NoMatch;
                }
            }
            else
            {
                unknown.Add("parameters " + Parameters);
            }
        }

        if (Tensors is not null)
        {
            if (info?.TensorCount is { } tensors)
            {
                if (!Tensors.Passes(tensors))
                {
                    return FileMatchOutcome.NoMatch;
                }
            }
            else
            {
                unknown.Add("tensors " + Tensors);
            }
        }

        if (unknown.Count == 0)
        {
            return FileMatchOutcome.Match;
        }

        uncertainty = $"could not be ruled out: {string.Join(" and ", unknown)} could not be checked because {WhyNoCount(info)}";
        return FileMatchOutcome.NotRuledOut;
    }

    private static string WhyNoCount(ModelFileInfo? info)
    {
        if (info is null)
        {
            return "the file's header was not read";
        }

        if (info.Problem is { } problem)
        {
            return "the header could not be read whole (" + problem + ")";
        }

        return info.Kind == ModelFileKind.Unknown
            ? "the file is not a recognised model format"
            : $"a {ModelFileKinds.NameOf(info.Kind)} file is identified, not counted";
    }

    /// <summary>
    /// Whether a path, seen as a constant in code (no bytes to look at), names a file this pattern is about:
    /// its glob matches, or its extension is a usual one of the kind. Thresholds cannot be checked there.
    /// </summary>
    public bool MatchesPathOnly(string path)
    {
        if (!CanMatchPathOnly)
        {
            return false;
        }

        if (Glob is not null)
        {
            // Code names paths from anywhere; compare the file name when the glob is about file names.
            var normalized = path.Replace('\\', '/');
            var slash = normalized.LastIndexOf('/');
            var fileName = slash >= 0 ? normalized.Substring(slash + 1) : normalized;
            return Glob.IsMatch(normalized) || Glob.IsMatch(fileName) || Glob.IsMatch("x/" + fileName);
        }

        if (Kind is { } kind)
        {
            // Indexed, not foreach: the list's enumerator would be allocated for every path.
            var extensions = ModelFileKinds.ExtensionsOf(kind);
            for (var i = 0; i < extensions.Count; i++)
            {
                if (path.EndsWith(extensions[i], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Glob is not null)
        {
            parts.Add(Glob.Pattern);
        }

        if (Kind is { } kind)
        {
            parts.Add("kind " + ModelFileKinds.NameOf(kind));
        }

        if (Parameters is not null)
        {
            parts.Add("parameters " + Parameters);
        }

        if (Tensors is not null)
        {
            parts.Add("tensors " + Tensors);
        }

        return string.Join(", ", parts);
    }
}
