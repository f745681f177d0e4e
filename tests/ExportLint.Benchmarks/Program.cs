using BenchmarkDotNet.Running;

namespace ExportLint.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExportLint.Benchmarks -- --filter '*'</c> runs the BenchmarkDotNet
/// suites (list loading, the API index); <c>-- package-check [packages] [runs]</c> times the build task's check;
/// <c>-- analyzers [csc.cmdline] [runs]</c> runs the analyzers of a recorded compiler command line in this process.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "package-check")
        {
            PackageCheckBenchmark.Run(args.Skip(1).ToArray());
            return;
        }

        if (args.Length > 0 && args[0] == "analyzers")
        {
            AnalyzerRunBenchmark.Run(args.Skip(1).ToArray());
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
