using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
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
internal static class ModelFilePathDetector
{
    /// <summary>Whether there is anything to find: whether the list names model files.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasFiles;

    /// <summary>Reports constant weight-file paths given to a file API or to a controlled API.</summary>
    /// <remarks>
    /// A path matched by a kind's extension alone must go to a model-loading or file-reading call; a weak extension
    /// (<c>.pt</c>, <c>.pkl</c>, <c>.h5</c> …) needs a model-loading call or a model-like name as well
    /// (<see cref="PathConstantEvidence"/>), so that <c>File.ReadAllText("i18n/messages.pt")</c> is not a finding.
    /// </remarks>
    public static void Analyze(OperationAnalysisContext context, IMethodSymbol? method, ImmutableArray<IArgumentOperation> arguments, AnalyzerControlList list, ApiMatcher matcher)
    {
        if (method is null || arguments.IsEmpty)
        {
            return;
        }

        PathConstantUse? use = null;
        var decided = false;
        foreach (var argument in arguments)
        {
            // Cheapest first: most arguments are not strings (and reading a numeric constant boxes it), most strings
            // are not constants, and most constant strings do not end like a model file (the list's path index rules
            // them out by their last character). The first look-up is the most permissive one (a model API).
            var value = argument.Value;
            if (value.Type is not { SpecialType: SpecialType.System_String }
                || !list.HasFiles
                || argument.Parameter?.Type.SpecialType != SpecialType.System_String
                || argument.IsImplicit && argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            string path;
            (Entry Entry, FilePattern Pattern)? match = null;
            if (value.ConstantValue is { HasValue: true } constant)
            {
                if (constant.Value is not string text || list.Resolved.MatchPathConstant(text, PathConstantUse.ModelApi) is not { } found)
                {
                    continue;
                }

                path = text;
                match = found;
            }
            else if (ConstantValues.MayResolve(value))
            {
                // A path put together in the method (Path.Combine, interpolation, a local, a readonly field): read only
                // once the call is known to load models or read files.
                path = string.Empty;
            }
            else
            {
                continue;
            }

            if (!decided)
            {
                decided = true;
                use = matcher.Match(method, out _) is not null ? PathConstantUse.ModelApi
                    : IsFileApi(method.ContainingType) ? PathConstantUse.FileApi
                    : null;
            }

            if (use is not { } how)
            {
                return;
            }

            if (match is null)
            {
                foreach (var candidate in ConstantValues.Of(value))
                {
                    if (list.Resolved.MatchPathConstant(candidate, how) is { } found)
                    {
                        path = candidate;
                        match = found;
                        break;
                    }
                }

                if (match is null)
                {
                    continue;
                }
            }

            var entry = how == PathConstantUse.ModelApi ? match.Value.Entry : list.Resolved.MatchPathConstant(path, how)?.Entry;
            if (entry is not null)
            {
                Findings.Report(context, entry, DiagnosticIds.ModelFilePath, value.Syntax.GetLocation(), Findings.Quote(path));
            }
        }
    }

    private static bool IsFileApi(INamedTypeSymbol? type) =>
        type?.Name switch
        {
            "File" or "FileStream" or "FileInfo" or "StreamReader" or "StreamWriter" => KnownType.Is(type, "System.IO", type.Name),
            "MemoryMappedFile" => KnownType.Is(type, "System.IO.MemoryMappedFiles", "MemoryMappedFile"),
            _ => false,
        };
}
