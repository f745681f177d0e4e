using System.Text;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// Orchestration outside code: Kubernetes and Helm YAML, kustomize, Slurm, PBS and LSF scripts, shell scripts,
/// Dockerfiles, compose files, Terraform and Bicep, <c>appsettings*.json</c>. The control lists' string patterns are
/// applied to each line (regexes such as <c>sbatch … --gres=gpu</c>) and to each token on it (exact and prefix patterns
/// such as <c>nvidia.com/gpu</c>, instance types), with the line and column of what matched.
/// </summary>
internal static class TextFileScanner
{
    /// <summary>Files larger than this are not read as text (the report says so).</summary>
    public const long MaxLength = 16L << 20;

    private static readonly string[] Extensions = [".yaml", ".yml", ".sh", ".bash", ".zsh", ".sbatch", ".slurm", ".pbs", ".lsf", ".bsub", ".qsub", ".job", ".dockerfile", ".tf", ".tfvars", ".bicep", ".ps1", ".sub", ".condor", ".toml", ".env"];

    public static bool IsOrchestrationFile(string name)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (Extensions.Contains(extension))
        {
            return true;
        }

        return name.StartsWith("Dockerfile", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Containerfile", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && extension == ".json")
            || name.Equals("Jenkinsfile", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Scans one file. Returns false when the file is not text (a binary with a text file's name), so the caller can
    /// still look at its bytes as a possible model file; the problem says why it was not read as text.
    /// </summary>
    public static bool Scan(string path, string reportPath, ResolvedControlList list, FindingFactory factory, List<Finding> findings, List<Problem> problems)
    {
        byte[] bytes;
        try
        {
            if (!ExportLint.ControlLists.IO.RegularFile.Check(path, out var length, out var reason))
            {
                problems.Add(Unread(reportPath, $"'{reportPath}' was not read: {reason}", incomplete: false));
                return true;
            }

            var info = new FileInfo(path);
            if (length > MaxLength)
            {
                problems.Add(Unread(reportPath, $"'{reportPath}' is {ModelFileInspector.Size(info.Length)}, over the {ModelFileInspector.Size(MaxLength)} read as text; it was not scanned for orchestration strings", incomplete: true));
                return false;
            }

            if (info.Length == 0)
            {
                return true;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(Unread(reportPath, $"'{reportPath}' could not be read, so it was not scanned: {ex.Message}", incomplete: true));
            return true;
        }

        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8000)) >= 0)
        {
            problems.Add(Unread(reportPath, $"'{reportPath}' has a text file's name but binary content; it was not read as text (its bytes are still checked for a model file)", incomplete: false));
            return false;
        }

        var text = new UTF8Encoding(false, false).GetString(bytes);
        var lineNumber = 0;
        var longLines = 0;
        var firstLongLine = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            // A minified manifest can be one long line: its tokens are still matched, but whole-line patterns (a command
            // line such as `srun --gpus=8 …`) are run on lines up to TextLineMatcher.MaxWholeLine only, and the report says which were not.
            var wholeLine = line.Length <= TextLineMatcher.MaxWholeLine;
            if (!wholeLine && longLines++ == 0)
            {
                firstLongLine = lineNumber;
            }

            var best = TextLineMatcher.Match(list, line, wholeLine);
            if (best is not { } match)
            {
                continue;
            }

            var finding = factory.Create(match.Entry.CodeDiagnosticId, match.Entry, Quote(match.Text) + " in " + Path.GetFileName(path),
                new Location { File = reportPath, Line = lineNumber, Column = match.Column + 1, EndLine = lineNumber, EndColumn = match.Column + match.Text.Length + 1 },
                Confidences.High, project: null);
            if (finding is null)
            {
                continue;
            }

            finding.Evidence.Text = match.Text;
            finding.Evidence.Snippet = line.Length > 200 ? string.Concat(line.AsSpan(Math.Max(0, match.Column - 60), Math.Min(200, line.Length - Math.Max(0, match.Column - 60))), " …") : line.Trim();
            findings.Add(finding);
        }

        if (longLines > 0)
        {
            problems.Add(Unread(reportPath, $"'{reportPath}' has {longLines} line{(longLines == 1 ? string.Empty : "s")} longer than {TextLineMatcher.MaxWholeLine:N0} characters (first: line {firstLongLine}): their words were matched, but not the patterns written for whole command lines", incomplete: false));
        }

        return true;
    }

    private static string Quote(string value) => "\"" + (value.Length > 80 ? string.Concat(value.AsSpan(0, 77), "...") : value) + "\"";

    private static Problem Unread(string reportPath, string message, bool incomplete) =>
        Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, incomplete ? Levels.Error : Levels.Warning, reportPath, message, incomplete);
}
