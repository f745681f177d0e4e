using System.Text;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;

namespace ExportLint.ControlLists.Tests.ModelFiles;

/// <summary>
/// The GGUF header walk costs bounded IO whatever the file declares, and long metadata no longer hides the tensor
/// table (issue 10, items 6 and 13). Sparse files stand in for the 20 GB files of the report: the test writes only the
/// headers, and the file system reads the holes as zeros (empty strings, zero integers).
/// </summary>
public sealed class GgufBoundsTests : IDisposable
{
    private const uint F32 = 0;
    private const int Keys = 159;
    private const long ArrayLength = 1L << 24;

    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-gguf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A GGUF with no tensors and <see cref="Keys"/> keys, each an array of 2^24 elements of <paramref name="elementType"/>
    /// of <paramref name="elementSize"/> bytes; the element bytes are holes.
    /// </summary>
    private string SparseArrays(uint elementType, int elementSize)
    {
        var path = Path.Combine(_folder, "sparse.gguf");
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write(0UL);
        writer.Write((ulong)Keys);
        for (var i = 0; i < Keys; i++)
        {
            var key = Encoding.UTF8.GetBytes($"key.{i:D3}");
            writer.Write((ulong)key.Length);
            writer.Write(key);
            writer.Write(9u); // array
            writer.Write(elementType);
            writer.Write((ulong)ArrayLength);
            writer.Flush();
            stream.Seek(ArrayLength * elementSize, SeekOrigin.Current);
        }

        stream.SetLength((stream.Position + 31) / 32 * 32); // the data section starts aligned, even when empty
        return path;
    }

    private static (ModelFileInfo Info, long BytesRead) ReadCounting(string path)
    {
        using var file = File.OpenRead(path);
        using var counting = new CountingStream(file);
        var info = ModelFileReader.Read(counting, Path.GetFileName(path));
        return (info, counting.BytesRead);
    }

    [Fact]
    public void Arrays_of_strings_in_a_20_GB_sparse_file_stop_at_the_element_budget()
    {
        var path = SparseArrays(elementType: 8, elementSize: 8); // strings of length 0: 8 bytes each
        Assert.True(new FileInfo(path).Length > 20_000_000_000L);

        var (info, bytesRead) = ReadCounting(path);

        // 4 bytes magic, 4 version, 16 counts; key.000 is 8 + 7 bytes, then 4 type, 4 element type, 8 length: the
        // strings start at offset 55, and the 4,194,303rd string visited after the key is the one refused.
        var refusedAt = 55 + ((GgufHeaderReader.MaxElementsVisited - 1) * 8);
        Assert.Equal($"GGUF: the header walk stopped after visiting 4194304 keys, array strings and tensor infos, the limit for one file at offset {refusedAt}", info.Problem);
        Assert.Null(info.ParameterCount);
        Assert.True(bytesRead < GgufHeaderReader.MaxElementsVisited * 8 + (1 << 20), $"read {bytesRead:N0} bytes");
    }

    [Fact]
    public void Arrays_of_fixed_size_elements_in_a_20_GB_sparse_file_are_skipped_by_arithmetic()
    {
        var path = SparseArrays(elementType: 10, elementSize: 8); // uint64

        var (info, bytesRead) = ReadCounting(path);

        Assert.Null(info.Problem);
        Assert.Equal(0, info.TensorCount);
        Assert.Equal("[array of 16777216 uint64]", info.Metadata["key.158"]);
        // At most one 64 KiB buffer after each seek: bounded by the keys, not by the 20 GB the arrays declare.
        Assert.True(bytesRead <= (Keys + 1) * 64L * 1024, $"read {bytesRead:N0} bytes for {Keys} keys");
    }

    [Fact]
    public void A_forward_only_stream_is_stopped_at_the_byte_budget()
    {
        // A string value declared 1 TiB long on a stream that cannot seek: skipping it means reading, and the walk
        // stops at the byte budget instead of reading on.
        var header = new ModelFileWriters.Gguf().Raw("general.license", 8, w => w.Write(1UL << 40)).ToArray();
        using var stream = new CountingStream(new NonSeekableStream(new ZerosAfter(header)));

        var info = ModelFileReader.Read(stream, "m.gguf");

        Assert.NotNull(info.Problem);
        Assert.Matches(@"^the header walk stopped at offset \d+: it had read 67108864 bytes, the limit for one file$", info.Problem);
        Assert.True(stream.BytesRead <= GgufHeaderReader.MaxBytesRead + (64 * 1024), $"read {stream.BytesRead:N0} bytes");
    }

    [Fact]
    public void A_2_MiB_metadata_string_is_skipped_and_the_tensor_table_is_read()
    {
        var file = new ModelFileWriters.Gguf()
            .String("general.architecture", "llama")
            .String("general.license", new string('x', 2 * 1024 * 1024))
            .Tensor("t", F32, 16, 4)
            .ToArray();

        foreach (var seekable in new[] { true, false })
        {
            var info = Read(file, "m.gguf", seekable);

            Assert.Null(info.Problem);
            Assert.Equal(1, info.TensorCount);
            Assert.Equal(4, info.ParameterCount);
            Assert.Equal("[string of 2097152 bytes, not read]", info.Metadata["general.license"]);
            Assert.Equal("llama", info.Metadata["general.architecture"]);
        }
    }

    [Fact]
    public void Long_tensor_names_are_skipped_too()
    {
        var file = new ModelFileWriters.Gguf().Tensor(new string('n', 3 * 1024 * 1024), F32, 16, 4).ToArray();

        var info = Read(file, "m.gguf");

        Assert.Null(info.Problem);
        Assert.Equal(4, info.ParameterCount);
    }

    /// <summary>Counts the bytes its reader actually gets.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A forward-only source of the given bytes followed by zeros without end.</summary>
    private sealed class ZerosAfter(byte[] head) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = _position + i < head.Length ? head[_position + i] : (byte)0;
            }

            _position += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
