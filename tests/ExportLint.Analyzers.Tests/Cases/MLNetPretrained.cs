// Cases for ML.NET's pretrained-model trainers and featurizers, and its ONNX export.
using System.IO;
using Microsoft.ML;
using Microsoft.ML.TorchSharp;

namespace Cases.MLNetPretrained;

class Pretrained
{
    void Build(MLContext ml, string modelsFolder)
    {
        var classify = ml.MulticlassClassification.Trainers.TextClassification(); // exl-expect: EXL-W-MLNET-PRETRAINED
        var similar = ml.Regression.Trainers.SentenceSimilarity(); // exl-expect: EXL-W-MLNET-PRETRAINED
        var detect = ml.MulticlassClassification.Trainers.ObjectDetection(); // exl-expect: EXL-W-MLNET-PRETRAINED
        var features = ml.Transforms.DnnFeaturizeImage("features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn, modelsFolder), "image"); // exl-expect: EXL-W-MLNET-PRETRAINED
        var pixels = ml.Transforms.ExtractPixels("pixels", "image"); // exl-ok: EXL-W-MLNET-PRETRAINED
    }

    void Export(MLContext ml, ITransformer model, IDataView data, Stream stream)
    {
        ml.Model.ConvertToOnnx(model, data, stream); // exl-expect: EXL-W-MLNET-SAVE
        var schema = data.Schema; // exl-ok: EXL-W-MLNET-SAVE
    }
}
