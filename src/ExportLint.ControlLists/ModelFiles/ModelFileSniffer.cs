namespace ExportLint.ControlLists.ModelFiles;

/// <summary>Identifies a model file from its first bytes.</summary>
public static class ModelFileSniffer
{
    /// <summary>
    /// How many leading bytes a caller should pass to <see cref="Identify"/>. More is accepted: with at least
    /// 520 bytes an HDF5 signature at offset 512 (a file with a user block) is recognised too. 256 leaves room for an
    /// OpenVINO IR's XML declaration and a comment before its <c>&lt;net&gt;</c> root.
    /// </summary>
    public const int HeadLength = 256;

    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    // torch's legacy MAGIC_NUMBER 0x1950a86a20f9469cfc6c as pickled by LONG1: its 10 little-endian bytes.
    private static readonly byte[] TorchLegacyMagic = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19];

    /// <summary>
    /// Identifies the format of a file from its first bytes (ideally <see cref="HeadLength"/> of them). Magic
    /// bytes decide; <paramref name="fileName"/> is only a hint where they are ambiguous: ONNX has no magic, so a
    /// protobuf-structure check must pass (stricter without an <c>.onnx</c> extension), and a pickle counts as
    /// PyTorch only with a PyTorch-like extension or torch's legacy magic number; a safetensors length prefix over
    /// the format's 100,000,000-byte limit is accepted only with a <c>.safetensors</c> extension (so the reader can
    /// report it). A ZIP counts only when its
    /// first entry is <c>&lt;folder&gt;/data.pkl</c> (<see cref="ModelFileReader"/> also searches the central
    /// directory). HDF5 is checked at offset 0, and at 512 when the head is long enough.
    /// </summary>
    /// <param name="head">The file's first bytes.</param>
    /// <param name="fileName">The file name or path, used only as a hint; may be null.</param>
    /// <returns>The identified kind, or <see cref="ModelFileKind.Unknown"/>.</returns>
    public static ModelFileKind Identify(ReadOnlySpan<byte> head, string? fileName = null)
    {
        var extension = ExtensionOf(fileName);

        if (head.Length >= 8 && head[0] == (byte)'G' && head[1] == (byte)'G' && head[2] == (byte)'U' && head[3] == (byte)'F')
        {
            return ModelFileKind.Gguf;
        }

        if (head.StartsWith(Hdf5Signature))
        {
            return ModelFileKind.Hdf5;
        }

        if (head.Length >= 8 && head[4] == (byte)'T' && head[5] == (byte)'F' && head[6] == (byte)'L' && head[7] == (byte)'3')
        {
            return ModelFileKind.TfLite;
        }

        if (LooksLikeSafetensors(head, extension == ".safetensors"))
        {
            return ModelFileKind.Safetensors;
        }

        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
        {
            return PyTorchZipProbe.FirstEntryArchive(head) is not null ? ModelFileKind.PyTorchZip
                : KerasZipProbe.FirstEntryIsMetadata(head) ? ModelFileKind.Keras
                : ModelFileKind.Unknown;
        }

        if (GgmlMagicOf(head) is not null)
        {
            return ModelFileKind.Ggml;
        }

        if (LooksLikeOpenVinoIr(head))
        {
            return ModelFileKind.OpenVinoIr;
        }

        if (LooksLikeSavedModel(head, fileName))
        {
            return ModelFileKind.TfSavedModel;
        }

        if (head.Length >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5)
        {
            var torchExtension = extension is ".pt" or ".pth" or ".pkl" or ".ckpt";
            return torchExtension || head.IndexOf(TorchLegacyMagic) >= 0 ? ModelFileKind.PyTorchPickle : ModelFileKind.Unknown;
        }

        // HDF5 allows a user block before the superblock; 512 is the smallest such offset. Larger ones (1024,
        // 2048, ...) would need a longer head and are not checked.
        if (head.Length >= 520 && head.Slice(512).StartsWith(Hdf5Signature))
        {
            return ModelFileKind.Hdf5;
        }

        return LooksLikeOnnx(head, extension == ".onnx") ? ModelFileKind.Onnx : ModelFileKind.Unknown;
    }

    /// <summary>
    /// The GGML magic at offset 0 (<c>ggml</c>, <c>ggmf</c>, <c>ggjt</c>), written as a little-endian uint32, so the
    /// bytes on disk read <c>lmgg</c>, <c>fmgg</c>, <c>tjgg</c>; null when there is none. The versioned ones
    /// (<c>ggmf</c>, <c>ggjt</c>) must be followed by a version of 1 to 3.
    /// </summary>
    internal static string? GgmlMagicOf(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8 || head[2] != (byte)'g' || head[3] != (byte)'g')
        {
            return null;
        }

        var magic = head[0] switch
        {
            (byte)'l' when head[1] == (byte)'m' => "ggml",
            (byte)'f' when head[1] == (byte)'m' => "ggmf",
            (byte)'t' when head[1] == (byte)'j' => "ggjt",
            _ => null,
        };
        if (magic is null or "ggml")
        {
            return magic;
        }

        var version = head[4] | (head[5] << 8) | (head[6] << 16) | (head[7] << 24);
        return version is >= 1 and <= 3 ? magic : null;
    }

    /// <summary>
    /// An XML document whose root element is <c>&lt;net&gt;</c>: an optional UTF-8 byte-order mark, white space, an
    /// XML declaration and comments, then <c>&lt;net</c> and a space or <c>&gt;</c>, all within the head.
    /// </summary>
    private static bool LooksLikeOpenVinoIr(ReadOnlySpan<byte> head)
    {
        var i = head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
        while (true)
        {
            while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }

            var rest = head.Slice(i);
            if (rest.StartsWith("<?"u8))
            {
                var end = rest.IndexOf("?>"u8);
                if (end < 0)
                {
                    return false;
                }

                i += end + 2;
            }
            else if (rest.StartsWith("<!--"u8))
            {
                var end = rest.IndexOf("-->"u8);
                if (end < 0)
                {
                    return false;
                }

                i += end + 3;
            }
            else
            {
                return rest.Length >= 5 && rest.StartsWith("<net"u8) && rest[4] is (byte)' ' or (byte)'>' or (byte)'\t' or (byte)'\r' or (byte)'\n';
            }
        }
    }

    /// <summary>
    /// A file named <c>saved_model.pb</c> whose protobuf starts with <c>saved_model_schema_version</c> (field 1) = 1
    /// and a <c>meta_graphs</c> entry (field 2, length-delimited) that begins with a MetaGraphDef field tag.
    /// </summary>
    private static bool LooksLikeSavedModel(ReadOnlySpan<byte> head, string? fileName)
    {
        if (fileName is null || head.Length < 4 || head[0] != 0x08 || head[1] != 0x01 || head[2] != 0x12)
        {
            return false;
        }

        var separator = Math.Max(fileName.LastIndexOf('/'), fileName.LastIndexOf('\\'));
        if (!string.Equals(fileName.Substring(separator + 1), "saved_model.pb", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var i = 3;
        if (!TryVarint(head, ref i, out var length) || length == 0)
        {
            return false;
        }

        // MetaGraphDef's fields 1..8 are all messages or maps (wire type 2): its first byte is such a tag.
        return i >= head.Length || head[i] is 0x0A or 0x12 or 0x1A or 0x22 or 0x2A or 0x32 or 0x3A or 0x42;
    }

    internal static bool IsHdf5At(ReadOnlySpan<byte> head, int offset) =>
        head.Length >= offset + Hdf5Signature.Length && head.Slice(offset).StartsWith(Hdf5Signature);

    internal static bool HasTorchLegacyMagic(ReadOnlySpan<byte> head) => head.IndexOf(TorchLegacyMagic) >= 0;

    private static bool LooksLikeSafetensors(ReadOnlySpan<byte> head, bool safetensorsExtension)
    {
        // u64 length, then the JSON object's '{' and its next byte. The length must be within the format's limit
        // unless the extension vouches for the file: then the reader reports the over-limit length as a problem.
        if (head.Length < 10 || head[8] != (byte)'{')
        {
            return false;
        }

        ulong length = 0;
        for (var i = 7; i >= 0; i--)
        {
            length = (length << 8) | head[i];
        }

        return length >= 2 && (safetensorsExtension || length <= SafetensorsHeaderReader.MaxHeaderLength)
            && head[9] is (byte)'"' or (byte)'}' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
    }

    /// <summary>
    /// ONNX has no magic number, so check the protobuf structure: serializers write fields in number order, so a
    /// ModelProto starts with ir_version (field 1, varint) holding a small version. Every further field that fits
    /// in the head must be a ModelProto field with its proper wire type, and string fields must hold text.
    /// Without the <c>.onnx</c> extension at least one field after ir_version must be verified.
    /// </summary>
    private static bool LooksLikeOnnx(ReadOnlySpan<byte> head, bool onnxExtension)
    {
        var i = 0;
        if (!TryVarint(head, ref i, out var tag) || tag != 0x08 || !TryVarint(head, ref i, out var irVersion) || irVersion is < 1 or > 100)
        {
            return false;
        }

        var verified = 1;
        while (i < head.Length)
        {
            if (!TryVarint(head, ref i, out tag))
            {
                break;
            }

            var field = tag >> 3;
            var wire = (int)(tag & 7);
            var expected = field switch
            {
                1 or 5 => 0,
                2 or 3 or 4 or 6 or 7 or 8 or 14 or 20 or 25 or 26 => 2,
                _ => -1,
            };
            if (wire != expected)
            {
                return false;
            }

            if (!TryVarint(head, ref i, out var value))
            {
                break;
            }

            if (wire == 2)
            {
                if (value > int.MaxValue)
                {
                    return false;
                }

                var isText = field is 2 or 3 or 4 or 6;
                var available = Math.Min((int)value, head.Length - i);
                if (isText && !IsText(head.Slice(i, available)))
                {
                    return false;
                }

                if ((int)value > head.Length - i)
                {
                    verified++;
                    break;
                }

                i += (int)value;
            }

            verified++;
        }

        return onnxExtension || verified >= 2;
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryVarint(ReadOnlySpan<byte> bytes, ref int index, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && index < bytes.Length; shift += 7)
        {
            var b = bytes[index++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lower-case extension of a file name or path, without touching the file system.</summary>
    internal static string ExtensionOf(string? fileName)
    {
        if (fileName is null)
        {
            return string.Empty;
        }

        var dot = fileName.LastIndexOf('.');
        var separator = Math.Max(fileName.LastIndexOf('/'), fileName.LastIndexOf('\\'));
        return dot > separator && dot >= 0 ? fileName.Substring(dot).ToLowerInvariant() : string.Empty;
    }
}
