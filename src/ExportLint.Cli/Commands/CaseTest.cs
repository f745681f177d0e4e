using System.CommandLine;
using System.Text.RegularExpressions;
using ExportLint.Cli.Scanning;
using ExportLint.Reports;

namespace ExportLint.Cli;

/// <summary>
/// <c>exportlint rules test &lt;folder&gt;</c>: an organisation's own list tested the way the shipped lists are, with
/// files annotated <c>exl-expect: ENTRY</c> and <c>exl-ok: ENTRY</c> (rules/README.md). The folder is scanned exactly
/// as <c>scan</c> scans it (a cases project that references the real packages is analysed semantically; loose files
/// from source; YAML and scripts as text), and every annotated file is held to its annotations.
/// </summary>
internal static partial class CaseTest
{
    [GeneratedRegex(@"(//|#)\s*exl-(?<kind>expect|ok)\s*:\s*(?<ids>[A-Za-z0-9_\-]+(\s*,\s*[A-Za-z0-9_\-]+)*)", RegexOptions.None, 1000)]
    private static partial Regex Annotation();

    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "A folder of annotated cases: C# files (a project beside them makes them semantic), YAML, scripts." };
        var lists = CommonOptions.ControlList();
        var noDefault = CommonOptions.NoDefaultList();
        var asOf = CommonOptions.AsOf();
        var command = new Command("test",
            "Test control lists against annotated cases: '// exl-expect: ENTRY' (or '# exl-expect:' in YAML and scripts) must " +
            "be reported on its line (the next line when the comment stands alone), '// exl-ok: ENTRY' must not, and nothing " +
            "unannotated may be reported in an annotated file. Exit code 1 when a case fails.")
        {
            folder, lists, noDefault, asOf,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!CommonOptions.TryParseAsOf(result.GetValue(asOf), error, out var day))
            {
                return ExitCodes.Usage;
            }

            var settings = new ScanSettings { AsOf = day, NoDefaultList = result.GetValue(noDefault) };
            settings.Paths.Add(result.GetValue(folder)!);
            settings.ControlLists.AddRange(result.GetValue(lists) ?? []);
            var set = CommonOptions.LoadLists([.. settings.ControlLists], settings.NoDefaultList, day, error);
            if (set is null)
            {
                return ExitCodes.Usage;
            }

            var report = await new Scanner(settings, set, new Progress(error, Verbosity.Quiet, errorIsTerminal: false)).ScanAsync(cancellationToken).ConfigureAwait(false);
            var root = Path.GetFullPath(Directory.GetCurrentDirectory());
            var failures = new List<string>();
            var cases = 0;
            foreach (var file in EnumerateCases(Path.GetFullPath(result.GetValue(folder)!)))
            {
                var expectations = Read(File.ReadAllLines(file));
                if (expectations.Count == 0)
                {
                    continue;
                }

                cases++;
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                var reported = report.Findings.Where(f => f.Location.File == relative).ToList();
                foreach (var (line, entry, expected) in expectations)
                {
                    var found = reported.Any(f => f.Location.Line == line && f.EntryId == entry);
                    if (expected && !found)
                    {
                        failures.Add($"{relative}({line}): expected {entry}, not reported");
                    }
                    else if (!expected && found)
                    {
                        failures.Add($"{relative}({line}): {entry} reported, but marked ok");
                    }
                }

                foreach (var finding in reported.Where(f => !expectations.Any(e => e.Expected && e.Line == f.Location.Line && e.Entry == f.EntryId)))
                {
                    failures.Add($"{relative}({finding.Location.Line},{finding.Location.Column}): unexpected {finding.Id} {finding.EntryId}: {finding.Message}");
                }
            }

            foreach (var problem in report.Problems.Where(p => p.Level != Levels.Message))
            {
                output.WriteLine($"{problem.Location}: {problem.Level} {problem.Id}: {problem.Message}");
            }

            foreach (var failure in failures.Distinct())
            {
                output.WriteLine(failure);
            }

            output.WriteLine(cases == 0
                ? "exportlint: no annotated case (exl-expect / exl-ok) was found"
                : $"{cases} case file(s), {failures.Count} failure(s)");
            return cases == 0 ? ExitCodes.Usage : failures.Count > 0 ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<string> EnumerateCases(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && (f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || TextFileScanner.IsOrchestrationFile(Path.GetFileName(f))))
            .OrderBy(f => f, StringComparer.Ordinal);

    private static List<(int Line, string Entry, bool Expected)> Read(string[] lines)
    {
        var result = new List<(int, string, bool)>();
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match match in Annotation().Matches(lines[i]))
            {
                var trimmed = lines[i].TrimStart();
                var standsAlone = trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith('#') && match.Index == lines[i].Length - trimmed.Length;
                var line = standsAlone ? i + 2 : i + 1;
                foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    result.Add((line, id, match.Groups["kind"].Value == "expect"));
                }
            }
        }

        return result;
    }
}
