using System.Collections.Immutable;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds controlled components reached by name (EXL0006): <c>Type.GetType("LLama.LLamaWeights, LLamaSharp")</c>,
/// <c>Assembly.GetType(…)</c>, <c>Assembly.Load("TorchSharp")</c> and <c>Load(new AssemblyName("TorchSharp"))</c>,
/// <c>AssemblyLoadContext.LoadFromAssemblyName</c>, <c>Assembly.LoadFrom/LoadFile(path)</c>,
/// <c>Activator.CreateInstance(assemblyName, typeName)</c>; and controlled members looked up on a type the code names:
/// <c>typeof(X).GetMethod("LoadFromFile")</c> (and <c>GetProperty</c>, <c>GetField</c>, <c>GetEvent</c>,
/// <c>GetMember</c>, <c>GetConstructor</c>, <c>InvokeMember</c>, <c>GetTypeInfo().GetDeclared*</c>,
/// <c>GetRuntime*</c>), <c>Delegate.CreateDelegate(…, typeof(X), "LoadFromFile")</c>,
/// <c>Activator.CreateInstance(typeof(X), …)</c> and <c>CreateInstance&lt;X&gt;()</c>. Names are read with
/// <see cref="ConstantValues"/> (constants, <c>nameof</c>, locals, <c>?:</c>, <c>??</c>, readonly fields); a type
/// through <c>typeof</c>, <c>GetTypeInfo()</c> or a local. A type name is matched against the list's API patterns, an
/// assembly name against its <c>assemblies:</c>, a member through the same matcher as a call. Called by
/// <see cref="Analyzers.ControlledApiAnalyzer"/> on its one walk of invocations, only for a handful of method names.
/// </summary>
/// <remarks>
/// Not found: a <c>Type</c> that comes from elsewhere (a parameter, <c>obj.GetType()</c>, a generic type parameter
/// such as <c>Activator.CreateInstance&lt;T&gt;()</c> inside a wrapper), and names built outside the method.
/// </remarks>
internal static class DynamicLoadDetector
{
    /// <summary>Whether there is anything to find: whether the list names an API or an assembly.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasApis || list.HasAssemblies;

    /// <summary>Reports the invocation if it reaches a controlled component by name.</summary>
    public static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list, ApiMatcher matcher)
    {
        var method = invocation.TargetMethod;

        // The common case is ruled out by the method's name (a handful of names, by length and first character),
        // then by the name of its type; only then is an argument read.
        if (!IsCandidateName(method.Name))
        {
            return;
        }

        var type = ReflectionTypeOf(method.ContainingType);
        if (type == ReflectionType.None)
        {
            return;
        }

        if (IsMemberLookup(type, method))
        {
            AnalyzeMemberLookup(context, invocation, method, list, matcher);
            return;
        }

        List<string>? typeNames = null;
        List<string>? assemblyNames = null;
        var assemblyIsFile = false;

        if (type == ReflectionType.Type && method.Name == "GetType" && method.IsStatic)
        {
            typeNames = Argument(invocation, "typeName");
        }
        else if (type == ReflectionType.Assembly && method.Name == "GetType" && !method.IsStatic)
        {
            typeNames = Argument(invocation, "name");
        }
        else if ((type == ReflectionType.Assembly && method.Name is "Load" or "LoadWithPartialName" && method.IsStatic)
            || (type == ReflectionType.AppDomain && method.Name == "Load")
            || (type == ReflectionType.AssemblyLoadContext && method.Name == "LoadFromAssemblyName"))
        {
            assemblyNames = Argument(invocation, "assemblyString") ?? Argument(invocation, "partialName") ?? AssemblyNameArgument(invocation);
        }
        else if ((type == ReflectionType.Assembly && method.Name is "LoadFrom" or "LoadFile" or "UnsafeLoadFrom")
            || (type == ReflectionType.AssemblyLoadContext && method.Name is "LoadFromAssemblyPath" or "LoadFromNativeImagePath"))
        {
            assemblyNames = Argument(invocation, "assemblyFile") ?? Argument(invocation, "path") ?? Argument(invocation, "assemblyPath") ?? Argument(invocation, "nativeImagePath");
            assemblyIsFile = true;
        }
        else if ((type == ReflectionType.Activator || type == ReflectionType.AppDomain) && method.Name is "CreateInstance" or "CreateInstanceFrom" or "CreateInstanceAndUnwrap" or "CreateInstanceFromAndUnwrap")
        {
            if (type == ReflectionType.Activator && method.Name == "CreateInstance" && CreatedTypes(invocation, method) is { Count: > 0 } created)
            {
                // Activator.CreateInstance(typeof(InferenceSession), …) and CreateInstance<T>(): the type's constructors.
                foreach (var createdType in created)
                {
                    if (AnalyzeConstruction(context, invocation, method, createdType, list, matcher))
                    {
                        break;
                    }
                }

                return;
            }

            typeNames = Argument(invocation, "typeName");
            assemblyNames = Argument(invocation, "assemblyName") ?? Argument(invocation, "assemblyFile");
            assemblyIsFile = method.Name.Contains("From");
        }

        if (typeNames is null && assemblyNames is null)
        {
            return;
        }

        // The first name (type, then assembly) that falls under an entry is the finding.
        foreach (var typeName in typeNames ?? [])
        {
            var split = SplitTypeName(typeName);
            var entry = split.Chain.Length > 0 && list.HasApis ? list.Resolved.Apis.EntryForTypeName(split.Chain) : null;
            if (entry is null && (assemblyNames is null || assemblyNames.Count == 0) && split.Assembly is { } inName)
            {
                entry = list.MatchAssembly(inName);
            }

            if (entry is not null)
            {
                Report(context, invocation, method, entry, assemblyNames is { Count: > 0 } ? $"{assemblyNames[0]}\", \"{typeName}" : typeName);
                return;
            }
        }

        foreach (var assembly in assemblyNames ?? [])
        {
            var simpleName = (assemblyIsFile ? AssemblyNameOfFile(assembly) : assembly).Split(',')[0].Trim();
            if (simpleName.Length > 0 && list.MatchAssembly(simpleName) is { } entry)
            {
                Report(context, invocation, method, entry, typeNames is { Count: > 0 } ? $"{assembly}\", \"{typeNames[0]}" : assembly);
                return;
            }
        }
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, IMethodSymbol method, Entry entry, string shown) =>
        Findings.Report(context, entry, DiagnosticIds.DynamicLoad, OperationFacts.NameLocation(invocation.Syntax), $"{method.ContainingType.Name}.{method.Name}({Findings.Quote(shown)})");

    // Every method name this detector reads; anything else returns before its type is looked at. The first character
    // rules out most names before the switch hashes the name.
    private static bool IsCandidateName(string name) => name.Length >= 4 && name[0] is ('G' or 'L' or 'C' or 'U' or 'I') && name switch
    {
        "GetType" or "Load" or "LoadWithPartialName" or "LoadFrom" or "LoadFile" or "UnsafeLoadFrom" => true,
        "LoadFromAssemblyPath" or "LoadFromNativeImagePath" or "LoadFromAssemblyName" => true,
        "CreateInstance" or "CreateInstanceFrom" or "CreateInstanceAndUnwrap" or "CreateInstanceFromAndUnwrap" => true,
        "GetMethod" or "GetProperty" or "GetField" or "GetEvent" or "GetMember" or "GetConstructor" or "InvokeMember" => true,
        "GetDeclaredMethod" or "GetDeclaredMethods" or "GetDeclaredProperty" or "GetDeclaredField" or "GetDeclaredEvent" => true,
        "GetRuntimeMethod" or "GetRuntimeProperty" or "GetRuntimeField" or "GetRuntimeEvent" or "CreateDelegate" => true,
        _ => false,
    };

    private static bool IsMemberLookup(ReflectionType type, IMethodSymbol method) => type switch
    {
        ReflectionType.Type or ReflectionType.TypeInfo => method.Name is not "GetType" && !method.IsStatic,
        ReflectionType.RuntimeReflectionExtensions => method.Name.StartsWith("GetRuntime", StringComparison.Ordinal),
        ReflectionType.Delegate => method.Name == "CreateDelegate",
        _ => false,
    };

    /// <summary>
    /// <c>typeof(X).GetMethod("LoadFromFile")</c> (also through <c>nameof</c>, a constant or a local),
    /// <c>GetTypeInfo().GetDeclaredMethod</c>, <c>GetRuntimeMethod</c>, <c>GetConstructor</c>, <c>InvokeMember</c> and
    /// <c>Delegate.CreateDelegate(…, typeof(X), "LoadFromFile")</c>: the members of X (and its base types) by that name.
    /// </summary>
    private static void AnalyzeMemberLookup(OperationAnalysisContext context, IInvocationOperation invocation, IMethodSymbol method, AnalyzerControlList list, ApiMatcher matcher)
    {
        if (!list.HasApis)
        {
            return;
        }

        IOperation? receiver;
        IOperation? nameArgument = null;
        if (method.Name == "CreateDelegate")
        {
            receiver = ArgumentValue(invocation, "target");
            nameArgument = ArgumentValue(invocation, "method");
        }
        else if (method.IsStatic)
        {
            // RuntimeReflectionExtensions.GetRuntimeMethod(this Type type, string name, …).
            receiver = ArgumentValue(invocation, "type");
            nameArgument = ArgumentValue(invocation, "name");
        }
        else
        {
            receiver = invocation.Instance;
            nameArgument = method.Name == "GetConstructor" ? null : ArgumentValue(invocation, "name");
            if (nameArgument is null && method.Name != "GetConstructor")
            {
                return;
            }
        }

        var types = new List<INamedTypeSymbol>();
        if (receiver is null)
        {
            return;
        }

        TypesOf(receiver, types, 0);
        if (types.Count == 0)
        {
            return;
        }

        var names = nameArgument is null ? [".ctor"] : ConstantValues.MayResolve(nameArgument) ? ConstantValues.Of(nameArgument) : [];
        var ignoreCase = IgnoresCase(invocation);
        foreach (var type in types)
        {
            foreach (var name in names)
            {
                Entry? best = null;
                ISymbol? bestMember = null;
                for (var current = type; current is not null && best is null; current = current.BaseType)
                {
                    foreach (var member in ignoreCase ? current.GetMembers() : current.GetMembers(name))
                    {
                        if ((!ignoreCase || string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
                            && matcher.Match(member, out var matched) is { } entry && list.Resolved.IsPreferred(entry, best))
                        {
                            best = entry;
                            bestMember = matched;
                        }
                    }
                }

                if (best is not null)
                {
                    Findings.Report(context, best, DiagnosticIds.DynamicLoad, OperationFacts.NameLocation(invocation.Syntax), $"{method.ContainingType.Name}.{method.Name}({matcher.Describe(bestMember!)})");
                    return;
                }
            }
        }
    }

    /// <summary>Whether the look-up ignores case: <c>BindingFlags.IgnoreCase</c>, or <c>ignoreCase: true</c>.</summary>
    private static bool IgnoresCase(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.Name == "ignoreCase" && argument.Value.ConstantValue is { HasValue: true, Value: true })
            {
                return true;
            }

            if (parameter.Type.Name == "BindingFlags" && argument.Value.ConstantValue is { HasValue: true, Value: int flags } && (flags & 1) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnalyzeConstruction(OperationAnalysisContext context, IInvocationOperation invocation, IMethodSymbol method, INamedTypeSymbol type, AnalyzerControlList list, ApiMatcher matcher)
    {
        if (!list.HasApis)
        {
            return false;
        }

        Entry? best = null;
        ISymbol? bestMember = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (matcher.Match(constructor, out var matched) is { } entry && list.Resolved.IsPreferred(entry, best))
            {
                best = entry;
                bestMember = matched;
            }
        }

        if (best is null)
        {
            return false;
        }

        Findings.Report(context, best, DiagnosticIds.DynamicLoad, OperationFacts.NameLocation(invocation.Syntax), $"{method.ContainingType.Name}.{method.Name}({matcher.Describe(bestMember!)})");
        return true;
    }

    /// <summary>The types <c>Activator.CreateInstance</c> may create: its type argument, or the types given as <c>type</c>.</summary>
    private static List<INamedTypeSymbol>? CreatedTypes(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.IsGenericMethod)
        {
            return method.TypeArguments.Length == 1 && method.TypeArguments[0] is INamedTypeSymbol argument ? [argument] : null;
        }

        if (ArgumentValue(invocation, "type") is not { } value)
        {
            return null;
        }

        var types = new List<INamedTypeSymbol>();
        TypesOf(value, types, 0);
        return types;
    }

    /// <summary>
    /// The types a <c>System.Type</c> expression may stand for, within the method: <c>typeof(X)</c>, <c>.GetTypeInfo()</c>,
    /// both sides of <c>?:</c> and <c>??</c>, a local (each value the body gives it). Controlled types first.
    /// </summary>
    private static void TypesOf(IOperation operation, List<INamedTypeSymbol> into, int depth)
    {
        if (depth > ConstantValues.MaxDepth || into.Count >= ConstantValues.MaxValues)
        {
            return;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                TypesOf(conversion.Operand, into, depth + 1);
                break;
            case IParenthesizedOperation parenthesized:
                TypesOf(parenthesized.Operand, into, depth + 1);
                break;
            case ITypeOfOperation { TypeOperand: INamedTypeSymbol type }:
                into.Add(type);
                break;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                TypesOf(conditional.WhenTrue, into, depth + 1);
                TypesOf(whenFalse, into, depth + 1);
                break;
            case ICoalesceOperation coalesce:
                TypesOf(coalesce.Value, into, depth + 1);
                TypesOf(coalesce.WhenNull, into, depth + 1);
                break;
            case IInvocationOperation { TargetMethod.Name: "GetTypeInfo", Arguments.Length: 1 } getTypeInfo:
                TypesOf(getTypeInfo.Arguments[0].Value, into, depth + 1);
                break;
            case ILocalReferenceOperation local:
                foreach (var value in ConstantValues.AssignedValues(local))
                {
                    TypesOf(value, into, depth + 1);
                }

                break;
        }
    }

    private static IOperation? ArgumentValue(IInvocationOperation invocation, string parameterName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The strings a string argument may have (null when there is no such argument or none is known).</summary>
    private static List<string>? Argument(IInvocationOperation invocation, string parameterName)
    {
        if (ArgumentValue(invocation, parameterName) is not { } value || value.Type?.SpecialType != SpecialType.System_String || !ConstantValues.MayResolve(value))
        {
            return null;
        }

        var values = ConstantValues.Of(value);
        return values.Count == 0 ? null : values;
    }

    /// <summary>The names an <c>AssemblyName</c> argument may carry: <c>new AssemblyName("X")</c>, <c>new AssemblyName { Name = "X" }</c>, through a local.</summary>
    private static List<string>? AssemblyNameArgument(IInvocationOperation invocation)
    {
        IOperation? value = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0 } parameter && KnownType.Is(parameter.Type, "System.Reflection", "AssemblyName"))
            {
                value = argument.Value;
            }
        }

        if (value is null)
        {
            return null;
        }

        var values = new List<string>();
        AssemblyNames(value, values, 0);
        return values.Count == 0 ? null : values;
    }

    private static void AssemblyNames(IOperation operation, List<string> into, int depth)
    {
        if (depth > ConstantValues.MaxDepth)
        {
            return;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                AssemblyNames(conversion.Operand, into, depth + 1);
                break;
            case IObjectCreationOperation creation when KnownType.Is(creation.Type, "System.Reflection", "AssemblyName"):
                foreach (var argument in creation.Arguments)
                {
                    into.AddRange(ConstantValues.Of(argument.Value));
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Name" } } assignment)
                        {
                            into.AddRange(ConstantValues.Of(assignment.Value));
                        }
                    }
                }

                break;
            case ILocalReferenceOperation local:
                foreach (var value in ConstantValues.AssignedValues(local))
                {
                    AssemblyNames(value, into, depth + 1);
                }

                break;
        }
    }

    private static ReflectionType ReflectionTypeOf(INamedTypeSymbol? type) => type?.Name switch
    {
        "TypeInfo" when KnownType.Is(type, "System.Reflection", "TypeInfo") => ReflectionType.TypeInfo,
        "Delegate" when KnownType.Is(type, "System", "Delegate") => ReflectionType.Delegate,
        "RuntimeReflectionExtensions" when KnownType.Is(type, "System.Reflection", "RuntimeReflectionExtensions") => ReflectionType.RuntimeReflectionExtensions,
        "Type" when KnownType.Is(type, "System", "Type") => ReflectionType.Type,
        "Assembly" when KnownType.Is(type, "System.Reflection", "Assembly") => ReflectionType.Assembly,
        "Activator" when KnownType.Is(type, "System", "Activator") => ReflectionType.Activator,
        "AppDomain" when KnownType.Is(type, "System", "AppDomain") => ReflectionType.AppDomain,
        "AssemblyLoadContext" when KnownType.Is(type, "System.Runtime.Loader", "AssemblyLoadContext") => ReflectionType.AssemblyLoadContext,
        _ => ReflectionType.None,
    };

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
        TypeInfo,
        Delegate,
        RuntimeReflectionExtensions,
    }
}
