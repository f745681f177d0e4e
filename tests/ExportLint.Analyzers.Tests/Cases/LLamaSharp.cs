// Cases for the LLamaSharp entries.
using System.Threading.Tasks;
using LLama;
using LLama.Abstractions;
using LLama.Common;
using LLama.Native;

namespace Cases.LLamaSharp;

class Llama
{
    async Task Load(string path, MtmdContextParams mtmd)
    {
        var parameters = new ModelParams(path) { ContextSize = 4096 }; // exl-ok: EXL-W-LLAMA, EXL-G-LLAMA-GPU
        using var weights = LLamaWeights.LoadFromFile(parameters); // exl-expect: EXL-W-LLAMA
        using var again = await LLamaWeights.LoadFromFileAsync(parameters); // exl-expect: EXL-W-LLAMA
        using var projector = MtmdWeights.LoadFromFile(path, weights, mtmd); // exl-expect: EXL-W-LLAMA
        using var context = weights.CreateContext(parameters); // exl-ok: EXL-W-LLAMA
    }

    void Gpu(string path, IModelParams read)
    {
        var parameters = new ModelParams(path) { GpuLayerCount = 32 }; // exl-expect: EXL-G-LLAMA-GPU
        var layers = read.GpuLayerCount; // exl-expect: EXL-G-LLAMA-GPU
        NativeLibraryConfig.All.WithCuda(); // exl-expect: EXL-G-LLAMA-GPU
        NativeLibraryConfig.All.WithLogCallback((level, message) => { }); // exl-ok: EXL-G-LLAMA-GPU
    }
}
