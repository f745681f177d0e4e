using ExportLint.Analyzers.Tests.Infrastructure;

namespace ExportLint.Analyzers.Tests;

public class ControlledApiTests
{
    private const string Llama = "— entry EXL-W-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13)";

    [Fact]
    public void A_static_call_is_reported_on_the_method_name_with_entry_and_citation()
    {
        var result = AnalyzerRun.Run("""
            using LLama;
            using LLama.Common;
            class C
            {
                void M() { var w = LLamaWeights.LoadFromFile(new ModelParams("x")); }
            }
            """);

        Assert.Equal([$"EXL0001 (5,37) warning: Loads model weights (LLama.LLamaWeights.LoadFromFile) {Llama}"], result);
    }

    [Fact]
    public void An_alias_a_using_static_and_a_method_group_are_the_same_symbol()
    {
        var result = AnalyzerRun.Run("""
            using W = LLama.LLamaWeights;
            using static LLama.LLamaWeights;
            using System;
            using LLama.Abstractions;
            class C
            {
                void M(IModelParams p)
                {
                    W.LoadFromFile(p);
                    LoadFromFile(p);
                    Func<IModelParams, LLama.LLamaWeights> f = W.LoadFromFile;
                    Func<IModelParams, LLama.LLamaWeights> g = x => LoadFromFile(x);
                }
            }
            """);

        Assert.Equal(
            [
                $"EXL0001 (9,11) warning: Loads model weights (LLama.LLamaWeights.LoadFromFile) {Llama}",
                $"EXL0001 (10,9) warning: Loads model weights (LLama.LLamaWeights.LoadFromFile) {Llama}",
                $"EXL0001 (11,54) warning: Loads model weights (LLama.LLamaWeights.LoadFromFile) {Llama}",
                $"EXL0001 (12,57) warning: Loads model weights (LLama.LLamaWeights.LoadFromFile) {Llama}",
            ],
            result);
    }

    [Fact]
    public void Constructors_are_found_also_when_target_typed()
    {
        var result = AnalyzerRun.Run("""
            using Microsoft.ML.OnnxRuntime;
            class C
            {
                InferenceSession A(string p) => new InferenceSession(p);
                InferenceSession B(string p) => new(p);
            }
            """);

        const string Onnx = "Loads model weights (new Microsoft.ML.OnnxRuntime.InferenceSession) — entry EXL-W-ONNX, ECCN 4E091 (non-enforced since 2025-05-13)";
        Assert.Equal([$"EXL0001 (4,41) warning: {Onnx}", $"EXL0001 (5,37) warning: {Onnx}"], result);
    }

    [Fact]
    public void An_inherited_member_called_on_a_user_subclass_matches_the_base_declaration()
    {
        var result = AnalyzerRun.Run("""
            using TorchSharp;
            using static TorchSharp.torch;
            class Net : nn.Module<Tensor, Tensor>
            {
                public Net() : base("net") { }
                public override Tensor forward(Tensor x) => x;
                public void Restore(string p) => load(p);
            }
            class User
            {
                void M(Net net) => net.load("w.bin");
            }
            """);

        const string Torch = "Loads model weights (TorchSharp.torch.nn.Module.load) — entry EXL-W-TORCH, ECCN 4E091 (non-enforced since 2025-05-13)";
        Assert.Equal([$"EXL0001 (7,38) warning: {Torch}", $"EXL0001 (11,28) warning: {Torch}"], result);
    }

    [Fact]
    public void An_extension_method_is_found_called_either_way()
    {
        var result = AnalyzerRun.Run("""
            using TorchSharp;
            using TorchSharp.PyBridge;
            class C
            {
                void M(torch.nn.Module m)
                {
                    m.load_py("x");
                    PyBridgeModuleExtensions.load_py(m, "x");
                }
            }
            """);

        const string Py = "Loads model weights (TorchSharp.PyBridge.PyBridgeModuleExtensions.load_py) — entry EXL-W-TORCH-PYBRIDGE, ECCN 4E091 (non-enforced since 2025-05-13)";
        Assert.Equal([$"EXL0001 (7,11) warning: {Py}", $"EXL0001 (8,34) warning: {Py}"], result);
    }

    [Fact]
    public void Property_and_field_references_are_findings_with_the_entry_severity()
    {
        var result = AnalyzerRun.Run("""
            using LLama.Common;
            using Amazon.EC2;
            class C
            {
                ModelParams P() => new ModelParams("m") { GpuLayerCount = 40 };
                InstanceType T() => InstanceType.P548xlarge;
            }
            """);

        Assert.Equal(
            [
                "EXL0003 (5,47) info: Offloads a language model to a GPU (LLama.Common.ModelParams.GpuLayerCount) — entry EXL-G-LLAMA-GPU, ECCN 3A090 / 4A090 (active since 2022-10-07)",
                "EXL0004 (6,38) info: Provisions cloud instances with 3A090-class GPUs (Amazon.EC2.InstanceType.P548xlarge) — entry EAR-3A090-CLOUD-GPU, ECCN 3A090 / 4A090 (active since 2022-10-07)",
            ],
            result);
    }

    [Fact]
    public void Near_misses_are_quiet()
    {
        var result = AnalyzerRun.Run("""
            using Microsoft.ML.OnnxRuntime;
            class Model { public static Model Load(string p) => new Model(); }
            class C
            {
                void M(SessionOptions o)
                {
                    Model.Load("m");
                    o.AppendExecutionProvider_CPU();
                    System.Console.WriteLine("moving the model to cuda");
                    var n = nameof(InferenceSession);
                }
            }
            """);

        Assert.Empty(result);
    }
}
