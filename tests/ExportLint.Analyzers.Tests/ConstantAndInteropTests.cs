using ExportLint.Analyzers.Tests.Infrastructure;

namespace ExportLint.Analyzers.Tests;

public class ConstantAndInteropTests
{
    private const string K8s = "Requests GPUs from a Kubernetes cluster (\"nvidia.com/gpu\") — entry EXL-C-K8S-GPU, ECCN 3A090 / 4A090 (active since 2022-10-07)";

    [Fact]
    public void A_gpu_resource_key_is_found_as_indexer_key_initializer_and_folded_concatenation()
    {
        var result = AnalyzerRun.Run("""
            using System.Collections.Generic;
            using k8s.Models;
            class C
            {
                const string Vendor = "nvidia.com";
                void M(V1ResourceRequirements r, ResourceQuantity q)
                {
                    r.Limits["nvidia.com/gpu"] = q;
                    r.Requests = new Dictionary<string, ResourceQuantity> { { Vendor + "/gpu", q } };
                    var d = new Dictionary<string, ResourceQuantity> { ["nvidia" + ".com/gpu"] = q };
                    System.Console.WriteLine("scheduling on cuda nodes with nvidia.com/gpu limits");
                }
            }
            """);

        Assert.Equal(["EXL0004 (8,18) info: " + K8s, "EXL0004 (9,67) info: " + K8s, "EXL0004 (10,61) info: " + K8s], result);
    }

    [Fact]
    public void A_const_field_is_reported_where_it_is_declared_and_where_it_is_used_as_a_resource_not_where_it_is_passed_on()
    {
        var result = AnalyzerRun.Run("""
            using System.Collections.Generic;
            static class Keys { public const string Gpu = "nvidia.com/gpu"; }
            class C
            {
                void M(IDictionary<string, int> d) => d[Keys.Gpu] = 1;
                void Log() => System.Console.WriteLine(Keys.Gpu);
            }
            """);

        Assert.Equal(["EXL0004 (2,47) info: " + K8s, "EXL0004 (5,45) info: " + K8s], result);
    }

    [Fact]
    public void A_local_constant_used_as_a_dictionary_key_is_found_at_its_use_when_a_pattern_needs_that_context()
    {
        const string KeyOnly = """
            controllist: keys
            entries:
              - id: K
                category: cluster-orchestration
                severity: warning
                message: GPU key
                match:
                  strings:
                    - exact: nvidia.com/gpu
                      context: dictionary-key
            """;
        var result = AnalyzerRun.Run(
            """
            using System.Collections.Generic;
            class C
            {
                void M(IDictionary<string, int> d)
                {
                    const string key = "nvidia.com/gpu";
                    d[key] = 1;
                    System.Console.WriteLine(key);
                }
            }
            """,
            [("/repo/keys.controllist.yaml", KeyOnly)]);

        Assert.Equal(["EXL0004 (7,11) warning: GPU key (\"nvidia.com/gpu\") — entry K, no classification"], result);
    }

    [Fact]
    public void Native_gpu_libraries_are_found_in_DllImport_LibraryImport_and_NativeLibrary_Load()
    {
        var result = AnalyzerRun.Run("""
            using System.Runtime.InteropServices;
            static partial class Native
            {
                [DllImport("cudart64_12.dll")] public static extern int cudaGetDeviceCount(out int count);
                [LibraryImport("libnccl.so.2")] public static partial int ncclGetVersion(out int version);
                [DllImport("kernel32")] public static extern int GetTickCount();
                static nint L() => NativeLibrary.Load("libcublas.so.12");
                // What the LibraryImport source generator would write (no generator runs in the test):
                public static partial int ncclGetVersion(out int version) { version = 0; return 0; }
            }
            """);

        Assert.Equal(
            [
                "EXL0005 (4,6) info: Binds a native GPU library (DllImport(\"cudart64_12.dll\")) — entry EXL-N-GPU-LIBS, ECCN 3A090 / 4A090 (active since 2022-10-07)",
                "EXL0005 (5,6) info: Binds a native GPU library (LibraryImport(\"libnccl.so.2\")) — entry EXL-N-GPU-LIBS, ECCN 3A090 / 4A090 (active since 2022-10-07)",
                "EXL0005 (7,38) info: Binds a native GPU library (NativeLibrary.Load(\"libcublas.so.12\")) — entry EXL-N-GPU-LIBS, ECCN 3A090 / 4A090 (active since 2022-10-07)",
            ],
            result);
    }

    private static string Cudart(string where) => $"EXL0005 {where} info: Binds a native GPU library (LibraryImport(\"libcudart.so.12\")) — entry EXL-N-GPU-LIBS, ECCN 3A090 / 4A090 (active since 2022-10-07)";

    private const string UserImports = """
        using System.Runtime.InteropServices;
        static partial class Cuda
        {
            [LibraryImport("libcudart.so.12")]
            public static partial int cudaGetDeviceCount(out int count);

            [LibraryImport("libcudart.so.12", StringMarshalling = StringMarshalling.Utf8)]
            public static partial int cudaSetName(string name);
        }
        """;

    [Fact]
    public void A_LibraryImport_is_reported_once_at_the_users_declaration_not_in_what_the_generator_writes()
    {
        // The shape of the generator's output: a DllImport on an extern partial (blittable), a DllImport on a local
        // function inside the implementation (non-blittable). No generator runs in the tests, so it is written here.
        const string Generated = """
            // <auto-generated/>
            using System.Runtime.InteropServices;
            static unsafe partial class Cuda
            {
                [System.CodeDom.Compiler.GeneratedCode("Microsoft.Interop.LibraryImportGenerator", "10.0.0")]
                [DllImport("libcudart.so.12", EntryPoint = "cudaGetDeviceCount", ExactSpelling = true)]
                public static extern partial int cudaGetDeviceCount(out int count);

                [System.CodeDom.Compiler.GeneratedCode("Microsoft.Interop.LibraryImportGenerator", "10.0.0")]
                public static partial int cudaSetName(string name)
                {
                    return __PInvoke(null);

                    [DllImport("libcudart.so.12", EntryPoint = "cudaSetName", ExactSpelling = true)]
                    static extern unsafe int __PInvoke(byte* __name_native);
                }
            }
            """;
        var diagnostics = AnalyzerRun.Diagnostics(TestCompilation.Create(("Cuda.cs", UserImports), ("obj/LibraryImports.g.cs", Generated)));

        Assert.Equal([Cudart("(4,6)"), Cudart("(7,6)")], diagnostics.Select(AnalyzerRun.Format));
        Assert.All(diagnostics, d => Assert.Equal("Cuda.cs", d.Location.GetLineSpan().Path));
    }

    [Fact]
    public void A_LibraryImport_is_reported_when_the_generator_did_not_run()
    {
        // The CLI's source mode compiles without source generators: the partial declarations have no implementation.
        var compilation = TestCompilation.Create(("Cuda.cs", UserImports));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS8795");

        var result = AnalyzerRun.Diagnostics(compilation, allowCompilerErrors: true).Select(AnalyzerRun.Format);

        Assert.Equal([Cudart("(4,6)"), Cudart("(7,6)")], result);
    }

    [Fact]
    public void Reflection_and_dynamic_loading_by_name_are_found()
    {
        var result = AnalyzerRun.Run("""
            using System;
            using System.Reflection;
            class C
            {
                void M()
                {
                    Type.GetType("LLama.LLamaWeights, LLamaSharp");
                    Assembly.Load("TorchSharp");
                    Activator.CreateInstance("Microsoft.ML.OnnxRuntime", "Some.Type");
                    Assembly.LoadFrom("plugins/ILGPU.dll");
                    Type.GetType("System.String");
                }
            }
            """);

        Assert.Equal(
            [
                "EXL0006 (7,14) warning: Loads model weights (Type.GetType(\"LLama.LLamaWeights, LLamaSharp\")) — entry EXL-W-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13)",
                "EXL0006 (8,18) warning: Loads model weights (Assembly.Load(\"TorchSharp\")) — entry EXL-W-TORCH, ECCN 4E091 (non-enforced since 2025-05-13)",
                "EXL0006 (9,19) warning: Loads model weights (Activator.CreateInstance(\"Microsoft.ML.OnnxRuntime\", \"Some.Type\")) — entry EXL-W-ONNX, ECCN 4E091 (non-enforced since 2025-05-13)",
                "EXL0006 (10,18) info: Computes on a CUDA GPU (Assembly.LoadFrom(\"plugins/ILGPU.dll\")) — entry EXL-G-ILGPU, ECCN 3A090 / 4A090 (active since 2022-10-07)",
            ],
            result);
    }

    [Fact]
    public void A_constant_weight_file_path_flowing_into_a_file_api_is_found()
    {
        var result = AnalyzerRun.Run("""
            using System.IO;
            class C
            {
                const string Dir = "models/";
                void M()
                {
                    var a = File.OpenRead(Dir + "llama-3-8b.Q4_K_M.gguf");
                    var b = new FileStream("weights.bin", FileMode.Open);
                    System.Console.WriteLine("loading llama.gguf");
                }
            }
            """);

        Assert.Equal(["EXL0007 (7,31) warning: Model weight file (\"models/llama-3-8b.Q4_K_M.gguf\") — entry EXL-F-WEIGHTS, ECCN 4E091 (non-enforced since 2025-05-13)"], result);
    }

    private static string Weights(string path) => $"Model weight file (\"{path}\") — entry EXL-F-WEIGHTS, ECCN 4E091 (non-enforced since 2025-05-13)";

    [Fact]
    public void Paths_with_a_weak_extension_and_no_model_like_name_are_not_weight_files_at_a_file_api()
    {
        // Issue 10, item 14: a Portuguese resource, an HDF5 data set and a pickled cache read by file APIs.
        var result = AnalyzerRun.Run("""
            using System.IO;
            class C
            {
                void M()
                {
                    var text = File.ReadAllText("i18n/messages.pt");
                    using var data = File.OpenRead("data/measurements.h5");
                    var cache = new FileStream("cache/objects.pkl", FileMode.Open);
                    var site = File.ReadAllLines("lib/python3.12/site-packages/distutils-precedence.pth");
                }
            }
            """);

        Assert.Empty(result);
    }

    private const string TorchLoad = "Loads model weights (TorchSharp.torch.load) — entry EXL-W-TORCH, ECCN 4E091 (non-enforced since 2025-05-13)";

    [Fact]
    public void Weight_files_are_still_found_by_a_strong_extension_a_model_like_name_or_a_model_loading_call()
    {
        var result = AnalyzerRun.Run("""
            using System.IO;
            using TorchSharp;
            class C
            {
                void M()
                {
                    using var a = File.OpenRead("models/llama-7b.gguf");
                    var b = torch.load("weights/model.pt");
                    var c = File.ReadAllBytes("checkpoints/epoch-3.pth");
                    var d = new FileStream("bert-base-uncased.h5", FileMode.Open);
                    var e = torch.load("i18n/messages.pt");
                }
            }
            """);

        Assert.Equal(
            [
                "EXL0007 (7,37) warning: " + Weights("models/llama-7b.gguf"),
                "EXL0001 (8,23) warning: " + TorchLoad,
                "EXL0007 (8,28) warning: " + Weights("weights/model.pt"),
                "EXL0007 (9,35) warning: " + Weights("checkpoints/epoch-3.pth"),
                "EXL0007 (10,32) warning: " + Weights("bert-base-uncased.h5"),
                "EXL0001 (11,23) warning: " + TorchLoad,
                "EXL0007 (11,28) warning: " + Weights("i18n/messages.pt"),
            ],
            result);
    }

    [Fact]
    public void A_link_under_nvidia_com_mig_is_not_a_mig_resource()
    {
        var result = AnalyzerRun.Run("""
            using System.Collections.Generic;
            class C
            {
                void M(IDictionary<string, int> limits)
                {
                    var docs = new Dictionary<string, string> { ["nvidia.com/mig-docs-link"] = "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/" };
                    limits["nvidia.com/mig-3g.40gb"] = 1;
                }
            }
            """);

        Assert.Equal(["EXL0004 (7,16) info: Requests GPUs from a Kubernetes cluster (\"nvidia.com/mig-3g.40gb\") — entry EXL-C-K8S-GPU, ECCN 3A090 / 4A090 (active since 2022-10-07)"], result);
    }
}
