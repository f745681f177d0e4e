using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ExportLint.Reports.Sarif;

/// <summary>
/// The git repository a folder is in, read from the files under <c>.git</c> (no git process): the repository root, the
/// <c>origin</c> remote's URL (credentials removed), the commit <c>HEAD</c> points at and its branch. A <c>.git</c> file
/// (a worktree or submodule) is followed to its git directory, and <c>commondir</c> to the shared one.
/// </summary>
internal sealed class GitProvenance
{
    private GitProvenance(string root, string repositoryUri, string? revision, string? branch)
    {
        Root = root;
        RepositoryUri = repositoryUri;
        Revision = revision;
        Branch = branch;
    }

    /// <summary>The working tree's root folder.</summary>
    public string Root { get; }

    public string RepositoryUri { get; }

    public string? Revision { get; }

    public string? Branch { get; }

    /// <summary>
    /// The repository <paramref name="folder"/> is in, or null when it is in none, or when the repository has no
    /// <c>origin</c> remote (SARIF requires the repository's URI, and a local path says nothing to a code-scanning
    /// service), or its files cannot be read.
    /// </summary>
    public static GitProvenance? Find(string folder)
    {
        try
        {
            for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
            {
                var dotGit = Path.Combine(directory.FullName, ".git");
                string? gitDirectory = null;
                if (Directory.Exists(dotGit))
                {
                    gitDirectory = dotGit;
                }
                else if (File.Exists(dotGit))
                {
                    var line = File.ReadAllLines(dotGit).FirstOrDefault(l => l.StartsWith("gitdir:", StringComparison.Ordinal));
                    if (line is null)
                    {
                        return null;
                    }

                    var target = line.Substring("gitdir:".Length).Trim();
                    gitDirectory = Path.IsPathRooted(target) ? target : Path.GetFullPath(Path.Combine(directory.FullName, target));
                }

                if (gitDirectory is not null)
                {
                    return Read(directory.FullName, gitDirectory);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        return null;
    }

    private static GitProvenance? Read(string root, string gitDirectory)
    {
        var common = gitDirectory;
        var commonFile = Path.Combine(gitDirectory, "commondir");
        if (File.Exists(commonFile))
        {
            var target = File.ReadAllText(commonFile).Trim();
            common = Path.IsPathRooted(target) ? target : Path.GetFullPath(Path.Combine(gitDirectory, target));
        }

        var configPath = Path.Combine(common, "config");
        if (!File.Exists(configPath) || OriginUrl(File.ReadAllLines(configPath)) is not { } url)
        {
            return null;
        }

        string? revision = null;
        string? branch = null;
        var headPath = Path.Combine(gitDirectory, "HEAD");
        if (File.Exists(headPath))
        {
            var head = File.ReadAllText(headPath).Trim();
            if (head.StartsWith("ref:", StringComparison.Ordinal))
            {
                var reference = head.Substring(4).Trim();
                if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
                {
                    branch = reference.Substring("refs/heads/".Length);
                }

                revision = ResolveReference(gitDirectory, common, reference);
            }
            else if (IsObjectId(head))
            {
                revision = head;
            }
        }

        return new GitProvenance(root, url, revision, branch);
    }

    private static string? ResolveReference(string gitDirectory, string common, string reference)
    {
        foreach (var directory in new[] { gitDirectory, common })
        {
            var loose = Path.Combine(directory, reference.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var id && IsObjectId(id))
            {
                return id;
            }
        }

        var packed = Path.Combine(common, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadAllLines(packed))
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && parts[1] == reference && IsObjectId(parts[0]))
                {
                    return parts[0];
                }
            }
        }

        return null;
    }

    private static bool IsObjectId(string text) => Regex.IsMatch(text, "^[0-9a-f]{40}([0-9a-f]{24})?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The <c>url</c> of <c>[remote "origin"]</c>, with any user name and password removed.</summary>
    internal static string? OriginUrl(IEnumerable<string> config)
    {
        var inOrigin = false;
        foreach (var raw in config)
        {
            var line = raw.Trim();
            if (line.StartsWith("[", StringComparison.Ordinal))
            {
                inOrigin = Regex.IsMatch(line, "^\\[\\s*remote\\s+\"origin\"\\s*\\]$", RegexOptions.None, TimeSpan.FromSeconds(1));
                continue;
            }

            var match = Regex.Match(line, "^url\\s*=\\s*(.+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
            if (inOrigin && match.Success)
            {
                return WithoutCredentials(match.Groups[1].Value.Trim().Trim('"'));
            }
        }

        return null;
    }

    /// <summary>
    /// <c>https://user:token@host/x</c> → <c>https://host/x</c>; scp-like <c>git@host:o/r.git</c> →
    /// <c>ssh://git@host/o/r.git</c> is not a secret and becomes <c>https://host/o/r.git</c>, the URI a service knows.
    /// </summary>
    internal static string? WithoutCredentials(string url)
    {
        var scp = Regex.Match(url, "^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (scp.Success && !url.Contains("://"))
        {
            return "https://" + scp.Groups[1].Value + "/" + scp.Groups[2].Value.TrimStart('/');
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Scheme == "ssh" || uri.Scheme == "git")
        {
            return "https://" + uri.Host + uri.AbsolutePath;
        }

        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri;
    }

    /// <summary>The SARIF <c>versionControlDetails</c>: mapped to <c>%SRCROOT%</c> when the scan root is the repository's root.</summary>
    public JObject ToSarif(string scanRoot)
    {
        var details = new JObject { ["repositoryUri"] = RepositoryUri };
        if (Revision is not null)
        {
            details["revisionId"] = Revision;
        }

        if (Branch is not null)
        {
            details["branch"] = Branch;
        }

        var same = string.Equals(Path.GetFullPath(scanRoot).TrimEnd('/', '\\'), Path.GetFullPath(Root).TrimEnd('/', '\\'), StringComparison.Ordinal);
        var rootSlashed = Root.Replace('\\', '/');
        details["mappedTo"] = same
            ? new JObject { ["uriBaseId"] = SarifWriter.SourceRootId }
            : new JObject { ["uri"] = SarifWriter.FileUri(rootSlashed.EndsWith("/", StringComparison.Ordinal) ? rootSlashed : rootSlashed + "/") };
        return details;
    }
}
