using System.CommandLine;
using ExportLint.Cli.Scanning;
using ExportLint.Reports;

namespace ExportLint.Cli;

/// <summary><c>exportlint merge &lt;report&gt;…</c>: one report from shards and per-project build reports.</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var reports = new Argument<string[]>("report")
        {
            Description = "JSON reports: exportlint.json files from 'scan' (shards or not) and obj/exportlint/*.exportlint.json files from builds.",
            Arity = ArgumentArity.OneOrMore,
        };
        var outputDirectory = CommonOptions.Output();
        var format = CommonOptions.Format();
        var failOn = new Option<string?>("--fail-on") { Description = "Recount levels under this policy (never, error, warning). Default: the reports' own." };
        var cdxSpec = CommonOptions.CdxSpec();
        var baseline = CommonOptions.Baseline();
        var failOnNew = CommonOptions.FailOnNew();
        var timestamp = CommonOptions.Timestamp();
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();
        var command = new Command("merge",
            "Combine JSON reports into one and write the same report set as 'scan'. Reports must have been evaluated as of " +
            "the same day." + Environment.NewLine + Environment.NewLine +
            "Examples:" + Environment.NewLine +
            "  exportlint merge shard-*/exportlint.json --output artifacts" + Environment.NewLine +
            "  exportlint merge **/obj/exportlint/*.exportlint.json -o merged" + Environment.NewLine +
            "  exportlint merge shard-*/exportlint.json --baseline main/exportlint.json --fail-on-new --format all -o out")
        {
            reports, outputDirectory, format, failOn, cdxSpec, baseline, failOnNew, timestamp, quiet, verbose,
        };
        command.SetAction(result =>
        {
            if (ReportOutput.ReadRequest(result.GetValue(format), result.GetValue(timestamp), result.GetValue(cdxSpec), result.GetValue(baseline), result.GetValue(failOnNew), error) is not { } request)
            {
                return ExitCodes.Usage;
            }

            var (formats, time, spec, baselinePath, onlyNew) = request;
            var previous = baselinePath is null ? null : ReportOutput.ReadBaseline(baselinePath, error);
            if (baselinePath is not null && previous is null)
            {
                return ExitCodes.Usage;
            }

            var read = new List<Report>();
            foreach (var path in result.GetValue(reports) ?? [])
            {
                try
                {
                    read.Add(JsonReport.Read(path));
                }
                catch (ReportFormatException ex)
                {
                    error.WriteLine($"{ex.Message}");
                    return ExitCodes.Usage;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"{path}: error: could not be read: {ex.Message}");
                    return ExitCodes.Usage;
                }
            }

            var merged = ReportMerge.Merge(read, result.GetValue(failOn), error);
            if (merged is null)
            {
                return ExitCodes.Usage;
            }

            merged.Timestamp = time;

            // The inputs' own baseline states do not add up (a shard's "absent" is another shard's finding): a merge
            // states only what its own --baseline says.
            Baseline.Clear(merged);
            if (previous is not null)
            {
                Baseline.Compare(merged, previous, baselinePath!);
            }

            List<string> written;
            var timings = new List<(string, TimeSpan)>();
            try
            {
                var sarif = new ReportContext { SourceRoot = null, Arguments = result.Tokens.Select(t => t.Value).ToList(), WorkingDirectory = Directory.GetCurrentDirectory(), ExitCode = ReportOutput.ExitCode(merged, onlyNew), FailOnNew = onlyNew, CycloneDxSpecVersion = spec };
                written = ReportOutput.Write(merged, result.GetValue(outputDirectory), formats, sarif, timings);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"exportlint: the report could not be written: {ex.Message}");
                return ExitCodes.Usage;
            }

            var verbosity = CommonOptions.VerbosityOf(result.GetValue(quiet), result.GetValue(verbose));
            // --verbose says how long each report took to write, even with --quiet (the report benchmark reads it).
            if (result.GetValue(verbose))
            {
                ReportOutput.PrintTimings(error, timings);
            }

            ConsoleSummary.Write(output, merged, verbosity, written);
            return ReportOutput.ExitCode(merged, onlyNew);
        });
        return command;
    }
}

/// <summary>Combines reports: the union of everything, each thing once, sorted as a scan sorts it.</summary>
internal static class ReportMerge
{
    public static Report? Merge(IReadOnlyList<Report> reports, string? failOn, TextWriter error)
    {
        var days = reports.Select(r => r.AsOf).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (days.Count > 1)
        {
            error.WriteLine($"exportlint: the reports were evaluated as of different days ({string.Join(", ", days)}); scan them with the same --as-of to merge them");
            return null;
        }

        var policy = (failOn ?? reports.Select(r => r.FailOn).FirstOrDefault() ?? "error").Trim().ToLowerInvariant();
        if (policy is not ("never" or "error" or "warning"))
        {
            error.WriteLine($"exportlint: --fail-on '{policy}' must be never, error or warning");
            return null;
        }

        var merged = new Report
        {
            Tool = new ToolInfo { Name = "exportlint", Version = Scanner.ToolVersion },
            AsOf = days.FirstOrDefault() ?? string.Empty,
            FailOn = policy,
            SkipGeneratedCode = reports.Any(r => r.SkipGeneratedCode),
        };
        foreach (var report in reports)
        {
            merged.ControlLists.AddRange(report.ControlLists);
            merged.Projects.AddRange(report.Projects);
            merged.Models.AddRange(report.Models);
            merged.Findings.AddRange(report.Findings);
            merged.Suppressions.AddRange(report.Suppressions);
            merged.Problems.AddRange(report.Problems);
            merged.Entries.AddRange(report.Entries);
        }

        foreach (var finding in merged.Findings)
        {
            finding.Level = Levels.Of(finding.Severity, policy);
        }

        Scanner.Normalise(merged);
        return merged;
    }
}
