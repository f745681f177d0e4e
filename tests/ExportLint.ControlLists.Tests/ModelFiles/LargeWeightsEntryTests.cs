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
}
