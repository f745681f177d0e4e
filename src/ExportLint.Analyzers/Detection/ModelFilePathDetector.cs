using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds constant paths to model-weight files (.gguf, .safetensors, .onnx, .pt, …) that flow into a file API
/// (<c>File.*</c>, <c>FileStream</c>, <c>FileInfo</c>, <c>StreamReader</c>) or into a string parameter of an API the
/// list controls (EXL0007). A path that only appears in a log message is not a finding. Called by
/// <see cref="Analyzers.ControlledApiAnalyzer"/> on its one walk of invocations and creations.
/// </summary>
internal sealed class ModelFilePathDetector
{
    private readonly ImmutableHashSet<INamedTypeSymbol> _fileTypes;

    private ModelFilePathDetector(ImmutableHashSet<INamedTypeSymbol> fileTypes) => _fileTypes = fileTypes;

    private static readonly string[] FileTypeNames =
    [
        "System.IO.File",
        "System.IO.FileStream",
        "System.IO.FileInfo",
        "System.IO.StreamReader",
        "System.IO.StreamWriter",
        "System.IO.MemoryMappedFiles.MemoryMappedFile",
    ];

    /// <summary>The detector for one compilation, or null when the list names no model files.</summary>
    public static ModelFilePathDetector? For(Compilation compilation, AnalyzerControlList list)
    {
        if (!list.HasFiles)
        {
            return null;
        }

        return new ModelFilePathDetector(ImmutableHashSet.CreateRange<INamedTypeSymbol>(
            SymbolEqualityComparer.Default,
            FileTypeNames
                .Select(compilation.GetTypeByMetadataName)
                .Where(t => t is not null)!));
    }

    /// <summary>Reports constant weight-file paths given to a file API or to a controlled API.</summary>
    public void Analyze(OperationAnalysisContext context, IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments, AnalyzerControlList list, ApiMatcher matcher)
    {
        var fileTypes = _fileTypes;

        if (method is null || arguments.IsEmpty)
        {
            return;
        }

        bool? consumesFiles = null;
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Type.SpecialType != SpecialType.System_String
                || argument.Value.ConstantValue is not { HasValue: true, Value: string path }
                || argument.IsImplicit && argument.ArgumentKind == ArgumentKind.DefaultValue
                || list.MatchPath(path) is not { } entry)
            {
                continue;
            }

            consumesFiles ??= fileTypes.Contains(method.ContainingType.OriginalDefinition) || matcher.Match(method, out _) is not null;
            if (consumesFiles == true)
            {
                Findings.Report(context.ReportDiagnostic, entry, DiagnosticIds.ModelFilePath, argument.Value.Syntax.GetLocation(), Findings.Quote(path));
            }
        }
    }
}
