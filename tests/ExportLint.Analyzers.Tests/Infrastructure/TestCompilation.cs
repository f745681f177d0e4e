using System.Collections.Immutable;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExportLint.Analyzers.Tests.Infrastructure;

/// <summary>Compilations of test sources against the real framework and the real AI packages the test project references.</summary>
internal static class TestCompilation
{
    /// <summary>The assemblies of the packages the fixtures use (their API names are what the shipped lists name).</summary>
    public static readonly ImmutableArray<string> PackageAssemblies =
    [
        "LLamaSharp", "Microsoft.ML.OnnxRuntime", "Microsoft.ML.OnnxRuntimeGenAI", "TorchSharp", "TorchSharp.PyBridge",
        "KubernetesClient", "ILGPU", "Microsoft.ML.Core", "Microsoft.ML.Data", "Microsoft.ML.Transforms", "Microsoft.ML.OnnxTransformer",
        "AWSSDK.EC2", "AWSSDK.Core", "MPI",
        "Whisper.net", "OllamaSharp", "OpenCvSharp", "Silk.NET.OpenCL", "Silk.NET.Vulkan", "Docker.DotNet",
        "Microsoft.ML.TorchSharp", "Microsoft.ML.ImageAnalytics", "Microsoft.ML.DnnImageFeaturizer.ResNet18",
        "Microsoft.ML.OnnxConverter", "Azure.ResourceManager.Compute",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Create(params (string Path, string Text)[] sources)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path)).ToArray();
        return CSharpCompilation.Create(
            "Fixture",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }

    public static CSharpCompilation Create(string source) => Create(("Fixture.cs", source));

    /// <summary>Fails when the fixture itself does not compile: a test of a broken fixture proves nothing.</summary>
    public static void AssertNoErrors(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The fixture does not compile:\n" + string.Join("\n", errors.Take(20)));
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The trusted platform assemblies hold the framework and the test's dependencies; the folder of the test
        // assembly holds the package assemblies too. The first of a simple name wins.
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in tpa.Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!paths.ContainsKey(name) && HasMetadata(path))
            {
                paths[name] = path;
            }
        }

        return paths.Values.OrderBy(p => p, StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private static bool HasMetadata(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
