using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.Reports;
using ExportLint.Reports.Sarif;

namespace ExportLint.Cli.Tests;

/// <summary>
/// <c>exportlint.sarif</c>: valid against the official SARIF 2.1.0 schema, clean under the SARIF multitool's own
/// validation with GitHub's ingestion rules, and exactly what a code-scanning service needs of each finding.
/// </summary>
public sealed class SarifTests
{
    private const string Timestamp = "2026-01-02T03:04:05Z";

    /// <summary>Where .ci/run installs the multitool (npm), and the variable it exports.</summary>
    private const string MultitoolVariable = "EXPORTLINT_SARIF_MULTITOOL";

    [Fact]
    public void The_samples_sarif_is_valid_against_the_official_schema_and_says_what_code_scanning_needs()
    {
        using var output = new TempTree("samples-sarif");
        var run = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "json,sarif", "-o", output.Root, "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Report: " + output.Path(SarifWriter.FileName), run.Output, StringComparison.Ordinal);
        AssertValidAgainstOfficialSchema(output.Path(SarifWriter.FileName));

        var report = ToolRun.ReadReport(output.Root);
        var log = JsonNode.Parse(File.ReadAllText(output.Path(SarifWriter.FileName)))!;
        Assert.Equal("2.1.0", (string?)log["version"]);
        var sarifRun = log["runs"]![0]!;
        var results = sarifRun["results"]!.AsArray();
        Assert.Equal(report.Findings.Count, results.Count);
        Assert.Equal("file://" + ExportLintTool.RepositoryRoot.Replace('\\', '/').TrimEnd('/') + "/", (string?)sarifRun["originalUriBaseIds"]!["%SRCROOT%"]!["uri"]);

        // The LLaMA weights load: rule = entry, at its call, with the report's fingerprint and the entry's facts.
        var load = Assert.Single(results, r => (string?)r!["ruleId"] == "EXL-W-LLAMA")!;
        var finding = Assert.Single(report.Findings, f => f.EntryId == "EXL-W-LLAMA");
        var physical = load["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("samples/LocalInference/Program.cs", (string?)physical["artifactLocation"]!["uri"]);
        Assert.Equal("%SRCROOT%", (string?)physical["artifactLocation"]!["uriBaseId"]);
        Assert.Equal(22, (int)physical["region"]!["startLine"]!);
        Assert.Equal(42, (int)physical["region"]!["startColumn"]!);
        Assert.Equal("warning", (string?)load["level"]);
        Assert.Matches("^[0-9a-f]{32}$", finding.Fingerprint);
        Assert.Equal(finding.Fingerprint, (string?)load["partialFingerprints"]![SarifWriter.FingerprintKey]);
        Assert.Equal("EXL-W-LLAMA", (string?)load["properties"]!["entry"]);
        Assert.Equal("exportlint-default", (string?)load["properties"]!["list"]);
        Assert.Equal("EXL0001", (string?)load["properties"]!["diagnosticId"]);
        Assert.Equal("high", (string?)load["properties"]!["confidence"]);
        Assert.Equal(finding.Citation, (string?)load["properties"]!["citation"]);
        Assert.False((bool)load["properties"]!["generated"]!);
        Assert.Null(load["suppressions"]);

        var rules = sarifRun["tool"]!["driver"]!["rules"]!.AsArray();
        var rule = rules[(int)load["ruleIndex"]!]!;
        Assert.Equal("EXL-W-LLAMA", (string?)rule["id"]);
        Assert.Equal("https://github.com/exportlint/exportlint/blob/main/docs/rules/EXL0001.md", (string?)rule["helpUri"]);
        var entry = Assert.Single(report.Entries, e => e.Id == "EXL-W-LLAMA");
        Assert.NotNull(entry.Rationale);
        Assert.Contains(entry.Rationale!, (string?)rule["help"]!["text"], StringComparison.Ordinal);
        Assert.Contains(entry.Citation!, (string?)rule["help"]!["text"], StringComparison.Ordinal);
        Assert.Contains("| Citation |", (string?)rule["help"]!["markdown"], StringComparison.Ordinal);
        Assert.Equal("warning", (string?)rule["defaultConfiguration"]!["level"]);
        Assert.Contains("model-weights", rule["properties"]!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Contains(entry.Classification, rule["properties"]!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(report.Entries.Select(e => e.Id).Order(StringComparer.Ordinal), rules.Select(r => (string?)r!["id"]));

        // The model file: at the file, no line region; the binary region of all its bytes.
        var model = Assert.Single(results, r => (string?)r!["properties"]!["diagnosticId"] == "EXL0102")!;
        var modelLocation = model["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("samples/LocalInference/models/tiny-llama.gguf", (string?)modelLocation["artifactLocation"]!["uri"]);
        Assert.Null(modelLocation["region"]!["startLine"]);
        Assert.Equal(0, (long)modelLocation["region"]!["byteOffset"]!);
        Assert.Equal(new FileInfo(Path.Combine(ExportLintTool.Samples, "LocalInference", "models", "tiny-llama.gguf")).Length, (long)modelLocation["region"]!["byteLength"]!);

        // The run: how it was invoked, the lists used.
        var invocation = sarifRun["invocations"]![0]!;
        Assert.True((bool)invocation["executionSuccessful"]!);
        Assert.Equal(0, (int)invocation["exitCode"]!);
        Assert.Equal(Timestamp, (string?)invocation["endTimeUtc"]);
        Assert.Equal(["scan", "samples", "--format", "json,sarif", "-o", output.Root, "--timestamp", Timestamp], invocation["arguments"]!.AsArray().Select(a => (string?)a));
        Assert.Empty(invocation["toolExecutionNotifications"]!.AsArray());
        Assert.Equal(report.ControlLists.Select(l => l.Id), sarifRun["properties"]!["controlLists"]!.AsArray().Select(l => (string?)l!["id"]));
        Assert.Equal(report.AsOf, (string?)sarifRun["properties"]!["asOf"]);

        // Deterministic: the same scan, written again, gives the same bytes.
        var first = File.ReadAllBytes(output.Path(SarifWriter.FileName));
        var again = ExportLintTool.Run(ExportLintTool.RepositoryRoot, "scan", "samples", "--format", "json,sarif", "-o", output.Root, "--timestamp", Timestamp);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(first, File.ReadAllBytes(output.Path(SarifWriter.FileName)));

        AssertCleanUnderMultitool(output.Path(SarifWriter.FileName));
    }

    [Fact]
    public void Package_findings_point_at_their_PackageReference_suppressions_carry_their_justification_problems_are_notifications_and_git_gives_provenance()
    {
        using var tree = new TempTree("sarif-tree");
        var project = tree.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ILGPU" Version="1.5.3" />
                <PackageReference Include="MPI.NET" Version="1.4.0" />
                <ExportLintSuppress Include="MPI.NET" Justification="licensed under export licence D123456" Until="2099-12-31" />
              </ItemGroup>
            </Project>
            """);
        var program = tree.Write("App/Program.cs", """
            using System.Diagnostics.CodeAnalysis;
            using System.Runtime.InteropServices;

            internal static class Native
            {
            #pragma warning disable EXL0005 // reviewed by export counsel: only reads the driver version
                [DllImport("nvcuda")]
                public static extern int cuDriverGetVersion(out int version);
            #pragma warning restore EXL0005

                [SuppressMessage("ExportLint", "EXL0005", Justification = "NVML is read for the fleet inventory only")]
                [DllImport("nvml")]
                public static extern int nvmlInit();

                private static void Main() => cuDriverGetVersion(out _);
            }
            """);

        // A model file whose header is cut short: a finding at the whole file, and a problem (a notification).
        tree.Write("models/cut.gguf", [(byte)'G', (byte)'G', (byte)'U', (byte)'F', 3, 0, 0, 0, 2, 0]);

        // A repository as git leaves it on disk (no git process): HEAD on a branch, the branch's commit, an origin
        // whose URL carries a token that must not reach the log.
        const string commit = "0123456789abcdef0123456789abcdef01234567";
        tree.Write(".git/HEAD", "ref: refs/heads/main\n");
        tree.Write(".git/refs/heads/main", commit + "\n");
        tree.Write(".git/config", "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://ci-bot:s3cret@github.com/acme/app.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");

        var output = tree.Path("out");
        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--format", "json,sarif", "-o", output, "--timestamp", Timestamp);
        Assert.True(run.ExitCode == 0, run.ToString());
        var sarifPath = Path.Combine(output, SarifWriter.FileName);
        AssertValidAgainstOfficialSchema(sarifPath);
        AssertCleanUnderMultitool(sarifPath);

        var sarifRun = JsonNode.Parse(File.ReadAllText(sarifPath))!["runs"]![0]!;
        var results = sarifRun["results"]!.AsArray();

        var package = Assert.Single(results, r => (string?)r!["properties"]!["diagnosticId"] == "EXL0100" && (string?)r!["properties"]!["package"] == "ILGPU/1.5.3")!;
        Assert.Equal("EXL-P-GPU-COMPUTE", (string?)package["ruleId"]);
        var packageLocation = package["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("App/App.csproj", (string?)packageLocation["artifactLocation"]!["uri"]);
        Assert.Equal(TempTree.LineOf(project, "<PackageReference Include=\"ILGPU\""), (int)packageLocation["region"]!["startLine"]!);
        Assert.Equal(TempTree.ColumnOf(project, "PackageReference Include=\"ILGPU\""), (int)packageLocation["region"]!["startColumn"]!);
        Assert.Equal(["App", "ILGPU 1.5.3"], package["properties"]!["dependencyPath"]!.AsArray().Select(s => (string?)s));

        var nativeResults = results.Where(r => (string?)r!["properties"]!["diagnosticId"] == "EXL0005").ToList();
        Assert.Equal(2, nativeResults.Count);
        var native = Assert.Single(nativeResults, r => (int)r!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]! == TempTree.LineOf(program, "[DllImport(\"nvcuda\")]"))!;
        var attributed = Assert.Single(nativeResults, r => (int)r!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]! == TempTree.LineOf(program, "[DllImport(\"nvml\")]"))!;
        var byAttribute = Assert.Single(attributed["suppressions"]!.AsArray())!;
        Assert.Equal("inSource", (string?)byAttribute["kind"]);
        Assert.Equal("SuppressMessage", (string?)byAttribute["properties"]!["suppressionKind"]);
        Assert.Equal("NVML is read for the fleet inventory only", (string?)byAttribute["justification"]);
        var suppression = Assert.Single(native["suppressions"]!.AsArray())!;
        Assert.Equal("inSource", (string?)suppression["kind"]);
        Assert.Equal("accepted", (string?)suppression["status"]);
        Assert.Equal("reviewed by export counsel: only reads the driver version", (string?)suppression["justification"]);
        Assert.Equal(TempTree.LineOf(program, "#pragma warning disable EXL0005"), (int)suppression["location"]!["physicalLocation"]!["region"]!["startLine"]!);
        Assert.Null(package["suppressions"]);

        var licensed = Assert.Single(results, r => (string?)r!["properties"]!["package"] == "MPI.NET/1.4.0")!;
        Assert.Equal(TempTree.LineOf(project, "<PackageReference Include=\"MPI.NET\""), (int)licensed["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);
        var external = Assert.Single(licensed["suppressions"]!.AsArray())!;
        Assert.Equal("external", (string?)external["kind"]);
        Assert.Equal("licensed under export licence D123456", (string?)external["justification"]);
        Assert.Equal("2099-12-31", (string?)external["properties"]!["until"]);

        var cut = results.Where(r => (string?)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] == "models/cut.gguf").ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, r => Assert.Equal(10, (long)r!["locations"]![0]!["physicalLocation"]!["region"]!["byteLength"]!));
        var notification = Assert.Single(sarifRun["invocations"]![0]!["toolExecutionNotifications"]!.AsArray())!;
        Assert.Equal("EXL0202", (string?)notification["descriptor"]!["id"]);
        Assert.Equal("warning", (string?)notification["level"]);
        Assert.Equal("models/cut.gguf", (string?)notification["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Equal("EXL0202", (string?)sarifRun["tool"]!["driver"]!["notifications"]![(int)notification["descriptor"]!["index"]!]!["id"]);

        var provenance = Assert.Single(sarifRun["versionControlProvenance"]!.AsArray())!;
        Assert.Equal("https://github.com/acme/app.git", (string?)provenance["repositoryUri"]);
        Assert.Equal(commit, (string?)provenance["revisionId"]);
        Assert.Equal("main", (string?)provenance["branch"]);
        Assert.Equal("%SRCROOT%", (string?)provenance["mappedTo"]!["uriBaseId"]);
        Assert.DoesNotContain("s3cret", File.ReadAllText(sarifPath), StringComparison.Ordinal);

        // merge writes SARIF too; it does not know the scan root, so %SRCROOT% is left to the consumer.
        var merged = tree.Path("merged");
        var merge = ExportLintTool.Run(tree.Root, "merge", Path.Combine(output, JsonReport.FileName), "--format", "sarif", "-o", merged, "--timestamp", Timestamp);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        var mergedPath = Path.Combine(merged, SarifWriter.FileName);
        AssertValidAgainstOfficialSchema(mergedPath);
        var mergedRun = JsonNode.Parse(File.ReadAllText(mergedPath))!["runs"]![0]!;
        Assert.Null(mergedRun["originalUriBaseIds"]!["%SRCROOT%"]!["uri"]);
        Assert.Equal(results.Select(r => (string?)r!["partialFingerprints"]![SarifWriter.FingerprintKey]), mergedRun["results"]!.AsArray().Select(r => (string?)r!["partialFingerprints"]![SarifWriter.FingerprintKey]));
        Assert.Equal(sarifRun["tool"]!["driver"]!["rules"]!.ToJsonString(), mergedRun["tool"]!["driver"]!["rules"]!.ToJsonString());
    }

    [Fact]
    public void A_build_report_without_entries_keeps_absolute_paths_as_file_uris_and_takes_its_rules_from_the_findings()
    {
        // As a build's report (schema 1, before 'entries') is read: absolute paths, no entries section.
        var report = new Report { Tool = new ToolInfo { Name = "ExportLint.Build", Version = "0.1.0" }, AsOf = "2026-01-02" };
        report.Findings.Add(new Finding
        {
            Id = "EXL0100",
            EntryId = "EXL-P-GPU-COMPUTE",
            ListId = "exportlint-default",
            Category = "restricted-package",
            Severity = "info",
            Level = Levels.Message,
            Classification = "ECCN 3A090 / 4A090",
            Citation = "ECCN 3A090 / 4A090 (active since 2022-10-07)",
            Message = "Depends on a GPU compute library (MPI.NET 1.4.0) — entry EXL-P-GPU-COMPUTE, ECCN 3A090 / 4A090 (active since 2022-10-07)",
            HelpUri = "https://github.com/exportlint/exportlint/blob/main/docs/rules/EXL0100.md",
            Location = new Location { File = "/ci/agent/My Service/Service.csproj", Line = 7, Column = 6 },
            Fingerprint = "0123456789abcdef0123456789abcdef",
        });
        using var output = new TempTree("sarif-build-report");
        var path = output.Path(SarifWriter.FileName);
        SarifWriter.Write(path, report, new ReportContext());
        AssertValidAgainstOfficialSchema(path);
        AssertCleanUnderMultitool(path);

        var run = JsonNode.Parse(File.ReadAllText(path))!["runs"]![0]!;
        var artifact = run["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.Equal("file:///ci/agent/My%20Service/Service.csproj", (string?)artifact["uri"]);
        Assert.Null(artifact["uriBaseId"]);
        var rule = Assert.Single(run["tool"]!["driver"]!["rules"]!.AsArray())!;
        Assert.Equal("EXL-P-GPU-COMPUTE", (string?)rule["id"]);
        Assert.Equal("Depends on a GPU compute library.", (string?)rule["shortDescription"]!["text"]);
        Assert.Equal("note", (string?)rule["defaultConfiguration"]!["level"]);
        Assert.Null(run["versionControlProvenance"]);
        Assert.Equal(SarifWriter.ToSarif(report, new ReportContext()), File.ReadAllText(path));
    }

    [Fact]
    public void A_worktree_is_followed_to_its_git_directory_and_a_repository_without_origin_gives_no_provenance()
    {
        using var tree = new TempTree("sarif-git");
        const string commit = "89abcdef0123456789abcdef0123456789abcdef";
        tree.Write("main/.git/config", "[remote \"upstream\"]\n\turl = https://example.com/other.git\n[remote \"origin\"]\n\turl = git@github.com:acme/app.git\n");
        tree.Write("main/.git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n" + commit + " refs/heads/feature/x\n");
        tree.Write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature/x\n");
        tree.Write("main/.git/worktrees/wt/commondir", "../..\n");
        tree.Write("wt/.git", "gitdir: " + tree.Path("main/.git/worktrees/wt") + "\n");
        Directory.CreateDirectory(tree.Path("wt/src"));

        var found = GitProvenance.Find(tree.Path("wt/src"));
        Assert.NotNull(found);
        Assert.Equal(tree.Path("wt"), found.Root);
        Assert.Equal("https://github.com/acme/app.git", found.RepositoryUri);
        Assert.Equal(commit, found.Revision);
        Assert.Equal("feature/x", found.Branch);
        var details = found.ToSarif(tree.Path("wt/src"));
        Assert.Equal(SarifWriter.FileUri(tree.Path("wt").Replace('\\', '/') + "/"), (string?)details["mappedTo"]!["uri"]);

        tree.Write("plain/.git/config", "[core]\n\tbare = false\n");
        tree.Write("plain/.git/HEAD", "ref: refs/heads/main\n");
        Assert.Null(GitProvenance.Find(tree.Path("plain")));
    }

    [Theory]
    [InlineData("https://ci-bot:s3cret@github.com/acme/app.git", "https://github.com/acme/app.git")]
    [InlineData("git@github.com:acme/app.git", "https://github.com/acme/app.git")]
    [InlineData("ssh://git@github.com/acme/app.git", "https://github.com/acme/app.git")]
    [InlineData("https://dev.azure.com/acme/_git/app", "https://dev.azure.com/acme/_git/app")]
    public void An_origin_url_loses_its_credentials(string url, string expected) =>
        Assert.Equal(expected, GitProvenance.WithoutCredentials(url));

    /// <summary>
    /// The official SARIF 2.1.0 schema (Schemas/sarif-schema-2.1.0.json, see Schemas/README.md). It is draft-04;
    /// JsonSchema.Net reads draft 6 and later. The schema uses no keyword whose meaning changed after draft 4 but 'id'
    /// (now '$id'; it only names the schema, every reference in it is local), so it is read as draft 7 without it.
    /// </summary>
    private static readonly Lazy<Json.Schema.JsonSchema> SarifSchema = new(() =>
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json"));
        var node = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", (string?)node["$schema"]);
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node.Remove("id");
        return Json.Schema.JsonSchema.FromText(node.ToJsonString());
    });

    internal static void AssertValidAgainstOfficialSchema(string sarifPath)
    {
        var schema = SarifSchema.Value;
        using var document = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var result = schema.Evaluate(document.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    /// <summary>
    /// <c>sarif-multitool validate --rule-kind "Gh;Sarif"</c>: its SARIF rules and GitHub's ingestion rules. Every
    /// result it reports (error, warning or note) fails the test. It exits 0 whatever it finds, so its own log is read;
    /// and the same log with one result's locations taken away must be reported, so the check is known to be live.
    /// A missing tool fails the test, with how to install it.
    /// </summary>
    internal static void AssertCleanUnderMultitool(string sarifPath)
    {
        var tool = Environment.GetEnvironmentVariable(MultitoolVariable) is { Length: > 0 } given
            ? given
            : Path.Combine(ExportLintTool.RepositoryRoot, ".tools", "sarif", "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        Assert.True(File.Exists(tool),
            $"the SARIF multitool is not at '{tool}'. Install it as .ci/run does: npm install --no-save --prefix \"$PWD/.tools/sarif\" @microsoft/sarif-multitool@5.7.0, " +
            $"then chmod u+x .tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool (or set {MultitoolVariable} to the binary).");

        var (results, printed) = Validate(tool, sarifPath);
        Assert.True(results.Count == 0, "the SARIF multitool reported:\n" + string.Join("\n", results) + "\n" + printed);
        Assert.DoesNotMatch(@": (error|warning|note) (SARIF|GH)\d{4}", printed);

        var broken = JsonNode.Parse(File.ReadAllText(sarifPath))!;
        broken["runs"]![0]!["results"]![0]!.AsObject().Remove("locations");
        var brokenPath = sarifPath + ".broken.sarif";
        File.WriteAllText(brokenPath, broken.ToJsonString());
        var (control, controlPrinted) = Validate(tool, brokenPath);
        Assert.True(control.Any(r => r.Contains("GH1015", StringComparison.Ordinal)), "the multitool did not report a result without locations:\n" + controlPrinted);
    }

    private static (List<string> Results, string Printed) Validate(string tool, string sarifPath)
    {
        var validation = sarifPath + ".validation.sarif";
        File.Delete(validation);
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "validate", "--rule-kind", "Gh;Sarif", "--output", validation, sarifPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the SARIF multitool did not finish in 2 minutes");
        var printed = output.Result + error.Result;
        Assert.True(process.ExitCode == 0 && File.Exists(validation), $"sarif-multitool validate exited {process.ExitCode}:\n{printed}");
        using var log = JsonDocument.Parse(File.ReadAllText(validation));
        var run = log.RootElement.GetProperty("runs")[0];
        var results = run.TryGetProperty("results", out var found)
            ? found.EnumerateArray().Select(r => $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("message")}").ToList()
            : [];
        return (results, printed);
    }
}
