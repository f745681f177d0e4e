using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

public class GlobTests
{
    [Theory]
    [InlineData("Microsoft.ML.OnnxRuntime.Gpu*", "microsoft.ml.onnxruntime.gpu.linux", true)]
    [InlineData("Microsoft.ML.OnnxRuntime.Gpu*", "Microsoft.ML.OnnxRuntime", false)]
    [InlineData("libtorch-cuda-*", "libtorch-cuda-12.1-linux-x64", true)]
    [InlineData("MPI.NET", "MPI.NET", true)]
    [InlineData("MPI.NET", "MPI.NETX", false)]
    [InlineData("a?c", "abc", true)]
    public void Name_globs(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.ForName(pattern, ignoreCase: true).IsMatch(text));

    [Theory]
    [InlineData("runtimes/*/native/*cudart*", "runtimes/linux-x64/native/libcudart.so.12", true)]
    [InlineData("runtimes/*/native/*cudart*", "runtimes/linux-x64/lib/native/libcudart.so.12", false)]
    [InlineData("runtimes/*/native/**/*ggml-cuda*", "runtimes/linux-x64/native/cuda12/libggml-cuda.so", true)]
    [InlineData("**/*.gguf", "models/llama/model.Q4_K_M.gguf", true)]
    [InlineData("**/*.gguf", "model.gguf", true)]
    [InlineData("*.gguf", "models/model.gguf", false)]
    [InlineData("models/*.onnx", "models\\net.onnx", true)]
    public void Path_globs(string pattern, string path, bool expected) =>
        Assert.Equal(expected, Glob.ForPath(pattern).IsMatch(path));

    [Fact]
    public void A_pathological_glob_stays_linear()
    {
        var glob = Glob.ForName("*a*a*a*a*a*a*a*a*b", ignoreCase: false);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(glob.IsMatch(new string('a', 20_000)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}

public class NativeLibraryNameTests
{
    [Theory]
    [InlineData("cudart64_12.dll", "cudart")]
    [InlineData("libcudart.so.12", "cudart")]
    [InlineData("libcudart.so.12.4.127", "cudart")]
    [InlineData("libcudart.12.dylib", "cudart")]
    [InlineData("cudart", "cudart")]
    [InlineData("/usr/local/cuda/lib64/libcublas.so.12", "cublas")]
    [InlineData("cublasLt64_12", "cublaslt")]
    [InlineData("nvcuda.dll", "nvcuda")]
    [InlineData("libnccl.so.2", "nccl")]
    [InlineData("cudnn64_9.dll", "cudnn")]
    [InlineData("nvinfer_10.dll", "nvinfer")]
    [InlineData("amdhip64_6.dll", "amdhip")]
    [InlineData("libnvidia-ml.so.1", "nvidia-ml")]
    [InlineData("kernel32.dll", "kernel")]
    public void Platform_spellings_normalise_to_one_name(string spelling, string expected) =>
        Assert.Equal(expected, NativeLibraryName.Normalize(spelling));

    [Fact]
    public void A_pattern_matches_every_spelling_and_nothing_else()
    {
        var pattern = new NativeLibraryPattern("cudart64_12");

        Assert.True(pattern.Matches("libcudart.so.12"));
        Assert.True(pattern.Matches("cudart"));
        Assert.False(pattern.Matches("cudnn64_9.dll"));
        Assert.False(pattern.Matches("libcudartx.so"));
    }
}

public class StringPatternTests
{
    [Fact]
    public void Context_limits_where_a_pattern_applies()
    {
        var key = new StringPattern(StringMatchKind.Exact, "nvidia.com/gpu", false, StringContext.DictionaryKey, null);
        var member = new StringPattern(StringMatchKind.Prefix, "p5.", false, StringContext.Any, "InstanceType");

        Assert.True(key.AppliesIn(StringContext.DictionaryKey, null));
        Assert.False(key.AppliesIn(StringContext.Any, null));
        Assert.Equal(StringContext.MemberValue, member.Context);
        Assert.True(member.AppliesIn(StringContext.MemberValue, "instanceType"));
        Assert.False(member.AppliesIn(StringContext.MemberValue, "ImageId"));
        Assert.True(member.IsMatch("p5.48xlarge", out _));
    }
}
