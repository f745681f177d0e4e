using System.Globalization;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>Reads the header of a model file: format, tensor count, parameter count, element types, metadata.</summary>
public static class ModelFileReader
{
    // Enough to see an HDF5 signature behind a 512-byte user block, and its superblock version byte.
    private const int SniffLength = 521;

    /// <summary>
    /// Identifies the format of the file in <paramref name="stream"/> (from its current position) and reads
    /// its header only: tensor data is never loaded, and is skipped with Seek where the stream can seek (else
    /// read and discarded). Every declared length is capped and checked against the stream length when known, so
    /// time and memory stay bounded whatever the input. Safetensors, GGUF and ONNX headers are decoded; PyTorch
    /// (ZIP and pickle), HDF5, TFLite, legacy GGML, Keras 3, OpenVINO IR and SavedModel files are identified only. Bad content — truncated, corrupt, hostile
    /// or unrecognised — never throws: the result carries a <see cref="ModelFileInfo.Problem"/>. The stream is
    /// left open, positioned somewhere after the header.
    /// </summary>
    /// <param name="stream">A readable stream; seekable streams are read faster and checked more thoroughly.</param>
    /// <param name="fileName">The file name or path, a hint for formats without magic bytes; may be null.</param>
    /// <returns>What was learned; <see cref="ModelFileInfo.Problem"/> is null when the header was read whole.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read.</exception>
    /// <exception cref="IOException">The stream itself failed; other exceptions the stream throws also propagate.</exception>
    public static ModelFileInfo Read(Stream stream, string? fileName = null)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        var input = new HeaderInput(stream);
        var head = input.Peek(SniffLength);
        var kind = ModelFileSniffer.Identify(head, fileName);
        var info = new ModelFileInfoBuilder(kind);
        long? examined = null;
        try
        {
            switch (kind)
            {
                case ModelFileKind.Safetensors:
                    SafetensorsHeaderReader.Read(input, info);
                    break;
                case ModelFileKind.Gguf:
                    GgufHeaderReader.Read(input, info);
                    break;
                case ModelFileKind.Onnx:
                    OnnxHeaderReader.Read(input, info);
                    break;
                case ModelFileKind.PyTorchPickle:
                    info.TryAddMetadata("pickle_protocol", head[1].ToString(CultureInfo.InvariantCulture));
                    info.TryAddMetadata("torch_legacy_magic", ModelFileSniffer.HasTorchLegacyMagic(head) ? "true" : "false");
                    examined = head.Length;
                    break;
                case ModelFileKind.Hdf5:
                    var superblock = ModelFileSniffer.IsHdf5At(head, 0) ? 0 : 512;
                    info.TryAddMetadata("superblock_offset", superblock.ToString(CultureInfo.InvariantCulture));
                    if (head.Length > superblock + 8)
                    {
                        info.TryAddMetadata("superblock_version", head[superblock + 8].ToString(CultureInfo.InvariantCulture));
                    }

                    examined = Math.Min(head.Length, superblock + 9);
                    break;
                case ModelFileKind.TfLite:
                    examined = 8;
                    break;
                case ModelFileKind.Ggml:
                    var magic = ModelFileSniffer.GgmlMagicOf(head)!;
                    info.TryAddMetadata("ggml_magic", magic);
                    if (magic != "ggml")
                    {
                        info.TryAddMetadata("ggml_version", (head[4] | (head[5] << 8)).ToString(CultureInfo.InvariantCulture));
                    }

                    examined = 8;
                    break;
                case ModelFileKind.Keras:
                    KerasZipProbe.Read(input, info);
                    break;
                case ModelFileKind.OpenVinoIr:
                case ModelFileKind.TfSavedModel:
                    // Identified only: the topology and graph are not parsed, and the weights are elsewhere (the IR's
                    // .bin, the SavedModel's variables/ folder).
                    examined = Math.Min(head.Length, ModelFileSniffer.HeadLength);
                    break;
                default:
                    if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
                    {
                        // The sniffer saw only the first entry; the probe can look further.
                        PyTorchZipProbe.Read(input, info);
                    }
                    else
                    {
                        info.Problem = head.Length == 0 ? "the file is empty" : "not a recognised model file format";
                        examined = head.Length;
                    }

                    break;
            }
        }
        catch (ModelFileFormatException ex)
        {
            info.Problem = ex.Message;
        }

        return info.Build(examined ?? input.Consumed);
    }
}
