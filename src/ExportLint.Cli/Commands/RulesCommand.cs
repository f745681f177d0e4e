using System.CommandLine;
using System.Globalization;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;

namespace ExportLint.Cli;

/// <summary><c>exportlint rules list | show | validate</c>: the control lists, as the scan sees them.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var rules = new Command("rules", "Show and check control lists." + Environment.NewLine + Environment.NewLine +
            "Examples:" + Environment.NewLine +
            "  exportlint rules list" + Environment.NewLine +
            "  exportlint rules list -l acme.controllist.yaml --as-of 2025-03-01" + Environment.NewLine +
            "  exportlint rules show EXL-W-LLAMA" + Environment.NewLine +
            "  exportlint rules validate acme.controllist.yaml" + Environment.NewLine +
            "  exportlint rules test policy-cases/ -l acme.controllist.yaml");
        rules.Subcommands.Add(List(output, error));
        rules.Subcommands.Add(Show(output, error));
        rules.Subcommands.Add(Validate(output, error));
        rules.Subcommands.Add(CaseTest.Create(output, error));
        return rules;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var lists = CommonOptions.ControlList();
        var noDefault = CommonOptions.NoDefaultList();
        var asOf = CommonOptions.AsOf();
        var all = new Option<bool>("--all") { Description = "Also list entries not in force on the day (not yet effective, or expired)." };
        var command = new Command("list", "List the entries in force: id, category, severity, classification, source status, list.") { lists, noDefault, asOf, all };
        command.SetAction(result =>
        {
            if (CommonOptions.Lists(result, lists, noDefault, asOf, error) is not { } set)
            {
                return ExitCodes.Usage;
            }

            var day = set.AsOf;

            output.WriteLine($"Lists (as of {ExportLintClock.Format(day)}): {string.Join(", ", set.Resolved.Lists.Select(l => $"{l.Id} {l.Version} ({l.Path})"))}");
            var rows = set.Resolved.Entries.Select(e => (Entry: e, State: "in force")).ToList();
            if (result.GetValue(all))
            {
                rows.AddRange(set.Resolved.InactiveEntries.Select(e => (Entry: e, State: "not in force")));
            }

            var idWidth = Math.Max(8, rows.Select(r => r.Entry.Id.Length).DefaultIfEmpty(0).Max() + 2);
            output.WriteLine($"{"entry".PadRight(idWidth)}{"category",-24}{"severity",-10}{"classification",-24}{"source status",-16}list");
            foreach (var (entry, state) in rows)
            {
                var status = entry.Source is { } source ? ControlListNames.Of(source.Status) : "-";
                output.WriteLine($"{entry.Id.PadRight(idWidth)}{ControlListNames.Of(entry.Category),-24}{ControlListNames.Of(entry.Severity),-10}{entry.Classification ?? "-",-24}{status,-16}{entry.ListId}{(state == "in force" ? string.Empty : " (not in force)")}");
            }

            output.WriteLine($"{set.Resolved.Entries.Length} entries in force, {set.Resolved.InactiveEntries.Length} not in force on {ExportLintClock.Format(day)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("entry") { Description = "An entry id, e.g. EXL-W-LLAMA." };
        var lists = CommonOptions.ControlList();
        var noDefault = CommonOptions.NoDefaultList();
        var asOf = CommonOptions.AsOf();
        var command = new Command("show", "Show one entry: what it matches, why, and the regulation it cites with its status and dates.") { id, lists, noDefault, asOf };
        command.SetAction(result =>
        {
            if (CommonOptions.Lists(result, lists, noDefault, asOf, error) is not { } set)
            {
                return ExitCodes.Usage;
            }

            var day = set.AsOf;

            var name = result.GetValue(id) ?? string.Empty;
            var entry = set.Resolved.FindEntry(name);
            if (entry is null)
            {
                var near = set.Resolved.Entries.Select(e => e.Id).Where(e => e.Contains(name, StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
                error.WriteLine($"exportlint: no entry '{name}' in {string.Join(", ", set.Resolved.Lists.Select(l => l.Id))}{(near.Count > 0 ? "; did you mean " + string.Join(", ", near) + "?" : string.Empty)}");
                return ExitCodes.Usage;
            }

            var inForce = set.Resolved.Entries.Contains(entry);
            output.WriteLine($"{entry.Id} ({entry.ListId}){(inForce ? string.Empty : $" — not in force on {ExportLintClock.Format(day)}")}");
            output.WriteLine($"  category:       {ControlListNames.Of(entry.Category)}");
            output.WriteLine($"  severity:       {ControlListNames.Of(entry.Severity)}");
            output.WriteLine($"  classification: {entry.Classification ?? "-"}");
            output.WriteLine($"  message:        {entry.Message}");
            output.WriteLine($"  diagnostic:     {entry.CodeDiagnosticId} ({DiagnosticIds.HelpLink(entry.CodeDiagnosticId)})");
            if (entry.Rationale is { } rationale)
            {
                output.WriteLine($"  rationale:      {rationale}");
            }

            if (entry.Effective is { } effective || entry.Expires is not null)
            {
                output.WriteLine($"  in force:       {Day(entry.Effective) ?? "always"} to {Day(entry.Expires) ?? "no end"}");
            }

            output.WriteLine($"  citation:       {entry.Citation}");
            if (entry.Source is { } source)
            {
                output.WriteLine($"  source:         {source.Id}: {source.Regulation}{(source.Section is null ? string.Empty : ", " + source.Section)}");
                output.WriteLine($"                  status {ControlListNames.Of(source.Status)}{(source.StatusDate is { } d ? " since " + Day(d) : string.Empty)}; effective {Day(source.Effective) ?? "-"}");
                if (source.Url is { } url)
                {
                    output.WriteLine($"                  {url}");
                }

                if (source.Notes is { } notes)
                {
                    output.WriteLine($"                  {notes}");
                }
            }

            var match = entry.Match;
            Print(output, "apis", match.Apis.Select(a => a.ToString()));
            Print(output, "packages", match.Packages.Select(p => p.ToString()));
            Print(output, "strings", match.Strings.Select(s => s.ToString()));
            Print(output, "native", match.NativeLibraries.Select(n => n.ToString()));
            Print(output, "files", match.Files.Select(f => f.ToString()));
            Print(output, "package files", match.PackageContent.Select(g => g.Pattern));
            Print(output, "assemblies", match.Assemblies);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Validate(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("list") { Description = "Control-list files to check (with the lists they extend).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check control lists: every problem with file, line and column; exit code 2 when any is an error.") { files };
        command.SetAction(result =>
        {
            var paths = result.GetValue(files) ?? [];
            var set = Scanning.ListSet.Load(paths, noDefaultList: true, ExportLintClock.Today);
            foreach (var problem in set.FormatProblems())
            {
                output.WriteLine(problem);
            }

            var errors = set.Problems.Count(p => p.IsError);
            var warnings = set.Problems.Length - errors;
            output.WriteLine($"{string.Join(", ", paths)}: {errors} error(s), {warnings} warning(s); {set.Resolved.Entries.Length} entries in force, {set.Resolved.InactiveEntries.Length} not in force");
            return errors > 0 ? ExitCodes.Usage : ExitCodes.Success;
        });
        return command;
    }

    private static string? Day(DateTime? day) => day is { } d ? ExportLintClock.Format(d) : null;

    private static void Print(TextWriter output, string label, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            output.WriteLine($"  {label + ":",-16}{value}");
        }
    }
}
