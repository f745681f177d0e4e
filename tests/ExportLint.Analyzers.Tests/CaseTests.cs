using System.Collections.Immutable;
using ExportLint.ControlLists.Loading;
using ExportLint.Analyzers.Tests.Infrastructure;
using ExportLint.ControlLists;

namespace ExportLint.Analyzers.Tests;

/// <summary>The annotated cases under Cases/ against the shipped lists, and the shipped lists' coverage by them.</summary>
public class CaseTests
{
    /// <summary>
    /// Entries whose packages cannot be restored here, so no case can compile against them. They are not faked with
    /// stand-in types: the names would prove nothing about the real package.
    /// </summary>
    public static readonly ImmutableDictionary<string, string> NotRestorableHere = new Dictionary<string, string>
    {
        // None of these packages is served by the registry this project restores from, so their names cannot be held
        // to a real assembly here; they were checked by hand against each project's public source instead.
        ["EXL-W-TENSORFLOW"] = "TensorFlow.NET (Tensorflow.Binding, Tensorflow.Keras) is not served; names checked against its source",
        ["EXL-W-SK-ONNX"] = "Microsoft.SemanticKernel.Connectors.Onnx is not served; names checked against Semantic Kernel's source",
        ["EXL-G-MANAGEDCUDA"] = "ManagedCuda is not served; the entry names only its namespace",
        ["EXL-W-TENSORFLOW-SAVE"] = "TensorFlow.NET (Tensorflow.Keras) is not served; names checked against its source",
        ["EXL-W-MLNET-TENSORFLOW"] = "Microsoft.ML.TensorFlow and Microsoft.ML.Vision are not served; names checked against dotnet/machinelearning's source",
        ["EXL-W-MLNET-GENAI"] = "Microsoft.ML.GenAI.* is not served; names checked against dotnet/machinelearning's source",
        ["EXL-W-OPENVINO"] = "Sdcb.OpenVINO is not served; the name checked against sdcb/OpenVINO.NET's source",
        ["EXL-C-VERTEX-ACCELERATORS"] = "Google.Cloud.AIPlatform.V1 is not served; names checked against googleapis/google-cloud-dotnet's source",
        ["EAR-3A090-VERTEX-GPU"] = "Google.Cloud.AIPlatform.V1 is not served; names checked against googleapis/google-cloud-dotnet's source",
        ["EXL-G-COMPUTESHARP"] = "ComputeSharp is not served; names checked against Sergio0694/ComputeSharp's source (see the entry's notes)",
        ["EXL-W-SK-OLLAMA"] = "Microsoft.SemanticKernel.Connectors.Ollama and Microsoft.Extensions.AI.Ollama are not served; names checked against microsoft/semantic-kernel's and dotnet/extensions' source",
        ["EXL-W-HF-HUB"] = "HuggingfaceHub is not served; names checked against AsakusaRinne/HuggingfaceHub's source",
        ["EXL-W-STABLEDIFFUSION-NET"] = "StableDiffusion.NET is not served; names checked against DarthAffe/StableDiffusion.NET's source",
        ["EXL-G-STABLEDIFFUSION-NET"] = "StableDiffusion.NET is not served; names checked against DarthAffe/StableDiffusion.NET's source",
        ["EXL-W-ONNXSTACK"] = "OnnxStack.* is not served; names checked against TensorStack-AI/OnnxStack's source",
        ["EXL-W-PADDLE"] = "Sdcb.PaddleInference is not served; names checked against sdcb/PaddleSharp's source",
        ["EXL-G-PADDLE-GPU"] = "Sdcb.PaddleInference is not served; names checked against sdcb/PaddleSharp's source",
        ["EXL-W-FOUNDRY-LOCAL"] = "Microsoft.AI.Foundry.Local is not served; names checked against microsoft/Foundry-Local's source",
        ["EXL-G-FOUNDRY-LOCAL"] = "Microsoft.AI.Foundry.Local is not served; names checked against microsoft/Foundry-Local's source",
        ["EXL-G-WINML"] = "Microsoft.WindowsAppSDK.ML is not served and has no public source; names checked against Microsoft's public code that calls it and its reference (see the entry's notes)",
        ["EXL-G-CLOO"] = "Cloo is not served; names checked against clSharp/Cloo's source",
        ["EXL-C-SAGEMAKER-GPU"] = "AWSSDK.SageMaker is not served; names checked against aws/aws-sdk-net's source",
        ["EAR-3A090-SAGEMAKER-GPU"] = "AWSSDK.SageMaker is not served; names checked against aws/aws-sdk-net's source",
        ["EXL-C-AKS-GPU"] = "Azure.ResourceManager.ContainerService is not served; names checked against Azure/azure-sdk-for-net's API listings",
    }.ToImmutableDictionary();

    private static string CasesFolder => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CasesFolder, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_case_holds_against_the_shipped_lists(string file)
    {
        var problems = CaseHarness.Check(file, File.ReadAllText(Path.Combine(CasesFolder, file)));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_code_entry_of_the_shipped_lists_has_an_expect_and_an_ok_case()
    {
        var list = ControlListLoader.LoadDefault();
        Assert.Empty(list.Problems);
        var annotations = Directory.EnumerateFiles(CasesFolder, "*.cs").SelectMany(f => CaseHarness.Read(File.ReadAllText(f))).ToList();

        var missing = new List<string>();
        foreach (var entry in list.Entries.Where(IsAboutCode))
        {
            if (NotRestorableHere.ContainsKey(entry.Id))
            {
                Assert.DoesNotContain(annotations, a => a.EntryId == entry.Id);
                continue;
            }

            if (!annotations.Any(a => a.EntryId == entry.Id && a.Expected))
            {
                missing.Add($"{entry.Id}: no exl-expect case");
            }

            if (!annotations.Any(a => a.EntryId == entry.Id && !a.Expected))
            {
                missing.Add($"{entry.Id}: no exl-ok case");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.Contains(list.Entries, e => e.ListId == "us-ear-ai" && IsAboutCode(e));
    }

    private static bool IsAboutCode(Entry entry) =>
        !entry.Match.Apis.IsDefaultOrEmpty || !entry.Match.Strings.IsDefaultOrEmpty
        || !entry.Match.NativeLibraries.IsDefaultOrEmpty || !entry.Match.Assemblies.IsDefaultOrEmpty;
}
