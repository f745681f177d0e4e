#pragma warning disable CS1591
namespace ExportLint.ControlLists.ModelFiles;
public enum ModelFileKind { Unknown, Safetensors, Gguf, Onnx, PyTorchZip, PyTorchPickle, Hdf5, TfLite }
public static class ModelFileKinds {
    public static string NameOf(ModelFileKind kind) => kind.ToString().ToLowerInvariant();
    public static bool TryParse(string name, out ModelFileKind kind) { kind = name switch { "gguf" => ModelFileKind.Gguf, "safetensors" => ModelFileKind.Safetensors, "onnx" => ModelFileKind.Onnx, "pytorch" => ModelFileKind.PyTorchZip, "pytorch-pickle" => ModelFileKind.PyTorchPickle, "hdf5" => ModelFileKind.Hdf5, "tflite" => ModelFileKind.TfLite, _ => ModelFileKind.Unknown }; return kind != ModelFileKind.Unknown; }
    public static IReadOnlyList<string> ExtensionsOf(ModelFileKind kind) => kind switch { ModelFileKind.Gguf => [".gguf"], ModelFileKind.Safetensors => [".safetensors"], ModelFileKind.Onnx => [".onnx"], ModelFileKind.PyTorchZip => [".pt", ".pth", ".ckpt"], _ => [] };
}
public sealed class ModelFileInfo { public ModelFileKind Kind { get; set; } public long? TensorCount { get; set; } public long? ParameterCount { get; set; } }
