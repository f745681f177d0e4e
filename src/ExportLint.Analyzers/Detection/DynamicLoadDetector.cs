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
internal static class DynamicLoadDetector
{
    /// <summary>Whether there is anything to find: whether the list names an API or an assembly.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasApis || list.HasAssemblies;

    /// <summary>Reports the invocation if it reaches a controlled component by name.</summary>
    public static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list)
    {
        var method = invocation.TargetMethod;

        // The common case is ruled out by the name of the method's type (five names, compared by length first).
        var type = ReflectionTypeOf(method.ContainingType);
        if (type == ReflectionType.None)
        {
            return;
        }

        string? typeName = null;
        string? assemblyName = null;
        string? shown = null;

        if (type == ReflectionType.Type && method.Name == "GetType" && method.IsStatic)
        {
            typeName = Argument(invocation, "typeName");
            shown = typeName;
        }
        else if (type == ReflectionType.Assembly && method.Name == "GetType" && !method.IsStatic)
        {
            typeName = Argument(invocation, "name");
            shown = typeName;
        }
        else if (type == ReflectionType.Assembly && method.Name is "Load" or "LoadWithPartialName" && method.IsStatic)
        {
            assemblyName = Argument(invocation, "assemblyString") ?? Argument(invocation, "partialName");
            shown = assemblyName;
        }
        else if ((type == ReflectionType.Assembly && method.Name is "LoadFrom" or "LoadFile" or "UnsafeLoadFrom")
            || (type == ReflectionType.AssemblyLoadContext && method.Name is "LoadFromAssemblyPath" or "LoadFromNativeImagePath"))
        {
            shown = Argument(invocation, "assemblyFile") ?? Argument(invocation, "path") ?? Argument(invocation, "assemblyPath") ?? Argument(invocation, "nativeImagePath");
            assemblyName = shown is null ? null : AssemblyNameOfFile(shown);
        }
        else if (type == ReflectionType.AppDomain && method.Name == "Load")
        {
            assemblyName = Argument(invocation, "assemblyString");
            shown = assemblyName;
        }
        else if ((type == ReflectionType.Activator || type == ReflectionType.AppDomain) && method.Name is "CreateInstance" or "CreateInstanceFrom" or "CreateInstanceAndUnwrap" or "CreateInstanceFromAndUnwrap")
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

        Findings.Report(context, entry, DiagnosticIds.DynamicLoad, OperationFacts.NameLocation(invocation.Syntax), $"{method.ContainingType.Name}.{method.Name}({Findings.Quote(shown)})");
    }

    private static ReflectionType ReflectionTypeOf(INamedTypeSymbol? type) => type?.Name switch
    {
        "Type" when KnownType.Is(type, "System", "Type") => ReflectionType.Type,
        "Assembly" when KnownType.Is(type, "System.Reflection", "Assembly") => ReflectionType.Assembly,
        "Activator" when KnownType.Is(type, "System", "Activator") => ReflectionType.Activator,
        "AppDomain" when KnownType.Is(type, "System", "AppDomain") => ReflectionType.AppDomain,
        "AssemblyLoadContext" when KnownType.Is(type, "System.Runtime.Loader", "AssemblyLoadContext") => ReflectionType.AssemblyLoadContext,
        _ => ReflectionType.None,
    };

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

    private enum ReflectionType
    {
        None,
        Type,
        Assembly,
        Activator,
        AppDomain,
        AssemblyLoadContext,
    }
}
