using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds a GPU library loaded by name at run time (EXL0005): <c>NativeLibrary.Load</c>/<c>TryLoad</c>, and the
/// platform loaders bound through interop (<c>dlopen</c>, <c>LoadLibrary*</c> declared with <c>[DllImport]</c> or
/// <c>[LibraryImport]</c>), with a name known within the method (<see cref="ConstantValues"/>: constants,
/// <c>static readonly</c> fields, locals, <c>??</c>, <c>?:</c>, <c>Path.Combine</c>, interpolation, <c>"…"u8</c>).
/// Called by <see cref="Analyzers.ControlledApiAnalyzer"/> on its one walk of invocations; <c>[DllImport]</c> and
/// <c>[LibraryImport]</c> are <see cref="Analyzers.NativeLibraryAnalyzer"/>'s.
/// </summary>
internal static class NativeLibraryLoadDetector
{
    /// <summary>Whether there is anything to find: whether the list names a native library.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasNativeLibraries;

    /// <summary>Reports the invocation if it loads a controlled native library by a name known in the method.</summary>
    public static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list)
    {
        // The method's name first (a length and a few characters for nearly every call), then its type.
        var method = invocation.TargetMethod;
        var methodName = method.Name;
        if (methodName.Length < 4 || methodName[0] is not ('L' or 'T' or 'd'))
        {
            return;
        }

        string kind;
        switch (methodName)
        {
            case "Load" or "TryLoad":
                if (!KnownType.Is(method.ContainingType, "System.Runtime.InteropServices", "NativeLibrary"))
                {
                    return;
                }

                kind = "NativeLibrary." + method.Name;
                break;
            case "dlopen" or "dlmopen" or "LoadLibrary" or "LoadLibraryA" or "LoadLibraryW" or "LoadLibraryEx" or "LoadLibraryExA" or "LoadLibraryExW":
                if (!IsInterop(method))
                {
                    return;
                }

                kind = method.Name;
                break;
            default:
                return;
        }

        IOperation? name = null;
        foreach (var argument in invocation.Arguments)
        {
            // dlmopen(lmid, file, mode) names the file second; every other loader first.
            if (argument.Parameter is { } parameter && parameter.Ordinal == (method.Name == "dlmopen" ? 1 : 0))
            {
                name = argument.Value;
                break;
            }
        }

        if (name is null || !ConstantValues.MayResolve(name))
        {
            return;
        }

        foreach (var library in ConstantValues.Of(name))
        {
            if (list.MatchNativeLibrary(library) is { } entry)
            {
                Findings.Report(context, entry, DiagnosticIds.NativeGpuLibrary, OperationFacts.NameLocation(invocation.Syntax), $"{kind}({Findings.Quote(library)})");
                return;
            }
        }
    }

    /// <summary>Whether a method is bound to native code: extern, <c>[DllImport]</c> or <c>[LibraryImport]</c>.</summary>
    private static bool IsInterop(IMethodSymbol method)
    {
        if (method.IsExtern || method.GetDllImportData() is not null)
        {
            return true;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "LibraryImportAttribute" } type && KnownType.Is(type, "System.Runtime.InteropServices", "LibraryImportAttribute"))
            {
                return true;
            }
        }

        return false;
    }
}
