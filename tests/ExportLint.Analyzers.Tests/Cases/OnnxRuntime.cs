// Cases for the ONNX Runtime and ONNX Runtime GenAI entries (exl-expect / exl-ok: see docs/harness.md).
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Cases.OnnxRuntime;

class Sessions
{
    void Load(string path, byte[] bytes, OrtValue value)
    {
        using var options = new SessionOptions(); // exl-ok: EXL-W-ONNX, EXL-G-ORT-EP
        using var a = new InferenceSession(path, options); // exl-expect: EXL-W-ONNX
        using InferenceSession b = new(bytes); // exl-expect: EXL-W-ONNX
        options.AddInitializer("w", value); // exl-expect: EXL-W-ONNX
        var inputs = a.InputMetadata.Count; // exl-ok: EXL-W-ONNX
    }

    void Providers(SessionOptions options)
    {
        options.AppendExecutionProvider_CUDA(0); // exl-expect: EXL-G-ORT-EP
        options.AppendExecutionProvider_Tensorrt(); // exl-expect: EXL-G-ORT-EP
        options.AppendExecutionProvider_ROCm(); // exl-expect: EXL-G-ORT-EP
        options.AppendExecutionProvider_DML(); // exl-expect: EXL-G-ORT-EP
        using var cuda = SessionOptions.MakeSessionOptionWithCudaProvider(); // exl-expect: EXL-G-ORT-EP
        using var cudaOptions = new OrtCUDAProviderOptions(); // exl-expect: EXL-G-ORT-EP
        options.AppendExecutionProvider_CPU(); // exl-ok: EXL-G-ORT-EP
        // OpenVINO runs on Intel GPUs and NPUs as well as CPUs: a review trigger, like the other accelerators.
        options.AppendExecutionProvider_OpenVINO(); // exl-expect: EXL-G-ORT-EP
    }
}

class Generative
{
    void Load(string folder, byte[] data)
    {
        using var config = new Config(folder); // exl-expect: EXL-W-ONNX-GENAI
        // exl-expect: EXL-W-ONNX-GENAI
        config.AddModelData(folder, data);
        using var model = new Model(config); // exl-expect: EXL-W-ONNX-GENAI
        using var adapters = new Adapters(model); // exl-ok: EXL-W-ONNX-GENAI
        adapters.LoadAdapter(folder, "lora"); // exl-expect: EXL-W-ONNX-GENAI
        using var client = new OnnxRuntimeGenAIChatClient(folder); // exl-expect: EXL-W-ONNX-GENAI
        // The Microsoft.Extensions.AI client over a model loaded above is still a load of that model by a chat client.
        using Microsoft.Extensions.AI.IChatClient chat = new OnnxRuntimeGenAIChatClient(model); // exl-expect: EXL-W-ONNX-GENAI
        var chatOptions = new OnnxRuntimeGenAIChatClientOptions { EnableCaching = true }; // exl-ok: EXL-W-ONNX-GENAI
        config.ClearProviders(); // exl-ok: EXL-W-ONNX-GENAI
        using var tokenizer = new Tokenizer(model); // exl-ok: EXL-W-ONNX-GENAI
    }
}
