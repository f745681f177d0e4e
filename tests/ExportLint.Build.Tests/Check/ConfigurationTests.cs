using System.Globalization;
using ExportLint.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Newtonsoft.Json.Linq;

namespace ExportLint.Build.Tests.Check;

/// <summary>
/// Settings that used to do nothing in silence (issue 10, item 10, and the structure part): each gives one clear
/// diagnostic at the place to change, run in process against the task.
/// </summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ProjectPath => Path.Combine(_folder, "App.csproj");

    private string ReportPath => Path.Combine(_folder, "obj", "App.exportlint.json");

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes the project file with these lines in an ItemGroup; returns the 1-based line of each.</summary>
    private int[] Project(params string[] items)
    {
        File.WriteAllLines(ProjectPath, ["<Project Sdk=\"Microsoft.NET.Sdk\">", "  <ItemGroup>", .. items.Select(i => "    " + i), "  </ItemGroup>", "</Project>"]);
        return Enumerable.Range(3, items.Length).ToArray();
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A GGUF v3 header with no tensors and no metadata (EXL-F-WEIGHTS matches it, no threshold does).</summary>
    private string Gguf(string relative)
    {
        var bytes = new byte[24];
        "GGUF"u8.CopyTo(bytes);
        BitConverter.GetBytes(3u).CopyTo(bytes, 4);
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static TaskItem Item(string spec, params (string Name, string Value)[] metadata) =>
        new TaskItem(spec, metadata.ToDictionary(m => m.Name, m => m.Value));

    private static TaskItem Suppress(string target) => Item(target, ("Justification", "Reviewed, EXP-1"));

    private (bool Result, TaskEngine Engine) Run(Action<ExportLintCheck> configure)
    {
        if (!File.Exists(ProjectPath))
        {
            Project();
        }

        var engine = new TaskEngine();
        var task = new ExportLintCheck { BuildEngine = engine, ProjectPath = ProjectPath, ProjectName = "App", ReportPath = ReportPath, Today = "2026-11-28" };
        configure(task);
        return (task.Execute(), engine);
    }

    private ITaskItem[] ModelItems(params string[] paths) =>
        paths.Select(p => Item(Path.Combine(_folder, p), ("ExportLintItemType", "None"))).ToArray();

    [Fact]
    public void A_bad_FailOn_is_EXL0108_with_the_accepted_values()
    {
        var (result, engine) = Run(t => t.FailOn = "sometimes");

        Assert.True(result);
        var warning = engine.One("EXL0108");
        Assert.Equal(("warning", ProjectPath, 0), (warning.Level, warning.File, warning.Line));
        Assert.Equal("ExportLintFailOn is 'sometimes', which is not a policy ExportLint knows: it may be never, error or warning. Using error.", warning.Message);
        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0106");
    }

    [Fact]
    public void An_ExportLintToday_not_in_the_accepted_format_is_EXL0108_and_today_is_used()
    {
        var (_, engine) = Run(t => t.Today = "31/12/2031");

        var warning = engine.One("EXL0108");
        Assert.Equal(("warning", ProjectPath), (warning.Level, warning.File));
        Assert.Equal($"ExportLintToday is '31/12/2031', which is not a date in the form yyyy-mm-dd (e.g. 2031-12-31), so it has no effect: lists and suppressions are judged on today (UTC), {Today}.", warning.Message);
        Assert.Equal(Today, (string?)JObject.Parse(File.ReadAllText(ReportPath))["asOf"]);
    }

    [Fact]
    public void A_suppression_that_names_no_entry_package_or_model_file_is_EXL0108_at_its_line()
    {
        var lines = Project("<ExportLintSuppress Include=\"EXL-P-GPU-COMPUTEE\" Justification=\"Reviewed, EXP-1\" />");

        // A restored project with no packages: the graph is known, and holds nothing of that name either.
        var assets = Write("obj/project.assets.json", """{ "version": 3, "targets": { "net10.0": {} }, "libraries": {}, "projectFileDependencyGroups": { "net10.0": [] } }""");

        var (result, engine) = Run(t =>
        {
            t.AssetsFile = assets;
            t.Suppressions = [Suppress("EXL-P-GPU-COMPUTEE")];
        });

        Assert.True(result);
        var warning = engine.One("EXL0108");
        Assert.Equal(("warning", ProjectPath, lines[0], 6), (warning.Level, warning.File, warning.Line, warning.Column));
        Assert.Equal("ExportLintSuppress 'EXL-P-GPU-COMPUTEE' names no entry of the control lists in use, no package of the resolved graph and no model-file item, so it suppresses nothing; check the spelling (an entry id such as EXL-P-GPU-COMPUTE, a package id, or a project-relative model path such as models/weights.gguf)", warning.Message);
    }

    [Fact]
    public void A_suppression_of_an_entry_that_found_nothing_here_is_not_reported()
    {
        var (_, engine) = Run(t => t.Suppressions = [Suppress("EXL-P-GPU-COMPUTE")]);

        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0108");
    }

    [Theory]
    [InlineData("./models/b.gguf")]
    [InlineData(".\\models\\b.gguf")]
    [InlineData("models\\b.gguf")]
    public void A_model_path_suppression_matches_with_a_leading_dot_slash_or_backslashes(string target)
    {
        Gguf("models/b.gguf");

        var (_, engine) = Run(t =>
        {
            t.ModelFileCandidates = ModelItems("models/b.gguf");
            t.Suppressions = [Suppress(target)];
        });

        Assert.DoesNotContain(engine.Logged, e => e.Code is "EXL0102" or "EXL0108");
        Assert.Contains(engine.Logged, e => e.Message.StartsWith("ExportLint: 0 findings (0 errors, 0 warnings), 1 suppressed,", StringComparison.Ordinal));
        var suppression = Assert.Single(JObject.Parse(File.ReadAllText(ReportPath))["suppressions"]!);
        Assert.Equal(1, (int)suppression["uses"]!);
    }

    [Fact]
    public void An_escaped_wildcard_suppression_matches_entry_ids_and_is_located_at_its_element()
    {
        Project("<ExportLintSuppress Include=\"EXL-F-%2A\" Justification=\"Reviewed, EXP-1\" Until=\"2020-01-01\" />");
        Gguf("models/b.gguf");

        // MSBuild unescapes %2A: the task receives 'EXL-F-*'. Expired, so it points at its element.
        var (_, expired) = Run(t =>
        {
            t.ModelFileCandidates = ModelItems("models/b.gguf");
            t.Suppressions = [Item("EXL-F-*", ("Justification", "Reviewed, EXP-1"), ("Until", "2020-01-01"))];
        });
        var warning = expired.One("EXL0103");
        Assert.Equal((ProjectPath, 3), (warning.File, warning.Line));

        var (_, engine) = Run(t =>
        {
            t.ModelFileCandidates = ModelItems("models/b.gguf");
            t.Suppressions = [Suppress("EXL-F-*")];
        });
        Assert.DoesNotContain(engine.Logged, e => e.Code is "EXL0102" or "EXL0108");
        Assert.Equal("EXL-F-*", (string?)JObject.Parse(File.ReadAllText(ReportPath))["findings"]![0]!["suppression"]!["target"]);
    }

    [Fact]
    public void A_bare_wildcard_suppression_MSBuild_expanded_to_nothing_is_EXL0108_with_the_escaped_form()
    {
        var lines = Project(
            "<ExportLintSuppress Include=\"EXL-F-*\" Justification=\"Reviewed, EXP-1\" />",
            "<ExportLintSuppress Include=\"models/*.gguf\" Justification=\"Reviewed, EXP-2\" />");
        Gguf("models/b.gguf");

        // The first glob matched no file, so MSBuild gave no item; the second matched models/b.gguf.
        var (_, engine) = Run(t =>
        {
            t.ModelFileCandidates = ModelItems("models/b.gguf");
            t.Suppressions = [Item(Path.Combine("models", "b.gguf"), ("Justification", "Reviewed, EXP-2"))];
        });

        var warning = engine.One("EXL0108");
        Assert.Equal(("warning", ProjectPath, lines[0], 6), (warning.Level, warning.File, warning.Line, warning.Column));
        Assert.Equal("ExportLintSuppress Include=\"EXL-F-*\" suppresses nothing: MSBuild expands '*' and '?' in an Include as a file wildcard, no file matched it, so the item does not exist. To suppress by a pattern, escape the wildcard: Include=\"EXL-F-%2A\" (%2A is '*', %3F is '?')", warning.Message);
    }

    [Fact]
    public void A_control_list_property_that_names_no_file_is_an_error_and_the_default_list_is_not_used()
    {
        Gguf("models/b.gguf");
        const string property = "/nonexistent/*.controllist.yaml";

        var (result, engine) = Run(t =>
        {
            t.ControlListProperty = property;
            t.ControlLists = [];
            t.ModelFileCandidates = ModelItems("models/b.gguf");
        });

        Assert.False(result);
        var error = engine.One("EXL1005");
        Assert.Equal(("error", ProjectPath), (error.Level, error.File));
        Assert.Equal("ExportLintControlList names '/nonexistent/*.controllist.yaml', which matches no file, so no control list was loaded from it; the default list is not used in its place (ExportLintControlList)", error.Message);
        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0102");
        Assert.Empty(JObject.Parse(File.ReadAllText(ReportPath))["controlLists"]!);
    }

    [Fact]
    public void Lists_that_leave_no_entry_in_force_are_said_once()
    {
        Write("base.controllist.yaml", """
            controllist: base
            version: 1.0.0
            title: Base
            entries:
              - id: BASE-A
                category: gpu-compute
                severity: warning
                message: A
                match:
                  packages:
                    - id: ILGPU
              - id: BASE-B
                category: gpu-compute
                severity: warning
                message: B
                match:
                  packages:
                    - id: ManagedCuda
            """);
        var policy = Write("policy.controllist.yaml", """
            controllist: policy
            version: 1.0.0
            title: Policy
            extends: [./base.controllist.yaml]
            disable: [BASE-A, BASE-B]
            """);

        var (_, engine) = Run(t =>
        {
            t.ControlListProperty = policy;
            t.ControlLists = [new TaskItem(policy)];
        });

        var warning = engine.One("EXL0108");
        Assert.Equal(("warning", ProjectPath), (warning.Level, warning.File));
        Assert.Equal("the control lists in use (base, policy) leave no entry in force on 2026-11-28: every entry is disabled, not yet effective or expired, so this check finds nothing", warning.Message);
    }

    [Fact]
    public void An_unwritable_report_is_EXL0109()
    {
        Project();
        var (result, engine) = Run(t => t.ReportPath = Path.Combine(ProjectPath, "report.json"));

        Assert.True(result);
        var warning = engine.One("EXL0109");
        Assert.Equal(("warning", ProjectPath), (warning.Level, warning.File));
        Assert.StartsWith($"ExportLint could not write its report '{Path.Combine(ProjectPath, "report.json")}', so this check's findings are only in the build log: ", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0106");
    }

    [Fact]
    public void An_unexpected_failure_is_EXL0106_and_the_report_and_the_summary_are_still_written()
    {
        Gguf("models/b.gguf");

        var (result, engine) = Run(t =>
        {
            t.ModelFileCandidates = ModelItems("models/b.gguf");
            t.OpenFile = _ => throw new InvalidOperationException("a bug");
        });

        Assert.False(result);
        var error = engine.One("EXL0106");
        Assert.Equal(("error", ProjectPath), (error.Level, error.File));
        Assert.Equal("ExportLint could not check this project: InvalidOperationException: a bug. Please report it with the build log.", error.Message);
        Assert.Contains(engine.Logged, e => e.Message.StartsWith("ExportLint: 0 findings", StringComparison.Ordinal));
        Assert.Equal("EXL0106", (string?)Assert.Single(JObject.Parse(File.ReadAllText(ReportPath))["problems"]!)["id"]);
    }
}
