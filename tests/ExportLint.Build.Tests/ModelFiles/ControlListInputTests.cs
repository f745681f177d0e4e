using System.Diagnostics;
using ExportLint.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Task = System.Threading.Tasks.Task;

namespace ExportLint.Build.Tests.ModelFiles;

/// <summary>
/// Lists given to the task (<c>ExportLintControlList</c>) that are not regular files: named, refused at once, and
/// never EXL0106 (issue 10, item 12). Run in process.
/// </summary>
public sealed class ControlListInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-lists-").FullName;

    public ControlListInputTests() =>
        File.WriteAllText(Path.Combine(_folder, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>\n");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ModelFileCheckTests.Engine Run(string list)
    {
        var engine = new ModelFileCheckTests.Engine();
        var task = new ExportLintCheck
        {
            BuildEngine = engine,
            ProjectPath = Path.Combine(_folder, "App.csproj"),
            ProjectName = "App",
            ControlLists = [new TaskItem(list)],
        };
        task.Execute();
        return engine;
    }

    [Fact]
    public void Dev_zero_as_a_list_is_refused_at_once_and_named()
    {
        var clock = Stopwatch.StartNew();
        var engine = Run("/dev/zero");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.DoesNotContain(engine.Logged, e => e.Code == "EXL0106");
        var error = Assert.Single(engine.Logged, e => e.Code == "EXL1005");
        Assert.Equal("the control list '/dev/zero' could not be read: it is not a regular file but a character device, so it was not opened (ExportLintControlList)", error.Message);
    }

    [Fact]
    public async Task A_fifo_as_a_list_does_not_hang_the_build_and_is_named()
    {
        var fifo = Path.Combine(_folder, "policy.controllist.yaml");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = Task.Run(() => Run(fifo));
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))) != run)
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail("the task blocked opening a FIFO for reading");
        }

        var error = Assert.Single((await run).Logged, e => e.Code == "EXL1005");
        Assert.Equal($"the control list '{fifo}' could not be read: it is not a regular file but a FIFO (named pipe), so it was not opened (ExportLintControlList)", error.Message);
    }

    [Fact]
    public async Task A_fifo_as_the_assets_file_is_reported_not_opened()
    {
        var fifo = Path.Combine(_folder, "project.assets.json");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var engine = new ModelFileCheckTests.Engine();
        var task = new ExportLintCheck { BuildEngine = engine, ProjectPath = Path.Combine(_folder, "App.csproj"), AssetsFile = fifo };
        var run = Task.Run(task.Execute);
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))) != run)
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            Assert.Fail("the task blocked opening a FIFO for reading");
        }

        var error = Assert.Single(engine.Logged, e => e.Code == "EXL0105");
        Assert.Equal((fifo, "the assets file could not be read, so packages were not checked: it is not a regular file but a FIFO (named pipe), so it was not opened. Run a restore ('dotnet restore') to write it again."), (error.File, error.Message));
    }
}
