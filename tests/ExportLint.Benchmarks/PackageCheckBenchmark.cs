using System.Diagnostics;
using ExportLint.Build.Packages;
using ExportLint.ControlLists.Loading;
using NuGet.ProjectModel;

namespace ExportLint.Benchmarks;

/// <summary>
/// The build task's package check on a synthetic graph, timed with a stopwatch: read the assets file
/// (NuGet.ProjectModel), resolve the graph with shortest paths, match every package and every file against the
/// default lists. <c>dotnet run -c Release --project tests/ExportLint.Benchmarks -- package-check 600 60</c>.
/// </summary>
internal static class PackageCheckBenchmark
{
    public static void Run(string[] args)
    {
        var packageCount = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 600;
        var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        var directory = Directory.CreateTempSubdirectory("exportlint-bench-");
        var assets = Path.Combine(directory.FullName, "project.assets.json");
        File.WriteAllText(assets, SyntheticAssets.Create(packageCount));
        Console.WriteLine($"assets file: {new FileInfo(assets).Length / 1024} KiB");
        var project = Path.Combine(directory.FullName, "App.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var list = ControlListLoader.LoadDefault();

        var read = new List<double>();
        var check = new List<double>();
        var graph = new List<double>();
        var total = new List<double>();
        var findings = 0;
        for (var run = 0; run < runs + 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var lockFile = new LockFileFormat().Read(assets);
            var afterRead = clock.Elapsed.TotalMilliseconds;
            var packages = PackageGraph.Resolve(lockFile, "App");
            var afterGraph = clock.Elapsed.TotalMilliseconds;
            var result = PackageCheck.Run(list, packages, ProjectXmlLocations.Read(project), ProjectXmlLocations.Read(null), project);
            var all = clock.Elapsed.TotalMilliseconds;
            findings = result.Count;
            if (run >= 3)
            {
                read.Add(afterRead);
                check.Add(all - afterRead);
                graph.Add(afterGraph - afterRead);
                total.Add(all);
            }
        }



        Console.WriteLine($"packages: {packageCount}, findings: {findings}, runs: {runs} (after 3 warm-up runs)");
        Console.WriteLine($"read assets file (NuGet.ProjectModel):  min {read.Min(),7:0.00} ms, median {Median(read),7:0.00} ms, max {read.Max(),7:0.00} ms");
        Console.WriteLine($"  of which graph + shortest paths:      min {graph.Min(),7:0.00} ms, median {Median(graph),7:0.00} ms, max {graph.Max(),7:0.00} ms");
        Console.WriteLine($"graph + paths + matching:              min {check.Min(),7:0.00} ms, median {Median(check),7:0.00} ms, max {check.Max(),7:0.00} ms");
        Console.WriteLine($"whole package check:                   min {total.Min(),7:0.00} ms, median {Median(total),7:0.00} ms, max {total.Max(),7:0.00} ms");
        directory.Delete(recursive: true);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
