using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.Benchmarks;

/// <summary>
/// Loading and compiling the shipped lists, cold: every launch is a new process and the one measured call is the
/// first, so JIT, static initialisation and the embedded-resource read are all in the figure.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 10, warmupCount: 0, iterationCount: 1)]
public class ColdLoadBenchmarks
{
    [Benchmark(Description = "load + compile shipped lists (cold start)")]
    public int LoadCold() => ShippedLists.LoadAndCompile();
}

/// <summary>The same load, warm: what an IDE pays when a list's text changes.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class WarmLoadBenchmarks
{
    [Benchmark(Description = "load + compile shipped lists (warm)")]
    public int LoadWarm() => ShippedLists.LoadAndCompile();
}

internal static class ShippedLists
{
    public static int LoadAndCompile()
    {
        var list = ControlListLoader.LoadDefault();
        if (list.HasErrors)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, list.Problems));
        }

        // Build the indexes the surfaces use, so that "compiled" means ready to match.
        return list.Apis.Count
            + (list.MatchString("warm-up", StringContext.Any, null) is null ? 0 : 1)
            + (list.MatchNativeLibrary("warm-up") is null ? 0 : 1);
    }
}
