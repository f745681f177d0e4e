using System.Diagnostics;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.ControlLists.Tests.ModelFiles;
using ExportLint.Reports;
using ExportLint.Reports.CycloneDx;
using Json.Schema;

namespace ExportLint.Cli.Tests;

/// <summary>
/// <c>exportlint.cdx.json</c>: a CycloneDX ML-BOM valid against the official 1.6 and 1.7 schemas (kept in
/// Schemas/cyclonedx, with the schemas they refer to, so nothing is downloaded), that lists every package
/// CycloneDX-dotnet lists, puts model files and API calls where a reviewer looks for them, and is byte-identical for
/// the same input.
/// </summary>
public sealed class CycloneDxTests
{
    private const string Timestamp = "2026-01-02T03:04:05Z";

    /// <summary>Where .ci/run installs CycloneDX-dotnet (a .NET tool), and the variable it exports.</summary>
    private const string ToolVariable = "EXPORTLINT_CYCLONEDX_TOOL";

    private static readonly string SchemaFolder = Path.Combine(ExportLintTool.RepositoryRoot, "tests", "ExportLint.Cli.Tests", "Schemas", "cyclonedx");

    /// <summary>The files every BOM schema refers to by <c>$ref</c>, registered before the BOM schemas are built.</summary>
    private static readonly string[] ReferencedSchemas = ["spdx.schema.json", "jsf-0.82.schema.json", "cryptography-defs.schema.json"];

    private static readonly Lazy<Dictionary<string, JsonSchema>> BomSchemas = new(() =>
    {
        var options = new BuildOptions();
        foreach (var name in ReferencedSchemas)
        {
            options.SchemaRegistry.Register(JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaFolder, name)), options));
        }

        return CycloneDxWriter.SpecVersions.ToDictionary(v => v, v => JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaFolder, $"bom-{v}.schema.json")), options));
    });

    [Fact]
    public void The_samples_BOM_is_valid_CycloneDX_1_6_and_1_7_with_packages_models_and_each_API_call_on_the_package_that_provides_it()
    {
        using var output = new TempTree("samples-cdx");
        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "json,cyclonedx", "-o", output.Path("1.6"), "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        var path = Path.Combine(output.Path("1.6"), CycloneDxWriter.FileName);
        Assert.Contains("Report: " + path, run.Output, StringComparison.Ordinal);
        var bom = AssertValid(path, "1.6");
        var report = ToolRun.ReadReport(output.Path("1.6"));

        Assert.Equal("CycloneDX", (string?)bom["bomFormat"]);
        Assert.Equal("http://cyclonedx.org/schema/bom-1.6.schema.json", (string?)bom["$schema"]);
        Assert.Equal(1, (int)bom["version"]!);
        var components = bom["components"]!.AsArray().Select(c => c!.AsObject()).ToList();

        // Every package of every project, once, as a library with its purl and the assets file's SHA-512.
        var packages = report.Projects.SelectMany(p => p.Packages).ToList();
        Assert.NotEmpty(packages);
        foreach (var package in packages)
        {
            var purl = $"pkg:nuget/{package.Id}@{package.Version}";
            var component = Assert.Single(components, c => (string?)c["purl"] == purl);
            Assert.Equal("library", (string?)component["type"]);
            Assert.Equal(purl, (string?)component["bom-ref"]);
            Assert.Equal(package.Id, (string?)component["name"]);
            Assert.Equal(package.Version, (string?)component["version"]);
            Assert.NotNull(package.Sha512);
            var hash = Assert.Single(component["hashes"]!.AsArray())!;
            Assert.Equal("SHA-512", (string?)hash["alg"]);
            Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String(package.Sha512!)), (string?)hash["content"]);
        }

        // The dependency graph: the project on its direct packages, each package on what it depends on.
        var dependencies = bom["dependencies"]!.AsArray().ToDictionary(d => (string)d!["ref"]!, d => d!["dependsOn"]?.AsArray().Select(r => (string)r!).ToList() ?? []);
        var local = Assert.Single(report.Projects, p => p.Name == "LocalInference");
        var projectRef = "exportlint:project:" + local.Path;
        Assert.Equal(local.Packages.Where(p => p.Direct).Select(p => $"pkg:nuget/{p.Id}@{p.Version}").Order(StringComparer.Ordinal), dependencies[projectRef].Where(r => r.StartsWith("pkg:", StringComparison.Ordinal)));
        var edges = 0;
        foreach (var package in packages)
        {
            Assert.NotNull(package.Dependencies);
            foreach (var dependency in package.Dependencies!)
            {
                Assert.Contains($"pkg:nuget/{dependency.Id}@{dependency.Version}", dependencies[$"pkg:nuget/{package.Id}@{package.Version}"]);
                edges++;
            }
        }

        Assert.True(edges > 0, "the samples' packages have dependencies, but none was recorded");
        Assert.All(components, c => Assert.True(dependencies.ContainsKey((string)c["bom-ref"]!), $"{c["bom-ref"]} has no dependencies entry"));

        // The model file: a machine-learning-model component, with its sha256, its header's facts and where it sits.
        var modelRecord = Assert.Single(report.Models);
        var model = Assert.Single(components, c => (string?)c["type"] == "machine-learning-model");
        Assert.Equal("tiny-llama.gguf", (string?)model["name"]);
        var modelHash = Assert.Single(model["hashes"]!.AsArray())!;
        Assert.Equal("SHA-256", (string?)modelHash["alg"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(ExportLintTool.Samples, "LocalInference", "models", "tiny-llama.gguf")))), (string?)modelHash["content"]);
        Assert.Equal(modelRecord.Sha256, (string?)modelHash["content"]);
        var card = Properties(model["modelCard"]!);
        Assert.Equal(["gguf"], card["exportlint:format"]);
        Assert.Equal(["2"], card["exportlint:tensorCount"]);
        Assert.Equal(["64"], card["exportlint:parameterCount"]);
        Assert.Equal(["F32"], card["exportlint:dtypes"]);
        Assert.Equal("llama", (string?)model["modelCard"]!["modelParameters"]!["modelArchitecture"]);
        var modelProperties = Properties(model);
        Assert.Equal(["gguf"], modelProperties["exportlint:format"]);
        Assert.Equal(["64"], modelProperties["exportlint:parameterCount"]);
        Assert.Equal(["EXL-F-WEIGHTS"], modelProperties["exportlint:entry"]);
        Assert.Contains(model["evidence"]!["occurrences"]!.AsArray(), o => (string?)o!["location"] == "samples/LocalInference/models/tiny-llama.gguf");
        Assert.Contains("exportlint:model:samples/LocalInference/models/tiny-llama.gguf", dependencies[projectRef]);

        // The LLaMA weights load: an occurrence on LLamaSharp, the package whose assembly defines the API, at the call.
        var load = Assert.Single(report.Findings, f => f.EntryId == "EXL-W-LLAMA");
        Assert.Equal("LLamaSharp", load.Evidence.Provider?.Package);
        var llama = Assert.Single(components, c => (string?)c["purl"] == "pkg:nuget/LLamaSharp@0.30.0");
        var occurrence = Assert.Single(llama["evidence"]!["occurrences"]!.AsArray(), o => (string?)o!["symbol"] == "LLama.LLamaWeights.LoadFromFile")!;
        Assert.Equal("samples/LocalInference/Program.cs", (string?)occurrence["location"]);
        Assert.Equal(22, (int)occurrence["line"]!);
        Assert.Equal("exportlint:finding:" + load.Fingerprint, (string?)occurrence["bom-ref"]);
        Assert.Contains("EXL-W-LLAMA", (string?)occurrence["additionalContext"], StringComparison.Ordinal);
        var llamaProperties = Properties(llama);
        Assert.Contains("EXL-W-LLAMA", llamaProperties["exportlint:entry"]);
        Assert.Contains(load.Classification!, llamaProperties["exportlint:classification"]);
        Assert.Contains(load.Citation!, llamaProperties["exportlint:citation"]);
        Assert.Contains(load.SourceStatus!, llamaProperties["exportlint:sourceStatus"]);
        Assert.Contains("exportlint-default", llamaProperties["exportlint:list"]);

        // Never dropped: every finding is one occurrence somewhere in the BOM.
        var occurrences = components.Append(bom["metadata"]!["component"]!.AsObject())
            .SelectMany(c => c["evidence"]?["occurrences"]?.AsArray() ?? [])
            .Select(o => (string?)o!["bom-ref"]).Where(r => r is not null).ToList();
        Assert.Equal(report.Findings.Select(f => "exportlint:finding:" + f.Fingerprint).Order(StringComparer.Ordinal), occurrences.Order(StringComparer.Ordinal));

        // The metadata: the tool, the time, the lists used and the day they were evaluated for.
        var metadata = bom["metadata"]!;
        Assert.Equal(Timestamp, (string?)metadata["timestamp"]);
        Assert.Equal("exportlint", (string?)metadata["tools"]!["components"]![0]!["name"]);
        var metadataProperties = Properties(metadata);
        Assert.Equal([report.AsOf], metadataProperties["exportlint:asOf"]);
        Assert.Equal(report.ControlLists.Select(l => l.Id), metadataProperties["exportlint:controlList"]);
        foreach (var list in report.ControlLists)
        {
            Assert.Equal([list.Version], metadataProperties[$"exportlint:controlList:{list.Id}:version"]);
        }

        // The serial number is the documented hash of the BOM itself.
        var serial = (string)bom["serialNumber"]!;
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", serial);
        var text = File.ReadAllText(path);
        Assert.Equal(serial, CycloneDxWriter.SerialNumberOf(text.Replace(serial, "urn:uuid:00000000-0000-0000-0000-000000000000", StringComparison.Ordinal)));

        // The validation is live, through the referenced schemas too: a license id that is not SPDX's (spdx.schema.json)
        // and a component type the specification does not have are both reported.
        foreach (var spec in CycloneDxWriter.SpecVersions)
        {
            var broken = JsonNode.Parse(text)!;
            broken["specVersion"] = spec;
            broken["components"]![0]!["licenses"] = new JsonArray(new JsonObject { ["license"] = new JsonObject { ["id"] = "Not-An-SPDX-Id" } });
            Assert.False(IsValid(broken, spec), $"a license id outside spdx.schema.json passed CycloneDX {spec}");
            broken = JsonNode.Parse(text)!;
            broken["specVersion"] = spec;
            broken["components"]![0]!["type"] = "model";
            Assert.False(IsValid(broken, spec), $"a component of type 'model' passed CycloneDX {spec}");
        }

        // 1.7 on request, valid against its own schema, with the same content.
        var v17 = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "cyclonedx", "--cdx-spec", "1.7", "-o", output.Path("1.7"), "--timestamp", Timestamp);
        Assert.True(v17.ExitCode == 0, v17.ToString());
        var bom17 = AssertValid(Path.Combine(output.Path("1.7"), CycloneDxWriter.FileName), "1.7");
        Assert.Equal("http://cyclonedx.org/schema/bom-1.7.schema.json", (string?)bom17["$schema"]);
        Assert.True(JsonNode.DeepEquals(bom["components"], bom17["components"]), "the 1.7 BOM's components differ from the 1.6 BOM's");
        Assert.NotEqual(serial, (string?)bom17["serialNumber"]);

        // Byte-identical for the same input.
        var again = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "cyclonedx", "-o", output.Path("again"), "--timestamp", Timestamp);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(output.Path("again"), CycloneDxWriter.FileName)));
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Model_files_of_each_kind_are_machine_learning_models_and_findings_whose_package_is_unknown_stay_on_the_scan()
    {
        using var tree = new TempTree("cdx-models");
        var gguf = tree.Write("models/chat.gguf", new ModelFileWriters.Gguf().String("general.architecture", "llama").Tensor("a", 0, 4 * 12, 3, 4).Tensor("b", 1, 2 * 8, 8).ToArray());
        var safetensors = tree.Write("models/vision.safetensors", ModelFileWriters.Safetensors([new("w", "F16", [4, 8], 2), new("b", "F32", [8], 4)]));
        var onnx = tree.Write("models/classifier.onnx", ModelFileWriters.Onnx(new ModelFileWriters.Proto().Message(5, ModelFileWriters.OnnxTensor("w", 1, [4, 8], rawBytes: 128))));
        tree.Write("models/cut.gguf", [(byte)'G', (byte)'G', (byte)'U', (byte)'F', 3, 0, 0, 0, 2, 0]);
        tree.Write("tools/Load.cs", """
            using LLama;

            internal static class Load
            {
                private static void Main() => LLamaWeights.LoadFromFile(null!);
            }
            """);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--format", "json,cyclonedx", "-o", "out", "--timestamp", Timestamp, "--cdx-spec", "1.6");
        Assert.True(run.ExitCode is 0 or 3, run.ToString());
        var bom = AssertValid(tree.Path("out/" + CycloneDxWriter.FileName), "1.6");
        var report = ToolRun.ReadReport(tree.Path("out"));
        var models = bom["components"]!.AsArray().Where(c => (string?)c!["type"] == "machine-learning-model").ToDictionary(c => (string)c!["name"]!, c => c!);
        Assert.Equal(["chat.gguf", "classifier.onnx", "cut.gguf", "vision.safetensors"], models.Keys.Order(StringComparer.Ordinal));

        foreach (var (name, file, format, tensors, parameters, dtypes) in new[]
        {
            ("chat.gguf", gguf, "gguf", "2", "20", "F16,F32"),
            ("vision.safetensors", safetensors, "safetensors", "2", "40", "F16,F32"),
            ("classifier.onnx", onnx, "onnx", "1", "32", "FLOAT"),
        })
        {
            var model = models[name];
            var record = Assert.Single(report.Models, m => m.Path.EndsWith("/" + name, StringComparison.Ordinal));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), (string?)model["hashes"]![0]!["content"]);
            var card = Properties(model["modelCard"]!);
            Assert.Equal([format], card["exportlint:format"]);
            Assert.Equal([record.TensorCount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)], card["exportlint:tensorCount"]);
            Assert.Equal([tensors], card["exportlint:tensorCount"]);
            Assert.Equal([parameters], card["exportlint:parameterCount"]);
            Assert.Equal([string.Join(",", record.Dtypes)], card["exportlint:dtypes"]);
            Assert.Equal(dtypes.Split(',').Order(StringComparer.Ordinal), record.Dtypes.Order(StringComparer.Ordinal));
            Assert.Equal([parameters], Properties(model)["exportlint:parameterCount"]);
            Assert.Equal([record.Path], Properties(model)["exportlint:path"]);
            Assert.Contains(model["evidence"]!["occurrences"]!.AsArray(), o => (string?)o!["location"] == record.Path);
        }

        // A header cut short is said on the component, not hidden.
        Assert.Single(Properties(models["cut.gguf"])["exportlint:headerProblem"]);

        // A call in a file outside every project, whose name did not bind: no package is known to provide it, so its
        // occurrence is on the scan itself (the BOM's subject), and says so.
        var load = Assert.Single(report.Findings, f => f.Evidence.Symbol == "LLama.LLamaWeights.LoadFromFile");
        Assert.Null(load.Evidence.Provider);
        var root = bom["metadata"]!["component"]!;
        var occurrence = Assert.Single(root["evidence"]!["occurrences"]!.AsArray(), o => (string?)o!["bom-ref"] == "exportlint:finding:" + load.Fingerprint)!;
        Assert.Equal("tools/Load.cs", (string?)occurrence["location"]);
        Assert.Contains("not known", (string?)occurrence["additionalContext"], StringComparison.Ordinal);
        Assert.Contains("EXL-W-LLAMA", Properties(root)["exportlint:entry"]);

        // The problems that kept something from being analysed are in the metadata.
        Assert.Contains(Properties(bom["metadata"]!)["exportlint:problem"], p => p.StartsWith("EXL0202", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_writes_the_BOM_of_the_merged_reports_and_reads_reports_older_than_hashes_and_edges()
    {
        using var tree = new TempTree("cdx-merge");
        var shards = Enumerable.Range(1, 2)
            .Select(i => ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--shard", $"{i}/2", "-o", tree.Path($"shard{i}"), "--timestamp", Timestamp))
            .ToList();
        Assert.All(shards, s => Assert.True(s.ExitCode == 0, s.ToString()));
        var whole = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "json,cyclonedx", "-o", tree.Path("whole"), "--timestamp", Timestamp);
        Assert.True(whole.ExitCode == 0, whole.ToString());

        foreach (var spec in CycloneDxWriter.SpecVersions)
        {
            var merge = ExportLintTool.Run(tree.Root, "merge", "shard1/exportlint.json", "shard2/exportlint.json", "--format", "cyclonedx", "--cdx-spec", spec, "-o", "merged-" + spec, "--timestamp", Timestamp);
            Assert.True(merge.ExitCode == 0, merge.ToString());
            var merged = AssertValid(tree.Path($"merged-{spec}/{CycloneDxWriter.FileName}"), spec);
            Assert.Equal(spec, (string?)merged["specVersion"]);

            // Every package and every finding of every shard.
            var parts = Enumerable.Range(1, 2).Select(i => ToolRun.ReadReport(tree.Path($"shard{i}"))).ToList();
            var components = merged["components"]!.AsArray();
            Assert.Equal(
                parts.SelectMany(r => r.Projects).SelectMany(p => p.Packages).Select(p => $"pkg:nuget/{p.Id}@{p.Version}").Distinct().Order(StringComparer.Ordinal),
                components.Select(c => (string?)c!["purl"]).OfType<string>().Order(StringComparer.Ordinal));
            var occurrences = components.Append(merged["metadata"]!["component"])
                .SelectMany(c => c!["evidence"]?["occurrences"]?.AsArray() ?? [])
                .Select(o => (string?)o!["bom-ref"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Assert.All(parts.SelectMany(r => r.Findings), f => Assert.Contains("exportlint:finding:" + f.Fingerprint, occurrences));
        }

        // The merge of a scan's report states what the scan's own BOM states (it cannot know where the scan ran, so only
        // the BOM's subject is named otherwise).
        var again = ExportLintTool.Run(tree.Root, "merge", "whole/exportlint.json", "--format", "cyclonedx", "-o", "merged-whole", "--timestamp", Timestamp);
        Assert.True(again.ExitCode == 0, again.ToString());
        var fromMerge = AssertValid(tree.Path("merged-whole/" + CycloneDxWriter.FileName), "1.6");
        var scanned = JsonNode.Parse(File.ReadAllText(tree.Path("whole/" + CycloneDxWriter.FileName)))!;
        Assert.True(JsonNode.DeepEquals(scanned["components"], fromMerge["components"]), "the merge's components differ from the scan's");
        Assert.True(JsonNode.DeepEquals(scanned["dependencies"], fromMerge["dependencies"]), "the merge's dependencies differ from the scan's");
        Assert.True(JsonNode.DeepEquals(scanned["metadata"]!["properties"], fromMerge["metadata"]!["properties"]), "the merge's metadata differs from the scan's");
        Assert.True(JsonNode.DeepEquals(scanned["metadata"]!["component"]!["evidence"], fromMerge["metadata"]!["component"]!["evidence"]), "the merge's findings outside projects differ from the scan's");

        // A report written before packages had hashes and edges (and findings a provider) still gives a valid BOM:
        // the packages are there, without hashes, and the projects still depend on their direct packages.
        var old = JsonNode.Parse(File.ReadAllText(tree.Path("whole/exportlint.json")))!;
        foreach (var package in old["projects"]!.AsArray().SelectMany(p => p!["packages"]!.AsArray()))
        {
            package!.AsObject().Remove("sha512");
            package.AsObject().Remove("dependencies");
        }

        foreach (var finding in old["findings"]!.AsArray())
        {
            finding!["evidence"]!.AsObject().Remove("provider");
        }

        File.WriteAllText(tree.Path("old.json"), old.ToJsonString());
        var fromOld = ExportLintTool.Run(tree.Root, "merge", "old.json", "--format", "cyclonedx", "-o", "from-old", "--timestamp", Timestamp);
        Assert.True(fromOld.ExitCode == 0, fromOld.ToString());
        var oldBom = AssertValid(tree.Path("from-old/" + CycloneDxWriter.FileName), "1.6");
        var libraries = oldBom["components"]!.AsArray().Where(c => (string?)c!["type"] == "library").ToList();
        Assert.NotEmpty(libraries);
        Assert.All(libraries, c => Assert.Null(c!["hashes"]));
        var oldReport = JsonReport.Read(tree.Path("old.json"));
        Assert.All(oldReport.Projects.SelectMany(p => p.Packages), p => Assert.Null(p.Dependencies));
        var project = Assert.Single(oldReport.Projects, p => p.Name == "LocalInference");
        var projectDependencies = oldBom["dependencies"]!.AsArray().Single(d => (string?)d!["ref"] == "exportlint:project:" + project.Path)!["dependsOn"]!.AsArray().Select(r => (string?)r).ToList();
        Assert.All(project.Packages.Where(p => p.Direct), p => Assert.Contains($"pkg:nuget/{p.Id}@{p.Version}", projectDependencies));
    }

    [Fact]
    public void A_cdx_spec_other_than_1_6_or_1_7_is_a_usage_error()
    {
        using var tree = new TempTree("cdx-spec");
        tree.Write("deploy/job.yaml", "resources:\n  limits: {nvidia.com/gpu: 1}\n");
        var scan = ExportLintTool.Run(tree.Root, "scan", ".", "--format", "cyclonedx", "--cdx-spec", "1.5", "-o", "out");
        Assert.True(scan.ExitCode == 2, scan.ToString());
        Assert.Contains("--cdx-spec '1.5'", scan.Error, StringComparison.Ordinal);
        Assert.Contains("1.6 or 1.7", scan.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(tree.Path("out/" + CycloneDxWriter.FileName)));

        var good = ExportLintTool.Run(tree.Root, "scan", ".", "--format", "json", "-o", "out");
        Assert.True(good.ExitCode == 0, good.ToString());
        var merge = ExportLintTool.Run(tree.Root, "merge", "out/exportlint.json", "--format", "cyclonedx", "--cdx-spec", "2.0", "-o", "merged");
        Assert.True(merge.ExitCode == 2, merge.ToString());
        Assert.Contains("--cdx-spec '2.0'", merge.Error, StringComparison.Ordinal);

        // 'all' includes cyclonedx.
        var all = ExportLintTool.Run(tree.Root, "scan", ".", "--format", "all", "-o", "all", "--cdx-spec", "1.7");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal("1.7", (string?)AssertValid(tree.Path("all/" + CycloneDxWriter.FileName), "1.7")["specVersion"]);
    }

    [Fact]
    public void Every_purl_CycloneDX_dotnet_lists_for_the_samples_is_in_ours()
    {
        var tool = CycloneDxTool();
        using var output = new TempTree("cdx-dotnet");
        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "cyclonedx", "-o", output.Path("ours"), "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        var ours = JsonNode.Parse(File.ReadAllText(output.Path("ours/" + CycloneDxWriter.FileName)))!["components"]!.AsArray()
            .Select(c => (string?)c!["purl"]).Where(p => p is not null).ToHashSet(StringComparer.Ordinal);

        foreach (var project in new[] { "LocalInference/LocalInference.csproj", "GpuCluster/GpuCluster.csproj" })
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var (exitCode, printed) = RunTool(tool, Path.Combine(ExportLintTool.Samples, project), "--output", output.Path(name), "--filename", "bom.json", "--output-format", "Json", "--disable-package-restore", "--spec-version", "1.6");
            Assert.True(exitCode == 0, $"CycloneDX-dotnet exited {exitCode}:\n{printed}");

            var theirs = JsonNode.Parse(File.ReadAllText(output.Path($"{name}/bom.json")))!["components"]!.AsArray()
                .Select(c => (string?)c!["purl"]).Where(p => p is not null).ToList();
            Assert.True(theirs.Count > 3, $"CycloneDX-dotnet listed only {theirs.Count} purls for {project}:\n{printed}");
            var missing = theirs.Where(p => !ours.Contains(p!)).ToList();
            Assert.True(missing.Count == 0, $"purls CycloneDX-dotnet lists for {project} that exportlint.cdx.json lacks: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void The_schemas_kept_as_test_data_are_those_the_CycloneDX_library_publishes()
    {
        // CycloneDX.Core embeds the official schemas its validator uses; CycloneDX-dotnet (which .ci/run installs) ships it.
        var tool = CycloneDxTool();
        var core = Directory.EnumerateFiles(Path.GetDirectoryName(tool)!, "CycloneDX.Core.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault();
        Assert.True(core is not null, $"CycloneDX.Core.dll is not beside the tool at '{tool}'");
        var context = new AssemblyLoadContext("cyclonedx-core", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(core!);
            foreach (var name in CycloneDxWriter.SpecVersions.Select(v => $"bom-{v}.schema.json").Concat(ReferencedSchemas))
            {
                using var resource = assembly.GetManifestResourceStream("CycloneDX.Core.Schemas." + name);
                Assert.True(resource is not null, $"CycloneDX.Core has no schema {name}");
                using var bytes = new MemoryStream();
                resource!.CopyTo(bytes);
                Assert.True(bytes.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(SchemaFolder, name))), $"Schemas/cyclonedx/{name} is not the schema CycloneDX.Core publishes");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Validates a BOM against the official schema of its version; returns it.</summary>
    private static JsonNode AssertValid(string path, string spec)
    {
        var text = File.ReadAllText(path);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(spec, document.RootElement.GetProperty("specVersion").GetString());
        var result = BomSchemas.Value[spec].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{path} is not valid CycloneDX {spec}:\n" + string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
        return JsonNode.Parse(text)!;
    }

    private static bool IsValid(JsonNode bom, string spec)
    {
        using var document = JsonDocument.Parse(bom.ToJsonString());
        return BomSchemas.Value[spec].Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid;
    }

    /// <summary>An object's <c>properties</c> array as name → values, in order.</summary>
    private static Dictionary<string, List<string>> Properties(JsonNode owner) =>
        (owner["properties"]?.AsArray() ?? [])
            .GroupBy(p => (string)p!["name"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => (string)p!["value"]!).ToList(), StringComparer.Ordinal);

    private static (int ExitCode, string Printed) RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("CycloneDX-dotnet did not finish in 5 minutes");
        }

        return (process.ExitCode, output.Result + "\n" + error.Result);
    }

    /// <summary>CycloneDX-dotnet, as .ci/run installs it; a missing tool fails the test, with how to install it.</summary>
    private static string CycloneDxTool()
    {
        var tool = Environment.GetEnvironmentVariable(ToolVariable) is { Length: > 0 } given
            ? given
            : Path.Combine(ExportLintTool.RepositoryRoot, ".tools", "cyclonedx", "dotnet-CycloneDX");
        Assert.True(File.Exists(tool),
            $"CycloneDX-dotnet is not at '{tool}'. Install it as .ci/run does: dotnet tool install CycloneDX --version 6.3.1 --tool-path \"$PWD/.tools/cyclonedx\" (or set {ToolVariable} to the dotnet-CycloneDX it installs).");
        return tool;
    }
}
