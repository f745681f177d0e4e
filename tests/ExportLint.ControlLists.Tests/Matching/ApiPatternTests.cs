using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

public class ApiPatternTests
{
    private static ApiPattern Parse(string text) => ApiPattern.TryParse(text, out var error) ?? throw new InvalidOperationException(error);

    [Fact]
    public void A_member_pattern_matches_that_member_of_exactly_that_type()
    {
        var pattern = Parse("LLama.LLamaWeights.LoadFromFile");

        Assert.Equal([ApiPatternShape.Member, ApiPatternShape.Type], pattern.Shapes);
        Assert.True(pattern.MatchesTypeChain(["LLama", "LLamaWeights"], ApiPatternShape.Member));
        Assert.False(pattern.MatchesTypeChain(["MyApp", "LLamaWeights"], ApiPatternShape.Member));
        Assert.False(pattern.MatchesTypeChain(["LLama", "LLamaWeights", "Nested"], ApiPatternShape.Member));
        Assert.Equal("LoadFromFile", pattern.MemberName.Pattern);
        Assert.Null(pattern.Parameters);
    }

    [Theory]
    [InlineData("Microsoft.ML.OnnxRuntime.InferenceSession.#ctor")]
    [InlineData("Microsoft.ML.OnnxRuntime.InferenceSession..ctor")]
    public void Constructors_are_written_with_hash_or_dot_ctor(string text)
    {
        var pattern = Parse(text);

        Assert.Equal(ApiPattern.ConstructorName, pattern.MemberName.Pattern);
        Assert.Equal([ApiPatternShape.Member], pattern.Shapes);
        Assert.True(pattern.MatchesTypeChain(["Microsoft", "ML", "OnnxRuntime", "InferenceSession"], ApiPatternShape.Member));
    }

    [Fact]
    public void One_overload_is_named_by_its_parameter_types()
    {
        var pattern = Parse("LLama.LLamaWeights.LoadFromFile(LLama.Abstractions.IModelParams)");

        var parameter = Assert.Single(pattern.Parameters!.Value);
        Assert.True(parameter.Matches(["LLama", "Abstractions", "IModelParams"], 0));
        Assert.False(parameter.Matches(["Other", "IModelParams"], 0));
    }

    [Fact]
    public void Simple_parameter_names_and_keywords_match_in_any_namespace_or_their_system_type()
    {
        var pattern = Parse("TorchSharp.torch.jit.load(string, TorchSharp.torch.Device)");
        var parameters = pattern.Parameters!.Value;

        Assert.True(parameters[0].Matches(["System", "String"], 0));
        Assert.True(parameters[1].Matches(["TorchSharp", "torch", "Device"], 0));
        Assert.True(Parse("X.Y.Z(Device, byte[])").Parameters!.Value[0].Matches(["TorchSharp", "torch", "Device"], 0));
        Assert.True(Parse("X.Y.Z(Device, byte[])").Parameters!.Value[1].Matches(["System", "Byte"], 1));
        Assert.False(Parse("X.Y.Z(Device, byte[])").Parameters!.Value[1].Matches(["System", "Byte"], 0));
        Assert.Empty(Parse("X.Y.Z()").Parameters!.Value);
    }

    [Fact]
    public void A_trailing_star_matches_everything_at_or_below_a_namespace_or_type()
    {
        var pattern = Parse("TorchSharp.torch.cuda.*");

        Assert.Equal([ApiPatternShape.Everything], pattern.Shapes);
        Assert.True(pattern.MatchesTypeChain(["TorchSharp", "torch", "cuda"], ApiPatternShape.Everything));
        Assert.True(pattern.MatchesTypeChain(["TorchSharp", "torch", "cuda", "Inner"], ApiPatternShape.Everything));
        Assert.False(pattern.MatchesTypeChain(["TorchSharp", "torch"], ApiPatternShape.Everything));
    }

    [Fact]
    public void Wildcards_inside_a_segment_match_names()
    {
        var pattern = Parse("Microsoft.ML.OnnxRuntime.SessionOptions.AppendExecutionProvider_*");

        Assert.True(pattern.MemberName.HasWildcards);
        Assert.True(pattern.MemberName.IsMatch("AppendExecutionProvider_CUDA"));
        Assert.False(pattern.MemberName.IsMatch("AppendExecutionProvider"));
    }

    [Fact]
    public void Generic_arity_and_nesting_plus_are_normalised()
    {
        Assert.Equal(["TorchSharp", "torch", "nn", "Module", "load"], Parse("TorchSharp.torch+nn+Module`2.load").Segments.Select(s => s.Pattern));
        Assert.Equal(["TorchSharp", "torch", "nn", "Module", "load"], Parse("TorchSharp.torch.nn.Module<T1,T2>.load").Segments.Select(s => s.Pattern));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("A..B", "empty segment")]
    [InlineData("A.B(", "does not end with ')'")]
    [InlineData("A.B.*(int)", "ends in '.*'")]
    [InlineData("Load(string)", "names no type")]
    [InlineData("A.B-C.D", "'-' cannot stand in a name")]
    public void Bad_patterns_say_why(string text, string expected)
    {
        Assert.Null(ApiPattern.TryParse(text, out var error));
        Assert.Contains(expected, error);
    }
}

public class ApiIndexTests
{
    private static ResolvedControlList List(params string[] apis)
    {
        var yaml = "controllist: t\nentries:\n" + string.Concat(apis.Select((api, i) =>
            $"  - id: E{i}\n    category: restricted-api\n    severity: info\n    message: m\n    match:\n      apis: [\"{api}\"]\n"));
        var list = ControlListLoader.LoadText(yaml);
        Assert.Empty(list.Problems);
        return list;
    }

    [Fact]
    public void Members_are_found_by_name_after_one_look_up_per_type()
    {
        var index = List("LLama.LLamaWeights.LoadFromFile", "LLama.LLamaWeights.LoadFromFileAsync").Apis;
        var matches = index.ForType(["LLama", "LLamaWeights"]);

        Assert.Equal("E0", Assert.Single(matches.ForMember("LoadFromFile")).Entry.Id);
        Assert.Equal("E1", Assert.Single(matches.ForMember("LoadFromFileAsync")).Entry.Id);
        Assert.Empty(matches.ForMember("Dispose"));
        Assert.Same(TypeApiMatches.None, index.ForType(["MyApp", "Model"]));
    }

    [Fact]
    public void A_bare_type_name_matches_every_member_of_the_type()
    {
        var matches = List("ILGPU.Runtime.Cuda.CudaAccelerator").Apis.ForType(["ILGPU", "Runtime", "Cuda", "CudaAccelerator"]);

        Assert.Equal("E0", Assert.Single(matches.WholeType).Entry.Id);
    }

    [Fact]
    public void Namespace_wide_patterns_reach_nested_types()
    {
        var index = List("ManagedCuda.*").Apis;

        Assert.Single(index.ForType(["ManagedCuda", "BasicTypes", "CudaDeviceVariable"]).WholeType);
        Assert.True(index.ForType(["ManagedCudaX", "Thing"]).IsEmpty);
    }

    [Fact]
    public void Member_globs_are_kept_apart_from_exact_names()
    {
        var matches = List("Amazon.EC2.InstanceType.P5*").Apis.ForType(["Amazon", "EC2", "InstanceType"]);

        var target = Assert.Single(matches.MemberGlobs);
        Assert.True(target.Pattern.MemberName.IsMatch("P548xlarge"));
        Assert.False(target.Pattern.MemberName.IsMatch("T3Micro"));
    }

    [Fact]
    public void A_thousand_entries_cost_one_look_up_per_segment_not_a_scan()
    {
        var apis = Enumerable.Range(0, 1000).Select(i => $"Vendor{i}.Library.Type{i}.Method{i}").ToArray();
        var index = List(apis).Apis;

        Assert.Equal(2000, index.Count); // each bare pattern is read as member and as type
        var matches = index.ForType(["Vendor500", "Library", "Type500"]);
        Assert.Equal("E500", Assert.Single(matches.ForMember("Method500")).Entry.Id);
        Assert.True(index.ForType(["System", "String"]).IsEmpty);
    }
}
