using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// The value a string expression builds, read from syntax alone (source mode, where the package defining the call does
/// not bind): literals, <c>+</c>, interpolations, <c>string.Concat</c>, <c>Path.Combine</c>/<c>Path.Join</c>; what is
/// not known reads as empty or as 1, as the analyzers' <c>ConstantValues</c> reads it. Used by the screen (does a file
/// build a value worth binding?) and the name matcher (what does an unbound call's argument hold?).
/// </summary>
internal static class SyntaxValue
{
    /// <summary>
    /// Writes the value an expression builds into <paramref name="empty"/> (unknown parts as nothing) and
    /// <paramref name="one"/> (unknown parts as 1); returns how many string literals it holds. Iterative, with its own
    /// stack: a generated <c>"a" + "b" + …</c> of tens of thousands of terms is as deep as it is long.
    /// </summary>
    public static int Compose(SyntaxNode root, System.Text.StringBuilder empty, System.Text.StringBuilder one)
    {
        var literals = 0;
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case string separator:
                    empty.Append(separator);
                    one.Append(separator);
                    break;
                case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression or (int)SyntaxKind.Utf8StringLiteralExpression } literal:
                    empty.Append(literal.Token.ValueText);
                    one.Append(literal.Token.ValueText);
                    literals++;
                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add:
                    pending.Push(add.Right);
                    pending.Push(add.Left);
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push(parenthesized.Expression);
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    foreach (var content in interpolated.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax text)
                        {
                            empty.Append(text.TextToken.ValueText);
                            one.Append(text.TextToken.ValueText);
                            literals++;
                        }
                        else
                        {
                            one.Append('1');
                        }
                    }

                    break;
                case InvocationExpressionSyntax invocation when JoinerOf(invocation) is { } joiner:
                    var arguments = invocation.ArgumentList.Arguments;
                    for (var i = arguments.Count - 1; i >= 0; i--)
                    {
                        pending.Push(arguments[i].Expression);
                        if (i > 0)
                        {
                            pending.Push(joiner);
                        }
                    }

                    break;
                default:
                    one.Append('1');
                    break;
            }
        }

        return literals;
    }

    /// <summary>
    /// What a call that builds a string from its arguments puts between them, as the analyzers' value reader reads it:
    /// <c>string.Concat</c> nothing, <c>Path.Combine</c> and <c>Path.Join</c> a separator; null for any other call.
    /// </summary>
    public static string? JoinerOf(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name }
            ? name switch
            {
                "Concat" => string.Empty,
                "Combine" or "Join" => "/",
                _ => null,
            }
            : null;

    /// <summary>
    /// The strings an argument may hold: both sides of <c>?:</c> and <c>??</c>, a local's initializer in the method
    /// around it, and each built value read both ways (<see cref="Compose"/>); empty when it holds no string literal.
    /// </summary>
    public static List<string> Of(ExpressionSyntax expression)
    {
        var values = new List<string>();
        var pending = new Stack<(ExpressionSyntax Expression, int Depth)>();
        pending.Push((expression, 0));
        while (pending.Count > 0 && values.Count < 16)
        {
            var (current, depth) = pending.Pop();
            if (depth > 8)
            {
                continue;
            }

            switch (current)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    pending.Push((parenthesized.Expression, depth + 1));
                    break;
                case ConditionalExpressionSyntax conditional:
                    pending.Push((conditional.WhenFalse, depth + 1));
                    pending.Push((conditional.WhenTrue, depth + 1));
                    break;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce:
                    pending.Push((coalesce.Right, depth + 1));
                    pending.Push((coalesce.Left, depth + 1));
                    break;
                case IdentifierNameSyntax name when InitializerOf(name) is { } initializer:
                    pending.Push((initializer, depth + 1));
                    break;
                default:
                    var empty = new System.Text.StringBuilder();
                    var one = new System.Text.StringBuilder();
                    if (Compose(current, empty, one) > 0)
                    {
                        values.Add(empty.ToString());
                        if (!one.Equals(empty))
                        {
                            values.Add(one.ToString());
                        }
                    }

                    break;
            }
        }

        return values;
    }

    // The initializer of the last local of that name declared before it in the method, lambda or top-level code.
    private static ExpressionSyntax? InitializerOf(IdentifierNameSyntax name)
    {
        var scope = name.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
        return scope?.DescendantNodes().OfType<VariableDeclaratorSyntax>()
            .LastOrDefault(d => d.Identifier.ValueText == name.Identifier.ValueText && d.SpanStart < name.SpanStart)?.Initializer?.Value;
    }
}
