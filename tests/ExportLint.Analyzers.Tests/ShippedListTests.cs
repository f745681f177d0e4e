using ExportLint.Analyzers.Tests.Infrastructure;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;

namespace ExportLint.Analyzers.Tests;

/// <summary>The shipped lists name real APIs: a rename upstream fails here before it silently stops matching.</summary>
public class ShippedListTests
{
    [Fact]
    public void Every_api_pattern_of_the_shipped_lists_resolves_to_a_real_symbol()
    {
        var list = ControlListLoader.LoadDefault();
        var compilation = TestCompilation.Create("class Empty { }");
        var resolved = new HashSet<ApiPattern>(ReferenceEqualityComparer.Instance);
        var index = list.Apis;

        foreach (var assembly in compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>())
        {
            if (!TestCompilation.PackageAssemblies.Contains(assembly.Name))
            {
                continue;
            }

            foreach (var type in TypesOf(assembly.GlobalNamespace))
            {
                var matches = index.ForType(Chain(type));
                if (matches.IsEmpty)
                {
                    continue;
                }

                foreach (var target in matches.WholeType)
                {
                    resolved.Add(target.Pattern);
                }

                foreach (var member in type.GetMembers())
                {
                    foreach (var target in matches.ForMember(member.Name).Concat(matches.MemberGlobs.Where(t => t.Pattern.MemberName.IsMatch(member.Name))))
                    {
                        resolved.Add(target.Pattern);
                    }
                }
            }
        }

        var unresolved = new List<string>();
        foreach (var entry in list.Entries)
        {
            foreach (var pattern in entry.Match.Apis)
            {
                if (!resolved.Contains(pattern) && !CaseTests.NotRestorableHere.ContainsKey(entry.Id))
                {
                    unresolved.Add($"{entry.Id}: {pattern.Text} names no symbol of the referenced packages");
                }
            }
        }

        Assert.True(unresolved.Count == 0, string.Join("\n", unresolved));
    }

    [Fact]
    public void Every_method_an_argument_pattern_names_is_a_real_method_taking_a_string()
    {
        var list = ControlListLoader.LoadDefault();
        var compilation = TestCompilation.Create("class Empty { }");
        var methods = list.Entries
            .SelectMany(e => e.Match.Strings.Where(s => s.Context == StringContext.Argument).SelectMany(s => s.ArgumentOf.Select(m => (Entry: e, Method: m))))
            .ToList();
        Assert.NotEmpty(methods);

        var resolved = new HashSet<ApiPattern>(ReferenceEqualityComparer.Instance);
        foreach (var assembly in compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>())
        {
            if (!TestCompilation.PackageAssemblies.Contains(assembly.Name))
            {
                continue;
            }

            foreach (var type in TypesOf(assembly.GlobalNamespace))
            {
                var chain = Chain(type);
                foreach (var (_, method) in methods)
                {
                    if (method.MatchesTypeChain(chain, ApiPatternShape.Member)
                        && type.GetMembers().OfType<IMethodSymbol>().Any(m => method.MemberName.IsMatch(m.Name) && m.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String)))
                    {
                        resolved.Add(method);
                    }
                }
            }
        }

        var unresolved = methods.Where(m => !resolved.Contains(m.Method) && !CaseTests.NotRestorableHere.ContainsKey(m.Entry.Id)).Select(m => $"{m.Entry.Id}: {m.Method.Text} names no method taking a string").ToList();
        Assert.True(unresolved.Count == 0, string.Join("\n", unresolved));
    }

    [Fact]
    public void The_entries_not_checked_here_are_exactly_those_whose_packages_are_not_restored()
    {
        var list = ControlListLoader.LoadDefault();
        foreach (var id in CaseTests.NotRestorableHere.Keys)
        {
            var entry = list.FindEntry(id);
            Assert.NotNull(entry);
            Assert.False(entry.Match.Apis.IsDefaultOrEmpty);
        }
    }

    private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var type in TypesOf(inner))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type && type.DeclaredAccessibility == Accessibility.Public)
            {
                foreach (var nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers().Where(t => t.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected))
        {
            foreach (var inner in WithNested(nested))
            {
                yield return inner;
            }
        }
    }

    private static string[] Chain(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (ISymbol? current = type; current is not null && current is not INamespaceSymbol { IsGlobalNamespace: true }; current = current.ContainingSymbol)
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return names.ToArray();
    }
}
