// Cases for calls whose arguments are dynamic: the compiler binds them at run time, the candidates are still known.
using LLama;
using Microsoft.ML.OnnxRuntime;
using static LLama.LLamaWeights;

namespace Cases.Dynamic;

class LateBound
{
    void Calls(dynamic parameters, dynamic path, LLamaWeights weights)
    {
        using var a = LLamaWeights.LoadFromFile(parameters); // exl-expect: EXL-W-LLAMA
        using var b = LoadFromFile(parameters); // exl-expect: EXL-W-LLAMA
        var c = LLamaWeights.LoadFromFileAsync(parameters); // exl-expect: EXL-W-LLAMA
        using var session = new InferenceSession(path); // exl-expect: EXL-W-ONNX
        var context = weights.CreateContext(parameters); // exl-ok: EXL-W-LLAMA
        System.Console.WriteLine(path); // exl-ok: EXL-W-LLAMA, EXL-W-ONNX
    }
}
