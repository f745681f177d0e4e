using ExportLint.Build;
using ExportLint.Build.Packages;
using Microsoft.Build.Utilities;
using Newtonsoft.Json.Linq;

namespace ExportLint.Build.Tests.Check;

/// <summary>
/// The assets file and the files of its packages, run in process: no targets is EXL0105 (not an empty graph), and a
/// model file a package brings is EXL0102 at the PackageReference with the package and its path (issue 10, items 3
/// and 10). The end-to-end test with a real package is in EndToEnd/PackageModelFileTests.
/// </summary>
public sealed class AssetsAndPackageFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-assets-").FullName;

    public AssetsAndPackageFileTests() =>
        File.WriteAllLines(ProjectPath, ["<Project Sdk=\"Microsoft.NET.Sdk\">", "  <ItemGroup>", "    <PackageReference Include=\"Acme.Models\" Version=\"1.0.0\" />", "  </ItemGroup>", "</Project>"]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ProjectPath => Path.Combine(_folder, "App.csproj");

    private string AssetsPath => Path.Combine(_folder, "obj", "project.assets.json");

    private string PackagesFolder => Path.Combine(_folder, "packages");

    private string ReportPath => Path.Combine(_folder, "obj", "App.exportlint.json");

    private TaskEngine Run(string assets)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(AssetsPath)!);
        File.WriteAllText(AssetsPath, assets);
        var engine = new TaskEngine();
        new ExportLintCheck { BuildEngine = engine, ProjectPath = ProjectPath, ProjectName = "App", AssetsFile = AssetsPath, ReportPath = ReportPath, Today = "2026-11-28" }.Execute();
        return engine;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\");

    private string Assets(string files) => $$"""
        {
          "version": 3,
          "targets": {
            "net10.0": {
              "Acme.Models/1.0.0": { "type": "package" }
            }
          },
          "libraries": {
            "Acme.Models/1.0.0": { "sha512": "AAAA", "type": "package", "path": "acme.models/1.0.0", "files": [{{files}}] }
          },
          "projectFileDependencyGroups": { "net10.0": [ "Acme.Models >= 1.0.0" ] },
          "packageFolders": { "{{Escape(PackagesFolder)}}/": {} }
        }
        """;

    private void PackageFile(string relative, byte[] bytes)
    {
        var path = Path.Combine(PackagesFolder, "acme.models", "1.0.0", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static byte[] Gguf()
    {
        var bytes = new byte[24];
        "GGUF"u8.CopyTo(bytes);
        BitConverter.GetBytes(3u).CopyTo(bytes, 4);
        return bytes;
    }

    [Theory]
    [InlineData("\"targets\": null,", 3)]
    [InlineData("\"targets\": {},", 3)]
    [InlineData("", 0)]
    public void An_assets_file_with_no_targets_is_EXL0105_not_an_empty_graph(string targets, int line)
    {
        var engine = Run($$"""
            {
              "version": 3,
              {{targets}}
              "libraries": {},
              "projectFileDependencyGroups": { "net10.0": [] }
            }
            """);

        var error = engine.One("EXL0105");
        Assert.Equal(("error", AssetsPath, line, line == 0 ? 0 : 3), (error.Level, error.File, error.Line, error.Column));
        Assert.Equal("the assets file lists no targets (\"targets\" is missing, null or empty), so packages were not checked. Run a restore ('dotnet restore') to write it again.", error.Message);
    }

    [Fact]
    public void An_assets_file_that_records_a_failed_restore_says_the_graph_is_incomplete()
    {
        var engine = Run("""
            {
              "version": 3,
              "targets": { "net10.0": {} },
              "libraries": {},
              "projectFileDependencyGroups": { "net10.0": [ "Acme.Private >= 9.9.9" ] },
              "logs": [
                { "code": "NU1603", "level": "Warning", "message": "a warning is not a failure" },
                { "code": "NU1101", "level": "Error", "message": "Unable to find package Acme.Private." }
              ]
            }
            """);

        var warning = engine.One("EXL0105");
        Assert.Equal(("warning", AssetsPath, 6, 3), (warning.Level, warning.File, warning.Line, warning.Column));
        Assert.Equal("the assets file records that restore failed (1 error: NU1101: Unable to find package Acme.Private.), so the resolved graph is incomplete and what was not restored was not checked. Fix the restore and build again.", warning.Message);
    }

    [Fact]
    public void A_model_file_a_package_brings_is_EXL0102_at_its_PackageReference_with_the_package_and_its_path()
    {
        PackageFile("contentFiles/any/any/models/weights.gguf", Gguf());
        PackageFile("acme.models.nuspec", Gguf()); // a name that cannot be a model is not read, whatever its bytes
        PackageFile("lib/netstandard2.0/_._", []);

        var engine = Run(Assets("\"acme.models.nuspec\", \"contentFiles/any/any/models/weights.gguf\", \"lib/netstandard2.0/_._\""));

        var finding = engine.One("EXL0102");
        Assert.Equal(("warning", ProjectPath, 3, 6), (finding.Level, finding.File, finding.Line, finding.Column));
        Assert.Equal("Model weight file (Acme.Models 1.0.0 ships contentFiles/any/any/models/weights.gguf: gguf, 0 tensors, 0 parameters; path: App -> Acme.Models 1.0.0; net10.0) — entry EXL-F-WEIGHTS, ECCN 4E091 (non-enforced since 2025-05-13)", finding.Message);

        var reported = Assert.Single(JObject.Parse(File.ReadAllText(ReportPath))["findings"]!);
        var evidence = reported["evidence"]!;
        Assert.Equal("Acme.Models", (string?)evidence["package"]!["id"]);
        Assert.Equal(["App", "Acme.Models 1.0.0"], evidence["package"]!["path"]!.Select(p => (string?)p));
        Assert.Equal("contentFiles/any/any/models/weights.gguf", (string?)evidence["package"]!["file"]);
        Assert.Equal(Path.Combine(PackagesFolder, "acme.models", "1.0.0", "contentFiles", "any", "any", "models", "weights.gguf"), (string?)evidence["modelFile"]!["path"]);
        Assert.Equal(("gguf", "PackageFile", 0L), ((string?)evidence["modelFile"]!["kind"], (string?)evidence["modelFile"]!["itemType"], (long?)evidence["modelFile"]!["parameterCount"]));
    }

    [Fact]
    public void An_OpenVINO_IR_topology_a_package_brings_is_found_by_its_bytes_and_documentation_xml_is_not()
    {
        // An OpenVINO IR model as a package carries it: the .xml topology (root element <net>) and its .bin weights,
        // which have no signature; beside them the package's documentation .xml and an .xml that is not a model.
        PackageFile("contentFiles/any/any/models/face-detection.xml", System.Text.Encoding.UTF8.GetBytes(
            "\uFEFF<?xml version=\"1.0\"?>\n<!-- converted -->\n<net name=\"face-detection\" version=\"11\">\n\t<layers>\n\t</layers>\n</net>\n"));
        PackageFile("contentFiles/any/any/models/face-detection.bin", new byte[64]);
        PackageFile("lib/net8.0/Acme.Models.xml", "<?xml version=\"1.0\"?>\n<doc>\n  <assembly><name>Acme.Models</name></assembly>\n</doc>\n"u8.ToArray());
        PackageFile("contentFiles/any/any/config/network.xml", "<?xml version=\"1.0\"?>\n<network><net>not a root</net></network>\n"u8.ToArray());

        var engine = Run(Assets("\"contentFiles/any/any/models/face-detection.xml\", \"contentFiles/any/any/models/face-detection.bin\", \"lib/net8.0/Acme.Models.xml\", \"contentFiles/any/any/config/network.xml\""));

        var finding = engine.One("EXL0102");
        Assert.Equal(("warning", ProjectPath, 3), (finding.Level, finding.File, finding.Line));
        Assert.StartsWith("Model weight file (Acme.Models 1.0.0 ships contentFiles/any/any/models/face-detection.xml: openvino-ir", finding.Message);
        Assert.Contains("entry EXL-F-WEIGHTS", finding.Message);
        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0107");

        var reported = Assert.Single(JObject.Parse(File.ReadAllText(ReportPath))["findings"]!);
        Assert.Equal("contentFiles/any/any/models/face-detection.xml", (string?)reported["evidence"]!["package"]!["file"]);
        Assert.Equal("openvino-ir", (string?)reported["evidence"]!["modelFile"]!["kind"]);
    }

    [Fact]
    public void A_glob_on_xml_in_a_list_does_not_make_documentation_a_model_file()
    {
        var list = Path.Combine(_folder, "acme.controllist.yaml");
        File.WriteAllText(list, """
            controllist: acme
            entries:
              - id: ACME-XML
                category: model-file
                severity: warning
                message: XML in a package
                match: { files: [ { glob: "**/*.xml" } ] }
            """);
        PackageFile("lib/net8.0/Acme.Models.xml", "<?xml version=\"1.0\"?>\n<doc/>\n"u8.ToArray());
        PackageFile("models/ir.xml", "<net name=\"m\" version=\"10\"></net>"u8.ToArray());

        Directory.CreateDirectory(Path.GetDirectoryName(AssetsPath)!);
        File.WriteAllText(AssetsPath, Assets("\"lib/net8.0/Acme.Models.xml\", \"models/ir.xml\""));
        var engine = new TaskEngine();
        new ExportLintCheck { BuildEngine = engine, ProjectPath = ProjectPath, ProjectName = "App", AssetsFile = AssetsPath, ReportPath = ReportPath, Today = "2026-11-28", ControlLists = [new TaskItem(list)], ControlListProperty = list }.Execute();

        var finding = engine.One("EXL0102");
        Assert.Contains("ships models/ir.xml: openvino-ir", finding.Message);
        Assert.Contains("entry ACME-XML", finding.Message);
    }

    [Fact]
    public void A_package_file_entry_that_leads_out_of_the_package_folder_is_not_opened_and_is_reported()
    {
        File.WriteAllBytes(Path.Combine(_folder, "outside.gguf"), Gguf());
        Directory.CreateDirectory(Path.Combine(PackagesFolder, "acme.models", "1.0.0"));

        var engine = Run(Assets("\"../../../outside.gguf\""));

        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0102");
        var warning = engine.One("EXL0107");
        Assert.Equal(("warning", ProjectPath, 3), (warning.Level, warning.File, warning.Line));
        Assert.Equal("ExportLint could not read '../../../outside.gguf' of Acme.Models 1.0.0, so it was not checked for model weights: its path leads out of the package's folder, so it was not opened", warning.Message);
    }

    [Fact]
    public void A_package_whose_folder_is_missing_is_reported_not_skipped()
    {
        var engine = Run(Assets("\"contentFiles/any/any/models/weights.gguf\""));

        var warning = engine.One("EXL0107");
        Assert.Equal(("warning", ProjectPath, 3), (warning.Level, warning.File, warning.Line));
        Assert.Equal($"ExportLint could not find the folder of Acme.Models 1.0.0 ('acme.models/1.0.0') in the package folders ({PackagesFolder}/), so its files were not checked for model weights; run a restore", warning.Message);
    }

    [Theory]
    [InlineData("lib/net8.0/Acme.dll", true)]
    [InlineData("runtimes/linux-x64/native/libcudart.so.12", true)]
    [InlineData("runtimes/osx-arm64/native/libggml.dylib", true)]
    [InlineData("acme.models.nuspec", true)]
    [InlineData(".signature.p7s", true)]
    [InlineData("build/Acme.Models.targets", true)]
    [InlineData("README.md", true)]
    // An .xml is read (an OpenVINO IR topology is one); it counts only when its bytes say so.
    [InlineData("lib/net8.0/Acme.Models.xml", false)]
    [InlineData("lib/netstandard2.0/_._", true)]
    [InlineData("contentFiles/any/any/models/weights.gguf", false)]
    [InlineData("content/model.bin", false)]
    [InlineData("models/weights", false)]
    public void Only_names_that_cannot_be_models_are_skipped(string path, bool skipped) =>
        Assert.Equal(skipped, PackageModelFiles.CannotBeModel(path));
}
