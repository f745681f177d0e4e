using System.Globalization;
using System.Threading.Channels;
using ExportLint.ControlLists;
using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// One scan: plans the work, takes this shard's share of it, scans each unit and assembles the report, sorted so that
/// the same input gives the same bytes (and so that the shards' reports merge into exactly the unsharded one).
/// </summary>
internal sealed class Scanner
{
    private readonly ScanSettings _settings;
    private readonly ListSet _lists;
    private readonly Progress _progress;

    public Scanner(ScanSettings settings, ListSet lists, Progress progress)
    {
        _settings = settings;
        _lists = lists;
        _progress = progress;
    }

    /// <summary>The folder the report's paths are relative to (known once the scan is planned).</summary>
    public string? Root { get; private set; }

    public async Task<Report> ScanAsync(CancellationToken cancellationToken)
    {
        var plan = Discovery.Plan(_settings.Paths, _settings.Excludes);
        Root = plan.Root;
        var factory = new FindingFactory(_settings.FailOn);
        var report = new Report
        {
            Tool = new ToolInfo { Name = "exportlint", Version = ToolVersion },
            AsOf = ExportLintClock.Format(_lists.AsOf),
            FailOn = _settings.FailOn,
            Shard = _settings.ShardCount > 1 ? $"{_settings.ShardIndex}/{_settings.ShardCount}" : null,
            SkipGeneratedCode = _settings.SkipGeneratedCode,
            ControlLists = _lists.Used(),
        };

        // Discovery's and the lists' problems belong to the whole; shard 1 carries them so a merge has each once. (List
        // errors stop the scan before this; warnings, and lists that leave no entry in force, are kept in the report.)
        if (_settings.ShardIndex == 1)
        {
            report.Problems.AddRange(plan.Problems);
            foreach (var problem in _lists.Problems)
            {
                report.Problems.Add(new Problem
                {
                    Id = problem.DiagnosticId,
                    Level = problem.IsError ? Levels.Error : Levels.Warning,
                    Message = problem.Message,
                    Location = new Location { File = problem.Path, Line = problem.Position.Line, Column = problem.Position.Column },
                });
            }

            if (_lists.Resolved.Entries.Length == 0)
            {
                report.Problems.Add(Problem.AboutFile(DiagnosticIds.InvalidSetting, Levels.Warning, string.Empty,
                    $"the control lists in use ({string.Join(", ", _lists.Resolved.Lists.Select(l => l.Id))}) leave no entry in force on {report.AsOf}: nothing can be found"));
            }
        }

        var outcomes = new List<ScanOutcome>();
        using (var projects = new ProjectScanner(_settings, _lists, plan.Relative, _progress.Log))
        {
            var owned = plan.Projects.Where(p => Sharding.Owns(_settings, plan.Relative(p))).ToList();
            if (_settings.SourceOnly || MsBuildAvailability.Problem is not null)
            {
                // Without MSBuild, projects share nothing but read-only state: compile them side by side. (MSBuild's
                // evaluation and MSBuildWorkspace are not made for concurrent use, so semantic mode goes one by one.)
                var results = await ScanFromSourceAsync(projects, owned, plan, cancellationToken).ConfigureAwait(false);
                foreach (var outcome in results)
                {
                    _progress.Projects++;
                    _progress.Findings += outcome.Findings.Count;
                    outcomes.Add(outcome);
                }
            }
            else
            {
                foreach (var project in owned)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    _progress.Step($"project {plan.Relative(project)}");
                    var outcome = await Guarded(() => projects.ScanProjectAsync(project, cancellationToken), plan.Relative(project), project: true).ConfigureAwait(false);
                    _progress.Projects++;
                    _progress.Findings += outcome.Findings.Count;
                    outcomes.Add(outcome);
                }
            }

            // A project in a language ExportLint does not analyse is said as what it is: an F# project calling TorchSharp
            // is as much a finding as a C# one, and a scan that passed over it in silence would look clean.
            foreach (var project in plan.OtherLanguageProjects.Where(p => Sharding.Owns(_settings, plan.Relative(p))))
            {
                var relative = plan.Relative(project);
                var reason = $"it is {Discovery.OtherLanguage(project)} project: ExportLint analyses C# only, so its code, packages and project items were not scanned (model files and orchestration files in its folder still are); --exclude it to accept that";
                var outcome = new ScanOutcome
                {
                    Project = new ProjectRecord { Path = relative, Name = Path.GetFileNameWithoutExtension(project), Mode = ScanModes.None, Reason = reason },
                };
                outcome.Problems.Add(Problem.AboutFile(DiagnosticIds.ProjectLanguageNotAnalysed, Levels.Error, relative, $"'{relative}' was not analysed: {reason}", incomplete: true, project: relative));
                _progress.Projects++;
                outcomes.Add(outcome);
            }

            foreach (var folder in plan.OtherLanguageSourceFiles.GroupBy(f => Path.GetDirectoryName(f)!).Where(g => Sharding.Owns(_settings, plan.Relative(g.Key) + "/*.fs,*.vb")))
            {
                var files = folder.Select(plan.Relative).ToList();
                var languages = string.Join(" and ", folder.Select(Discovery.OtherLanguageSource).Distinct().Order(StringComparer.Ordinal));
                var named = string.Join(", ", files.Take(5)) + (files.Count > 5 ? $" and {files.Count - 5} more" : string.Empty);
                var where = plan.Relative(folder.Key) is { Length: > 0 } relativeFolder ? $"'{relativeFolder}'" : "the scanned folder";
                var outcome = new ScanOutcome();
                outcome.Problems.Add(Problem.AboutFile(DiagnosticIds.ProjectLanguageNotAnalysed, Levels.Error, files[0],
                    $"{where} holds {files.Count} {languages} file{(files.Count == 1 ? string.Empty : "s")} in no project ({named}): ExportLint analyses C# projects and .cs files only, so {(files.Count == 1 ? "it was" : "they were")} not scanned; --exclude {(files.Count == 1 ? "it" : "them")} to accept that",
                    incomplete: true));
                _progress.Files += files.Count;
                outcomes.Add(outcome);
            }

            foreach (var script in plan.ScriptFiles.Concat(plan.NotebookFiles).Order(StringComparer.Ordinal).Where(f => Sharding.Owns(_settings, plan.Relative(f))))
            {
                _progress.Step(plan.Relative(script));
                var outcome = await Guarded(() => plan.NotebookFiles.Contains(script) ? projects.ScanNotebookAsync(script, cancellationToken) : projects.ScanScriptAsync(script, cancellationToken), plan.Relative(script), project: false).ConfigureAwait(false);
                _progress.Files++;
                _progress.Findings += outcome.Findings.Count;
                outcomes.Add(outcome);
            }

            foreach (var folder in plan.LooseSourceFiles.GroupBy(f => Path.GetDirectoryName(f)!).Where(g => Sharding.Owns(_settings, plan.Relative(g.Key) + "/*.cs")))
            {
                _progress.Step($"C# files in {plan.Relative(folder.Key)}");
                var outcome = await Guarded(() => projects.ScanLooseFilesAsync(folder.Key, folder.ToList(), cancellationToken), plan.Relative(folder.Key), project: false).ConfigureAwait(false);
                _progress.Files += folder.Count();
                _progress.Findings += outcome.Findings.Count;
                outcomes.Add(outcome);
            }
        }

        var modelsFromItems = new HashSet<string>(outcomes.SelectMany(o => o.Models).Select(m => m.Path), StringComparer.Ordinal);
        foreach (var file in plan.TextFiles.Where(f => Sharding.Owns(_settings, plan.Relative(f))))
        {
            var outcome = new ScanOutcome();
            _progress.Step(plan.Relative(file));
            if (!TextFileScanner.Scan(file, plan.Relative(file), _lists.Resolved, factory, outcome.Findings, outcome.Problems))
            {
                LookForModel(plan, file, factory, modelsFromItems, outcome);
            }

            _progress.Files++;
            _progress.Findings += outcome.Findings.Count;
            outcomes.Add(outcome);
        }

        foreach (var file in plan.OtherFiles.Where(f => Sharding.Owns(_settings, plan.Relative(f))))
        {
            var outcome = new ScanOutcome();
            LookForModel(plan, file, factory, modelsFromItems, outcome);
            _progress.Files++;
            _progress.Findings += outcome.Findings.Count;
            outcomes.Add(outcome);
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Project is { } project)
            {
                report.Projects.Add(project);
            }

            report.Findings.AddRange(outcome.Findings);
            report.Problems.AddRange(outcome.Problems);
            report.Models.AddRange(outcome.Models);
            report.Suppressions.AddRange(outcome.Suppressions);
        }

        // The entries the findings refer to, as the lists define them (the findings carry only their ids).
        var referred = new HashSet<(string, string)>(report.Findings.Select(f => (f.EntryId, f.ListId)));
        report.Entries.AddRange(_lists.Resolved.Entries.Concat(_lists.Resolved.InactiveEntries)
            .Where(e => referred.Contains((e.Id, e.ListId)))
            .Select(ExportLint.Build.Reporting.ReportConversion.EntryOf));
        Normalise(report);
        return report;
    }

    /// <summary>
    /// How many projects the loader may have parsed ahead of the workers: enough to keep it busy while the first
    /// analysis warms the compiler up (on the benchmark: 4 ahead 1.92–2.08 s, 16 ahead 1.82–1.90 s, 48 no better;
    /// 25 MB more at the peak).
    /// </summary>
    private const int LoadAhead = 16;

    /// <summary>
    /// Projects scanned from source, as a pipeline of their two stages: one loader reads, parses and screens them in
    /// order, on a thread of its own; workers, one per core, analyse them. Only one worker starts at once: the first
    /// analysis in a process pays for the compiler's warm-up (its code compiled, its types loaded: about 0.4 s), and
    /// two side by side mostly waited on each other (both cores 1.3 busy of 2 for the first 0.8 s of the benchmark),
    /// where the loader's parsing can use the other core. The others start when it has analysed its first project.
    /// </summary>
    private static async Task<ScanOutcome[]> ScanFromSourceAsync(ProjectScanner projects, List<string> owned, ScanPlan plan, CancellationToken cancellationToken)
    {
        var results = new ScanOutcome[owned.Count];
        var loaded = Channel.CreateBounded<(int Index, Task<ProjectScanner.LoadedProject> Project)>(new BoundedChannelOptions(LoadAhead) { SingleWriter = true });
        var loader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    for (var i = 0; i < owned.Count; i++)
                    {
                        var project = projects.LoadAsync(owned[i], cancellationToken);
                        try
                        {
                            project.GetAwaiter().GetResult();
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // Reported when its worker takes it (Guarded), as a project that could not be scanned.
                        }

                        loaded.Writer.WriteAsync((i, project), cancellationToken).AsTask().GetAwaiter().GetResult();
                    }
                }
                finally
                {
                    loaded.Writer.Complete();
                }
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var warm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Work(bool first)
        {
            if (!first)
            {
                await Task.WhenAny(warm.Task, loader).ConfigureAwait(false);
            }

            await foreach (var (index, project) in loaded.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                results[index] = await Guarded(async () => await projects.AnalyseAsync(await project.ConfigureAwait(false), cancellationToken).ConfigureAwait(false), plan.Relative(owned[index]), project: true).ConfigureAwait(false);
                warm.TrySetResult();
            }

            warm.TrySetResult();
        }

        var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(i => Task.Run(() => Work(first: i == 0), cancellationToken)).ToList();
        await Task.WhenAll(workers.Append(loader)).ConfigureAwait(false);
        return results;
    }

    private void LookForModel(ScanPlan plan, string file, FindingFactory factory, HashSet<string> modelsFromItems, ScanOutcome outcome)
    {
        var relative = plan.Relative(file);
        if (modelsFromItems.Contains(relative))
        {
            return;
        }

        var inspected = ModelFileInspector.Inspect(file, relative, _settings.MaxHashBytes);
        if (inspected.Unreadable is { } why)
        {
            outcome.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Error, relative, $"'{relative}' could not be read, so it is not known whether it is a model file: {why}", incomplete: true));
            return;
        }

        if (inspected.NotRegular is { } notRegular)
        {
            outcome.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Message, relative, $"'{relative}' was not read: {notRegular}"));
            return;
        }

        if (inspected.Record is not { } record || inspected.Info is not { } info)
        {
            return;
        }

        outcome.Models.Add(record);
        if (record.HeaderProblem is { } headerProblem)
        {
            outcome.Problems.Add(Problem.AboutFile(DiagnosticIds.ModelHeaderIncomplete, Levels.Warning, relative, $"the {record.Kind} header of '{relative}' could not be read to its end, so its tensor and parameter counts may be unknown: {headerProblem}"));
        }

        _progress.Models++;
        outcome.Findings.AddRange(ModelFileInspector.Match(_lists.Resolved, factory, record, info, "in the repository", null, new Location { File = relative }));
    }

    /// <summary>
    /// Runs one project's or one folder's scan so that a failure of ExportLint's own (a bug, input deeper than a walk's
    /// stack) is that unit's problem, stated and counted as incomplete (exit 3), not the end of the whole scan.
    /// </summary>
    private static async Task<ScanOutcome> Guarded(Func<Task<ScanOutcome>> scan, string relative, bool project)
    {
        try
        {
            return await scan().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = $"ExportLint could not analyse {(project ? "this project" : "the C# files in this folder")}: {ex.GetType().Name}: {ex.Message}. What it holds is unknown; please report it at https://github.com/exportlint/exportlint/issues";
            var outcome = new ScanOutcome
            {
                Project = project ? new ProjectRecord { Path = relative, Name = Path.GetFileNameWithoutExtension(relative), Mode = ScanModes.None, Reason = message } : null,
            };
            outcome.Problems.Add(Problem.AboutFile(DiagnosticIds.AnalysisFailed, Levels.Error, relative, message, incomplete: true, project: project ? relative : null));
            return outcome;
        }
    }

    /// <summary>Sorts everything and gives each finding its fingerprint, so the report is deterministic.</summary>
    internal static void Normalise(Report report)
    {
        report.Projects = report.Projects.GroupBy(p => p.Path, StringComparer.Ordinal).Select(g => g.First()).OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        foreach (var project in report.Projects)
        {
            project.TargetFrameworks.Sort(StringComparer.Ordinal);
        }

        report.Models = report.Models.GroupBy(m => m.Path, StringComparer.Ordinal).Select(g => g.OrderBy(m => m.ItemType is null ? 1 : 0).First()).OrderBy(m => m.Path, StringComparer.Ordinal).ToList();
        // A model file that is a project's item is reported as that item, not also as a file of the repository. One
        // scan knows which files are items before it inspects the rest; shards do not, so a merge drops the repository's
        // finding where another shard reported the same file as an item.
        var items = new HashSet<(string, string, string)>(report.Findings
            .Where(f => f.Evidence.ModelFile is not null && f.Project is not null)
            .Select(f => (f.Id, f.EntryId, f.Location.File)));
        report.Findings = report.Findings
            .Where(f => f.Evidence.ModelFile is null || f.Project is not null || !items.Contains((f.Id, f.EntryId, f.Location.File)))
            .OrderBy(f => f.Location.File, StringComparer.Ordinal)
            .ThenBy(f => f.Location.Line)
            .ThenBy(f => f.Location.Column)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.EntryId, StringComparer.Ordinal)
            .ThenBy(f => f.Project ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();

        // A finding already fingerprinted (read from a report) keeps its fingerprint: a merge changes nothing.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<Finding>();
        foreach (var finding in report.Findings)
        {
            if (string.IsNullOrEmpty(finding.Fingerprint))
            {
                var key = Fingerprints.Of(finding, finding.Evidence.Snippet);
                seen.TryGetValue(key, out var ordinal);
                seen[key] = ordinal + 1;
                finding.Fingerprint = Fingerprints.Of(finding, finding.Evidence.Snippet, ordinal);
            }

            if (unique.Count == 0 || !SameFinding(unique[^1], finding))
            {
                unique.Add(finding);
            }
        }

        report.Findings = unique;
        report.Suppressions = report.Suppressions
            .GroupBy(s => (s.Target, s.Location?.File, s.Location?.Line))
            .Select(g => g.First())
            .OrderBy(s => s.Location?.File ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(s => s.Location?.Line ?? 0)
            .ThenBy(s => s.Target, StringComparer.Ordinal)
            .ToList();
        report.Problems = report.Problems
            .GroupBy(p => (p.Id, p.Location.File, p.Location.Line, p.Location.Column, p.Message))
            .Select(g => g.First())
            .OrderBy(p => p.Location.File, StringComparer.Ordinal)
            .ThenBy(p => p.Location.Line)
            .ThenBy(p => p.Location.Column)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ThenBy(p => p.Message, StringComparer.Ordinal)
            .ToList();
        report.Entries = report.Entries
            .GroupBy(e => (e.Id, e.ListId))
            .Select(g => g.First())
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ThenBy(e => e.ListId, StringComparer.Ordinal)
            .ToList();
        report.ControlLists = report.ControlLists.GroupBy(l => (l.Id, l.Version, l.Path)).Select(g => g.First()).ToList();
        report.Summarise();
    }

    private static bool SameFinding(Finding a, Finding b) =>
        a.Id == b.Id && a.EntryId == b.EntryId && a.Location.File == b.Location.File && a.Location.Line == b.Location.Line
        && a.Location.Column == b.Location.Column && a.Project == b.Project && a.Message == b.Message;

    public static string ToolVersion =>
        typeof(Scanner).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}

/// <summary>
/// <c>--shard i/n</c>: each unit of work (a project, a folder of loose C# files, a file) belongs to exactly one shard,
/// by a stable hash of its path relative to the scan root, so n machines together cover exactly the whole, whatever
/// order they run in.
/// </summary>
internal static class Sharding
{
    public static bool Owns(ScanSettings settings, string relativePath) =>
        settings.ShardCount <= 1 || ShardOf(relativePath, settings.ShardCount) == settings.ShardIndex;

    /// <summary>1-based shard of a path (FNV-1a over its UTF-16 code units: the same on every machine and runtime).</summary>
    public static int ShardOf(string relativePath, int count)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in relativePath)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return (int)(hash % (ulong)count) + 1;
    }
}
