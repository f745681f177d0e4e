using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.ModelFiles;

namespace ExportLint.ControlLists.Tests.ModelFiles;

/// <summary>The model file the samples ship is a real GGUF file, and the default list says what it is.</summary>
public class SampleFixtureTests
{
    [Fact]
    public void The_sample_gguf_reads_whole_and_matches_the_weights_entry_but_not_the_large_weights_entry()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "LocalInference", "models", "tiny-llama.gguf");
        using var stream = File.OpenRead(path);

        var info = ModelFileReader.Read(stream, path);

        Assert.Null(info.Problem);
        Assert.Equal(ModelFileKind.Gguf, info.Kind);
        Assert.Equal(2, info.TensorCount);
        Assert.Equal(64, info.ParameterCount);
        Assert.Equal(["F32"], info.DataTypes.ToArray());
        Assert.Equal("llama", info.Metadata["general.architecture"]);

        var matches = ControlListLoader.LoadDefault().MatchFile("models/tiny-llama.gguf", info).Select(m => m.Entry.Id).ToList();
        Assert.Equal(["EXL-F-WEIGHTS"], matches);
    }
}
