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

    private static readonly char[] Delimiters = [' ', '\t', '"', '\'', '`', '{', '}', '[', ']', '(', ')', ',', '=', ':', ';', '|', '&', '<', '>'];

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
            // line such as `srun --gpus=8 …`) are run on lines up to MaxWholeLine only, and the report says which were not.
            var wholeLine = line.Length <= MaxWholeLine;
            if (!wholeLine && longLines++ == 0)
            {
                firstLongLine = lineNumber;
            }

            var best = MatchLine(list, line, wholeLine);
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
            problems.Add(Unread(reportPath, $"'{reportPath}' has {longLines} line{(longLines == 1 ? string.Empty : "s")} longer than {MaxWholeLine:N0} characters (first: line {firstLongLine}): their words were matched, but not the patterns written for whole command lines", incomplete: false));
        }

        return true;
    }

    /// <summary>Whole-line patterns run on lines up to this length; longer lines are matched word by word only.</summary>
    private const int MaxWholeLine = 4096;

    private static (Entry Entry, string Text, int Column)? MatchLine(ResolvedControlList list, string line, bool wholeLine)
    {
        (Entry Entry, string Text, int Column)? best = null;
        void Consider(Entry entry, string text, int column)
        {
            if (best is null || list.IsPreferred(entry, best.Value.Entry))
            {
                best = (entry, text, column);
            }
        }

        // The whole line (trimmed) for patterns written for commands and directives: sbatch/srun, #SBATCH, --gpus.
        var start = 0;
        while (start < line.Length && char.IsWhiteSpace(line[start]))
        {
            start++;
        }

        var trimmed = line.Substring(start).TrimEnd();
        if (wholeLine && list.MatchString(trimmed, StringContext.Any, null) is { } whole)
        {
            Consider(whole.Entry, trimmed, start);
        }

        // Each token, as a YAML key or value, a flag's value, an instance type: with the key as the member name when
        // the line is "key: value", so member-scoped patterns (instanceType: p5.48xlarge) apply as they do in code.
        string? key = null;
        var colon = trimmed.IndexOf(':');
        if (colon > 0)
        {
            key = trimmed.Substring(0, colon).Trim().TrimStart('-', ' ').Trim('"', '\'');
        }

        var position = 0;
        while (position < line.Length)
        {
            while (position < line.Length && Array.IndexOf(Delimiters, line[position]) >= 0)
            {
                position++;
            }

            var tokenStart = position;
            while (position < line.Length && Array.IndexOf(Delimiters, line[position]) < 0)
            {
                position++;
            }

            if (position == tokenStart)
            {
                continue;
            }

            var raw = line.Substring(tokenStart, position - tokenStart);
            var token = raw.TrimStart('-').TrimEnd('.');
            if (token.Length < 3)
            {
                continue;
            }

            var column = tokenStart + (raw.Length - raw.TrimStart('-').Length);
            if (key is not null && list.MatchString(token, StringContext.MemberValue, key) is { } member)
            {
                Consider(member.Entry, token, column);
            }

            if (list.MatchString(token, StringContext.Any, null) is { } any)
            {
                Consider(any.Entry, token, column);
            }
        }

        return best;
    }

    private static string Quote(string value) => "\"" + (value.Length > 80 ? string.Concat(value.AsSpan(0, 77), "...") : value) + "\"";

    private static Problem Unread(string reportPath, string message, bool incomplete) =>
        Problem.AboutFile(DiagnosticIds.ScanInputUnreadable, incomplete ? Levels.Error : Levels.Warning, reportPath, message, incomplete);
}
