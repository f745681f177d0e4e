using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ExportLint.Reports.CycloneDx;

/// <summary>
/// Writes a <see cref="Report"/> as a CycloneDX JSON ML-BOM (<c>exportlint.cdx.json</c>), specification 1.6 by default or
/// 1.7 (<see cref="ReportContext.CycloneDxSpecVersion"/>). Packages are <c>library</c> components with purls, hashes and
/// the resolved dependency graph; model files are <c>machine-learning-model</c> components with their sha256 and a
/// <c>modelCard</c>; every finding is an <c>evidence.occurrences</c> item on the component it is about (an API's on the
/// package that provides it) and its entry, classification, citation and source status are <c>exportlint:*</c>
/// properties. docs/report-schema.md has the mapping.
/// Deterministic: the same report and context give the same bytes (properties in a fixed order, every list sorted,
/// <c>\n</c> line endings, UTF-8 without a byte-order mark), and <c>serialNumber</c> is derived from the BOM itself
/// (<see cref="SerialNumberOf"/>), not drawn at random.
/// </summary>
public static class CycloneDxWriter
{
    /// <summary>The file name the CLI writes in its output folder.</summary>
    public const string FileName = "exportlint.cdx.json";

    /// <summary>The specification version written when none is asked for.</summary>
    public const string DefaultSpecVersion = "1.6";

    /// <summary>The specification versions this writer writes (<c>--cdx-spec</c>).</summary>
    public static readonly IReadOnlyList<string> SpecVersions = ["1.6", "1.7"];

    /// <summary>
    /// The namespace of the name-based UUID the serial number is (RFC 9562 version 8, name-based with SHA-256, as its
    /// appendix B.2 shows). Fixed for ExportLint; changing it changes every serial number.
    /// </summary>
    public static readonly Guid SerialNamespace = new("6f1c3a52-8e0b-4c55-9d0e-2f3b7a1c9e41");

    private const string NilSerial = "urn:uuid:00000000-0000-0000-0000-000000000000";
    private const string Prefix = "exportlint:";
    private const string RootRef = "exportlint:scan";
    private const string InformationUri = "https://github.com/exportlint/exportlint";

    /// <summary>Writes the BOM to a file (through a temporary file, so a reader never sees half of it).</summary>
    public static void Write(string path, Report report, ReportContext context)
    {
        var text = ToCycloneDx(report, context);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
    }

    /// <summary>The BOM as text. Throws <see cref="ArgumentException"/> for a specification version it does not write.</summary>
    public static string ToCycloneDx(Report report, ReportContext context)
    {
        var spec = context.CycloneDxSpecVersion;
        if (!SpecVersions.Contains(spec))
        {
            throw new ArgumentException($"CycloneDX {spec} is not written; this version writes {string.Join(" and ", SpecVersions)}.", nameof(context));
        }

        var bom = new Bom(report, context).Build(spec);
        bom["serialNumber"] = NilSerial;
        var unnumbered = Text(bom);
        bom["serialNumber"] = SerialNumberOf(unnumbered);
        return Text(bom);
    }

    /// <summary>
    /// <c>urn:uuid:</c> and a name-based UUID: the first 16 bytes of the SHA-256 of <see cref="SerialNamespace"/> (in
    /// network byte order) followed by the name, with the version bits set to 8 and the variant to RFC 9562's (version 8,
    /// as RFC 9562 appendix B.2 builds a name-based UUID with SHA-256; version 5 would need SHA-1). The name is the BOM's
    /// UTF-8 text written with the nil UUID as its serial number: the same BOM gets the same serial number, and any change
    /// in it (a finding, a package, the timestamp) gives another.
    /// </summary>
    public static string SerialNumberOf(string unnumberedBom)
    {
        var space = SerialNamespace.ToByteArray();

        // Guid's bytes are little-endian in their first three fields; RFC 9562 hashes them in network order.
        Array.Reverse(space, 0, 4);
        Array.Reverse(space, 4, 2);
        Array.Reverse(space, 6, 2);
        var name = Encoding.UTF8.GetBytes(unnumberedBom);
        var input = new byte[space.Length + name.Length];
        Buffer.BlockCopy(space, 0, input, 0, space.Length);
        Buffer.BlockCopy(name, 0, input, space.Length, name.Length);
        byte[] hash;
        using (var sha256 = System.Security.Cryptography.SHA256.Create())
        {
            hash = sha256.ComputeHash(input);
        }

        hash[6] = (byte)((hash[6] & 0x0f) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        var hex = new StringBuilder(36);
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                hex.Append('-');
            }

            hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return "urn:uuid:" + hex;
    }

    private static string Text(JObject bom)
    {
        var builder = new StringBuilder();
        using (var text = new StringWriter(builder, CultureInfo.InvariantCulture) { NewLine = "\n" })
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            bom.WriteTo(json);
        }

        return builder.Append('\n').ToString();
    }

    /// <summary>The package URL CycloneDX tools give a NuGet package: <c>pkg:nuget/Id@Version</c>.</summary>
    public static string PurlOf(string id, string version) => "pkg:nuget/" + PurlEncode(id) + "@" + PurlEncode(version);

    private static string PurlEncode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>The assets file's base64 SHA-512 as the hex CycloneDX's hash content is; null when it is not one.</summary>
    internal static string? HexSha512(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        try
        {
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length != 64)
            {
                return null;
            }

            var hex = new StringBuilder(128);
            foreach (var b in bytes)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>One BOM being assembled: components by bom-ref, each with its properties, occurrences and dependencies.</summary>
    private sealed class Bom(Report report, ReportContext context)
    {
        private readonly SortedDictionary<string, Component> _components = new(StringComparer.Ordinal);
        private readonly Component _root = new(RootRef, "application", RootName(context));
        private readonly HashSet<string> _occurrenceRefs = new(StringComparer.Ordinal);

        public JObject Build(string spec)
        {
            AddProjects();
            AddModels();
            foreach (var finding in report.Findings)
            {
                Attach(finding);
            }

            // A model file no project item or package brings sits in the tree the scan covered.
            var brought = new HashSet<string>(_components.Values.SelectMany(c => c.DependsOn), StringComparer.Ordinal);
            foreach (var model in _components.Values.Where(c => c.Model is not null && !brought.Contains(c.Ref)))
            {
                _root.DependsOn.Add(model.Ref);
            }

            var bom = new JObject
            {
                ["$schema"] = $"http://cyclonedx.org/schema/bom-{spec}.schema.json",
                ["bomFormat"] = "CycloneDX",
                ["specVersion"] = spec,
                ["serialNumber"] = NilSerial,
                ["version"] = 1,
                ["metadata"] = Metadata(),
                ["components"] = new JArray(_components.Values.Select(c => c.ToJson())),
                ["dependencies"] = new JArray(new[] { _root }.Concat(_components.Values).OrderBy(c => c.Ref, StringComparer.Ordinal).Select(Dependency)),
            };
            return bom;
        }

        private JObject Dependency(Component component)
        {
            var dependency = new JObject { ["ref"] = component.Ref };
            var on = component.DependsOn.Where(r => r != component.Ref && _components.ContainsKey(r)).ToList();
            if (on.Count > 0)
            {
                dependency["dependsOn"] = new JArray(on);
            }

            return dependency;
        }

        private JObject Metadata()
        {
            var metadata = new JObject();
            if (report.Timestamp is { Length: > 0 } timestamp)
            {
                metadata["timestamp"] = timestamp;
            }

            var tool = new JObject
            {
                ["type"] = "application",
                ["group"] = "ExportLint",
                ["name"] = "exportlint",
                ["version"] = report.Tool.Version,
                ["externalReferences"] = new JArray(new JObject { ["type"] = "website", ["url"] = InformationUri }),
            };
            metadata["tools"] = new JObject { ["components"] = new JArray(tool) };
            metadata["component"] = _root.ToJson();

            var properties = new List<(string, string)>
            {
                (Prefix + "asOf", report.AsOf),
                (Prefix + "failOn", report.FailOn),
                (Prefix + "reportTool", report.Tool.Name + " " + report.Tool.Version),
                (Prefix + "skipGeneratedCode", Bool(report.SkipGeneratedCode)),
                (Prefix + "incomplete", Bool(report.Problems.Any(p => p.Incomplete))),
            };
            if (report.Shard is { } shard)
            {
                properties.Add((Prefix + "shard", shard));
            }

            foreach (var list in report.ControlLists)
            {
                properties.Add((Prefix + "controlList", list.Id));
                properties.Add((Prefix + "controlList:" + list.Id + ":version", list.Version));
                properties.Add((Prefix + "controlList:" + list.Id + ":path", list.Path));
            }

            foreach (var entry in report.Entries)
            {
                var key = Prefix + "entry:" + entry.ListId + "/" + entry.Id + ":";
                properties.Add((key + "category", entry.Category));
                properties.Add((key + "severity", entry.Severity));
                AddIf(properties, key + "classification", entry.Classification);
                AddIf(properties, key + "citation", entry.Citation);
                if (entry.Source is { } source)
                {
                    properties.Add((key + "sourceStatus", source.Status));
                    AddIf(properties, key + "sourceStatusDate", source.StatusDate);
                    properties.Add((key + "regulation", source.Regulation + (source.Section is { Length: > 0 } section ? " " + section : string.Empty)));
                    AddIf(properties, key + "sourceUrl", source.Url);
                }
            }

            var summary = report.Summary;
            properties.Add((Prefix + "summary:findings", Number(summary.Findings)));
            properties.Add((Prefix + "summary:suppressed", Number(summary.Suppressed)));
            properties.Add((Prefix + "summary:projects", Number(summary.Projects)));
            properties.Add((Prefix + "summary:packages", Number(summary.Packages)));
            properties.Add((Prefix + "summary:modelFiles", Number(summary.ModelFiles)));
            properties.Add((Prefix + "summary:problems", Number(summary.Problems)));
            foreach (var problem in report.Problems)
            {
                properties.Add((Prefix + "problem", $"{problem.Id} {problem.Level}{(problem.Incomplete ? " (incomplete)" : string.Empty)} {problem.Location}: {problem.Message}"));
            }

            metadata["properties"] = Properties(properties, sort: false);
            return metadata;
        }

        // ---- components -------------------------------------------------------------------------------------------

        private void AddProjects()
        {
            foreach (var project in report.Projects)
            {
                var component = ProjectComponent(project.Path, project.Name);
                component.Add("path", project.Path);
                component.Add("mode", project.Mode);
                component.Add("reason", project.Reason);
                component.Add("assetsFile", project.AssetsFile);
                foreach (var framework in project.TargetFrameworks)
                {
                    component.Add("targetFramework", framework);
                }

                component.Add("files", Number(project.Files));
                _root.DependsOn.Add(component.Ref);
                foreach (var package in project.Packages)
                {
                    var library = PackageComponent(package.Id, package.Version);
                    if (HexSha512(package.Sha512) is { } hex)
                    {
                        library.Sha512 = hex;
                    }

                    if (package.Path.Count > 0)
                    {
                        library.Add("dependencyPath", string.Join(" -> ", package.Path));
                    }

                    if (package.Direct)
                    {
                        component.DependsOn.Add(library.Ref);
                    }

                    foreach (var dependency in package.Dependencies ?? [])
                    {
                        library.DependsOn.Add(PurlOf(dependency.Id, dependency.Version));
                    }
                }
            }
        }

        private Component ProjectComponent(string path, string name)
        {
            var bomRef = Prefix + "project:" + path;
            if (!_components.TryGetValue(bomRef, out var component))
            {
                component = new Component(bomRef, "application", name.Length > 0 ? name : Path.GetFileNameWithoutExtension(path));
                _components[bomRef] = component;
            }

            return component;
        }

        private Component PackageComponent(string id, string version)
        {
            var purl = PurlOf(id, version);
            if (!_components.TryGetValue(purl, out var component))
            {
                component = new Component(purl, "library", id) { Version = version, Purl = purl, Scope = "required" };
                _components[purl] = component;
            }

            return component;
        }

        private void AddModels()
        {
            foreach (var model in report.Models)
            {
                ModelComponent(model);
            }
        }

        private Component ModelComponent(ModelFileRecord model)
        {
            var bomRef = Prefix + "model:" + model.Path.Replace('\\', '/');
            if (_components.TryGetValue(bomRef, out var existing))
            {
                return existing;
            }

            var component = new Component(bomRef, "machine-learning-model", FileNameOf(model.Path)) { Model = model };
            component.Add("path", model.Path.Replace('\\', '/'));
            component.Add("format", model.Kind);
            component.Add("length", Number(model.Length));
            component.Add("tensorCount", model.TensorCount is { } tensors ? Number(tensors) : null);
            component.Add("parameterCount", model.ParameterCount is { } parameters ? Number(parameters) : null);
            component.Add("dtypes", model.Dtypes.Count > 0 ? string.Join(",", model.Dtypes) : null);
            component.Add("itemType", model.ItemType);
            component.Add("hashProblem", model.HashProblem);
            component.Add("headerProblem", model.HeaderProblem);
            foreach (var pair in model.Metadata)
            {
                component.Add("metadata:" + pair.Key, pair.Value);
            }

            component.Occurrences.Add(new Occurrence(null, model.Path.Replace('\\', '/'), 0, null, $"{model.Kind} model file, {model.Length} bytes{(model.ItemType is { } item ? ", " + item + (item == "PackageFile" ? " (a file a package brings)" : " item") : string.Empty)}"));
            _components[bomRef] = component;
            return component;
        }

        /// <summary>Puts a finding on the component it is about, as an occurrence and as the entry's properties.</summary>
        private void Attach(Finding finding)
        {
            var evidence = finding.Evidence;
            Component target;
            string? provider = null;
            if (evidence.ModelFile is { } model)
            {
                target = ModelComponent(model);
                if (evidence.Package is { } bringer)
                {
                    PackageComponent(bringer.Id, bringer.Version).DependsOn.Add(target.Ref);
                }
                else if (finding.Project is { } owner && _components.ContainsKey(Prefix + "project:" + owner))
                {
                    _components[Prefix + "project:" + owner].DependsOn.Add(target.Ref);
                }
            }
            else if (evidence.Package is { } package)
            {
                target = PackageComponent(package.Id, package.Version);
                if (package.File is { } file)
                {
                    target.Add("file", file);
                }
            }
            else if (evidence.Provider is { Package: { } providerPackage, Version: { } providerVersion } known)
            {
                target = PackageComponent(providerPackage, providerVersion);
                provider = $"provided by {known.Assembly}{(known.File is { } file ? " (" + file + ")" : string.Empty)}";
            }
            else
            {
                target = finding.Project is { } project ? ProjectComponent(project, Path.GetFileNameWithoutExtension(project)) : _root;
                provider = evidence.Provider is { } unpackaged
                    ? $"provided by {unpackaged.Assembly}, which is not a package's compile asset (the framework or a project reference)"
                    : evidence.Symbol is not null
                        ? "the package that provides it is not known (its name did not bind, or no assembly of a package defines it)"
                        : null;
            }

            target.Add("entry", finding.EntryId.Length > 0 ? finding.EntryId : null);
            target.Add("list", finding.ListId.Length > 0 ? finding.ListId : null);
            target.Add("diagnosticId", finding.Id);
            target.Add("category", finding.Category.Length > 0 ? finding.Category : null);
            target.Add("severity", finding.Severity);
            target.Add("classification", finding.Classification);
            target.Add("citation", finding.Citation);
            target.Add("sourceStatus", finding.SourceStatus);
            target.Add("confidence", finding.Confidence);
            target.Add("notRuledOut", evidence.NotRuledOut);
            if (finding.Suppression is { } suppression)
            {
                target.Add("suppressed", $"{finding.EntryId} at {finding.Location}: {suppression.Kind}{(suppression.Justification is { } why ? ": " + why : string.Empty)}");
            }

            var context = new StringBuilder();
            context.Append(finding.Id);
            if (finding.EntryId.Length > 0)
            {
                context.Append(" entry ").Append(finding.EntryId).Append(" (").Append(finding.ListId).Append(')');
            }

            if ((finding.Citation ?? finding.Classification) is { } cited)
            {
                context.Append(", ").Append(cited);
            }

            context.Append(": ").Append(finding.Message);
            if (provider is not null)
            {
                context.Append("; ").Append(provider);
            }

            if (evidence.Snippet is { Length: > 0 } snippet)
            {
                context.Append("; code: ").Append(snippet);
            }

            if (finding.Suppression is { } suppressed)
            {
                context.Append("; suppressed (").Append(suppressed.Kind).Append(')');
                if (suppressed.Justification is { } justification)
                {
                    context.Append(": ").Append(justification);
                }
            }

            var occurrenceRef = finding.Fingerprint.Length > 0 && _occurrenceRefs.Add(finding.Fingerprint) ? Prefix + "finding:" + finding.Fingerprint : null;
            target.Occurrences.Add(new Occurrence(occurrenceRef, finding.Location.File.Replace('\\', '/'), finding.Location.Line, evidence.Symbol ?? evidence.Text, context.ToString()));
        }

        private static string RootName(ReportContext context)
        {
            if (context.SourceRoot is { Length: > 0 } root)
            {
                var name = Path.GetFileName(root.Replace('\\', '/').TrimEnd('/'));
                if (name.Length > 0)
                {
                    return name;
                }
            }

            return "exportlint inventory";
        }
    }

    private sealed class Occurrence(string? bomRef, string location, int line, string? symbol, string context)
    {
        public JObject ToJson()
        {
            var json = new JObject();
            if (bomRef is not null)
            {
                json["bom-ref"] = bomRef;
            }

            json["location"] = location.Length > 0 ? location : ".";
            if (line > 0)
            {
                json["line"] = line;
            }

            if (symbol is { Length: > 0 })
            {
                json["symbol"] = symbol;
            }

            json["additionalContext"] = context;
            return json;
        }

        public string Key => (bomRef ?? string.Empty) + "\n" + location + "\n" + line.ToString(CultureInfo.InvariantCulture) + "\n" + symbol + "\n" + context;
    }

    private sealed class Component(string bomRef, string type, string name)
    {
        private readonly List<(string Name, string Value)> _properties = [];

        public string Ref { get; } = bomRef;

        public string? Version { get; set; }

        public string? Purl { get; set; }

        public string? Scope { get; set; }

        public string? Sha512 { get; set; }

        public ModelFileRecord? Model { get; set; }

        public SortedSet<string> DependsOn { get; } = new(StringComparer.Ordinal);

        public List<Occurrence> Occurrences { get; } = [];

        /// <summary>An <c>exportlint:</c> property; nothing for a null value, and each name and value once.</summary>
        public void Add(string name, string? value)
        {
            if (value is not null && !_properties.Contains((Prefix + name, value)))
            {
                _properties.Add((Prefix + name, value));
            }
        }

        public JObject ToJson()
        {
            var json = new JObject
            {
                ["type"] = type,
                ["bom-ref"] = Ref,
                ["name"] = name,
            };
            if (Version is not null)
            {
                json["version"] = Version;
            }

            if (Scope is not null)
            {
                json["scope"] = Scope;
            }

            if (Sha512 is not null)
            {
                json["hashes"] = new JArray(new JObject { ["alg"] = "SHA-512", ["content"] = Sha512 });
            }
            else if (Model?.Sha256 is { Length: 64 } sha256)
            {
                json["hashes"] = new JArray(new JObject { ["alg"] = "SHA-256", ["content"] = sha256 });
            }

            if (Purl is not null)
            {
                json["purl"] = Purl;
            }

            if (Model is { } model)
            {
                json["modelCard"] = ModelCard(model);
            }

            if (Occurrences.Count > 0)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                json["evidence"] = new JObject { ["occurrences"] = new JArray(Occurrences.Where(o => seen.Add(o.Key)).Select(o => o.ToJson())) };
            }

            if (_properties.Count > 0)
            {
                json["properties"] = Properties(_properties, sort: true);
            }

            return json;
        }

        private static JObject ModelCard(ModelFileRecord model)
        {
            var card = new JObject();
            if (model.Metadata.TryGetValue("general.architecture", out var architecture) && architecture.Length > 0)
            {
                card["modelParameters"] = new JObject { ["modelArchitecture"] = architecture };
            }

            var properties = new List<(string, string)> { (Prefix + "format", model.Kind) };
            if (model.TensorCount is { } tensors)
            {
                properties.Add((Prefix + "tensorCount", Number(tensors)));
            }

            if (model.ParameterCount is { } parameters)
            {
                properties.Add((Prefix + "parameterCount", Number(parameters)));
            }

            if (model.Dtypes.Count > 0)
            {
                properties.Add((Prefix + "dtypes", string.Join(",", model.Dtypes)));
            }

            if (model.HeaderProblem is { } problem)
            {
                properties.Add((Prefix + "headerProblem", problem));
            }

            card["properties"] = Properties(properties, sort: false);
            return card;
        }
    }

    private static JArray Properties(List<(string Name, string Value)> properties, bool sort)
    {
        IEnumerable<(string Name, string Value)> ordered = sort
            ? properties.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            : properties;
        return new JArray(ordered.Distinct().Select(p => new JObject { ["name"] = p.Name, ["value"] = p.Value }));
    }

    private static void AddIf(List<(string, string)> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties.Add((name, value));
        }
    }

    private static string FileNameOf(string path)
    {
        var slashed = path.Replace('\\', '/');
        var name = slashed.Substring(slashed.LastIndexOf('/') + 1);
        return name.Length > 0 ? name : slashed;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
