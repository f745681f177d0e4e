using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// The strings an expression may have, read within one method body: constants (folded by the compiler), <c>"…"u8</c>
/// literals, concatenations (<c>+</c>, <c>string.Concat</c>), interpolations, <c>Path.Combine</c>/<c>Path.Join</c>, both sides of <c>?:</c> and
/// <c>??</c>, locals (their initializer and every assignment in the body: a "may" reading, not a flow analysis) and
/// <c>static readonly</c>/<c>readonly</c> fields initialised with such expressions. A part that is not known (a
/// parameter, a call) reads as empty, so <c>Path.Combine(root, "llama.gguf")</c> is <c>llama.gguf</c>; an integer
/// that is not known reads as 1, so <c>$"#SBATCH -G {count}"</c> is <c>#SBATCH -G 1</c>.
/// </summary>
/// <remarks>
/// Not whole-program data flow: values passed in as parameters, returned by methods or assigned to fields elsewhere
/// are not followed. Callers ask only at sites that already passed a cheap test (a method name, a type name), so the
/// allocations here are not on the path of every invocation. Bounded: at most <see cref="MaxValues"/> values and
/// <see cref="MaxDepth"/> levels of nesting.
/// </remarks>
internal static class ConstantValues
{
    public const int MaxValues = 16;
    public const int MaxDepth = 8;

    /// <summary>Whether the operation is of a kind that can have known values without being a constant (a cheap test).</summary>
    public static bool MayResolve(IOperation operation)
    {
        var current = operation;
        while (current.Kind is OperationKind.Conversion or OperationKind.Parenthesized)
        {
            current = current.Kind == OperationKind.Conversion ? ((IConversionOperation)current).Operand : ((IParenthesizedOperation)current).Operand;
        }

        switch (current.Kind)
        {
            case OperationKind.Literal:
            case OperationKind.Utf8String:
            case OperationKind.Binary:
            case OperationKind.InterpolatedString:
            case OperationKind.Conditional:
            case OperationKind.Coalesce:
            case OperationKind.LocalReference:
                return true;
            case OperationKind.FieldReference:
                return ((IFieldReferenceOperation)current).Field is { IsReadOnly: true } or { IsConst: true };
            case OperationKind.Invocation:
                return IsPathJoin(((IInvocationOperation)current).TargetMethod) || IsConcat(((IInvocationOperation)current).TargetMethod);
            default:
                return current.ConstantValue.HasValue;
        }
    }

    /// <summary>The non-empty strings <paramref name="operation"/> may have (empty when none is known).</summary>
    public static List<string> Of(IOperation? operation)
    {
        var result = new List<string>();
        if (operation is null)
        {
            return result;
        }

        foreach (var value in Values(operation, 0, visited: null))
        {
            if (value.Length > 0 && !result.Contains(value))
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static List<string> Values(IOperation operation, int depth, HashSet<ISymbol>? visited)
    {
        if (depth > MaxDepth)
        {
            return Unknown();
        }

        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return [constant.Value switch
            {
                null => string.Empty,
                string text => text,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            }];
        }

        var next = depth + 1;
        switch (operation)
        {
            case IConversionOperation conversion:
                return Values(conversion.Operand, next, visited);
            case IParenthesizedOperation parenthesized:
                return Values(parenthesized.Operand, next, visited);
            case IUtf8StringOperation utf8:
                return [utf8.Value];
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Union(Values(conditional.WhenTrue, next, visited), Values(whenFalse, next, visited));
            case ICoalesceOperation coalesce:
                return Union(Values(coalesce.Value, next, visited), Values(coalesce.WhenNull, next, visited));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                return Product(Values(binary.LeftOperand, next, visited), Values(binary.RightOperand, next, visited), separator: null);
            case IInterpolatedStringOperation interpolated:
                return Interpolation(interpolated, next, visited);
            case IInvocationOperation invocation when IsPathJoin(invocation.TargetMethod):
                return Join(invocation, "/", next, visited);
            case IInvocationOperation invocation when IsConcat(invocation.TargetMethod):
                return Join(invocation, null, next, visited);
            case ILocalReferenceOperation local:
                return Local(local, next, visited);
            case IFieldReferenceOperation { Field.IsReadOnly: true } field:
                return Field(field.Field, operation, next, visited);
            default:
                // A number not known in the method (#SBATCH -G {count}) reads as 1: a count, not nothing.
                return IsNumber(operation.Type) ? ["1"] : Unknown();
        }
    }

    private static List<string> Unknown() => [string.Empty];

    private static bool IsNumber(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
        or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64
        or SpecialType.System_UInt16 or SpecialType.System_SByte;

    private static List<string> Union(List<string> a, List<string> b)
    {
        foreach (var value in b)
        {
            if (a.Count >= MaxValues)
            {
                break;
            }

            a.Add(value);
        }

        return a;
    }

    private static List<string> Product(List<string> left, List<string> right, string? separator)
    {
        var result = new List<string>(Math.Min(MaxValues, left.Count * right.Count));
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                if (result.Count >= MaxValues)
                {
                    return result;
                }

                result.Add(separator is null || a.Length == 0 ? a + b
                    : b.Length == 0 ? a
                    : a[a.Length - 1] is '/' or '\\' ? a + b
                    : a + separator + b);
            }
        }

        return result;
    }

    private static List<string> Interpolation(IInterpolatedStringOperation interpolated, int depth, HashSet<ISymbol>? visited)
    {
        var result = new List<string> { string.Empty };
        foreach (var part in interpolated.Parts)
        {
            var values = part switch
            {
                IInterpolatedStringTextOperation text => Values(text.Text, depth, visited),
                IInterpolationOperation hole => hole.Alignment is null && hole.FormatString is null ? Values(hole.Expression, depth, visited) : Unknown(),
                _ => Unknown(),
            };
            result = Product(result, values, separator: null);
        }

        return result;
    }

    private static bool IsPathJoin(IMethodSymbol method) =>
        method.Name is "Combine" or "Join" && KnownType.Is(method.ContainingType, "System.IO", "Path");

    private static bool IsConcat(IMethodSymbol method) =>
        method.Name == "Concat" && method.ContainingType?.SpecialType == SpecialType.System_String;

    private static List<string> Join(IInvocationOperation invocation, string? separator, int depth, HashSet<ISymbol>? visited)
    {
        var result = new List<string> { string.Empty };
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    result = Product(result, Values(element, depth, visited), separator);
                }
            }
            else
            {
                result = Product(result, Values(argument.Value, depth, visited), separator);
            }
        }

        return result;
    }

    private static List<string> Local(ILocalReferenceOperation reference, int depth, HashSet<ISymbol>? visited)
    {
        var local = reference.Local;
        visited ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (!visited.Add(local))
        {
            return Unknown();
        }

        var result = new List<string>();
        foreach (var value in AssignedValues(reference))
        {
            Union(result, Values(value, depth, visited));
        }

        visited.Remove(local);
        return result.Count == 0 ? Unknown() : result;
    }

    /// <summary>
    /// Every value the enclosing body gives a local: its initializer and each simple assignment (a "may" reading; a
    /// value given through <c>ref</c>/<c>out</c> is not seen).
    /// </summary>
    public static List<IOperation> AssignedValues(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        var root = (IOperation)reference;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        var result = new List<IOperation>();
        foreach (var operation in root.Descendants())
        {
            var value = operation switch
            {
                IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.Initializer?.Value
                    ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                _ => null,
            };

            if (value is not null && result.Count < MaxValues)
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static List<string> Field(IFieldSymbol field, IOperation site, int depth, HashSet<ISymbol>? visited)
    {
        visited ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (field.DeclaringSyntaxReferences.Length != 1 || !visited.Add(field))
        {
            return Unknown();
        }

        try
        {
            var reference = field.DeclaringSyntaxReferences[0];
            if (reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
            {
                return Unknown();
            }

            // In the tree being analysed the semantic model reads the initializer; elsewhere (an analyzer may not ask
            // the compilation for another tree's model) literals, concatenations and the type's constants are read.
            if (site.SemanticModel is { } model && reference.SyntaxTree == model.SyntaxTree && model.GetOperation(initializer) is { } operation)
            {
                return Values(operation, depth, visited);
            }

            return Syntactic(initializer, field.ContainingType, depth);
        }
        finally
        {
            visited.Remove(field);
        }
    }

    private static List<string> Syntactic(ExpressionSyntax expression, INamedTypeSymbol? type, int depth)
    {
        if (depth > MaxDepth)
        {
            return Unknown();
        }

        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.Token.Value is string text:
                return [text];
            case ParenthesizedExpressionSyntax parenthesized:
                return Syntactic(parenthesized.Expression, type, depth + 1);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Product(Syntactic(binary.Left, type, depth + 1), Syntactic(binary.Right, type, depth + 1), separator: null);
            case IdentifierNameSyntax name when type is not null:
                foreach (var member in type.GetMembers(name.Identifier.ValueText))
                {
                    if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: string value })
                    {
                        return [value];
                    }
                }

                return Unknown();
            default:
                return Unknown();
        }
    }
}
