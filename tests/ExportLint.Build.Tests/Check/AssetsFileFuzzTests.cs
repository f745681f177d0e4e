using System.Diagnostics;
using System.Text;
using ExportLint.Benchmarks;
using ExportLint.Build;

namespace ExportLint.Build.Tests.Check;

/// <summary>
/// Mutates a valid assets file at random (seeded, a fixed number of rounds, so a run is deterministic) and runs the
/// task on each: it never crashes (no EXL0106, no exception), and whatever it cannot read is EXL0105 at the assets
/// file, never an empty result in silence.
/// </summary>
public sealed class AssetsFileFuzzTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-assets-fuzz-").FullName;

    public AssetsFileFuzzTests() =>
        File.WriteAllText(ProjectPath, "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"ILGPU\" Version=\"1.0.7\" /></ItemGroup></Project>\n");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ProjectPath => Path.Combine(_folder, "App.csproj");

    private string AssetsPath => Path.Combine(_folder, "project.assets.json");

    private static readonly string[] Replacements = ["null", "{}", "[]", "\"\"", "0", "-1", "\"1.0.x\"", "\"../../x\"", "\"ILGPU\"", "true", "\"net8.0\"", "\"package\"", "\"project\"", ",", ":", "{", "}", "[", "]", "\""];

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var steps = random.Next(1, 4);
        for (var i = 0; i < steps && builder.Length > 0; i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                case 1:
                    // A value or token replaced by one restore would never write there.
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 12)));
                    builder.Insert(at, Replacements[random.Next(Replacements.Length)]);
                    break;
                case 2:
                    builder.Remove(at, Math.Min(builder.Length - at, random.Next(1, 200)));
                    break;
                case 3:
                    builder.Length = at;
                    break;
                default:
                    var from = random.Next(builder.Length);
                    builder.Insert(at, builder.ToString(from, Math.Min(80, builder.Length - from)));
                    break;
            }
        }

        return builder.ToString();
    }

    [Fact]
    public void Random_mutations_never_crash_the_task_and_what_cannot_be_read_is_EXL0105_at_the_file()
    {
        var valid = SyntheticAssets.Create(12, filesPerPackage: 6, directCount: 4);
        var random = new Random(20261128);
        var clock = Stopwatch.StartNew();
        var unreadable = 0;
        var read = 0;
        for (var round = 0; round < 1000; round++)
        {
            File.WriteAllText(AssetsPath, Mutate(valid, random));
            var engine = new TaskEngine();
            var task = new ExportLintCheck { BuildEngine = engine, ProjectPath = ProjectPath, ProjectName = "App", AssetsFile = AssetsPath, Today = "2026-11-28" };

            task.Execute();

            Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0106");
            var problems = engine.Logged.Where(e => e.Code == "EXL0105").ToList();
            Assert.All(problems, p => Assert.Equal(("error", AssetsPath), (p.Level, p.File)));
            if (problems.Count > 0)
            {
                unreadable++;
            }
            else
            {
                // Read: the summary line says what the check made of it.
                Assert.Contains(engine.Logged, e => e.Message.StartsWith("ExportLint: ", StringComparison.Ordinal));
                read++;
            }
        }

        Assert.True(unreadable > 0 && read > 0, $"unreadable {unreadable}, read {read}: the mutations do not reach both sides");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }
}
