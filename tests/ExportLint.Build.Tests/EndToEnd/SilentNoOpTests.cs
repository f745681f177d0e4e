using System.Text.Json;

namespace ExportLint.Build.Tests.EndToEnd;

/// <summary>
/// Issue 10 through a real <c>dotnet build</c> of a consumer: a model file a NuGet package brings (item 3), and the
/// settings MSBuild itself turns into nothing before the task runs (item 10) — a bare wildcard in an
/// <c>ExportLintSuppress</c>, and an <c>ExportLintControlList</c> glob that matches no file.
/// </summary>
[Collection(EndToEndTests.Name)]
public sealed class SilentNoOpTests
{
    private readonly PackedExportLint _packed;

    public SilentNoOpTests(PackedExportLint packed) => _packed = packed;

    private string ModelsReference => $"""<PackageReference Include="{PackedExportLint.ModelsFixtureId}" Version="{_packed.ModelsFixtureVersion}" />""";

    [Fact]
    public void A_model_file_a_package_brings_is_reported_at_its_PackageReference_with_the_package_and_its_path()
    {
        var consumer = Consumer.Create(_packed, "PackageModel", ModelsReference);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        run.NoCrash();
        // The scenario of the issue: the package's model is copied to the output, and nothing said so.
        Assert.True(File.Exists(Path.Combine(consumer.Directory, "bin", "Debug", "net10.0", "models", "weights.gguf")), run.Output);
        var finding = run.One("EXL0102", PackedExportLint.ModelsFixtureFile);
        Assert.Equal(("warning", consumer.ProjectPath, Consumer.LineOf(consumer.ProjectPath, PackedExportLint.ModelsFixtureId)), (finding.Level, finding.File, finding.Line));
        Assert.Equal($"Model weight file ({PackedExportLint.ModelsFixtureId} {_packed.ModelsFixtureVersion} ships {PackedExportLint.ModelsFixtureFile}: gguf, 1 tensors, 8 parameters; path: PackageModel -> {PackedExportLint.ModelsFixtureId} {_packed.ModelsFixtureVersion}; net10.0) — entry EXL-F-WEIGHTS, ECCN 4E091 (non-enforced since 2025-05-13)", finding.Message);
        Assert.DoesNotContain(run.Diagnostics, d => d.Message.Contains("README.md", StringComparison.Ordinal));

        using var report = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath));
        var evidence = report.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "EXL0102").GetProperty("evidence");
        Assert.Equal(PackedExportLint.ModelsFixtureId, evidence.GetProperty("package").GetProperty("id").GetString());
        Assert.Equal(PackedExportLint.ModelsFixtureFile, evidence.GetProperty("package").GetProperty("file").GetString());
        Assert.Equal(8, evidence.GetProperty("modelFile").GetProperty("parameterCount").GetInt64());
        Assert.Equal("PackageFile", evidence.GetProperty("modelFile").GetProperty("itemType").GetString());
    }

    [Fact]
    public void A_bare_wildcard_suppression_that_MSBuild_expands_to_nothing_is_reported_with_the_escaped_form()
    {
        var consumer = Consumer.Create(_packed, "EatenWildcard", ModelsReference + """
            <ExportLintSuppress Include="EXL-F-*" Justification="Reviewed by export counsel, EXP-3" />
            """);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var warning = run.One("EXL0108", "Include=\"EXL-F-*\"");
        Assert.Equal(("warning", consumer.ProjectPath, Consumer.LineOf(consumer.ProjectPath, "<ExportLintSuppress")), (warning.Level, warning.File, warning.Line));
        Assert.Equal("ExportLintSuppress Include=\"EXL-F-*\" suppresses nothing: MSBuild expands '*' and '?' in an Include as a file wildcard, no file matched it, so the item does not exist. To suppress by a pattern, escape the wildcard: Include=\"EXL-F-%2A\" (%2A is '*', %3F is '?')", warning.Message);
        // The finding it meant to suppress is still there.
        run.One("EXL0102", PackedExportLint.ModelsFixtureFile);
    }

    [Fact]
    public void An_escaped_wildcard_suppression_reaches_the_task_and_suppresses()
    {
        var consumer = Consumer.Create(_packed, "EscapedWildcard", ModelsReference + """
            <ExportLintSuppress Include="EXL-F-%2A" Justification="Reviewed by export counsel, EXP-3" />
            """);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code is "EXL0102" or "EXL0108");
        Assert.Contains("ExportLint: 0 findings (0 errors, 0 warnings), 1 suppressed, 0 expired suppressions in EscapedWildcard", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_list_glob_that_matches_no_file_fails_the_build_instead_of_using_the_default_list()
    {
        var consumer = Consumer.Create(_packed, "MissingList", ModelsReference);

        var run = consumer.Build("-p:ExportLintControlList=/nonexistent/*.controllist.yaml");

        Assert.False(run.Succeeded, run.Output);
        run.NoCrash();
        var error = run.One("EXL1005", "/nonexistent/*.controllist.yaml");
        Assert.Equal(("error", consumer.ProjectPath), (error.Level, error.File));
        Assert.Equal("ExportLintControlList names '/nonexistent/*.controllist.yaml', which matches no file, so no control list was loaded from it; the default list is not used in its place (ExportLintControlList)", error.Message);
        // The default list would have reported the package's model file.
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0102");
    }

    // The check is incremental: its settings file is an input. Before, it held the local date but not
    // ExportLintToday, so a build on another ExportLintToday skipped the check and replayed the last day's result (here
    // the suppression stayed in force although it had expired on the new day).
    [Fact]
    public void Another_ExportLintToday_runs_the_check_again_instead_of_replaying_the_last_day()
    {
        var consumer = Consumer.Create(_packed, "TodayChanges", ModelsReference + """
            <ExportLintSuppress Include="EXL-F-WEIGHTS" Justification="Reviewed by export counsel, EXP-3" Until="2025-01-01" />
            """);

        var first = consumer.Build("-p:ExportLintToday=2024-06-01");
        Assert.True(first.Succeeded, first.Output);
        Assert.Contains("1 suppressed, 0 expired suppressions in TodayChanges", first.Output, StringComparison.Ordinal);

        var second = consumer.Build("--no-restore", "-p:ExportLintToday=2026-06-01");

        Assert.True(second.Succeeded, second.Output);
        Assert.Contains("0 suppressed, 1 expired suppression in TodayChanges", second.Output, StringComparison.Ordinal);
        second.One("EXL0102", PackedExportLint.ModelsFixtureFile);
    }

    [Fact]
    public void An_ExportLintToday_in_another_format_is_reported_with_the_accepted_one()
    {
        var consumer = Consumer.Create(_packed, "BadToday", string.Empty);

        var run = consumer.Build("-p:ExportLintToday=31/12/2031");

        Assert.True(run.Succeeded, run.Output);
        var warning = run.One("EXL0108", "ExportLintToday");
        Assert.Equal(("warning", consumer.ProjectPath), (warning.Level, warning.File));
        Assert.StartsWith("ExportLintToday is '31/12/2031', which is not a date in the form yyyy-mm-dd (e.g. 2031-12-31), so it has no effect: lists and suppressions are judged on today (UTC), ", warning.Message, StringComparison.Ordinal);
    }
}
