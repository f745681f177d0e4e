using System.Collections.Immutable;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>The model-weight file formats ExportLint recognises.</summary>
public enum ModelFileKind
{
    /// <summary>Not a recognised model file.</summary>
    Unknown,

    /// <summary>Hugging Face safetensors: a length-prefixed JSON header followed by raw tensor bytes.</summary>
    Safetensors,

    /// <summary>GGUF (llama.cpp / ggml), versions 2 and 3.</summary>
    Gguf,

    /// <summary>ONNX: a protobuf <c>ModelProto</c>.</summary>
    Onnx,

    /// <summary>PyTorch's ZIP checkpoint format (<c>torch.save</c> since 1.6, TorchScript archives).</summary>
    PyTorchZip,

    /// <summary>PyTorch's legacy pickle checkpoint format.</summary>
    PyTorchPickle,

    /// <summary>HDF5 (Keras 2 <c>.h5</c> weights and models).</summary>
    Hdf5,

    /// <summary>TensorFlow Lite FlatBuffer.</summary>
    TfLite,

    /// <summary>
    /// The GGML formats before GGUF (whisper.cpp and old llama.cpp <c>.bin</c> files): a little-endian magic
    /// <c>ggml</c>, <c>ggmf</c> or <c>ggjt</c> at offset 0.
    /// </summary>
    Ggml,

    /// <summary>Keras 3 <c>.keras</c>: a ZIP of <c>metadata.json</c>, <c>config.json</c> and <c>model.weights.h5</c>.</summary>
    Keras,

    /// <summary>
    /// OpenVINO IR: the <c>.xml</c> topology, an XML document whose root element is <c>&lt;net&gt;</c>. Its weights
    /// are in the <c>.bin</c> of the same name, which has no signature and is not identified.
    /// </summary>
    OpenVinoIr,

    /// <summary>
    /// TensorFlow SavedModel: the folder's <c>saved_model.pb</c>, a <c>SavedModel</c> protobuf. Protobuf has no
    /// magic, so the file is identified by its name and its first fields (schema version 1, then a MetaGraphDef).
    /// </summary>
    TfSavedModel,
}

/// <summary>Names and usual file extensions of <see cref="ModelFileKind"/> values.</summary>
public static class ModelFileKinds
{
    private static readonly ImmutableArray<string> None = ImmutableArray<string>.Empty;
    private static readonly ImmutableArray<string> SafetensorsExtensions = ImmutableArray.Create(".safetensors");
    private static readonly ImmutableArray<string> GgufExtensions = ImmutableArray.Create(".gguf");
    private static readonly ImmutableArray<string> OnnxExtensions = ImmutableArray.Create(".onnx");

    // ".bin" is left out on purpose: it names every kind of blob, so as a hint it would only add noise.
    private static readonly ImmutableArray<string> PyTorchZipExtensions = ImmutableArray.Create(".pt", ".pth", ".ckpt");
    private static readonly ImmutableArray<string> PyTorchPickleExtensions = ImmutableArray.Create(".pt", ".pth", ".pkl");

    // ".keras" is left out: Keras 3 ".keras" files are ZIP archives, not HDF5.
    private static readonly ImmutableArray<string> Hdf5Extensions = ImmutableArray.Create(".h5", ".hdf5");
    private static readonly ImmutableArray<string> TfLiteExtensions = ImmutableArray.Create(".tflite");
    private static readonly ImmutableArray<string> KerasExtensions = ImmutableArray.Create(".keras");

    // GGML (".bin"), OpenVINO IR (".xml") and SavedModel (".pb") have no extension of their own: as hints they would
    // only add noise, so they have none.

    /// <summary>
    /// The spelling used for <paramref name="kind"/> in control-list YAML: <c>safetensors</c>, <c>gguf</c>,
    /// <c>onnx</c>, <c>pytorch</c> (the ZIP format), <c>pytorch-pickle</c>, <c>hdf5</c>, <c>tflite</c>, <c>ggml</c>,
    /// <c>keras</c>, <c>openvino-ir</c>, <c>tf-savedmodel</c>, or <c>unknown</c>.
    /// </summary>
    /// <param name="kind">The kind to name.</param>
    /// <returns>The YAML name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string NameOf(ModelFileKind kind) => kind switch
    {
        ModelFileKind.Unknown => "unknown",
        ModelFileKind.Safetensors => "safetensors",
        ModelFileKind.Gguf => "gguf",
        ModelFileKind.Onnx => "onnx",
        ModelFileKind.PyTorchZip => "pytorch",
        ModelFileKind.PyTorchPickle => "pytorch-pickle",
        ModelFileKind.Hdf5 => "hdf5",
        ModelFileKind.TfLite => "tflite",
        ModelFileKind.Ggml => "ggml",
        ModelFileKind.Keras => "keras",
        ModelFileKind.OpenVinoIr => "openvino-ir",
        ModelFileKind.TfSavedModel => "tf-savedmodel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Undefined model file kind."),
    };

    /// <summary>
    /// Parses a control-list YAML name (see <see cref="NameOf"/>), ignoring ASCII case. <c>unknown</c> is not
    /// accepted: a control list has no use for it.
    /// </summary>
    /// <param name="name">The name to parse.</param>
    /// <param name="kind">The parsed kind, or <see cref="ModelFileKind.Unknown"/> when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a kind.</returns>
    public static bool TryParse(string? name, out ModelFileKind kind)
    {
        kind = ModelFileKind.Unknown;
        if (name is null)
        {
            return false;
        }

        for (var candidate = ModelFileKind.Safetensors; candidate <= ModelFileKind.TfSavedModel; candidate++)
        {
            if (string.Equals(name, NameOf(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The usual file extensions of <paramref name="kind"/> (lower case, with the dot). They are hints only: the
    /// sniffer decides by content, and several kinds share extensions (<c>.pt</c> is ZIP or pickle).
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The extensions; empty for <see cref="ModelFileKind.Unknown"/> or an undefined value.</returns>
    public static IReadOnlyList<string> ExtensionsOf(ModelFileKind kind) => kind switch
    {
        ModelFileKind.Safetensors => SafetensorsExtensions,
        ModelFileKind.Gguf => GgufExtensions,
        ModelFileKind.Onnx => OnnxExtensions,
        ModelFileKind.PyTorchZip => PyTorchZipExtensions,
        ModelFileKind.PyTorchPickle => PyTorchPickleExtensions,
        ModelFileKind.Hdf5 => Hdf5Extensions,
        ModelFileKind.TfLite => TfLiteExtensions,
        ModelFileKind.Keras => KerasExtensions,
        _ => None,
    };
}
