using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;
using Json.Schema;
using NuGet.Versioning;
using YamlDotNet.RepresentationModel;

namespace ExportLint.ControlLists.Tests;

/// <summary>The shipped lists: valid, schema-conformant, inventory-only, and each non-API entry proven by a positive and a negative case.</summary>
public class ShippedListTests
{
    private static readonly string RulesFolder = Path.Combine(AppContext.BaseDirectory, "rules");
    // The schema registers its $id globally: build it once.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(RulesFolder, "controllist.schema.json")));
    private static readonly ControlListLoadOptions On2026 = new() { AsOf = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) };

    public static TheoryData<string> ListFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RulesFolder, "*.controllist.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RulesFolder, file));
        }

        return data;
    }

    private static ResolvedControlList LoadFile(string relative)
    {
        var document = FileSystemControlListResolver.TryRead(Path.Combine(RulesFolder, relative), out var error) ?? throw new InvalidOperationException(error);
        return ControlListLoader.Load([document], new FileSystemControlListResolver([document]), On2026);
    }

    [Theory]
    [MemberData(nameof(ListFiles))]
    public void Every_shipped_list_loads_without_problems(string file)
    {
        var list = LoadFile(file);

        Assert.Empty(list.Problems);
        Assert.NotEmpty(list.Entries);
    }

    [Theory]
    [MemberData(nameof(ListFiles))]
    public void Every_shipped_list_is_valid_against_the_schema(string file)
    {
        var schema = Schema.Value;
        var json = YamlToJson(File.ReadAllText(Path.Combine(RulesFolder, file)));

        var result = schema.Evaluate(JsonSerializer.SerializeToElement(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void The_schema_rejects_what_the_loader_rejects()
    {
        var schema = Schema.Value;
        var typo = YamlToJson("controllist: x\nentries:\n  - id: A\n    category: gpu-compute\n    severity: info\n    mesage: m\n    match: { native: [cudart] }\n");
        var badCategory = YamlToJson("controllist: x\nentries:\n  - id: A\n    category: gpu\n    severity: info\n    message: m\n    match: { native: [cudart] }\n");

        Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(typo)).IsValid);
        Assert.False(schema.Evaluate(JsonSerializer.SerializeToElement(badCategory)).IsValid);
        Assert.True(ControlListLoader.LoadText("controllist: x\nentries:\n  - id: A\n    category: gpu\n    severity: info\n    message: m\n    match: { native: [cudart] }\n").HasErrors);
    }

    [Fact]
    public void The_defaults_are_an_inventory_and_never_fail_a_build()
    {
        var list = ControlListLoader.LoadDefault(On2026);

        Assert.Empty(list.Problems);
        Assert.DoesNotContain(list.Entries, e => e.Severity == Severity.Error);
        Assert.Equal(["us-ear-ai", "exportlint-default"], list.Lists.Select(l => l.Id));
        Assert.All(list.Entries, e => Assert.NotNull(e.Source));
    }

    [Fact]
    public void Every_embedded_list_is_named_after_its_id()
    {
        foreach (var (id, document) in EmbeddedControlLists.All)
        {
            Assert.Equal(id, InMemoryControlListResolver.ReadDeclaredId(document.Text));
        }

        Assert.Equal(["exportlint-default", "us-ear-ai"], EmbeddedControlLists.All.Keys);
    }

    [Fact]
    public void The_ear_sources_carry_their_real_status_and_dates()
    {
        var list = ControlListLoader.LoadDefault(On2026);
        var weights = list.Sources.Single(s => s.Id == "EAR-4E091");
        var computing = list.Sources.Single(s => s.Id == "EAR-3A090-4A090");

        Assert.Equal(SourceStatus.NonEnforced, weights.Status);
        Assert.Equal(new DateTime(2025, 5, 13), weights.StatusDate);
        Assert.Equal(new DateTime(2025, 1, 13), weights.Effective);
        Assert.Equal("ECCN 4E091", weights.Section);
        Assert.Equal(SourceStatus.Active, computing.Status);
        Assert.Equal(new DateTime(2022, 10, 7), computing.Effective);
        Assert.Equal("ECCN 4E091 (non-enforced since 2025-05-13)", list.FindEntry("EXL-W-LLAMA")!.Citation);
    }

    [Fact]
    public void The_sample_overlay_raises_entries_to_error_and_fails_on_torchsharp()
    {
        var list = LoadFile(Path.Combine("samples", "acme-policy.controllist.yaml"));

        Assert.Equal(Severity.Error, list.FindEntry("EXL-W-LLAMA")!.Severity);
        Assert.Null(list.FindEntry("EXL-C-MPI"));
        Assert.Contains(list.MatchPackage("TorchSharp", NuGetVersion.Parse("0.105.0")), m => m.Entry.Id == "ACME-TORCH" && m.Entry.Severity == Severity.Error);
        Assert.DoesNotContain(list.MatchPackage("TorchSharp", NuGetVersion.Parse("0.99.0")), m => m.Entry.Id == "ACME-TORCH");
    }

    // --- positive and negative cases for the entries that match packages, strings, native names and files ------

    [Theory]
    [InlineData("EXL-P-GPU-RUNTIMES", "Microsoft.ML.OnnxRuntime.Gpu", "1.31.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Microsoft.ML.OnnxRuntime.Gpu.Linux", "1.31.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Microsoft.ML.OnnxRuntimeGenAI.Cuda", "0.8.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "LLamaSharp.Backend.Cuda12", "0.30.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "libtorch-cuda-12.1-linux-x64", "2.5.1", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "TorchSharp-cuda-linux", "0.105.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Microsoft.ML.OnnxRuntime", "1.31.1", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "LLamaSharp.Backend.Cpu", "0.30.0", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "TorchSharp-cpu", "0.105.0", false)]
    [InlineData("EXL-P-GPU-COMPUTE", "ILGPU", "1.5.3", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "ILGPU.Algorithms", "1.5.3", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "MPI.NET", "1.4.0", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "MPI.NET.Extras", "1.0.0", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Microsoft.ML.OnnxRuntime.DirectML", "1.24.2", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Microsoft.AI.DirectML", "1.15.4", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Intel.ML.OnnxRuntime.OpenVino", "1.23.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "LLamaSharp.Backend.Vulkan.Windows", "0.30.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Whisper.net.Runtime.Cuda.Windows", "1.9.1", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Whisper.net.Runtime.Vulkan", "1.9.1", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Whisper.net.Runtime", "1.9.1", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Whisper.net.Runtime.Metal", "1.9.1", false)]
    [InlineData("EXL-P-GPU-COMPUTE", "ComputeSharp", "3.2.0", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "Silk.NET.OpenCL", "2.23.0", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "Silk.NET.OpenGL", "2.23.0", false)]
    [InlineData("EAR-GP10-ASCEND-PACKAGES", "Huawei.Mindspore.MindsporeLite", "5.0.5.301", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "Cloo.clSharp", "1.0.1", true)]
    [InlineData("EXL-P-GPU-COMPUTE", "Cloo", "0.9.1", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "StableDiffusion.NET.Backend.Cuda", "4.0.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "StableDiffusion.NET.Backend.Cuda12.Linux", "4.0.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "StableDiffusion.NET.Backend.Vulkan", "4.0.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "StableDiffusion.NET.Backend.Rocm", "4.0.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "StableDiffusion.NET.Backend.Cpu", "4.0.0", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "StableDiffusion.NET", "4.0.0", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Sdcb.PaddleInference.runtime.win64.cu126_cudnn95_sm86", "3.1.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Sdcb.PaddleInference.runtime.win64.cuda118_cudnn86_tr85_sm86_89", "2.5.0", true)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Sdcb.PaddleInference.runtime.win64.mkl", "3.1.0", false)]
    [InlineData("EXL-P-GPU-RUNTIMES", "Sdcb.PaddleInference", "3.1.0", false)]
    public void Package_entries(string entryId, string packageId, string version, bool expected)
    {
        var matched = ControlListLoader.LoadDefault(On2026).MatchPackage(packageId, NuGetVersion.Parse(version)).Any(m => m.Entry.Id == entryId);

        Assert.Equal(expected, matched);
    }

    [Theory]
    [InlineData("runtimes/win-x64/native/cudart64_12.dll", "EXL-P-GPU-BINARIES")]
    [InlineData("runtimes/linux-x64/native/libcublasLt.so.12", "EXL-P-GPU-BINARIES")]
    [InlineData("runtimes/linux-x64/native/libnccl.so.2", "EXL-P-GPU-BINARIES")]
    [InlineData("runtimes/linux-x64/native/cuda12/libggml-cuda.so", "EXL-P-GPU-BINARIES")]
    [InlineData("runtimes/linux-x64/native/libonnxruntime.so", null)]
    [InlineData("lib/net8.0/cudart.dll", null)]
    // Whisper.net's runtimes put their binaries under build/<rid>/ (Whisper.net.Runtime 1.9.1 does; its CUDA
    // runtime names them ggml-cuda-whisper).
    [InlineData("build/win-x64/ggml-cuda-whisper.dll", "EXL-P-GPU-BINARIES")]
    [InlineData("build/linux-x64/libggml-vulkan-whisper.so", "EXL-P-GPU-BINARIES")]
    [InlineData("build/linux-x64/libggml-cpu-whisper.so", null)]
    [InlineData("build/Whisper.net.Runtime.targets", null)]
    [InlineData("runtimes/linux-x64/native/libggml-vulkan.so", "EXL-P-GPU-BINARIES")]
    public void Package_content_entries(string path, string? expected) =>
        Assert.Equal(expected, ControlListLoader.LoadDefault(On2026).MatchPackageContent(path)?.Entry.Id);

    /// <summary>
    /// The analyzers meet every string constant of a codebase, so a shipped regex must carry text every match contains
    /// (at least three characters in each alternative): then a constant without it is ruled out by a substring search
    /// and the regex never runs. A longer list must not make each constant cost more.
    /// </summary>
    [Fact]
    public void Every_shipped_regex_has_required_text_that_rules_out_most_constants()
    {
        var weak = new List<string>();
        foreach (var entry in ControlListLoader.LoadDefault(On2026).Entries)
        {
            foreach (var pattern in entry.Match.Strings.Where(p => p.Kind == StringMatchKind.Regex))
            {
                var required = RegexLiterals.RequiredAnyOf(pattern.Value);
                if (required is null || required.Any(r => r.Length < 3))
                {
                    weak.Add($"{entry.Id}: '{pattern.Value}' requires {(required is null ? "nothing" : string.Join("|", required))}");
                }
            }
        }

        Assert.True(weak.Count == 0, string.Join("\n", weak));
    }

    [Theory]
    [InlineData("nvidia.com/gpu", "EXL-C-K8S-GPU")]
    [InlineData("amd.com/gpu", "EXL-C-K8S-GPU")]
    [InlineData("nvidia.com/mig-1g.10gb", "EXL-C-K8S-GPU")]
    [InlineData("sbatch --gres=gpu:4 train.sh", "EXL-C-SLURM-GPU")]
    [InlineData("srun --gpus-per-node=8 python train.py", "EXL-C-SLURM-GPU")]
    [InlineData("#SBATCH --gres=gpu:a100:2", "EXL-C-SLURM-GPU")]
    [InlineData("#SBATCH -G 8", "EXL-C-SLURM-GPU")]
    [InlineData("#SBATCH -G a100:2", "EXL-C-SLURM-GPU")]
    [InlineData("srun -G 8 python train.py", "EXL-C-SLURM-GPU")]
    [InlineData("#SBATCH -N 8", null)]
    [InlineData("sbatch -G", null)]
    [InlineData("docker run --rm --gpus all nvidia/cuda:12.4.1-base nvidia-smi", "EXL-C-DOCKER-GPU")]
    [InlineData("podman run --gpus=1 trainer", "EXL-C-DOCKER-GPU")]
    [InlineData("docker run --rm alpine echo gpus", null)]
    [InlineData("p5.48xlarge", "EAR-3A090-CLOUD-GPU")]
    [InlineData("p4d.24xlarge", "EAR-3A090-CLOUD-GPU")]
    [InlineData("p6-b200.48xlarge", "EAR-3A090-CLOUD-GPU")]
    [InlineData("trn1.32xlarge", "EAR-3A090-CLOUD-GPU")]
    [InlineData("ml.p5.48xlarge", "EAR-3A090-CLOUD-GPU")]
    [InlineData("Standard_ND96isr_H100_v5", "EAR-3A090-CLOUD-GPU")]
    [InlineData("Standard_NC40ads_H100_v5", "EAR-3A090-CLOUD-GPU")]
    [InlineData("nvidia.com/gpu-driver", null)]
    [InlineData("nvidia.com/mig-3g.40gb", "EXL-C-K8S-GPU")]
    [InlineData("nvidia.com/mig-1g.5gb+me", "EXL-C-K8S-GPU")]
    [InlineData("nvidia.com/mig-docs-link", null)]
    [InlineData("nvidia.com/mig-strategy", null)]
    [InlineData("cpu", null)]
    [InlineData("sbatch --mem=4G job.sh", null)]
    [InlineData("Loaded the cuda backend", null)]
    [InlineData("t3.micro", null)]
    [InlineData("ml.m5.xlarge", null)]
    [InlineData("Standard_D4s_v5", null)]
    [InlineData("Standard_NC6s_v3", "EXL-C-CLOUD-GPU")]
    [InlineData("Standard_NC24ads_A100_v4", "EAR-3A090-CLOUD-GPU")]
    [InlineData("Standard_NV36ads_A10_v5", "EXL-C-CLOUD-GPU")]
    [InlineData("g6e.12xlarge", "EXL-C-CLOUD-GPU")]
    [InlineData("ml.g5.2xlarge", "EXL-C-CLOUD-GPU")]
    // The string forms of the SageMaker constants that EXL-C-SAGEMAKER-GPU names by symbol, and an AKS pool's VmSize.
    [InlineData("ml.g4dn.xlarge", "EXL-C-CLOUD-GPU")]
    [InlineData("ml.p3dn.24xlarge", "EXL-C-CLOUD-GPU")]
    [InlineData("ml.inf1.xlarge", "EXL-C-CLOUD-GPU")]
    [InlineData("ml.p4d.24xlarge", "EAR-3A090-CLOUD-GPU")]
    [InlineData("ml.c5.xlarge", null)]
    [InlineData("standard_nc6s_v3", "EXL-C-CLOUD-GPU")]
    [InlineData("inf2.48xlarge", "EXL-C-CLOUD-GPU")]
    [InlineData("AL2023_x86_64_NVIDIA", "EXL-C-CLOUD-GPU")]
    [InlineData("AL2023_x86_64_STANDARD", null)]
    [InlineData("a2-ultragpu-8g", "EAR-3A090-CLOUD-GPU")]
    [InlineData("a4-highgpu-8g", "EAR-3A090-CLOUD-GPU")]
    [InlineData("nvidia-h200-141gb", "EAR-3A090-CLOUD-GPU")]
    [InlineData("nvidia-tesla-t4", "EXL-C-CLOUD-GPU")]
    [InlineData("g2-standard-24", "EXL-C-CLOUD-GPU")]
    [InlineData("n2-standard-8", null)]
    // A TPU type only as the value of an accelerator member: here there is none.
    [InlineData("v5litepod-8", null)]
    [InlineData("gpu.intel.com/xe", "EXL-C-K8S-GPU")]
    [InlineData("aws.amazon.com/neurondevice", "EXL-C-K8S-GPU")]
    [InlineData("aws.amazon.com/neuronx", null)]
    [InlineData("cloud.google.com/gke-accelerator", "EXL-C-K8S-GPU")]
    [InlineData("huawei.com/Ascend910", "EAR-GP10-ASCEND-K8S")]
    [InlineData("huawei.com/Ascend310P", "EAR-GP10-ASCEND-K8S")]
    [InlineData("huawei.com/legal", null)]
    [InlineData("sbatch -G 4 train.sh", "EXL-C-SLURM-GPU")]
    [InlineData("srun --gres=shard:2 ./infer", "EXL-C-SLURM-GPU")]
    [InlineData("sbatch -N 2 -n 16 job.sh", null)]
    [InlineData("qsub -l select=1:ngpus=2 job.pbs", "EXL-C-SCHEDULER-GPU")]
    [InlineData("qsub -l select=1:ngpus=0 job.pbs", null)]
    [InlineData("request_gpus = 2", "EXL-C-SCHEDULER-GPU")]
    [InlineData("num_gpus=0.5", "EXL-C-SCHEDULER-GPU")]
    [InlineData("num_gpus=0", null)]
    [InlineData("docker run --gpus all image", "EXL-C-DOCKER-GPU")]
    [InlineData("docker run --rm image", null)]
    [InlineData("nvidia/cuda:12.4.1-base-ubuntu22.04", "EXL-C-DOCKER-GPU")]
    [InlineData("TensorrtExecutionProvider", "EXL-G-ORT-EP")]
    [InlineData("NvTensorRTRTXExecutionProvider", "EXL-G-ORT-EP")]
    [InlineData("CPUExecutionProvider", null)]
    [InlineData("CANNExecutionProvider", "EAR-GP10-ASCEND-COMPUTE")]
    public void String_entries(string value, string? expected) =>
        Assert.Equal(expected, ControlListLoader.LoadDefault(On2026).MatchString(value, StringContext.Any, null)?.Entry.Id);

    [Theory]
    [InlineData("cudart64_12.dll", "EXL-N-GPU-LIBS")]
    [InlineData("libcudart.so.12", "EXL-N-GPU-LIBS")]
    [InlineData("nvcuda", "EXL-N-GPU-LIBS")]
    [InlineData("libnccl.so.2", "EXL-N-GPU-LIBS")]
    [InlineData("cudnn64_9", "EXL-N-GPU-LIBS")]
    [InlineData("libnvidia-ml.so.1", "EXL-N-GPU-LIBS")]
    [InlineData("nvinfer_10.dll", "EXL-N-GPU-LIBS")]
    [InlineData("amdhip64_6.dll", "EXL-N-GPU-LIBS")]
    [InlineData("librccl.so.1", "EXL-N-GPU-LIBS")]
    [InlineData("libcudnn_ops_infer.so.8", "EXL-N-GPU-LIBS")]
    [InlineData("cudnn_ops64_9.dll", "EXL-N-GPU-LIBS")]
    [InlineData("libcudnn_graph.so.9", "EXL-N-GPU-LIBS")]
    [InlineData("cudnnhelper", null)]
    [InlineData("cusolver64_11.dll", "EXL-N-GPU-LIBS")]
    [InlineData("libnvinfer_plugin.so.10", "EXL-N-GPU-LIBS")]
    [InlineData("ggml-cuda.dll", "EXL-N-GPU-LIBS")]
    [InlineData("c10_cuda.dll", "EXL-N-GPU-LIBS")]
    [InlineData("onnxruntime_providers_tensorrt.dll", "EXL-N-GPU-LIBS")]
    [InlineData("onnxruntime_providers_shared.dll", null)]
    [InlineData("libhipblaslt.so.0", "EXL-N-GPU-LIBS-OTHER")]
    [InlineData("libMIOpen.so.1", "EXL-N-GPU-LIBS-OTHER")]
    [InlineData("ze_loader.dll", "EXL-N-GPU-LIBS-OTHER")]
    [InlineData("libvulkan.so.1", "EXL-N-GPU-LIBS-OTHER")]
    [InlineData("ggml-sycl.dll", "EXL-N-GPU-LIBS-OTHER")]
    [InlineData("libascendcl.so", "EAR-GP10-ASCEND-NATIVE")]
    [InlineData("ggml-cpu.dll", null)]
    [InlineData("kernel32.dll", null)]
    [InlineData("libz.so.1", null)]
    [InlineData("onnxruntime", null)]
    [InlineData("llama", null)]
    public void Native_library_entries(string name, string? expected) =>
        Assert.Equal(expected, ControlListLoader.LoadDefault(On2026).MatchNativeLibrary(name)?.Entry.Id);

    [Theory]
    [InlineData("models/phi-3.onnx", "EXL-F-WEIGHTS")]
    [InlineData("C:\\models\\llama-3-8b.Q4_K_M.gguf", "EXL-F-WEIGHTS")]
    [InlineData("weights/model.safetensors", "EXL-F-WEIGHTS")]
    [InlineData("checkpoint.pt", "EXL-F-WEIGHTS")]
    [InlineData("data/model.bin", null)]
    [InlineData("appsettings.json", null)]
    [InlineData("i18n/messages.pt", null)]
    [InlineData("data/measurements.h5", null)]
    [InlineData("cache/objects.pkl", null)]
    [InlineData("site-packages/distutils-precedence.pth", null)]
    [InlineData("weights/model.pt", "EXL-F-WEIGHTS")]
    [InlineData("models/llama-7b.gguf", "EXL-F-WEIGHTS")]
    [InlineData("out/resnet50.pth", "EXL-F-WEIGHTS")]
    [InlineData("gpt2.h5", "EXL-F-WEIGHTS")]
    [InlineData("data/measurements.onnx", "EXL-F-WEIGHTS")]
    public void Path_constants_name_model_files_by_extension(string path, string? expected) =>
        Assert.Equal(expected, ControlListLoader.LoadDefault(On2026).MatchPathConstant(path)?.Entry.Id);

    [Theory]
    [InlineData("i18n/messages.pt")]
    [InlineData("cache/objects.pkl")]
    [InlineData("data/measurements.h5")]
    public void A_weak_extension_is_enough_where_the_call_loads_models(string path) =>
        Assert.Equal("EXL-F-WEIGHTS", ControlListLoader.LoadDefault(On2026).MatchPathConstant(path, PathConstantUse.ModelApi)?.Entry.Id);

    [Fact]
    public void A_glob_in_a_list_is_its_author_s_choice_and_needs_no_model_like_name()
    {
        var list = ControlListLoader.LoadText("""
            controllist: acme
            entries:
              - id: ACME-PT
                category: model-file
                severity: warning
                message: m
                match: { files: [ { glob: "**/*.pt" } ] }
            """);

        Assert.Equal("ACME-PT", list.MatchPathConstant("i18n/messages.pt")?.Entry.Id);
    }

    [Fact]
    public void Assembly_names_lead_to_their_entries()
    {
        var list = ControlListLoader.LoadDefault(On2026);

        Assert.Equal("EXL-W-LLAMA", list.MatchAssembly("LLamaSharp")?.Id);
        Assert.Equal("EXL-W-TORCH", list.MatchAssembly("TorchSharp")?.Id);
        Assert.Equal("EXL-C-MPI", list.MatchAssembly("MPI")?.Id);
        Assert.Null(list.MatchAssembly("System.Text.Json"));
    }

    // --- YAML to JSON, typed as YAML 1.2's core schema types plain scalars ------------------------------------

    internal static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlDotNet.RepresentationModel.YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    obj[((YamlScalarNode)key).Value!] = Convert(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(Convert).ToArray());
            case YamlScalarNode scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain:
                var text = scalar.Value ?? string.Empty;
                if (text is "true" or "false")
                {
                    return JsonValue.Create(text == "true");
                }

                if (text is "" or "~" or "null")
                {
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Count(c => c == '.') <= 1)
                {
                    return JsonValue.Create(number);
                }

                return JsonValue.Create(text);
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value);
            default:
                throw new InvalidOperationException("unexpected YAML node " + node.NodeType);
        }
    }
}
