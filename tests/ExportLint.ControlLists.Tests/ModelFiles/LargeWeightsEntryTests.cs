using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.ModelFileWriters;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;

namespace ExportLint.ControlLists.Tests.ModelFiles;

/// <summary>EAR-4E091-LARGE-WEIGHTS: a threshold on the parameter count read from the header.</summary>
public class LargeWeightsEntryTests
{
    private const int Float = 1;

    private static List<string> Entries(ModelFileInfo info) =>
        ControlListLoader.LoadDefault().MatchFile("models/model.onnx", info).Select(m => m.Entry.Id).ToList();

    [Fact]
    public void Ten_billion_parameters_match_the_large_weights_entry()
    {
        // Weights kept as external data: the header declares 100,000 x 100,000 floats without carrying them.
        var info = Read(Onnx(new Proto().Message(5, OnnxTensor("w", Float, [100_000, 100_000], rawBytes: 0))), "model.onnx");

        Assert.Null(info.Problem);
        Assert.Equal(10_000_000_000, info.ParameterCount);
        Assert.Equal(["EAR-4E091-LARGE-WEIGHTS", "EXL-F-WEIGHTS"], Entries(info));
    }

    [Fact]
    public void Just_under_ten_billion_parameters_do_not()
    {
        var info = Read(Onnx(new Proto().Message(5, OnnxTensor("w", Float, [99_999, 100_000], rawBytes: 0))), "model.onnx");

        Assert.Equal(9_999_900_000, info.ParameterCount);
        Assert.Equal(["EXL-F-WEIGHTS"], Entries(info));
    }

    [Fact]
    public void A_gguf_whose_header_cannot_be_read_whole_is_not_ruled_out()
    {
        var info = Read(new Gguf().UInt32("a", 1).UInt32("a", 2).Tensor("t", 0, 16, 4).ToArray(), "m.gguf");

        Assert.Null(info.ParameterCount);
        var matches = ControlListLoader.LoadDefault().MatchFile("models/m.gguf", info).ToList();
        Assert.Equal(["EAR-4E091-LARGE-WEIGHTS", "EXL-F-WEIGHTS"], matches.Select(m => m.Entry.Id));
        var large = matches[0];
        Assert.False(large.IsCertain);
        Assert.Equal("could not be ruled out: parameters >= 1e10 could not be checked because the header could not be read whole (GGUF: duplicate metadata key \"a\" at offset 41)", large.Uncertainty);
        Assert.True(matches[1].IsCertain);
    }

    [Fact]
    public void A_known_count_below_the_threshold_is_still_ruled_out()
    {
        var info = Read(new Gguf().Tensor("t", 0, 16, 4).ToArray(), "m.gguf");

        Assert.Equal(["EXL-F-WEIGHTS"], ControlListLoader.LoadDefault().MatchFile("models/m.gguf", info).Select(m => m.Entry.Id));
    }

    [Fact]
    public void A_threshold_on_a_format_that_is_only_identified_is_not_ruled_out()
    {
        var list = ControlListLoader.LoadText("""
            controllist: t
            entries:
              - id: BIG-PT
                category: model-file
                severity: warning
                message: big
                match: { files: [ { kind: pytorch-pickle, tensors: "> 5" } ] }
            """);
        var info = Read([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e], "m.pt");

        var match = Assert.Single(list.MatchFile("m.pt", info));
        Assert.Equal("could not be ruled out: tensors > 5 could not be checked because a pytorch-pickle file is identified, not counted", match.Uncertainty);
        Assert.False(new ExportLint.ControlLists.Matching.FilePattern(null, ModelFileKind.PyTorchPickle, null, ExportLint.ControlLists.Matching.Threshold.TryParse("> 5", out _)).Matches("m.pt", info));
    }
}
