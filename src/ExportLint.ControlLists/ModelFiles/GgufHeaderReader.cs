using System.Globalization;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// Reads a GGUF (v2, v3) header: magic, version, tensor and key-value counts, the key-value pairs, then the tensor
/// infos. All integers are little-endian; big-endian GGUF files are reported as unsupported.
/// </summary>
internal static class GgufHeaderReader
{
    public const long MaxStringLength = 1 << 20;
    public const ulong MaxTensorCount = 1_000_000;
    public const ulong MaxKeyValueCount = 100_000;

    /// <summary>Far above the largest tokenizer vocabularies (a few hundred thousand entries).</summary>
    public const ulong MaxArrayLength = 1 << 24;

    /// <summary>
    /// The most bytes the header walk reads from a file (seeks past tensor data and long strings do not count). Real
    /// headers, with a tokenizer of a few hundred thousand tokens and merges, are a few tens of MiB at most.
    /// </summary>
    public const long MaxBytesRead = 64L * 1024 * 1024;

    /// <summary>
    /// The most things the walk visits one by one: key-value pairs, strings inside arrays and tensor infos. Arrays of
    /// fixed-size elements are skipped by arithmetic and do not count. Real files visit well under a million.
    /// </summary>
    public const long MaxElementsVisited = 1 << 22;

    /// <summary>ggml supports 4 dimensions; allow some headroom but keep the per-tensor loop bounded.</summary>
    public const uint MaxDimensions = 8;

    private const uint DefaultAlignment = 32;

    private enum ValueType : uint
    {
        UInt8 = 0,
        Int8 = 1,
        UInt16 = 2,
        Int16 = 3,
        UInt32 = 4,
        Int32 = 5,
        Float32 = 6,
        Bool = 7,
        String = 8,
        Array = 9,
        UInt64 = 10,
        Int64 = 11,
        Float64 = 12,
    }

    private static readonly string[] ValueTypeNames =
        ["uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool", "string", "array", "uint64", "int64", "float64"];

    private static readonly int[] ValueTypeSizes = [1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8];

    // ggml_type ids, with (elements per block, bytes per block) so the data section can be checked against the
    // file length. Ids without a layout here (removed or future types) are named but not size-checked.
    private static readonly Dictionary<uint, (string Name, int BlockElements, int BlockBytes)> GgmlTypes = new()
    {
        [0] = ("F32", 1, 4), [1] = ("F16", 1, 2), [2] = ("Q4_0", 32, 18), [3] = ("Q4_1", 32, 20),
        [6] = ("Q5_0", 32, 22), [7] = ("Q5_1", 32, 24), [8] = ("Q8_0", 32, 34), [9] = ("Q8_1", 32, 36),
        [10] = ("Q2_K", 256, 84), [11] = ("Q3_K", 256, 110), [12] = ("Q4_K", 256, 144), [13] = ("Q5_K", 256, 176),
        [14] = ("Q6_K", 256, 210), [15] = ("Q8_K", 256, 292), [16] = ("IQ2_XXS", 256, 66), [17] = ("IQ2_XS", 256, 74),
        [18] = ("IQ3_XXS", 256, 98), [19] = ("IQ1_S", 256, 50), [20] = ("IQ4_NL", 32, 18), [21] = ("IQ3_S", 256, 110),
        [22] = ("IQ2_S", 256, 82), [23] = ("IQ4_XS", 256, 136), [24] = ("I8", 1, 1), [25] = ("I16", 1, 2),
        [26] = ("I32", 1, 4), [27] = ("I64", 1, 8), [28] = ("F64", 1, 8), [29] = ("IQ1_M", 256, 56),
        [30] = ("BF16", 1, 2), [34] = ("TQ1_0", 256, 54), [35] = ("TQ2_0", 256, 66),
    };

    public static void Read(HeaderInput input, ModelFileInfoBuilder info)
    {
        input.ReadUInt32(); // magic, checked by the sniffer
        var version = input.ReadUInt32();
        switch (version)
        {
            case 2:
            case 3:
                break;
            case 1:
                throw Fail("GGUF version 1 is not supported", 4);
            default:
                // A big-endian file shows its small version number byte-swapped.
                throw Fail(
                    (version & 0xFFFF) == 0 && version != 0
                        ? "big-endian GGUF files are not supported"
                        : HeaderInput.Invariant($"unsupported GGUF version {version}"),
                    4);
        }

        input.ReadLimit = MaxBytesRead;
        var tensorCount = ReadCount(input, MaxTensorCount, "tensor count");
        var keyValueCount = ReadCount(input, MaxKeyValueCount, "metadata key-value count");
        var budget = new Budget();

        uint alignment = DefaultAlignment;
        for (ulong i = 0; i < keyValueCount; i++)
        {
            var keyOffset = input.Offset;
            budget.Visit(keyOffset);
            var key = ReadString(input, "metadata key");
            var typeOffset = input.Offset;
            var type = ReadValueType(input);
            var value = ReadValue(input, type, typeOffset, budget, out var integer);
            if (!info.TryAddMetadata(key, value))
            {
                throw Fail(HeaderInput.Invariant($"duplicate metadata key \"{key}\""), keyOffset);
            }

            if (key == "general.alignment")
            {
                if (integer is not { } a || a == 0 || a > 1 << 30 || (a & (a - 1)) != 0)
                {
                    throw Fail("general.alignment is not a power-of-two unsigned integer", typeOffset);
                }

                alignment = (uint)a;
            }
        }

        // Not a GGUF key, but useful to rules; a file that has its own such key keeps it.
        info.TryAddMetadata("gguf.version", version.ToString(CultureInfo.InvariantCulture));

        long maxDataEnd = 0;
        for (ulong i = 0; i < tensorCount; i++)
        {
            var tensorOffset = input.Offset;
            budget.Visit(tensorOffset);
            SkipString(input, "tensor name");
            var dimensionCount = input.ReadUInt32();
            if (dimensionCount > MaxDimensions)
            {
                throw Fail(HeaderInput.Invariant($"tensor #{i} has {dimensionCount} dimensions (limit {MaxDimensions})"), tensorOffset);
            }

            var elements = default(ElementCount);
            long firstDimension = 1;
            for (var d = 0; d < dimensionCount; d++)
            {
                var dimensionOffset = input.Offset;
                var dimension = input.ReadUInt64();
                if (dimension > long.MaxValue)
                {
                    throw Fail(HeaderInput.Invariant($"dimension {dimension} of tensor #{i} is out of range"), dimensionOffset);
                }

                if (d == 0)
                {
                    firstDimension = (long)dimension;
                }

                elements.Multiply((long)dimension);
            }

            var typeOffset = input.Offset;
            var typeId = input.ReadUInt32();
            var dataOffset = input.ReadUInt64();
            if (dataOffset > long.MaxValue)
            {
                throw Fail(HeaderInput.Invariant($"data offset {dataOffset} of tensor #{i} is out of range"), typeOffset + 4);
            }

            var known = GgmlTypes.TryGetValue(typeId, out var layout);
            var typeName = known ? layout.Name : "TYPE_" + typeId.ToString(CultureInfo.InvariantCulture);
            info.AddTensor(typeName, elements, tensorOffset);
            var end = known
                ? DataEnd(i, (long)dataOffset, firstDimension, elements, layout, tensorOffset)
                : (long)dataOffset;
            maxDataEnd = Math.Max(maxDataEnd, end);
        }

        info.TensorsComplete = true;

        // Tensor data starts at the next multiple of the alignment; check it is present when the length is known.
        var dataStart = input.Offset;
        var padding = (alignment - (dataStart % alignment)) % alignment;
        if (input.Length is { } length && (padding > length - dataStart || maxDataEnd > length - dataStart - padding))
        {
            throw new ModelFileFormatException(HeaderInput.Invariant(
                $"truncated: the tensor infos declare data up to offset {dataStart + padding + maxDataEnd} but the file ends at offset {length}"));
        }
    }

    private static long DataEnd(ulong index, long dataOffset, long firstDimension, ElementCount elements, (string Name, int BlockElements, int BlockBytes) layout, long at)
    {
        // Rows are quantised in whole blocks along the first dimension, as ggml requires.
        if (firstDimension % layout.BlockElements != 0)
        {
            throw Fail(HeaderInput.Invariant($"tensor #{index}: first dimension {firstDimension} is not a multiple of the {layout.Name} block size {layout.BlockElements}"), at);
        }

        try
        {
            return checked(dataOffset + (elements.Value / layout.BlockElements * layout.BlockBytes));
        }
        catch (OverflowException)
        {
            throw Fail(HeaderInput.Invariant($"the data size of tensor #{index} overflows a 64-bit integer"), at);
        }
    }

    private static ulong ReadCount(HeaderInput input, ulong max, string what)
    {
        var offset = input.Offset;
        var count = input.ReadUInt64();
        if (count > max)
        {
            throw Fail(HeaderInput.Invariant($"{what} {count} exceeds the limit of {max}"), offset);
        }

        return count;
    }

    private static ValueType ReadValueType(HeaderInput input)
    {
        var offset = input.Offset;
        var type = input.ReadUInt32();
        if (type > (uint)ValueType.Float64)
        {
            throw Fail(HeaderInput.Invariant($"unknown metadata value type {type}"), offset);
        }

        return (ValueType)type;
    }

    /// <summary>Reads a value and renders it; <paramref name="integer"/> is set for unsigned integer scalars.</summary>
    private static string ReadValue(HeaderInput input, ValueType type, long typeOffset, Budget budget, out ulong? integer)
    {
        integer = null;
        var c = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ValueType.UInt8:
                integer = input.ReadByte();
                return integer.Value.ToString(c);
            case ValueType.Int8:
                return ((sbyte)input.ReadByte()).ToString(c);
            case ValueType.UInt16:
                integer = input.ReadUInt16();
                return integer.Value.ToString(c);
            case ValueType.Int16:
                return ((short)input.ReadUInt16()).ToString(c);
            case ValueType.UInt32:
                integer = input.ReadUInt32();
                return integer.Value.ToString(c);
            case ValueType.Int32:
                return ((int)input.ReadUInt32()).ToString(c);
            case ValueType.Float32:
                return BitConverterInt32ToSingle(input.ReadUInt32()).ToString("R", c);
            case ValueType.Bool:
                return input.ReadByte() != 0 ? "true" : "false";
            case ValueType.String:
                return ReadStringValue(input);
            case ValueType.UInt64:
                integer = input.ReadUInt64();
                return integer.Value.ToString(c);
            case ValueType.Int64:
                return ((long)input.ReadUInt64()).ToString(c);
            case ValueType.Float64:
                return BitConverter.Int64BitsToDouble((long)input.ReadUInt64()).ToString("R", c);
            default:
                return SkipArray(input, typeOffset, budget);
        }
    }

    private static string SkipArray(HeaderInput input, long typeOffset, Budget budget)
    {
        var elementType = ReadValueType(input);
        if (elementType == ValueType.Array)
        {
            throw Fail("nested metadata arrays are not supported", typeOffset);
        }

        var count = ReadCount(input, MaxArrayLength, "metadata array length");
        if (elementType == ValueType.String)
        {
            for (ulong i = 0; i < count; i++)
            {
                budget.Visit(input.Offset);
                SkipString(input, "metadata array string");
            }
        }
        else
        {
            // count <= 2^24 and sizes <= 8, so this cannot overflow.
            input.Skip((long)count * ValueTypeSizes[(int)elementType]);
        }

        return HeaderInput.Invariant($"[array of {count} {ValueTypeNames[(int)elementType]}]");
    }

    private static string ReadString(HeaderInput input, string what) =>
        input.ReadText(ReadStringLength(input, what, MaxStringLength), what);

    /// <summary>
    /// A metadata string value: read (and capped for display) up to <see cref="MaxStringLength"/> bytes; a longer one
    /// is skipped by arithmetic, so that the tensor infos after it are still read.
    /// </summary>
    private static string ReadStringValue(HeaderInput input)
    {
        var length = ReadStringLength(input, "metadata string", long.MaxValue);
        if (length <= MaxStringLength)
        {
            return input.ReadText(length, "metadata string");
        }

        input.Skip(length);
        return HeaderInput.Invariant($"[string of {length} bytes, not read]");
    }

    /// <summary>Skips a string whatever its length (names are not kept): a seek where the stream allows it.</summary>
    private static void SkipString(HeaderInput input, string what) =>
        input.Skip(ReadStringLength(input, what, long.MaxValue));

    private static long ReadStringLength(HeaderInput input, string what, long limit)
    {
        var offset = input.Offset;
        var length = input.ReadUInt64();
        if (length > (ulong)limit)
        {
            throw Fail(limit == long.MaxValue
                ? HeaderInput.Invariant($"{what} length {length} is out of range")
                : HeaderInput.Invariant($"{what} length {length} exceeds the limit of {limit} bytes"), offset);
        }

        input.Require((long)length, what);
        return (long)length;
    }

    /// <summary>Counts what the walk visits one by one, and stops it at <see cref="MaxElementsVisited"/>.</summary>
    private sealed class Budget
    {
        private long _visited;

        public void Visit(long offset)
        {
            if (++_visited > MaxElementsVisited)
            {
                throw Fail(HeaderInput.Invariant($"the header walk stopped after visiting {MaxElementsVisited} keys, array strings and tensor infos, the limit for one file"), offset);
            }
        }
    }

    private static float BitConverterInt32ToSingle(uint bits) =>
        BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);

    private static ModelFileFormatException Fail(string what, long offset) =>
        new(HeaderInput.Invariant($"GGUF: {what} at offset {offset}"));
}
