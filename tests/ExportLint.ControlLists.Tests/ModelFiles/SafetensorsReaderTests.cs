using System.Text;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.ModelFileWriters;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

public class SafetensorsReaderTests
{
    private static readonly SafetensorsTensor[] Tensors =
    [
        new("embed.weight", "BF16", [1000, 64], 2),
        new("ln.bias", "F32", [64], 4),
        new("head.weight", "BF16", [10, 64], 2),
    ];

    private static byte[] ValidFile(int padding = 0) =>
        Safetensors(Tensors, new Dictionary<string, string> { ["format"] = "pt", ["note"] = "caf\u00e9 \"quoted\"" }, padding);

    [Fact]
    public void Reads_counts_types_and_metadata()
    {
        var file = ValidFile(padding: 5);
        var info = Read(file, "model.safetensors");

        Assert.Null(info.Problem);
        Assert.Equal(ModelFileKind.Safetensors, info.Kind);
        Assert.Equal(3, info.TensorCount);
        Assert.Equal(64_000 + 64 + 640, info.ParameterCount);
        Assert.Equal(["BF16", "F32"], info.DataTypes.ToArray());
        Assert.Equal(2, info.Metadata.Count);
        Assert.Equal("pt", info.Metadata["format"]);
        Assert.Equal("caf\u00e9 \"quoted\"", info.Metadata["note"]);
        Assert.Equal(8 + (long)BitConverter.ToUInt64(file, 0), info.HeaderBytes);
    }

    [Fact]
    public void Reads_from_the_current_stream_position()
    {
        var file = ValidFile();
        using var stream = new MemoryStream([.. new byte[] { 1, 2, 3, 4, 5 }, .. file]);
        stream.Position = 5;
        var info = ModelFileReader.Read(stream);

        Assert.Null(info.Problem);
        Assert.Equal(3, info.TensorCount);
        Assert.Equal(8 + (long)BitConverter.ToUInt64(file, 0), info.HeaderBytes);
    }

    [Fact]
    public void Non_seekable_stream_gives_the_same_result()
    {
        var seekable = Read(ValidFile(), "m.safetensors");
        var streamed = Read(ValidFile(), "m.safetensors", seekable: false);

        Assert.Null(streamed.Problem);
        Assert.Equal(seekable.TensorCount, streamed.TensorCount);
        Assert.Equal(seekable.ParameterCount, streamed.ParameterCount);
        Assert.Equal(seekable.DataTypes, streamed.DataTypes.ToArray());
        Assert.Equal(seekable.Metadata, streamed.Metadata);
        Assert.Equal(seekable.HeaderBytes, streamed.HeaderBytes);
    }

    [Fact]
    public void Scalar_and_empty_tensors_count_one_and_zero_elements()
    {
        var info = Read(Safetensors([new("scalar", "F64", [], 8), new("empty", "I8", [0, 5], 1)]));

        Assert.Null(info.Problem);
        Assert.Equal(2, info.TensorCount);
        Assert.Equal(1, info.ParameterCount);
        Assert.Equal(["F64", "I8"], info.DataTypes.ToArray());
    }

    [Fact]
    public void Long_metadata_values_are_capped_at_256_characters()
    {
        var info = Read(Safetensors(Tensors, new Dictionary<string, string> { ["license"] = new string('x', 1000) }));

        Assert.Null(info.Problem);
        Assert.Equal(256, info.Metadata["license"].Length);
        Assert.EndsWith("\u2026", info.Metadata["license"], StringComparison.Ordinal);
    }

    private static byte[] SmallFile() =>
        Safetensors([new("a", "BF16", [4, 3], 2), new("b", "F32", [3], 4)], new Dictionary<string, string> { ["format"] = "pt" }, padding: 3);

    [Fact]
    public void Every_truncated_prefix_reports_a_problem_when_seekable()
    {
        Assert.Empty(PrefixesWithoutProblem(SmallFile(), "m.safetensors", seekable: true));
    }

    [Fact]
    public void Every_prefix_cut_inside_the_header_reports_a_problem_when_not_seekable()
    {
        var file = SmallFile();
        var headerEnd = 8 + (int)BitConverter.ToUInt64(file, 0);
        var clean = PrefixesWithoutProblem(file, "m.safetensors", seekable: false);

        // Without a length, a cut in the data section cannot be seen; a cut in the header always can.
        Assert.All(clean, n => Assert.True(n >= headerEnd, $"prefix {n} read cleanly"));
    }

    [Fact]
    public void Maximal_declared_header_length_is_refused_without_allocating()
    {
        var file = SafetensorsRaw("{}"u8.ToArray(), declaredLength: ulong.MaxValue);
        var info = Read(file, "m.safetensors");

        Assert.Equal(ModelFileKind.Safetensors, info.Kind);
        Assert.Contains("18446744073709551615", info.Problem);
        Assert.Contains("at offset 0", info.Problem);
        Assert.Null(info.TensorCount);
    }

    [Fact]
    public void Over_limit_header_length_without_the_extension_is_not_safetensors()
    {
        var info = Read(SafetensorsRaw("{}"u8.ToArray(), declaredLength: ulong.MaxValue), "m.bin");

        Assert.Equal(ModelFileKind.Unknown, info.Kind);
        Assert.NotNull(info.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Large_declared_header_on_a_tiny_stream_is_truncated_and_allocates_little(bool seekable)
    {
        var file = SafetensorsRaw("{\"a\":1}"u8.ToArray(), declaredLength: 90_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var info = Read(file, "m.safetensors", seekable);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ModelFileKind.Safetensors, info.Kind);
        Assert.StartsWith("truncated", info.Problem, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Deeply_nested_json_is_refused()
    {
        var header = Encoding.ASCII.GetBytes("{\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}");
        var info = Read(SafetensorsRaw(header), "m.safetensors");

        Assert.Contains("nested deeper than 64 levels", info.Problem);
        Assert.Null(info.TensorCount);
    }

    [Theory]
    [InlineData("[-1,4]", "negative")]
    [InlineData("[4294967296,4294967296,4]", "overflows")]
    [InlineData("[99999999999999999999]", "fits in 64 bits")]
    [InlineData("[1.5]", "fits in 64 bits")]
    [InlineData("[\"3\"]", "not a number")]
    public void Bad_shapes_are_problems(string shape, string expected)
    {
        var header = Encoding.ASCII.GetBytes($"{{\"t\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,0]}}}}");
        var info = Read(SafetensorsRaw(header), "m.safetensors");

        Assert.Contains(expected, info.Problem);
        Assert.Contains("at offset", info.Problem);
    }

    [Theory]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "need 8")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", "end before they begin")]
    [InlineData("{\"t\":{\"dtype\":\"F32\",\"shape\":[2]}}", "data_offsets")]
    [InlineData("{\"t\":{\"shape\":[2],\"data_offsets\":[0,8]}}", "dtype")]
    [InlineData("{\"t\":1}", "not an object")]
    [InlineData("{\"__metadata__\":{\"k\":1}}", "not a string")]
    [InlineData("{\"__metadata__\":{}, \"__metadata__\":{}}", "duplicate key")]
    [InlineData("{\"a\":\"\\ud800\"}", "surrogate")]
    [InlineData("{\"a\":\"x\ty\"}", "control character")]
    [InlineData("{\"a\":tru}", "invalid literal")]
    [InlineData("{\"a\":1} x", "after the JSON value")]
    [InlineData("{\"a\" 1}", "expected ':'")]
    public void Malformed_headers_are_problems(string header, string expected)
    {
        var info = Read(SafetensorsRaw(Encoding.UTF8.GetBytes(header), dataBytes: 8), "m.safetensors");

        Assert.Contains(expected, info.Problem);
    }

    [Fact]
    public void Invalid_utf8_in_the_header_is_a_problem()
    {
        var info = Read(SafetensorsRaw([.. "{\"a"u8, 0xFF, .. "\":{}}"u8]), "m.safetensors");

        Assert.Contains("invalid UTF-8", info.Problem);
    }

    [Fact]
    public void Unknown_dtypes_are_reported_as_spelled()
    {
        var header = "{\"t\":{\"dtype\":\"F4\",\"shape\":[4],\"data_offsets\":[0,2]}}"u8.ToArray();
        var info = Read(SafetensorsRaw(header, dataBytes: 2));

        Assert.Null(info.Problem);
        Assert.Equal(["F4"], info.DataTypes.ToArray());
        Assert.Equal(4, info.ParameterCount);
    }
}
