using ExportLint.Benchmarks;
using ExportLint.Build.Packages;
using ExportLint.ControlLists.Loading;
using NuGet.ProjectModel;

namespace ExportLint.Build.Tests.Packages;

/// <summary>The graph and matching on a generated 600-package assets file, without MSBuild.</summary>
public sealed class PackageGraphTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("exportlint-graph-").FullName;

    private List<ResolvedPackage> Resolve(int count)
    {
        var assets = Path.Combine(_directory, "project.assets.json");
        File.WriteAllText(assets, SyntheticAssets.Create(count));
        return PackageGraph.Resolve(new LockFileFormat().Read(assets), "App");
    }

    [Fact]
    public void Every_package_of_the_graph_is_resolved_once_with_its_framework()
    {
        var packages = Resolve(600);

        Assert.Equal(600, packages.Count);
        Assert.All(packages, p => Assert.Equal(["net8.0"], p.Frameworks));
    }

    [Fact]
    public void A_direct_package_has_a_one_step_path()
    {
        var ilgpu = Resolve(600).Single(p => p.Id == "ILGPU");

        Assert.True(ilgpu.IsDirect);
        Assert.Equal("App -> ILGPU 1.0.7", ilgpu.PathText);
    }

    [Fact]
    public void A_transitive_package_has_the_shortest_path_from_a_direct_dependency()
    {
        var packages = Resolve(600);
        var native = packages.Single(p => p.Id == "Vendor.Inference.Native");

        Assert.False(native.IsDirect);
        Assert.StartsWith("App -> Synthetic.Package00", native.PathText, StringComparison.Ordinal);
        Assert.EndsWith("-> Vendor.Inference.Native 1.0.300", native.PathText, StringComparison.Ordinal);
        // Every step of the path depends on the next one, and no path through the graph is shorter (breadth first).
        Assert.Equal(native.DirectDependency, native.Path[1].Split(' ')[0]);
    }

    [Fact]
    public void The_default_lists_find_the_restricted_packages_and_the_CUDA_runtime_file()
    {
        var packages = Resolve(600);
        var project = Path.Combine(_directory, "App.csproj");
        File.WriteAllText(project, "<Project />");

        var findings = PackageCheck.Run(ControlListLoader.LoadDefault(), packages, ProjectXmlLocations.Read(project), ProjectXmlLocations.Read(null), project);

        Assert.Equal(["EXL0100 ILGPU EXL-P-GPU-COMPUTE", "EXL0100 TorchSharp-cuda-linux EXL-P-GPU-RUNTIMES", "EXL0101 Vendor.Inference.Native EXL-P-GPU-BINARIES"],
            findings.Select(f => $"{f.Id} {f.Package!.Id} {f.Entry.Id}").OrderBy(s => s, StringComparer.Ordinal));
        Assert.Equal("runtimes/linux-x64/native/libcudart.so.12", findings.Single(f => f.Id == "EXL0101").PackageFile);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
