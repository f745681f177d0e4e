// Cases for ONNX Runtime's training and compiling entries, the provider choices added with them, and GenAI's providers.
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Cases.OnnxRuntimeTraining;

class Training
{
    void Train(string checkpoint, string trainModel, string evalModel, string optimizerModel, string inferenceModel, List<string> outputs)
    {
        using var state = CheckpointState.LoadCheckpoint(checkpoint); // exl-expect: EXL-W-ONNX-TRAINING
        using var session = new TrainingSession(state, trainModel, evalModel, optimizerModel); // exl-expect: EXL-W-ONNX-TRAINING
        var rate = session.GetLearningRate(); // exl-ok: EXL-W-ONNX-TRAINING, EXL-W-ONNX-SAVE
        session.ExportModelForInferencing(inferenceModel, outputs); // exl-expect: EXL-W-ONNX-SAVE
        CheckpointState.SaveCheckpoint(state, checkpoint); // exl-expect: EXL-W-ONNX-SAVE
    }

    void Compile(SessionOptions options, string input, string output)
    {
        options.OptimizedModelFilePath = output; // exl-expect: EXL-W-ONNX-SAVE
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL; // exl-ok: EXL-W-ONNX-SAVE
        using var compilation = new OrtModelCompilationOptions(options);
        compilation.SetInputModelPath(input);
        compilation.SetOutputModelPath(output);
        compilation.CompileModel(); // exl-expect: EXL-W-ONNX-SAVE
    }
}

class Providers
{
    void Choose(SessionOptions options, string library)
    {
        options.AppendExecutionProvider_MIGraphX(); // exl-expect: EXL-G-ORT-EP
        options.AppendExecutionProvider_CoreML(); // exl-expect: EXL-G-ORT-EP
        options.SetEpSelectionPolicy(ExecutionProviderDevicePolicy.PREFER_GPU); // exl-expect: EXL-G-ORT-EP
        options.SetEpSelectionPolicy(ExecutionProviderDevicePolicy.PREFER_CPU); // exl-ok: EXL-G-ORT-EP
        OrtEnv.Instance().RegisterExecutionProviderLibrary("plugin_ep", library); // exl-expect: EXL-G-ORT-EP
    }

    string[] Order() => new[] { "CUDAExecutionProvider", "CPUExecutionProvider" }; // exl-expect: EXL-G-ORT-EP

    string Fallback() => "CPUExecutionProvider"; // exl-ok: EXL-G-ORT-EP

    string Directml() => "DmlExecutionProvider"; // exl-expect: EXL-G-ORT-EP
}

class GenAI
{
    void Configure(Config config)
    {
        config.ClearProviders(); // exl-ok: EXL-G-ORT-GENAI-EP
        config.AppendProvider("cuda"); // exl-expect: EXL-G-ORT-GENAI-EP
        config.SetProviderOption("cuda", "enable_cuda_graph", "1"); // exl-expect: EXL-G-ORT-GENAI-EP
    }
}
