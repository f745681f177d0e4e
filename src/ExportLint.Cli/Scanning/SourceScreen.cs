using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using ExportLint.ControlLists.ModelFiles;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Source mode's screen: which files of a source-mode compilation the compiler must bind. Binding every method body is
/// what source mode spends its time on, and in most files of a codebase nothing could ever match: no name of a control
/// list's APIs, no name the detectors key on, no string a list's patterns could take. Those files keep their
/// declarations (other files' types and constants still bind) but lose their bodies before the analyzers run; the name
/// matcher still reads all of them.
/// </summary>
/// <remarks>
/// The screen reads tokens, not meaning, so it is built to over-include:
/// <list type="bullet">
/// <item>a file is bound when an identifier in it is a literal segment of an API pattern (type or member, or the last
/// literal segment of a namespace pattern, also as a prefix; a member name only in a project that names the pattern's
/// type or every literal segment of its namespace somewhere), a name a detector keys on (<c>DllImport</c>,
/// <c>NativeLibrary</c>, …), or the name of a field, property, enum member, alias or type declared anywhere in the
/// compilation whose declaration holds such a name or string (so a constant declared in one file is bound where it is
/// used);</item>
/// <item>a file is bound when one of its string literals (any kind: regular, verbatim, raw, UTF-8, interpolated text)
/// contains a hint of a string pattern (its longest word; for a regex, text every match must hold), of a native
/// library or model-file pattern, or a type or assembly name of an API pattern, or equals a member name (reflection:
/// <c>GetMethod("LoadFromFile")</c>); a regex with no such hint runs on every literal.</item>
/// </list>
/// What it can still miss is a use that names nothing: a target-typed <c>new()</c> of a controlled type declared in the
/// scanned source, or a string split into fragments none of which holds a hint. <c>--bind-all</c> binds every file.
/// </remarks>
internal sealed class SourceScreen
{
    /// <summary>Names the detectors key on, whatever the lists hold (docs/rules/EXL0102.md, EXL0009.md).</summary>
    private static readonly string[] DetectorNames =
    [
        "DllImport", "DllImportAttribute", "LibraryImport", "LibraryImportAttribute", "NativeLibrary",
        "SuppressMessage", "SuppressMessageAttribute", "UnconditionalSuppressMessage", "UnconditionalSuppressMessageAttribute",
    ];

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    // Member names of API patterns, each with the literal namespace segments and the type name of its patterns: a
    // member name alone (LoadAsync, Create, to) is common, so it counts only in a project that names its pattern's
    // namespace (every segment, as a using directive does) or its type somewhere.
    private readonly Dictionary<string, List<(string[] Namespace, string? Type)>> _members = new(StringComparer.Ordinal);
    private readonly List<string> _namePrefixes = [];
    private readonly HashSet<string> _literalNames = new(StringComparer.Ordinal);
    private readonly List<string> _hints = [];
    private readonly List<(StringPattern Pattern, string[] Required)> _whole = [];
    private readonly HashSet<string> _libraries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<NativeLibraryPattern> _libraryGlobs = [];

    private readonly ResolvedControlList _list;

    private SourceScreen(ResolvedControlList list)
    {
        _list = list;
    }

    /// <summary>Why the screen cannot be used with these lists (every file is then bound), or null.</summary>
    public string? Disabled { get; private set; }

    /// <summary>Builds the screen for the lists in force.</summary>
    public static SourceScreen Of(ResolvedControlList list)
    {
        var screen = new SourceScreen(list);
        foreach (var name in DetectorNames)
        {
            screen._names.Add(name);
        }

        foreach (var entry in list.Entries)
        {
            var match = entry.Match;
            foreach (var api in match.Apis)
            {
                if (!screen.AddApi(api))
                {
                    screen.Disabled ??= $"the API pattern '{api.Text}' of {entry.Id} has no literal name to screen files by";
                }
            }

            foreach (var assembly in match.Assemblies)
            {
                screen.AddHint(assembly);
            }

            foreach (var pattern in match.Strings)
            {
                // A file that calls a method an argument pattern names is bound, whatever its values look like.
                foreach (var method in pattern.ArgumentOf)
                {
                    if (!screen.AddApi(method))
                    {
                        screen.Disabled ??= $"the method '{method.Text}' of {entry.Id}'s argument pattern has no literal name to screen files by";
                    }
                }

                if (pattern.Kind == StringMatchKind.Regex)
                {
                    var required = RegexLiterals.RequiredAnyOf(pattern.Value);
                    if (required is not { Length: > 0 })
                    {
                        screen._whole.Add((pattern, []));
                    }
                    else if (IsAnchored(pattern.Value))
                    {
                        // ^cuda(:[0-9]+)?$ takes a whole value, never a part of one: "cuda not used" is no hint.
                        screen._whole.Add((pattern, required));
                    }
                    else
                    {
                        foreach (var text in required)
                        {
                            screen.AddHint(text);
                        }
                    }
                }
                else if (LongestWord(pattern.Value) is { } word && word.Length < pattern.Value.Length)
                {
                    // A value of several words (nvidia.com/gpu) may be built from parts: its longest word is the hint.
                    screen.AddHint(word);
                }
                else
                {
                    screen._whole.Add((pattern, []));
                }
            }

            foreach (var library in match.NativeLibraries)
            {
                if (library.Name.IndexOfAny(['*', '?']) >= 0)
                {
                    screen._libraryGlobs.Add(library);
                }
                else
                {
                    screen._libraries.Add(NativeLibraryName.Normalize(library.Name));
                }
            }

            foreach (var file in match.Files)
            {
                if (file.Glob is { } glob)
                {
                    screen.AddHint(LongestRun(glob.Pattern));
                }

                // A pattern by kind (or by size alone) takes a path by its extension: every extension it could have.
                var kinds = file.Kind is { } kind ? [kind] : Enum.GetValues<ModelFileKind>();
                foreach (var each in kinds)
                {
                    foreach (var extension in ModelFileKinds.ExtensionsOf(each))
                    {
                        screen.AddHint(extension);
                    }
                }
            }
        }

        // A hint contained in another is enough: keep the short one only.
        screen._hints.Sort((a, b) => a.Length.CompareTo(b.Length));
        var kept = new List<string>();
        foreach (var hint in screen._hints)
        {
            if (!kept.Any(k => hint.Contains(k, StringComparison.Ordinal)))
            {
                kept.Add(hint);
            }
        }

        screen._hints.Clear();
        screen._hints.AddRange(kept);
        return screen;
    }

    /// <summary>
    /// Splits the trees into those to bind and those that name nothing the lists or detectors could match. Two passes
    /// over tokens: the first finds each file's own hits and every declaration's name and the names it uses; the second
    /// carries hits through declarations (a constant holding a GPU resource name, declared in one file and used in
    /// another) to a fixed point.
    /// </summary>
    public HashSet<SyntaxTree> TreesToBind(IReadOnlyList<SyntaxTree> trees, CancellationToken cancellationToken)
    {
        var bound = new HashSet<SyntaxTree>();
        if (Disabled is not null)
        {
            bound.UnionWith(trees);
            return bound;
        }

        var used = new Dictionary<SyntaxTree, HashSet<string>>();
        var carriers = new HashSet<string>(StringComparer.Ordinal);
        var declarations = new List<(string Name, HashSet<string> Uses)>();
        var project = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<(SyntaxTree Tree, SyntaxToken Token)>();
        foreach (var tree in trees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var identifiers = new HashSet<string>(StringComparer.Ordinal);
            var hit = false;
            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    var text = token.ValueText;
                    identifiers.Add(text);
                    if (IsName(text))
                    {
                        hit = true;
                        carriers.UnionWith(DeclaredAround(token));
                    }
                    else if (_members.ContainsKey(text))
                    {
                        // Decided once every file's names are known (IsLiveMember).
                        members.Add((tree, token));
                    }
                }
                else if (IsStringToken(token) && IsHit(token.ValueText))
                {
                    hit = true;
                    carriers.UnionWith(DeclaredAround(token));
                }
            }

            hit = hit || ComposedValueHits(tree, cancellationToken);
            project.UnionWith(identifiers);
            if (hit)
            {
                bound.Add(tree);
            }
            else
            {
                used[tree] = identifiers;
            }

            CollectDeclarations(tree, declarations, cancellationToken);
        }

        foreach (var (tree, token) in members)
        {
            if (IsLiveMember(token.ValueText, project))
            {
                bound.Add(tree);
                used.Remove(tree);
                carriers.UnionWith(DeclaredAround(token));
            }
        }

        // Carry: a declaration that uses a carrier carries too, until nothing changes.
        bool changed;
        do
        {
            changed = false;
            foreach (var (name, uses) in declarations)
            {
                if (!carriers.Contains(name) && uses.Overlaps(carriers))
                {
                    carriers.Add(name);
                    changed = true;
                }
            }
        }
        while (changed);

        foreach (var (tree, identifiers) in used)
        {
            if (identifiers.Overlaps(carriers))
            {
                bound.Add(tree);
            }
        }

        return bound;
    }

    /// <summary>
    /// Whether the name matcher must still read the files the screen left out: when a list has a pattern without a
    /// literal name, or a <c>global using</c> (which every file sees) names something on the lists. Otherwise a file
    /// that names nothing cannot give the matcher a type chain holding a pattern's name.
    /// </summary>
    public bool MatcherNeedsScreenedFiles(ResolvedControlList list, IEnumerable<SyntaxTree> trees, CancellationToken cancellationToken)
    {
        if (list.Apis.HasUnanchoredPatterns)
        {
            return true;
        }

        foreach (var tree in trees)
        {
            foreach (var directive in ((CompilationUnitSyntax)tree.GetRoot(cancellationToken)).Usings)
            {
                if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)
                    && directive.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && IsName(t.ValueText)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The tree with its method, accessor and operator bodies replaced by <c>throw null</c>: declarations only.</summary>
    public static SyntaxTree DeclarationsOnly(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var root = tree.GetRoot(cancellationToken);
        var stripped = new BodyStripper().Visit(root)!;
        return tree.WithRootAndOptions(stripped, tree.Options);
    }

    private bool AddApi(ApiPattern api)
    {
        var segments = api.Segments;
        var added = false;
        if (api.IsEverything)
        {
            for (var i = segments.Length - 1; i >= 0 && !added; i--)
            {
                added = AddSegment(segments[i], asPrefix: true);
            }

            return added;
        }

        // The member (unless a constructor, whose type must be named) and the type that holds it.
        var last = segments[segments.Length - 1];
        if (!last.Pattern.Equals(ApiPattern.ConstructorName, StringComparison.Ordinal))
        {
            if (!last.HasWildcards && segments.Length >= 2 && segments.Take(segments.Length - 1).Any(s => !s.HasWildcards))
            {
                if (!_members.TryGetValue(last.Pattern, out var qualifiers))
                {
                    _members[last.Pattern] = qualifiers = [];
                }

                var type = segments[segments.Length - 2];
                var ns = segments.Take(segments.Length - 2).Where(s => !s.HasWildcards).Select(s => s.Pattern).ToArray();
                qualifiers.Add((ns, type.HasWildcards ? null : type.Pattern));
                added = true;
            }
            else
            {
                added |= AddSegment(last, asPrefix: false);
            }

            if (!last.HasWildcards)
            {
                _literalNames.Add(last.Pattern);
            }
        }

        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (AddSegment(segments[i], asPrefix: false))
            {
                added = true;
                if (!segments[i].HasWildcards)
                {
                    // Type.GetType("LLama.LLamaWeights, LLamaSharp"): the type with the segment before it.
                    AddHint(i > 0 && !segments[i - 1].HasWildcards ? segments[i - 1].Pattern + "." + segments[i].Pattern : segments[i].Pattern);
                }

                break;
            }
        }

        return added;
    }

    private bool AddSegment(Glob segment, bool asPrefix)
    {
        var pattern = segment.Pattern;
        if (!segment.HasWildcards)
        {
            _names.Add(pattern);
            if (asPrefix)
            {
                _namePrefixes.Add(pattern);
            }

            return true;
        }

        var literal = pattern.IndexOfAny(['*', '?', '[', '{']) is var at and > 0 ? pattern.Substring(0, at) : null;
        if (literal is { Length: >= 2 })
        {
            _namePrefixes.Add(literal);
            return true;
        }

        return false;
    }

    private void AddHint(string text)
    {
        if (text.Length >= 3)
        {
            _hints.Add(text.ToLowerInvariant());
        }
        else if (text.Length > 0)
        {
            // Too short to rule anything out by containment: the whole literal must equal it.
            _literalNames.Add(text);
        }
    }

    /// <summary>
    /// Whether a value built in an expression, an interpolation or a <c>+</c> chain with string literals in it, hits when
    /// what it cannot know reads as empty or as 1 (as the analyzers read it): <c>$"cuda:{id}"</c> is <c>cuda:1</c>.
    /// </summary>
    private bool ComposedValueHits(SyntaxTree tree, CancellationToken cancellationToken)
    {
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
        {
            if (node is not (InterpolatedStringExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or InvocationExpressionSyntax)
                || (node is InvocationExpressionSyntax invocation && SyntaxValue.JoinerOf(invocation) is null)
                || node.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } or ParenthesizedExpressionSyntax)
            {
                continue;
            }

            var empty = new System.Text.StringBuilder();
            var one = new System.Text.StringBuilder();
            var literals = SyntaxValue.Compose(node, empty, one);
            if (literals > 0 && (IsHit(empty.ToString()) || IsHit(one.ToString())))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(string text, string[] parts)
    {
        foreach (var part in parts)
        {
            if (text.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A regex that must match the whole value: starts with <c>^</c>, ends with <c>$</c>, no alternation outside groups.</summary>
    private static bool IsAnchored(string regex)
    {
        if (!regex.StartsWith('^') || !regex.EndsWith('$') || regex.EndsWith("\\$", StringComparison.Ordinal))
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < regex.Length; i++)
        {
            switch (regex[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a member name of an API pattern may be that API in a project whose files name <paramref name="project"/>:
    /// the project names every literal segment of the pattern's namespace (a <c>using</c>, a qualified name, a namespace
    /// declaration) or the pattern's type.
    /// </summary>
    private bool IsLiveMember(string member, HashSet<string> project)
    {
        foreach (var (ns, type) in _members[member])
        {
            if ((type is not null && project.Contains(type)) || (ns.Length > 0 && ns.All(project.Contains)))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsName(string identifier)
    {
        if (_names.Contains(identifier))
        {
            return true;
        }

        foreach (var prefix in _namePrefixes)
        {
            if (identifier.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsHit(string literal)
    {
        if (literal.Length == 0)
        {
            return false;
        }

        if (_literalNames.Contains(literal))
        {
            return true;
        }

        foreach (var hint in _hints)
        {
            if (literal.Length >= hint.Length && literal.Contains(hint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (literal.Length < 260 && literal.IndexOfAny([' ', '\t', '\n']) < 0 && (_libraries.Count > 0 || _libraryGlobs.Count > 0))
        {
            var normalised = NativeLibraryName.Normalize(literal);
            if (_libraries.Contains(normalised))
            {
                return true;
            }

            foreach (var glob in _libraryGlobs)
            {
                if (glob.Matches(literal))
                {
                    return true;
                }
            }
        }

        foreach (var (pattern, required) in _whole)
        {
            if (required.Length > 0 && !ContainsAny(literal, required))
            {
                continue;
            }

            if (pattern.IsMatch(literal, out var timedOut) || timedOut)
            {
                return true;
            }
        }

        // A document in a string (a manifest, a Slurm script, JSON) is read line by line and word by word, as the
        // analyzers and the text scanner read it.
        if (TextLineMatcher.IsDocument(literal) && TextLineMatcher.MatchDocument(_list, literal) is not null)
        {
            return true;
        }

        return false;
    }

    private static bool IsStringToken(SyntaxToken token) =>
        token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken
            or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
            or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
            or SyntaxKind.InterpolatedStringTextToken;

    /// <summary>
    /// The name a token's declaration carries to other files: a field's or property's initializer, an expression-bodied
    /// property, an enum member's value, an alias's target, a type's base list. A token in a method body carries nothing
    /// (what a method does is found where it is, not where it is called).
    /// </summary>
    private static IEnumerable<string> DeclaredAround(SyntaxToken token)
    {
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BlockSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AttributeListSyntax:
                    yield break;
                case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator:
                    yield return declarator.Identifier.ValueText;
                    yield break;
                case VariableDeclaratorSyntax:
                    yield break;
                case PropertyDeclarationSyntax property:
                    yield return property.Identifier.ValueText;
                    yield break;
                case EnumMemberDeclarationSyntax member:
                    yield return member.Identifier.ValueText;
                    yield break;
                case UsingDirectiveSyntax { Alias: { } alias }:
                    yield return alias.Name.Identifier.ValueText;
                    yield break;
                case BaseListSyntax { Parent: BaseTypeDeclarationSyntax type }:
                    yield return type.Identifier.ValueText;
                    yield break;
                case MemberDeclarationSyntax:
                    yield break;
            }
        }
    }

    private static string? DeclaredName(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        EnumMemberDeclarationSyntax member => member.Identifier.ValueText,
        UsingDirectiveSyntax { Alias: { } alias } => alias.Name.Identifier.ValueText,
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Every field, property, enum member, alias and type with the names its declaration (not its bodies) uses.</summary>
    private static void CollectDeclarations(SyntaxTree tree, List<(string, HashSet<string>)> declarations, CancellationToken cancellationToken)
    {
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or EnumDeclarationSyntax or FieldDeclarationSyntax or VariableDeclarationSyntax))
        {
            SyntaxNode? holder = node switch
            {
                VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax, Initializer: { } initializer } => initializer,
                PropertyDeclarationSyntax property => (SyntaxNode?)property.Initializer ?? property.ExpressionBody,
                EnumMemberDeclarationSyntax { EqualsValue: { } value } => value,
                UsingDirectiveSyntax { Alias: not null } alias => alias,
                BaseTypeDeclarationSyntax { BaseList: { } bases } => bases,
                _ => null,
            };
            if (holder is null || DeclaredName(node) is not { } name)
            {
                continue;
            }

            var uses = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in holder.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    uses.Add(token.ValueText);
                }
            }

            if (uses.Count > 0)
            {
                declarations.Add((name, uses));
            }
        }
    }

    private static string? LongestWord(string text)
    {
        string? longest = null;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0 && (longest is null || i - start > longest.Length))
            {
                longest = text.Substring(start, i - start);
            }

            start = -1;
        }

        return longest;
    }

    /// <summary>The longest run of a glob without wildcards: <c>**/*.gguf</c> gives <c>.gguf</c>.</summary>
    private static string LongestRun(string glob) =>
        glob.Split(['*', '?', '[', ']', '{', '}', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(run => run.Trim('/'))
            .OrderByDescending(run => run.Length)
            .FirstOrDefault() ?? glob;

    /// <summary>
    /// Replaces bodies with <c>throw null</c>; declarations, initializers and constructor initializers stay as they are.
    /// It descends into namespaces and types only, never into an expression: a generated initializer of tens of
    /// thousands of terms is not walked.
    /// </summary>
    private sealed class BodyStripper : CSharpSyntaxRewriter
    {
        private static readonly BlockSyntax Throw = SyntaxFactory.Block(SyntaxFactory.ThrowStatement(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));
        private static readonly ArrowExpressionClauseSyntax ThrowArrow = SyntaxFactory.ArrowExpressionClause(SyntaxFactory.ThrowExpression(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));

        public override SyntaxNode? Visit(SyntaxNode? node) => node switch
        {
            CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax => base.Visit(node),
            BaseMethodDeclarationSyntax method => Strip(method),
            BasePropertyDeclarationSyntax property => Strip(property),
            _ => node,
        };

        private static BaseMethodDeclarationSyntax Strip(BaseMethodDeclarationSyntax node) =>
            node.Body is not null ? node.WithBody(Throw)
            : node.ExpressionBody is not null ? node.WithExpressionBody(ThrowArrow)
            : node;

        private static BasePropertyDeclarationSyntax Strip(BasePropertyDeclarationSyntax node)
        {
            if (node is PropertyDeclarationSyntax { ExpressionBody: not null } arrow)
            {
                return arrow.WithExpressionBody(ThrowArrow);
            }

            if (node is IndexerDeclarationSyntax { ExpressionBody: not null } indexer)
            {
                return indexer.WithExpressionBody(ThrowArrow);
            }

            if (node.AccessorList is not { } accessors)
            {
                return node;
            }

            return node.WithAccessorList(accessors.WithAccessors(SyntaxFactory.List(accessors.Accessors.Select(a =>
                a.Body is not null ? a.WithBody(Throw) : a.ExpressionBody is not null ? a.WithExpressionBody(ThrowArrow) : a))));
        }
    }
}
