using ExportLint.Cli.Scanning;
using ExportLint.Cli.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExportLint.Cli.Tests;

/// <summary>
/// What the screen leaves out of a file keeps its place: a finding in a member that was kept, and a compiler diagnostic
/// anywhere in the file, must be reported at the line and column they have in the file itself. Found comparing screened
/// and fully bound scans of microsoft/Foundry-Local: findings below a stripped multi-line body came out 62 lines up.
/// </summary>
public sealed class BodyStripperTests
{
    public static TheoryData<string> SourceFiles()
    {
        // The repository's own code and the analyzers' cases: every kind of body C# has, in real layouts.
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "src/ExportLint.Cli", "src/ExportLint.Analyzers", "src/ExportLint.ControlLists", "tests/ExportLint.Analyzers.Tests/Cases" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ExportLintTool.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(ExportLintTool.RepositoryRoot, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void Declarations_only_keep_every_line_and_column(string relative)
    {
        var text = File.ReadAllText(Path.Combine(ExportLintTool.RepositoryRoot, relative));
        var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), relative);

        var stripped = SourceScreen.DeclarationsOnly(tree, null, CancellationToken.None, out _, out var removed);
        AssertSamePlaces(tree, stripped);

        // Keeping some members (every other one) must not move anything either.
        var members = tree.GetRoot().DescendantNodes().Where(n => n is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax).ToList();
        var kept = members.Where((_, i) => i % 2 == 0).ToHashSet();
        AssertSamePlaces(tree, SourceScreen.DeclarationsOnly(tree, kept, CancellationToken.None, out _, out _));

        // And the screen did strip: a file with members that have bodies lost some.
        if (members.Any(m => m.DescendantNodes().OfType<BlockSyntax>().Any(b => b.ToString().Length >= 13)))
        {
            Assert.True(removed > 0, "no body was stripped");
            Assert.NotEqual(text, stripped.GetText().ToString());
        }
    }

    [Fact]
    public void A_finding_below_a_stripped_body_is_where_it_is_in_the_file()
    {
        const string Code = """
            namespace App;
            public static class Lines
            {
                public static int Long(int[] values)
                {
                    var total = 0;
                    foreach (var value in values)
                    {
                        total += value;
                    }

                    return total;
                }

                public static string Sum(int[] values) =>
                    values
                        .Select(v => v.ToString())
                        .Aggregate(string.Empty, (a, b) => a + b);

                public static string Resource() => "nvidia.com/gpu";
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(Code, new CSharpParseOptions(LanguageVersion.Preview), "Lines.cs");
        var resource = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Resource");
        var stripped = SourceScreen.DeclarationsOnly(tree, new HashSet<SyntaxNode> { resource }, CancellationToken.None, out var kept, out var removed);

        Assert.Equal((1, 2), (kept, removed));
        var literal = stripped.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single(l => l.Token.ValueText == "nvidia.com/gpu");
        Assert.Equal(19, literal.GetLocation().GetLineSpan().StartLinePosition.Line);
        Assert.Equal(tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single(l => l.Token.ValueText == "nvidia.com/gpu").Span, literal.Span);
        Assert.DoesNotContain("Aggregate", stripped.GetText().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("foreach", stripped.GetText().ToString(), StringComparison.Ordinal);
    }

    private static void AssertSamePlaces(SyntaxTree original, SyntaxTree stripped)
    {
        var before = original.GetText();
        var after = stripped.GetText();
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(before.Lines.Count, after.Lines.Count);
        for (var i = 0; i < before.Lines.Count; i++)
        {
            Assert.Equal(before.Lines[i].Start, after.Lines[i].Start);
        }

        // Every declaration is where it was.
        var declared = original.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<MemberDeclarationSyntax>().Select(m => (m.Kind(), m.SpanStart)).ToList();
        var declaredAfter = stripped.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax).OfType<MemberDeclarationSyntax>().Select(m => (m.Kind(), m.SpanStart)).ToList();
        Assert.Equal(declared, declaredAfter);
    }
}
