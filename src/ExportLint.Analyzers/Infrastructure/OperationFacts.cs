using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>Small questions about operations the analyzers share.</summary>
internal static class OperationFacts
{
    /// <summary>The operation that consumes a value, looking through conversions and parentheses.</summary>
    public static IOperation? Consumer(IOperation operation, out IOperation value)
    {
        value = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            value = parent;
            parent = parent.Parent;
        }

        return parent;
    }

    /// <summary>Whether the operation stands inside <c>nameof(…)</c>, where nothing is called.</summary>
    public static bool IsInNameOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where a finding on a member use is shown: the member's name, not the whole expression.</summary>
    public static Location NameLocation(SyntaxNode syntax)
    {
        var node = syntax switch
        {
            InvocationExpressionSyntax invocation => invocation.Expression,
            ObjectCreationExpressionSyntax creation => creation.Type,
            _ => syntax,
        };

        node = node switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => node,
        };

        if (node is GenericNameSyntax generic)
        {
            return generic.Identifier.GetLocation();
        }

        return node.GetLocation();
    }

    /// <summary>
    /// Where a constant stands: a dictionary key (indexer argument or <c>Add(key, …)</c> on a dictionary-like type,
    /// including collection initializers), the value of a named member or parameter, or anywhere else.
    /// </summary>
    public static StringContext ContextOf(IOperation constant, out string? memberName)
    {
        memberName = null;
        var consumer = Consumer(constant, out var value);
        switch (consumer)
        {
            case IArgumentOperation { Parameter: { } parameter } argument:
                if (parameter.Ordinal == 0 && IsDictionaryKeyUse(argument.Parent))
                {
                    return StringContext.DictionaryKey;
                }

                memberName = parameter.Name;
                return StringContext.MemberValue;
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                memberName = assignment.Target switch
                {
                    IPropertyReferenceOperation property => property.Property.Name,
                    IFieldReferenceOperation field => field.Field.Name,
                    ILocalReferenceOperation local => local.Local.Name,
                    IParameterReferenceOperation p => p.Parameter.Name,
                    _ => null,
                };
                return memberName is null ? StringContext.Any : StringContext.MemberValue;
            case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                memberName = field.InitializedFields[0].Name;
                return StringContext.MemberValue;
            case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                memberName = property.InitializedProperties[0].Name;
                return StringContext.MemberValue;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                memberName = declarator.Symbol.Name;
                return StringContext.MemberValue;
            default:
                return StringContext.Any;
        }
    }

    private static bool IsDictionaryKeyUse(IOperation? user) => user switch
    {
        IPropertyReferenceOperation { Property.IsIndexer: true } indexer => IsDictionaryLike(indexer.Property.ContainingType),
        IInvocationOperation { TargetMethod: { Name: "Add" or "TryAdd", Parameters.Length: 2 } method } => IsDictionaryLike(method.ContainingType),
        _ => false,
    };

    private static bool IsDictionaryLike(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsDictionaryInterface(type))
        {
            return true;
        }

        foreach (var contract in type.AllInterfaces)
        {
            if (IsDictionaryInterface(contract))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDictionaryInterface(ITypeSymbol type) =>
        type.OriginalDefinition is INamedTypeSymbol { TypeKind: TypeKind.Interface } named
        && named.Name is "IDictionary" or "IReadOnlyDictionary"
        && named.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections";
}
