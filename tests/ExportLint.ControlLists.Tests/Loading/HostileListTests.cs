using System.Diagnostics;
using System.Text;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Loading;

/// <summary>Lists written to hurt: each is answered with a clear error, in bounded time and memory.</summary>
public class HostileListTests
{
    private static ResolvedControlList Load(string yaml) => ControlListLoader.LoadText(yaml, "hostile.controllist.yaml");

    [Fact]
    public void A_ten_megabyte_list_is_refused_before_parsing()
    {
        var builder = new StringBuilder("controllist: big\nentries:\n");
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append("  - id: E").Append(builder.Length).Append("\n    category: gpu-compute\n    severity: info\n    message: m\n    match: { native: [cudart] }\n");
        }

        var text = builder.ToString();
        Load("controllist: warm-up\n"); // first use builds static state; measure only the refusal
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var list = Load(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var problem = Assert.Single(list.Problems);
        Assert.Equal("EXL1007", problem.DiagnosticId);
        Assert.StartsWith("the list is 10.0 MiB; a control list may be at most 4 MiB", problem.Message);
        Assert.True(allocated < 1024 * 1024, $"refusing the list allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_level_that_goes_too_deep()
    {
        var depth = 10_000;
        var yaml = "controllist: deep\nentries: " + new string('[', depth) + new string(']', depth) + "\n";
        var list = Load(yaml);

        var problem = Assert.Single(list.Problems);
        Assert.Equal(ProblemKind.LimitExceeded, problem.Kind);
        Assert.Equal("the list nests deeper than 32 levels", problem.Message);
        Assert.Equal(2, problem.Position.Line);
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_its_first_anchor()
    {
        var yaml = """
            controllist: bomb
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;
        var watch = Stopwatch.StartNew();
        var list = Load(yaml);
        watch.Stop();

        var problem = Assert.Single(list.Problems);
        Assert.Equal("EXL1001", problem.DiagnosticId);
        Assert.Equal(new TextPosition(2, 4), problem.Position);
        Assert.StartsWith("YAML anchors ('&a') are not allowed", problem.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_catastrophic_regex_stops_at_its_timeout_and_matches_nothing()
    {
        var list = Load("""
            controllist: redos
            entries:
              - id: R
                category: cluster-orchestration
                severity: info
                message: m
                match:
                  strings:
                    - regex: "^(a+)+$"
            """);
        Assert.Empty(list.Problems);
        var pattern = list.Entries[0].Match.Strings[0];

        var watch = Stopwatch.StartNew();
        var matched = pattern.IsMatch(new string('a', 40) + "!", out var timedOut);
        watch.Stop();

        Assert.False(matched);
        Assert.True(timedOut);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Null(list.MatchString(new string('a', 40) + "!", StringContext.Any, null));
    }

    [Fact]
    public void A_very_long_scalar_is_refused()
    {
        var list = Load("controllist: long\ntitle: " + new string('x', 20_000) + "\n");

        var problem = Assert.Single(list.Problems);
        Assert.Equal(ProblemKind.LimitExceeded, problem.Kind);
        Assert.Equal(new TextPosition(2, 8), problem.Position);
    }

    [Fact]
    public void Too_many_nodes_are_refused()
    {
        var builder = new StringBuilder("controllist: many\ntags: [");
        for (var i = 0; i < 250_000; i++)
        {
            builder.Append("a,");
        }

        builder.Append("a]\n");
        var list = Load(builder.ToString());

        var problem = Assert.Single(list.Problems);
        Assert.Equal("the list holds more than 200,000 YAML nodes", problem.Message);
    }

    [Fact]
    public void A_glob_with_many_double_stars_is_refused()
    {
        var list = Load("""
            controllist: globs
            entries:
              - id: G
                category: model-file
                severity: info
                message: m
                match:
                  files:
                    - glob: "**/**/**/**/**/*.gguf"
            """);

        var problem = Assert.Single(list.Problems);
        Assert.Equal(ProblemKind.InvalidPattern, problem.Kind);
        Assert.Equal(new TextPosition(9, 17), problem.Position);
    }

    [Fact]
    public void An_extends_chain_deeper_than_the_limit_is_refused()
    {
        var documents = Enumerable.Range(0, 40)
            .Select(i => new ControlListDocument($"/l/{i}.controllist.yaml", $"controllist: l{i}\nextends: [./{i + 1}.controllist.yaml]\n"))
            .Append(new ControlListDocument("/l/40.controllist.yaml", "controllist: l40\n"))
            .ToList();
        var list = ControlListLoader.Load([documents[0]], new InMemoryControlListResolver(documents));

        var problem = Assert.Single(list.Problems);
        Assert.Equal(ProblemKind.LimitExceeded, problem.Kind);
        Assert.Contains("more than 16 lists deep", problem.Message);
    }
}
