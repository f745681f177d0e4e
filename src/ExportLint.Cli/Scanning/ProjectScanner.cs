using System.Collections.Immutable;
using System.Diagnostics;
using ExportLint.ControlLists;
using ExportLint.ControlLists.IO;
using ExportLint.Reports;
using Location = ExportLint.Reports.Location;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Scans projects and C# files. Semantic where it can be: the project is evaluated by MSBuild, restored if it has no
/// assets file, loaded through MSBuildWorkspace and compiled with its references, and the package analyzers and the
/// build task's check run on it. Never silent where it cannot: a project that cannot be evaluated, restored, loaded or
/// bound is scanned from source (parsed, compiled with what resolves, unbound names matched through its usings), and the
/// report says which mode it got and why.
/// </summary>
internal sealed class ProjectScanner : IDisposable
{
    /// <summary>Compiler errors that mean a name did not bind because a reference is missing.</summary>
    private static readonly ImmutableHashSet<string> UnboundIds = ImmutableHashSet.Create(StringComparer.Ordinal, "CS0246", "CS0234", "CS0103", "CS0012", "CS0006", "CS0518", "CS1069");

    /// <summary>
    /// Every source-mode compilation derives from this one, which holds the framework's references and no code: Roslyn
    /// then shares the referenced assemblies' symbols between them instead of reading ~170 assemblies' metadata for
    /// each project (measured: most of a small project's time).
    /// </summary>
    private static readonly Lazy<CSharpCompilation> SourceModeBase = new(() => CSharpCompilation.Create(
        "exportlint-source-mode",
        [],
        LoadFrameworkReferences(),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable, concurrentBuild: false)));

    /// <summary>Source mode parses a C# file only up to this size (a generated 100 MB file would hold the scan).</summary>
    private const long MaxSourceFileLength = 16L << 20;

    /// <summary>A notebook is read whole (its JSON) up to this size: its cells' saved outputs (images) make it larger
    /// than its code.</summary>
    private const long MaxNotebookLength = 64L << 20;

    private readonly ScanSettings _settings;
    private readonly ListSet _lists;
    private readonly FindingFactory _factory;
    private readonly AnalyzerRunner _analyzers;
    private readonly SourceModeMatcher _matcher;
    private readonly SourceScreen? _screen;
    private readonly Func<string, string> _reportPath;
    private readonly Action<string> _log;
    private readonly List<string> _workspaceFailures = [];
    private MSBuildWorkspace? _workspace;

    public ProjectScanner(ScanSettings settings, ListSet lists, Func<string, string> reportPath, Action<string> log)
    {
        _settings = settings;
        _lists = lists;
        _factory = new FindingFactory(settings.FailOn);
        _analyzers = new AnalyzerRunner(lists, settings, _factory);
        _matcher = new SourceModeMatcher(lists.Resolved, _factory);
        _screen = settings.BindAll ? null : SourceScreen.Of(lists.Resolved);
        _reportPath = reportPath;
        _log = log;
    }

    public async Task<ScanOutcome> ScanProjectAsync(string path, CancellationToken cancellationToken) =>
        await AnalyseAsync(await LoadAsync(path, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A project's first stage: evaluated, restored and loaded by MSBuildWorkspace, or parsed and screened for source
    /// mode. <see cref="AnalyseAsync"/> is the second; a scan in source mode runs them as a pipeline (Scanner).
    /// </summary>
    public async Task<LoadedProject> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var relative = _reportPath(path);
        var clock = Stopwatch.StartNew();
        var record = new ProjectRecord { Path = relative, Name = Path.GetFileNameWithoutExtension(path) };
        var outcome = new ScanOutcome { Project = record };
        var reasons = new List<string>();
        ProjectFacts? facts = null;

        if (_settings.SourceOnly)
        {
            reasons.Add("--source-only was given");
        }
        else if (MsBuildAvailability.Problem is { } missing)
        {
            reasons.Add(missing);
        }
        else
        {
            try
            {
                facts = EvaluateProject(path);
                record.Name = facts.Name;
                record.TargetFrameworks.AddRange(facts.TargetFrameworks);
                record.AssetsFile = facts.AssetsFile is null ? null : _reportPath(facts.AssetsFile);
            }
            catch (ProjectLoadException ex)
            {
                reasons.Add("MSBuild could not evaluate it: " + ex.Message);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or InvalidOperationException)
            {
                reasons.Add($"MSBuild could not evaluate it: {ex.GetType().Name}: {ex.Message}");
            }
        }

        if (facts is not null && (facts.AssetsFile is null || !File.Exists(facts.AssetsFile)))
        {
            if (_settings.NoRestore)
            {
                reasons.Add("it has not been restored and --no-restore was given");
            }
            else if (await RestoreAsync(path, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                reasons.Add(failure);
            }
        }

        var compilations = new List<(Compilation Compilation, AnalyzerConfigOptionsProvider? Options)>();

        // What MSBuildWorkspace reports while loading (a design-time build error, a warning a project treats as an
        // error) decides nothing by itself: if every name binds, nothing was lost. It becomes a reason only when the
        // project got no compilation or its names do not bind; else it is said as a message.
        var loadErrors = new List<string>();

        // MSBuildWorkspace reads the project's files itself, and a named pipe or a device among them would hold it for
        // ever (as it holds the compiler): such a project is read from source, which never opens them.
        if (facts?.CompileItems.FirstOrDefault(f => File.Exists(f) && new FileInfo(f).Length == 0 && RegularFile.IsSpecial(f, out _)) is { } blocking)
        {
            reasons.Add($"'{_reportPath(blocking)}', one of its files, is not a regular file (a pipe, a socket or a device), which MSBuildWorkspace would wait on for ever");
        }
        else if (facts is not null)
        {
            try
            {
                compilations.AddRange(await LoadCompilationsAsync(path, loadErrors, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                reasons.Add($"MSBuildWorkspace could not load it: {ex.GetType().Name}: {ex.Message}");
            }
        }

        var loadedByWorkspace = compilations.Count > 0;
        if (facts is not null && !loadedByWorkspace && reasons.Count == 0)
        {
            reasons.Add("MSBuildWorkspace loaded no C# compilation for it");
        }

        SourceCompilation? source = null;
        if (compilations.Count == 0)
        {
            var files = facts?.CompileItems.Where(File.Exists).ToList() ?? SourceFilesUnder(Path.GetDirectoryName(path)!);
            source = BuildSourceCompilation(files, facts?.Usings ?? ProjectUsing.FromProjectFile(path), path, outcome.Problems, cancellationToken);
            compilations.Add((source.Analysed, null));
        }

        return new LoadedProject(path, relative, record, outcome, reasons, facts, compilations, source, loadErrors, clock.Elapsed);
    }

    /// <summary>A project's second stage: analysed, its names matched, its packages and items checked.</summary>
    public async Task<ScanOutcome> AnalyseAsync(LoadedProject project, CancellationToken cancellationToken)
    {
        var (path, relative, record, outcome, reasons, facts, compilations, source, loadErrors, loaded) = project;
        var clock = Stopwatch.StartNew();

        // The analyzers run first: their pass also gives the compiler's diagnostics, which say whether names bind.
        var findings = new List<Finding>();
        var compilerDiagnostics = new List<Diagnostic>();
        var fileByFile = false;
        foreach (var (compilation, options) in compilations)
        {
            var files = source is not null && ReferenceEquals(compilation, source.Analysed) && source.Screening is { } screening ? screening.Analyses : (Func<SyntaxTree, bool>?)null;
            var analysis = await _analyzers.RunAsync(compilation, options, _reportPath, relative, findings, outcome.Problems, outcome.ProviderFiles, cancellationToken, files).ConfigureAwait(false);
            compilerDiagnostics.AddRange(analysis.Compiler);
            fileByFile |= analysis.FileByFile;
        }

        var unbound = compilerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && UnboundIds.Contains(d.Id) && d.Location.IsInSource)
            .ToList();
        if (unbound.Count > 0)
        {
            var first = unbound[0];
            var at = AnalyzerRunner.ToLocation(first.Location, _reportPath);
            var among = source is { Screened: > 0 } or { InPart: > 0 }
                ? $" ({source.Bound} of {source.Total} files bound whole{(source.InPart > 0 ? $", {source.InPart} in part" : string.Empty)}, the rest as declarations only: they name nothing the lists or detectors could match)"
                : string.Empty;
            reasons.Add($"{unbound.Count} name{(unbound.Count == 1 ? " does" : "s do")} not bind{among} (first: {at}: {first.Id} {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}); unbound names were matched through the files' usings");
        }

        if (reasons.Count > 0 || source is not null || unbound.Count > 0)
        {
            reasons.AddRange(loadErrors);
        }
        else if (loadErrors.Count > 0)
        {
            outcome.Problems.Add(Problem(DiagnosticIds.ProjectScannedFromSource, Levels.Message, $"MSBuild reported errors while loading {record.Name}, but every name in it binds, so it was analysed semantically: {string.Join("; ", loadErrors)}", relative, incomplete: false));
        }

        record.Mode = reasons.Count == 0 ? ScanModes.Semantic : ScanModes.Source;
        record.Reason = reasons.Count == 0 ? null : string.Join("; ", reasons);

        var analysed = clock.Elapsed;
        var trees = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (bound, _) in compilations)
        {
            // The name matcher reads every file whole, bodies and all, even those the screen did not bind.
            var compilation = source is not null && ReferenceEquals(bound, source.Analysed) ? source.Full : bound;
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!string.IsNullOrEmpty(tree.FilePath) && File.Exists(tree.FilePath))
                {
                    trees.Add(tree.FilePath);
                }

                if (record.Mode == ScanModes.Source && (source is null || source.Matches(tree)))
                {
                    findings.AddRange(_matcher.Match(tree, compilation, _reportPath, relative));
                }
            }
        }

        record.Files = trees.Count;
        outcome.Findings.AddRange(Distinct(findings));

        if (facts is not null)
        {
            try
            {
                CheckPackagesAndItems(path, facts, outcome);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcome.Problems.Add(Problem(DiagnosticIds.BuildTaskFailed, Levels.Error, $"the package and model-file check could not run on this project: {ex.GetType().Name}: {ex.Message}", relative, incomplete: false));
            }
        }
        else
        {
            outcome.Problems.Add(Problem(DiagnosticIds.ProjectScannedFromSource, Levels.Warning, "packages and project items were not checked: MSBuild could not evaluate the project", relative, incomplete: false));
        }

        var screened = source?.Summary ?? string.Empty;
        _log($"{relative}: {record.Mode}, {trees.Count} files{screened}; loaded in {loaded.TotalMilliseconds:0} ms, analysed{(fileByFile ? " (file by file)" : string.Empty)} in {analysed.TotalMilliseconds:0} ms, matched and checked in {(clock.Elapsed - analysed).TotalMilliseconds:0} ms");
        if (record.Mode == ScanModes.Source)
        {
            outcome.Problems.Add(Problem(DiagnosticIds.ProjectScannedFromSource, Levels.Warning, $"{record.Name} was scanned from source: {record.Reason}", relative, incomplete: false));
        }

        return outcome;
    }

    /// <summary>C# files outside every project, scanned from source: one compilation per folder.</summary>
    public async Task<ScanOutcome> ScanLooseFilesAsync(string directory, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var outcome = new ScanOutcome();
        var source = BuildSourceCompilation(files, [], null, outcome.Problems, cancellationToken);
        var findings = new List<Finding>();
        var analysis = await _analyzers.RunAsync(source.Analysed, null, _reportPath, null, findings, outcome.Problems, null, cancellationToken, source.Screening is { } screening ? screening.Analyses : null).ConfigureAwait(false);
        foreach (var tree in source.Full.SyntaxTrees.Where(source.Matches))
        {
            findings.AddRange(_matcher.Match(tree, source.Full, _reportPath, null));
        }

        outcome.Findings.AddRange(Distinct(findings));
        var screened = source.Summary;
        _log($"{_reportPath(directory)}: {files.Count} C# files outside every project, from source{screened}{(analysis.FileByFile ? ", analysed file by file" : string.Empty)}");
        return outcome;
    }

    /// <summary>
    /// A C# script (<c>.csx</c>, as <c>dotnet script</c> and <c>dotnet fsi</c>'s C# cousin run it): compiled on its own as a
    /// script against the framework, through the same analyzers and name matcher as any C# file outside a project, and
    /// its <c>#r "nuget: Id, Version"</c> directives matched against the lists' package patterns (EXL0100 at the
    /// directive). The packages are not restored, so what they declare does not bind: names are matched through the
    /// script's usings, with medium confidence, as in source mode.
    /// </summary>
    public async Task<ScanOutcome> ScanScriptAsync(string file, CancellationToken cancellationToken)
    {
        var outcome = new ScanOutcome();
        var relative = _reportPath(file);
        if (ParseSourceFile(file, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script), _reportPath, outcome.Problems, cancellationToken) is not { } tree)
        {
            return outcome;
        }

        var findings = await AnalyseScriptAsync(tree, outcome.Problems, cancellationToken).ConfigureAwait(false);

        foreach (var directive in tree.GetCompilationUnitRoot(cancellationToken).GetReferenceDirectives())
        {
            if (ScriptPackage.Parse(directive.File.ValueText) is not { } package)
            {
                continue;
            }

            var at = AnalyzerRunner.ToLocation(directive.File.GetLocation(), _reportPath) ?? new Location { File = relative };
            findings.AddRange(PackageFindings(package, at, relative));
        }

        outcome.Findings.AddRange(Distinct(findings));
        _log($"{relative}: a C# script, from source");
        return outcome;
    }

    /// <summary>
    /// A .NET Interactive / Polyglot notebook: its C# cells scanned as one C# script (<see cref="Notebook"/>), each finding
    /// pointed back at the notebook's line, and its <c>#r "nuget: …"</c> packages matched as a script's are. Cells in
    /// other languages are said as not analysed (EXL0203).
    /// </summary>
    public async Task<ScanOutcome> ScanNotebookAsync(string file, CancellationToken cancellationToken)
    {
        var outcome = new ScanOutcome();
        var relative = _reportPath(file);
        Notebook notebook;
        try
        {
            if (new FileInfo(file).Length > MaxNotebookLength)
            {
                outcome.Problems.Add(Problem(DiagnosticIds.ScanInputUnreadable, Levels.Error, $"'{relative}' is {ModelFileInspector.Size(new FileInfo(file).Length)}, over the {ModelFileInspector.Size(MaxNotebookLength)} a notebook is read; it was not scanned", relative, incomplete: true));
                return outcome;
            }

            notebook = Notebook.Read(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            outcome.Problems.Add(Problem(DiagnosticIds.ScanInputUnreadable, Levels.Error, $"'{relative}' could not be read as a notebook, so it was not scanned: {ex.Message}", relative, incomplete: true));
            return outcome;
        }

        var findings = new List<Finding>();
        if (notebook.CSharpCells > 0)
        {
            var tree = CSharpSyntaxTree.ParseText(notebook.Script, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script), file, cancellationToken: cancellationToken);
            foreach (var finding in await AnalyseScriptAsync(tree, outcome.Problems, cancellationToken).ConfigureAwait(false))
            {
                // The script's lines are the cells' lines: point at the notebook's.
                if (finding.Location.File == relative && finding.Location.Line > 0)
                {
                    (finding.Location.Line, finding.Location.Column) = notebook.Origin(finding.Location.Line, finding.Location.Column);
                    if (finding.Location.EndLine is { } endLine && finding.Location.EndColumn is { } endColumn)
                    {
                        (var lastLine, var lastColumn) = notebook.Origin(endLine, endColumn);
                        (finding.Location.EndLine, finding.Location.EndColumn) = (lastLine, lastColumn);
                    }
                }

                findings.Add(finding);
            }
        }

        foreach (var (package, line, column, length) in notebook.Packages)
        {
            var at = new Location { File = relative, Line = line, Column = column, EndLine = line, EndColumn = column + length };
            findings.AddRange(PackageFindings(package, at, relative));
        }

        if (notebook.OtherCells.Count > 0)
        {
            var cells = string.Join(", ", notebook.OtherCells.Select(c => $"{c.Value} {c.Key} cell{(c.Value == 1 ? string.Empty : "s")}"));
            var verb = notebook.OtherCells.Count == 1 && notebook.OtherCells.First().Value == 1 ? "was" : "were";
            outcome.Problems.Add(Problem(DiagnosticIds.ProjectLanguageNotAnalysed, Levels.Error, $"'{relative}' has {cells} that {verb} not analysed: ExportLint reads a notebook's C# cells only; --exclude it to accept that", relative, incomplete: true));
        }

        outcome.Findings.AddRange(Distinct(findings));
        _log($"{relative}: a notebook, {notebook.CSharpCells} C# cells from source");
        return outcome;
    }

    /// <summary>A script's tree compiled on its own against the framework, through the analyzers and the name matcher.</summary>
    private async Task<List<Finding>> AnalyseScriptAsync(SyntaxTree tree, List<Problem> problems, CancellationToken cancellationToken)
    {
        var compilation = CSharpCompilation.CreateScriptCompilation("exportlint-script", tree, SourceModeBase.Value.References, SourceModeBase.Value.Options);
        var findings = new List<Finding>();
        await _analyzers.RunAsync(compilation, null, _reportPath, null, findings, problems, null, cancellationToken).ConfigureAwait(false);
        findings.AddRange(_matcher.Match(tree, compilation, _reportPath, null));
        return findings;
    }

    /// <summary>The findings of a package a script or notebook asks for with <c>#r "nuget: …"</c>.</summary>
    private IEnumerable<Finding> PackageFindings(ScriptPackage package, Location at, string relative)
    {
        foreach (var (entry, _) in _lists.Resolved.MatchPackage(package.Id, package.Version))
        {
            var version = package.Version?.ToNormalizedString() ?? package.VersionText ?? "any version";
            if (_factory.Create(DiagnosticIds.RestrictedPackage, entry, $"{package.Id} {version}; #r in {relative}", at, package.Version is null ? Confidences.Medium : Confidences.High, null) is { } finding)
            {
                yield return finding;
            }
        }
    }

    // Separate methods, so that a machine without MSBuild fails here (and is reported), not when this class is loaded.
    private static ProjectFacts EvaluateProject(string path) => MsBuildProject.Evaluate(path);

    private void CheckPackagesAndItems(string path, ProjectFacts facts, ScanOutcome outcome) =>
        MsBuildProject.Check(path, facts, _settings, _lists, _reportPath, outcome);

    private async Task<List<(Compilation, AnalyzerConfigOptionsProvider?)>> LoadCompilationsAsync(string path, List<string> reasons, CancellationToken cancellationToken)
    {
        if (_workspace is null)
        {
            _workspace = MSBuildWorkspace.Create(new Dictionary<string, string> { ["RunAnalyzers"] = "false" });
            _workspace.RegisterWorkspaceFailedHandler(e =>
            {
                if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    lock (_workspaceFailures)
                    {
                        _workspaceFailures.Add(e.Diagnostic.Message);
                    }
                }
            });
        }

        var full = Path.GetFullPath(path);
        lock (_workspaceFailures)
        {
            _workspaceFailures.Clear();
        }

        if (!_workspace.CurrentSolution.Projects.Any(p => string.Equals(p.FilePath, full, StringComparison.Ordinal)))
        {
            await _workspace.OpenProjectAsync(full, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        lock (_workspaceFailures)
        {
            foreach (var failure in _workspaceFailures.Where(f => f.Contains(full, StringComparison.Ordinal)).Distinct().Take(3))
            {
                reasons.Add("MSBuildWorkspace: " + failure);
            }
        }

        var result = new List<(Compilation, AnalyzerConfigOptionsProvider?)>();
        foreach (var project in _workspace.CurrentSolution.Projects.Where(p => string.Equals(p.FilePath, full, StringComparison.Ordinal) && p.Language == LanguageNames.CSharp).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            if (compilation is not null)
            {
                result.Add((compilation, project.AnalyzerOptions.AnalyzerConfigOptionsProvider));
            }
        }

        return result;
    }

    private async Task<string?> RestoreAsync(string path, CancellationToken cancellationToken)
    {
        _log($"restoring {_reportPath(path)}");
        var start = new ProcessStartInfo(DotnetHost(), ["restore", path, "--nologo", "-verbosity:quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.RestoreTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return $"its restore did not finish within {_settings.RestoreTimeout.TotalSeconds:0} s";
            }

            if (process.ExitCode == 0)
            {
                return null;
            }

            var text = await output.ConfigureAwait(false) + "\n" + await error.ConfigureAwait(false);
            var errors = text.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(2).ToList();
            return "its restore failed" + (errors.Count > 0 ? ": " + string.Join(" | ", errors) : $" (exit code {process.ExitCode})");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "its restore could not be started: " + ex.Message;
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private List<string> SourceFilesUnder(string directory)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                files.AddRange(Directory.EnumerateFiles(current, "*.cs"));
                foreach (var child in Directory.EnumerateDirectories(current))
                {
                    var name = Path.GetFileName(child);
                    if (!Discovery.DefaultExcludes.Contains(name, StringComparer.OrdinalIgnoreCase) && new DirectoryInfo(child).LinkTarget is null)
                    {
                        pending.Push(child);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log($"cannot read {current}: {ex.Message}");
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Source mode's compilations of a set of files: the whole (what the name matcher reads), and what the compiler and
    /// analyzers bind: the files the <see cref="SourceScreen"/> keeps whole, the others as declarations only.
    /// </summary>
    private SourceCompilation BuildSourceCompilation(IReadOnlyList<string> files, IReadOnlyList<ProjectUsing> usings, string? project, List<Problem> problems, CancellationToken cancellationToken)
    {
        var full = ParseSourceCompilation(files, _reportPath, problems, cancellationToken);
        var projectUsings = project is null ? null : ProjectUsingsTree(usings, project);
        if (projectUsings is not null)
        {
            full = full.AddSyntaxTrees(projectUsings);
        }

        if (_screen is null)
        {
            return new SourceCompilation(full, full, null);
        }

        if (_screen.Disabled is { } why)
        {
            _log($"every file is bound: {why}");
            return new SourceCompilation(full, full, null);
        }

        var screening = _screen.Screen(full.SyntaxTrees, cancellationToken);
        if (screening.BindsAllWhole(full.SyntaxTrees))
        {
            return new SourceCompilation(full, full, null);
        }

        // The project's Using items are directives only: nothing to strip, and not a file of the project's to count.
        var analysed = SourceModeBase.Value.AddSyntaxTrees(full.SyntaxTrees.Select(t => t == projectUsings ? t : screening.ToAnalyse(t, cancellationToken)).ToList());
        var matchAll = _screen.MatcherNeedsScreenedFiles(_lists.Resolved, full.SyntaxTrees, cancellationToken);
        return new SourceCompilation(full, analysed, screening) { MatchScreenedFiles = matchAll, Total = full.SyntaxTrees.Length - (projectUsings is null ? 0 : 1) };
    }

    /// <summary>
    /// The project's <c>Using</c> items as the file of global usings the build would write into <c>obj/</c> (never there
    /// in a project that was not restored): <c>&lt;Using Include="LLama" /&gt;</c> and a bare <c>LLamaWeights.LoadFromFile</c>
    /// in code. Its path is not a file, so it is never counted or reported as one.
    /// </summary>
    private static SyntaxTree? ProjectUsingsTree(IReadOnlyList<ProjectUsing> usings, string project)
    {
        var directives = usings.Select(u => u.ToDirective()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (directives.Count == 0)
        {
            return null;
        }

        var path = Path.Combine(Path.GetDirectoryName(project) ?? ".", "obj", "<exportlint: the project's Using items>.cs");
        return CSharpSyntaxTree.ParseText(string.Join("\n", directives) + "\n", new CSharpParseOptions(LanguageVersion.Preview), path);
    }

    /// <summary>A compilation of files parsed on their own, with the framework's references: what source mode binds with.</summary>
    private static CSharpCompilation ParseSourceCompilation(IReadOnlyList<string> files, Func<string, string> reportPath, List<Problem> problems, CancellationToken cancellationToken)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = new List<SyntaxTree>();
        foreach (var file in files)
        {
            if (ParseSourceFile(file, parse, reportPath, problems, cancellationToken) is { } tree)
            {
                trees.Add(tree);
            }
        }

        return SourceModeBase.Value.AddSyntaxTrees(trees);
    }

    /// <summary>One C# file parsed for source mode; null, with the problem said, when it is too large or cannot be read.</summary>
    private static SyntaxTree? ParseSourceFile(string file, CSharpParseOptions parse, Func<string, string> reportPath, List<Problem> problems, CancellationToken cancellationToken)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length == 0)
            {
                // Never opened when it says 0: an empty file holds nothing, and a named pipe or a device (which say 0
                // too) would hold the scan for ever. One that is not a regular file is said.
                if (RegularFile.IsSpecial(file, out var reason))
                {
                    problems.Add(Problem(DiagnosticIds.ScanInputUnreadable, Levels.Warning, $"'{reportPath(file)}' was not read: {reason}", reportPath(file), incomplete: false));
                    return null;
                }

                return CSharpSyntaxTree.ParseText(string.Empty, parse, file, cancellationToken: cancellationToken);
            }

            if (length > MaxSourceFileLength)
            {
                problems.Add(Problem(DiagnosticIds.ScanInputUnreadable, Levels.Error, $"'{reportPath(file)}' is {ModelFileInspector.Size(new FileInfo(file).Length)}, over the {ModelFileInspector.Size(MaxSourceFileLength)} a C# file is read in source mode; it was not scanned", reportPath(file), incomplete: true));
                return null;
            }

            using var stream = File.OpenRead(file);
            var text = Microsoft.CodeAnalysis.Text.SourceText.From(stream, throwIfBinaryDetected: true, canBeEmbedded: false);
            return CSharpSyntaxTree.ParseText(text, parse, file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            problems.Add(Problem(DiagnosticIds.ScanInputUnreadable, Levels.Error, $"'{reportPath(file)}' could not be read, so it was not scanned: {ex.Message}", reportPath(file), incomplete: true));
            return null;
        }
    }

    /// <summary>
    /// The framework source mode binds with: the reference assemblies of the runtime's version when the SDK's targeting
    /// pack is there (what a build compiles against; only the public surface, so the first compilations decode far less
    /// metadata than from the runtime's own assemblies), else the runtime's assemblies.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        IEnumerable<string> paths = ReferencePack(frameworkDirectory) is { } pack
            ? Directory.EnumerateFiles(pack, "*.dll")
            : (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal));
        return paths
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    // <dotnet>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.<minor>/
    private static string? ReferencePack(string? frameworkDirectory)
    {
        try
        {
            var version = Path.GetFileName(frameworkDirectory);
            var root = frameworkDirectory is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(frameworkDirectory)));
            if (root is null || version is null || !Version.TryParse(version.Split('-')[0], out var parsed))
            {
                return null;
            }

            var pack = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref", version, "ref", $"net{parsed.Major}.{parsed.Minor}");
            return File.Exists(Path.Combine(pack, "System.Runtime.dll")) ? pack : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>One finding per ID, entry and place: a multi-targeted project is compiled once per framework.</summary>
    private static IEnumerable<Finding> Distinct(IEnumerable<Finding> findings) =>
        findings
            .GroupBy(f => (f.Id, f.EntryId, f.Location.File, f.Location.Line, f.Location.Column))
            .Select(g => g.OrderBy(f => f.Confidence == Confidences.High ? 0 : 1).First());

    private static Problem Problem(string id, string level, string message, string file, bool incomplete) =>
        Reports.Problem.AboutFile(id, level, file, message, incomplete, project: file);

    public void Dispose() => _workspace?.Dispose();

    /// <summary>A project between its two stages (<see cref="LoadAsync"/>, <see cref="AnalyseAsync"/>).</summary>
    internal sealed record LoadedProject(
        string Path,
        string Relative,
        ProjectRecord Record,
        ScanOutcome Outcome,
        List<string> Reasons,
        ProjectFacts? Facts,
        List<(Compilation Compilation, AnalyzerConfigOptionsProvider? Options)> Compilations,
        SourceCompilation? Source,
        List<string> LoadErrors,
        TimeSpan Loaded);

    /// <summary>A source-mode compilation: the whole, what was bound, and how many files were bound (whole or in part) of how many.</summary>
    internal sealed record SourceCompilation(CSharpCompilation Full, CSharpCompilation Analysed, Screening? Screening)
    {
        /// <summary>The files: the project's Using items, parsed as a file of directives, are not one.</summary>
        public int Total { get; init; } = Full.SyntaxTrees.Length;

        /// <summary>Files bound whole.</summary>
        public int Bound => Screening?.Whole ?? Total;

        /// <summary>Files bound in part: only their members that name something.</summary>
        public int InPart => Screening?.InPart ?? 0;

        /// <summary>Files bound as declarations only.</summary>
        public int Screened => Total - Bound - InPart;

        /// <summary>What the screen did, for the log and the report: nothing when every file was bound whole.</summary>
        public string Summary => Screening is null ? string.Empty
            : Screened > 0 && InPart > 0 ? $" ({Screened} named nothing the lists could match and were not bound; {PartMembers})"
            : Screened > 0 ? $" ({Screened} named nothing the lists could match and were not bound)"
            : InPart > 0 ? $" ({PartMembers})"
            : string.Empty;

        private string PartMembers =>
            $"{InPart} {(InPart == 1 ? "was" : "were")} bound in part, {Screening!.MembersKept} of {Screening.MembersKept + Screening.MembersStripped} members: those that name something";

        /// <summary>Whether the name matcher must read the files the screen left out (<see cref="SourceScreen.MatcherNeedsScreenedFiles"/>).</summary>
        public bool MatchScreenedFiles { get; init; } = true;

        /// <summary>Whether the name matcher reads this file of <see cref="Full"/>.</summary>
        public bool Matches(SyntaxTree tree) => MatchScreenedFiles || Screening is null || Screening.Binds(tree);
    }
}
