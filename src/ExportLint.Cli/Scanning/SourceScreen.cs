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
    private readonly List<(Entry Entry, StringPattern Pattern, string[] Required)> _whole = [];
    private readonly HashSet<string> _libraries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<NativeLibraryPattern> _libraryGlobs = [];

    private readonly ResolvedControlList _list;
    private readonly RegexBudget _budget = new();

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
                        screen._whole.Add((entry, pattern, []));
                    }
                    else if (IsAnchored(pattern.Value))
                    {
                        // ^cuda(:[0-9]+)?$ takes a whole value, never a part of one: "cuda not used" is no hint.
                        screen._whole.Add((entry, pattern, required));
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
                    screen._whole.Add((entry, pattern, []));
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
    /// Decides what of each tree the compiler binds: the whole file, only the members that name something (their bodies;
    /// every declaration stays), or declarations only. Two passes over tokens: the first finds the hits and every
    /// declaration's name and the names it uses; the second carries hits through declarations (a constant holding a GPU
    /// resource name, declared in one file and used in another; a field of a controlled type, assigned a target-typed
    /// <c>new()</c> in a member that names nothing else) to a fixed point, and binds the members that use what carries.
    /// </summary>
    public Screening Screen(IReadOnlyList<SyntaxTree> trees, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<SyntaxTree, FileMarks>();
        if (Disabled is not null)
        {
            foreach (var tree in trees)
            {
                marks[tree] = FileMarks.All;
            }

            return new Screening(marks);
        }

        var identifiersOf = new Dictionary<SyntaxTree, HashSet<string>>();
        var carriers = new HashSet<string>(StringComparer.Ordinal);
        var declarations = new List<(string Name, HashSet<string> Uses)>();
        var project = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<(SyntaxTree Tree, SyntaxToken Token)>();
        foreach (var tree in trees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var identifiers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    var text = token.ValueText;
                    identifiers.Add(text);
                    if (IsName(text))
                    {
                        Mark(marks, tree, token.Parent, exact: !IsPrefixName(text));
                        carriers.UnionWith(DeclaredAround(token.Parent));
                    }
                    else if (_members.ContainsKey(text))
                    {
                        // Decided once every file's names are known (IsLiveMember).
                        members.Add((tree, token));
                    }
                }
                else if (IsStringToken(token) && IsHit(token.ValueText))
                {
                    Mark(marks, tree, token.Parent);
                    carriers.UnionWith(DeclaredAround(token.Parent));
                }
            }

            foreach (var node in ComposedValueHits(tree, cancellationToken))
            {
                Mark(marks, tree, node);
                carriers.UnionWith(DeclaredAround(node));
            }

            project.UnionWith(identifiers);
            identifiersOf[tree] = identifiers;
            CollectDeclarations(tree, declarations, cancellationToken);
        }

        foreach (var (tree, token) in members)
        {
            if (IsLiveMember(token.ValueText, project))
            {
                Mark(marks, tree, token.Parent);
                carriers.UnionWith(DeclaredAround(token.Parent));
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

        // Bind where a carrier is named: the member that names it, or all of a type whose own name carries (a partial
        // part, in another file, of a class whose base is on the lists).
        foreach (var tree in trees)
        {
            if ((marks.TryGetValue(tree, out var mark) && mark.Whole) || !identifiersOf[tree].Overlaps(carriers))
            {
                continue;
            }

            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && carriers.Contains(token.ValueText))
                {
                    Mark(marks, tree, token.Parent);
                }
            }
        }

        return new Screening(marks);
    }

    /// <summary>
    /// Binds the part of a file that a hit at <paramref name="node"/> belongs to (<see cref="UnitOf"/>); the file is read
    /// by the name matcher whatever the part. <paramref name="exact"/>: the hit is a whole name on the lists, not a
    /// prefix of a namespace-wide pattern.
    /// </summary>
    private static void Mark(Dictionary<SyntaxTree, FileMarks> marks, SyntaxTree tree, SyntaxNode? node, bool exact = true)
    {
        if (!marks.TryGetValue(tree, out var mark))
        {
            marks[tree] = mark = new FileMarks();
        }

        if (mark.Whole)
        {
            return;
        }

        if (UnitOf(node, exact, out var whole) is { } unit)
        {
            mark.Units.Add(unit);
        }
        else if (whole)
        {
            mark.Whole = true;
            mark.Units.Clear();
        }
    }

    /// <summary>
    /// What a hit binds: the member it is in (a method, constructor, operator, property, indexer or event: its bodies,
    /// its signature and attributes included), or the type whose declaration it is in (its base list, constraints,
    /// primary constructor or name: every member of the type, nested types included, as inherited members are called by
    /// bare names). Null with <paramref name="whole"/> for the whole file: top-level statements, or a namespace, using
    /// directive or assembly attribute that holds a prefix of a namespace-wide pattern (<c>LLama.*</c>: any name in the
    /// file may be one of its types). Null without: an attribute of a type or the assembly (attributes are analysed with
    /// the declarations, which are always bound), or a namespace or using directive that holds a whole name on the lists
    /// (<c>using System.Net;</c> while OpenCV's <c>Net</c> is on them): a directive brings names into scope, and a body
    /// that uses a listed API through it names that API (its type, member or extension method), or an alias, which
    /// carries.
    /// </summary>
    private static SyntaxNode? UnitOf(SyntaxNode? node, bool exact, out bool whole)
    {
        whole = false;
        for (; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax or EnumMemberDeclarationSyntax or DelegateDeclarationSyntax:
                    return node;
                case AttributeListSyntax { Parent: BaseTypeDeclarationSyntax or CompilationUnitSyntax }:
                    return null;
                case BaseTypeDeclarationSyntax:
                    return node;
                case UsingDirectiveSyntax or BaseNamespaceDeclarationSyntax when exact:
                    return null;
                case GlobalStatementSyntax or UsingDirectiveSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax:
                    whole = true;
                    return null;
            }
        }

        whole = true;
        return null;
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

    /// <summary>
    /// The tree with its method, accessor and operator bodies replaced by <c>throw null</c>, except those of the members
    /// and types in <paramref name="kept"/>: declarations only, or in part.
    /// </summary>
    public static SyntaxTree DeclarationsOnly(SyntaxTree tree, IReadOnlySet<SyntaxNode>? kept, CancellationToken cancellationToken) =>
        DeclarationsOnly(tree, kept, cancellationToken, out _, out _);

    /// <inheritdoc cref="DeclarationsOnly(SyntaxTree, IReadOnlySet{SyntaxNode}?, CancellationToken)"/>
    public static SyntaxTree DeclarationsOnly(SyntaxTree tree, IReadOnlySet<SyntaxNode>? kept, CancellationToken cancellationToken, out int keptMembers, out int strippedMembers)
    {
        var root = tree.GetRoot(cancellationToken);
        var stripper = new BodyStripper(kept);
        var stripped = stripper.Visit(root)!;
        (keptMembers, strippedMembers) = (stripper.Kept, stripper.Stripped);
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
    private IEnumerable<SyntaxNode> ComposedValueHits(SyntaxTree tree, CancellationToken cancellationToken)
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
                yield return node;
            }
        }
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

    /// <summary>Whether a name is, or begins with, a name a pattern takes as a prefix (<c>LLama.*</c>, <c>ReadNet*</c>).</summary>
    private bool IsPrefixName(string identifier)
    {
        foreach (var prefix in _namePrefixes)
        {
            if (identifier.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsName(string identifier) => _names.Contains(identifier) || IsPrefixName(identifier);

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

        foreach (var (entry, pattern, required) in _whole)
        {
            if (required.Length > 0 && !ContainsAny(literal, required))
            {
                continue;
            }

            if (RegexHit(entry, pattern, literal))
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

    /// <summary>
    /// Whether a pattern may take a literal, within the screen's own <see cref="RegexBudget"/>, the analyzers' mechanism:
    /// a pattern it has turned off (timeouts, or too long in slow runs) is not run again and takes every literal it
    /// would have been run on, as does a run cut short. The file is then bound, and the analyzers, which report such a
    /// pattern (EXL1008), decide. (Found attacking the screen: a catastrophic pattern cost its timeout on each of 300
    /// literals, 30 s.)
    /// </summary>
    private bool RegexHit(Entry entry, StringPattern pattern, string literal) =>
        _budget.IsOff(pattern) || _budget.Run(entry, pattern, literal, null, out var timedOut) || timedOut;

    private static bool IsStringToken(SyntaxToken token) =>
        token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken
            or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
            or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
            or SyntaxKind.InterpolatedStringTextToken;

    /// <summary>
    /// The names a hit's declaration carries to other members and files: a field's or property's initializer, an
    /// expression-bodied property, an enum member's value, an alias's target, a type's base list; and the declared type
    /// of a field, property or event, and the signature of a method or constructor (their return and parameter types),
    /// which a target-typed <c>new()</c> elsewhere fills without naming anything. A hit in a body carries nothing (what a
    /// method does is found where it is, not where it is called).
    /// </summary>
    private static IEnumerable<string> DeclaredAround(SyntaxNode? start)
    {
        for (var node = start; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BlockSyntax or ArrowExpressionClauseSyntax { Parent: not PropertyDeclarationSyntax } or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AttributeListSyntax:
                    yield break;
                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } declarator:
                    yield return declarator.Identifier.ValueText;
                    yield break;
                case VariableDeclaratorSyntax:
                    yield break;
                case VariableDeclarationSyntax { Parent: BaseFieldDeclarationSyntax } declaration:
                    foreach (var variable in declaration.Variables)
                    {
                        yield return variable.Identifier.ValueText;
                    }

                    yield break;
                case PropertyDeclarationSyntax property:
                    yield return property.Identifier.ValueText;
                    yield break;
                case EventDeclarationSyntax @event:
                    yield return @event.Identifier.ValueText;
                    yield break;
                case MethodDeclarationSyntax method:
                    yield return method.Identifier.ValueText;
                    yield break;
                case ConstructorDeclarationSyntax constructor:
                    yield return constructor.Identifier.ValueText;
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

    /// <summary>
    /// Every field, property, event, method, constructor, enum member, alias and type with the names its declaration
    /// (not its bodies) uses: an initializer, a declared type, a signature, an alias's target, a base list.
    /// </summary>
    private static void CollectDeclarations(SyntaxTree tree, List<(string, HashSet<string>)> declarations, CancellationToken cancellationToken)
    {
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or EnumDeclarationSyntax or BaseFieldDeclarationSyntax or VariableDeclarationSyntax))
        {
            (string? name, SyntaxNode? first, SyntaxNode? second) = node switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: BaseFieldDeclarationSyntax } declaration } declarator => (declarator.Identifier.ValueText, declaration.Type, declarator.Initializer),
                PropertyDeclarationSyntax property => (property.Identifier.ValueText, property.Type, (SyntaxNode?)property.Initializer ?? property.ExpressionBody),
                EventDeclarationSyntax @event => (@event.Identifier.ValueText, @event.Type, null),
                MethodDeclarationSyntax method => (method.Identifier.ValueText, method.ReturnType, method.ParameterList),
                ConstructorDeclarationSyntax constructor => (constructor.Identifier.ValueText, constructor.ParameterList, null),
                EnumMemberDeclarationSyntax { EqualsValue: { } value } member => (member.Identifier.ValueText, value, null),
                UsingDirectiveSyntax { Alias: { } alias } directive => (alias.Name.Identifier.ValueText, directive, null),
                BaseTypeDeclarationSyntax { BaseList: { } bases } type => (type.Identifier.ValueText, bases, null),
                _ => ((string?)null, (SyntaxNode?)null, (SyntaxNode?)null),
            };
            if (name is null || first is null)
            {
                continue;
            }

            var uses = new HashSet<string>(StringComparer.Ordinal);
            AddIdentifiers(first, uses);
            if (second is not null)
            {
                AddIdentifiers(second, uses);
            }

            if (uses.Count > 0)
            {
                declarations.Add((name, uses));
            }
        }
    }

    private static void AddIdentifiers(SyntaxNode node, HashSet<string> names)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                names.Add(token.ValueText);
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
    /// thousands of terms is not walked. Every replacement is as long as what it replaces, with its line breaks where
    /// they were, so that everything after it keeps its line and column: a finding in a member that was kept, and a
    /// compiler diagnostic anywhere, are reported where they are in the file. A body too short to hold
    /// <c>{throw null;}</c> (or <c>throw null</c>) is kept: it costs nothing to bind.
    /// </summary>
    private sealed class BodyStripper : CSharpSyntaxRewriter
    {
        private readonly IReadOnlySet<SyntaxNode>? _kept;

        public BodyStripper(IReadOnlySet<SyntaxNode>? kept)
        {
            _kept = kept;
        }

        /// <summary>How many members had their bodies replaced, and how many kept theirs.</summary>
        public int Stripped { get; private set; }

        public int Kept { get; private set; }

        public override SyntaxNode? Visit(SyntaxNode? node)
        {
            switch (node)
            {
                case TypeDeclarationSyntax type when _kept is not null && _kept.Contains(type):
                    Kept += type.DescendantNodes(n => n is TypeDeclarationSyntax).Count(n => n is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax);
                    return node;
                case CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax:
                    return base.Visit(node);
                case BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax when _kept is not null && _kept.Contains(node):
                    Kept++;
                    return node;
                case BaseMethodDeclarationSyntax method:
                    Stripped++;
                    return Strip(method);
                case BasePropertyDeclarationSyntax property:
                    Stripped++;
                    return Strip(property);
                default:
                    return node;
            }
        }

        private static BaseMethodDeclarationSyntax Strip(BaseMethodDeclarationSyntax node) =>
            node.Body is { } body ? node.WithBody(Blank(body))
            : node.ExpressionBody is { } arrow ? node.WithExpressionBody(Blank(arrow))
            : node;

        private static BasePropertyDeclarationSyntax Strip(BasePropertyDeclarationSyntax node)
        {
            if (node is PropertyDeclarationSyntax { ExpressionBody: { } arrow } property)
            {
                return property.WithExpressionBody(Blank(arrow));
            }

            if (node is IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow } indexer)
            {
                return indexer.WithExpressionBody(Blank(indexerArrow));
            }

            if (node.AccessorList is not { } accessors)
            {
                return node;
            }

            return node.WithAccessorList(accessors.WithAccessors(SyntaxFactory.List(accessors.Accessors.Select(a =>
                a.Body is { } body ? a.WithBody(Blank(body)) : a.ExpressionBody is { } arrow ? a.WithExpressionBody(Blank(arrow)) : a))));
        }

        /// <summary><c>{throw null;}</c> in the space of <paramref name="body"/>, or the body itself when it does not fit.</summary>
        private static BlockSyntax Blank(BlockSyntax body)
        {
            var text = body.ToString();
            if (text.Length < 2 || text[0] != '{' || text[^1] != '}' || Place(text, 1, text.Length - 1, withSemicolon: true) is not var (throwAt, nullAt, semicolonAt))
            {
                return body;
            }

            // Built from tokens, not parsed: a scan strips tens of thousands of bodies.
            var statement = SyntaxFactory.ThrowStatement(
                default,
                SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ThrowKeyword, Blanks(text, throwAt + 5, nullAt)),
                SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression, SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.NullKeyword, Blanks(text, nullAt + 4, semicolonAt))),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.SemicolonToken, Blanks(text, semicolonAt + 1, text.Length - 1)));
            return SyntaxFactory.Block(
                SyntaxFactory.Token(body.GetLeadingTrivia(), SyntaxKind.OpenBraceToken, Blanks(text, 1, throwAt)),
                SyntaxFactory.SingletonList<StatementSyntax>(statement),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CloseBraceToken, body.GetTrailingTrivia()));
        }

        /// <summary><c>=&gt; throw null</c> in the space of <paramref name="arrow"/>'s expression, or the arrow itself when it does not fit.</summary>
        private static ArrowExpressionClauseSyntax Blank(ArrowExpressionClauseSyntax arrow)
        {
            var expression = arrow.Expression;
            var text = expression.ToString();
            if (Place(text, 0, text.Length, withSemicolon: false) is not var (throwAt, nullAt, _))
            {
                return arrow;
            }

            var blank = SyntaxFactory.ThrowExpression(
                SyntaxFactory.Token(expression.GetLeadingTrivia().AddRange(Blanks(text, 0, throwAt)), SyntaxKind.ThrowKeyword, Blanks(text, throwAt + 5, nullAt)),
                SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression, SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.NullKeyword, Blanks(text, nullAt + 4, text.Length).AddRange(expression.GetTrailingTrivia()))));
            return arrow.WithExpression(blank);
        }

        /// <summary>
        /// Where <c>throw</c>, <c>null</c> (and <c>;</c>) go between <paramref name="start"/> and <paramref name="end"/> of
        /// <paramref name="text"/>: the first places that hold each word without a line break, <c>throw</c> and <c>null</c>
        /// apart; null when they do not fit.
        /// </summary>
        private static (int Throw, int Null, int Semicolon)? Place(string text, int start, int end, bool withSemicolon)
        {
            var throwAt = Find(text, start, end, 5);
            var nullAt = throwAt < 0 ? -1 : Find(text, throwAt + 6, end, 4);
            var semicolonAt = nullAt < 0 ? -1 : withSemicolon ? Find(text, nullAt + 4, end, 1) : nullAt + 4;
            return semicolonAt < 0 ? null : (throwAt, nullAt, semicolonAt);
        }

        /// <summary>The first place at or after <paramref name="start"/> with <paramref name="length"/> characters before <paramref name="end"/> and no line break among them.</summary>
        private static int Find(string text, int start, int end, int length)
        {
            var run = 0;
            for (var i = start; i < end; i++)
            {
                run = IsLineBreak(text[i]) ? 0 : run + 1;
                if (run == length)
                {
                    return i - length + 1;
                }
            }

            return -1;
        }

        /// <summary>Whitespace in the place of <paramref name="text"/> from <paramref name="start"/> to <paramref name="end"/>, with its line breaks.</summary>
        private static SyntaxTriviaList Blanks(string text, int start, int end)
        {
            if (start >= end)
            {
                return SyntaxFactory.TriviaList();
            }

            var trivia = new List<SyntaxTrivia>();
            var spaces = 0;
            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (!IsLineBreak(c))
                {
                    spaces++;
                    continue;
                }

                if (spaces > 0)
                {
                    trivia.Add(SyntaxFactory.Whitespace(new string(' ', spaces)));
                    spaces = 0;
                }

                var pair = c == '\r' && i + 1 < end && text[i + 1] == '\n';
                trivia.Add(SyntaxFactory.EndOfLine(pair ? "\r\n" : c.ToString()));
                i += pair ? 1 : 0;
            }

            if (spaces > 0)
            {
                trivia.Add(SyntaxFactory.Whitespace(new string(' ', spaces)));
            }

            return SyntaxFactory.TriviaList(trivia);
        }

        private static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';
    }
}

/// <summary>What of one file the screen binds: all of it, or only these members and types.</summary>
internal sealed class FileMarks
{
    public static FileMarks All => new() { Whole = true };

    public bool Whole { get; set; }

    public HashSet<SyntaxNode> Units { get; } = [];
}

/// <summary>
/// The screen's decision for a compilation's files (<see cref="SourceScreen.Screen"/>): each file is bound whole, in part
/// (the members and types that name something; the rest as declarations), or as declarations only.
/// </summary>
internal sealed class Screening
{
    private readonly Dictionary<SyntaxTree, FileMarks> _marks;

    public Screening(Dictionary<SyntaxTree, FileMarks> marks)
    {
        _marks = marks;
    }

    private readonly HashSet<SyntaxTree> _analysed = [];

    /// <summary>
    /// Whether a file of the analysed compilation (as <see cref="ToAnalyse"/> gave it) is analysed: it names something,
    /// in its code or its declarations. In the others, declarations only that name nothing, nothing can be found.
    /// </summary>
    public bool Analyses(SyntaxTree analysed) => _analysed.Contains(analysed);

    /// <summary>Whether any of the file is bound (the name matcher then reads it whole).</summary>
    public bool Binds(SyntaxTree tree) => _marks.ContainsKey(tree);

    /// <summary>Whether every file given is bound whole (then there is nothing to strip).</summary>
    public bool BindsAllWhole(IEnumerable<SyntaxTree> trees) => trees.All(t => _marks.TryGetValue(t, out var mark) && mark.Whole);

    /// <summary>Files given to <see cref="ToAnalyse"/> that were bound whole (every member of a file marked in part included).</summary>
    public int Whole { get; private set; }

    /// <summary>Files given to <see cref="ToAnalyse"/> that were bound in part: some members' bodies were left out.</summary>
    public int InPart { get; private set; }

    /// <summary>Members whose bodies were bound in the files bound in part, and members whose bodies were not.</summary>
    public int MembersKept { get; private set; }

    public int MembersStripped { get; private set; }

    /// <summary>The file as the compiler and analyzers get it: itself, in part, or its declarations only.</summary>
    public SyntaxTree ToAnalyse(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (!_marks.TryGetValue(tree, out var mark))
        {
            return SourceScreen.DeclarationsOnly(tree, null, cancellationToken);
        }

        if (!mark.Whole && mark.Units.Count == 0)
        {
            // Nothing named in its code, but in a directive or an attribute of a type or the assembly: analysed (an
            // attribute is a declaration, kept), and read by the name matcher.
            var declarations = SourceScreen.DeclarationsOnly(tree, null, cancellationToken);
            _analysed.Add(declarations);
            return declarations;
        }

        if (!mark.Whole)
        {
            var stripped = SourceScreen.DeclarationsOnly(tree, mark.Units, cancellationToken, out var kept, out var removed);
            if (removed > 0)
            {
                InPart++;
                MembersKept += kept;
                MembersStripped += removed;
                _analysed.Add(stripped);
                return stripped;
            }
        }

        Whole++;
        _analysed.Add(tree);
        return tree;
    }
}
