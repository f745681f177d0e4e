using ExportLint.ControlLists.Loading;

namespace ExportLint.ControlLists.Tests.Matching;

/// <summary>
/// Paths written in code, matched by file patterns: the quick test on the path's ending (PathIndex) must never rule
/// out a path a pattern matches.
/// </summary>
public class PathConstantTests
{
    private static ResolvedControlList List(string files) => ControlListLoader.LoadText($$"""
        controllist: acme
        entries:
          - id: ACME-FILES
            category: model-file
            severity: warning
            message: ACME weights
            match:
              files: {{files}}
        """);

    [Theory]
    [InlineData("weights/layer0.bin", true)]
    [InlineData("C:\\ckpt\\weights\\layer0.BIN", true)]
    [InlineData("layer0.bin", false)]
    [InlineData("weights/layer0.bin.txt", false)]
    [InlineData("weights/readme.md", false)]
    public void A_glob_with_a_literal_ending(string path, bool matches)
    {
        var list = List("""[{ glob: "**/weights/*.bin" }]""");
        Assert.Empty(list.Problems);
        Assert.Equal(matches, list.MatchPathConstant(path) is not null);
    }

    [Theory]
    [InlineData("models/anything", true)]
    [InlineData("MODELS/x.json", true)]
    [InlineData("src/models.cs", false)]
    public void A_glob_ending_in_a_wildcard_rules_nothing_out_by_its_ending(string path, bool matches)
    {
        var list = List("""[{ glob: "models/**" }, { kind: gguf }]""");
        Assert.Empty(list.Problems);
        Assert.Equal(matches, list.MatchPathConstant(path) is not null);
    }

    [Theory]
    [InlineData("Models/Classifier.MLPackage/Data/weights.bin", true)]
    [InlineData("C:\\models\\classifier.mlpackage\\Manifest.json", true)]
    [InlineData("classifier.mlpackage/x", true)]
    [InlineData("classifier.mlpackage", false)]
    [InlineData("classifier.mlpackag/x", false)]
    [InlineData("an mlpackage/x", false)]
    [InlineData("could not read '{0}': not a JSON object", false)]
    public void A_glob_ending_in_a_wildcard_needs_its_longest_literal(string path, bool matches)
    {
        // The quick test looks for ".MLPACKAGE" in any case; the glob decides the rest.
        var list = List("""[{ glob: "**/*.mlpackage/**" }]""");
        Assert.Empty(list.Problems);
        Assert.Equal(matches, list.MatchPathConstant(path) is not null);
    }

    [Theory]
    [InlineData("**/*.mlpackage/**", ".MLPACKAGE")]
    [InlineData("models/**", "MODELS")]
    [InlineData("**/x/**", null)]
    [InlineData("**/*", null)]
    [InlineData("**/ab?cd/**", "AB")]
    public void The_longest_literal_of_a_glob(string glob, string? literal) =>
        Assert.Equal(literal, PathIndex.LongestLiteral(glob));

    [Theory]
    [InlineData("anything at all/x", true)]
    [InlineData("a/b/c", true)]
    public void A_glob_without_literal_rules_nothing_out(string path, bool matches)
    {
        var list = List("""[{ glob: "**/*" }, { glob: "**/*.mlpackage/**" }]""");
        Assert.Empty(list.Problems);
        Assert.Equal(matches, list.MatchPathConstant(path) is not null);
    }

    [Theory]
    [InlineData("x.GGUF", true)]
    [InlineData("x.gguf ", false)]
    [InlineData("x.ggu", false)]
    [InlineData("gguf", false)]
    [InlineData("", false)]
    [InlineData("x.ggu\u00DF", false)]
    public void A_kind_matches_its_usual_extensions_in_any_case(string path, bool matches) =>
        Assert.Equal(matches, List("[{ kind: gguf }]").MatchPathConstant(path) is not null);

    [Fact]
    public void A_pattern_with_a_threshold_never_matches_a_bare_path()
    {
        var list = List("""[{ kind: onnx, parameters: ">= 10000000000" }]""");
        Assert.Empty(list.Problems);
        Assert.Null(list.MatchPathConstant("models/big.onnx"));
    }

    [Fact]
    public void A_non_ASCII_ending_is_compared_case_insensitively()
    {
        var list = List("""[{ glob: "**/*.modèle" }]""");
        Assert.NotNull(list.MatchPathConstant("a/b.MODÈLE"));
        Assert.Null(list.MatchPathConstant("a/b.modele"));
    }
}
