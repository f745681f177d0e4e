using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Analyzers;

/// <summary>
/// Finds constant paths to model-weight files (.gguf, .safetensors, .onnx, .pt, …) that flow into a file API
/// (<c>File.*</c>, <c>FileStream</c>, <c>FileInfo</c>, <c>StreamReader</c>) or into a string parameter of an API the
/// list controls (EXL0007). A path that only appears in a log message is not a finding.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class ModelFilePathAnalyzer : ControlListAnalyzer
{
    private static readonly string[] FileTypeNames =
    [
        "System.IO.File",
        "System.IO.FileStream",
        "System.IO.FileInfo",
        "System.IO.StreamReader",
        "System.IO.StreamWriter",
        "System.IO.MemoryMappedFiles.MemoryMappedFile",
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ModelFilePath);

    protected override void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list)
    {
        if (!list.HasFiles)
        {
            return;
        }

        var compilation = context.Compilation;
        var fileTypes = ImmutableHashSet.CreateRange<INamedTypeSymbol>(
            SymbolEqualityComparer.Default,
            FileTypeNames
                .Select(compilation.GetTypeByMetadataName)
                .Where(t => t is not null)!);
        var matcher = list.MatcherFor(compilation);
        context.RegisterOperationAction(
            Guard.Wrap<OperationAnalysisContext>(c => Analyze(c, list, matcher, fileTypes)),
            OperationKind.Invocation,
            OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, AnalyzerControlList list, ApiMatcher matcher, ImmutableHashSet<INamedTypeSymbol> fileTypes)
    {
        var (method, arguments) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };

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
