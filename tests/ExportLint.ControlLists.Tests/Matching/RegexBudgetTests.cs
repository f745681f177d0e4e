using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

/// <summary>Issue 10, item 7: a regex that times out is recorded, turned off within a scan, and knows its line.</summary>
public class RegexBudgetTests
{
    private const string Slow = """
        controllist: slow
        entries:
          - id: SLOW
            category: cluster-orchestration
            severity: warning
            message: Slow
            match:
              strings:
                - exact: nvidia.com/gpu
                - regex: '^(\w+\s?)*$'
        """;

    private static readonly string Catastrophic = new string('a', 40) + "!";

    [Fact]
    public void A_string_pattern_keeps_the_position_of_its_value_in_the_list()
    {
        var list = ControlListLoader.LoadText(Slow, "/repo/slow.controllist.yaml", new ControlListLoadOptions { UseDefaultList = false });

        var patterns = list.Entries.Single().Match.Strings;
        Assert.Equal(new SourceLocation("/repo/slow.controllist.yaml", new TextPosition(9, 18)), patterns[0].Location);
        Assert.Equal(new SourceLocation("/repo/slow.controllist.yaml", new TextPosition(10, 18)), patterns[1].Location);
    }

    [Fact]
    public void A_pattern_is_turned_off_after_two_timeouts_and_the_rest_is_counted_as_not_checked()
    {
        var list = ControlListLoader.LoadText(Slow, "/repo/slow.controllist.yaml", new ControlListLoadOptions { UseDefaultList = false });
        var budget = new RegexBudget();

        for (var i = 0; i < 10; i++)
        {
            Assert.Null(list.MatchString(Catastrophic + i, StringContext.Any, null, budget, site: i));
        }

        var record = Assert.Single(budget.TimedOut);
        Assert.Equal("SLOW", record.Entry.Id);
        Assert.Equal(RegexBudget.TimeoutsPerPattern, record.Timeouts);
        Assert.True(record.IsOff);
        Assert.Equal(10 - RegexBudget.TimeoutsPerPattern, record.Skipped);
        Assert.Equal(Catastrophic + "0", record.FirstValue);
        Assert.Equal(0, record.FirstSite);

        // Exact patterns still match; a new scan starts with the pattern on again.
        Assert.Equal("SLOW", list.MatchString("nvidia.com/gpu", StringContext.Any, null, budget, site: null)?.Entry.Id);
        Assert.True(new RegexBudget().TimedOut.IsEmpty);
    }

    [Fact]
    public void Slow_runs_that_never_time_out_are_budgeted_too()
    {
        // Every run counts as slow here, and any time at all is over the pattern's budget: the first run turns it off.
        var list = ControlListLoader.LoadText(Slow, "/repo/slow.controllist.yaml", new ControlListLoadOptions { UseDefaultList = false });
        var budget = new RegexBudget(TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromHours(1));

        Assert.Null(list.MatchString("word!", StringContext.Any, null, budget, site: "first"));
        Assert.Null(list.MatchString("word!", StringContext.Any, null, budget, site: "second"));

        var record = Assert.Single(budget.TimedOut);
        Assert.Equal((0, 1, 1, true), (record.Timeouts, record.SlowRuns, record.Skipped, record.IsOff));
        Assert.Equal("first", record.FirstSite);
        Assert.True(record.Time > TimeSpan.Zero);
    }

    [Fact]
    public void A_fast_regex_costs_the_budget_nothing_and_is_not_reported()
    {
        var list = ControlListLoader.LoadText(Slow, "/repo/slow.controllist.yaml", new ControlListLoadOptions { UseDefaultList = false });
        var budget = new RegexBudget();

        for (var i = 0; i < 100; i++)
        {
            list.MatchString("word" + i + "!", StringContext.Any, null, budget, site: null);
        }

        Assert.True(budget.TimedOut.IsEmpty);
    }

    [Fact]
    public void Without_a_budget_a_timeout_still_counts_as_no_match()
    {
        var list = ControlListLoader.LoadText(Slow, "/repo/slow.controllist.yaml", new ControlListLoadOptions { UseDefaultList = false });

        Assert.Null(list.MatchString(Catastrophic, StringContext.Any, null));
    }
}
