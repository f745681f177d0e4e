using System.Collections.Immutable;

namespace ExportLint.ControlLists.Matching;

/// <summary>How an <see cref="ApiPattern"/> relates to the symbols it matches.</summary>
public enum ApiPatternShape
{
    /// <summary><c>Ns.Type.Member</c> or <c>Ns.Type.Member(params)</c>: members of one name in one type.</summary>
    Member,

    /// <summary><c>Ns.Type</c>: every member of exactly that type (a bare name may mean either; both are tried).</summary>
    Type,

    /// <summary><c>Ns.*</c> or <c>Ns.Type.*</c>: every member of every type at or below that namespace or type.</summary>
    Everything,
}

/// <summary>
/// A symbol pattern of a control list, e.g. <c>LLama.LLamaWeights.LoadFromFile</c>,
/// <c>Microsoft.ML.OnnxRuntime.InferenceSession.#ctor(string)</c>, <c>TorchSharp.torch.cuda.*</c> or
/// <c>Microsoft.ML.OnnxRuntime.SessionOptions.AppendExecutionProvider_*</c>. Nested types may be written with
/// '.' or '+'; generic arity (<c>Module`2</c>, <c>Module&lt;T1,T2&gt;</c>) is ignored; constructors are
/// <c>#ctor</c> or <c>.ctor</c>.
/// </summary>
public sealed class ApiPattern
{
    /// <summary>The name constructors have in symbols and in patterns.</summary>
    public const string ConstructorName = ".ctor";

    private ApiPattern(string text, ImmutableArray<Glob> segments, bool everything, ImmutableArray<TypeNamePattern>? parameters)
    {
        Text = text;
        Segments = segments;
        IsEverything = everything;
        Parameters = parameters;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>The dotted segments, without a trailing <c>*</c>.</summary>
    public ImmutableArray<Glob> Segments { get; }

    /// <summary>True when the pattern ends in <c>.*</c>: everything at or below its segments.</summary>
    public bool IsEverything { get; }

    /// <summary>The parameter types of the one overload meant, or null for every overload.</summary>
    public ImmutableArray<TypeNamePattern>? Parameters { get; }

    /// <summary>The member name a <see cref="ApiPatternShape.Member"/> reading matches.</summary>
    public Glob MemberName => Segments[Segments.Length - 1];

    /// <summary>The shapes this pattern can be read as.</summary>
    public IEnumerable<ApiPatternShape> Shapes
    {
        get
        {
            if (IsEverything)
            {
                yield return ApiPatternShape.Everything;
                yield break;
            }

            if (Segments.Length >= 2)
            {
                yield return ApiPatternShape.Member;
            }

            if (Parameters is null && !MemberName.Pattern.Equals(ConstructorName, StringComparison.Ordinal))
            {
                yield return ApiPatternShape.Type;
            }
        }
    }

    /// <summary>Parses a pattern; on failure returns null and says why.</summary>
    public static ApiPattern? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "a symbol pattern is empty";
            return null;
        }

        ImmutableArray<TypeNamePattern>? parameters = null;
        var name = trimmed;
        var open = trimmed.IndexOf('(');
        if (open >= 0)
        {
            if (!trimmed.EndsWith(")", StringComparison.Ordinal))
            {
                error = $"the symbol pattern '{text}' opens '(' but does not end with ')'";
                return null;
            }

            name = trimmed.Substring(0, open);
            var list = trimmed.Substring(open + 1, trimmed.Length - open - 2);
            var builder = ImmutableArray.CreateBuilder<TypeNamePattern>();
            foreach (var part in SplitTopLevel(list, ','))
            {
                if (part.Trim().Length == 0 && list.Trim().Length == 0)
                {
                    break;
                }

                var parameter = TypeNamePattern.TryParse(part, out error);
                if (parameter is null)
                {
                    error = $"in the symbol pattern '{text}': {error}";
                    return null;
                }

                builder.Add(parameter);
            }

            parameters = builder.ToImmutable();
        }

        var segments = SplitSegments(name, out error);
        if (segments is null)
        {
            error = $"the symbol pattern '{text}' is not valid: {error}";
            return null;
        }

        var everything = segments[segments.Count - 1] == "*" && segments.Count > 1;
        if (everything)
        {
            segments.RemoveAt(segments.Count - 1);
            if (parameters is not null)
            {
                error = $"the symbol pattern '{text}' ends in '.*' and also names parameters; name one member to give parameters";
                return null;
            }
        }

        if (parameters is not null && segments.Count < 2)
        {
            error = $"the symbol pattern '{text}' gives parameters but names no type: write Namespace.Type.Member(parameters)";
            return null;
        }

        var globs = segments.Select(s => Glob.ForName(s, ignoreCase: false)).ToImmutableArray();
        return new ApiPattern(trimmed, globs, everything, parameters);
    }

    /// <summary>
    /// Whether the type chain (namespace segments, then type names from outer to inner) is what this pattern
    /// requires for the given shape. For <see cref="ApiPatternShape.Member"/> the member name is checked separately.
    /// </summary>
    public bool MatchesTypeChain(IReadOnlyList<string> typeChain, ApiPatternShape shape)
    {
        switch (shape)
        {
            case ApiPatternShape.Member:
                return SegmentsEqual(typeChain, Segments.Length - 1, exactLength: true);
            case ApiPatternShape.Type:
                return SegmentsEqual(typeChain, Segments.Length, exactLength: true);
            default:
                return SegmentsEqual(typeChain, Segments.Length, exactLength: false);
        }
    }

    /// <summary>The last literal (wildcard-free) segment that a type chain must contain for the shape, used as an index key.</summary>
    public string? AnchorFor(ApiPatternShape shape)
    {
        var count = shape == ApiPatternShape.Member ? Segments.Length - 1 : Segments.Length;
        for (var i = count - 1; i >= 0; i--)
        {
            if (!Segments[i].HasWildcards)
            {
                return Segments[i].Pattern;
            }
        }

        return null;
    }

    private bool SegmentsEqual(IReadOnlyList<string> chain, int count, bool exactLength)
    {
        if (exactLength ? chain.Count != count : chain.Count < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!Segments[i].IsMatch(chain[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string>? SplitSegments(string name, out string? error)
    {
        error = null;
        var result = new List<string>();
        var normalized = name.Replace('+', '.');

        // A constructor: "Type..ctor", "Type.#ctor" or "Type.ctor" is not accepted (ctor could be a real name).
        var ctor = false;
        if (normalized.EndsWith("..ctor", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(0, normalized.Length - 6);
            ctor = true;
        }
        else if (normalized.EndsWith(".#ctor", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(0, normalized.Length - 6);
            ctor = true;
        }

        foreach (var raw in SplitTopLevel(normalized, '.'))
        {
            var segment = StripGenerics(raw.Trim());
            if (segment.Length == 0)
            {
                error = "it has an empty segment (two dots in a row, or a dot at an end)";
                return null;
            }

            foreach (var c in segment)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '*' || c == '?' || c == '@'))
                {
                    error = $"'{c}' cannot stand in a name";
                    return null;
                }
            }

            result.Add(segment.TrimStart('@'));
        }

        if (ctor)
        {
            result.Add(ConstructorName);
        }

        return result;
    }

    private static string StripGenerics(string segment)
    {
        var tick = segment.IndexOf('`');
        if (tick >= 0)
        {
            return segment.Substring(0, tick);
        }

        var angle = segment.IndexOf('<');
        return angle >= 0 && segment.EndsWith(">", StringComparison.Ordinal) ? segment.Substring(0, angle) : segment;
    }

    internal static IEnumerable<string> SplitTopLevel(string text, char separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '<' or '[' or '(')
            {
                depth++;
            }
            else if (c is '>' or ']' or ')')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                yield return text.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return text.Substring(start);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// A parameter type in a symbol pattern: a simple name (<c>string</c>, <c>IModelParams</c>) matches a type of
/// that name in any namespace; a qualified one must match the full name. Arrays are written <c>T[]</c>.
/// Generic arguments are ignored.
/// </summary>
public sealed class TypeNamePattern
{
    private static readonly Dictionary<string, string> Keywords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["string"] = "System.String",
        ["int"] = "System.Int32",
        ["long"] = "System.Int64",
        ["short"] = "System.Int16",
        ["byte"] = "System.Byte",
        ["sbyte"] = "System.SByte",
        ["uint"] = "System.UInt32",
        ["ulong"] = "System.UInt64",
        ["ushort"] = "System.UInt16",
        ["bool"] = "System.Boolean",
        ["float"] = "System.Single",
        ["double"] = "System.Double",
        ["decimal"] = "System.Decimal",
        ["char"] = "System.Char",
        ["object"] = "System.Object",
    };

    private TypeNamePattern(string text, ImmutableArray<string> segments, int arrayRank)
    {
        Text = text;
        Segments = segments;
        ArrayRank = arrayRank;
    }

    /// <summary>The type as written.</summary>
    public string Text { get; }

    /// <summary>Its name segments (one for a simple name).</summary>
    public ImmutableArray<string> Segments { get; }

    /// <summary>How many array brackets follow it (0 for none).</summary>
    public int ArrayRank { get; }

    /// <summary>The type's own name: the last segment.</summary>
    public string Name => Segments[Segments.Length - 1];

    /// <summary>Parses a parameter type.</summary>
    public static TypeNamePattern? TryParse(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        foreach (var modifier in new[] { "ref ", "out ", "in ", "params " })
        {
            if (trimmed.StartsWith(modifier, StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring(modifier.Length).Trim();
            }
        }

        var rank = 0;
        while (trimmed.EndsWith("[]", StringComparison.Ordinal))
        {
            rank++;
            trimmed = trimmed.Substring(0, trimmed.Length - 2).TrimEnd();
        }

        trimmed = trimmed.TrimEnd('?');
        var angle = trimmed.IndexOf('<');
        if (angle >= 0)
        {
            trimmed = trimmed.Substring(0, angle);
        }

        var tick = trimmed.IndexOf('`');
        if (tick >= 0)
        {
            trimmed = trimmed.Substring(0, tick);
        }

        if (trimmed.Length == 0)
        {
            error = $"the parameter type '{text.Trim()}' is empty";
            return null;
        }

        if (Keywords.TryGetValue(trimmed, out var full))
        {
            trimmed = full;
        }

        var segments = trimmed.Replace('+', '.').Split('.');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || !segment.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                error = $"the parameter type '{text.Trim()}' is not a type name";
                return null;
            }
        }

        return new TypeNamePattern(text.Trim(), segments.ToImmutableArray(), rank);
    }

    /// <summary>Whether a type, given as its name chain and array rank, is this one.</summary>
    public bool Matches(IReadOnlyList<string> typeChain, int arrayRank)
    {
        if (arrayRank != ArrayRank || typeChain.Count < Segments.Length)
        {
            return false;
        }

        var offset = typeChain.Count - Segments.Length;
        if (Segments.Length > 1 && offset != 0)
        {
            return false;
        }

        for (var i = 0; i < Segments.Length; i++)
        {
            if (!string.Equals(Segments[i], typeChain[offset + i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
