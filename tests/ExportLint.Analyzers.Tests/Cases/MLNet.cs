// Cases for the ML.NET entries.
using Microsoft.ML;
using Microsoft.ML.Transforms.Onnx;

namespace Cases.MLNet;

class Row
{
    public float Value { get; set; }
}

class Pipelines
{
    void Load(MLContext ml, string path, ITransformer model, DataViewSchema schema)
    {
        var loaded = ml.Model.Load(path, out var inputSchema); // exl-expect: EXL-W-MLNET
        var withLoader = ml.Model.LoadWithDataLoader(path, out var loader); // exl-expect: EXL-W-MLNET
        var onnx = ml.Transforms.ApplyOnnxModel(path); // exl-expect: EXL-W-MLNET
        var text = ml.Transforms.Text.FeaturizeText("f", "t"); // exl-ok: EXL-W-MLNET
        ml.Model.Save(model, schema, path); // exl-expect: EXL-W-MLNET-SAVE
        var view = ml.Data.LoadFromEnumerable(new[] { new Row() }); // exl-ok: EXL-W-MLNET-SAVE, EXL-W-MLNET
    }

    void Gpu(MLContext ml, OnnxOptions options)
    {
        ml.GpuDeviceId = 0; // exl-expect: EXL-G-MLNET-GPU
        options.GpuDeviceId = 0; // exl-expect: EXL-G-MLNET-GPU
        ml.FallbackToCpu = true; // exl-ok: EXL-G-MLNET-GPU
    }
}
