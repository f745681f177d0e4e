using System.Collections.Immutable;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;
using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>
/// The control lists a command uses: the files named with <c>--control-list</c> (overlays, as the build takes them),
/// the lists they extend, and the embedded default unless <c>--no-default-list</c>, evaluated as of one day.
/// </summary>
internal sealed class ListSet
{
    private ListSet(ResolvedControlList resolved, ImmutableArray<ControlListProblem> unreadable, ImmutableArray<ControlListDocument> documents, int named, DateTime asOf, bool useDefault)
    {
        Named = named;
        Resolved = resolved;
        Problems = unreadable.AddRange(resolved.Problems);
        Documents = documents;
        AsOf = asOf;
        UseDefault = useDefault;
    }

    public ResolvedControlList Resolved { get; }

    /// <summary>Every list file read (named and extended by path), for the analyzers' AdditionalFiles.</summary>
    public ImmutableArray<ControlListDocument> Documents { get; }

    /// <summary>How many of <see cref="Documents"/>, from the start, were named by the user (the rest are extended).</summary>
    public int Named { get; }

    public DateTime AsOf { get; }

    public bool UseDefault { get; }

    /// <summary>Problems with file, line and column; any error makes the configuration unusable (exit 2).</summary>
    public ImmutableArray<ControlListProblem> Problems { get; }

    public bool HasErrors => Problems.Any(p => p.IsError);

    public static ListSet Load(IReadOnlyList<string> paths, bool noDefaultList, DateTime asOf)
    {
        var documents = new List<ControlListDocument>();
        var unreadable = new List<ControlListProblem>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var document = FileSystemControlListResolver.TryRead(full, out var error);
            if (document is null)
            {
                unreadable.Add(new ControlListProblem(ProblemKind.UnresolvedReference, ProblemSeverity.Error, full, default, $"{error} (--control-list)"));
                continue;
            }

            documents.Add(document);
        }

        // As in the build: the default list is the base when no list is named; a named list brings in the lists it
        // extends (the shipped ones by id), and --no-default-list drops the default when nothing is named.
        var useDefault = !noDefaultList && paths.Count == 0;
        var resolver = new FileSystemControlListResolver(documents);
        var resolved = ControlListLoader.Load(documents, resolver, new ControlListLoadOptions { UseDefaultList = useDefault, AsOf = asOf.Date });
        // The analyzers read lists as AdditionalFiles: give them every file the loader read, extended ones included.
        var read = new List<ControlListDocument>(documents);
        foreach (var list in resolved.Lists)
        {
            if (!list.Path.StartsWith("embedded:", StringComparison.Ordinal) && !read.Any(d => PathEquals(d.Path, list.Path)))
            {
                var extended = FileSystemControlListResolver.TryRead(list.Path, out _);
                if (extended is not null)
                {
                    read.Add(extended);
                }
            }
        }

        return new ListSet(resolved, unreadable.ToImmutableArray(), read.ToImmutableArray(), documents.Count, asOf.Date, useDefault);
    }

    private static bool PathEquals(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    public List<ControlListUsed> Used() =>
        Resolved.Lists.Select(l => new ControlListUsed { Id = l.Id, Version = l.Version ?? string.Empty, Path = l.Path }).ToList();

    /// <summary>Each problem as a compiler would print it: <c>file(line,col): error EXL1002: message</c>.</summary>
    public IEnumerable<string> FormatProblems() => Problems.Select(p => p.ToString());
}
