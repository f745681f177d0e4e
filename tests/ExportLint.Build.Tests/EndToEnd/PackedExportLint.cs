using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace ExportLint.Build.Tests.EndToEnd;

/// <summary>
/// Packs ExportLint once for all end-to-end tests into a local folder feed (with a version of its own, so the
/// global packages folder never serves a stale copy), beside a small fixture package that ships a CUDA runtime
/// file. Consumers restore from that feed and nuget.org through the ordinary global packages folder.
/// </summary>
public sealed class PackedExportLint : IDisposable
{
    public PackedExportLint()
    {
        Root = Path.Combine(Path.GetTempPath(), "exportlint-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        // Stop MSBuild's search for Directory.Build.* / Directory.Packages.props above the consumers.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

        var attributes = typeof(PackedExportLint).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        RepositoryRoot = attributes["RepositoryRoot"]!;
        Configuration = attributes["Configuration"]!;
        var configuration = Configuration;
        var pack = Dotnet.Run(RepositoryRoot, "pack", Path.Combine(RepositoryRoot, "src", "ExportLint.Package", "ExportLint.Package.csproj"),
            "-c", configuration, "-o", Feed, "-p:PackageVersion=" + Version, "-nodeReuse:false", "-tl:off");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
        }

        Package = Path.Combine(Feed, $"ExportLint.{Version}.nupkg");
        WriteCudaFixturePackage(Path.Combine(Feed, CudaFixtureId + "." + CudaFixtureVersion + ".nupkg"));
        ModelsFixtureVersion = "1.0.0-e2e." + Version[(Version.LastIndexOf('.') + 1)..];
        WriteModelsFixturePackage(Path.Combine(Feed, ModelsFixtureId + "." + ModelsFixtureVersion + ".nupkg"), ModelsFixtureVersion);
    }

    public const string ModelsFixtureId = "ExportLint.Fixture.Models";
    public const string ModelsFixtureFile = "contentFiles/any/any/models/weights.gguf";

    /// <summary>A version of this run's own, so the global packages folder never serves another run's copy.</summary>
    public string ModelsFixtureVersion { get; }

    public const string CudaFixtureId = "ExportLint.Fixture.CudaKernels";
    public const string CudaFixtureVersion = "1.0.0";
    public const string CudaFixtureFile = "runtimes/linux-x64/native/libcudart.so.12";

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string Package { get; }

    public string RepositoryRoot { get; }

    public string Configuration { get; }

    public string AcmePolicy => Path.Combine(RepositoryRoot, "rules", "samples", "acme-policy.controllist.yaml");

    /// <summary>A package on no control list whose content gives away a CUDA runtime (for EXL0101).</summary>
    private static void WriteCudaFixturePackage(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }

        Add(CudaFixtureId + ".nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{CudaFixtureId}</id>
                <version>{CudaFixtureVersion}</version>
                <authors>ExportLint tests</authors>
                <description>Test fixture: a package on no list that ships a CUDA runtime library.</description>
              </metadata>
            </package>
            """);
        Add(CudaFixtureFile, "not really a shared library");
        Add("lib/netstandard2.0/_._", string.Empty);
    }

    /// <summary>
    /// A package on no list whose content files carry a GGUF model (copied to the consumer's output), as a model
    /// package on a feed does (for EXL0102 from a package). Its README and nuspec hold GGUF bytes too: names that
    /// cannot be models are not read.
    /// </summary>
    private static void WriteModelsFixturePackage(string path, string version)
    {
        // GGUF v3: magic, version, 1 tensor, 1 key-value pair (general.architecture = "llama"), one F32 tensor [4, 2].
        var gguf = new MemoryStream();
        var w = new BinaryWriter(gguf);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write(1UL);
        w.Write(1UL);
        w.Write((ulong)"general.architecture".Length);
        w.Write("general.architecture"u8);
        w.Write(8u); // string
        w.Write(5UL);
        w.Write("llama"u8);
        w.Write((ulong)"w".Length);
        w.Write("w"u8);
        w.Write(2u); // dimensions
        w.Write(4UL);
        w.Write(2UL);
        w.Write(0u); // F32
        w.Write(0UL); // offset
        w.Flush();
        while (gguf.Length % 32 != 0)
        {
            gguf.WriteByte(0);
        }

        gguf.Write(new byte[32]);

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, byte[] bytes)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(bytes);
        }

        Add(ModelsFixtureId + ".nuspec", new UTF8Encoding(false).GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{ModelsFixtureId}</id>
                <version>{version}</version>
                <authors>ExportLint tests</authors>
                <description>Test fixture: a package on no list that brings a GGUF model as a content file.</description>
                <contentFiles>
                  <files include="any/any/models/*.gguf" buildAction="None" copyToOutput="true" />
                </contentFiles>
              </metadata>
            </package>
            """));
        Add(ModelsFixtureFile, gguf.ToArray());
        Add("docs/README.md", gguf.ToArray());
        Add("lib/netstandard2.0/_._", []);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var cached in new[] { Path.Combine(packages, "exportlint", Version.ToLowerInvariant()), Path.Combine(packages, ModelsFixtureId.ToLowerInvariant(), ModelsFixtureVersion.ToLowerInvariant()) })
            {
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndTests : ICollectionFixture<PackedExportLint>
{
    public const string Name = "end-to-end";
}

/// <summary>Runs the dotnet CLI with a clean MSBuild environment (the test host's must not leak into consumers).</summary>
internal static class Dotnet
{
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
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

        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish in 5 minutes:\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
