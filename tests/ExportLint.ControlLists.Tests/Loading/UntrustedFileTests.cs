using System.Diagnostics;
using ExportLint.ControlLists.IO;
using ExportLint.ControlLists.Loading;

namespace ExportLint.ControlLists.Tests.Loading;

/// <summary>
/// Lists and <c>extends</c> targets read from disk (build task, CLI): only regular files, with a size cap, named like
/// control lists when extended by path, and never quoted when they are not control lists (issue 10, items 11 and 12).
/// </summary>
public sealed class UntrustedFileTests : IDisposable
{
    private const string Secret = "root:$6$hunter2:19000:0:99999:7:::";

    private readonly string _folder = Directory.CreateTempSubdirectory("exportlint-untrusted-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string MakeFifo(string relative)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, failing (rather than hanging the test run) if it blocks on the FIFO: after 10 s
    /// the test opens the FIFO for writing, which releases a reader stuck in open(2).
    /// </summary>
    private static T WithoutBlockingOn<T>(string fifo, Func<T> action)
    {
        var task = Task.Run(action);
        if (!task.Wait(TimeSpan.FromSeconds(10)))
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            task.Wait(TimeSpan.FromSeconds(10));
            Assert.Fail($"reading '{fifo}' blocked: a FIFO was opened for reading");
        }

        return task.Result;
    }

    private static ResolvedControlList LoadFile(string path)
    {
        var document = FileSystemControlListResolver.TryRead(path, out var error) ?? throw new InvalidOperationException(error);
        return ControlListLoader.Load([document], new FileSystemControlListResolver([document]), new ControlListLoadOptions { UseDefaultList = false });
    }

    private static void AssertNothingQuoted(ResolvedControlList list)
    {
        foreach (var problem in list.Problems)
        {
            Assert.DoesNotContain("root", problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("password", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_fifo_given_as_a_list_is_not_opened_and_is_named()
    {
        var fifo = MakeFifo("policy.controllist.yaml");

        var (document, error) = WithoutBlockingOn(fifo, () => (FileSystemControlListResolver.TryRead(fifo, out var e), e));

        Assert.Null(document);
        Assert.Equal($"the control list '{fifo}' could not be read: it is not a regular file but a FIFO (named pipe), so it was not opened", error);
    }

    [Fact]
    public void A_fifo_named_by_extends_is_not_opened_and_is_reported_at_the_extends()
    {
        var fifo = MakeFifo("base.controllist.yaml");
        var overlay = Write("overlay.controllist.yaml", "controllist: overlay\nextends: [./base.controllist.yaml]\n");

        var list = WithoutBlockingOn(fifo, () => LoadFile(overlay));

        var problem = Assert.Single(list.Problems);
        Assert.Equal("EXL1005", problem.DiagnosticId);
        Assert.Equal((overlay, 2, 11), (problem.Path, problem.Position.Line, problem.Position.Column));
        Assert.Equal($"'extends' names the file './base.controllist.yaml' ({fifo}), which could not be read: it is not a regular file but a FIFO (named pipe), so it was not opened", problem.Message);
    }

    [Fact]
    public void Dev_zero_as_a_list_is_refused_at_once_and_named()
    {
        var clock = Stopwatch.StartNew();
        var document = FileSystemControlListResolver.TryRead("/dev/zero", out var error);

        Assert.Null(document);
        Assert.Equal("the control list '/dev/zero' could not be read: it is not a regular file but a character device, so it was not opened", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_list_over_the_size_cap_is_refused_without_reading_it_and_named()
    {
        var path = Path.Combine(_folder, "big.controllist.yaml");
        using (var stream = File.Create(path))
        {
            stream.SetLength(5L * 1024 * 1024); // sparse: the test writes no data
        }

        var document = FileSystemControlListResolver.TryRead(path, out var error);

        Assert.Null(document);
        Assert.Equal($"the control list '{path}' could not be read: it is 5.0 MiB, over the limit of 4.0 MiB", error);
    }

    [Fact]
    public void A_directory_is_named_and_refused()
    {
        var path = Directory.CreateDirectory(Path.Combine(_folder, "dir.controllist.yaml")).FullName;

        Assert.Null(FileSystemControlListResolver.TryRead(path, out var error));
        Assert.Equal($"the control list '{path}' could not be read: it is a directory", error);
    }

    [Fact]
    public void The_regular_file_check_tells_file_types_apart()
    {
        var fifo = MakeFifo("p");
        var file = Write("f.txt", "x");

        Assert.Equal(RegularFile.UnixFileType.Fifo, RegularFile.NativeFileType(fifo));
        Assert.Equal(RegularFile.UnixFileType.CharacterDevice, RegularFile.NativeFileType("/dev/null"));
        Assert.Equal(RegularFile.UnixFileType.Regular, RegularFile.NativeFileType(file));
        Assert.Equal(RegularFile.UnixFileType.Directory, RegularFile.NativeFileType(_folder));
        Assert.True(RegularFile.Check(file, out var length, out _));
        Assert.Equal(1, length);
    }

    [Theory]
    [InlineData("/etc/shadow")]
    [InlineData("./secrets.txt")]
    [InlineData("../ci/credentials.yaml")]
    public void Extends_by_path_reads_only_files_named_like_control_lists(string reference)
    {
        Write("secrets.txt", Secret + "\n");
        Write("../ci/credentials.yaml", "password: " + Secret + "\n");
        var overlay = Write("overlay.controllist.yaml", $"controllist: overlay\nextends: ['{reference}']\n");

        var list = LoadFile(overlay);

        var problem = Assert.Single(list.Problems);
        Assert.Equal("EXL1005", problem.DiagnosticId);
        Assert.Equal((overlay, 2, 11), (problem.Path, problem.Position.Line, problem.Position.Column));
        Assert.Equal($"'extends' names the file '{reference}', which was not read: a list extended by path must be named *.controllist.yaml or *.controllist.yml", problem.Message);
        AssertNothingQuoted(list);
    }

    [Fact]
    public void A_control_list_name_that_leads_to_a_secret_is_reported_by_its_name_alone()
    {
        var secret = Write("secret/shadow", Secret + "\nadmin:$6$x:19000:0:99999:7:::\n");
        var link = Path.Combine(_folder, "base.controllist.yaml");
        File.CreateSymbolicLink(link, secret);
        var overlay = Write("overlay.controllist.yaml", "controllist: overlay\nextends: [./base.controllist.yaml]\n");

        var list = LoadFile(overlay);

        var problem = Assert.Single(list.Problems);
        Assert.Equal("EXL1002", problem.DiagnosticId);
        Assert.Equal((link, 1, 1), (problem.Path, problem.Position.Line, problem.Position.Column));
        Assert.Equal($"'{link}' is not a control list: a control list is a YAML mapping with 'controllist: <id>' at its top level. Nothing of its content is shown.", problem.Message);
        AssertNothingQuoted(list);
    }

    [Theory]
    [InlineData("password: hunter2\nroot: x\n")] // a mapping: would have given "unknown key 'password'"
    [InlineData("paswords: hunter2\n")] // near a known key: would have given "did you mean"
    [InlineData("root: [hunter2\n")] // a syntax error
    [InlineData("- root\n- hunter2\n")] // a sequence
    [InlineData("&root hunter2\n")] // an anchor, whose name the YAML check quotes
    public void A_file_that_is_not_a_control_list_is_never_quoted(string content)
    {
        var target = Write("shared/base.controllist.yaml", content);
        var overlay = Write("team/overlay.controllist.yaml", "controllist: overlay\nextends: [../shared/base.controllist.yaml]\n");

        var list = LoadFile(overlay);

        var problem = Assert.Single(list.Problems);
        Assert.Equal($"'{target}' is not a control list: a control list is a YAML mapping with 'controllist: <id>' at its top level. Nothing of its content is shown.", problem.Message);
        AssertNothingQuoted(list);
    }

    [Theory]
    [InlineData("../shared/base.controllist.yaml")]
    [InlineData("../shared/base.controllist.yml")]
    public void Shared_lists_in_a_parent_folder_keep_working(string reference)
    {
        Write(reference.Replace("../", string.Empty, StringComparison.Ordinal), """
            controllist: base
            entries:
              - id: BASE-1
                category: gpu-compute
                severity: info
                message: m
                match: { native: [cudart] }
            """);
        var overlay = Write("team/overlay.controllist.yaml", $"controllist: overlay\nextends: ['{reference}']\noverrides:\n  - entry: BASE-1\n    severity: error\n");

        var list = LoadFile(overlay);

        Assert.Empty(list.Problems);
        Assert.Equal(Severity.Error, Assert.Single(list.Entries).Severity);
    }

    [Fact]
    public void A_real_list_with_a_typo_still_gets_its_did_you_mean()
    {
        var path = Write("typo.controllist.yaml", "controllist: typo\nentrys: []\n");

        var problem = Assert.Single(LoadFile(path).Problems);

        Assert.Equal("unknown key 'entrys'; did you mean 'entries'?", problem.Message);
    }
}
