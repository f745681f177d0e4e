using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ExportLint.Cli.Scanning;

namespace ExportLint.Cli;

/// <summary><c>exportlint scan &lt;path&gt;…</c>.</summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "What to scan: a .sln, .slnx or .csproj, a folder (every project and file in it), or a folder of many repositories.",
            Arity = ArgumentArity.OneOrMore,
        };
        var lists = CommonOptions.ControlList();
        var noDefault = CommonOptions.NoDefaultList();
        var outputDirectory = CommonOptions.Output();
        var format = CommonOptions.Format();
        var failOn = CommonOptions.FailOn();
        var exclude = new Option<string[]>("--exclude", "-x")
        {
            Description = "Leave out paths matching this glob (as .gitignore reads it: 'vendor', 'tools/**', 'legacy/'). Repeatable. bin/, obj/, .git/, node_modules/ are always left out.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "GLOB",
        };
        var asOf = CommonOptions.AsOf();
        var shard = new Option<string?>("--shard")
        {
            Description = "Scan only shard i of n (i/n, 1-based): a deterministic split of the projects and files, so n runs together cover exactly the whole. Combine the reports with 'exportlint merge'.",
            HelpName = "i/n",
        };
        var noRestore = new Option<bool>("--no-restore") { Description = "Do not restore projects that have no assets file (they are scanned from source instead)." };
        var sourceOnly = new Option<bool>("--source-only") { Description = "Scan every project from source, without MSBuild or restore (what a machine without the SDK or the feeds gets)." };
        var bindAll = new Option<bool>("--bind-all") { Description = "In source mode, bind every file, not only those that name something the lists or detectors could match (slower; docs/cli.md says what the screen can miss)." };
        var skipGenerated = new Option<bool>("--skip-generated-code") { Description = "Do not report findings in generated code (recorded in the report, since it narrows the scan)." };
        var noHash = new Option<bool>("--no-hash") { Description = "Do not hash model files (headers are still read)." };
        var maxHash = new Option<long>("--max-hash-size")
        {
            Description = "Do not hash model files larger than this many bytes (the report says which were not hashed). Default: 4 GiB.",
            DefaultValueFactory = _ => 4L << 30,
            HelpName = "BYTES",
        };
        var cdxSpec = CommonOptions.CdxSpec();
        var baseline = CommonOptions.Baseline();
        var failOnNew = CommonOptions.FailOnNew();
        var timestamp = CommonOptions.Timestamp();
        var quiet = CommonOptions.Quiet();
        var verbose = CommonOptions.Verbose();

        var command = new Command("scan",
            "Inventory every AI component in solutions, projects and folders: the findings of the analyzers and the build " +
            "check (semantic where a project loads, from source where it does not), orchestration in YAML, scripts and " +
            "Dockerfiles, and model files found by their bytes." + Environment.NewLine + Environment.NewLine +
            "Examples:" + Environment.NewLine +
            "  exportlint scan samples --output artifacts" + Environment.NewLine +
            "  exportlint scan MyApp.sln -l acme.controllist.yaml --fail-on warning -o out" + Environment.NewLine +
            "  exportlint scan repos/ --shard 2/8 -o shard2 --timestamp 2026-01-01T00:00:00Z" + Environment.NewLine +
            "  exportlint scan legacy/ --as-of 2025-03-01 --exclude 'third_party/'" + Environment.NewLine +
            "  exportlint scan . --baseline main/exportlint.json --fail-on-new --format all -o out" + Environment.NewLine + Environment.NewLine +
            "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (with --fail-on-new: new ones); 2 usage or configuration error; 3 the scan is incomplete.")
        {
            paths, lists, noDefault, outputDirectory, format, failOn, exclude, asOf, shard, noRestore, sourceOnly, bindAll, skipGenerated, noHash, maxHash, cdxSpec, baseline, failOnNew, timestamp, quiet, verbose,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new ScanSettings
            {
                NoDefaultList = result.GetValue(noDefault),
                NoRestore = result.GetValue(noRestore),
                SourceOnly = result.GetValue(sourceOnly),
                BindAll = result.GetValue(bindAll),
                SkipGeneratedCode = result.GetValue(skipGenerated),
                MaxHashBytes = result.GetValue(noHash) ? 0 : result.GetValue(maxHash),
            };
            settings.Paths.AddRange(result.GetValue(paths) ?? []);
            settings.ControlLists.AddRange(result.GetValue(lists) ?? []);
            settings.Excludes.AddRange(result.GetValue(exclude) ?? []);

            var failOnValue = (result.GetValue(failOn) ?? "error").Trim().ToLowerInvariant();
            if (failOnValue is not ("never" or "error" or "warning"))
            {
                await error.WriteLineAsync($"exportlint: --fail-on '{failOnValue}' must be never, error or warning").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            settings.FailOn = failOnValue;
            if (!CommonOptions.TryParseAsOf(result.GetValue(asOf), error, out var day))
            {
                return ExitCodes.Usage;
            }

            settings.AsOf = day;
            if (result.GetValue(shard) is { } shardText)
            {
                var match = Regex.Match(shardText, @"^\s*(\d{1,6})\s*/\s*(\d{1,6})\s*$", RegexOptions.None, TimeSpan.FromSeconds(1));
                if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < 1 || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
                {
                    await error.WriteLineAsync($"exportlint: --shard '{shardText}' must be i/n with 1 <= i <= n (for example 3/8)").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }

                settings.ShardIndex = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                settings.ShardCount = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }

            if (ReportOutput.ReadRequest(result.GetValue(format), result.GetValue(timestamp), result.GetValue(cdxSpec), result.GetValue(baseline), result.GetValue(failOnNew), error) is not { } request)
            {
                return ExitCodes.Usage;
            }

            // The baseline is read before the scan, so a bad one fails at once (exit 2), not after it.
            var (formats, time, spec, baselinePath, onlyNew) = request;
            if (baselinePath is not null && settings.ShardCount > 1)
            {
                await error.WriteLineAsync("exportlint: --baseline cannot be used with --shard (a shard would call every finding of the other shards absent); merge the shards with 'exportlint merge shard*/exportlint.json --baseline FILE'").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var previous = baselinePath is null ? null : ReportOutput.ReadBaseline(baselinePath, error);
            if (baselinePath is not null && previous is null)
            {
                return ExitCodes.Usage;
            }

            var listSet = CommonOptions.LoadLists([.. settings.ControlLists], settings.NoDefaultList, settings.AsOf, error);
            if (listSet is null)
            {
                return ExitCodes.Usage;
            }

            var verbosity = CommonOptions.VerbosityOf(result.GetValue(quiet), result.GetValue(verbose));
            var progress = new Progress(error, verbosity, !Console.IsErrorRedirected);
            var scanner = new Scanner(settings, listSet, progress);
            var report = await scanner.ScanAsync(cancellationToken).ConfigureAwait(false);
            progress.Done();
            report.Timestamp = time;
            if (previous is not null)
            {
                Reports.Baseline.Compare(report, previous, baselinePath!);
            }

            List<string> written;
            var timings = new List<(string, TimeSpan)>();
            try
            {
                var sarif = new Reports.ReportContext { SourceRoot = scanner.Root, Arguments = result.Tokens.Select(t => t.Value).ToList(), WorkingDirectory = Directory.GetCurrentDirectory(), ExitCode = ReportOutput.ExitCode(report, onlyNew), FailOnNew = onlyNew, CycloneDxSpecVersion = spec };
                written = ReportOutput.Write(report, result.GetValue(outputDirectory), formats, sarif, timings);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"exportlint: the report could not be written to '{result.GetValue(outputDirectory)}': {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            // --verbose says how long each report took to write, even with --quiet (the report benchmark reads it).
            if (result.GetValue(verbose))
            {
                ReportOutput.PrintTimings(error, timings);
            }

            ConsoleSummary.Write(output, report, verbosity, written);
            return ReportOutput.ExitCode(report, onlyNew);
        });
        return command;
    }
}
