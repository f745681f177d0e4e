#pragma warning disable CS1591
namespace ExportLint.ControlLists.ModelFiles;
public enum ModelFileKind { Unknown, Safetensors, Gguf, Onnx, PyTorchZip, PyTorchPickle, Hdf5, TfLite }
public static class ModelFileKinds {
    public static string NameOf(ModelFileKind kind) => kind.ToString().ToLowerInvariant();
    public static bool TryParse(string name, out ModelFileKind kind) { kind = ModelFileKind.Gguf; return name is "gguf" or "safetensors" or "onnx" or "pytorch" or "pytorch-pickle" or "hdf5" or "tflite"; }
    public static IReadOnlyList<string> ExtensionsOf(ModelFileKind kind) => kind switch { ModelFileKind.Gguf => [".gguf"], ModelFileKind.Safetensors => [".safetensors"], ModelFileKind.Onnx => [".onnx"], _ => [".pt", ".pth", ".ckpt"] };
}
public sealed class ModelFileInfo { public ModelFileKind Kind { get; set; } public long? TensorCount { get; set; } public long? ParameterCount { get; set; } }
