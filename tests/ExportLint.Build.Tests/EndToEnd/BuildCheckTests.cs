using System.Text;
using System.Text.Json;

namespace ExportLint.Build.Tests.EndToEnd;

/// <summary>
/// The package as a user meets it: packed, restored from a feed into a fresh project beside real packages, and
/// run by <c>dotnet build</c>. Each test states one behaviour and checks the exact code, file and line.
/// </summary>
[Collection(EndToEndTests.Name)]
public sealed class BuildCheckTests
{
    private const string IlgpuReference = """<PackageReference Include="ILGPU" Version="1.5.3" />""";
    private readonly PackedExportLint _packed;

    public BuildCheckTests(PackedExportLint packed) => _packed = packed;

    private static string Policy(string severity) => $"""
        controllist: test-policy
        version: 1.0.0
        title: Test policy
        extends: [exportlint-default]
        overrides:
          - entry: EXL-P-GPU-COMPUTE
            severity: {severity}
        """;

    private Consumer WithPolicy(string name, string severity, string items = IlgpuReference, string properties = "")
    {
        var consumer = Consumer.Create(_packed, name, items, "<ExportLintControlList>policy.controllist.yaml</ExportLintControlList>" + properties);
        consumer.Write("policy.controllist.yaml", Policy(severity));
        return consumer;
    }

    [Fact]
    public void A_direct_restricted_package_is_reported_at_its_PackageReference_line_with_its_path()
    {
        var consumer = Consumer.Create(_packed, "DirectIlgpu", IlgpuReference);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var finding = run.One("EXL0100", "(ILGPU 1.5.3; path: DirectIlgpu -> ILGPU 1.5.3; net10.0) — entry EXL-P-GPU-COMPUTE, ECCN 3A090 / 4A090");
        Assert.Equal(consumer.ProjectPath, finding.File);
        Assert.Equal(Consumer.LineOf(consumer.ProjectPath, "Include=\"ILGPU\""), finding.Line);
        Assert.Equal("message", finding.Level);
        Assert.Contains("ExportLint: 1 finding (0 errors, 0 warnings), 0 suppressed, 0 expired suppressions in DirectIlgpu", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_acme_overlay_fails_the_build_on_transitive_TorchSharp_at_the_direct_reference_with_the_path()
    {
        var consumer = Consumer.Create(_packed, "TorchApp", """<PackageReference Include="Microsoft.ML.TorchSharp" Version="0.23.1" />""",
            $"<ExportLintControlList>{_packed.AcmePolicy}</ExportLintControlList>");

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        var finding = run.One("EXL0100", "entry ACME-TORCH");
        Assert.Equal("error", finding.Level);
        Assert.StartsWith("TorchSharp needs an export review before release (TorchSharp 0.107.0; path: TorchApp -> Microsoft.ML.TorchSharp 0.23.1 -> TorchSharp 0.107.0; net10.0)", finding.Message, StringComparison.Ordinal);
        Assert.Equal(consumer.ProjectPath, finding.File);
        Assert.Equal(Consumer.LineOf(consumer.ProjectPath, "Include=\"Microsoft.ML.TorchSharp\""), finding.Line);
        run.NoCrash();
    }

    [Fact]
    public void FailOn_warning_fails_the_build_on_a_warning_entry()
    {
        var consumer = WithPolicy("FailOnWarning", "warning", properties: "<ExportLintFailOn>warning</ExportLintFailOn>");

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        Assert.Equal("error", run.One("EXL0100", "entry EXL-P-GPU-COMPUTE").Level);
    }

    [Fact]
    public void FailOn_never_reports_an_error_entry_as_a_warning_and_the_build_succeeds()
    {
        var consumer = WithPolicy("FailOnNever", "error", properties: "<ExportLintFailOn>never</ExportLintFailOn>");

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.Equal("warning", run.One("EXL0100", "entry EXL-P-GPU-COMPUTE").Level);
    }

    [Fact]
    public void A_justified_suppression_silences_the_finding_and_is_counted_and_reported()
    {
        var consumer = WithPolicy("Suppressed", "error", IlgpuReference + """
            <ExportLintSuppress Include="EXL-P-GPU-COMPUTE" Justification="Reviewed by export counsel, ticket EXP-12" Until="2999-12-31" />
            """);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.DoesNotContain(run.Diagnostics, d => d.Code == "EXL0100");
        Assert.Contains("ExportLint: 0 findings (0 errors, 0 warnings), 1 suppressed, 0 expired suppressions", run.Output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath));
        var suppression = report.RootElement.GetProperty("suppressions")[0];
        Assert.Equal("Reviewed by export counsel, ticket EXP-12", suppression.GetProperty("justification").GetString());
        Assert.Equal(1, suppression.GetProperty("uses").GetInt32());
        Assert.Equal("EXL-P-GPU-COMPUTE", report.RootElement.GetProperty("findings")[0].GetProperty("suppression").GetProperty("target").GetString());
    }

    [Fact]
    public void A_suppression_without_justification_is_an_error_at_its_line_and_does_not_suppress()
    {
        var consumer = WithPolicy("Unjustified", "warning", IlgpuReference + """
            <ExportLintSuppress Include="ILGPU" />
            """);

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        var problem = run.One("EXL0103", "ExportLintSuppress 'ILGPU' has no Justification");
        Assert.Equal("error", problem.Level);
        Assert.Equal(Consumer.LineOf(consumer.ProjectPath, "<ExportLintSuppress"), problem.Line);
        Assert.Equal("warning", run.One("EXL0100", "entry EXL-P-GPU-COMPUTE").Level);
    }

    [Fact]
    public void An_expired_suppression_is_a_warning_and_the_finding_comes_back()
    {
        var consumer = WithPolicy("Expired", "error", IlgpuReference + """
            <ExportLintSuppress Include="EXL-P-GPU-COMPUTE" Justification="Temporary waiver" Until="2020-01-31" />
            """);

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        Assert.Equal("warning", run.One("EXL0103", "ExportLintSuppress 'EXL-P-GPU-COMPUTE' expired on 2020-01-31").Level);
        Assert.Equal("error", run.One("EXL0100", "entry EXL-P-GPU-COMPUTE").Level);
        Assert.Contains("0 suppressed, 1 expired suppression in Expired", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_on_no_list_that_ships_a_CUDA_runtime_is_reported_with_the_file()
    {
        var consumer = Consumer.Create(_packed, "CudaContent", $"""<PackageReference Include="{PackedExportLint.CudaFixtureId}" Version="{PackedExportLint.CudaFixtureVersion}" />""");

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var finding = run.One("EXL0101", $"ships {PackedExportLint.CudaFixtureFile}");
        Assert.Equal("warning", finding.Level);
        Assert.Contains("entry EXL-P-GPU-BINARIES", finding.Message, StringComparison.Ordinal);
        Assert.Equal(Consumer.LineOf(consumer.ProjectPath, PackedExportLint.CudaFixtureId), finding.Line);
    }

    [Fact]
    public void A_model_file_copied_to_the_output_is_reported_at_the_file_with_its_counts()
    {
        var consumer = Consumer.Create(_packed, "ModelItem", """<None Include="models/tiny.safetensors" CopyToOutputDirectory="PreserveNewest" />""");
        var path = consumer.Write("models/tiny.safetensors", Safetensors());

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var finding = run.One("EXL0102", "models/tiny.safetensors");
        Assert.Equal(path, finding.File);
        Assert.Equal("warning", finding.Level);
        Assert.Contains("(models/tiny.safetensors: safetensors, 2 tensors, 10 parameters; None item) — entry EXL-F-WEIGHTS", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_packed_into_the_projects_own_package_is_reported()
    {
        var consumer = Consumer.Create(_packed, "PackedModel", """<None Include="weights/packed.gguf" Pack="true" PackagePath="content/" />""");
        // A GGUF v3 header with no tensors and no metadata: magic, version, tensor count, metadata count.
        var gguf = new byte[24];
        "GGUF"u8.CopyTo(gguf);
        BitConverter.GetBytes(3u).CopyTo(gguf, 4);
        var path = consumer.Write("weights/packed.gguf", gguf);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var finding = run.One("EXL0102", "(weights/packed.gguf: gguf, 0 tensors");
        Assert.Equal(path, finding.File);
    }

    [Fact]
    public void ExportLintEnabled_false_turns_the_check_off()
    {
        var consumer = WithPolicy("Disabled", "error", properties: "<ExportLintEnabled>false</ExportLintEnabled>");

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("ExportLint:", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(consumer.ReportPath));
    }

    [Fact]
    public void A_no_op_build_skips_the_check_and_replays_its_warnings()
    {
        var consumer = WithPolicy("NoOp", "warning");
        var first = consumer.Build();
        Assert.True(first.Succeeded, first.Output);
        var written = File.GetLastWriteTimeUtc(consumer.ReportPath);

        var second = consumer.Build("--no-restore");

        Assert.True(second.Succeeded, second.Output);
        Assert.Contains("ExportLint: up to date; replayed 1 diagnostics", second.Output, StringComparison.Ordinal);
        Assert.Equal(first.One("EXL0100", "EXL-P-GPU-COMPUTE"), second.One("EXL0100", "EXL-P-GPU-COMPUTE"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(consumer.ReportPath));
    }

    [Fact]
    public void Central_package_management_with_GlobalPackageReference_points_at_Directory_Packages_props()
    {
        var consumer = Consumer.Create(_packed, "Central", string.Empty, referenceExportLint: false);
        var props = consumer.Write("Directory.Packages.props", $"""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <GlobalPackageReference Include="ExportLint" Version="{_packed.Version}" />
                <GlobalPackageReference Include="ILGPU" Version="1.5.3" />
              </ItemGroup>
            </Project>
            """);

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var finding = run.One("EXL0100", "entry EXL-P-GPU-COMPUTE");
        Assert.Equal(props, finding.File);
        Assert.Equal(Consumer.LineOf(props, "Include=\"ILGPU\""), finding.Line);
    }

    [Fact]
    public void A_corrupt_assets_file_is_a_clear_error_at_the_file_and_no_crash()
    {
        var consumer = Consumer.Create(_packed, "CorruptAssets", IlgpuReference);
        Assert.True(consumer.Run("restore").ExitCode == 0);
        var assets = Path.Combine(consumer.Directory, "obj", "project.assets.json");
        File.WriteAllText(assets, "{\n  \"version\": 3,\n  \"targets\": {\n    \"net10.0\": [ oops\n");

        var run = consumer.Run("msbuild", consumer.ProjectPath, "-t:ExportLintCheck", "-nodeReuse:false", "-tl:off", "-v:m");

        Assert.NotEqual(0, run.ExitCode);
        var problem = run.One("EXL0105", "the assets file could not be read");
        Assert.Equal(assets, problem.File);
        Assert.True(problem.Line > 0, run.Output);
        run.NoCrash();
    }

    [Fact]
    public void An_invalid_control_list_is_reported_at_its_line_and_the_build_does_not_crash()
    {
        var consumer = Consumer.Create(_packed, "BadList", IlgpuReference, "<ExportLintControlList>bad.controllist.yaml</ExportLintControlList>");
        var list = consumer.Write("bad.controllist.yaml", "controllist: bad\nversion: 1.0.0\ntitle: Bad\nentries:\n  - id: X\n    category: not-a-category\n    severity: warning\n    message: x\n");

        var run = consumer.Build();

        Assert.False(run.Succeeded, run.Output);
        var problem = run.One("EXL1002", "'not-a-category' is not a valid category");
        Assert.Equal(list, problem.File);
        Assert.Equal(6, problem.Line);
        Assert.Equal(15, problem.Column);
        Assert.Equal("error", problem.Level);
        run.NoCrash();
    }

    [Fact]
    public void The_online_lookup_warns_when_a_feed_is_unreachable_and_the_build_succeeds()
    {
        // 127.0.0.1:9 is the discard port on loopback: nothing listens, the connection is refused at once.
        var consumer = Consumer.Create(_packed, "Online", IlgpuReference,
            "<ExportLintOnline>true</ExportLintOnline><ExportLintOnlineSources>http://127.0.0.1:9/v3/index.json</ExportLintOnlineSources><ExportLintOnlineTimeout>3000</ExportLintOnlineTimeout>");

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        Assert.Equal("warning", run.One("EXL0104", "the feed 'http://127.0.0.1:9/v3/index.json' could not be reached").Level);
        run.One("EXL0100", "entry EXL-P-GPU-COMPUTE");
    }

    [Fact]
    public void A_multi_targeted_project_is_checked_once_with_its_frameworks_grouped()
    {
        var consumer = Consumer.Create(_packed, "MultiTarget", """<PackageReference Include="MPI.NET" Version="1.4.0" />""",
            "<TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>");

        var run = consumer.Build();

        Assert.True(run.Succeeded, run.Output);
        var finding = run.One("EXL0100", "(MPI.NET 1.4.0; path: MultiTarget -> MPI.NET 1.4.0; net10.0, netstandard2.0) — entry EXL-P-GPU-COMPUTE");
        Assert.Equal(Consumer.LineOf(consumer.ProjectPath, "Include=\"MPI.NET\""), finding.Line);
        Assert.Single(run.Output.Split('\n'), l => l.Contains("ExportLint: 1 finding", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_is_valid_against_its_schema_and_holds_the_package_path_and_the_model_file()
    {
        var consumer = Consumer.Create(_packed, "ReportShape", IlgpuReference + """
            <EmbeddedResource Include="tiny.safetensors" />
            <ExportLintSuppress Include="ILGPU" Justification="Only the CPU accelerator is used" />
            """);
        consumer.Write("tiny.safetensors", Safetensors());

        Assert.True(consumer.Build().Succeeded);

        var schema = Json.Schema.JsonSchema.FromFile(Path.Combine(_packed.RepositoryRoot, "docs", "schemas", "exportlint-report.schema.json"));
        var text = File.ReadAllText(consumer.ReportPath);
        using var instance = JsonDocument.Parse(text);
        var result = schema.Evaluate(instance.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        Assert.True(result.IsValid, string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));

        using var report = JsonDocument.Parse(text);
        Assert.Equal(2, report.RootElement.GetProperty("schemaVersion").GetInt32());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["EXL0100", "EXL0102"], findings.Select(f => f.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var package = findings.Single(f => f.GetProperty("id").GetString() == "EXL0100").GetProperty("evidence").GetProperty("package");
        Assert.Equal(["ReportShape", "ILGPU 1.5.3"], package.GetProperty("path").EnumerateArray().Select(e => e.GetString()));
        var file = findings.Single(f => f.GetProperty("id").GetString() == "EXL0102").GetProperty("evidence").GetProperty("modelFile");
        Assert.Equal(10, file.GetProperty("parameterCount").GetInt64());
        Assert.Equal("EmbeddedResource", file.GetProperty("itemType").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("summary").GetProperty("suppressed").GetInt32());
        var project = report.RootElement.GetProperty("projects")[0];
        Assert.Equal(consumer.ProjectPath, project.GetProperty("path").GetString());
        Assert.Contains(project.GetProperty("packages").EnumerateArray(), p => p.GetProperty("id").GetString() == "ILGPU" && p.GetProperty("direct").GetBoolean());
    }

    // Issue 10, items 2 and 8 for the check: before, a list extended by path was not among the check's inputs and
    // a list's content was not either (only timestamps), so editing the base list left the last result replayed.
    [Fact]
    public void Editing_a_list_extended_by_path_runs_the_check_again_even_with_an_old_timestamp()
    {
        var consumer = Consumer.Create(_packed, "ExtendedEdit", IlgpuReference, "<ExportLintControlList>policy.controllist.yaml</ExportLintControlList>");
        consumer.Write("policy.controllist.yaml", "controllist: policy\nextends: [./shared/base.controllist.yaml]\n");
        var basePath = consumer.Write("shared/base.controllist.yaml", Policy("warning").Replace("test-policy", "base", StringComparison.Ordinal));
        var old = DateTime.UtcNow.AddDays(-30);
        File.SetLastWriteTimeUtc(basePath, old);
        var first = consumer.Build();
        Assert.True(first.Succeeded, first.Output);
        Assert.Equal("warning", first.One("EXL0100", "entry EXL-P-GPU-COMPUTE").Level);

        File.WriteAllText(basePath, Policy("error").Replace("test-policy", "base", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(basePath, old);
        var second = consumer.Build("--no-restore");

        Assert.False(second.Succeeded, second.Output);
        Assert.Equal("error", second.One("EXL0100", "entry EXL-P-GPU-COMPUTE").Level);
        second.NoCrash();
    }

    /// <summary>A real safetensors file: two F32 tensors, [2,3] and [4], ten parameters.</summary>
    private static byte[] Safetensors()
    {
        var header = Encoding.UTF8.GetBytes("""{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"F32","shape":[4],"data_offsets":[24,40]}}""");
        var bytes = new byte[8 + header.Length + 40];
        BitConverter.GetBytes((long)header.Length).CopyTo(bytes, 0);
        header.CopyTo(bytes, 8);
        return bytes;
    }
}
