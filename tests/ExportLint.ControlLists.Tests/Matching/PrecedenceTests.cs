using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

/// <summary>One site, one entry: of several matches, the higher severity wins, then the entry defined later.</summary>
public class PrecedenceTests
{
    private static ResolvedControlList Overlay(string overrides) => ControlListLoader.LoadText($$"""
        controllist: acme
        extends: [exportlint-default]
        {{overrides}}
        entries:
          - id: ACME-GPU-KEY
            category: cluster-orchestration
            severity: info
            message: ACME GPU key
            match:
              strings: [nvidia.com/gpu]
              native: [cudart]
              assemblies: [TorchSharp]
              files: [{ glob: "**/*.gguf" }]
              packageContent: ["runtimes/*/native/*cudart*"]
        """);

    [Fact]
    public void At_equal_severity_the_overlay_entry_defined_later_wins_for_every_single_answer_matcher()
    {
        var list = Overlay(string.Empty);

        Assert.Empty(list.Problems);
        Assert.Equal("ACME-GPU-KEY", list.MatchString("nvidia.com/gpu", StringContext.Any, null)?.Entry.Id);
        Assert.Equal("ACME-GPU-KEY", list.MatchNativeLibrary("libcudart.so.12")?.Entry.Id);
    }

    [Fact]
    public void A_higher_severity_wins_over_a_later_definition()
    {
        var list = Overlay("""
            overrides:
              - entry: EXL-N-GPU-LIBS
                severity: warning
            """);

        Assert.Empty(list.Problems);
        Assert.Equal("EXL-N-GPU-LIBS", list.MatchNativeLibrary("cudart64_12.dll")?.Entry.Id);
        Assert.Equal("EXL-W-TORCH", list.MatchAssembly("TorchSharp")?.Id);
        Assert.Equal("EXL-F-WEIGHTS", list.MatchPathConstant("models/llama.gguf")?.Entry.Id);
        Assert.Equal("EXL-P-GPU-BINARIES", list.MatchPackageContent("runtimes/linux-x64/native/libcudart.so.12")?.Entry.Id);
        Assert.Equal("ACME-GPU-KEY", list.MatchString("nvidia.com/gpu", StringContext.Any, null)?.Entry.Id);
        Assert.True(list.IsPreferred(list.FindEntry("EXL-N-GPU-LIBS")!, list.FindEntry("ACME-GPU-KEY")));
    }
}
