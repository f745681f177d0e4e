using System.Diagnostics;
using ExportLint.ControlLists.ModelFiles;
using static ExportLint.ControlLists.Tests.ModelFiles.ModelFileWriters;
using static ExportLint.ControlLists.Tests.ModelFiles.TestSupport;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

/// <summary>Corrupts valid files at random (seeded) and checks the reader never throws and stays consistent.</summary>
public class ModelFileFuzzTests
{
    public static TheoryData<string> Formats() => ["safetensors", "gguf", "onnx", "pytorch"];

    private static (byte[] File, string Name) Sample(string format) => format switch
    {
        "safetensors" => (Safetensors([new("a", "F16", [8, 4], 2), new("b", "F32", [3], 4)], new Dictionary<string, string> { ["k"] = "v" }), "m.safetensors"),
        "gguf" => (new Gguf().String("general.architecture", "llama").StringArray("tok", "a", "bb").UInt32("general.alignment", 32)
            .Tensor("a", 0, 64, 16).Tensor("b", 8, 34, 32).ToArray(), "m.gguf"),
        "onnx" => (Onnx(new Proto()
            .Message(5, OnnxTensor("a", 1, [4, 4], rawBytes: 64))
            .Message(15, new Proto().Message(1, OnnxTensor("v", 10, [2], rawBytes: 4)).Packed(3, 10, 10))), "m.onnx"),
        _ => (PyTorchZip(dataPklFirst: false), "m.pt"),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Random_corruption_never_throws(string format)
    {
        var (file, name) = Sample(format);
        var random = new Random((format.Length * 7919) + format[0]); // string.GetHashCode is randomised per process
        var clock = Stopwatch.StartNew();
        var problems = 0;
        for (var round = 0; round < 1500; round++)
        {
            var copy = (byte[])file.Clone();
            var flips = random.Next(1, 5);
            for (var i = 0; i < flips; i++)
            {
                var at = random.Next(copy.Length);
                copy[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => 0xFF,
                    _ => (byte)(copy[at] ^ (1 << random.Next(8))),
                };
            }

            var info = Read(copy, name, seekable: round % 2 == 0);
            if (info.Problem is not null)
            {
                problems++;
            }
            else if (info.Kind is ModelFileKind.Safetensors or ModelFileKind.Gguf or ModelFileKind.Onnx)
            {
                Assert.NotNull(info.TensorCount);
                Assert.NotNull(info.ParameterCount);
                Assert.True(info.ParameterCount >= 0);
            }

            Assert.True(info.HeaderBytes >= 0);
            Assert.All(info.Metadata.Values, v => Assert.True(v.Length <= 256));
        }

        Assert.True(problems > 0, "corruption was never noticed");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }
}
