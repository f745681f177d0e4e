using System.Diagnostics;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

public class GgufReaderTests
{
    private const uint F32 = 0, F16 = 1, Q4K = 12;

    private static ModelFileWriters.Gguf ValidWriter(uint version = 3) => new ModelFileWriters.Gguf { Version = version }
        .String("general.architecture", "llama")
        .UInt32("general.alignment", 32)
        .UInt32("llama.context_length", 4096)
        .Float32("llama.rope.freq_base", 10000f)
        .Int32("general.file_type", 15)
        .UInt8("u8", 200)
        .Int8("i8", -3)
        .UInt16("u16", 65535)
        .Int16("i16", -300)
        .Bool("flag", true)
        .UInt64("u64", 1UL << 40)
        .Int64("i64", -5)
        .Float64("f64", 0.5)
        .StringArray("tokenizer.ggml.tokens", "<s>", "</s>", "hello")
        .Int32Array("tokenizer.ggml.token_type", 1, 3, 1, 1)
        .Tensor("token_embd.weight", Q4K, 2560 / 256 * 144, 256, 10)
        .Tensor("output_norm.weight", F32, 256 * 4, 256)
        .Tensor("blk.0.attn_q.weight", F16, 256 * 256 * 2, 256, 256);

    [Fact]
    public void Reads_counts_types_and_metadata()
    {
        var info = Read(ValidWriter().ToArray(), "wrong-extension.bin");

        Assert.Null(info.Problem);
        Assert.Equal(ModelFileKind.Gguf, info.Kind);
        Assert.Equal(3, info.TensorCount);
        Assert.Equal(2560 + 256 + 65536, info.ParameterCount);
        Assert.Equal(["F16", "F32", "Q4_K"], info.DataTypes.ToArray());
        Assert.Equal("llama", info.Metadata["general.architecture"]);
        Assert.Equal("32", info.Metadata["general.alignment"]);
        Assert.Equal("4096", info.Metadata["llama.context_length"]);
        Assert.Equal("10000", info.Metadata["llama.rope.freq_base"]);
        Assert.Equal("15", info.Metadata["general.file_type"]);
        Assert.Equal("200", info.Metadata["u8"]);
        Assert.Equal("-3", info.Metadata["i8"]);
        Assert.Equal("65535", info.Metadata["u16"]);
        Assert.Equal("-300", info.Metadata["i16"]);
        Assert.Equal("true", info.Metadata["flag"]);
        Assert.Equal("1099511627776", info.Metadata["u64"]);
        Assert.Equal("-5", info.Metadata["i64"]);
        Assert.Equal("0.5", info.Metadata["f64"]);
        Assert.Equal("[array of 3 string]", info.Metadata["tokenizer.ggml.tokens"]);
        Assert.Equal("[array of 4 int32]", info.Metadata["tokenizer.ggml.token_type"]);
        Assert.Equal("3", info.Metadata["gguf.version"]);
        Assert.Equal(16, info.Metadata.Count);
    }

    [Fact]
    public void Header_bytes_end_at_the_last_tensor_info()
    {
        var writer = new ModelFileWriters.Gguf().String("general.architecture", "x").Tensor("t", F32, 16, 4);
        var info = Read(writer.ToArray());

        // magic 4 + version 4 + counts 16 + kv (8+20 key, 4 type, 8+1 value) + tensor (8+1 name, 4, 8, 4, 8)
        Assert.Equal(24 + 41 + 33, info.HeaderBytes);
    }

    [Fact]
    public void Version_2_is_read()
    {
        var info = Read(ValidWriter(version: 2).ToArray());

        Assert.Null(info.Problem);
        Assert.Equal(3, info.TensorCount);
        Assert.Equal("2", info.Metadata["gguf.version"]);
    }

    [Theory]
    [InlineData(1u, "version 1 is not supported")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0x03000000u, "big-endian")]
    public void Other_versions_are_problems(uint version, string expected)
    {
        var info = Read(new ModelFileWriters.Gguf { Version = version }.ToArray());

        Assert.Equal(ModelFileKind.Gguf, info.Kind);
        Assert.Contains(expected, info.Problem);
        Assert.Null(info.TensorCount);
    }

    [Fact]
    public void Non_seekable_stream_gives_the_same_result()
    {
        var file = ValidWriter().ToArray();
        var seekable = Read(file);
        var streamed = Read(file, seekable: false);

        Assert.Null(streamed.Problem);
        Assert.Equal(seekable.TensorCount, streamed.TensorCount);
        Assert.Equal(seekable.ParameterCount, streamed.ParameterCount);
        Assert.Equal(seekable.DataTypes, streamed.DataTypes.ToArray());
        Assert.Equal(seekable.Metadata, streamed.Metadata);
        Assert.Equal(seekable.HeaderBytes, streamed.HeaderBytes);
    }

    private static byte[] SmallFile() => new ModelFileWriters.Gguf()
        .String("general.architecture", "llama")
        .UInt32("general.alignment", 32)
        .StringArray("tokenizer.ggml.tokens", "<s>", "a")
        .Float64("f", 0.25)
        .Tensor("a", Q4K, 144, 256)
        .Tensor("b", F16, 64, 8, 4)
        .ToArray();

    [Fact]
    public void Every_truncated_prefix_reports_a_problem_when_seekable()
    {
        Assert.Empty(PrefixesWithoutProblem(SmallFile(), "m.gguf", seekable: true));
    }

    [Fact]
    public void Every_prefix_cut_inside_the_header_reports_a_problem_when_not_seekable()
    {
        var file = SmallFile();
        var headerEnd = Read(file).HeaderBytes;

        Assert.All(PrefixesWithoutProblem(file, "m.gguf", seekable: false), n => Assert.True(n >= headerEnd, $"prefix {n} read cleanly"));
    }

    [Fact]
    public void Huge_tensor_count_is_refused_at_its_offset()
    {
        var info = Read(new ModelFileWriters.Gguf { TensorCountOverride = 1UL << 60 }.ToArray());

        Assert.Equal("GGUF: tensor count 1152921504606846976 exceeds the limit of 1000000 at offset 8", info.Problem);
    }

    [Fact]
    public void Huge_metadata_count_is_refused()
    {
        var file = new ModelFileWriters.Gguf().ToArray();
        BitConverter.GetBytes(1UL << 20).CopyTo(file, 16);

        Assert.Equal("GGUF: metadata key-value count 1048576 exceeds the limit of 100000 at offset 16", Read(file).Problem);
    }

    [Fact]
    public void Huge_string_length_is_refused_at_its_offset()
    {
        var file = new ModelFileWriters.Gguf().String("k", "v").ToArray();
        BitConverter.GetBytes(1UL << 40).CopyTo(file, 24); // the key's length

        var info = Read(file, seekable: false);

        Assert.Equal("GGUF: metadata key length 1099511627776 exceeds the limit of 1048576 bytes at offset 24", info.Problem);
    }

    [Fact]
    public void String_longer_than_the_stream_is_truncated()
    {
        var file = new ModelFileWriters.Gguf().String("k", "v").ToArray();
        BitConverter.GetBytes(1000UL).CopyTo(file, 24);

        Assert.StartsWith("truncated", Read(file).Problem, StringComparison.Ordinal);
        Assert.StartsWith("truncated", Read(file, seekable: false).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_array_length_is_refused()
    {
        var file = new ModelFileWriters.Gguf().Raw("a", 9, w =>
        {
            w.Write(0u);
            w.Write(1UL << 40);
        }).ToArray();

        Assert.Contains("metadata array length 1099511627776 exceeds the limit", Read(file).Problem);
    }

    [Fact]
    public void Nested_arrays_are_refused()
    {
        var file = new ModelFileWriters.Gguf().Raw("a", 9, w =>
        {
            w.Write(9u);
            w.Write(1UL);
        }).ToArray();

        Assert.Contains("nested metadata arrays", Read(file).Problem);
    }

    [Fact]
    public void Unknown_value_type_is_refused()
    {
        var file = new ModelFileWriters.Gguf().Raw("a", 13, _ => { }).ToArray();

        Assert.Contains("unknown metadata value type 13", Read(file).Problem);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var file = new ModelFileWriters.Gguf().UInt32("a", 1).UInt32("a", 2).ToArray();

        Assert.Contains("duplicate metadata key \"a\"", Read(file).Problem);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Bad_alignment_is_refused(uint alignment)
    {
        var file = new ModelFileWriters.Gguf().UInt32("general.alignment", alignment).ToArray();

        Assert.Contains("general.alignment", Read(file).Problem);
    }

    [Fact]
    public void Custom_alignment_is_honoured()
    {
        var writer = new ModelFileWriters.Gguf { Alignment = 64 }.UInt32("general.alignment", 64).Tensor("t", F32, 40, 10);
        var info = Read(writer.ToArray());

        Assert.Null(info.Problem);
        Assert.Equal(10, info.ParameterCount);
    }

    [Fact]
    public void Overflowing_dimensions_are_a_problem()
    {
        var file = new ModelFileWriters.Gguf().Tensor("t", F32, 0, 1UL << 32, 1UL << 32, 1UL << 32).ToArray();
        var info = Read(file);

        Assert.Contains("overflows a 64-bit integer", info.Problem);
        Assert.Null(info.ParameterCount);
    }

    [Fact]
    public void Dimension_beyond_int64_is_a_problem()
    {
        var file = new ModelFileWriters.Gguf().Tensor("t", F32, 0, 1UL << 63).ToArray();

        Assert.Contains("dimension 9223372036854775808 of tensor #0 is out of range", Read(file).Problem);
    }

    [Fact]
    public void Parameter_sum_overflow_keeps_the_tensor_count()
    {
        // Each tensor alone fits in 64 bits; their sum does not. Data is not checked for unknown types.
        var file = new ModelFileWriters.Gguf()
            .Tensor("a", 99, 0, 1UL << 62)
            .Tensor("b", 99, 0, 1UL << 62)
            .ToArray();
        var info = Read(file);

        Assert.Equal(2, info.TensorCount);
        Assert.Null(info.ParameterCount);
        Assert.Contains("total parameter count overflows", info.Problem);
        Assert.Equal(["TYPE_99"], info.DataTypes.ToArray());
    }

    [Fact]
    public void Too_many_dimensions_is_a_problem()
    {
        var file = new ModelFileWriters.Gguf().Tensor("t", F32, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1).ToArray();

        Assert.Contains("9 dimensions", Read(file).Problem);
    }

    [Fact]
    public void Quantised_row_not_a_whole_number_of_blocks_is_a_problem()
    {
        var file = new ModelFileWriters.Gguf().Tensor("t", Q4K, 144, 100, 2).ToArray();

        Assert.Contains("not a multiple of the Q4_K block size 256", Read(file).Problem);
    }

    [Fact]
    public void Missing_tensor_data_is_a_problem_when_seekable()
    {
        var file = new ModelFileWriters.Gguf().Tensor("t", F32, 16, 4).ToArray();
        var info = Read(file.AsSpan(0, file.Length - 32 + 15).ToArray()); // data is padded to 32 bytes; keep 15 of 16

        Assert.Equal(1, info.TensorCount); // the header itself was whole
        Assert.Contains("truncated", info.Problem);
    }

    [Fact]
    public void Huge_declared_tensor_count_on_a_tiny_non_seekable_stream_ends_quickly()
    {
        var file = new ModelFileWriters.Gguf { TensorCountOverride = 999_999 }.Tensor("t", F32, 16, 4).ToArray();
        var clock = Stopwatch.StartNew();
        var info = Read(file, seekable: false);

        Assert.StartsWith("truncated", info.Problem, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Long_string_values_are_capped()
    {
        var info = Read(new ModelFileWriters.Gguf().String("general.license", new string('\u00e9', 5000)).ToArray());

        Assert.Null(info.Problem);
        Assert.Equal(new string('\u00e9', 255) + "\u2026", info.Metadata["general.license"]);
    }
}
