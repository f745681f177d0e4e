using System.Text;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>The kinds of <see cref="JsonNode"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A parsed JSON value. Numbers keep their source text; callers convert what they need.</summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, long offset, string? text = null)
    {
        Kind = kind;
        Offset = offset;
        Text = text;
    }

    public JsonKind Kind { get; }

    /// <summary>File offset of the value's first byte, for problem messages.</summary>
    public long Offset { get; }

    /// <summary>String value, or number source text.</summary>
    public string? Text { get; }

    public List<JsonNode>? Items { get; init; }

    public List<KeyValuePair<string, JsonNode>>? Members { get; init; }
}

/// <summary>
/// A small, strict RFC 8259 parser for the safetensors header. Analyzers run inside compiler hosts that load
/// their own System.Text.Json (or none, on netstandard2.0 hosts), so depending on it risks version conflicts;
/// this parser needs only the BCL. Recursion is bounded by <see cref="MaxDepth"/>, and every node consumes at
/// least one input byte, so time and memory stay proportional to the (already capped) header length.
/// </summary>
internal sealed class BoundedJson
{
    /// <summary>Safetensors headers nest three levels; anything deeper is hostile or broken.</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _bytes;
    private readonly long _baseOffset;
    private int _index;

    private BoundedJson(byte[] bytes, long baseOffset)
    {
        _bytes = bytes;
        _baseOffset = baseOffset;
    }

    /// <summary>
    /// Parses one JSON value that fills <paramref name="bytes"/> except for trailing whitespace (safetensors
    /// pads its header with spaces). <paramref name="baseOffset"/> is the file offset of the first byte.
    /// </summary>
    public static JsonNode Parse(byte[] bytes, long baseOffset)
    {
        var parser = new BoundedJson(bytes, baseOffset);
        parser.SkipWhitespace();
        var value = parser.ParseValue(1);
        parser.SkipWhitespace();
        if (parser._index != bytes.Length)
        {
            throw parser.Error("unexpected data after the JSON value");
        }

        return value;
    }

    private JsonNode ParseValue(int depth)
    {
        if (_index >= _bytes.Length)
        {
            throw Error("unexpected end of JSON");
        }

        var start = _baseOffset + _index;
        switch (_bytes[_index])
        {
            case (byte)'{':
                return ParseObject(depth);
            case (byte)'[':
                return ParseArray(depth);
            case (byte)'"':
                return new JsonNode(JsonKind.String, start, ParseString());
            case (byte)'t':
                ExpectLiteral("true");
                return new JsonNode(JsonKind.True, start);
            case (byte)'f':
                ExpectLiteral("false");
                return new JsonNode(JsonKind.False, start);
            case (byte)'n':
                ExpectLiteral("null");
                return new JsonNode(JsonKind.Null, start);
            default:
                return new JsonNode(JsonKind.Number, start, ParseNumber());
        }
    }

    private JsonNode ParseObject(int depth)
    {
        CheckDepth(depth);
        var node = new JsonNode(JsonKind.Object, _baseOffset + _index) { Members = [] };
        _index++;
        SkipWhitespace();
        if (TryConsume((byte)'}'))
        {
            return node;
        }

        while (true)
        {
            SkipWhitespace();
            if (_index >= _bytes.Length || _bytes[_index] != (byte)'"')
            {
                throw Error("expected a string key");
            }

            var key = ParseString();
            SkipWhitespace();
            if (!TryConsume((byte)':'))
            {
                throw Error("expected ':'");
            }

            SkipWhitespace();
            node.Members!.Add(new KeyValuePair<string, JsonNode>(key, ParseValue(depth + 1)));
            SkipWhitespace();
            if (TryConsume((byte)'}'))
            {
                return node;
            }

            if (!TryConsume((byte)','))
            {
                throw Error("expected ',' or '}'");
            }
        }
    }

    private JsonNode ParseArray(int depth)
    {
        CheckDepth(depth);
        var node = new JsonNode(JsonKind.Array, _baseOffset + _index) { Items = [] };
        _index++;
        SkipWhitespace();
        if (TryConsume((byte)']'))
        {
            return node;
        }

        while (true)
        {
            SkipWhitespace();
            node.Items!.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (TryConsume((byte)']'))
            {
                return node;
            }

            if (!TryConsume((byte)','))
            {
                throw Error("expected ',' or ']'");
            }
        }
    }

    private string ParseString()
    {
        _index++; // opening quote
        var builder = new StringBuilder();
        var runStart = _index;
        while (true)
        {
            if (_index >= _bytes.Length)
            {
                throw Error("unterminated string");
            }

            var b = _bytes[_index];
            if (b == (byte)'"')
            {
                AppendRun(builder, runStart);
                _index++;
                return builder.ToString();
            }

            if (b < 0x20)
            {
                throw Error("control character in string");
            }

            if (b != (byte)'\\')
            {
                _index++;
                continue;
            }

            AppendRun(builder, runStart);
            _index++;
            if (_index >= _bytes.Length)
            {
                throw Error("unterminated string");
            }

            var escape = _bytes[_index++];
            switch (escape)
            {
                case (byte)'"': builder.Append('"'); break;
                case (byte)'\\': builder.Append('\\'); break;
                case (byte)'/': builder.Append('/'); break;
                case (byte)'b': builder.Append('\b'); break;
                case (byte)'f': builder.Append('\f'); break;
                case (byte)'n': builder.Append('\n'); break;
                case (byte)'r': builder.Append('\r'); break;
                case (byte)'t': builder.Append('\t'); break;
                case (byte)'u': AppendUnicodeEscape(builder); break;
                default:
                    _index--;
                    throw Error("invalid escape sequence");
            }

            runStart = _index;
        }
    }

    private void AppendUnicodeEscape(StringBuilder builder)
    {
        var unit = ReadHex4();
        if (char.IsHighSurrogate(unit))
        {
            if (_index + 1 < _bytes.Length && _bytes[_index] == (byte)'\\' && _bytes[_index + 1] == (byte)'u')
            {
                _index += 2;
                var low = ReadHex4();
                if (char.IsLowSurrogate(low))
                {
                    builder.Append(unit).Append(low);
                    return;
                }
            }

            throw Error("unpaired surrogate escape");
        }

        if (char.IsLowSurrogate(unit))
        {
            throw Error("unpaired surrogate escape");
        }

        builder.Append(unit);
    }

    private char ReadHex4()
    {
        if (_index + 4 > _bytes.Length)
        {
            throw Error("truncated \\u escape");
        }

        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = _bytes[_index];
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => throw Error("invalid \\u escape"),
            };
            value = (value << 4) | digit;
            _index++;
        }

        return (char)value;
    }

    private void AppendRun(StringBuilder builder, int runStart)
    {
        if (_index == runStart)
        {
            return;
        }

        try
        {
            builder.Append(StrictUtf8.GetString(_bytes, runStart, _index - runStart));
        }
        catch (DecoderFallbackException)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant($"invalid UTF-8 in a JSON string at offset {_baseOffset + runStart}"));
        }
    }

    private string ParseNumber()
    {
        // RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        var start = _index;
        TryConsume((byte)'-');
        if (TryConsume((byte)'0'))
        {
            // A leading zero stands alone.
        }
        else if (!ConsumeDigits())
        {
            _index = start;
            throw Error("unexpected character");
        }

        if (TryConsume((byte)'.') && !ConsumeDigits())
        {
            throw Error("expected digits after '.'");
        }

        if (TryConsume((byte)'e') || TryConsume((byte)'E'))
        {
            if (!TryConsume((byte)'+'))
            {
                TryConsume((byte)'-');
            }

            if (!ConsumeDigits())
            {
                throw Error("expected exponent digits");
            }
        }

        return Encoding.ASCII.GetString(_bytes, start, _index - start);
    }

    private bool ConsumeDigits()
    {
        var start = _index;
        while (_index < _bytes.Length && _bytes[_index] >= (byte)'0' && _bytes[_index] <= (byte)'9')
        {
            _index++;
        }

        return _index > start;
    }

    private void ExpectLiteral(string literal)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            if (_index >= _bytes.Length || _bytes[_index] != literal[i])
            {
                throw Error("invalid literal");
            }

            _index++;
        }
    }

    private bool TryConsume(byte b)
    {
        if (_index < _bytes.Length && _bytes[_index] == b)
        {
            _index++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_index < _bytes.Length && _bytes[_index] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _index++;
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(HeaderInput.Invariant($"JSON nested deeper than {MaxDepth} levels"));
        }
    }

    private ModelFileFormatException Error(string what) =>
        new(HeaderInput.Invariant($"safetensors header: {what} at offset {_baseOffset + _index}"));
}
