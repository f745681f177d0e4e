using System.Text.RegularExpressions;
using ExportLint.ControlLists.Loading;

namespace ExportLint.ControlLists.Tests;

/// <summary>
/// The rules every surface shares live once, in the core (issue 10, "Structure"): the spellings of the enums, the
/// message template, the <c>none</c>-severity rule, the problem-severity mapping and the day (UTC). The last test holds
/// the analyzers, the task and the CLI to them: none writes its own copy.
/// </summary>
public class SharedRulesTests
{
    private static readonly DateTime On2026 = new(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Every_enum_value_has_a_name_that_the_parser_reads_back_as_that_value()
    {
        AssertRoundTrip(Enum.GetValues<Category>(), ControlListNames.Of, ControlListNames.Categories);
        AssertRoundTrip(Enum.GetValues<Severity>(), ControlListNames.Of, ControlListNames.Severities);
        AssertRoundTrip(Enum.GetValues<SourceStatus>(), ControlListNames.Of, ControlListNames.Statuses);
        AssertRoundTrip(Enum.GetValues<EntryAction>(), ControlListNames.Of, ControlListNames.Actions);
    }

    // Before: an unknown category was "restricted-api", an unknown severity "error", an unknown status "rescinded".
    [Fact]
    public void A_value_outside_an_enum_has_no_name_and_says_so()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlListNames.Of((Category)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlListNames.Of((Severity)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlListNames.Of((SourceStatus)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlListNames.Of((EntryAction)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlListNames.SeverityOf((ProblemSeverity)99));
    }

    [Fact]
    public void A_problem_is_reported_with_its_own_severity_on_every_surface()
    {
        Assert.Equal(Severity.Error, ControlListNames.SeverityOf(ProblemSeverity.Error));
        Assert.Equal(Severity.Warning, ControlListNames.SeverityOf(ProblemSeverity.Warning));
        foreach (var severity in Enum.GetValues<ProblemSeverity>())
        {
            var problem = new ControlListProblem(ProblemKind.Schema, severity, "a.controllist.yaml", new TextPosition(3, 1), "typo");
            Assert.Equal(ControlListNames.SeverityOf(severity), problem.ReportedSeverity);
            Assert.Equal(severity == ProblemSeverity.Error, problem.IsError);
            Assert.Equal($"a.controllist.yaml(3,1): {ControlListNames.Of(problem.ReportedSeverity)} EXL1002: typo", problem.ToString());
        }
    }

    [Fact]
    public void The_message_of_a_finding_is_the_entry_s_message_what_was_found_its_id_and_citation()
    {
        var list = ControlListLoader.LoadText("""
            controllist: acme
            sources:
              - id: ai-diffusion
                regulation: Export Administration Regulations
                status: non-enforced
                statusDate: 2025-05-13
            entries:
              - id: ACME-LLAMA
                category: model-weights
                severity: warning
                classification: ECCN 4E091
                source: ai-diffusion
                message: Loads model weights
                match:
                  apis: [LLama.LLamaWeights.LoadFromFile]
              - id: ACME-QUIET
                category: model-weights
                severity: none
                message: Quiet
                match:
                  apis: [LLama.LLamaWeights.LoadFromFileAsync]
            """, "acme.controllist.yaml", new ControlListLoadOptions { AsOf = On2026 });
        Assert.Empty(list.Problems);

        var entry = list.Entries.Single(e => e.Id == "ACME-LLAMA");
        Assert.Equal(
            "Loads model weights (LLama.LLamaWeights.LoadFromFile) — entry ACME-LLAMA, ECCN 4E091 (non-enforced since 2025-05-13)",
            FindingMessage.Format(entry, "LLama.LLamaWeights.LoadFromFile"));
        Assert.True(entry.Reports);
        Assert.False(list.Entries.Single(e => e.Id == "ACME-QUIET").Reports);
    }

    [Theory]
    [InlineData("2031-12-31", true)]
    [InlineData(" 2031-12-31 ", true)]
    [InlineData("31/12/2031", false)]
    [InlineData("2031-12-31T00:00:00Z", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_day_is_read_as_yyyy_MM_dd_only(string? text, bool valid)
    {
        Assert.Equal(valid, ExportLintClock.TryParse(text, out var day));
        if (valid)
        {
            Assert.Equal(new DateTime(2031, 12, 31), day);
            Assert.Equal(TimeSpan.Zero, day.TimeOfDay);
            Assert.Equal("2031-12-31", ExportLintClock.Format(day));
            Assert.Equal(day, ExportLintClock.DayOr(text));
        }
        else
        {
            Assert.Equal(ExportLintClock.Today, ExportLintClock.DayOr(text));
        }
    }

    // Before: "{date:yyyy-MM-dd}" formats in the current culture, so under a culture with another calendar (th-TH,
    // the Thai Buddhist year) the citation said "non-enforced since 2568-05-13": another message on another machine.
    [Fact]
    public void A_day_is_written_the_same_way_under_every_culture()
    {
        var list = ControlListLoader.LoadText("""
            controllist: acme
            sources:
              - id: ai-diffusion
                regulation: Export Administration Regulations
                status: non-enforced
                statusDate: 2025-05-13
            entries:
              - id: ACME-LLAMA
                category: model-weights
                severity: warning
                classification: ECCN 4E091
                source: ai-diffusion
                message: Loads model weights
                match:
                  apis: [LLama.LLamaWeights.LoadFromFile]
            """, "acme.controllist.yaml", new ControlListLoadOptions { AsOf = On2026 });
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("th-TH");
            Assert.Equal("ECCN 4E091 (non-enforced since 2025-05-13)", list.Entries.Single().Citation);
            Assert.Equal("2025-05-13", ExportLintClock.Format(new DateTime(2025, 5, 13)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Today_is_the_UTC_date()
    {
        var before = DateTime.UtcNow.Date;
        var today = ExportLintClock.Today;
        var after = DateTime.UtcNow.Date;
        Assert.True(today == before || today == after, $"{today:o} is not the UTC date ({before:o})");
        Assert.Equal(TimeSpan.Zero, today.TimeOfDay);
    }

    /// <summary>
    /// The analyzers, the build task and the CLI use the core's rules; none keeps its own copy of the message
    /// template, the <c>none</c> rule, the problem-severity mapping or the day. Before: each formatted the message and
    /// tested <c>Severity.None</c> itself, the targets took the local date and the task, the analyzers and the CLI
    /// each parsed <c>yyyy-MM-dd</c>.
    /// </summary>
    [Fact]
    public void No_surface_writes_its_own_copy_of_the_shared_rules()
    {
        var src = Path.Combine(RepositoryRoot, "src");
        var core = Path.Combine(src, "ExportLint.ControlLists") + Path.DirectorySeparatorChar;
        var forbidden = new (string What, Regex Pattern, bool InCoreToo)[]
        {
            ("the message template (use FindingMessage.Format)", new Regex(@"\) — entry \{", RegexOptions.CultureInvariant), false),
            ("the none-severity rule (use Entry.Reports)", new Regex(@"Severity\s*[!=]=\s*Severity\.None", RegexOptions.CultureInvariant), false),
            ("the problem-severity mapping (use ControlListProblem.ReportedSeverity)", new Regex(@"ProblemSeverity\.Error\s*\?", RegexOptions.CultureInvariant), false),
            ("the day (use ExportLintClock)", new Regex(@"DateTime\.UtcNow\.Date|DateTime\.Today|DateTime\]::Today|DateTime\.Now\b|TryParseExact\([^)]*(DateFormat|yyyy-MM-dd)", RegexOptions.CultureInvariant), false),
            ("a day in the current culture's calendar (use ExportLintClock.Format)", new Regex(@":yyyy-MM-dd\}", RegexOptions.CultureInvariant), true),
        };

        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || !(file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".targets", StringComparison.Ordinal) || file.EndsWith(".props", StringComparison.Ordinal)))
            {
                continue;
            }

            var inCore = file.StartsWith(core, StringComparison.Ordinal);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (what, pattern, inCoreToo) in forbidden)
                {
                    if ((inCoreToo || !inCore) && pattern.IsMatch(lines[i]))
                    {
                        offences.Add($"{Path.GetRelativePath(RepositoryRoot, file)}:{i + 1}: {what}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    private static void AssertRoundTrip<T>(T[] values, Func<T, string> name, IReadOnlyDictionary<string, T> parsed)
        where T : struct, Enum
    {
        Assert.Equal(values.Length, parsed.Count);
        Assert.Equal(values.Length, values.Select(name).Distinct(StringComparer.Ordinal).Count());
        foreach (var value in values)
        {
            Assert.True(parsed.TryGetValue(name(value), out var back), $"{typeof(T).Name}.{value} is named '{name(value)}', which the parser does not read");
            Assert.Equal(value, back);
        }
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("the repository root was not found above " + AppContext.BaseDirectory);
        }
    }
}
