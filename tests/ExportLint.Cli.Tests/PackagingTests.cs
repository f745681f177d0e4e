using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using ExportLint.Cli.Tests.Infrastructure;

namespace ExportLint.Cli.Tests;

/// <summary>The tool as a security team installs it: packed, installed with <c>dotnet tool install</c>, run as <c>exportlint</c>.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void The_packed_tool_installs_and_runs_as_exportlint()
    {
        using var tree = new TempTree("tool");
        // A version of this run's own: the global packages folder must not serve another run's copy.
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        Run(ExportLintTool.RepositoryRoot, "dotnet", "pack", Path.Combine("src", "ExportLint.Cli", "ExportLint.Cli.csproj"), "-c", ExportLintTool.Configuration, "-o", tree.Path("feed"), "-nologo", "-p:PackageOutputPath=" + tree.Path("feed"), "-p:PackageVersion=" + version);

        // The pointer package, one ReadyToRun package per platform, and the portable one for every other platform.
        var packages = Directory.GetFiles(tree.Path("feed"), "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "", ".any", ".linux-arm64", ".linux-x64", ".osx-arm64", ".win-x64" }.Select(rid => $"ExportLint.Cli{rid}.{version}.nupkg").Order(StringComparer.Ordinal), packages);
        Run(tree.Root, "dotnet", "tool", "install", "ExportLint.Cli", "--version", version, "--tool-path", tree.Path("tools"), "--add-source", tree.Path("feed"), "--ignore-failed-sources");
        tree.Write("deploy/job.yaml", "limits: {nvidia.com/gpu: 1}\n");

        var output = Run(tree.Root, tree.Path("tools/exportlint"), "scan", "deploy", "--verbose");

        Assert.Contains("deploy/job.yaml(1,10): info EXL0004:", output, StringComparison.Ordinal);
        // The .NET 10 SDK installed this platform's package, whose code is compiled ahead of time (a ReadyToRun header);
        // on a platform without one, the portable IL package.
        var host = (OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "other") + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var expected = host is "linux-x64" or "linux-arm64" or "win-x64" or "osx-arm64" ? host : "any";
        var installed = Assert.Single(Directory.GetFiles(tree.Path("tools/.store"), "exportlint.dll", SearchOption.AllDirectories));
        Assert.Contains($"exportlint.cli.{expected}", installed, StringComparison.Ordinal);
        using var pe = new PEReader(File.OpenRead(installed));
        Assert.Equal(expected != "any", pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);
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
