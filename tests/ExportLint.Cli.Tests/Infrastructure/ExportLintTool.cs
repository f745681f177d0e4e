using System.Diagnostics;
using System.Reflection;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests.Infrastructure;

/// <summary>The built exportlint tool, run as a process the way a user runs it.</summary>
internal static class ExportLintTool
{
    private static readonly Dictionary<string, string?> Metadata =
        typeof(ExportLintTool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);

    public static string RepositoryRoot => Metadata["RepositoryRoot"]!;

    public static string Configuration => Metadata["Configuration"]!;

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    public static string Dll => Path.Combine(RepositoryRoot, "src", "ExportLint.Cli", "bin", Configuration, "net10.0", "exportlint.dll");

    public static ToolRun Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, null, arguments);

    /// <summary>
    /// Runs the tool as an unprivileged user, so that a permission denied is real: root reads any file whatever its
    /// mode. As root, through setpriv (util-linux) as nobody; as anyone else, directly.
    /// </summary>
    public static ToolRun RunUnprivileged(string workingDirectory, params string[] arguments) =>
        Environment.UserName == "root"
            ? Run(workingDirectory, new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.GetTempPath(), ["XDG_DATA_HOME"] = Path.GetTempPath() }, "setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", "exec", Dll, .. arguments])
            : Run(workingDirectory, arguments);

    public static ToolRun Run(string workingDirectory, IDictionary<string, string>? environment, params string[] arguments) =>
        Run(workingDirectory, environment, "dotnet", ["exec", Dll, .. arguments]);

    private static ToolRun Run(string workingDirectory, IDictionary<string, string>? environment, string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("exportlint " + string.Join(' ', arguments) + " did not finish in 5 minutes");
        }

        return new ToolRun(process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>What one run printed and returned.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";

    public static Report ReadReport(string directory) => JsonReport.Read(Path.Combine(directory, JsonReport.FileName));
}

/// <summary>A folder of files a test writes, deleted afterwards.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree(string name = "tree")
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "exportlint-cli-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>A named pipe (FIFO) at <paramref name="relative"/>: what a scan must never open.</summary>
    public string Fifo(string relative)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, $"mkfifo {path} failed");
        return path;
    }

    public string Write(string relative, byte[] bytes)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A project that references a package no feed serves: it cannot be restored, so it is scanned from source.</summary>
    public string UnrestorableProject(string folder, string name) => Write($"{folder}/{name}.csproj", """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Acme.Private.Inference" Version="9.9.9" />
          </ItemGroup>
        </Project>
        """);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The 1-based line of the first line that contains <paramref name="text"/>.</summary>
    public static int LineOf(string file, string text) =>
        Array.FindIndex(File.ReadAllLines(file), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>The 1-based column of <paramref name="text"/> on its line.</summary>
    public static int ColumnOf(string file, string text) =>
        File.ReadAllLines(file).First(l => l.Contains(text, StringComparison.Ordinal)).IndexOf(text, StringComparison.Ordinal) + 1;
}
