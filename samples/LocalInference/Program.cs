using LLama;
using LLama.Common;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace LocalInference;

/// <summary>Loads a local language model and an ONNX classifier, on a GPU when there is one.</summary>
public static class Program
{
    private const string ModelFolder = "models/";
    private const string LlamaModel = ModelFolder + "tiny-llama.gguf";

    public static void Main()
    {
        var parameters = new ModelParams(LlamaModel)
        {
            ContextSize = 512,
            GpuLayerCount = 32,
        };
        using var weights = LLamaWeights.LoadFromFile(parameters);

        using var options = new SessionOptions();
        if (cuda.is_available())
        {
            options.AppendExecutionProvider_CUDA(0);
        }

        options.AppendExecutionProvider_CPU();
        using var session = new InferenceSession("models/classifier.onnx", options);

        var net = new Net();
        net.load("checkpoints/net.dat");
        Console.WriteLine($"Loaded {weights.ContextSize} context, {session.InputMetadata.Count} inputs, {net.parameters().Count()} tensors");
    }

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _layer = nn.Linear(4, 2);

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor input) => _layer.forward(input);
    }
}
