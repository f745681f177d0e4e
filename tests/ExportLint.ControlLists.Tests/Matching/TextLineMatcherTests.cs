using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

/// <summary>The one rule for a line of a script or manifest: the CLI's text scan and the analyzers' documents in strings.</summary>
public class TextLineMatcherTests
{
    private static readonly ResolvedControlList List = ControlListLoader.LoadDefault(new ControlListLoadOptions { AsOf = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) });

    [Theory]
    [InlineData("#SBATCH -G 8", "EXL-C-SLURM-GPU", "#SBATCH -G 8", 0)]
    [InlineData("    #SBATCH --gres=gpu:a100:4", "EXL-C-SLURM-GPU", "#SBATCH --gres=gpu:a100:4", 4)]
    [InlineData("            nvidia.com/gpu: 8", "EXL-C-K8S-GPU", "nvidia.com/gpu", 12)]
    [InlineData("{\"limits\":{\"amd.com/gpu\":\"1\"}}", "EXL-C-K8S-GPU", "amd.com/gpu", 12)]
    [InlineData("kubectl set resources deploy/x --limits=nvidia.com/gpu=1", "EXL-C-K8S-GPU", "nvidia.com/gpu", 40)]
    [InlineData("docker run --gpus all trainer", "EXL-C-DOCKER-GPU", "docker run --gpus all trainer", 0)]
    public void A_line_matches_as_a_whole_or_by_a_word(string line, string entry, string text, int column)
    {
        var match = TextLineMatcher.Match(List, line, wholeLine: true);

        Assert.NotNull(match);
        Assert.Equal((entry, text, column), (match.Value.Entry.Id, match.Value.Text, match.Value.Column));
    }

    [Theory]
    [InlineData("Ask the cluster team for nvidia GPUs before you sbatch anything.")]
    [InlineData("see https://docs.example.com/nvidia.com/gpu for details")]
    [InlineData("            cpu: 2")]
    [InlineData("#SBATCH --nodes=4")]
    public void Prose_and_cpu_lines_do_not_match(string line) => Assert.Null(TextLineMatcher.Match(List, line, wholeLine: true));

    [Fact]
    public void Whole_line_patterns_do_not_run_when_the_caller_says_the_line_is_too_long() =>
        Assert.Null(TextLineMatcher.Match(List, "#SBATCH -G 8", wholeLine: false));
}
