using System.Globalization;
using System.Text.RegularExpressions;

namespace ExportLint.Build.Tests.EndToEnd;

/// <summary>One diagnostic as MSBuild printed it.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Level, string Code, string Message);

/// <summary>The outcome of one <c>dotnet build</c> of a consumer.</summary>
public sealed class BuildRun
{
    private static readonly Regex Line = new(@"^\s*(?<file>[^\s].*?)(\((?<line>\d+),(?<col>\d+)\))?\s*:\s+(?<level>error|warning|message) (?<code>EXL\d{4}): (?<message>.*?)( \[[^\]]+\])?$", RegexOptions.Multiline);

    public BuildRun(int exitCode, string output)
    {
        ExitCode = exitCode;
        Output = output;
        Diagnostics = Line.Matches(output)
            .Select(m => new Diagnostic(m.Groups["file"].Value.Trim(), m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture) : 0,
                m.Groups["col"].Success ? int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture) : 0, m.Groups["level"].Value, m.Groups["code"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();
    }

    public int ExitCode { get; }

    public string Output { get; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool Succeeded => ExitCode == 0;

    public Diagnostic One(string code, string containing)
    {
        var found = Diagnostics.Where(d => d.Code == code && d.Message.Contains(containing, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"expected one {code} containing '{containing}', found {found.Count}:\n{Output}");
        return found[0];
    }

    public void NoCrash()
    {
        Assert.DoesNotContain("MSB4018", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MSB4062", Output, StringComparison.Ordinal);
        Assert.DoesNotContain("EXL0106", Output, StringComparison.Ordinal);
    }
}

/// <summary>A throw-away consumer project in its own folder, with a nuget.config that lists the local feed and nuget.org.</summary>
public sealed class Consumer
{
    private Consumer(string directory, string name)
    {
        Directory = directory;
        ProjectPath = Path.Combine(directory, name + ".csproj");
    }

    public string Directory { get; }

    public string ProjectPath { get; }

    public string ReportPath => Path.Combine(Directory, "obj", "exportlint", Path.GetFileNameWithoutExtension(ProjectPath) + ".exportlint.json");

    /// <summary>
    /// Creates a consumer. <paramref name="items"/> go into the project's ItemGroup and <paramref name="properties"/>
    /// into its PropertyGroup; ExportLint itself is referenced unless a Directory.Packages.props does it.
    /// </summary>
    public static Consumer Create(PackedExportLint packed, string name, string items, string properties = "", bool referenceExportLint = true)
    {
        var directory = Path.Combine(packed.Root, name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packed.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        var exportLint = referenceExportLint ? $"""<PackageReference Include="ExportLint" Version="{packed.Version}" PrivateAssets="all" />""" : string.Empty;
        var consumer = new Consumer(directory, name);
        File.WriteAllText(consumer.ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {(properties.Contains("<TargetFrameworks>", StringComparison.Ordinal) ? string.Empty : "<TargetFramework>net10.0</TargetFramework>")}
                <NoWarn>$(NoWarn);NU1603</NoWarn>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {exportLint}
                {items}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "internal static class Program { private static void Main() { } }\n");
        return consumer;
    }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string Write(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public BuildRun Build(params string[] arguments) => Run(["build", ProjectPath, "-tl:off", "-nodeReuse:false", "-v:m", .. arguments]);

    public BuildRun Run(params string[] arguments)
    {
        var (exitCode, output) = Dotnet.Run(Directory, arguments);
        return new BuildRun(exitCode, output);
    }

    /// <summary>The 1-based line of the first line of a file that contains a text.</summary>
    public static int LineOf(string path, string text)
    {
        var lines = File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in {path}");
        return index + 1;
    }
}
