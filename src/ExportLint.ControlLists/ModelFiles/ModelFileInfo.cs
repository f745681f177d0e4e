using System.Collections.Immutable;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>What <see cref="ModelFileReader"/> learned from a model file's header.</summary>
public sealed class ModelFileInfo
{
    internal ModelFileInfo(
        ModelFileKind kind,
        long? tensorCount,
        long? parameterCount,
        ImmutableArray<string> dataTypes,
        ImmutableSortedDictionary<string, string> metadata,
        long headerBytes,
        string? problem)
    {
        Kind = kind;
        TensorCount = tensorCount;
        ParameterCount = parameterCount;
        DataTypes = dataTypes;
        Metadata = metadata;
        HeaderBytes = headerBytes;
        Problem = problem;
    }

    /// <summary>The format, identified by content.</summary>
    public ModelFileKind Kind { get; }

    /// <summary>
    /// The number of tensors the header declares (ONNX: initializers plus sparse initializers). Null for formats
    /// read for identification only (PyTorch, HDF5, TFLite) and when the tensor list could not be read whole.
    /// </summary>
    public long? TensorCount { get; }

    /// <summary>
    /// The sum over tensors of the product of their dimensions. Null where <see cref="TensorCount"/> is null, and
    /// when the sum overflows a 64-bit integer (then <see cref="Problem"/> says so).
    /// </summary>
    public long? ParameterCount { get; }

    /// <summary>
    /// The distinct tensor element types, sorted ordinally, in the format's own spelling: safetensors
    /// <c>"BF16"</c>, <c>"F32"</c>; GGUF ggml types <c>"F16"</c>, <c>"Q4_K"</c>; ONNX
    /// <c>TensorProto.DataType</c> names <c>"FLOAT"</c>, <c>"FLOAT16"</c>. When <see cref="Problem"/> is set,
    /// holds the types seen before it.
    /// </summary>
    public ImmutableArray<string> DataTypes { get; }

    /// <summary>
    /// Header metadata, keys ordinal-sorted, values capped at 256 characters: safetensors <c>__metadata__</c>;
    /// GGUF key-value pairs (scalars rendered invariantly, arrays summarised as <c>"[array of N type]"</c>, strings over
    /// 1 MiB skipped and shown as <c>"[string of N bytes, not read]"</c>);
    /// ONNX <c>ir_version</c>, <c>producer_name</c>, <c>producer_version</c>, <c>domain</c>,
    /// <c>model_version</c>, <c>opset</c> (default domain), <c>opset.&lt;domain&gt;</c>, and
    /// <c>metadata_props</c> entries under their own keys. When <see cref="Problem"/> is set, holds what was read
    /// before it.
    /// </summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; }

    /// <summary>
    /// How many bytes of header the reader went through: for safetensors 8 plus the JSON length, for GGUF up to
    /// the end of the tensor infos, for ONNX the protobuf bytes other than tensor data (which is skipped, not
    /// read). Bytes read ahead into a buffer do not count. For identification-only formats, the bytes examined.
    /// </summary>
    public long HeaderBytes { get; }

    /// <summary>
    /// Why the header could not be read whole (truncated, corrupt or over a safety limit), usually with the byte
    /// offset; null when it was read whole.
    /// </summary>
    public string? Problem { get; }
}
