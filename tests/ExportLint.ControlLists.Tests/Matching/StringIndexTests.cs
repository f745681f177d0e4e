using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

/// <summary>
/// The string index tries only the patterns whose required text a constant holds. A pattern it leaves out that would
/// have matched is a finding lost without a word, so the index is held to "every pattern that matches is a
/// candidate" on many texts, not only on examples; and the common case must not depend on the list's size.
/// </summary>
public class StringIndexTests
{
    private static readonly ControlListLoadOptions On2026 = new() { AsOf = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) };

    private static IEnumerable<string> Texts()
    {
        string[] seeds =
        [
            "sbatch -G 4 train.sh", "#SBATCH --gres=shard:2", "srun --gpus-per-node=8 python x.py", "p5.48xlarge", "ML.P4D.24XLARGE",
            "ml.g5.2xlarge", "Standard_NC24ads_A100_v4", "standard_nd96asr_v4", "nvidia.com/mig-1g.10gb", "huawei.com/Ascend910",
            "qsub -l select=1:ngpus=2 j.pbs", "request_gpus = 1", "@ray.remote(num_gpus=0.5)", "docker run --gpus all img",
            "nvidia/cuda:12.4.1-base", "gpu.intel.com/xe", "aws.amazon.com/neuroncore", "AL2023_x86_64_NVIDIA", "a3-highgpu-8g",
            "nvidia-h100-80gb", "g2-standard-8", "v5litepod-8", "cuda:1", "CUDAExecutionProvider", "tres_per_node gres/gpu:4",
            "bsub -n 4 -gpu \"num=2\" ./t", "", "x", "ab", "cpu", "Loaded the cuda backend", "STANDARD_NV36ADS_A10_V5",
        ];
        var random = new Random(11);
        foreach (var seed in seeds)
        {
            yield return seed;
            yield return seed.ToUpperInvariant();
            yield return seed.ToLowerInvariant();
            yield return "prefix " + seed + " suffix";
            // Characters a case-insensitive regex folds to ASCII letters (KELVIN SIGN, LONG S, dotted/dotless I).
            yield return seed.Replace('k', '\u212A').Replace('s', '\u017F').Replace('i', '\u0131');
            var chars = seed.ToCharArray();
            for (var n = 0; n < 4 && chars.Length > 0; n++)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
            }

            yield return new string(chars);
        }

        for (var n = 0; n < 2000; n++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(10) == 0 ? (char)random.Next(0x80, 0x2200) : (char)random.Next(32, 127);
            }

            yield return new string(chars);
        }
    }

    [Fact]
    public void Every_pattern_that_matches_a_text_is_among_its_candidates_in_list_order()
    {
        var list = ControlListLoader.LoadDefault(On2026);
        var index = new StringIndex(list);
        Assert.NotEmpty(index.Scanned);
        var missed = new List<string>();
        foreach (var text in Texts())
        {
            var candidates = index.Candidates(text) ?? [];
            Assert.Equal(candidates.OrderBy(i => i).Distinct(), candidates);
            for (var i = 0; i < index.Scanned.Count; i++)
            {
                if (index.Scanned[i].Pattern.IsMatch(text, out _) && !candidates.Contains(i))
                {
                    missed.Add($"'{text}' matches {index.Scanned[i].Entry.Id} {index.Scanned[i].Pattern.Value}, which the index left out");
                }
            }
        }

        Assert.True(missed.Count == 0, string.Join("\n", missed.Take(20)));
    }

    [Fact]
    public void A_constant_no_pattern_is_about_has_no_candidates_and_allocates_nothing()
    {
        var index = new StringIndex(ControlListLoader.LoadDefault(On2026));

        Assert.Null(index.Candidates("Hello, world: the quick brown fox jumps over the lazy dog"));
        Assert.Null(index.Candidates("appsettings.Development.json"));
    }

    [Fact]
    public void Patterns_without_usable_required_text_are_tried_on_every_constant()
    {
        var list = ControlListLoader.Load(
            [new ControlListDocument("weak.controllist.yaml", """
                controllist: weak
                entries:
                  - id: WEAK
                    category: restricted-api
                    severity: info
                    message: m
                    match:
                      strings:
                        - regex: '^[0-9]+$'
                        - prefix: "ab"
                        - regex: 'gpu[0-9]'
                """)],
            new InMemoryControlListResolver([]),
            new ControlListLoadOptions { UseDefaultList = false });
        var index = new StringIndex(list);

        Assert.Equal([0, 1], index.Candidates("anything"));
        Assert.Equal([0, 1, 2], index.Candidates("a GPU7 here"));
        Assert.Equal("WEAK", list.MatchString("12345", StringContext.Any, null)?.Entry.Id);
        Assert.Equal("WEAK", list.MatchString("abc", StringContext.Any, null)?.Entry.Id);
        Assert.Equal("WEAK", list.MatchString("x gpu4", StringContext.Any, null)?.Entry.Id);
        Assert.Null(list.MatchString("x GPU4", StringContext.Any, null));
    }
}
