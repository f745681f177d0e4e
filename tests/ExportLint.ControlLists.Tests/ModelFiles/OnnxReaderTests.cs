using System.Diagnostics;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.ModelFileWriters;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

public class OnnxReaderTests
{
    private const int Float = 1, Int64 = 7, Float16 = 10;

    private static Proto ValidGraph(int rawBytes = 64 * 32 * 4) => new Proto()
        .Message(1, new Proto().String(1, "x").String(2, "y").String(4, "MatMul")) // a node, skipped
        .String(2, "main_graph")
        .Message(5, OnnxTensor("fc.weight", Float, [64, 32], packed: true, rawBytes: rawBytes))
        .Message(5, OnnxTensor("fc.bias", Float16, [32], packed: false, rawBytes: 64))
        .Message(5, new Proto().Varint(2, Int64).String(8, "scalar").Packed(7, 42)) // scalar with int64_data
        .Message(15, new Proto()
            .Message(1, OnnxTensor("sparse.values", Float, [5], rawBytes: 20))
            .Message(2, OnnxTensor("sparse.indices", Int64, [5], rawBytes: 40))
            .Packed(3, 100, 100))
        .Message(11, new Proto().String(1, "input")); // a graph input, skipped

    [Fact]
    public void Reads_counts_types_and_metadata()
    {
        var info = Read(Onnx(ValidGraph()), "model.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(ModelFileKind.Onnx, info.Kind);
        Assert.Equal(4, info.TensorCount);
        Assert.Equal(2048 + 32 + 1 + 10_000, info.ParameterCount);
        Assert.Equal(["FLOAT", "FLOAT16", "INT64"], info.DataTypes.ToArray());
        Assert.Equal("9", info.Metadata["ir_version"]);
        Assert.Equal("pytorch", info.Metadata["producer_name"]);
        Assert.Equal("2.5.1", info.Metadata["producer_version"]);
        Assert.Equal("ai.example", info.Metadata["domain"]);
        Assert.Equal("7", info.Metadata["model_version"]);
        Assert.Equal("17", info.Metadata["opset"]);
        Assert.Equal("1", info.Metadata["opset.com.microsoft"]);
        Assert.Equal("ExportLint tests", info.Metadata["author"]);
        Assert.Equal("MIT", info.Metadata["license"]);
        Assert.Equal(9, info.Metadata.Count);
    }

    [Fact]
    public void Identified_by_structure_without_the_extension()
    {
        var info = Read(Onnx(ValidGraph()), "weights.dat");

        Assert.Equal(ModelFileKind.Onnx, info.Kind);
        Assert.Null(info.Problem);
    }

    [Fact]
    public void Tensor_data_is_skipped_not_read_when_seekable()
    {
        var file = Onnx(ValidGraph(rawBytes: 8 << 20));
        using var stream = new CountingStream(new MemoryStream(file));
        var info = ModelFileReader.Read(stream, "big.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(2048 + 32 + 1 + 10_000, info.ParameterCount);
        Assert.True(stream.BytesRead < 1 << 20, $"read {stream.BytesRead} bytes");
        Assert.True(info.HeaderBytes < 4096, $"header bytes {info.HeaderBytes}");
    }

    [Fact]
    public void Non_seekable_stream_gives_the_same_result()
    {
        var file = Onnx(ValidGraph(rawBytes: 300_000));
        var seekable = Read(file, "m.onnx");
        var streamed = Read(file, "m.onnx", seekable: false);

        Assert.Null(streamed.Problem);
        Assert.Equal(seekable.TensorCount, streamed.TensorCount);
        Assert.Equal(seekable.ParameterCount, streamed.ParameterCount);
        Assert.Equal(seekable.DataTypes, streamed.DataTypes.ToArray());
        Assert.Equal(seekable.Metadata, streamed.Metadata);
        Assert.Equal(seekable.HeaderBytes, streamed.HeaderBytes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_truncated_prefix_reports_a_problem(bool seekable)
    {
        // Without metadata_props the last field is the only opset_import, so no prefix ends on a complete model.
        var file = Onnx(ValidGraph(rawBytes: 16), withMetadata: false);

        Assert.Empty(PrefixesWithoutProblem(file, "m.onnx", seekable));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gigabyte_raw_data_on_a_tiny_stream_is_a_problem_quickly(bool seekable)
    {
        const long rawLength = 1L << 30;
        var tensor = new Proto().Packed(1, 1 << 28).Varint(2, Float).LengthOnly(9, rawLength).ToArray();
        var graph = new Proto().Tag(5, 2).RawBytes(Varint(tensor.Length + rawLength)).RawBytes(tensor).ToArray();
        var file = new Proto().Varint(1, 9).String(2, "pytorch").Tag(7, 2).RawBytes(Varint(graph.Length + rawLength)).RawBytes(graph).ToArray();

        var clock = Stopwatch.StartNew();
        var info = Read(file, "m.onnx", seekable);

        Assert.Equal(ModelFileKind.Onnx, info.Kind);
        Assert.NotNull(info.Problem);
        Assert.Contains("offset", info.Problem);
        Assert.Null(info.TensorCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Gigabyte_raw_data_in_a_gigabyte_stream_is_skipped_by_seeking()
    {
        const long rawLength = 1L << 30;
        var tensor = new Proto().Packed(1, 1 << 28).Varint(2, Float).LengthOnly(9, rawLength).ToArray();
        var graph = new Proto().Tag(5, 2).RawBytes(Varint(tensor.Length + rawLength)).RawBytes(tensor).ToArray();
        var header = new Proto().Varint(1, 9).String(2, "pytorch").Tag(7, 2).RawBytes(Varint(graph.Length + rawLength)).RawBytes(graph).ToArray();
        var opset = new Proto().Message(8, new Proto().Varint(2, 21)).ToArray();

        // The raw data is a gigabyte of zeros that is never materialised; the opset follows it.
        var total = header.Length + rawLength + opset.Length;
        using var stream = new SparseTailStream(header, opset, total);
        var info = ModelFileReader.Read(stream, "m.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(1L << 28, info.ParameterCount);
        Assert.Equal("21", info.Metadata["opset"]);
        Assert.True(stream.BytesRead < 1 << 20, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Negative_dimension_is_a_problem()
    {
        var graph = new Proto().Message(5, OnnxTensor("t", Float, [4, -1], packed: false));

        Assert.Contains("negative dimension -1", Read(Onnx(graph), "m.onnx").Problem);
    }

    [Fact]
    public void Overflowing_dimensions_are_a_problem()
    {
        var graph = new Proto().Message(5, OnnxTensor("t", Float, [1L << 40, 1L << 40]));

        Assert.Contains("overflows a 64-bit integer", Read(Onnx(graph), "m.onnx").Problem);
    }

    [Fact]
    public void Zero_dimension_makes_an_empty_tensor_even_after_overflow()
    {
        var graph = new Proto().Message(5, OnnxTensor("t", Float, [1L << 40, 1L << 40, 0]));
        var info = Read(Onnx(graph), "m.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(0, info.ParameterCount);
    }

    [Fact]
    public void Groups_are_refused()
    {
        var graph = new Proto().Message(5, new Proto().Tag(3, 3).Tag(3, 4));

        Assert.Contains("groups are not supported", Read(Onnx(graph), "m.onnx").Problem);
    }

    [Fact]
    public void Fixed_width_fields_are_skipped()
    {
        var graph = new Proto().Message(5, OnnxTensor("t", Float, [3]).Fixed32(99, 1).Fixed64(98, 2));
        var info = Read(Onnx(graph), "m.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(3, info.ParameterCount);
    }

    [Fact]
    public void Length_past_the_enclosing_message_is_a_problem()
    {
        var tensor = new Proto().LengthOnly(9, 1000).ToArray();
        var graph = new Proto().Bytes(5, tensor);

        Assert.Contains("runs past the end of the enclosing message", Read(Onnx(graph), "m.onnx").Problem);
    }

    [Fact]
    public void Malformed_varint_is_a_problem()
    {
        var graph = new Proto().Message(5, new Proto().Tag(2, 0).RawBytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));

        Assert.Contains("malformed varint", Read(Onnx(graph), "m.onnx").Problem);
    }

    [Fact]
    public void External_data_is_flagged_and_dims_still_counted()
    {
        var tensor = OnnxTensor("w", Float, [1000, 1000])
            .Message(13, new Proto().String(1, "location").String(2, "weights.bin"))
            .Varint(14, 1);
        var info = Read(Onnx(new Proto().Message(5, tensor)), "m.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(1_000_000, info.ParameterCount);
        Assert.Equal("true", info.Metadata["external_data"]);
    }

    [Fact]
    public void Unknown_data_type_is_named_by_number()
    {
        var info = Read(Onnx(new Proto().Message(5, OnnxTensor("w", 99, [2]))), "m.onnx");

        Assert.Equal(["TYPE_99"], info.DataTypes.ToArray());
    }

    [Fact]
    public void Model_without_graph_is_a_problem()
    {
        var file = new Proto().Varint(1, 9).String(2, "x").Message(8, new Proto().Varint(2, 17)).ToArray();

        Assert.Contains("no graph", Read(file, "m.onnx").Problem);
    }

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        var v = (ulong)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return [.. bytes];
    }

    /// <summary>Head bytes, zeros, then tail bytes at the very end, without allocating the zeros.</summary>
    private sealed class SparseTailStream(byte[] head, byte[] tail, long length) : Stream
    {
        private long _position;

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Max(0, Math.Min(count, length - _position));
            var tailStart = length - tail.Length;
            for (var i = 0; i < n; i++)
            {
                var p = _position + i;
                buffer[offset + i] = p < head.Length ? head[p] : p >= tailStart ? tail[p - tailStart] : (byte)0;
            }

            _position += n;
            BytesRead += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            _position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            return _position;
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
