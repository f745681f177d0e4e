using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests;

/// <summary>Solutions as input: <c>.sln</c> and <c>.slnx</c> name the projects to scan; a missing one is said.</summary>
public sealed class SolutionTests
{
    [Fact]
    public void A_slnx_names_the_projects_and_a_missing_project_makes_the_scan_incomplete()
    {
        using var tree = new TempTree("slnx");
        tree.Write("Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
        tree.Write("Lib/Native.cs", "using System.Runtime.InteropServices;\nstatic class N { [DllImport(\"nccl\")] static extern int ncclGetVersion(out int v); }\n");
        tree.Write("Lib/deploy/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("Other/NotInSolution.cs", "using System.Runtime.InteropServices;\nstatic class M { [DllImport(\"cudart\")] static extern int cudaFree(nint p); }\n");
        tree.Write("All.slnx", "<Solution>\n  <Project Path=\"Lib/Lib.csproj\" />\n  <Project Path=\"Gone/Gone.csproj\" />\n</Solution>\n");

        var run = ExportLintTool.Run(tree.Root, "scan", "All.slnx", "-o", "out");

        Assert.Equal(3, run.ExitCode);
        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Equal(["Lib/Lib.csproj"], report.Projects.Select(p => p.Path));
        Assert.Equal(ScanModes.Semantic, report.Projects[0].Mode);
        Assert.Equal(["Lib/Native.cs", "Lib/deploy/job.yaml"], report.Findings.Select(f => f.Location.File));
        var problem = Assert.Single(report.Problems, p => p.Incomplete);
        Assert.Equal(("EXL0201", "All.slnx"), (problem.Id, problem.Location.File));
        Assert.Contains("Gone/Gone.csproj", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sln_names_the_projects_it_holds()
    {
        using var output = new TempTree("sln");

        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples/ExportLint.Samples.sln", "-o", output.Root);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(output.Root);
        Assert.Equal(["samples/GpuCluster/GpuCluster.csproj", "samples/GpuKernels/GpuKernels.csproj", "samples/LocalInference/LocalInference.csproj"], report.Projects.Select(p => p.Path));
        // A project's folder comes with it: the Kubernetes manifest beside GpuCluster's code is scanned too.
        Assert.Contains(report.Findings, f => f.Location.File == "samples/GpuCluster/deploy/trainer.yaml");
    }
}
