using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using ExportLint.ControlLists.Matching;
using ExportLint.ControlLists.ModelFiles;
using NuGet.Versioning;

namespace ExportLint.ControlLists.Loading;

/// <summary>
/// Turns one control-list file into a <see cref="ControlList"/>. Strict: an unknown key is an error (a typo in a
/// security list must not silently match nothing). A bad part is reported and left out; the rest still loads.
/// </summary>
public static class ControlListParser
{
    // Every kind a list may name, in the enum's order (safetensors, gguf, …, tf-savedmodel): said when a kind is wrong.
    private static readonly string ModelFileKindNames = string.Join(", ",
        Enum.GetValues(typeof(ModelFileKind)).Cast<ModelFileKind>().Where(k => k != ModelFileKind.Unknown).Select(ModelFileKinds.NameOf));

    private static readonly Regex IdPattern = new("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

    /// <summary>Parses a list's text. Problems are appended to <paramref name="problems"/>; returns null when nothing usable was read.</summary>
    /// <remarks>
    /// A file that is not a control list at all (its top level is not a mapping with a <c>controllist</c> key, or its
    /// YAML does not parse and no line starts with <c>controllist:</c>) gives one problem that names the file and
    /// quotes nothing of it: problems end up in build logs and reports, and a list that extends, say, a secrets file
    /// must not copy its keys or values there.
    /// </remarks>
    public static ControlList? Parse(string text, string path, List<ControlListProblem> problems)
    {
        var own = new List<ControlListProblem>();
        try
        {
            var root = YamlTreeReader.Read(text, path, own);
            if (root is null)
            {
                if (own.Count > 0 && InMemoryControlListResolver.ReadDeclaredId(text) is null && !IsEmptyFileProblem(own))
                {
                    problems.Add(NotAControlList(path, own[0].Kind));
                    return null;
                }

                problems.AddRange(own);
                return null;
            }

            if (root is not YamlMapping map || !map.Pairs.Exists(p => p.Key.Value == "controllist"))
            {
                problems.Add(NotAControlList(path, ProblemKind.Schema));
                return null;
            }

            var list = new Reader(path, own).ReadList(root);
            problems.AddRange(own);
            return list;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The loader never throws to its caller: an unforeseen failure is a problem at the top of the file.
            problems.Add(ControlListProblem.Error(ProblemKind.Syntax, path, TextPosition.Start, "the list could not be read: " + ex.GetType().Name));
            return null;
        }
    }

    private static bool IsEmptyFileProblem(List<ControlListProblem> problems) =>
        problems.Count == 1 && problems[0].Message.StartsWith("the file is empty", StringComparison.Ordinal);

    // The kind stays that of the first problem (a syntax error is still EXL1001); the message quotes nothing.
    private static ControlListProblem NotAControlList(string path, ProblemKind kind) =>
        ControlListProblem.Error(kind, path, TextPosition.Start,
            $"'{path}' is not a control list: a control list is a YAML mapping with 'controllist: <id>' at its top level. Nothing of its content is shown.");

    private sealed class Reader
    {
        private readonly string _path;
        private readonly List<ControlListProblem> _problems;
        private string _listId = "?";

        public Reader(string path, List<ControlListProblem> problems)
        {
            _path = path;
            _problems = problems;
        }

        public ControlList? ReadList(YamlNode root)
        {
            if (root is not YamlMapping map)
            {
                Error(ProblemKind.Schema, root, $"a control list is a mapping that starts with 'controllist:', not {root.KindName}");
                return null;
            }

            var fields = Fields(map, "controllist", "version", "title", "description", "extends", "sources", "entries", "overrides", "disable", "$schema");
            var id = RequiredId(map, fields, "controllist", "the list");
            if (id is null)
            {
                return null;
            }

            _listId = id;
            var extends = ReferenceList(fields, "extends");
            var sources = Items(fields, "sources", ReadSource);
            var entries = Items(fields, "entries", ReadEntry);
            var overrides = Items(fields, "overrides", ReadOverride);
            var disable = ReferenceList(fields, "disable");
            return new ControlList(
                id,
                OptionalString(fields, "version"),
                OptionalString(fields, "title"),
                OptionalString(fields, "description"),
                _path,
                extends,
                sources,
                entries,
                overrides,
                disable);
        }

        private Source? ReadSource(YamlNode node)
        {
            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"a source is a mapping with 'id', 'regulation' and 'status', not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "id", "regulation", "section", "url", "effective", "status", "statusDate", "notes");
            var id = RequiredId(map, fields, "id", "a source");
            var regulation = RequiredString(map, fields, "regulation", "a source");
            var status = RequiredEnum(map, fields, "status", ControlListNames.Statuses, "a source");
            var url = OptionalString(fields, "url");
            if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                Error(ProblemKind.Schema, fields["url"], $"'{url}' is not an absolute URL");
            }

            if (id is null || regulation is null || status is null)
            {
                return null;
            }

            return new Source(id, regulation, OptionalString(fields, "section"), url, OptionalDate(fields, "effective"), status.Value, OptionalDate(fields, "statusDate"), OptionalString(fields, "notes"), At(map));
        }

        private Entry? ReadEntry(YamlNode node)
        {
            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"an entry is a mapping with 'id', 'category', 'severity', 'message' and 'match', not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "id", "category", "action", "severity", "classification", "source", "message", "rationale", "notes", "effective", "expires", "tags", "match");
            var id = RequiredId(map, fields, "id", "an entry");
            var what = id is null ? "an entry" : $"entry {id}";
            var category = RequiredEnum(map, fields, "category", ControlListNames.Categories, what);
            var severity = RequiredEnum(map, fields, "severity", ControlListNames.Severities, what);
            var message = RequiredString(map, fields, "message", what);
            var action = OptionalEnum(fields, "action", ControlListNames.Actions) ?? EntryAction.Load;
            if (fields.TryGetValue("action", out var actionNode) && category is not null && category != Category.ModelWeights)
            {
                Error(ProblemKind.Schema, actionNode, $"'action' applies to model-weights entries only; {what} is {ControlListNames.Of(category.Value)}");
            }

            ListReference? source = fields.TryGetValue("source", out var sourceNode) && Scalar(sourceNode, "source") is { } sourceId
                ? new ListReference(sourceId, At(sourceNode))
                : null;
            var effective = OptionalDate(fields, "effective");
            var expires = OptionalDate(fields, "expires");
            if (effective is not null && expires is not null && expires <= effective)
            {
                Error(ProblemKind.Schema, fields["expires"], $"{what} expires ({ExportLintClock.Format(expires.Value)}) on or before it takes effect ({ExportLintClock.Format(effective.Value)})");
            }

            EntryMatch match;
            if (fields.TryGetValue("match", out var matchNode))
            {
                match = ReadMatch(matchNode, what) ?? EntryMatch.Empty;
            }
            else
            {
                Error(ProblemKind.Schema, map, $"{what} has no 'match': say what it matches (apis, packages, strings, native, files, packageContent or assemblies)");
                match = EntryMatch.Empty;
            }

            if (id is null || category is null || severity is null || message is null)
            {
                return null;
            }

            return new Entry(
                id,
                _listId,
                category.Value,
                action,
                severity.Value,
                OptionalString(fields, "classification"),
                source,
                null,
                message,
                OptionalString(fields, "rationale"),
                effective,
                expires,
                Strings(fields, "tags"),
                match,
                At(map),
                OptionalString(fields, "notes"));
        }

        private EntryMatch? ReadMatch(YamlNode node, string what)
        {
            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"'match' of {what} is a mapping, not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "apis", "packages", "strings", "native", "files", "packageContent", "assemblies");
            if (fields.Count == 0)
            {
                Error(ProblemKind.Schema, map, $"'match' of {what} is empty: it would match nothing");
            }

            var apis = Items(fields, "apis", ReadApi);
            var packages = Items(fields, "packages", ReadPackage);
            var strings = Items(fields, "strings", ReadString);
            var native = Items(fields, "native", n => Scalar(n, "a native library name") is { } name ? new NativeLibraryPattern(name) : null);
            var files = Items(fields, "files", ReadFile);
            var content = Items(fields, "packageContent", n => ReadPathGlob(n, "a package content path"));
            var assemblies = Strings(fields, "assemblies");
            return new EntryMatch(apis, packages, strings, native, files, content, assemblies);
        }

        private ApiPattern? ReadApi(YamlNode node)
        {
            var text = Scalar(node, "a symbol pattern");
            if (text is null)
            {
                return null;
            }

            var pattern = ApiPattern.TryParse(text, out var error);
            if (pattern is null)
            {
                Error(ProblemKind.InvalidPattern, node, error!);
            }

            return pattern;
        }

        // A method whose arguments a string pattern applies to: Namespace.Type.Member (#ctor for constructors,
        // op_Implicit for a conversion), without parameter types: the parameter is chosen by 'member'.
        private ApiPattern? ReadArgumentMethod(YamlNode node)
        {
            if (ReadApi(node) is not { } pattern)
            {
                return null;
            }

            if (pattern.IsEverything || pattern.Segments.Length < 2 || pattern.Parameters is not null)
            {
                Error(ProblemKind.InvalidPattern, node, $"'{pattern.Text}' in 'argumentOf' is not one method: write Namespace.Type.Member (or Type.#ctor), without '.*' or parameter types; 'member' picks the parameter");
                return null;
            }

            return pattern;
        }

        private PackagePattern? ReadPackage(YamlNode node)
        {
            if (node is YamlScalar)
            {
                return Scalar(node, "a package id") is { } bare ? new PackagePattern(bare, null) : null;
            }

            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"a package is an id, or a mapping with 'id' and 'versions', not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "id", "versions");
            var id = RequiredString(map, fields, "id", "a package");
            VersionRange? range = null;
            if (OptionalString(fields, "versions") is { } versions)
            {
                if (!VersionRange.TryParse(versions, out range))
                {
                    Error(ProblemKind.InvalidPattern, fields["versions"], $"'{versions}' is not a NuGet version range: write e.g. \"[1.0,)\", \"[1.0,2.0)\" or \"1.2.3\" (meaning 1.2.3 or later)");
                    return null;
                }
            }

            if (id is not null && !IsValidGlob(id))
            {
                Error(ProblemKind.InvalidPattern, fields["id"], $"'{id}' is not a package id or id pattern: use letters, digits, '.', '-', '_' and the wildcards '*' and '?'");
                return null;
            }

            return id is null ? null : new PackagePattern(id, range);
        }

        private StringPattern? ReadString(YamlNode node)
        {
            if (node is YamlScalar)
            {
                return Scalar(node, "a string") is { } bare ? new StringPattern(StringMatchKind.Exact, bare, false, StringContext.Any, null) : null;
            }

            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"a string pattern is a mapping with one of 'exact', 'prefix' or 'regex', not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "exact", "prefix", "regex", "ignoreCase", "context", "member", "argumentOf");
            var kinds = new[] { ("exact", StringMatchKind.Exact), ("prefix", StringMatchKind.Prefix), ("regex", StringMatchKind.Regex) }
                .Where(k => fields.ContainsKey(k.Item1))
                .ToList();
            if (kinds.Count != 1)
            {
                Error(ProblemKind.Schema, map, "a string pattern has exactly one of 'exact', 'prefix' or 'regex'");
                return null;
            }

            var (key, kind) = kinds[0];
            var value = Scalar(fields[key], key);
            var ignoreCase = OptionalBool(fields, "ignoreCase") ?? false;
            var context = OptionalEnum(fields, "context", Contexts) ?? StringContext.Any;
            var member = OptionalString(fields, "member");
            if (context == StringContext.MemberValue && member is null)
            {
                Error(ProblemKind.Schema, fields["context"], "context 'member-value' needs 'member': the member or parameter name, e.g. InstanceType");
                return null;
            }

            var argumentOf = ImmutableArray<ApiPattern>.Empty;
            if (fields.TryGetValue("argumentOf", out var methodsNode))
            {
                if (fields.TryGetValue("context", out var contextNode))
                {
                    Error(ProblemKind.Schema, contextNode, "'argumentOf' gives the pattern its context (an argument of those methods): leave 'context' out");
                    return null;
                }

                argumentOf = Items(fields, "argumentOf", ReadArgumentMethod);
                if (argumentOf.IsEmpty)
                {
                    // Each method that could not be read was reported where it is written; an empty list is reported here.
                    if (methodsNode is YamlSequence { Items.Count: 0 } or YamlScalar { IsNull: true })
                    {
                        Error(ProblemKind.Schema, methodsNode, "'argumentOf' names at least one method, e.g. TorchSharp.torch.device");
                    }

                    return null;
                }
            }

            if (value is null)
            {
                return null;
            }

            if (kind == StringMatchKind.Regex)
            {
                try
                {
                    return new StringPattern(kind, value, ignoreCase, context, member, argumentOf) { Location = At(fields[key]) };
                }
                catch (ArgumentException ex)
                {
                    Error(ProblemKind.InvalidPattern, fields[key], $"'{value}' is not a valid regular expression: {ex.Message}");
                    return null;
                }
            }

            if (value.Length == 0)
            {
                Error(ProblemKind.InvalidPattern, fields[key], $"an empty '{key}' would match every string");
                return null;
            }

            return new StringPattern(kind, value, ignoreCase, context, member, argumentOf) { Location = At(fields[key]) };
        }

        private FilePattern? ReadFile(YamlNode node)
        {
            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"a file pattern is a mapping with 'glob' and/or 'kind', not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "glob", "kind", "parameters", "tensors");
            Glob? glob = fields.TryGetValue("glob", out var globNode) ? ReadPathGlob(globNode, "a file glob") : null;
            if (globNode is not null && glob is null)
            {
                return null;
            }

            ModelFileKind? kind = null;
            if (OptionalString(fields, "kind") is { } kindName)
            {
                if (ModelFileKinds.TryParse(kindName, out var parsed))
                {
                    kind = parsed;
                }
                else
                {
                    Error(ProblemKind.Schema, fields["kind"], $"'{kindName}' is not a model-file kind: use one of {ModelFileKindNames}");
                    return null;
                }
            }

            if (glob is null && kind is null && globNode is null)
            {
                Error(ProblemKind.Schema, map, "a file pattern needs 'glob', 'kind' or both");
                return null;
            }

            var parameters = ReadThreshold(fields, "parameters");
            var tensors = ReadThreshold(fields, "tensors");
            return new FilePattern(glob, kind, parameters, tensors);
        }

        private Threshold? ReadThreshold(Dictionary<string, YamlNode> fields, string key)
        {
            if (OptionalString(fields, key) is not { } text)
            {
                return null;
            }

            var threshold = Threshold.TryParse(text, out var error);
            if (threshold is null)
            {
                Error(ProblemKind.InvalidPattern, fields[key], error!);
            }

            return threshold;
        }

        private Glob? ReadPathGlob(YamlNode node, string what)
        {
            var text = Scalar(node, what);
            if (text is null)
            {
                return null;
            }

            if (text.Length == 0 || CountOccurrences(text, "**") > 4)
            {
                Error(ProblemKind.InvalidPattern, node, $"'{text}' is not a usable glob: it is empty or has more than four '**'");
                return null;
            }

            return Glob.ForPath(text);
        }

        private EntryOverride? ReadOverride(YamlNode node)
        {
            if (node is not YamlMapping map)
            {
                Error(ProblemKind.Schema, node, $"an override is a mapping with 'entry' and what to change ('severity', 'message', 'classification'), not {node.KindName}");
                return null;
            }

            var fields = Fields(map, "entry", "severity", "message", "classification");
            var entry = RequiredString(map, fields, "entry", "an override");
            var severity = OptionalEnum(fields, "severity", ControlListNames.Severities);
            var message = OptionalString(fields, "message");
            var classification = OptionalString(fields, "classification");
            if (entry is null)
            {
                return null;
            }

            if (severity is null && message is null && classification is null)
            {
                Error(ProblemKind.Schema, map, $"the override of {entry} changes nothing: give 'severity', 'message' or 'classification'");
                return null;
            }

            return new EntryOverride(new ListReference(entry, At(fields["entry"])), severity, message, classification);
        }

        // --- typed reads -------------------------------------------------------------------------------

        private Dictionary<string, YamlNode> Fields(YamlMapping map, params string[] known)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var pair in map.Pairs)
            {
                var key = pair.Key.Value;
                if (Array.IndexOf(known, key) < 0)
                {
                    var suggestion = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase) || Distance(k, key) <= 2);
                    Error(ProblemKind.Schema, pair.Key, $"unknown key '{key}'" + (suggestion is null ? $"; expected one of: {string.Join(", ", known.Where(k => k != "$schema"))}" : $"; did you mean '{suggestion}'?"));
                    continue;
                }

                if (fields.ContainsKey(key))
                {
                    Error(ProblemKind.Schema, pair.Key, $"the key '{key}' is given twice");
                    continue;
                }

                fields[key] = pair.Value;
            }

            return fields;
        }

        private ImmutableArray<T> Items<T>(Dictionary<string, YamlNode> fields, string key, Func<YamlNode, T?> read)
            where T : class
        {
            if (!fields.TryGetValue(key, out var node))
            {
                return ImmutableArray<T>.Empty;
            }

            if (node is YamlScalar { IsNull: true })
            {
                return ImmutableArray<T>.Empty;
            }

            if (node is not YamlSequence sequence)
            {
                Error(ProblemKind.Schema, node, $"'{key}' is a list (items starting with '- '), not {node.KindName}");
                return ImmutableArray<T>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<T>(sequence.Items.Count);
            foreach (var item in sequence.Items)
            {
                if (read(item) is { } value)
                {
                    builder.Add(value);
                }
            }

            return builder.ToImmutable();
        }

        private ImmutableArray<string> Strings(Dictionary<string, YamlNode> fields, string key) =>
            Items(fields, key, n => Scalar(n, $"an item of '{key}'"));

        private ImmutableArray<ListReference> ReferenceList(Dictionary<string, YamlNode> fields, string key)
        {
            if (fields.TryGetValue(key, out var node) && node is YamlScalar { IsNull: false } single)
            {
                return ImmutableArray.Create(new ListReference(single.Value, At(single)));
            }

            return Items(fields, key, n => Scalar(n, $"an item of '{key}'") is { } value ? new Box<ListReference>(new ListReference(value, At(n))) : null)
                .Select(b => b.Value)
                .ToImmutableArray();
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalar { IsNull: false } scalar)
            {
                return scalar.Value;
            }

            Error(ProblemKind.Schema, node, $"{what} is a single value, not {node.KindName}");
            return null;
        }

        private string? OptionalString(Dictionary<string, YamlNode> fields, string key) =>
            fields.TryGetValue(key, out var node) ? Scalar(node, $"'{key}'") : null;

        private string? RequiredString(YamlMapping map, Dictionary<string, YamlNode> fields, string key, string what)
        {
            if (!fields.TryGetValue(key, out var node))
            {
                Error(ProblemKind.Schema, map, $"{what} has no '{key}'");
                return null;
            }

            return Scalar(node, $"'{key}'");
        }

        private string? RequiredId(YamlMapping map, Dictionary<string, YamlNode> fields, string key, string what)
        {
            var id = RequiredString(map, fields, key, what);
            if (id is not null && !IdPattern.IsMatch(id))
            {
                Error(ProblemKind.Schema, fields[key], $"'{id}' is not a valid id: use letters, digits, '.', '-' and '_', starting with a letter or digit");
                return null;
            }

            return id;
        }

        private T? RequiredEnum<T>(YamlMapping map, Dictionary<string, YamlNode> fields, string key, IReadOnlyDictionary<string, T> names, string what)
            where T : struct
        {
            if (!fields.ContainsKey(key))
            {
                Error(ProblemKind.Schema, map, $"{what} has no '{key}' (one of: {string.Join(", ", names.Keys)})");
                return null;
            }

            return OptionalEnum(fields, key, names);
        }

        private T? OptionalEnum<T>(Dictionary<string, YamlNode> fields, string key, IReadOnlyDictionary<string, T> names)
            where T : struct
        {
            if (OptionalString(fields, key) is not { } text)
            {
                return null;
            }

            if (names.TryGetValue(text, out var value))
            {
                return value;
            }

            Error(ProblemKind.Schema, fields[key], $"'{text}' is not a valid {key}: use one of {string.Join(", ", names.Keys)}");
            return null;
        }

        private bool? OptionalBool(Dictionary<string, YamlNode> fields, string key)
        {
            if (OptionalString(fields, key) is not { } text)
            {
                return null;
            }

            switch (text)
            {
                case "true":
                case "True":
                    return true;
                case "false":
                case "False":
                    return false;
                default:
                    Error(ProblemKind.Schema, fields[key], $"'{key}' is true or false, not '{text}'");
                    return null;
            }
        }

        private DateTime? OptionalDate(Dictionary<string, YamlNode> fields, string key)
        {
            if (OptionalString(fields, key) is not { } text)
            {
                return null;
            }

            if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                return DateTime.SpecifyKind(date.Date, DateTimeKind.Utc);
            }

            Error(ProblemKind.Schema, fields[key], $"'{text}' is not a date: write yyyy-mm-dd, e.g. 2025-05-13");
            return null;
        }

        private SourceLocation At(YamlNode node) => new(_path, node.Position);

        private void Error(ProblemKind kind, YamlNode node, string message) =>
            _problems.Add(ControlListProblem.Error(kind, _path, node.Position, message));

        private static readonly IReadOnlyDictionary<string, StringContext> Contexts = new Dictionary<string, StringContext>(StringComparer.Ordinal)
        {
            ["any"] = StringContext.Any,
            ["dictionary-key"] = StringContext.DictionaryKey,
            ["member-value"] = StringContext.MemberValue,
        };

        private static bool IsValidGlob(string id) => id.Length > 0 && id.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '*' or '?');

        private static int CountOccurrences(string text, string value)
        {
            var count = 0;
            for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        // Edit distance for "did you mean": keys are short, so the quadratic table is cheap.
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }

        private sealed class Box<T>
        {
            public Box(T value) => Value = value;

            public T Value { get; }
        }
    }
}
