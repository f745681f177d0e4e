// Cases for components reached by name: the assemblies: lists of the entries, and type names through reflection.
using System;
using System.Reflection;

namespace Cases.DynamicLoading;

class Reflection
{
    void Load()
    {
        Assembly.Load("Microsoft.ML.OnnxRuntime"); // exl-expect: EXL-W-ONNX
        Assembly.Load("Microsoft.ML.OnnxRuntimeGenAI, Version=0.0.0.0, Culture=neutral"); // exl-expect: EXL-W-ONNX-GENAI
        Assembly.Load("TorchSharp"); // exl-expect: EXL-W-TORCH
        Assembly.LoadFrom("plugins/TorchSharp.PyBridge.dll"); // exl-expect: EXL-W-TORCH-PYBRIDGE
        Type.GetType("LLama.LLamaWeights, LLamaSharp"); // exl-expect: EXL-W-LLAMA
        // ILGPU.Context is named by EXL-G-ILGPU-ACCELERATORS (its CreateDefault, GetPreferredDevice …): the type wins over the assembly.
        Activator.CreateInstance("ILGPU", "ILGPU.Context"); // exl-expect: EXL-G-ILGPU-ACCELERATORS
        Assembly.Load("MPI"); // exl-expect: EXL-C-MPI
        Type.GetType("ILGPU.Runtime.Cuda.CudaAccelerator, ILGPU"); // exl-expect: EXL-G-ILGPU
        Assembly.Load("System.Text.Json"); // exl-ok: EXL-W-ONNX, EXL-W-TORCH
        Type.GetType("LLamaSharpSamples.Program"); // exl-ok: EXL-W-LLAMA
        Assembly.Load("MPIHelpers"); // exl-ok: EXL-C-MPI
    }
}
