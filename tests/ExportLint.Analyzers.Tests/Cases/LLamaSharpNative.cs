// Cases for LLamaSharp's native model handle, its quantizer and GPU placement.
using LLama;
using LLama.Abstractions;
using LLama.Common;
using LLama.Native;

namespace Cases.LLamaSharpNative;

class Handles
{
    void Load(string path, string lora, string copy)
    {
        using var handle = SafeLlamaModelHandle.LoadFromFile(path, LLamaModelParams.Default()); // exl-expect: EXL-W-LLAMA
        var adapter = handle.LoadLoraFromFile(lora); // exl-expect: EXL-W-LLAMA
        handle.SaveToFile(copy); // exl-expect: EXL-W-LLAMA-SAVE
        var size = handle.SizeInBytes; // exl-ok: EXL-W-LLAMA, EXL-W-LLAMA-SAVE
    }

    bool Quantize(string source, string target) => LLamaQuantizer.Quantize(source, target, LLamaFtype.MOSTLY_Q4_K_M); // exl-expect: EXL-W-LLAMA-SAVE
}

class Placement
{
    void Gpus(string path, IModelParams read)
    {
        var parameters = new ModelParams(path)
        {
            MainGpu = 1, // exl-expect: EXL-G-LLAMA-GPU
            SplitMode = GPUSplitMode.Layer, // exl-expect: EXL-G-LLAMA-GPU
            ContextSize = 2048, // exl-ok: EXL-G-LLAMA-GPU
        };
        var splits = parameters.TensorSplits; // exl-expect: EXL-G-LLAMA-GPU
        var devices = read.Devices; // exl-expect: EXL-G-LLAMA-GPU
        var main = read.MainGpu; // exl-expect: EXL-G-LLAMA-GPU
        NativeLibraryConfig.All.WithVulkan(); // exl-expect: EXL-G-LLAMA-GPU
        NativeLibraryConfig.All.WithAutoFallback(); // exl-ok: EXL-G-LLAMA-GPU
    }
}
