using System.Globalization;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// Reads an ONNX <c>ModelProto</c> with a minimal protobuf wire-format decoder. Only the fields needed are
/// decoded: model identity, opset imports, metadata_props, and the dims and data_type of graph initializers.
/// Everything else, tensor data included, is skipped (by Seek when the stream allows), so weights are never
/// loaded. Nesting is bounded by construction: the reader descends only ModelProto → GraphProto →
/// (Sparse)TensorProto → TensorProto and skips all other submessages without parsing them.
/// </summary>
internal static class OnnxHeaderReader
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireStartGroup = 3;
    private const int WireEndGroup = 4;
    private const int WireFixed32 = 5;

    private static readonly string[] DataTypeNames =
    [
        "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16",
        "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ",
        "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1",
    ];

    public static void Read(HeaderInput input, ModelFileInfoBuilder info)
    {
        // With an unknown length the top-level message simply runs to the end of the stream.
        var end = input.Length ?? long.MaxValue;
        var sawGraph = false;
        var sawOpset = false;
        var external = false;
        while (input.Offset < end && !input.AtEnd())
        {
            var (field, wire, at) = ReadTag(input);
            switch (field)
            {
                case 1:
                    Expect(wire, WireVarint, "ModelProto.ir_version", at);
                    info.TryAddMetadata("ir_version", ((long)ReadVarint(input)).ToString(CultureInfo.InvariantCulture));
                    break;
                case 2:
                    info.TryAddMetadata("producer_name", ReadText(input, wire, end, "ModelProto.producer_name", at));
                    break;
                case 3:
                    info.TryAddMetadata("producer_version", ReadText(input, wire, end, "ModelProto.producer_version", at));
                    break;
                case 4:
                    info.TryAddMetadata("domain", ReadText(input, wire, end, "ModelProto.domain", at));
                    break;
                case 5:
                    Expect(wire, WireVarint, "ModelProto.model_version", at);
                    info.TryAddMetadata("model_version", ((long)ReadVarint(input)).ToString(CultureInfo.InvariantCulture));
                    break;
                case 7:
                    Expect(wire, WireLengthDelimited, "ModelProto.graph", at);
                    ReadGraph(input, ReadLength(input, end), info, ref external);
                    sawGraph = true;
                    break;
                case 8:
                    Expect(wire, WireLengthDelimited, "ModelProto.opset_import", at);
                    ReadOpset(input, ReadLength(input, end), info);
                    sawOpset = true;
                    break;
                case 14:
                    Expect(wire, WireLengthDelimited, "ModelProto.metadata_props", at);
                    ReadMetadataProp(input, ReadLength(input, end), info);
                    break;
                default:
                    SkipField(input, wire, end, at);
                    break;
            }
        }

        // A clean field boundary can still be a cut-short file; a model without these is not usable anyway.
        if (!sawGraph)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant($"ONNX: the model has no graph (read to offset {input.Offset})"));
        }

        if (!sawOpset)
        {
            throw new ModelFileFormatException(HeaderInput.Invariant($"ONNX: the model has no opset_import (read to offset {input.Offset})"));
        }

        if (external)
        {
            info.TryAddMetadata("external_data", "true");
        }

        info.TensorsComplete = true;
    }

    private static void ReadGraph(HeaderInput input, long end, ModelFileInfoBuilder info, ref bool external)
    {
        while (input.Offset < end)
        {
            var (field, wire, at) = ReadTag(input);
            switch (field)
            {
                case 5:
                    Expect(wire, WireLengthDelimited, "GraphProto.initializer", at);
                    var tensor = ReadTensor(input, ReadLength(input, end), at);
                    external |= tensor.External;
                    info.AddTensor(tensor.DataType, tensor.Elements, at);
                    break;
                case 15:
                    Expect(wire, WireLengthDelimited, "GraphProto.sparse_initializer", at);
                    ReadSparseTensor(input, ReadLength(input, end), info, at, ref external);
                    break;
                default:
                    SkipField(input, wire, end, at);
                    break;
            }
        }

        CheckEnd(input, end);
    }

    private static (string DataType, ElementCount Elements, bool External) ReadTensor(HeaderInput input, long end, long tensorAt)
    {
        var elements = default(ElementCount);
        var dataType = 0L;
        var external = false;
        while (input.Offset < end)
        {
            var (field, wire, at) = ReadTag(input);
            switch (field)
            {
                case 1:
                    ReadDims(input, wire, end, ref elements, at);
                    break;
                case 2:
                    Expect(wire, WireVarint, "TensorProto.data_type", at);
                    dataType = (int)ReadVarint(input);
                    break;
                case 14:
                    Expect(wire, WireVarint, "TensorProto.data_location", at);
                    external |= ReadVarint(input) == 1; // DataLocation.EXTERNAL
                    break;
                case 13:
                    external = true; // external_data entries: the weights live in another file
                    SkipField(input, wire, end, at);
                    break;
                case 4 or 5 or 6 or 7 or 9 or 10 or 11:
                    // raw_data (9) and the typed data fields are tensor data: skipped, unread, not counted.
                    SkipField(input, wire, end, at, isData: true);
                    break;
                default:
                    SkipField(input, wire, end, at);
                    break;
            }
        }

        CheckEnd(input, end);
        if (elements.Overflowed)
        {
            throw Fail("the element count of the tensor overflows a 64-bit integer", tensorAt);
        }

        return (DataTypeName(dataType), elements, external);
    }

    private static void ReadSparseTensor(HeaderInput input, long end, ModelFileInfoBuilder info, long sparseAt, ref bool external)
    {
        // The dense shape (field 3) is the parameter count; the values tensor (field 1) gives the element type.
        var elements = default(ElementCount);
        var dataType = "UNDEFINED";
        while (input.Offset < end)
        {
            var (field, wire, at) = ReadTag(input);
            switch (field)
            {
                case 1:
                    Expect(wire, WireLengthDelimited, "SparseTensorProto.values", at);
                    var values = ReadTensor(input, ReadLength(input, end), at);
                    dataType = values.DataType;
                    external |= values.External;
                    break;
                case 3:
                    ReadDims(input, wire, end, ref elements, at);
                    break;
                default:
                    SkipField(input, wire, end, at);
                    break;
            }
        }

        CheckEnd(input, end);
        if (elements.Overflowed)
        {
            throw Fail("the element count of the sparse tensor overflows a 64-bit integer", sparseAt);
        }

        info.AddTensor(dataType, elements, sparseAt);
    }

    private static void ReadDims(HeaderInput input, int wire, long end, ref ElementCount elements, long at)
    {
        if (wire == WireVarint)
        {
            elements.Multiply(ReadDimension(input, at));
            return;
        }

        Expect(wire, WireLengthDelimited, "dims", at);
        var packedEnd = ReadLength(input, end);
        while (input.Offset < packedEnd)
        {
            elements.Multiply(ReadDimension(input, at));
        }

        CheckEnd(input, packedEnd);
    }

    private static long ReadDimension(HeaderInput input, long at)
    {
        var offset = input.Offset;
        var dimension = (long)ReadVarint(input);
        if (dimension < 0)
        {
            throw Fail(HeaderInput.Invariant($"negative dimension {dimension} (tensor field at {at})"), offset);
        }

        return dimension;
    }

    private static void ReadOpset(HeaderInput input, long end, ModelFileInfoBuilder info)
    {
        var domain = string.Empty;
        long? version = null;
        while (input.Offset < end)
        {
            var (field, wire, at) = ReadTag(input);
            switch (field)
            {
                case 1:
                    domain = ReadText(input, wire, end, "OperatorSetIdProto.domain", at);
                    break;
                case 2:
                    Expect(wire, WireVarint, "OperatorSetIdProto.version", at);
                    version = (long)ReadVarint(input);
                    break;
                default:
                    SkipField(input, wire, end, at);
                    break;
            }
        }

        CheckEnd(input, end);
        if (version is { } v)
        {
            var key = domain.Length == 0 || domain == "ai.onnx" ? "opset" : "opset." + domain;
            info.TryAddMetadata(key, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void ReadMetadataProp(HeaderInput input, long end, ModelFileInfoBuilder info)
    {
        string? key = null;
        var value = string.Empty;
        while (input.Offset < end)
        {
            var (field, wire, at) = ReadTag(input);
            switch (field)
            {
                case 1:
                    key = ReadText(input, wire, end, "StringStringEntryProto.key", at);
                    break;
                case 2:
                    value = ReadText(input, wire, end, "StringStringEntryProto.value", at);
                    break;
                default:
                    SkipField(input, wire, end, at);
                    break;
            }
        }

        CheckEnd(input, end);
        if (key is not null)
        {
            // The model's own fields were read first and win a clash with a metadata_props key.
            info.TryAddMetadata(key, value);
        }
    }

    private static (int Field, int Wire, long Offset) ReadTag(HeaderInput input)
    {
        var offset = input.Offset;
        var tag = ReadVarint(input);
        var field = tag >> 3;
        if (field == 0 || field > 0x1FFF_FFFF)
        {
            throw Fail(HeaderInput.Invariant($"invalid field number {field}"), offset);
        }

        return ((int)field, (int)(tag & 7), offset);
    }

    private static ulong ReadVarint(HeaderInput input)
    {
        var offset = input.Offset;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = input.ReadByte();
            if (shift == 63 && b > 1)
            {
                break;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Fail("malformed varint", offset);
    }

    /// <summary>Reads a length prefix and returns the end offset, checked against the enclosing message.</summary>
    private static long ReadLength(HeaderInput input, long end)
    {
        var offset = input.Offset;
        var length = ReadVarint(input);
        var remaining = end - input.Offset;
        if (length > (ulong)remaining)
        {
            throw Fail(HeaderInput.Invariant($"length {length} runs past the end of the enclosing message (offset {end})"), offset);
        }

        // Catches a truncated stream up front when its length is known, before any skipping.
        input.Require((long)length, "ONNX length-delimited field");
        return input.Offset + (long)length;
    }

    private static string ReadText(HeaderInput input, int wire, long end, string what, long at)
    {
        Expect(wire, WireLengthDelimited, what, at);
        var fieldEnd = ReadLength(input, end);
        return input.ReadText(fieldEnd - input.Offset, what);
    }

    private static void SkipField(HeaderInput input, int wire, long end, long at, bool isData = false)
    {
        switch (wire)
        {
            case WireVarint:
                ReadVarint(input);
                break;
            case WireFixed64:
                SkipFixed(input, 8, end, at, isData);
                break;
            case WireLengthDelimited:
                var fieldEnd = ReadLength(input, end);
                input.Skip(fieldEnd - input.Offset, isData);
                break;
            case WireFixed32:
                SkipFixed(input, 4, end, at, isData);
                break;
            case WireStartGroup:
            case WireEndGroup:
                throw Fail("protobuf groups are not supported", at);
            default:
                throw Fail(HeaderInput.Invariant($"invalid wire type {wire}"), at);
        }

        CheckEnd(input, end);
    }

    private static void SkipFixed(HeaderInput input, int size, long end, long at, bool isData)
    {
        if (end - input.Offset < size)
        {
            throw Fail("fixed-width field runs past the end of the enclosing message", at);
        }

        input.Skip(size, isData);
    }

    /// <summary>A varint may run over a submessage's end; that is corruption, not a new field.</summary>
    private static void CheckEnd(HeaderInput input, long end)
    {
        if (input.Offset > end)
        {
            throw Fail(HeaderInput.Invariant($"a field runs past the end of its message (offset {end})"), input.Offset);
        }
    }

    private static void Expect(int wire, int expected, string what, long at)
    {
        if (wire != expected)
        {
            throw Fail(HeaderInput.Invariant($"{what} has wire type {wire}, expected {expected}"), at);
        }
    }

    private static string DataTypeName(long id) =>
        id >= 0 && id < DataTypeNames.Length ? DataTypeNames[id] : "TYPE_" + id.ToString(CultureInfo.InvariantCulture);

    private static ModelFileFormatException Fail(string what, long offset) =>
        new(HeaderInput.Invariant($"ONNX: {what} at offset {offset}"));
}
