using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds <c>NativeLibrary.Load</c> and <c>TryLoad</c> of a GPU library named by a constant (EXL0005). Called by
/// <see cref="Analyzers.ControlledApiAnalyzer"/> on its one walk of invocations; <c>[DllImport]</c> and
/// <c>[LibraryImport]</c> are <see cref="Analyzers.NativeLibraryAnalyzer"/>'s.
/// </summary>
internal static class NativeLibraryLoadDetector
{
    /// <summary>Whether there is anything to find: whether the list names a native library.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasNativeLibraries;

    /// <summary>Reports the invocation if it loads a controlled native library by a constant name.</summary>
    public static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("Load" or "TryLoad")
            || invocation.Arguments.Length == 0
            || !KnownType.Is(method.ContainingType, "System.Runtime.InteropServices", "NativeLibrary"))
        {
            return;
        }

        var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (first?.Value.ConstantValue is not { HasValue: true, Value: string library } || list.MatchNativeLibrary(library) is not { } entry)
        {
            return;
        }

        Findings.Report(context, entry, DiagnosticIds.NativeGpuLibrary, OperationFacts.NameLocation(invocation.Syntax), $"NativeLibrary.{method.Name}({Findings.Quote(library)})");
    }
}
