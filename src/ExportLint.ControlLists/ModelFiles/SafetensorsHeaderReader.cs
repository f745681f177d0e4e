using System.Globalization;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// Reads a safetensors header: an 8-byte little-endian length N, then N bytes of UTF-8 JSON mapping tensor names
/// to <c>{"dtype", "shape", "data_offsets"}</c>, plus an optional <c>"__metadata__"</c> string map.
/// </summary>
internal static class SafetensorsHeaderReader
{
    /// <summary>The reference implementation refuses headers over 100,000,000 bytes; so do we.</summary>
    public const long MaxHeaderLength = 100_000_000;

    private const string MetadataKey = "__metadata__";

    // Bytes per element of the fixed-width dtypes; sub-byte types (F4, F6_*) are not checked.
    private static readonly Dictionary<string, int> ElementSizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1, ["F8_E8M0"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8, ["C64"] = 8,
    };

    public static void Read(HeaderInput input, ModelFileInfoBuilder info)
    {
        var declared = input.ReadUInt64();
        if (declared > MaxHeaderLength)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant(
                $"safetensors header length {declared} at offset 0 exceeds the format's limit of {MaxHeaderLength} bytes"));
        }

        var headerStart = input.Offset;
        var json = input.ReadBlock((long)declared, MaxHeaderLength, "safetensors header");
        var root = BoundedJson.Parse(json, headerStart);
        if (root.Kind != JsonKind.Object)
        {
            throw Problem("the header is not a JSON object", root);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        long dataEnd = 0;
        foreach (var member in root.Members!)
        {
            if (!seen.Add(member.Key))
            {
                throw Problem($"duplicate key \"{HeaderInput.CapText(member.Key)}\"", member.Value);
            }

            if (member.Key == MetadataKey)
            {
                ReadMetadata(member.Value, info);
                continue;
            }

            var end = ReadTensor(member.Key, member.Value, info);
            dataEnd = Math.Max(dataEnd, end);
        }

        info.TensorsComplete = true;

        // The header is whole, but a file cut short in its data section is still broken: say so.
        var dataStart = input.Offset;
        if (input.Length is { } length && dataEnd > length - dataStart)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant(
                $"truncated: the header declares tensor data up to offset {dataStart + dataEnd} but the file ends at offset {length}"));
        }
    }

    private static void ReadMetadata(JsonNode node, ModelFileInfoBuilder info)
    {
        if (node.Kind != JsonKind.Object)
        {
            throw Problem("__metadata__ is not an object", node);
        }

        foreach (var entry in node.Members!)
        {
            if (entry.Value.Kind != JsonKind.String)
            {
                throw Problem($"__metadata__ value \"{HeaderInput.CapText(entry.Key)}\" is not a string", entry.Value);
            }

            if (!info.TryAddMetadata(entry.Key, entry.Value.Text!))
            {
                throw Problem($"duplicate __metadata__ key \"{HeaderInput.CapText(entry.Key)}\"", entry.Value);
            }
        }
    }

    /// <summary>Validates one tensor entry and returns the end of its data, relative to the data section.</summary>
    private static long ReadTensor(string name, JsonNode node, ModelFileInfoBuilder info)
    {
        var label = HeaderInput.CapText(name);
        if (node.Kind != JsonKind.Object)
        {
            throw Problem($"tensor \"{label}\" is not an object", node);
        }

        JsonNode? dtype = null, shape = null, offsets = null;
        foreach (var field in node.Members!)
        {
            switch (field.Key)
            {
                case "dtype": dtype = field.Value; break;
                case "shape": shape = field.Value; break;
                case "data_offsets": offsets = field.Value; break;
                default: break; // Unknown fields are tolerated for forward compatibility.
            }
        }

        if (dtype is not { Kind: JsonKind.String } || dtype.Text!.Length == 0)
        {
            throw Problem($"tensor \"{label}\" has no string dtype", dtype ?? node);
        }

        if (shape is not { Kind: JsonKind.Array })
        {
            throw Problem($"tensor \"{label}\" has no shape array", shape ?? node);
        }

        if (offsets is not { Kind: JsonKind.Array } || offsets.Items!.Count != 2)
        {
            throw Problem($"tensor \"{label}\" has no data_offsets pair", offsets ?? node);
        }

        var elements = default(ElementCount);
        foreach (var dimension in shape.Items!)
        {
            elements.Multiply(ReadNonNegative(dimension, $"a dimension of tensor \"{label}\""));
        }

        var begin = ReadNonNegative(offsets.Items[0], $"data_offsets of tensor \"{label}\"");
        var end = ReadNonNegative(offsets.Items[1], $"data_offsets of tensor \"{label}\"");
        if (end < begin)
        {
            throw Problem($"data_offsets of tensor \"{label}\" end before they begin", offsets);
        }

        if (elements.Overflowed)
        {
            throw Problem($"the element count of tensor \"{label}\" overflows a 64-bit integer", shape);
        }

        if (ElementSizes.TryGetValue(dtype.Text, out var size))
        {
            long expected;
            try
            {
                expected = checked(elements.Value * size);
            }
            catch (OverflowException)
            {
                throw Problem($"the byte size of tensor \"{label}\" overflows a 64-bit integer", shape);
            }

            if (end - begin != expected)
            {
                throw Problem(
                    HeaderInput.Invariant($"tensor \"{label}\" has {end - begin} data bytes but its shape and dtype need {expected}"),
                    offsets);
            }
        }

        info.AddTensor(HeaderInput.CapText(dtype.Text), elements, node.Offset);
        return end;
    }

    private static long ReadNonNegative(JsonNode node, string what)
    {
        if (node.Kind != JsonKind.Number)
        {
            throw Problem($"{what} is not a number", node);
        }

        var text = node.Text!;
        if (text.StartsWith("-", StringComparison.Ordinal))
        {
            throw Problem($"{what} is negative ({HeaderInput.CapText(text)})", node);
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Problem($"{what} is not an integer that fits in 64 bits ({HeaderInput.CapText(text)})", node);
        }

        return value;
    }

    private static ModelFileFormatException Problem(string what, JsonNode at) =>
        new(HeaderInput.Invariant($"safetensors header: {what} at offset {at.Offset}"));
}
