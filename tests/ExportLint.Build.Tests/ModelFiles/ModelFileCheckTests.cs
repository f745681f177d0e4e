using System.Collections;
using System.Diagnostics;
using System.Text;
using ExportLint.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Newtonsoft.Json.Linq;

namespace ExportLint.Build.Tests.ModelFiles;

/// <summary>
/// The task's model-file check, run in process: a file it cannot read is reported (EXL0107), a FIFO is never opened,
/// and a threshold the header gave no count for matches as "could not be ruled out" (issue 10, items 6, 9 and 12).
/// </summary>
public sealed class ModelFileCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-modelfiles-").FullName;

    public ModelFileCheckTests() =>
        File.WriteAllText(Path.Combine(_folder, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>\n");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string ReportPath => Path.Combine(_folder, "obj", "report.json");

    private string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private (bool Result, Engine Engine) Run(Func<string, Stream>? open, params string[] files)
    {
        var engine = new Engine();
        var task = new ExportLintCheck
        {
            BuildEngine = engine,
            ProjectPath = Path.Combine(_folder, "App.csproj"),
            ProjectName = "App",
            ReportPath = ReportPath,
            Today = "2026-11-28",
            ModelFileCandidates = files.Select(f => (ITaskItem)new TaskItem(f, new Dictionary<string, string> { ["ExportLintItemType"] = "None" })).ToArray(),
        };
        if (open is not null)
        {
            task.OpenFile = open;
        }

        return (task.Execute(), engine);
    }

    /// <summary>A GGUF v3 whose header is cut short by a duplicated key, so its parameter count is unknown.</summary>
    private static byte[] GgufWithDuplicateKey()
    {
        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write(1UL); // one tensor
        w.Write(2UL); // two key-value pairs, both "a"
        for (var i = 0; i < 2; i++)
        {
            w.Write(1UL);
            w.Write("a"u8);
            w.Write(4u); // uint32
            w.Write((uint)i);
        }

        w.Write(new byte[64]);
        return output.ToArray();
    }

    [Fact]
    public void A_threshold_the_header_gave_no_count_for_matches_as_could_not_be_ruled_out()
    {
        var path = Write("models/cut.gguf", GgufWithDuplicateKey());

        var (_, engine) = Run(null, path);

        var why = "could not be ruled out: parameters >= 1e10 could not be checked because the header could not be read whole (GGUF: duplicate metadata key \"a\" at offset 41)";
        var large = Assert.Single(engine.Logged, e => e.Message.Contains("EAR-4E091-LARGE-WEIGHTS", StringComparison.Ordinal));
        Assert.Equal("EXL0102", large.Code);
        Assert.Equal(path, large.File);
        Assert.Equal($"Model weights with 10 billion parameters or more (models/cut.gguf: gguf, unknown tensors, unknown parameters; None item; {why}) — entry EAR-4E091-LARGE-WEIGHTS, ECCN 4E091 (non-enforced since 2025-05-13)", large.Message);

        var report = JObject.Parse(File.ReadAllText(ReportPath));
        var finding = Assert.Single(report["findings"]!, f => (string?)f["entryId"] == "EAR-4E091-LARGE-WEIGHTS");
        Assert.Equal(why, (string?)finding["evidence"]!["notRuledOut"]);
        Assert.Null(finding["evidence"]!["modelFile"]!["parameterCount"]!.ToObject<long?>());

        // The inventory entry has no threshold: a certain match, with no notRuledOut in the report.
        var weights = Assert.Single(report["findings"]!, f => (string?)f["entryId"] == "EXL-F-WEIGHTS");
        Assert.Null(weights["evidence"]!["notRuledOut"]);
    }

    [Fact]
    public void An_unreadable_model_file_is_reported_with_its_name_and_the_reason()
    {
        var path = Write("models/weights.gguf", GgufWithDuplicateKey());
        var denied = $"Access to the path '{path}' is denied.";

        // The build runs as root here, which reads any file whatever its mode: the failure an ordinary user meets
        // on a mode-600 file of another user is injected where the check opens files.
        var (result, engine) = Run(p => throw new UnauthorizedAccessException(denied), path);

        Assert.True(result); // a warning, not an error
        var warning = Assert.Single(engine.Logged, e => e.Code == "EXL0107");
        Assert.Equal(("warning", path), (warning.Level, warning.File));
        Assert.Equal($"ExportLint could not read 'models/weights.gguf', so it was not checked for model weights: {denied}", warning.Message);
        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0102");

        var report = JObject.Parse(File.ReadAllText(ReportPath));
        var diagnostic = Assert.Single(report["problems"]!, d => (string?)d["id"] == "EXL0107");
        Assert.Equal(warning.Message, (string?)diagnostic["message"]);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_fifo_among_the_items_is_not_opened_and_is_reported()
    {
        var fifo = Path.Combine(_folder, "models", "pipe.gguf");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = System.Threading.Tasks.Task.Run(() => Run(null, fifo));
        if (await System.Threading.Tasks.Task.WhenAny(run, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(20))) != run)
        {
            // Release the reader stuck in open(2), then fail.
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail("the check blocked opening a FIFO for reading");
        }

        var warning = Assert.Single((await run).Engine.Logged, e => e.Code == "EXL0107");
        Assert.Equal("ExportLint could not read 'models/pipe.gguf', so it was not checked for model weights: it is not a regular file but a FIFO (named pipe), so it was not opened", warning.Message);
    }

    [Fact]
    public void A_readable_file_gives_no_exl0107()
    {
        var path = Write("models/cut.gguf", GgufWithDuplicateKey());

        var (_, engine) = Run(null, path);

        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0107");
    }

    internal sealed record Logged(string Level, string? Code, string? File, string Message);

    internal sealed class Engine : IBuildEngine
    {
        public List<Logged> Logged { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => string.Empty;

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Logged.Add(new("error", e.Code, e.File, e.Message ?? string.Empty));

        public void LogMessageEvent(BuildMessageEventArgs e) => Logged.Add(new("message", e.Code, e.File, e.Message ?? string.Empty));

        public void LogWarningEvent(BuildWarningEventArgs e) => Logged.Add(new("warning", e.Code, e.File, e.Message ?? string.Empty));
    }
}
