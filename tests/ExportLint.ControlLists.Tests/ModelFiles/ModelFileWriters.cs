using System.IO.Compression;
using System.Text;

namespace ExportLint.ControlLists.Tests.ModelFiles;

/// <summary>Builds small, valid model files in memory so the tests need no fixtures.</summary>
internal static class ModelFileWriters
{
    public sealed record SafetensorsTensor(string Name, string DType, long[] Shape, int ElementSize);

    public static byte[] Safetensors(IEnumerable<SafetensorsTensor> tensors, IDictionary<string, string>? metadata = null, int padding = 0)
    {
        var json = new StringBuilder("{");
        var first = true;
        if (metadata is not null)
        {
            json.Append("\"__metadata__\":{");
            json.Append(string.Join(",", metadata.Select(p => $"{Quote(p.Key)}:{Quote(p.Value)}")));
            json.Append('}');
            first = false;
        }

        long offset = 0;
        foreach (var t in tensors)
        {
            var bytes = t.Shape.Aggregate(1L, (a, b) => a * b) * t.ElementSize;
            json.Append(first ? "" : ",");
            json.Append(FormattableString.Invariant($"{Quote(t.Name)}:{{\"dtype\":{Quote(t.DType)},\"shape\":[{string.Join(",", t.Shape)}],\"data_offsets\":[{offset},{offset + bytes}]}}"));
            offset += bytes;
            first = false;
        }

        json.Append('}').Append(' ', padding);
        return SafetensorsRaw(Encoding.UTF8.GetBytes(json.ToString()), offset);
    }

    public static byte[] SafetensorsRaw(byte[] header, long dataBytes = 0, ulong? declaredLength = null)
    {
        var output = new MemoryStream();
        output.Write(BitConverter.GetBytes(declaredLength ?? (ulong)header.Length));
        output.Write(header);
        output.Write(new byte[dataBytes]);
        return output.ToArray();
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A GGUF writer: metadata first, then tensors, then aligned zeroed data.</summary>
    public sealed class Gguf
    {
        private readonly List<byte> _kv = [];
        private readonly List<(string Name, ulong[] Dims, uint Type, long Bytes)> _tensors = [];
        private int _kvCount;

        public uint Version { get; init; } = 3;

        public ulong? TensorCountOverride { get; set; }

        public uint Alignment { get; set; } = 32;

        public Gguf String(string key, string value) => Key(key, 8, w => WriteString(w, value));

        public Gguf UInt32(string key, uint value) => Key(key, 4, w => w.Write(value));

        public Gguf Int32(string key, int value) => Key(key, 5, w => w.Write(value));

        public Gguf UInt8(string key, byte value) => Key(key, 0, w => w.Write(value));

        public Gguf Int8(string key, sbyte value) => Key(key, 1, w => w.Write(value));

        public Gguf UInt16(string key, ushort value) => Key(key, 2, w => w.Write(value));

        public Gguf Int16(string key, short value) => Key(key, 3, w => w.Write(value));

        public Gguf Float32(string key, float value) => Key(key, 6, w => w.Write(value));

        public Gguf Bool(string key, bool value) => Key(key, 7, w => w.Write(value));

        public Gguf UInt64(string key, ulong value) => Key(key, 10, w => w.Write(value));

        public Gguf Int64(string key, long value) => Key(key, 11, w => w.Write(value));

        public Gguf Float64(string key, double value) => Key(key, 12, w => w.Write(value));

        public Gguf StringArray(string key, params string[] values) => Key(key, 9, w =>
        {
            w.Write(8u);
            w.Write((ulong)values.Length);
            foreach (var v in values)
            {
                WriteString(w, v);
            }
        });

        public Gguf Int32Array(string key, params int[] values) => Key(key, 9, w =>
        {
            w.Write(5u);
            w.Write((ulong)values.Length);
            foreach (var v in values)
            {
                w.Write(v);
            }
        });

        public Gguf Raw(string key, uint type, Action<BinaryWriter> value) => Key(key, type, value);

        /// <summary>Adds a tensor; <paramref name="bytes"/> is its data size.</summary>
        public Gguf Tensor(string name, uint type, long bytes, params ulong[] dims)
        {
            _tensors.Add((name, dims, type, bytes));
            return this;
        }

        public byte[] ToArray()
        {
            var output = new MemoryStream();
            var w = new BinaryWriter(output);
            w.Write("GGUF"u8);
            w.Write(Version);
            w.Write(TensorCountOverride ?? (ulong)_tensors.Count);
            w.Write((ulong)_kvCount);
            w.Write([.. _kv]);
            long offset = 0;
            foreach (var t in _tensors)
            {
                WriteString(w, t.Name);
                w.Write((uint)t.Dims.Length);
                foreach (var d in t.Dims)
                {
                    w.Write(d);
                }

                w.Write(t.Type);
                w.Write((ulong)offset);
                offset += Align(t.Bytes);
            }

            w.Flush();
            w.Write(new byte[Align(output.Length) - output.Length]);
            w.Write(new byte[offset]);
            w.Flush();
            return output.ToArray();
        }

        private long Align(long n) => (n + Alignment - 1) / Alignment * Alignment;

        private Gguf Key(string key, uint type, Action<BinaryWriter> value)
        {
            using var buffer = new MemoryStream();
            using var w = new BinaryWriter(buffer);
            WriteString(w, key);
            w.Write(type);
            value(w);
            w.Flush();
            _kv.AddRange(buffer.ToArray());
            _kvCount++;
            return this;
        }

        public static void WriteString(BinaryWriter w, string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            w.Write((ulong)bytes.Length);
            w.Write(bytes);
        }
    }

    /// <summary>A protobuf message writer, just enough for ONNX test models.</summary>
    public sealed class Proto
    {
        private readonly List<byte> _out = [];

        public Proto Varint(int field, long value)
        {
            Tag(field, 0);
            WriteVarint((ulong)value);
            return this;
        }

        public Proto Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            WriteVarint((ulong)value.Length);
            _out.AddRange(value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

        public Proto Packed(int field, params long[] values)
        {
            var inner = new Proto();
            foreach (var v in values)
            {
                inner.WriteVarint((ulong)v);
            }

            return Bytes(field, inner.ToArray());
        }

        public Proto Fixed32(int field, uint value)
        {
            Tag(field, 5);
            _out.AddRange(BitConverter.GetBytes(value));
            return this;
        }

        public Proto Fixed64(int field, ulong value)
        {
            Tag(field, 1);
            _out.AddRange(BitConverter.GetBytes(value));
            return this;
        }

        /// <summary>A length-delimited field header that declares <paramref name="length"/> but writes no payload.</summary>
        public Proto LengthOnly(int field, ulong length)
        {
            Tag(field, 2);
            WriteVarint(length);
            return this;
        }

        public Proto RawBytes(params byte[] bytes)
        {
            _out.AddRange(bytes);
            return this;
        }

        public Proto Tag(int field, int wire)
        {
            WriteVarint((ulong)((field << 3) | wire));
            return this;
        }

        public byte[] ToArray() => [.. _out];

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _out.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _out.Add((byte)value);
        }
    }

    public static Proto OnnxTensor(string name, int dataType, long[] dims, bool packed = true, int rawBytes = 0)
    {
        var t = new Proto();
        if (packed)
        {
            t.Packed(1, dims);
        }
        else
        {
            foreach (var d in dims)
            {
                t.Varint(1, d);
            }
        }

        t.Varint(2, dataType).String(8, name);
        if (rawBytes > 0)
        {
            t.Bytes(9, new byte[rawBytes]);
        }

        return t;
    }

    /// <summary>A ModelProto in serializer field order, graph built by <paramref name="graph"/>.</summary>
    public static byte[] Onnx(Proto graph, bool withMetadata = true, long irVersion = 9)
    {
        var model = new Proto()
            .Varint(1, irVersion)
            .String(2, "pytorch")
            .String(3, "2.5.1")
            .String(4, "ai.example")
            .Varint(5, 7)
            .String(6, "a test model")
            .Message(7, graph)
            .Message(8, new Proto().String(1, "").Varint(2, 17));
        if (withMetadata)
        {
            model.Message(8, new Proto().String(1, "com.microsoft").Varint(2, 1))
                .Message(14, new Proto().String(1, "author").String(2, "ExportLint tests"))
                .Message(14, new Proto().String(1, "license").String(2, "MIT"));
        }

        return model.ToArray();
    }

    public static byte[] PyTorchZip(string folder = "archive", bool dataPklFirst = true, bool includeDataPkl = true)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] content)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(content);
            }

            if (!dataPklFirst)
            {
                Add(folder + "/byteorder", "little"u8.ToArray());
                Add(folder + "/data/0", new byte[4096]);
            }

            if (includeDataPkl)
            {
                Add(folder + "/data.pkl", [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E]);
            }

            Add(folder + "/version", "3\n"u8.ToArray());
        }

        return output.ToArray();
    }

    /// <summary>torch's legacy format begins by pickling its magic number with protocol 2.</summary>
    public static byte[] PyTorchLegacyPickle() =>
        [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19, 0x2E, 0x80, 0x02, 0x4D, 0xE9, 0x03, 0x2E];

    public static byte[] Hdf5(int userBlock = 0)
    {
        var bytes = new byte[userBlock + 96];
        new byte[] { 0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }.CopyTo(bytes, userBlock);
        return bytes;
    }

    public static byte[] TfLite()
    {
        var bytes = new byte[64];
        bytes[0] = 0x1C;
        "TFL3"u8.CopyTo(bytes.AsSpan(4));
        return bytes;
    }
    /// <summary>A legacy GGML file: the little-endian magic, a version for the versioned magics, then hparams.</summary>
    public static byte[] Ggml(string magic = "ggjt", int version = 3)
    {
        var output = new MemoryStream();
        using var w = new BinaryWriter(output);
        w.Write(magic switch { "ggml" => 0x67676d6cu, "ggmf" => 0x67676d66u, "ggjt" => 0x67676a74u, _ => throw new ArgumentOutOfRangeException(nameof(magic)) });
        if (magic != "ggml")
        {
            w.Write(version);
        }

        foreach (var hparam in new[] { 32000, 4096, 256, 32, 32, 128, 2 })
        {
            w.Write(hparam);
        }

        w.Flush();
        return output.ToArray();
    }

    /// <summary>A Keras 3 archive as keras/src/saving/saving_lib.py writes it: metadata.json, config.json, weights.</summary>
    public static byte[] Keras(bool includeConfig = true, bool includeWeights = true)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] content)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(content);
            }

            Add("metadata.json", """{"keras_version": "3.8.0", "date_saved": "2026-11-29@01:00:00"}"""u8.ToArray());
            if (includeConfig)
            {
                Add("config.json", """{"module": "keras", "class_name": "Sequential", "config": {}}"""u8.ToArray());
            }

            if (includeWeights)
            {
                Add("model.weights.h5", Hdf5());
            }
        }

        return output.ToArray();
    }

    /// <summary>An OpenVINO IR topology (.xml) as the model optimizer writes it.</summary>
    public static byte[] OpenVinoIr(string prolog = "<?xml version=\"1.0\"?>\n") =>
        Encoding.UTF8.GetBytes(prolog + "<net name=\"resnet\" version=\"11\">\n\t<layers>\n\t\t<layer id=\"0\" name=\"input\" type=\"Parameter\" version=\"opset1\"/>\n\t</layers>\n</net>\n");

    /// <summary>
    /// The start of a SavedModel's saved_model.pb: saved_model_schema_version = 1, then one MetaGraphDef holding a
    /// MetaInfoDef with tags ["serve"].
    /// </summary>
    public static byte[] SavedModel() =>
        new Proto().Varint(1, 1).Message(2, new Proto().Message(1, new Proto().String(4, "serve"))).ToArray();

}

/// <summary>A stream that hides its length and refuses to seek, like a network or pipe stream.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    // Hand out small pieces, as pipes do, to exercise partial reads.
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7919));

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Counts the bytes actually read from the wrapped stream.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        BytesRead += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

}
