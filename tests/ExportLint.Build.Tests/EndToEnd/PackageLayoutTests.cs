using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace ExportLint.Build.Tests.EndToEnd;

/// <summary>What the ExportLint package holds, and the hook that packs the analyzers once their project exists.</summary>
[Collection(EndToEndTests.Name)]
public sealed class PackageLayoutTests
{
    private readonly PackedExportLint _packed;

    public PackageLayoutTests(PackedExportLint packed) => _packed = packed;

    private static List<string> Entries(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    [Fact]
    public void The_package_holds_the_task_for_both_MSBuild_runtimes_each_with_its_dependencies()
    {
        var entries = Entries(_packed.Package);

        foreach (var framework in new[] { "net472", "net8.0" })
        {
            foreach (var assembly in new[] { "ExportLint.Build.dll", "ExportLint.ControlLists.dll", "NuGet.ProjectModel.dll", "NuGet.Protocol.dll", "NuGet.Versioning.dll", "YamlDotNet.dll", "Newtonsoft.Json.dll" })
            {
                Assert.Contains($"tasks/{framework}/{assembly}", entries);
            }

            // MSBuild itself is the host's: shipping it would load a second copy.
            Assert.DoesNotContain(entries, e => e.StartsWith($"tasks/{framework}/Microsoft.Build", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_package_holds_props_targets_lists_readme_and_icon_and_is_a_development_dependency()
    {
        var entries = Entries(_packed.Package);

        Assert.Contains("build/ExportLint.props", entries);
        Assert.Contains("build/ExportLint.targets", entries);
        Assert.Contains("buildMultiTargeting/ExportLint.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("buildTransitive/", StringComparison.Ordinal));
        Assert.Contains("rules/exportlint-default.controllist.yaml", entries);
        Assert.Contains("rules/samples/acme-policy.controllist.yaml", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("icon.png", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        using var zip = ZipFile.OpenRead(_packed.Package);
        using var nuspec = zip.GetEntry("ExportLint.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
        Assert.Equal("ExportLint", Value("id"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("README.md", Value("readme"));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        Assert.Null(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies"));
    }

    [Fact]
    public void The_package_has_analyzers_exactly_when_src_ExportLint_Analyzers_exists()
    {
        var analyzersProject = Path.Combine(_packed.RepositoryRoot, "src", "ExportLint.Analyzers", "ExportLint.Analyzers.csproj");

        var analyzers = Entries(_packed.Package).Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();

        if (File.Exists(analyzersProject))
        {
            Assert.Contains("analyzers/dotnet/cs/ExportLint.Analyzers.dll", analyzers);
            Assert.Contains("analyzers/dotnet/cs/ExportLint.ControlLists.dll", analyzers);
        }
        else
        {
            Assert.Empty(analyzers);
        }
    }

    [Fact]
    public void When_an_analyzers_project_exists_it_is_packed_with_its_dependencies_beside_it()
    {
        // Stands in for src/ExportLint.Analyzers until it lands: same file name, same output name.
        var directory = Path.Combine(_packed.Root, "analyzers-stub");
        Directory.CreateDirectory(directory);
        var project = Path.Combine(directory, "ExportLint.Analyzers.csproj");
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Stub.cs"), "namespace ExportLint.Analyzers { public static class Stub { } }\n");
        var output = Path.Combine(_packed.Root, "feed-with-analyzers");

        var pack = Dotnet.Run(_packed.RepositoryRoot, "pack", Path.Combine(_packed.RepositoryRoot, "src", "ExportLint.Package", "ExportLint.Package.csproj"),
            "-c", _packed.Configuration, "-o", output, "-p:ExportLintAnalyzersProject=" + project, "-nodeReuse:false", "-tl:off");

        Assert.True(pack.ExitCode == 0, pack.Output);
        var entries = Entries(Directory.GetFiles(output, "ExportLint.*.nupkg").Single());
        foreach (var assembly in new[] { "ExportLint.Analyzers.dll", "ExportLint.ControlLists.dll", "YamlDotNet.dll", "NuGet.Versioning.dll" })
        {
            Assert.Contains("analyzers/dotnet/cs/" + assembly, entries);
        }

        Assert.Equal(4, entries.Count(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
        // The precompiled copies are of the project packed, not of src/ExportLint.Analyzers.
        using var zip = ZipFile.OpenRead(Directory.GetFiles(output, "ExportLint.*.nupkg").Single());
        Assert.Equal(Mvid(zip, "analyzers/dotnet/cs/ExportLint.Analyzers.dll"), Mvid(zip, "precompiled/linux-x64/ExportLint.Analyzers.dll"));
    }

    // The IL analyzers' ahead-of-time copies (ReadyToRun, for the .NET 10 compiler on Linux x64/Arm64, Windows x64 and macOS Arm64), which
    // build/ExportLint.targets gives the command-line compiler. The same modules: each has the IL assembly's module
    // version id (crossgen2 keeps the metadata and IL and adds native code), and native code for its host.
    [Theory]
    [InlineData("linux-x64", (Machine)((ushort)Machine.Amd64 ^ 0x7B79))] // crossgen2 marks a Linux image by XOR-ing the machine
    [InlineData("win-x64", Machine.Amd64)]
    [InlineData("linux-arm64", (Machine)((ushort)Machine.Arm64 ^ 0x7B79))]
    [InlineData("osx-arm64", (Machine)((ushort)Machine.Arm64 ^ 0x4644))] // and a macOS image with another
    public void The_precompiled_analyzers_are_the_IL_analyzers_compiled_ahead_of_time_for_their_host(string host, Machine machine)
    {
        using var zip = ZipFile.OpenRead(_packed.Package);
        var precompiled = zip.Entries.Where(e => e.FullName.StartsWith($"precompiled/{host}/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal);
        var il = zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(il, precompiled);
        Assert.Equal(["ExportLint.Analyzers.dll", "ExportLint.ControlLists.dll", "NuGet.Versioning.dll", "YamlDotNet.dll"], precompiled);

        foreach (var assembly in precompiled)
        {
            var ilHeaders = Headers(zip, "analyzers/dotnet/cs/" + assembly);
            var nativeHeaders = Headers(zip, $"precompiled/{host}/{assembly}");
            Assert.Equal(0, ilHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
            Assert.True(nativeHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{host}/{assembly} has no ReadyToRun header");
            Assert.Equal(machine, nativeHeaders.CoffHeader.Machine);
            Assert.Equal(Mvid(zip, "analyzers/dotnet/cs/" + assembly), Mvid(zip, $"precompiled/{host}/{assembly}"));
        }
    }

    private static PEHeaders Headers(ZipArchive zip, string entry)
    {
        using var pe = new PEReader(Bytes(zip, entry));
        return pe.PEHeaders;
    }

    private static Guid Mvid(ZipArchive zip, string entry)
    {
        using var pe = new PEReader(Bytes(zip, entry));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    private static MemoryStream Bytes(ZipArchive zip, string entry)
    {
        var bytes = new MemoryStream();
        using (var stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        return bytes;
    }
}
