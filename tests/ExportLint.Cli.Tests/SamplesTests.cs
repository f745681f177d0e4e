using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests;

/// <summary>
/// The README's main job, <c>exportlint scan samples</c>, and the promise behind it: the scan finds what the build finds,
/// because it runs the same analyzers and the same build check.
/// </summary>
public sealed class SamplesTests
{
    [Fact]
    public void The_scan_of_the_samples_finds_exactly_what_their_build_finds()
    {
        using var output = new TempTree("samples-scan");
        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--output", output.Root, "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(output.Root);

        var built = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "LocalInference", "GpuCluster", "GpuKernels" })
        {
            var log = output.Path(project + ".sarif");
            var projectFile = Path.Combine(ExportLintTool.Samples, project, project + ".csproj");
            Build(projectFile, "-t:Rebuild", "-p:BuildProjectReferences=false", $"-p:ErrorLog={log}%2Cversion=2.1");

            // What the compiler reported from ExportLint's analyzers (every level, as the IDE shows them).
            using var sarif = JsonDocument.Parse(File.ReadAllText(log));
            foreach (var result in sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
            {
                var id = result.GetProperty("ruleId").GetString()!;
                if (!id.StartsWith("EXL", StringComparison.Ordinal))
                {
                    continue;
                }

                var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                var file = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                var region = physical.GetProperty("region");
                built.Add($"{id} {Path.GetRelativePath(ExportLintTool.RepositoryRoot, file).Replace('\\', '/')}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}) {result.GetProperty("message").GetProperty("text").GetString()}");
            }

            // What the build task reported, from its own report.
            var buildReport = JsonReport.Read(Path.Combine(ExportLintTool.Samples, project, "obj", "exportlint", project + ".exportlint.json"));
            foreach (var finding in buildReport.Findings)
            {
                built.Add($"{finding.Id} {Path.GetRelativePath(ExportLintTool.RepositoryRoot, finding.Location.File).Replace('\\', '/')}({finding.Location.Line},{finding.Location.Column}) {finding.Message}");
            }
        }

        var scanned = report.Findings.Select(f => $"{f.Id} {f.Location.File}({f.Location.Line},{f.Location.Column}) {f.Message}")
            .Where(f => !f.Contains(".yaml(", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(built.Count >= 10, "the samples' build reported only: " + string.Join("\n", built));
        Assert.Equal(built.Order(StringComparer.Ordinal), scanned.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_samples_report_is_valid_against_the_schema_and_inventories_projects_packages_and_the_model()
    {
        using var output = new TempTree("samples-report");
        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "-o", output.Root, "--timestamp", "2026-01-02T03:04:05Z");
        Assert.True(run.ExitCode == 0, run.ToString());

        ReportSchema.AssertValid(output.Path("exportlint.json"));

        var report = ToolRun.ReadReport(output.Root);
        Assert.Equal("2026-01-02T03:04:05Z", report.Timestamp);
        Assert.Equal(["samples/GpuCluster/GpuCluster.csproj", "samples/GpuKernels/GpuKernels.csproj", "samples/LocalInference/LocalInference.csproj"], report.Projects.Select(p => p.Path));
        Assert.All(report.Projects, p => Assert.Equal(ScanModes.Semantic, p.Mode));

        // Every category of finding the default list reports has a sample that shows it.
        Assert.Equal(
            ["cluster-orchestration", "gpu-compute", "model-file", "model-weights", "native-gpu-library", "restricted-package"],
            report.Findings.Select(f => f.Category).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(report.Projects[2].Packages, p => p.Id == "LLamaSharp" && p.Direct && p.Path.SequenceEqual(["LocalInference", "LLamaSharp 0.30.0"]));
        var model = Assert.Single(report.Models);
        Assert.Equal("samples/LocalInference/models/tiny-llama.gguf", model.Path);
        Assert.Equal("Content", model.ItemType);
        Assert.Equal(64, model.ParameterCount);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(ExportLintTool.Samples, "LocalInference", "models", "tiny-llama.gguf")))), model.Sha256);
        var load = Assert.Single(report.Findings, f => f.EntryId == "EXL-W-LLAMA");
        Assert.Equal(("samples/LocalInference/Program.cs", 22, 42), (load.Location.File, load.Location.Line, load.Location.Column));
        Assert.Equal("LLama.LLamaWeights.LoadFromFile", load.Evidence.Symbol);
        Assert.Equal(Confidences.High, load.Confidence);
        Assert.Equal("samples/LocalInference/LocalInference.csproj", load.Project);
        Assert.Contains(report.Findings, f => f.Location.File == "samples/GpuCluster/deploy/trainer.yaml" && f.EntryId == "EXL-C-K8S-GPU");
        Assert.Contains("Report: " + output.Path("exportlint.json"), run.Output, StringComparison.Ordinal);
        Assert.Matches(@"model-weights\s+0\s+3\s+0\s+3", run.Output);
    }

    private static void Build(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "build", project, "-c", ExportLintTool.Configuration, "-nologo" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the build did not finish");
        Assert.True(process.ExitCode == 0, output.Result + error.Result);
    }
}
