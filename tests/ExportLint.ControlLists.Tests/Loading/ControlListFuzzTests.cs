using System.Diagnostics;
using System.Text;
using ExportLint.ControlLists.Loading;

namespace ExportLint.ControlLists.Tests.Loading;

/// <summary>
/// Mutates valid control lists at random (seeded, a fixed number of rounds, so a run is deterministic) and checks the
/// loader never throws, places every problem inside the text it was given, and gives the same answer twice.
/// </summary>
public class ControlListFuzzTests
{
    private const string SelfContained = """
        controllist: fuzz-policy
        version: 1.2.0
        title: Fuzz policy
        sources:
          - id: SRC-1
            title: A rule
            status: non-enforced
            effective: 2025-01-15
            url: https://example.com/rule
        entries:
          - id: FUZZ-API
            category: model-weights
            severity: warning
            source: SRC-1
            classification: ECCN 4E091
            message: Loads weights
            match:
              apis:
                - "LLama.LLamaWeights.LoadFromFile(*)"
                - "TorchSharp.torch.load"
          - id: FUZZ-PKG
            category: restricted-package
            severity: error
            message: A package
            effective: 2024-01-01
            expires: 2030-01-01
            match:
              packages:
                - id: "TorchSharp-cuda-*"
                  versions: "[0.100, 1.0)"
          - id: FUZZ-STR
            category: cluster-orchestration
            severity: info
            message: Slurm
            match:
              strings:
                - regex: '(sbatch|srun)\s+.*--gres=gpu'
                - prefix: "Standard_ND"
          - id: FUZZ-FILE
            category: model-file
            severity: warning
            message: Big weights
            match:
              files:
                - kind: gguf
                  parameters: ">= 1e10"
                - path: "**/*.safetensors"
        """;

    public static TheoryData<string> Lists() => ["self-contained", "acme-overlay"];

    private static string Text(string name) => name == "self-contained"
        ? SelfContained
        : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "samples", "acme-policy.controllist.yaml"));

    private static readonly char[] Significant = [':', '-', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n', '\t', ' ', '?', ',', '\\', '\0', '\u00e9'];

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var steps = random.Next(1, 4);
        for (var i = 0; i < steps && builder.Length > 0; i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(6))
            {
                case 0:
                    builder[at] = Significant[random.Next(Significant.Length)];
                    break;
                case 1:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                case 2:
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 40)));
                    break;
                case 3:
                    var from = random.Next(builder.Length);
                    builder.Insert(at, builder.ToString(from, Math.Min(20, builder.Length - from)));
                    break;
                case 4:
                    builder.Length = at;
                    break;
                default:
                    builder.Insert(at, Significant[random.Next(Significant.Length)]);
                    break;
            }
        }

        return builder.ToString();
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void Random_mutations_never_throw_and_every_problem_is_placed_in_the_text(string name)
    {
        var text = Text(name);
        var random = new Random(name.Length * 104729);
        var options = new ControlListLoadOptions { AsOf = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc) };
        var clock = Stopwatch.StartNew();
        var withProblems = 0;
        for (var round = 0; round < 3000; round++)
        {
            var mutated = Mutate(text, random);
            var list = ControlListLoader.LoadText(mutated, "fuzz.controllist.yaml", options);
            var lines = mutated.Split('\n').Length;
            foreach (var problem in list.Problems)
            {
                Assert.False(string.IsNullOrWhiteSpace(problem.Message));
                Assert.Matches("^EXL100[1-7]$", problem.DiagnosticId);
                if (problem.Path == "fuzz.controllist.yaml")
                {
                    Assert.InRange(problem.Position.Line, 0, lines + 1);
                    Assert.InRange(problem.Position.Column, 0, mutated.Length + 1);
                }
            }

            if (list.Problems.Length > 0)
            {
                withProblems++;
            }

            if (round % 10 == 0)
            {
                var again = ControlListLoader.LoadText(mutated, "fuzz.controllist.yaml", options);
                Assert.Equal(list.Problems.Select(p => p.ToString()), again.Problems.Select(p => p.ToString()));
                Assert.Equal(list.Entries.Select(e => e.Id), again.Entries.Select(e => e.Id));
            }
        }

        Assert.True(withProblems > 0, "no mutation was ever reported");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }
}
