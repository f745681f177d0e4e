using System.Text.RegularExpressions;
using System.Xml.Linq;
using ExportLint.ControlLists;
using ExportLint.ControlLists.IO;
using ExportLint.ControlLists.Matching;
using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>What one scan covers: projects, C# files outside every project, files that may carry orchestration, and
/// every other file (a model file is recognised by its bytes, not its name).</summary>
internal sealed class ScanPlan
{
    /// <summary>The folder report paths are relative to.</summary>
    public string Root { get; set; } = string.Empty;

    public SortedSet<string> Projects { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> LooseSourceFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>F# and Visual Basic projects: met, not analysed (EXL0203).</summary>
    public SortedSet<string> OtherLanguageProjects { get; } = new(StringComparer.Ordinal);

    /// <summary>F# and Visual Basic source files (scripts included) in no F# or Visual Basic project's folder: met, not
    /// analysed (EXL0203, one problem per folder).</summary>
    public SortedSet<string> OtherLanguageSourceFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>C# scripts (<c>.csx</c>): each scanned from source on its own, with its <c>#r "nuget: …"</c> packages.</summary>
    public SortedSet<string> ScriptFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>.NET Interactive / Polyglot notebooks (<c>.dib</c>, <c>.ipynb</c> with a .NET kernel): their C# cells
    /// scanned as a script.</summary>
    public SortedSet<string> NotebookFiles { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> TextFiles { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> OtherFiles { get; } = new(StringComparer.Ordinal);

    public List<Problem> Problems { get; } = [];

    /// <summary>A path as the report writes it: relative to the root, with forward slashes.</summary>
    public string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath).Replace('\\', '/');
        return relative == "." ? string.Empty : relative;
    }
}

/// <summary>
/// Walks the paths given to <c>scan</c>. Never silent: a directory that cannot be read, a link that loops back, a
/// solution that names a missing project, each becomes a problem in the report.
/// </summary>
internal static class Discovery
{
    /// <summary>Folders never walked unless named directly: build output, VCS metadata, package caches.</summary>
    public static readonly string[] DefaultExcludes = ["bin", "obj", ".git", "node_modules", ".vs", ".idea", "artifacts", "TestResults"];

    private static readonly Regex SlnProject = new(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""(?<path>[^""]+\.(cs|vb|fs)proj)""", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static ScanPlan Plan(IReadOnlyList<string> paths, IReadOnlyList<string> excludes)
    {
        var plan = new ScanPlan();
        var full = paths.Select(p => Path.GetFullPath(p)).ToList();
        plan.Root = Root(full.Select(p => File.Exists(p) ? Path.GetDirectoryName(p)! : p).ToList());
        var excluded = excludes.Select(ExcludePattern.Parse).ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var sourceFiles = new List<string>();
        var solutionProjects = new List<string>();

        foreach (var path in full)
        {
            if (Directory.Exists(path))
            {
                Walk(plan, path, path, excluded, visited, sourceFiles, depth: 0);
            }
            else if (File.Exists(path))
            {
                var extension = Path.GetExtension(path).ToLowerInvariant();
                switch (extension)
                {
                    case ".sln":
                        solutionProjects.AddRange(AddSolution(plan, path, ReadSolution(plan, path)));
                        break;
                    case ".slnx":
                        solutionProjects.AddRange(AddSolution(plan, path, ReadSolutionX(plan, path)));
                        break;
                    case ".csproj":
                        plan.Projects.Add(path);
                        break;
                    case ".fsproj" or ".vbproj":
                        NotAnalysed(plan, path);
                        break;
                    case ".cs":
                        sourceFiles.Add(path);
                        break;
                    default:
                        Classify(plan, path, sourceFiles);
                        break;
                }
            }
            else
            {
                plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Error, path, $"'{path}' does not exist, so it was not scanned", incomplete: true));
            }
        }

        // A solution's project is its folder: the YAML, scripts and model files in it are scanned with it. Projects the
        // walk meets there that the solution does not name are left to the solution's choice.
        foreach (var project in solutionProjects)
        {
            var named = new HashSet<string>(plan.Projects, StringComparer.Ordinal);
            Walk(plan, Path.GetDirectoryName(project)!, Path.GetDirectoryName(project)!, excluded, visited, sourceFiles, depth: 0);
            plan.Projects.RemoveWhere(p => !named.Contains(p));
        }

        // A C# file inside a project's folder is the project's (SDK-style projects compile their folder); the rest are
        // scanned from source on their own.
        var projectDirectories = plan.Projects.Select(p => Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar).ToList();
        foreach (var file in sourceFiles)
        {
            if (!projectDirectories.Any(d => file.StartsWith(d, StringComparison.Ordinal)))
            {
                plan.LooseSourceFiles.Add(file);
            }
        }

        // An F# or Visual Basic file in such a project's folder is that project's, said with it; the others are said on
        // their own (a TorchSharp script in F# Interactive is as much a finding as a project).
        var otherLanguageDirectories = plan.OtherLanguageProjects.Select(p => Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar).ToList();
        plan.OtherLanguageSourceFiles.RemoveWhere(file => otherLanguageDirectories.Any(d => file.StartsWith(d, StringComparison.Ordinal)));

        return plan;
    }

    private static List<string> AddSolution(ScanPlan plan, string solution, IEnumerable<string> projects)
    {
        var added = new List<string>();
        var directory = Path.GetDirectoryName(solution)!;
        foreach (var relative in projects)
        {
            var project = Path.GetFullPath(Path.Combine(directory, relative.Replace('\\', Path.DirectorySeparatorChar)));
            if (!project.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                if (OtherLanguage(project) is not null && File.Exists(project))
                {
                    NotAnalysed(plan, project);
                }

                continue;
            }

            if (File.Exists(project) && new FileInfo(project).Length == 0 && RegularFile.IsSpecial(project, out var reason))
            {
                plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Warning, plan.Relative(project), $"'{plan.Relative(project)}' was not read: {reason}"));
            }
            else if (File.Exists(project))
            {
                plan.Projects.Add(project);
                added.Add(project);
            }
            else
            {
                plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Error, plan.Relative(solution), $"the solution names '{relative}', which does not exist, so it was not scanned", incomplete: true));
            }
        }

        return added;
    }

    private static List<string> ReadSolution(ScanPlan plan, string path)
    {
        try
        {
            return SlnProject.Matches(File.ReadAllText(path)).Select(m => m.Groups["path"].Value).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or RegexMatchTimeoutException)
        {
            Unreadable(plan, path, ex);
            return [];
        }
    }

    private static List<string> ReadSolutionX(ScanPlan plan, string path)
    {
        try
        {
            var document = XDocument.Load(path, LoadOptions.SetLineInfo);
            return document.Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).Where(p => p is not null).Select(p => p!).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            Unreadable(plan, path, ex);
            return [];
        }
    }

    // top: the folder the walk started from (a path given to scan, or a solution's project folder). A pattern with '/'
    // matches a path from the report's root (where paths are shown from) or from top: `scan /repos/app -x src/Legacy`
    // means /repos/app/src/Legacy, as a .gitignore in /repos/app would.
    private static void Walk(ScanPlan plan, string top, string directory, List<ExcludePattern> excluded, HashSet<string> visited, List<string> sourceFiles, int depth)
    {
        // A folder reached twice (a link loop, or a link to a folder already scanned) is scanned once, and said.
        string real;
        try
        {
            real = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
        }
        catch (IOException ex)
        {
            Unreadable(plan, directory, ex);
            return;
        }

        if (!visited.Add(real.TrimEnd(Path.DirectorySeparatorChar)))
        {
            plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Message, plan.Relative(directory), $"'{plan.Relative(directory)}' is a link to '{real}', which is scanned already (a link loop or a second path to one folder); it is not scanned twice"));
            return;
        }

        if (depth > 256)
        {
            plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Error, plan.Relative(directory), $"'{plan.Relative(directory)}' is nested more than 256 folders deep; it was not scanned", incomplete: true));
            return;
        }

        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            Unreadable(plan, directory, ex);
            return;
        }

        foreach (var entry in entries)
        {
            var relative = plan.Relative(entry.FullName);
            var fromTop = Path.GetRelativePath(top, entry.FullName).Replace('\\', '/');
            if (entry is DirectoryInfo)
            {
                if (DefaultExcludes.Contains(entry.Name, StringComparer.OrdinalIgnoreCase) || IsExcluded(excluded, relative, isDirectory: true) || IsExcluded(excluded, fromTop, isDirectory: true))
                {
                    continue;
                }

                Walk(plan, top, entry.FullName, excluded, visited, sourceFiles, depth + 1);
            }
            else if (!IsExcluded(excluded, relative, isDirectory: false) && !IsExcluded(excluded, fromTop, isDirectory: false))
            {
                // A named pipe, a socket or a device says 0 like an empty file, and would hold the scan for ever when
                // opened (found: a FIFO named Pipe.cs hung a scan, and so would one named .csproj, .ipynb or .csx): never
                // opened, and said once (a .cs file by source mode, which reads it with its project).
                if (entry is FileInfo { Length: 0 } && !entry.Name.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
                    && RegularFile.IsSpecial(entry.FullName, out var reason))
                {
                    plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Warning, relative, $"'{relative}' was not read: {reason}"));
                    continue;
                }

                Classify(plan, entry.FullName, sourceFiles);
            }
        }
    }

    private static bool IsExcluded(List<ExcludePattern> excluded, string relative, bool isDirectory)
    {
        foreach (var pattern in excluded)
        {
            if (pattern.Matches(relative, isDirectory))
            {
                return true;
            }
        }

        return false;
    }

    private static void Classify(ScanPlan plan, string path, List<string> sourceFiles)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".csproj")
        {
            plan.Projects.Add(path);
        }
        else if (OtherLanguage(path) is not null)
        {
            NotAnalysed(plan, path);
        }
        else if (extension == ".cs")
        {
            sourceFiles.Add(path);
        }
        else if (extension == ".csx")
        {
            plan.ScriptFiles.Add(path);
        }
        else if (extension == ".dib" || (extension == ".ipynb" && IsDotnetNotebook(path)))
        {
            plan.NotebookFiles.Add(path);
        }
        else if (OtherLanguageSource(path) is not null)
        {
            plan.OtherLanguageSourceFiles.Add(path);
        }
        else if (TextFileScanner.IsOrchestrationFile(name))
        {
            plan.TextFiles.Add(path);
        }
        else
        {
            plan.OtherFiles.Add(path);
        }
    }

    /// <summary>"F#" or "Visual Basic" for a source file or script in a language ExportLint does not analyse; else null.</summary>
    public static string? OtherLanguageSource(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".fs" or ".fsi" or ".fsx" or ".fsscript" => "F#",
        ".vb" => "Visual Basic",
        _ => null,
    };

    // A .NET Interactive or Polyglot notebook holds code that no project compiles; a Jupyter notebook counts only when its
    // kernel is .NET's (a Python notebook is not ExportLint's to read). A Jupyter notebook's kernel and cell metadata name .NET Interactive (".net-csharp", "dotnet_interactive",
    // "polyglot_notebook"); the first 256 KB are enough for the metadata of the first cells.
    private static bool IsDotnetNotebook(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[256 * 1024];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            return text.Contains("\".net-", StringComparison.OrdinalIgnoreCase)
                || text.Contains("dotnet_interactive", StringComparison.OrdinalIgnoreCase)
                || text.Contains("polyglot_notebook", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unread here, it is read again as a possible model file, whose check says when a file cannot be read.
            return false;
        }
    }

    /// <summary>"an F#" or "a Visual Basic" for a project in a language ExportLint does not analyse; else null.</summary>
    public static string? OtherLanguage(string project) => Path.GetExtension(project).ToLowerInvariant() switch
    {
        ".fsproj" => "an F#",
        ".vbproj" => "a Visual Basic",
        _ => null,
    };

    private static void NotAnalysed(ScanPlan plan, string project) => plan.OtherLanguageProjects.Add(project);

    private static void Unreadable(ScanPlan plan, string path, Exception ex) =>
        plan.Problems.Add(Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, Levels.Error, plan.Relative(path), $"'{plan.Relative(path)}' could not be read, so it was not scanned: {ex.Message}", incomplete: true));

    /// <summary>
    /// Where report paths start: the current folder when everything scanned is inside it (so <c>scan samples</c> from a
    /// checkout writes <c>samples/…</c>, as code scanning expects paths from the repository root), else the folder
    /// the scanned paths have in common.
    /// </summary>
    private static string Root(List<string> directories)
    {
        var current = Directory.GetCurrentDirectory().TrimEnd(Path.DirectorySeparatorChar);
        if (directories.All(d => (d + Path.DirectorySeparatorChar).StartsWith(current + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            return current.Length == 0 ? Path.DirectorySeparatorChar.ToString() : current;
        }

        return CommonRoot(directories);
    }

    private static string CommonRoot(List<string> directories)
    {
        if (directories.Count == 0)
        {
            return Directory.GetCurrentDirectory();
        }

        var root = directories[0].TrimEnd(Path.DirectorySeparatorChar);
        foreach (var directory in directories.Skip(1))
        {
            while (!(directory + Path.DirectorySeparatorChar).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                var parent = Path.GetDirectoryName(root);
                if (parent is null)
                {
                    return Path.GetPathRoot(root) ?? root;
                }

                root = parent;
            }
        }

        return root.Length == 0 ? Path.DirectorySeparatorChar.ToString() : root;
    }
}

/// <summary>
/// An <c>--exclude</c> pattern, read as .gitignore reads one: a pattern without '/' matches a file or folder name at
/// any depth; with '/' it is a path glob from the report's root or from the folder given to scan (<c>*</c> within a
/// folder, <c>**</c> across); a trailing '/' matches folders only.
/// </summary>
internal sealed class ExcludePattern
{
    private readonly Glob _glob;
    private readonly bool _nameOnly;
    private readonly bool _directoriesOnly;

    private ExcludePattern(Glob glob, bool nameOnly, bool directoriesOnly)
    {
        _glob = glob;
        _nameOnly = nameOnly;
        _directoriesOnly = directoriesOnly;
    }

    public static ExcludePattern Parse(string pattern)
    {
        var text = pattern.Replace('\\', '/').Trim();
        var directoriesOnly = text.EndsWith('/');
        text = text.Trim('/');
        if (text.StartsWith("./", StringComparison.Ordinal))
        {
            text = text.Substring(2);
        }

        return new ExcludePattern(Glob.ForPath(text), nameOnly: !text.Contains('/'), directoriesOnly);
    }

    public bool Matches(string relativePath, bool isDirectory)
    {
        if (_directoriesOnly && !isDirectory)
        {
            return false;
        }

        var subject = _nameOnly ? relativePath.Substring(relativePath.LastIndexOf('/') + 1) : relativePath;
        return _glob.IsMatch(subject);
    }
}
