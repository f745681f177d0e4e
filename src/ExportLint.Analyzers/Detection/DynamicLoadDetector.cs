using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds controlled components reached by name (EXL0006): <c>Type.GetType("LLama.LLamaWeights, LLamaSharp")</c>,
/// <c>Assembly.GetType(…)</c>, <c>Assembly.Load("TorchSharp")</c>, <c>Assembly.LoadFrom/LoadFile(path)</c> and
/// <c>Activator.CreateInstance(assemblyName, typeName)</c>, with constant arguments. A type name is matched against
/// the list's API patterns, an assembly name against its <c>assemblies:</c>. Called by
/// <see cref="Analyzers.ControlledApiAnalyzer"/> on its one walk of invocations.
/// </summary>
internal sealed class DynamicLoadDetector
{
    private readonly Targets _targets;

    private DynamicLoadDetector(Targets targets) => _targets = targets;

    /// <summary>The detector for one compilation, or null when the list names no API and no assembly.</summary>
    public static DynamicLoadDetector? For(Compilation compilation, AnalyzerControlList list)
    {
        if (!list.HasApis && !list.HasAssemblies)
        {
            return null;
        }

        return new DynamicLoadDetector(new Targets(
            compilation.GetTypeByMetadataName("System.Type"),
            compilation.GetTypeByMetadataName("System.Reflection.Assembly"),
            compilation.GetTypeByMetadataName("System.Activator"),
            compilation.GetTypeByMetadataName("System.AppDomain"),
            compilation.GetTypeByMetadataName("System.Runtime.Loader.AssemblyLoadContext")));
    }

    /// <summary>Reports the invocation if it reaches a controlled component by name.</summary>
    public void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list)
    {
        var targets = _targets;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null || !targets.All.Contains(type))
        {
            // The common case: one hash look-up instead of a comparison with each reflection type.
            return;
        }

        string? typeName = null;
        string? assemblyName = null;
        string? shown = null;

        if (Is(type, targets.Type) && method.Name == "GetType" && method.IsStatic)
        {
            typeName = Argument(invocation, "typeName");
            shown = typeName;
        }
        else if (Is(type, targets.Assembly) && method.Name == "GetType" && !method.IsStatic)
        {
            typeName = Argument(invocation, "name");
            shown = typeName;
        }
        else if (Is(type, targets.Assembly) && method.Name is "Load" or "LoadWithPartialName" && method.IsStatic)
        {
            assemblyName = Argument(invocation, "assemblyString") ?? Argument(invocation, "partialName");
            shown = assemblyName;
        }
        else if ((Is(type, targets.Assembly) && method.Name is "LoadFrom" or "LoadFile" or "UnsafeLoadFrom")
            || (Is(type, targets.AssemblyLoadContext) && method.Name is "LoadFromAssemblyPath" or "LoadFromNativeImagePath"))
        {
            shown = Argument(invocation, "assemblyFile") ?? Argument(invocation, "path") ?? Argument(invocation, "assemblyPath") ?? Argument(invocation, "nativeImagePath");
            assemblyName = shown is null ? null : AssemblyNameOfFile(shown);
        }
        else if (Is(type, targets.AppDomain) && method.Name == "Load")
        {
            assemblyName = Argument(invocation, "assemblyString");
            shown = assemblyName;
        }
        else if ((Is(type, targets.Activator) || Is(type, targets.AppDomain)) && method.Name is "CreateInstance" or "CreateInstanceFrom" or "CreateInstanceAndUnwrap" or "CreateInstanceFromAndUnwrap")
        {
            typeName = Argument(invocation, "typeName");
            var assembly = Argument(invocation, "assemblyName") ?? Argument(invocation, "assemblyFile");
            assemblyName = assembly is null ? null : method.Name.Contains("From") ? AssemblyNameOfFile(assembly) : assembly;
            shown = assembly is null ? typeName : typeName is null ? assembly : $"{assembly}\", \"{typeName}";
        }

        if (shown is null)
        {
            return;
        }

        Entry? entry = null;
        if (typeName is not null)
        {
            var split = SplitTypeName(typeName);
            assemblyName ??= split.Assembly;
            if (split.Chain.Length > 0 && list.HasApis)
            {
                entry = list.Resolved.Apis.EntryForTypeName(split.Chain);
            }
        }

        if (entry is null && assemblyName is not null)
        {
            var simpleName = assemblyName.Split(',')[0].Trim();
            entry = list.MatchAssembly(simpleName);
        }

        if (entry is null)
        {
            return;
        }

        Findings.Report(context.ReportDiagnostic, entry, DiagnosticIds.DynamicLoad, OperationFacts.NameLocation(invocation.Syntax), $"{type.Name}.{method.Name}({Findings.Quote(shown)})");
    }

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? target) => target is not null && SymbolEqualityComparer.Default.Equals(type, target);

    private static string? Argument(IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.Value.ConstantValue is { HasValue: true, Value: string value })
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>"LLama.LLamaWeights, LLamaSharp, Version=…" → the type's name chain and the assembly's simple name.</summary>
    internal static (string[] Chain, string? Assembly) SplitTypeName(string text)
    {
        // Generic arguments ("[[…]]") and arity ("`1") do not name the type.
        var bracket = text.IndexOf('[');
        var name = bracket >= 0 ? text.Substring(0, bracket) + (text.LastIndexOf(']') is var close && close > bracket ? text.Substring(close + 1) : string.Empty) : text;
        string? assembly = null;
        var comma = name.IndexOf(',');
        if (comma >= 0)
        {
            assembly = name.Substring(comma + 1).Split(',')[0].Trim();
            name = name.Substring(0, comma);
        }

        var chain = name.Trim().Split('.', '+')
            .Select(s => s.IndexOf('`') is var tick && tick >= 0 ? s.Substring(0, tick) : s)
            .Where(s => s.Length > 0)
            .ToArray();
        return (chain, string.IsNullOrEmpty(assembly) ? null : assembly);
    }

    private static string AssemblyNameOfFile(string path)
    {
        var normalized = path.Replace('\\', '/');
        var fileName = normalized.Substring(normalized.LastIndexOf('/') + 1);
        return fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? fileName.Substring(0, fileName.Length - 4)
            : fileName;
    }

    private sealed record Targets(INamedTypeSymbol? Type, INamedTypeSymbol? Assembly, INamedTypeSymbol? Activator, INamedTypeSymbol? AppDomain, INamedTypeSymbol? AssemblyLoadContext)
    {
        /// <summary>The reflection types, for the one look-up that rules out almost every invocation.</summary>
        public ImmutableHashSet<ISymbol> All { get; } = ImmutableHashSet.CreateRange<ISymbol>(
            SymbolEqualityComparer.Default,
            new ISymbol?[] { Type, Assembly, Activator, AppDomain, AssemblyLoadContext }.Where(t => t is not null)!);
    }
}
