#pragma warning disable CS1591, CA1861, CA1305, CA1307, CA1310
namespace ExportLint.ControlLists.ModelFiles;
public enum ModelFileKind { Unknown, Safetensors, Gguf, Onnx, PyTorchZip, PyTorchPickle, Hdf5, TfLite }
public static class ModelFileKinds {
    public static string NameOf(ModelFileKind kind) => kind.ToString().ToLowerInvariant();
    // The build-task branch maps each name to its own kind (the first stub mapped every name to Gguf).
    public static bool TryParse(string name, out ModelFileKind kind) { kind = name switch { "gguf" => ModelFileKind.Gguf, "safetensors" => ModelFileKind.Safetensors, "onnx" => ModelFileKind.Onnx, "pytorch" => ModelFileKind.PyTorchZip, "pytorch-pickle" => ModelFileKind.PyTorchPickle, "hdf5" => ModelFileKind.Hdf5, "tflite" => ModelFileKind.TfLite, _ => ModelFileKind.Unknown }; return kind != ModelFileKind.Unknown; }
    public static IReadOnlyList<string> ExtensionsOf(ModelFileKind kind) => kind switch { ModelFileKind.Gguf => [".gguf"], ModelFileKind.Safetensors => [".safetensors"], ModelFileKind.Onnx => [".onnx"], _ => [".pt", ".pth", ".ckpt"] };
}
public sealed class ModelFileInfo { public ModelFileKind Kind { get; set; } public long? TensorCount { get; set; } public long? ParameterCount { get; set; } }

// Added by the build-task branch so that it compiles before the real readers land; the real file replaces this one.
public static class ModelFileSniffer {
    public static ModelFileKind Identify(ReadOnlySpan<byte> head, string? fileName) {
        if (head.Length >= 4 && head[0] == (byte)'G' && head[1] == (byte)'G' && head[2] == (byte)'U' && head[3] == (byte)'F') { return ModelFileKind.Gguf; }
        if (head.Length >= 9 && head[8] == (byte)'{' && head[4] == 0 && head[5] == 0 && head[6] == 0 && head[7] == 0) { return ModelFileKind.Safetensors; }
        if (head.Length >= 8 && head[0] == 0x89 && head[1] == (byte)'H' && head[2] == (byte)'D' && head[3] == (byte)'F') { return ModelFileKind.Hdf5; }
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4 && fileName is not null && (fileName.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".pth", StringComparison.OrdinalIgnoreCase))) { return ModelFileKind.PyTorchZip; }
        if (head.Length >= 2 && head[0] == 0x80 && head[1] >= 2 && head[1] <= 5) { return ModelFileKind.PyTorchPickle; }
        return fileName is not null && fileName.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && head.Length > 0 && head[0] == 0x08 ? ModelFileKind.Onnx : ModelFileKind.Unknown;
    }
}
public static class ModelFileReader {
    public static ModelFileInfo Read(Stream stream, string? fileName) {
        var head = new byte[64];
        var n = stream.Read(head, 0, head.Length);
        var kind = ModelFileSniffer.Identify(new ReadOnlySpan<byte>(head, 0, n), fileName);
        var info = new ModelFileInfo { Kind = kind };
        if (kind == ModelFileKind.Gguf && n >= 16) { info.TensorCount = (long)BitConverter.ToUInt64(head, 8); }
        if (kind == ModelFileKind.Safetensors) {
            var length = (int)Math.Min(BitConverter.ToInt64(head, 0), 1 << 20);
            stream.Position = 8;
            var json = new byte[length];
            var read = 0;
            while (read < length) { var r = stream.Read(json, read, length - read); if (r <= 0) { break; } read += r; }
            var text = System.Text.Encoding.UTF8.GetString(json, 0, read);
            long tensors = 0, parameters = 0;
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "\"shape\"\\s*:\\s*\\[([0-9,\\s]*)\\]")) {
                tensors++;
                long p = 1;
                foreach (var d in m.Groups[1].Value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)) { p *= long.Parse(d.Trim(), System.Globalization.CultureInfo.InvariantCulture); }
                parameters += p;
            }
            info.TensorCount = tensors; info.ParameterCount = parameters;
        }
        return info;
    }
}
