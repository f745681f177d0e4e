using System.Collections.Immutable;

namespace ExportLint.ControlLists.Loading;

/// <summary>Options for <see cref="ControlListLoader.Load"/>.</summary>
public sealed class ControlListLoadOptions
{
    /// <summary>When no list is given, use the embedded default inventory (the default).</summary>
    public bool UseDefaultList { get; set; } = true;

    /// <summary>The day entries' effective and expiry dates are judged on; today (UTC) when null.</summary>
    public DateTime? AsOf { get; set; }
}

/// <summary>
/// Loads control lists: parses each, follows <c>extends</c> (reporting cycles and dangling references), merges
/// overlays (overrides and disables) and resolves sources. Never throws; problems come back with the result,
/// each at its file, line and column. The same input always gives the same output.
/// </summary>
public static class ControlListLoader
{
    /// <summary>Loads one list from text, resolving <c>extends</c> against the embedded lists only.</summary>
    public static ResolvedControlList LoadText(string text, string path = "controllist.yaml", ControlListLoadOptions? options = null)
    {
        var document = new ControlListDocument(path, text);
        return Load([document], new InMemoryControlListResolver([document]), options);
    }

    /// <summary>Loads the embedded default list.</summary>
    public static ResolvedControlList LoadDefault(ControlListLoadOptions? options = null) =>
        Load([], new InMemoryControlListResolver([]), options ?? new ControlListLoadOptions());

    /// <summary>
    /// Loads the given lists together. With none given, the embedded default list is used unless
    /// <see cref="ControlListLoadOptions.UseDefaultList"/> is false.
    /// </summary>
    public static ResolvedControlList Load(IReadOnlyList<ControlListDocument> roots, IControlListResolver resolver, ControlListLoadOptions? options = null)
    {
        options ??= new ControlListLoadOptions();
        var session = new Session(resolver);
        try
        {
            var effectiveRoots = roots.Count == 0 && options.UseDefaultList ? [EmbeddedControlLists.Default] : roots;
            foreach (var root in effectiveRoots)
            {
                session.Visit(root, referencedFrom: null);
            }

            return session.Finish(options.AsOf ?? ExportLintClock.Today);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var problem = ControlListProblem.Error(ProblemKind.Syntax, roots.Count > 0 ? roots[0].Path : "controllist", TextPosition.Start, "the control lists could not be loaded: " + ex.Message);
            return ResolvedControlList.Failed(session.Problems.Append(problem));
        }
    }

    private sealed class Session
    {
        private readonly IControlListResolver _resolver;
        private readonly Dictionary<string, ControlList> _listsByPath = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ControlList> _listsById = new(StringComparer.Ordinal);
        private readonly HashSet<string> _failedPaths = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _inProgress = [];
        private readonly List<ControlList> _order = [];
        private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
        private readonly List<string> _entryOrder = [];
        private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);

        public Session(IControlListResolver resolver) => _resolver = resolver;

        public List<ControlListProblem> Problems { get; } = [];

        public void Visit(ControlListDocument document, ListReference? referencedFrom)
        {
            if (document.ReadError is { } readError)
            {
                var at = referencedFrom?.Location ?? new SourceLocation(document.Path, TextPosition.Start);
                Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, at.Path, at.Position, $"the control list '{document.Path}' could not be read: {readError}"));
                return;
            }

            if (_listsByPath.ContainsKey(document.Path) || _failedPaths.Contains(document.Path))
            {
                return;
            }

            if (_inProgress.Contains(document.Path, StringComparer.OrdinalIgnoreCase))
            {
                var cycle = string.Join(" -> ", _inProgress.SkipWhile(p => !string.Equals(p, document.Path, StringComparison.OrdinalIgnoreCase)).Append(document.Path).Select(Describe));
                var at = referencedFrom?.Location ?? new SourceLocation(document.Path, TextPosition.Start);
                Problems.Add(ControlListProblem.Error(ProblemKind.ExtendsCycle, at.Path, at.Position, $"the lists extend each other in a cycle: {cycle}"));
                return;
            }

            if (_inProgress.Count >= ControlListLimits.MaxExtendsDepth)
            {
                var at = referencedFrom?.Location ?? new SourceLocation(document.Path, TextPosition.Start);
                Problems.Add(ControlListProblem.Error(ProblemKind.LimitExceeded, at.Path, at.Position, $"'extends' goes more than {ControlListLimits.MaxExtendsDepth} lists deep"));
                return;
            }

            var list = document.Compiled ?? ControlListParser.Parse(document.Text, document.Path, Problems);
            if (list is null)
            {
                _failedPaths.Add(document.Path);
                return;
            }

            if (_listsById.TryGetValue(list.Id, out var other))
            {
                Problems.Add(ControlListProblem.Error(ProblemKind.DuplicateId, list.Path, TextPosition.Start, $"two lists have the id '{list.Id}': this one and {other.Path}; the second is ignored"));
                _failedPaths.Add(document.Path);
                return;
            }

            _inProgress.Add(document.Path);
            foreach (var reference in list.Extends)
            {
                var byPath = LooksLikePath(reference.Value);
                if (byPath && !ControlListFileNames.IsControlListName(reference.Value))
                {
                    // Only files named like control lists are opened: 'extends: [/etc/shadow]' must not read a secret
                    // (and echo it in problems) on a build server.
                    Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, reference.Location.Path, reference.Location.Position,
                        $"'extends' names the file '{reference.Value}', which was not read: a list extended by path must be named *{ControlListFileNames.Yaml} or *{ControlListFileNames.Yml}"));
                    continue;
                }

                var target = byPath
                    ? _resolver.ResolvePath(document.Path, reference.Value)
                    : _resolver.ResolveId(reference.Value);
                if (target?.ReadError is { } targetError)
                {
                    Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, reference.Location.Path, reference.Location.Position,
                        $"'extends' names the file '{reference.Value}' ({target.Path}), which could not be read: {targetError}"));
                    continue;
                }

                if (target is null)
                {
                    var known = string.Join(", ", EmbeddedControlLists.All.Keys);
                    Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, reference.Location.Path, reference.Location.Position,
                        LooksLikePath(reference.Value)
                            ? $"'extends' names the file '{reference.Value}', which was not found next to {Describe(document.Path)}"
                            : $"'extends' names the list '{reference.Value}', which is neither given nor shipped (shipped lists: {known})"));
                    continue;
                }

                Visit(target, reference);
            }

            _inProgress.RemoveAt(_inProgress.Count - 1);
            _listsByPath[document.Path] = list;
            _listsById[list.Id] = list;
            _order.Add(list);
            Merge(list);
        }

        private void Merge(ControlList list)
        {
            foreach (var source in list.Sources)
            {
                if (_sources.TryGetValue(source.Id, out var existing))
                {
                    Problems.Add(ControlListProblem.Error(ProblemKind.DuplicateId, source.Location.Path, source.Location.Position,
                        $"the source id '{source.Id}' is already defined at {existing.Location}"));
                    continue;
                }

                _sources[source.Id] = source;
            }

            foreach (var entry in list.Entries)
            {
                if (_entries.TryGetValue(entry.Id, out var existing))
                {
                    Problems.Add(ControlListProblem.Error(ProblemKind.DuplicateId, entry.Location.Path, entry.Location.Position,
                        $"the entry id '{entry.Id}' is already defined at {existing.Location}; to change an entry of a list you extend, use 'overrides'"));
                    continue;
                }

                _entries[entry.Id] = entry;
                _entryOrder.Add(entry.Id);
            }

            foreach (var change in list.Overrides)
            {
                if (!_entries.TryGetValue(change.Entry.Value, out var entry))
                {
                    Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, change.Entry.Location.Path, change.Entry.Location.Position, UnknownEntry("overrides", change.Entry.Value)));
                    continue;
                }

                _entries[entry.Id] = entry.With(change.Severity, change.Message, change.Classification);
            }

            foreach (var disabled in list.Disable)
            {
                if (!_entries.Remove(disabled.Value))
                {
                    Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, disabled.Location.Path, disabled.Location.Position, UnknownEntry("disable", disabled.Value)));
                }
            }
        }

        private string UnknownEntry(string key, string id)
        {
            var near = _entries.Keys.Where(k => k.IndexOf(id, StringComparison.OrdinalIgnoreCase) >= 0 || id.IndexOf(k, StringComparison.OrdinalIgnoreCase) >= 0).OrderBy(k => k, StringComparer.Ordinal).Take(3).ToList();
            return $"'{key}' names the entry '{id}', which no list it extends defines" + (near.Count > 0 ? $" (did you mean {string.Join(", ", near)}?)" : string.Empty);
        }

        public ResolvedControlList Finish(DateTime asOf)
        {
            var active = ImmutableArray.CreateBuilder<Entry>();
            var inactive = ImmutableArray.CreateBuilder<Entry>();
            foreach (var id in _entryOrder)
            {
                if (!_entries.TryGetValue(id, out var entry))
                {
                    continue;
                }

                Source? source = null;
                if (entry.SourceReference is { } reference && !_sources.TryGetValue(reference.Value, out source))
                {
                    Problems.Add(ControlListProblem.Error(ProblemKind.UnresolvedReference, reference.Location.Path, reference.Location.Position,
                        $"entry {entry.Id} cites the source '{reference.Value}', which no list defines" + (_sources.Count > 0 ? $" (sources: {string.Join(", ", _sources.Keys.OrderBy(k => k, StringComparer.Ordinal))})" : string.Empty)));
                }

                var resolved = entry.WithSource(source?.On(asOf));
                (resolved.AppliesOn(asOf) ? active : inactive).Add(resolved);
            }

            // Sorted with plain comparisons rather than LINQ's OrderBy over int keys, whose generic code the JIT would
            // have to compile on the first load of a process (the cold load is on every compiler start).
            Problems.Sort(CompareProblems);
            var sources = _sources.Values.Select(s => s.On(asOf)).ToList();
            sources.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            return new ResolvedControlList(_order.ToImmutableArray(), active.ToImmutable(), inactive.ToImmutable(), sources.ToImmutableArray(), Problems.ToImmutableArray());
        }

        private static int CompareProblems(ControlListProblem a, ControlListProblem b)
        {
            var order = string.CompareOrdinal(a.Path, b.Path);
            order = order != 0 ? order : a.Position.Line.CompareTo(b.Position.Line);
            order = order != 0 ? order : a.Position.Column.CompareTo(b.Position.Column);
            return order != 0 ? order : string.CompareOrdinal(a.Message, b.Message);
        }

        private string Describe(string path) => _listsByPath.TryGetValue(path, out var list) ? list.Id : path;

        private static bool LooksLikePath(string reference) =>
            reference.IndexOf('/') >= 0 || reference.IndexOf('\\') >= 0 || reference.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || reference.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
    }
}
