using System.Globalization;
using System.Text;
using ExportLint.ListCompiler;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;
using ExportLint.ControlLists.ModelFiles;

namespace ExportLint.ControlLists.Tests.Loading;

/// <summary>
/// The shipped lists are compiled to C# (src/ExportLint.ControlLists/Loading/CompiledControlLists.g.cs) by
/// src/ExportLint.ListCompiler so that no host parses their YAML at run time. These tests are its guard: the committed
/// file must be exactly what the YAML compiles to, and the compiled lists must load to the same entries (active and
/// inactive, with their dates) and sources as the YAML. To regenerate after editing a shipped list, from the
/// repository's root: <c>dotnet run --project src/ExportLint.ListCompiler -- rules/ src/ExportLint.ControlLists/Loading/CompiledControlLists.g.cs</c>.
/// </summary>
public class CompiledShippedListsTests
{
    private static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ExportLint.sln")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, "the tests run inside the repository");
        return Path.Combine([directory!.FullName, .. parts]);
    }

    [Fact]
    public void The_committed_compiled_lists_are_what_the_yaml_compiles_to()
    {
        var path = RepositoryFile("src", "ExportLint.ControlLists", "Loading", "CompiledControlLists.g.cs");
        var expected = ShippedListCompiler.CompileDirectory(RepositoryFile("rules"));

        Assert.True(
            File.ReadAllText(path) == expected,
            "CompiledControlLists.g.cs is out of date with rules/*.controllist.yaml; regenerate it from the repository's root with: " + ShippedListCompiler.Command);
    }

    [Fact]
    public void The_compiler_reads_the_same_lists_the_core_embeds()
    {
        var fromFolder = ShippedListCompiler.CompileDirectory(RepositoryFile("rules"));
        var fromResources = ShippedListCompiler.Compile(EmbeddedControlLists.All.ToDictionary(p => p.Key, p => p.Value.Text));

        Assert.Equal(fromResources, fromFolder);
    }

    [Fact]
    public void The_compiled_form_names_every_argument_and_keeps_an_entry_s_dates()
    {
        var code = ShippedListCompiler.Compile(new Dictionary<string, string>
        {
            ["dated"] = """
                controllist: dated
                entries:
                  - id: OLD
                    category: restricted-api
                    severity: info
                    message: m
                    effective: 2020-01-02
                    expires: 2021-03-04
                    match: { apis: [A.B.C] }
                """,
        });

        Assert.Contains("effective: Day(2020, 1, 2),", code, StringComparison.Ordinal);
        Assert.Contains("expires: Day(2021, 3, 4),", code, StringComparison.Ordinal);
        Assert.Contains("id: \"OLD\",", code, StringComparison.Ordinal);
        Assert.Contains("apis: A<ApiPattern>(Api(\"A.B.C\")),", code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_that_does_not_load_is_not_compiled()
    {
        var error = Assert.Throws<InvalidDataException>(() => ShippedListCompiler.Compile(new Dictionary<string, string>
        {
            ["broken"] = "controllist: broken\nentries:\n  - id: X\n    mesage: m\n",
        }));

        Assert.Contains("broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compiled_lists_load_to_the_same_entries_as_the_yaml()
    {
        var options = new ControlListLoadOptions { AsOf = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) };
        var compiled = ControlListLoader.LoadDefault(options);
        var fromYaml = ControlListLoader.Load(
            EmbeddedControlLists.All.Values.Select(d => new ControlListDocument(d.Path, d.Text)).ToList(),
            new InMemoryControlListResolver([]),
            options);

        Assert.NotNull(CompiledControlLists.Find("exportlint-default"));
        Assert.Empty(fromYaml.Problems);
        Assert.Equal(Render(fromYaml), Render(compiled));

        // Entries out of force on the day are compared too: their dates are what keeps them out.
        foreach (var day in new[] { new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) })
        {
            var other = new ControlListLoadOptions { AsOf = day };
            Assert.Equal(
                Render(ControlListLoader.Load(EmbeddedControlLists.All.Values.Select(d => new ControlListDocument(d.Path, d.Text)).ToList(), new InMemoryControlListResolver([]), other)),
                Render(ControlListLoader.LoadDefault(other)));
        }
    }

    private static string Render(ResolvedControlList list)
    {
        var text = new StringBuilder();
        foreach (var (entry, state) in list.Entries.Select(e => (e, "active")).Concat(list.InactiveEntries.Select(e => (e, "inactive"))).OrderBy(p => p.Item1.Id, StringComparer.Ordinal))
        {
            text.Append(state).Append(' ').Append(entry.Effective?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("..")
                .Append(entry.Expires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(' ');
            text.Append(entry.Id).Append('|').Append(entry.ListId).Append('|').Append(entry.Category).Append('|').Append(entry.Action).Append('|')
                .Append(entry.Severity).Append('|').Append(entry.Citation).Append('|').Append(entry.Message).Append('|').Append(entry.Rationale).Append('|')
                .Append(entry.Location).Append('|').Append(string.Join(",", entry.Tags)).Append('|').Append(entry.Notes).AppendLine();
            var match = entry.Match;
            text.Append("  apis ").AppendLine(string.Join(";", match.Apis.Select(a => a.Text)));
            text.Append("  packages ").AppendLine(string.Join(";", match.Packages.Select(p => p.ToString())));
            text.Append("  strings ").AppendLine(string.Join(";", match.Strings.Select(s => $"{s.Kind}:{s.Value}:{s.IgnoreCase}:{s.Context}:{s.Member}:{string.Join(",", s.ArgumentOf)}")));
            text.Append("  native ").AppendLine(string.Join(";", match.NativeLibraries.Select(n => n.Name)));
            text.Append("  files ").AppendLine(string.Join(";", match.Files.Select(f => f.ToString())));
            text.Append("  content ").AppendLine(string.Join(";", match.PackageContent.Select(g => g.Pattern)));
            text.Append("  assemblies ").AppendLine(string.Join(";", match.Assemblies));
        }

        foreach (var source in list.Sources)
        {
            text.Append(source.Id).Append('|').Append(source.Regulation).Append('|').Append(source.Section).Append('|').Append(source.Url).Append('|')
                .Append(source.Status).Append('|').Append(source.StatusDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                .Append(source.StatusText).Append('|').Append(source.Effective?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
                .Append(source.Notes).Append('|').Append(source.Location).AppendLine();
        }

        return text.ToString();
    }
}
