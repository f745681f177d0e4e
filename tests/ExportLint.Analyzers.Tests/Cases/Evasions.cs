// A hostile reviewer's attempts at the detections of issue 11 section 2: aliases, using static, wrappers, ternaries,
// ??, concatenation, verbatim, raw and interpolated raw strings. Each line that is expected was written to fail first.
using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using LLama;
using Microsoft.ML.OnnxRuntime;
using static System.Diagnostics.Process;
using static System.Runtime.InteropServices.NativeLibrary;
using Loader = System.Reflection.Assembly;
using Native = System.Runtime.InteropServices.NativeLibrary;
using Weights = LLama.LLamaWeights;

namespace Cases.Evasions;

static partial class Tricks
{
    const string Cuda = "cudart";
    const string CudaLibrary = "lib" + Cuda + ".so.12";

    [DllImport(CudaLibrary)] // exl-expect: EXL-N-GPU-LIBS
    static extern int cudaDeviceReset();

    [DllImport(@"C:\Program Files\NVIDIA GPU Computing Toolkit\CUDA\v12.4\bin\cudart64_12.dll")] // exl-expect: EXL-N-GPU-LIBS
    static extern int cudaDeviceSynchronize();

    static void Libraries(bool windows, string? overridePath, string dir)
    {
        Native.Load(CudaLibrary); // exl-expect: EXL-N-GPU-LIBS
        Load(windows ? "cudart64_12.dll" : "libcudart.so.12"); // exl-expect: EXL-N-GPU-LIBS
        TryLoad(overridePath ?? Path.Combine(dir, "libnccl.so.2"), out _); // exl-expect: EXL-N-GPU-LIBS
        Load("""libcublasLt.so.12"""); // exl-expect: EXL-N-GPU-LIBS
        Load($"""{dir}/libcudnn.so.9"""); // exl-expect: EXL-N-GPU-LIBS
        Load(string.Concat(dir, "/libnvrtc.so.12")); // exl-expect: EXL-N-GPU-LIBS
        Load(windows ? "zlib1.dll" : "libz.so.1"); // exl-ok: EXL-N-GPU-LIBS
    }

    static void Reflection(bool flag)
    {
        Loader.Load(new AssemblyName("TorchSharp")); // exl-expect: EXL-W-TORCH
        var method = typeof(Weights).GetMethod("Load" + "FromFile"); // exl-expect: EXL-W-LLAMA
        var concatenated = typeof(Weights).GetMethod(string.Concat("Load", "FromFile")); // exl-expect: EXL-W-LLAMA
        var ignoringCase = typeof(LLamaWeights).GetMethod("loadfromfile", BindingFlags.IgnoreCase | BindingFlags.Public | BindingFlags.Static); // exl-expect: EXL-W-LLAMA
        var caseMatters = typeof(LLamaWeights).GetMethod("loadfromfile"); // exl-ok: EXL-W-LLAMA
        Type type = flag ? typeof(InferenceSession) : typeof(string);
        var session = Activator.CreateInstance(type, "model.bin"); // exl-expect: EXL-W-ONNX
        var viaGetType = Type.GetType($"LLama.{nameof(LLamaWeights)}, LLamaSharp"); // exl-expect: EXL-W-LLAMA
    }

    static void Processes(string job, bool gpu)
    {
        Start("sbatch", "--gpus=8 " + job); // exl-expect: EXL-C-SLURM-GPU
        var flags = gpu ? "--gres=gpu:4" : "--ntasks=4";
        Process.Start("srun", $"{flags} {job}"); // exl-expect: EXL-C-SLURM-GPU
        Process.Start(new ProcessStartInfo("cmd.exe", "/c sbatch --gpus=2 job.sh")); // exl-expect: EXL-C-SLURM-GPU
        Process.Start("/usr/bin/env", ["kubectl", "run", "trainer", "--image=trainer", "--limits=amd.com/gpu=1"]); // exl-expect: EXL-C-K8S-GPU
        Process.Start(@"C:\Program Files\Docker\docker.exe", @"run --gpus all trainer"); // exl-expect: EXL-C-DOCKER-GPU
        Process.Start("/usr/local/bin/srun --gpus-per-task=1 /home/u/job.sh"); // exl-expect: EXL-C-SLURM-GPU
        Process.Start("sbatch", job); // exl-ok: EXL-C-SLURM-GPU
    }

    // exl-expect: EXL-C-K8S-GPU
    static ReadOnlySpan<byte> Utf8Manifest => """
        resources:
          limits:
            nvidia.com/gpu: 2
        """u8;

    // exl-expect: EXL-C-K8S-GPU
    const string Concatenated = "resources:\n" + "  limits:\n" + "    amd.com/gpu: 1\n";

    // exl-expect: EXL-C-K8S-GPU
    static string Interpolated(int gpus, string image) => $"{{\"image\":\"{image}\",\"resources\":{{\"limits\":{{\"nvidia.com/gpu\":{gpus}}}}}}}";

    // exl-expect: EXL-C-SLURM-GPU
    static string Job(int nodes) => $"""
        #!/bin/bash
        #SBATCH --nodes={nodes}
        #SBATCH -G {nodes * 8}
        srun python train.py
        """;

    // exl-ok: EXL-C-K8S-GPU
    static string CpuJob(int cpus) => $"""
        resources:
          limits:
            cpu: {cpus}
        """;

    // exl-ok: EXL-C-K8S-GPU, EXL-C-SLURM-GPU
    const string Prose = "We build for CUDA and ROCm.\nAsk the cluster team for nvidia GPUs before you sbatch anything.";
}
