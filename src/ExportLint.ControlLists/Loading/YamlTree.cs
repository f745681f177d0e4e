using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ExportLint.ControlLists.Loading;

/// <summary>A position in a control-list file: 1-based line and column.</summary>
public readonly record struct TextPosition(int Line, int Column)
{
    /// <summary>The start of a file.</summary>
    public static TextPosition Start => new(1, 1);

    internal static TextPosition From(Mark mark) => new((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    /// <inheritdoc />
    public override string ToString() => $"({Line},{Column})";
}

/// <summary>
/// A YAML node with the position it starts at. The loader builds its own small tree from the parser's event
/// stream rather than using a general object model, so that it can refuse anchors and aliases (the classic
/// "billion laughs" bomb) and bound depth and size before any of it reaches memory.
/// </summary>
internal abstract class YamlNode
{
    protected YamlNode(TextPosition position) => Position = position;

    public TextPosition Position { get; }

    public abstract string KindName { get; }
}

internal sealed class YamlScalar : YamlNode
{
    public YamlScalar(TextPosition position, string value, bool isPlain) : base(position)
    {
        Value = value;
        IsPlain = isPlain;
    }

    public string Value { get; }

    /// <summary>True for an unquoted scalar: only such a scalar can be a YAML null, number or boolean.</summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override string KindName => IsNull ? "null" : "a scalar";
}

internal sealed class YamlSequence : YamlNode
{
    public YamlSequence(TextPosition position, List<YamlNode> items) : base(position) => Items = items;

    public List<YamlNode> Items { get; }

    public override string KindName => "a list";
}

internal sealed class YamlMapping : YamlNode
{
    public YamlMapping(TextPosition position, List<KeyValuePair<YamlScalar, YamlNode>> pairs) : base(position) => Pairs = pairs;

    public List<KeyValuePair<YamlScalar, YamlNode>> Pairs { get; }

    public override string KindName => "a mapping";
}

/// <summary>Bounds that keep a hostile list from costing unbounded time or memory.</summary>
public static class ControlListLimits
{
    /// <summary>The largest list accepted, in characters (4 Mi). Real lists are a few kilobytes.</summary>
    public const int MaxCharacters = 4 * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>The most YAML nodes one list may hold.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>The longest single scalar accepted, in characters.</summary>
    public const int MaxScalarLength = 16 * 1024;

    /// <summary>How long one regular expression of a list may run on one input.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>How deep a chain of <c>extends</c> may go.</summary>
    public const int MaxExtendsDepth = 16;
}

/// <summary>Reads YAML text into <see cref="YamlNode"/>s, reporting every problem with its position.</summary>
internal static class YamlTreeReader
{
    public static YamlNode? Read(string text, string path, List<ControlListProblem> problems)
    {
        if (text.Length > ControlListLimits.MaxCharacters)
        {
            problems.Add(ControlListProblem.Error(ProblemKind.LimitExceeded, path, TextPosition.Start,
                $"the list is {text.Length / (1024.0 * 1024.0):0.0} MiB; a control list may be at most {ControlListLimits.MaxCharacters / (1024 * 1024)} MiB"));
            return null;
        }

        var state = new ReadState(path, problems);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                problems.Add(ControlListProblem.Error(ProblemKind.Schema, path, TextPosition.Start, "the file is empty; a control list is a YAML mapping that starts with 'controllist:'"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _) && root is not null)
            {
                var mark = parser.Current?.Start ?? Mark.Empty;
                problems.Add(ControlListProblem.Error(ProblemKind.Syntax, path, TextPosition.From(mark), "the file holds more than one YAML document ('---'); a control list is exactly one"));
                return null;
            }

            return root;
        }
        catch (AbortReadException)
        {
            return null;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is not null && ex.Message.Length == 0 ? ex.InnerException.Message : ex.Message;
            problems.Add(ControlListProblem.Error(ProblemKind.Syntax, path, TextPosition.From(ex.Start), "YAML syntax error: " + TrimYamlMessage(message)));
            return null;
        }
    }

    // YamlDotNet prefixes its messages with "(Line: x, Col: y, Idx: z) - (…): "; our location says that already.
    private static string TrimYamlMessage(string message)
    {
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(index + 3) : message;
    }

    private static YamlNode? ReadNode(IParser parser, ReadState state, int depth)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        var position = TextPosition.From(current.Start);
        if (++state.Nodes > ControlListLimits.MaxNodes)
        {
            state.Fail(ProblemKind.LimitExceeded, position, $"the list holds more than {ControlListLimits.MaxNodes:N0} YAML nodes");
        }

        if (depth > ControlListLimits.MaxDepth)
        {
            state.Fail(ProblemKind.LimitExceeded, position, $"the list nests deeper than {ControlListLimits.MaxDepth} levels");
        }

        switch (current)
        {
            case AnchorAlias:
                state.Fail(ProblemKind.Syntax, position, "YAML aliases ('*name') are not allowed in a control list: write each value out, so that a reviewer sees what is matched");
                return null;
            case NodeEvent { Anchor.IsEmpty: false } anchored:
                state.Fail(ProblemKind.Syntax, position, $"YAML anchors ('&{anchored.Anchor.Value}') are not allowed in a control list: write each value out, so that a reviewer sees what is matched");
                return null;
            case Scalar scalar:
                parser.MoveNext();
                if (scalar.Value.Length > ControlListLimits.MaxScalarLength)
                {
                    state.Fail(ProblemKind.LimitExceeded, position, $"a value is {scalar.Value.Length:N0} characters long; the limit is {ControlListLimits.MaxScalarLength:N0}");
                }

                return new YamlScalar(position, scalar.Value, scalar.Style == ScalarStyle.Plain);
            case SequenceStart:
            {
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = ReadNode(parser, state, depth + 1);
                    if (item is not null)
                    {
                        items.Add(item);
                    }
                }

                return new YamlSequence(position, items);
            }

            case MappingStart:
            {
                parser.MoveNext();
                var pairs = new List<KeyValuePair<YamlScalar, YamlNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, state, depth + 1);
                    var value = ReadNode(parser, state, depth + 1);
                    if (keyNode is YamlScalar key && value is not null)
                    {
                        pairs.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
                    }
                    else if (keyNode is not null && keyNode is not YamlScalar)
                    {
                        state.Problems.Add(ControlListProblem.Error(ProblemKind.Schema, state.Path, keyNode.Position, $"a key must be a plain name, not {keyNode.KindName}"));
                    }
                }

                return new YamlMapping(position, pairs);
            }

            default:
                throw new YamlException(current.Start, current.End, $"unexpected YAML event {current.GetType().Name}");
        }
    }

    private sealed class ReadState
    {
        public ReadState(string path, List<ControlListProblem> problems)
        {
            Path = path;
            Problems = problems;
        }

        public string Path { get; }

        public List<ControlListProblem> Problems { get; }

        public int Nodes { get; set; }

        public void Fail(ProblemKind kind, TextPosition position, string message)
        {
            Problems.Add(ControlListProblem.Error(kind, Path, position, message));
            throw new AbortReadException();
        }
    }

    private sealed class AbortReadException : Exception
    {
    }
}
