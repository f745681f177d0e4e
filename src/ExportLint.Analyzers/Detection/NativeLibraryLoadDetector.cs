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
internal sealed class NativeLibraryLoadDetector
{
    private readonly INamedTypeSymbol _nativeLibrary;

    private NativeLibraryLoadDetector(INamedTypeSymbol nativeLibrary) => _nativeLibrary = nativeLibrary;

    /// <summary>The detector for one compilation, or null when the list names no native library or the API is absent.</summary>
    public static NativeLibraryLoadDetector? For(Compilation compilation, AnalyzerControlList list) =>
        list.HasNativeLibraries && compilation.GetTypeByMetadataName("System.Runtime.InteropServices.NativeLibrary") is { } nativeLibrary
            ? new NativeLibraryLoadDetector(nativeLibrary)
            : null;

    /// <summary>Reports the invocation if it loads a controlled native library by a constant name.</summary>
    public void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list)
    {
        var nativeLibrary = _nativeLibrary;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Load" or "TryLoad")
            || !SymbolEqualityComparer.Default.Equals(method.ContainingType, nativeLibrary)
            || invocation.Arguments.Length == 0)
        {
            return;
        }

        var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (first?.Value.ConstantValue is not { HasValue: true, Value: string library } || list.MatchNativeLibrary(library) is not { } entry)
        {
            return;
        }

        Findings.Report(context.ReportDiagnostic, entry, DiagnosticIds.NativeGpuLibrary, OperationFacts.NameLocation(invocation.Syntax), $"NativeLibrary.{method.Name}({Findings.Quote(library)})");
    }
}
