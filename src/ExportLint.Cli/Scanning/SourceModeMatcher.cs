using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using ExportLint.Reports;
using Location = ExportLint.Reports.Location;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Source mode's second half: where a name did not bind (the package that defines it could not be restored), the call,
/// construction or member use is matched by name through the file's <c>using</c> directives, aliases and
/// <c>using static</c>, against the same <see cref="ApiIndex"/> the analyzers use. Such findings have medium confidence.
/// Names that did bind are the analyzers' (high confidence), so nothing is reported twice.
/// </summary>
internal sealed class SourceModeMatcher
{
    /// <summary>The <c>global using</c> directives of each compilation: every file sees them, wherever they are written.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, List<UsingDirectiveSyntax>> GlobalUsings = new();

    private readonly ResolvedControlList _list;
    private readonly FindingFactory _factory;

    public SourceModeMatcher(ResolvedControlList list, FindingFactory factory)
    {
        _list = list;
        _factory = factory;
    }

    /// <summary>Matches every unbound call, construction and member access of one tree.</summary>
    public IEnumerable<Finding> Match(SyntaxTree tree, Compilation compilation, Func<string, string> reportPath, string? project)
    {
        if (_list.Apis.IsEmpty && !_list.HasArgumentStrings)
        {
            yield break;
        }

        var root = tree.GetRoot();
        var scope = FileScope.Of(root, GlobalUsings.GetValue(compilation, FindGlobalUsings));
        SemanticModel? model = null;
        foreach (var node in root.DescendantNodes())
        {
            (string Member, SyntaxNode Target, IEnumerable<string[]> Types)? candidate = node switch
            {
                InvocationExpressionSyntax invocation => FromInvocation(invocation, scope),
                BaseObjectCreationExpressionSyntax creation => FromCreation(creation, scope),
                AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax owner }, Left: IdentifierNameSyntax property } =>
                    FromInitializer(owner, property, scope),
                MemberAccessExpressionSyntax access when access.Parent is not InvocationExpressionSyntax && access.Parent is not MemberAccessExpressionSyntax =>
                    (access.Name.Identifier.ValueText, access, scope.TypeCandidates(access.Expression)),
                _ => null,
            };
            if (candidate is not { } found)
            {
                continue;
            }

            if (found.Target is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax && _list.MayTakeArgumentStrings(found.Member)
                && ArgumentFinding(found.Member, found.Target, found.Types) is { } argument
                && !IsBound(model ??= compilation.GetSemanticModel(tree), found.Target))
            {
                var (entry, chain, value, at) = argument;
                var what = $"\"{value}\" given to {string.Join(".", chain)}{(found.Member == ApiPattern.ConstructorName ? string.Empty : "." + found.Member)}";
                if (Create(entry, what, at, tree, reportPath, project) is { } byArgument)
                {
                    yield return byArgument;
                }
            }

            if (_list.Apis.IsEmpty)
            {
                continue;
            }

            var best = default(ApiTarget);
            var bestChain = default(string[]);
            foreach (var chain in found.Types)
            {
                if (!_list.Apis.HasUnanchoredPatterns && !chain.Any(_list.Apis.IsAnchor))
                {
                    continue;
                }

                var matches = _list.Apis.ForType(chain);
                if (matches.IsEmpty)
                {
                    continue;
                }

                foreach (var target in matches.ForMember(found.Member).Concat(matches.MemberGlobs.Where(g => g.Pattern.MemberName.IsMatch(found.Member))).Concat(matches.WholeType))
                {
                    if (best is null || _list.IsPreferred(target.Entry, best.Entry))
                    {
                        best = target;
                        bestChain = chain;
                    }
                }
            }

            // Binding is asked last, only of what the names match: most nodes are ruled out by name without it.
            if (best is null || bestChain is null || IsBound(model ??= compilation.GetSemanticModel(tree), found.Target))
            {
                continue;
            }

            var symbol = string.Join(".", bestChain) + (found.Member == ApiPattern.ConstructorName ? string.Empty : "." + found.Member);
            if (Create(best.Entry, symbol, found.Target, tree, reportPath, project) is { } finding)
            {
                yield return finding;
            }
        }
    }

    private Finding? Create(Entry entry, string what, SyntaxNode at, SyntaxTree tree, Func<string, string> reportPath, string? project)
    {
        var span = at.GetLocation().GetLineSpan();
        var location = new Location
        {
            File = reportPath(tree.FilePath),
            Line = span.StartLinePosition.Line + 1,
            Column = span.StartLinePosition.Character + 1,
            EndLine = span.EndLinePosition.Line + 1,
            EndColumn = span.EndLinePosition.Character + 1,
        };
        var finding = _factory.Create(entry.CodeDiagnosticId, entry, what, location, Confidences.Medium, project);
        if (finding is null)
        {
            return null;
        }

        finding.Evidence.Symbol = what;
        finding.Evidence.Snippet = tree.GetText().Lines[span.StartLinePosition.Line].ToString().Trim();
        return finding;
    }

    /// <summary>
    /// An unbound call whose string argument an argument pattern matches (<c>torch.device("cuda:0")</c> with TorchSharp
    /// not restored). The parameter is not known without binding, so a pattern that names one is matched by a named
    /// argument only; values are read from the syntax (<see cref="SyntaxValue.Of"/>).
    /// </summary>
    private (Entry Entry, string[] Chain, string Value, SyntaxNode At)? ArgumentFinding(string member, SyntaxNode call, IEnumerable<string[]> types)
    {
        var arguments = call switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments,
            BaseObjectCreationExpressionSyntax { ArgumentList: { } list } => list.Arguments,
            _ => default,
        };
        foreach (var argument in arguments)
        {
            var values = SyntaxValue.Of(argument.Expression);
            if (values.Count == 0)
            {
                continue;
            }

            var parameter = argument.NameColon?.Name.Identifier.ValueText;
            foreach (var chain in types)
            {
                foreach (var value in values)
                {
                    if (_list.MatchArgumentString(value, chain, member, parameter) is { } match)
                    {
                        return (match.Entry, chain, value, argument);
                    }
                }
            }
        }

        return null;
    }

    private static List<UsingDirectiveSyntax> FindGlobalUsings(Compilation compilation) =>
        compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot() is CompilationUnitSyntax unit ? unit.Usings : default)
            .Where(u => !u.GlobalKeyword.IsKind(SyntaxKind.None))
            .ToList();

    private static bool IsBound(SemanticModel model, SyntaxNode node)
    {
        var info = model.GetSymbolInfo(node);
        return info.Symbol is not null || info.CandidateSymbols.Length > 0;
    }

    private static (string, SyntaxNode, IEnumerable<string[]>)? FromInvocation(InvocationExpressionSyntax invocation, FileScope scope) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, invocation, scope.TypeCandidates(access.Expression)),
        IdentifierNameSyntax name => (name.Identifier.ValueText, invocation, scope.StaticTypes),
        GenericNameSyntax generic => (generic.Identifier.ValueText, invocation, scope.StaticTypes),
        _ => null,
    };

    private static (string, SyntaxNode, IEnumerable<string[]>)? FromCreation(BaseObjectCreationExpressionSyntax creation, FileScope scope)
    {
        var type = creation switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.Type,
            ImplicitObjectCreationExpressionSyntax implicitType => DeclaredType(implicitType),
            _ => null,
        };
        return type is null ? null : (ApiPattern.ConstructorName, creation, scope.TypeCandidates(type));
    }

    private static (string, SyntaxNode, IEnumerable<string[]>)? FromInitializer(BaseObjectCreationExpressionSyntax owner, IdentifierNameSyntax property, FileScope scope)
    {
        var type = owner switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.Type,
            ImplicitObjectCreationExpressionSyntax implicitType => DeclaredType(implicitType),
            _ => null,
        };
        return type is null ? null : (property.Identifier.ValueText, property, scope.TypeCandidates(type));
    }

    /// <summary>The type a target-typed <c>new()</c> gets from its declaration: <c>T x = new(…)</c>, a field or property of type T.</summary>
    private static TypeSyntax? DeclaredType(ImplicitObjectCreationExpressionSyntax creation) => creation.Parent switch
    {
        EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } when !declaration.Type.IsVar => declaration.Type,
        EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Type,
        _ => null,
    };

    /// <summary>What a file's usings say a name can mean.</summary>
    private sealed class FileScope
    {
        private readonly List<string[]> _namespaces = [[]];
        private readonly Dictionary<string, string[]> _aliases = new(StringComparer.Ordinal);

        public List<string[]> StaticTypes { get; } = [];

        public static FileScope Of(SyntaxNode root, IEnumerable<UsingDirectiveSyntax> globalUsings)
        {
            var scope = new FileScope();
            foreach (var node in globalUsings.Concat(root.DescendantNodesAndSelf(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)))
            {
                switch (node)
                {
                    case UsingDirectiveSyntax { Name: { } name } directive:
                        var chain = Split(name);
                        if (directive.Alias is { } alias)
                        {
                            scope._aliases[alias.Name.Identifier.ValueText] = chain;
                        }
                        else if (!directive.StaticKeyword.IsKind(SyntaxKind.None))
                        {
                            scope.StaticTypes.Add(chain);
                        }
                        else
                        {
                            scope._namespaces.Add(chain);
                        }

                        break;
                    case BaseNamespaceDeclarationSyntax declaration:
                        // Code in namespace A.B sees A.B's and A's types without a using.
                        var parts = Split(declaration.Name);
                        for (var i = parts.Length; i > 0; i--)
                        {
                            scope._namespaces.Add(parts.Take(i).ToArray());
                        }

                        break;
                }
            }

            return scope;
        }

        /// <summary>The type chains a type expression can stand for: as written, under each using, through an alias.</summary>
        public IEnumerable<string[]> TypeCandidates(SyntaxNode expression) => TypeCandidates(expression, asVariable: true);

        private IEnumerable<string[]> TypeCandidates(SyntaxNode expression, bool asVariable)
        {
            // An instance: a local, parameter, field or property whose declared type (or `new T(...)` initializer) is
            // written in the same file: `var options = new SessionOptions(); options.AppendExecutionProvider_CUDA(0);`.
            // The declared type is read as a type only, never again as a variable: `public Foo Foo { get; }` names the
            // type Foo, and reading it as the property again would never end (found on LLamaSharp's own sources).
            if (asVariable && expression is IdentifierNameSyntax variable && DeclaredTypeOf(variable) is { } declared)
            {
                foreach (var chain in TypeCandidates(declared, asVariable: false))
                {
                    yield return chain;
                }

                yield break;
            }

            var written = Split(expression);
            if (written.Length == 0)
            {
                yield break;
            }

            if (_aliases.TryGetValue(written[0], out var aliased))
            {
                yield return aliased.Concat(written.Skip(1)).ToArray();
                yield break;
            }

            foreach (var ns in _namespaces)
            {
                yield return ns.Concat(written).ToArray();
            }

            // A nested type reached through a using static of its container (using static TorchSharp.torch; cuda.is_available()).
            foreach (var type in StaticTypes)
            {
                yield return type.Concat(written).ToArray();
            }
        }

        /// <summary>
        /// The type a name was declared with, found by syntax alone within the method, lambda, top-level statements or
        /// type around it (an intra-procedural look: no data flow). Null when it is not declared here, is declared
        /// with <c>var</c> and no <c>new T(…)</c>, or names something else.
        /// </summary>
        private static TypeSyntax? DeclaredTypeOf(IdentifierNameSyntax name)
        {
            var text = name.Identifier.ValueText;
            foreach (var scope in name.Ancestors())
            {
                switch (scope)
                {
                    case BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax or AccessorDeclarationSyntax:
                        foreach (var declarator in scope.DescendantNodes().OfType<VariableDeclaratorSyntax>())
                        {
                            if (declarator.Identifier.ValueText == text && declarator.SpanStart < name.SpanStart
                                && declarator.Parent is VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax or UsingStatementSyntax or ForStatementSyntax } declaration)
                            {
                                return TypeOf(declaration.Type, declarator.Initializer?.Value);
                            }
                        }

                        var parameters = scope switch
                        {
                            BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                            LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                            _ => default,
                        };
                        foreach (var parameter in parameters)
                        {
                            if (parameter.Identifier.ValueText == text && parameter.Type is { } type)
                            {
                                return type;
                            }
                        }

                        break;
                    case TypeDeclarationSyntax type:
                        foreach (var member in type.Members)
                        {
                            switch (member)
                            {
                                case FieldDeclarationSyntax field when field.Declaration.Variables.Any(v => v.Identifier.ValueText == text):
                                    return TypeOf(field.Declaration.Type, field.Declaration.Variables.First(v => v.Identifier.ValueText == text).Initializer?.Value);
                                case PropertyDeclarationSyntax property when property.Identifier.ValueText == text:
                                    return property.Type;
                            }
                        }

                        return null;
                }
            }

            return null;
        }

        private static TypeSyntax? TypeOf(TypeSyntax declared, ExpressionSyntax? initializer) =>
            !declared.IsVar ? declared : initializer is ObjectCreationExpressionSyntax creation ? creation.Type : null;

        private static string[] Split(SyntaxNode node) => node switch
        {
            IdentifierNameSyntax identifier => [identifier.Identifier.ValueText],
            GenericNameSyntax generic => [generic.Identifier.ValueText],
            QualifiedNameSyntax qualified => [.. Split(qualified.Left), .. Split(qualified.Right)],
            AliasQualifiedNameSyntax aliasQualified => Split(aliasQualified.Name),
            MemberAccessExpressionSyntax access => Split(access.Expression) is { Length: > 0 } left ? [.. left, access.Name.Identifier.ValueText] : [],
            NullableTypeSyntax nullable => Split(nullable.ElementType),
            _ => [],
        };
    }
}
