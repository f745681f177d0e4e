using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

        // NativeLibrary.Load/TryLoad and dlopen/LoadLibrary calls are found by NativeLibraryLoadDetector, on
        // ControlledApiAnalyzer's one walk of invocations: one callback per invocation for the whole of ExportLint.
        context.RegisterSymbolAction(actions.Of(c => AnalyzeMethod(c, list)), SymbolKind.Method);

        // Local functions are not symbols the compiler hands to symbol actions: an extern local function with
        // [DllImport] is found through its declaration's operation (rare, so the callback costs nothing in practice).
        context.RegisterOperationAction(actions.Of(c => AnalyzeLocalFunction(c, list)), OperationKind.LocalFunction);
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, AnalyzerControlList list)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            // The implementation part of a partial method shares the definition's attributes: one site, one finding.
            return;
        }

        if (!MayImport(method))
        {
            return;
        }

        if (Find(method, list, context.CancellationToken) is { } found)
        {
            Findings.Report(context, found.Entry, DiagnosticIds.NativeGpuLibrary, found.Location, found.What);
        }
    }

    private static void AnalyzeLocalFunction(OperationAnalysisContext context, AnalyzerControlList list)
    {
        var method = ((ILocalFunctionOperation)context.Operation).Symbol;

        // The LibraryImport generator binds a non-blittable signature through a [DllImport] local function inside
        // the implementation it writes: that import is the user's [LibraryImport], reported at their declaration.
        if (method.ContainingSymbol is IMethodSymbol container && FindAttribute(container, LibraryImportAttribute) is not null)
        {
            return;
        }

        if (Find(method, list, context.CancellationToken) is { } found)
        {
            Findings.Report(context, found.Entry, DiagnosticIds.NativeGpuLibrary, found.Location, found.What);
        }
    }

    /// <summary>
    /// The controlled library a method imports. <c>[LibraryImport]</c> first: the generator's implementation of a
    /// blittable one carries a <c>[DllImport]</c> of its own (in LibraryImports.g.cs), and the finding belongs at the
    /// user's declaration, once.
    /// </summary>
    private static (Entry Entry, Location Location, string What)? Find(IMethodSymbol method, AnalyzerControlList list, CancellationToken cancellationToken)
    {
        string? library = null;
        AttributeData? attribute;
        string kind;
        if (FindAttribute(method, LibraryImportAttribute) is { } libraryImport)
        {
            attribute = libraryImport;
            kind = "LibraryImport";
            if (libraryImport.ConstructorArguments.Length > 0 && libraryImport.ConstructorArguments[0].Value is string name)
            {
                library = name;
            }
        }
        else if (method.GetDllImportData() is { ModuleName: { } module })
        {
            library = module;
            attribute = FindAttribute(method, DllImportAttribute);
            kind = "DllImport";
        }
        else
        {
            return null;
        }

        if (library is null || list.MatchNativeLibrary(library) is not { } entry)
        {
            return null;
        }

        var location = attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation()
            ?? (method.Locations.Length > 0 ? method.Locations[0] : Location.None);
        return (entry, location, $"{kind}({Findings.Quote(library)})");
    }

    /// <summary>
    /// Whether a method may carry [DllImport] or [LibraryImport]: an extern method, a partial definition, or one
    /// whose declaration has attributes at all. Every other method is left without asking for its attributes, which
    /// binds them (the analyzer that asks first pays); most methods have none.
    /// </summary>
    private static bool MayImport(IMethodSymbol method)
    {
        if (method.IsExtern || method.IsPartialDefinition)
        {
            return true;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax())
            {
                case MemberDeclarationSyntax { AttributeLists.Count: 0 }:
                case AccessorDeclarationSyntax { AttributeLists.Count: 0 }:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    private static AttributeData? FindAttribute(IMethodSymbol method, string fullName)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && fullName.EndsWith(type.Name, StringComparison.Ordinal) && type.ToDisplayString() == fullName)
            {
                return attribute;
            }
        }

        return null;
    }
}
