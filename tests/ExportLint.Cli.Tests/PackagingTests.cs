using System.Diagnostics;
using ExportLint.Cli.Tests.Infrastructure;

namespace ExportLint.Cli.Tests;

/// <summary>The tool as a security team installs it: packed, installed with <c>dotnet tool install</c>, run as <c>exportlint</c>.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void The_packed_tool_installs_and_runs_as_exportlint()
    {
        using var tree = new TempTree("tool");
        Run(ExportLintTool.RepositoryRoot, "dotnet", "pack", Path.Combine("src", "ExportLint.Cli", "ExportLint.Cli.csproj"), "-c", ExportLintTool.Configuration, "-o", tree.Path("feed"), "-nologo", "-p:PackageOutputPath=" + tree.Path("feed"));
        Assert.Single(Directory.GetFiles(tree.Path("feed"), "ExportLint.Cli.*.nupkg"));
        Run(tree.Root, "dotnet", "tool", "install", "ExportLint.Cli", "--tool-path", tree.Path("tools"), "--add-source", tree.Path("feed"), "--ignore-failed-sources");
        tree.Write("deploy/job.yaml", "limits: {nvidia.com/gpu: 1}\n");

        var output = Run(tree.Root, tree.Path("tools/exportlint"), "scan", "deploy", "--verbose");

        Assert.Contains("deploy/job.yaml(1,10): info EXL0004:", output, StringComparison.Ordinal);
    }

    private static string Run(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), file + " did not finish");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: exit {process.ExitCode}\n{output.Result}\n{error.Result}");
        return output.Result;
    }
}
