using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Finds native GPU libraries bound through interop (EXL0005): <c>[DllImport]</c> and <c>[LibraryImport]</c> on
/// methods, and <c>NativeLibrary.Load</c>/<c>TryLoad</c> of a constant name. Names are compared across platform
/// spellings (<c>cudart64_12.dll</c>, <c>libcudart.so.12</c> and <c>cudart</c> are one library).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class NativeLibraryAnalyzer : ControlListAnalyzer
{
    private const string LibraryImportAttribute = "System.Runtime.InteropServices.LibraryImportAttribute";
    private const string DllImportAttribute = "System.Runtime.InteropServices.DllImportAttribute";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NativeGpuLibrary, Descriptors.AnalysisFailed);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list, Actions actions)
    {
        if (!list.HasNativeLibraries)
        {
            return;
        }

        // NativeLibrary.Load/TryLoad calls are found by NativeLibraryLoadDetector, on ControlledApiAnalyzer's one walk
        // of invocations: one callback per invocation for the whole of ExportLint.
        context.RegisterSymbolAction(actions.Of(c => AnalyzeMethod(c, list)), SymbolKind.Method);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, AnalyzerControlList list)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            // The implementation part of a partial method shares the definition's attributes: one site, one finding.
            return;
        }

        string? library = null;
        AttributeData? attribute = null;
        if (method.GetDllImportData() is { ModuleName: { } module })
        {
            library = module;
            attribute = FindAttribute(method, DllImportAttribute);
        }
        else if (FindAttribute(method, LibraryImportAttribute) is { } libraryImport
            && libraryImport.ConstructorArguments.Length > 0
            && libraryImport.ConstructorArguments[0].Value is string name)
        {
            library = name;
            attribute = libraryImport;
        }

        if (library is null || list.MatchNativeLibrary(library) is not { } entry)
        {
            return;
        }

        var location = attribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? (method.Locations.Length > 0 ? method.Locations[0] : Location.None);
        var kind = attribute?.AttributeClass?.Name == "LibraryImportAttribute" ? "LibraryImport" : "DllImport";
        Findings.Report(context, entry, DiagnosticIds.NativeGpuLibrary, location, $"{kind}({Findings.Quote(library)})");
    }

    private static AttributeData? FindAttribute(IMethodSymbol method, string fullName)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == fullName)
            {
                return attribute;
            }
        }

        return null;
    }
}
