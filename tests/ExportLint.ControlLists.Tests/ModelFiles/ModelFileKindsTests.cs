using ExportLint.ControlLists.ModelFiles;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

public class ModelFileKindsTests
{
    [Theory]
    [InlineData(ModelFileKind.Safetensors, "safetensors")]
    [InlineData(ModelFileKind.Gguf, "gguf")]
    [InlineData(ModelFileKind.Onnx, "onnx")]
    [InlineData(ModelFileKind.PyTorchZip, "pytorch")]
    [InlineData(ModelFileKind.PyTorchPickle, "pytorch-pickle")]
    [InlineData(ModelFileKind.Hdf5, "hdf5")]
    [InlineData(ModelFileKind.TfLite, "tflite")]
    [InlineData(ModelFileKind.Ggml, "ggml")]
    [InlineData(ModelFileKind.Keras, "keras")]
    [InlineData(ModelFileKind.OpenVinoIr, "openvino-ir")]
    [InlineData(ModelFileKind.TfSavedModel, "tf-savedmodel")]
    public void Names_round_trip(ModelFileKind kind, string name)
    {
        Assert.Equal(name, ModelFileKinds.NameOf(kind));
        Assert.True(ModelFileKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.True(ModelFileKinds.TryParse(name.ToUpperInvariant(), out parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("")]
    [InlineData("pytorch_zip")]
    [InlineData(null)]
    public void Other_names_do_not_parse(string? name)
    {
        Assert.False(ModelFileKinds.TryParse(name, out var kind));
        Assert.Equal(ModelFileKind.Unknown, kind);
    }

    [Fact]
    public void Undefined_kind_has_no_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelFileKinds.NameOf((ModelFileKind)99));
        Assert.Equal("unknown", ModelFileKinds.NameOf(ModelFileKind.Unknown));
    }

    [Fact]
    public void Extensions_are_hints_without_bin()
    {
        Assert.Equal([".gguf"], ModelFileKinds.ExtensionsOf(ModelFileKind.Gguf));
        Assert.Equal([".safetensors"], ModelFileKinds.ExtensionsOf(ModelFileKind.Safetensors));
        Assert.Equal([".onnx"], ModelFileKinds.ExtensionsOf(ModelFileKind.Onnx));
        Assert.Equal([".pt", ".pth", ".ckpt"], ModelFileKinds.ExtensionsOf(ModelFileKind.PyTorchZip));
        Assert.Equal([".pt", ".pth", ".pkl"], ModelFileKinds.ExtensionsOf(ModelFileKind.PyTorchPickle));
        Assert.Equal([".h5", ".hdf5"], ModelFileKinds.ExtensionsOf(ModelFileKind.Hdf5));
        Assert.Equal([".tflite"], ModelFileKinds.ExtensionsOf(ModelFileKind.TfLite));
        Assert.Empty(ModelFileKinds.ExtensionsOf(ModelFileKind.Unknown));
        Assert.Equal([".keras"], ModelFileKinds.ExtensionsOf(ModelFileKind.Keras));
        // No extension of their own: .bin, .xml and .pb name far more than models.
        Assert.Empty(ModelFileKinds.ExtensionsOf(ModelFileKind.Ggml));
        Assert.Empty(ModelFileKinds.ExtensionsOf(ModelFileKind.OpenVinoIr));
        Assert.Empty(ModelFileKinds.ExtensionsOf(ModelFileKind.TfSavedModel));
        foreach (var kind in Enum.GetValues<ModelFileKind>())
        {
            Assert.DoesNotContain(".bin", ModelFileKinds.ExtensionsOf(kind));
        }
    }

    [Fact]
    public void A_wrong_kind_in_a_list_is_answered_with_every_kind()
    {
        var problems = new List<ExportLint.ControlLists.Loading.ControlListProblem>();
        ExportLint.ControlLists.Loading.ControlListParser.Parse(
            "controllist: k\nentries:\n  - id: K\n    category: model-file\n    severity: info\n    message: m\n    match:\n      files:\n        - kind: savedmodel\n",
            "k.controllist.yaml",
            problems);

        var problem = Assert.Single(problems);
        Assert.Contains("'savedmodel' is not a model-file kind: use one of safetensors, gguf, onnx, pytorch, pytorch-pickle, hdf5, tflite, ggml, keras, openvino-ir, tf-savedmodel", problem.ToString(), StringComparison.Ordinal);
    }
}
