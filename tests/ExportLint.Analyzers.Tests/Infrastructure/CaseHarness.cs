using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ExportLint.Analyzers.Tests.Infrastructure;

/// <summary>
/// The test harness for control-list authors, after Semgrep's <c>ruleid:</c>/<c>ok:</c>: a C# file annotated with
/// <c>// exl-expect: ENTRY-ID</c> and <c>// exl-ok: ENTRY-ID</c> (several ids separated by commas) is checked against a
/// list. An annotation alone on its line is about the next line; at the end of a line of code, about that line.
/// Every expect must be reported on its line with that entry, no ok may be, and nothing unannotated may be reported.
/// </summary>
internal static partial class CaseHarness
{
    [GeneratedRegex(@"//\s*exl-(?<kind>expect|ok)\s*:\s*(?<ids>[A-Za-z0-9_\-]+(\s*,\s*[A-Za-z0-9_\-]+)*)")]
    private static partial Regex Annotation();

    public sealed record Expectation(int Line, string EntryId, bool Expected);

    public static ImmutableArray<Expectation> Read(string source)
    {
        var result = ImmutableArray.CreateBuilder<Expectation>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in Annotation().Matches(lines[i]))
            {
                var standsAlone = lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal);
                var line = standsAlone ? i + 2 : i + 1;
                foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    result.Add(new Expectation(line, id, match.Groups["kind"].Value == "expect"));
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Checks one annotated source; returns every mismatch as a sentence (empty when the case holds).</summary>
    public static IReadOnlyList<string> Check(string path, string source, IEnumerable<(string Path, string Text)>? lists = null)
    {
        var expectations = Read(source);
        var reported = AnalyzerRun.Diagnostics(TestCompilation.Create((path, source)), lists)
            .Where(d => d.Location.IsInSource)
            .Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Entry: d.Properties.TryGetValue("entryId", out var id) ? id ?? d.Id : d.Id, Text: AnalyzerRun.Format(d)))
            .ToList();

        var problems = new List<string>();
        foreach (var expectation in expectations)
        {
            var found = reported.Any(r => r.Line == expectation.Line && r.Entry == expectation.EntryId);
            if (expectation.Expected && !found)
            {
                problems.Add($"{path}({expectation.Line}): expected {expectation.EntryId}, not reported");
            }
            else if (!expectation.Expected && found)
            {
                problems.Add($"{path}({expectation.Line}): {expectation.EntryId} reported, but marked ok");
            }
        }

        foreach (var finding in reported)
        {
            if (!expectations.Any(e => e.Expected && e.Line == finding.Line && e.EntryId == finding.Entry))
            {
                problems.Add($"{path}({finding.Line}): unexpected {finding.Text}");
            }
        }

        return problems;
    }
}
