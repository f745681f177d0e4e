using System.IO.Compression;
using System.Text;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.ModelFileWriters;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

public class ModelFileSnifferTests
{
    private static ModelFileKind Identify(byte[] file, string? name, int headLength = ModelFileSniffer.HeadLength) =>
        ModelFileSniffer.Identify(file.AsSpan(0, Math.Min(headLength, file.Length)), name);

    public static TheoryData<string, ModelFileKind> Samples() => new()
    {
        { "safetensors", ModelFileKind.Safetensors },
        { "gguf", ModelFileKind.Gguf },
        { "onnx", ModelFileKind.Onnx },
        { "pytorch", ModelFileKind.PyTorchZip },
        { "pytorch-pickle", ModelFileKind.PyTorchPickle },
        { "hdf5", ModelFileKind.Hdf5 },
        { "tflite", ModelFileKind.TfLite },
        { "ggml", ModelFileKind.Ggml },
        { "ggml-unversioned", ModelFileKind.Ggml },
        { "keras", ModelFileKind.Keras },
        { "openvino-ir", ModelFileKind.OpenVinoIr },
    };

    private static byte[] Sample(string kind) => kind switch
    {
        "safetensors" => Safetensors([new("w", "F32", [2, 2], 4)]),
        "gguf" => new Gguf().String("general.architecture", "llama").Tensor("t", 0, 16, 4).ToArray(),
        "onnx" => Onnx(new Proto().Message(5, OnnxTensor("w", 1, [2, 3], rawBytes: 24))),
        "pytorch" => PyTorchZip(),
        "pytorch-pickle" => PyTorchLegacyPickle(),
        "hdf5" => Hdf5(),
        "tflite" => TfLite(),
        "ggml" => Ggml(),
        "ggml-unversioned" => Ggml("ggml"),
        "keras" => Keras(),
        "openvino-ir" => OpenVinoIr(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_kind_is_identified_by_content_whatever_the_extension(string sample, ModelFileKind expected)
    {
        var file = Sample(sample);

        Assert.Equal(expected, Identify(file, null));
        Assert.Equal(expected, Identify(file, "weights.bin"));
        Assert.Equal(expected, Identify(file, "C:\\models\\notes.txt"));
        Assert.Equal(expected, Read(file, "misleading.gguf").Kind);
        Assert.Equal(expected, Read(file, "misleading.gguf", seekable: false).Kind);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_kind_reads_without_a_problem(string sample, ModelFileKind expected)
    {
        var info = Read(Sample(sample));

        Assert.Equal(expected, info.Kind);
        Assert.Null(info.Problem);
        Assert.True(info.HeaderBytes > 0);
    }

    [Fact]
    public void Text_file_named_onnx_is_unknown()
    {
        var text = Encoding.UTF8.GetBytes("This is not a model.\nir_version: 9\nproducer_name: pytorch\n" + new string('x', 100));

        Assert.Equal(ModelFileKind.Unknown, Identify(text, "model.onnx"));
        var info = Read(text, "model.onnx");
        Assert.Equal(ModelFileKind.Unknown, info.Kind);
        Assert.Equal("not a recognised model file format", info.Problem);
    }

    [Fact]
    public void Short_onnx_head_needs_the_extension()
    {
        // ir_version alone proves little: only the .onnx extension lets it through.
        byte[] head = [0x08, 0x09];

        Assert.Equal(ModelFileKind.Onnx, ModelFileSniffer.Identify(head, "m.onnx"));
        Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify(head, "m.bin"));
    }

    [Fact]
    public void Protobuf_with_a_non_model_field_is_not_onnx()
    {
        var file = new Proto().Varint(1, 9).Varint(9, 1).ToArray();

        Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify(file, "m.onnx"));
    }

    [Fact]
    public void Random_bytes_are_unknown()
    {
        var random = new Random(1234);
        var head = new byte[ModelFileSniffer.HeadLength];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(head);
            Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify(head, "random.bin"));
        }
    }

    [Fact]
    public void Empty_file_is_unknown_with_a_problem()
    {
        var info = Read([]);

        Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify([], "m.onnx"));
        Assert.Equal(ModelFileKind.Unknown, info.Kind);
        Assert.Equal("the file is empty", info.Problem);
    }

    [Fact]
    public void Plain_zip_is_unknown()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("readme.txt").Open();
            s.Write("hello"u8);
        }

        var file = output.ToArray();
        Assert.Equal(ModelFileKind.Unknown, Identify(file, "model.pt"));
        var info = Read(file, "model.pt");
        Assert.Equal(ModelFileKind.Unknown, info.Kind);
        Assert.Contains("data.pkl", info.Problem);
        Assert.Equal(ModelFileKind.Unknown, Read(file, "model.pt", seekable: false).Kind);
    }

    [Fact]
    public void Zip_without_data_pkl_but_with_torch_like_entries_is_unknown()
    {
        var file = PyTorchZip(includeDataPkl: false);

        Assert.Equal(ModelFileKind.Unknown, Read(file, "m.pt").Kind);
        Assert.Equal(ModelFileKind.Unknown, Read(file, "m.pt", seekable: false).Kind);
    }

    [Fact]
    public void PyTorch_zip_reports_its_archive_folder()
    {
        var info = Read(PyTorchZip("resnet18"), "resnet18.pth");

        Assert.Equal(ModelFileKind.PyTorchZip, info.Kind);
        Assert.Null(info.Problem);
        Assert.Equal("resnet18", info.Metadata["archive"]);
        Assert.Null(info.TensorCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PyTorch_zip_with_data_pkl_later_is_found_by_the_reader(bool seekable)
    {
        var file = PyTorchZip(dataPklFirst: false);

        Assert.Equal(ModelFileKind.Unknown, Identify(file, "m.pt")); // the head shows only the first entry
        var info = Read(file, "m.pt", seekable);
        Assert.Equal(ModelFileKind.PyTorchZip, info.Kind);
        Assert.Equal("archive", info.Metadata["archive"]);
    }

    [Fact]
    public void Nested_data_pkl_does_not_make_a_pytorch_zip()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("a/b/data.pkl").Open();
            s.WriteByte(0x80);
        }

        Assert.Equal(ModelFileKind.Unknown, Read(output.ToArray(), "m.pt").Kind);
    }

    [Fact]
    public void Corrupt_zip_end_record_is_a_problem()
    {
        var file = PyTorchZip(dataPklFirst: false);
        var eocd = file.Length - 22;
        BitConverter.GetBytes(uint.MaxValue - 5).CopyTo(file, eocd + 16); // central directory offset

        var info = Read(file, "m.pt");
        Assert.Equal(ModelFileKind.Unknown, info.Kind);
        Assert.Contains("ZIP:", info.Problem);
    }

    [Theory]
    [InlineData("model.pt", ModelFileKind.PyTorchPickle)]
    [InlineData("model.PTH", ModelFileKind.PyTorchPickle)]
    [InlineData("model.pkl", ModelFileKind.PyTorchPickle)]
    [InlineData("model.ckpt", ModelFileKind.PyTorchPickle)]
    [InlineData("model.bin", ModelFileKind.Unknown)]
    [InlineData(null, ModelFileKind.Unknown)]
    public void Plain_pickle_needs_a_pytorch_extension(string? name, ModelFileKind expected)
    {
        byte[] pickle = [0x80, 0x04, 0x95, 0x05, 0, 0, 0, 0, 0, 0, 0, 0x7D, 0x94, 0x2E];

        Assert.Equal(expected, ModelFileSniffer.Identify(pickle, name));
    }

    [Fact]
    public void Pickle_protocol_outside_2_to_5_is_unknown()
    {
        Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify([0x80, 0x06, 0x2E], "m.pt"));
        Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify([0x80, 0x01, 0x2E], "m.pt"));
    }

    [Fact]
    public void Legacy_torch_pickle_metadata()
    {
        var info = Read(PyTorchLegacyPickle(), "m.bin");

        Assert.Equal(ModelFileKind.PyTorchPickle, info.Kind);
        Assert.Equal("2", info.Metadata["pickle_protocol"]);
        Assert.Equal("true", info.Metadata["torch_legacy_magic"]);
    }

    [Fact]
    public void Hdf5_after_a_512_byte_user_block_needs_a_long_enough_head()
    {
        var file = Hdf5(userBlock: 512);

        Assert.Equal(ModelFileKind.Unknown, Identify(file, "m.h5"));
        Assert.Equal(ModelFileKind.Hdf5, Identify(file, "m.h5", headLength: 520));
        var info = Read(file, "m.h5");
        Assert.Equal(ModelFileKind.Hdf5, info.Kind);
        Assert.Equal("512", info.Metadata["superblock_offset"]);
        Assert.Equal("0", info.Metadata["superblock_version"]);
    }

    [Fact]
    public void Safetensors_prefix_over_the_limit_is_not_safetensors_without_the_extension()
    {
        // "var x = {" looks like a length prefix plus '{' but declares an absurd length.
        var text = Encoding.ASCII.GetBytes("var x = {\"a\": 1};");

        Assert.Equal(ModelFileKind.Unknown, ModelFileSniffer.Identify(text, "script.js"));
    }

    // --- kinds added for issue 11 -------------------------------------------------------------------------------

    [Theory]
    [InlineData("ggml")]
    [InlineData("ggmf")]
    [InlineData("ggjt")]
    public void Legacy_ggml_is_identified_by_its_magic_and_says_which(string magic)
    {
        var info = Read(Ggml(magic, version: 1), "ggml-model-q4_0.bin");

        Assert.Equal(ModelFileKind.Ggml, info.Kind);
        Assert.Null(info.Problem);
        Assert.Equal(magic, info.Metadata["ggml_magic"]);
    }

    [Fact]
    public void A_versioned_ggml_magic_with_an_impossible_version_is_not_ggml()
    {
        Assert.Equal(ModelFileKind.Unknown, Identify(Ggml("ggjt", version: 77), "model.bin"));
        Assert.Equal(ModelFileKind.Unknown, Identify("lmgx and some text after it"u8.ToArray(), "notes.txt"));
    }

    [Fact]
    public void A_keras_archive_needs_its_config_and_weights()
    {
        var info = Read(Keras(), "model.keras");
        Assert.Equal(ModelFileKind.Keras, info.Kind);
        Assert.Equal("model.weights.h5", info.Metadata["weights"]);

        foreach (var (file, what) in new[] { (Keras(includeConfig: false), "no config"), (Keras(includeWeights: false), "no weights") })
        {
            foreach (var seekable in new[] { true, false })
            {
                var broken = Read(file, "model.keras", seekable);
                Assert.True(broken.Kind == ModelFileKind.Unknown, what);
                Assert.Contains("not a Keras model", broken.Problem, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_zip_that_does_not_start_with_metadata_json_is_not_keras()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("config.json");
            zip.CreateEntry("model.weights.h5");
        }

        Assert.Equal(ModelFileKind.Unknown, Identify(output.ToArray(), "model.keras"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<!-- converted -->\n")]
    public void OpenVino_ir_is_an_xml_document_whose_root_is_net(string prolog)
    {
        Assert.Equal(ModelFileKind.OpenVinoIr, Identify(OpenVinoIr(prolog), "model.xml"));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<Project Sdk=\"Microsoft.NET.Sdk\"/>")]
    [InlineData("<?xml version=\"1.0\"?>\n<network/>")]
    [InlineData("<?xml version=\"1.0\"")]
    [InlineData("text that mentions <net name=\"x\">")]
    public void Other_xml_is_not_openvino_ir(string text)
    {
        Assert.Equal(ModelFileKind.Unknown, Identify(Encoding.UTF8.GetBytes(text), "model.xml"));
    }

    [Fact]
    public void A_saved_model_is_identified_by_its_name_and_first_fields()
    {
        var file = SavedModel();

        Assert.Equal(ModelFileKind.TfSavedModel, Identify(file, "export/1/saved_model.pb"));
        Assert.Equal(ModelFileKind.TfSavedModel, Identify(file, "C:\\export\\SAVED_MODEL.PB"));
        var info = Read(file, "saved_model.pb");
        Assert.Equal(ModelFileKind.TfSavedModel, info.Kind);
        Assert.Null(info.Problem);

        // Protobuf has no magic: under another name the same bytes are not taken for a SavedModel (nor for ONNX).
        Assert.Equal(ModelFileKind.Unknown, Identify(file, "graph.pb"));
        Assert.Equal(ModelFileKind.Unknown, Identify(file, null));
    }

    [Fact]
    public void An_onnx_model_named_saved_model_pb_is_still_onnx()
    {
        var onnx = Onnx(new Proto().Message(5, OnnxTensor("w", 1, [2, 3], rawBytes: 24)));

        Assert.Equal(ModelFileKind.Onnx, Identify(onnx, "saved_model.pb"));
    }
}
