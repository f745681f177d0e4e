using System.Security.Cryptography;
using ExportLint.Cli.Tests.Infrastructure;
using ExportLint.ControlLists.Tests.ModelFiles;
using ExportLint.Reports;

namespace ExportLint.Cli.Tests;

/// <summary>
/// What a repository holds outside code: orchestration in YAML, scripts and Dockerfiles, found at their line and
/// column; model files anywhere in the tree, found by their bytes, not their names.
/// </summary>
public sealed class RepositoryFilesTests
{
    private static byte[] Gguf(int tensors = 2) =>
        Enumerable.Range(0, tensors).Aggregate(
            new ModelFileWriters.Gguf().String("general.architecture", "llama"),
            (gguf, i) => gguf.Tensor("t" + i, 0, 4 * 8, 8)).ToArray();

    [Fact]
    public void Orchestration_in_YAML_Slurm_scripts_and_Dockerfiles_is_found_at_its_line_and_column()
    {
        using var tree = new TempTree("orchestration");
        var job = tree.Write("deploy/job.yaml", """
            apiVersion: batch/v1
            kind: Job
            spec:
              template:
                spec:
                  containers:
                  - name: trainer
                    resources:
                      limits: {nvidia.com/gpu: 4, memory: 8Gi}
                  nodeSelector:
                    node.kubernetes.io/instance-type: p5.48xlarge
            """);
        var slurm = tree.Write("hpc/train.sbatch", """
            #!/bin/bash
            #SBATCH --gres=gpu:8
            #SBATCH --time=01:00:00
            srun --gpus=8 python train.py
            """);
        tree.Write("deploy/near-miss.yaml", "resources:\n  limits: {cpu: 4, memory: 8Gi}\n# a p4 instance is not a p4d\ninstance: t3.large\n");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var found = ToolRun.ReadReport(tree.Path("out")).Findings.Select(f => (f.Location.File, f.Location.Line, f.Location.Column, f.EntryId)).ToList();
        Assert.Equal(
            [
                ("deploy/job.yaml", TempTree.LineOf(job, "nvidia.com/gpu"), TempTree.ColumnOf(job, "nvidia.com/gpu"), "EXL-C-K8S-GPU"),
                ("deploy/job.yaml", TempTree.LineOf(job, "p5.48xlarge"), TempTree.ColumnOf(job, "p5.48xlarge"), "EAR-3A090-CLOUD-GPU"),
                ("hpc/train.sbatch", 2, 1, "EXL-C-SLURM-GPU"),
                ("hpc/train.sbatch", 4, 1, "EXL-C-SLURM-GPU"),
            ],
            found);
    }

    [Fact]
    public void A_model_file_is_found_by_its_bytes_whatever_its_name_with_its_header_facts_and_hash()
    {
        using var tree = new TempTree("models");
        var bytes = Gguf(tensors: 3);
        tree.Write("assets/data.bin", bytes);
        tree.Write("assets/readme.txt", "not a model");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        var model = Assert.Single(report.Models);
        Assert.Equal(("assets/data.bin", "gguf", 3L, 24L, Convert.ToHexStringLower(SHA256.HashData(bytes))), (model.Path, model.Kind, model.TensorCount!.Value, model.ParameterCount!.Value, model.Sha256));
        Assert.Null(model.ItemType);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("EXL0102", "assets/data.bin"), (finding.Id, finding.Location.File));
        Assert.Contains("assets/data.bin: gguf, 3 tensors, 24 parameters; in the repository", finding.Message, StringComparison.Ordinal);
        Assert.Equal(model.Sha256, finding.Evidence.ModelFile?.Sha256);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_binary_with_a_yaml_name_is_said_to_be_binary_and_still_recognised_as_a_model()
    {
        using var tree = new TempTree("binary-yaml");
        tree.Write("config/weights.yaml", Gguf());
        tree.Write("config/blob.yml", [0x01, 0x00, 0x02, 0x03, 0x00]);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Equal(["config/blob.yml", "config/weights.yaml"], report.Problems.Where(p => p.Id == "EXL0201").Select(p => p.Location.File));
        Assert.All(report.Problems, p => Assert.Contains("binary content", p.Message, StringComparison.Ordinal));
        Assert.Equal("config/weights.yaml", Assert.Single(report.Models).Path);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_truncated_model_header_is_reported_as_incomplete_and_the_file_is_still_inventoried()
    {
        using var tree = new TempTree("truncated");
        var bytes = Gguf(tensors: 4);
        tree.Write("m/cut.gguf", bytes[..(bytes.Length / 2)]);

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        var model = Assert.Single(report.Models);
        Assert.NotNull(model.HeaderProblem);
        Assert.Null(model.ParameterCount);
        var problem = Assert.Single(report.Problems, p => p.Id == "EXL0202");
        Assert.Equal("m/cut.gguf", problem.Location.File);
        Assert.Contains("could not be read to its end", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_hostile_GGUF_declaring_a_trillion_tensors_and_a_huge_sparse_file_are_read_in_bounded_time()
    {
        using var tree = new TempTree("hostile");
        tree.Write("h/trillion.gguf", new ModelFileWriters.Gguf { TensorCountOverride = 1_000_000_000_000 }.String("general.architecture", "llama").ToArray());
        var sparse = tree.Path("h/huge.gguf");
        using (var stream = File.Create(sparse))
        {
            stream.Write(Gguf());
            stream.SetLength(20L << 30);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");
        clock.Stop();

        var report = ToolRun.ReadReport(tree.Path("out"));
        var huge = Assert.Single(report.Models, m => m.Path == "h/huge.gguf");
        Assert.Null(huge.Sha256);
        Assert.Contains("above the hash limit", huge.HashProblem, StringComparison.Ordinal);
        Assert.Equal(2, huge.TensorCount);
        var trillion = Assert.Single(report.Models, m => m.Path == "h/trillion.gguf");
        Assert.NotNull(trillion.HeaderProblem);
        Assert.Contains(report.Problems, p => p.Id == "EXL0202" && p.Location.File == "h/trillion.gguf");
        Assert.Equal(0, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_symlink_loop_is_scanned_once_and_said()
    {
        using var tree = new TempTree("loop");
        tree.Write("a/b/ok.yaml", "limits: {nvidia.com/gpu: 1}\n");
        Directory.CreateSymbolicLink(tree.Path("a/b/back"), tree.Path("a"));

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Single(report.Findings);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("EXL0201", "a/b/back", "message"), (problem.Id, problem.Location.File, problem.Level));
        Assert.Contains("scanned already", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Excluded_paths_and_build_output_are_not_scanned()
    {
        using var tree = new TempTree("excludes");
        tree.Write("vendor/lib/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("src/obj/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("src/deploy/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("legacy/old.yaml", "limits: {nvidia.com/gpu: 1}\n");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out", "--exclude", "vendor", "--exclude", "legacy/**");

        Assert.Equal(["src/deploy/job.yaml"], ToolRun.ReadReport(tree.Path("out")).Findings.Select(f => f.Location.File));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_fifo_in_the_tree_is_not_opened_and_is_said()
    {
        using var tree = new TempTree("fifo");
        tree.Write("deploy/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        foreach (var name in new[] { "deploy/pipe.yaml", "models/pipe.gguf" })
        {
            tree.Fifo(name);
        }

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Single(report.Findings);
        Assert.Equal(["deploy/pipe.yaml", "models/pipe.gguf"], report.Problems.Select(p => p.Location.File));
        Assert.All(report.Problems, p => Assert.Contains("not a regular file", p.Message, StringComparison.Ordinal));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_fifo_named_as_code_a_project_or_a_notebook_is_not_opened_and_is_said()
    {
        // Found attacking source mode: a FIFO named Pipe.cs in a project's folder hung the scan for ever (the walk and
        // source mode opened it to read it as C#), and so would one named .csproj, .csx or .ipynb.
        using var tree = new TempTree("fifo-code");
        tree.UnrestorableProject("App", "App");
        var load = tree.Write("App/Load.cs", "namespace App;\npublic static class Load { public static object M() => LLama.LLamaWeights.LoadFromFile(null!); }\n");
        tree.Write("Loose/Run.cs", "public static class Run { public static object M() => LLama.LLamaWeights.LoadFromFile(null!); }\n");
        var pipes = new[] { "App/Pipe.cs", "Loose/Pipe.cs", "Other/Other.csproj", "notes/pipe.csx", "notes/pipe.ipynb", "notes/pipe.dib" };
        foreach (var name in pipes)
        {
            tree.Fifo(name);
        }

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "--source-only", "-o", "out");

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        Assert.Contains(report.Findings, f => f.Location.File == "App/Load.cs" && f.EntryId == "EXL-W-LLAMA");
        Assert.Contains(report.Findings, f => f.Location.File == "Loose/Run.cs" && f.EntryId == "EXL-W-LLAMA");
        foreach (var pipe in pipes)
        {
            var said = Assert.Single(report.Problems, p => p.Location.File == pipe);
            Assert.Contains("not a regular file", said.Message, StringComparison.Ordinal);
        }

        // In semantic mode MSBuildWorkspace reads the project's files itself, and would wait on the pipe as the compiler
        // does: the project is read from source instead, and says why.
        tree.Write("Sem/Sem.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
        tree.Write("Sem/Load.cs", "namespace Sem;\npublic static class Load { public static object M() => LLama.LLamaWeights.LoadFromFile(null!); }\n");
        tree.Fifo("Sem/Pipe.cs");

        var semantic = ExportLintTool.Run(tree.Root, "scan", "Sem", "-o", "semantic");

        var project = Assert.Single(ToolRun.ReadReport(tree.Path("semantic")).Projects);
        Assert.True(project.Mode == "source", semantic.ToString());
        Assert.Contains("'Sem/Pipe.cs', one of its files, is not a regular file", project.Reason, StringComparison.Ordinal);
        Assert.Contains(ToolRun.ReadReport(tree.Path("semantic")).Findings, f => f.Location.File == "Sem/Load.cs" && f.EntryId == "EXL-W-LLAMA");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_folder_and_an_unreadable_file_are_reported_and_the_scan_is_incomplete()
    {
        using var tree = new TempTree("unreadable");
        tree.Write("ok/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("locked/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("ok/weights.onnx", [0x08, 0x09]);
        File.SetUnixFileMode(tree.Path("locked"), UnixFileMode.None);
        File.SetUnixFileMode(tree.Path("ok/weights.onnx"), UnixFileMode.None);
        foreach (var folder in new[] { tree.Root, Path.GetDirectoryName(tree.Root)! })
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.OtherWrite);
        }

        try
        {
            var run = ExportLintTool.RunUnprivileged(tree.Root, "scan", ".", "--verbose");

            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains("ok/job.yaml(1,10): info EXL0004", run.Output, StringComparison.Ordinal);
            Assert.Contains("locked: error EXL0201: 'locked' could not be read, so it was not scanned:", run.Output, StringComparison.Ordinal);
            Assert.Contains("ok/weights.onnx: error EXL0201: 'ok/weights.onnx' could not be read, so it is not known whether it is a model file:", run.Output, StringComparison.Ordinal);
            Assert.Contains("the scan is incomplete", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(tree.Path("locked"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void A_minified_one_line_manifest_is_still_matched_and_its_long_line_is_said()
    {
        using var tree = new TempTree("minified");
        var padding = string.Concat(Enumerable.Range(0, 400).Select(i => $"\"label{i}\":\"v{i}\","));
        var json = "{" + padding + "\"resources\":{\"limits\":{\"nvidia.com/gpu\":8}}}";
        tree.Write("deploy/job.yaml", json + "\n");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        var report = ToolRun.ReadReport(tree.Path("out"));
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("EXL-C-K8S-GPU", 1, json.IndexOf("nvidia.com/gpu", StringComparison.Ordinal) + 1), (finding.EntryId, finding.Location.Line, finding.Location.Column));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(("EXL0201", "warning", false), (problem.Id, problem.Level, problem.Incomplete));
        Assert.Contains("1 line longer than 4,096 characters (first: line 1)", problem.Message, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
    }

    // Found running the tool on dotnet/TorchSharpExamples: its F# project calls torch.cuda like the C# ones, and the scan
    // passed over it without a word, so the report looked complete.
    [Fact]
    public void An_FSharp_or_Visual_Basic_project_is_said_not_to_be_analysed_and_the_scan_is_incomplete_until_excluded()
    {
        using var tree = new TempTree("other-languages");
        tree.Write("src/FSharp/Examples.fsproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        tree.Write("src/FSharp/Program.fs", "let device = TorchSharp.torch.cuda.is_available()");
        tree.Write("src/VB/Legacy.vbproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        tree.Write("src/All.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{F2A71F9B-5D33-465A-A702-920D77279786}") = "Examples", "FSharp\Examples.fsproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            """);

        var walked = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "walked");
        var bySolution = ExportLintTool.Run(tree.Root, "scan", "src/All.sln", "-o", "solution");
        var excluded = ExportLintTool.Run(tree.Root, "scan", ".", "--exclude", "src/FSharp/**", "--exclude", "src/VB/**", "-o", "excluded");

        Assert.True(walked.ExitCode == 3, walked.ToString());
        Assert.Equal(
            [("src/FSharp/Examples.fsproj", "error", true), ("src/VB/Legacy.vbproj", "error", true)],
            ToolRun.ReadReport(tree.Path("walked")).Problems.Where(p => p.Id == "EXL0203").Select(p => (p.Location.File, p.Level, p.Incomplete)).OrderBy(p => p.File, StringComparer.Ordinal));
        Assert.Contains("'src/FSharp/Examples.fsproj' was not analysed: it is an F# project: ExportLint analyses C# only", walked.Output, StringComparison.Ordinal);
        var project = Assert.Single(ToolRun.ReadReport(tree.Path("walked")).Projects, p => p.Path == "src/FSharp/Examples.fsproj");
        Assert.Equal(ScanModes.None, project.Mode);
        Assert.Equal(2, ToolRun.ReadReport(tree.Path("walked")).Summary.ProjectsNotAnalysed);
        Assert.True(bySolution.ExitCode == 3, bySolution.ToString());
        Assert.Single(ToolRun.ReadReport(tree.Path("solution")).Problems, p => p.Id == "EXL0203");
        Assert.True(excluded.ExitCode == 0, excluded.ToString());
        Assert.DoesNotContain(ToolRun.ReadReport(tree.Path("excluded")).Problems, p => p.Id == "EXL0203");
    }

    // Found running the installed tool on dotnet/TorchSharpExamples from the folder above it: the report's paths began
    // with the repository's folder name (tse/src/...), so `--exclude src/FSharp/**` matched nothing and the scan stayed
    // incomplete; only `tse/src/FSharp/**` worked. A pattern with '/' now also reads from the folder given to scan.
    [Fact]
    public void An_exclude_with_a_slash_reads_from_the_folder_given_to_scan_wherever_the_tool_runs()
    {
        using var tree = new TempTree("exclude-from-top");
        tree.Write("repo/src/FSharp/Examples.fsproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        tree.Write("repo/src/App/job.yaml", "limits: {nvidia.com/gpu: 1}\n");
        tree.Write("repo/deploy/src/FSharp/other.yaml", "limits: {nvidia.com/gpu: 2}\n");

        var fromParent = ExportLintTool.Run(tree.Root, "scan", tree.Path("repo"), "--exclude", "src/FSharp/**", "-o", "parent");
        var asShown = ExportLintTool.Run(tree.Root, "scan", "repo", "--exclude", "repo/src/FSharp/**", "-o", "shown");
        var notAnchored = ExportLintTool.Run(tree.Root, "scan", "repo", "--exclude", "FSharp", "-o", "name");

        Assert.True(fromParent.ExitCode == 0, fromParent.ToString());
        Assert.True(asShown.ExitCode == 0, asShown.ToString());
        Assert.True(notAnchored.ExitCode == 0, notAnchored.ToString());
        var report = ToolRun.ReadReport(tree.Path("parent"));
        Assert.DoesNotContain(report.Problems, p => p.Id == "EXL0203");
        // Anchored: deploy/src/FSharp is not src/FSharp, so its file is still scanned (a name pattern takes both).
        Assert.Equal(["repo/deploy/src/FSharp/other.yaml", "repo/src/App/job.yaml"], report.Findings.Select(f => f.Location.File).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["repo/src/App/job.yaml"], ToolRun.ReadReport(tree.Path("name")).Findings.Select(f => f.Location.File).Distinct());
    }

    // Found this session: an F# script run in F# Interactive (the way many TorchSharp notebooks and scripts run) or a
    // stray .vb file in no project gave a clean report (exit 0, no problem), so the scan looked complete.
    [Fact]
    public void FSharp_and_Visual_Basic_files_in_no_project_are_said_not_to_be_analysed_one_problem_per_folder()
    {
        using var tree = new TempTree("loose-other-languages");
        tree.Write("scripts/train.fsx", "#r \"nuget: TorchSharp\"\nlet device = TorchSharp.torch.cuda.is_available()\n");
        tree.Write("scripts/Lib.fs", "module Lib\nlet cuda = TorchSharp.torch.CUDA\n");
        tree.Write("legacy/Gpu.vb", "Module Gpu\nEnd Module\n");
        tree.Write("fsproj/Examples.fsproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        tree.Write("fsproj/Program.fs", "let x = 1\n");
        tree.Write("app/Program.cs", "class Program { static void Main() { } }\n");

        var scanned = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "scanned");
        var excluded = ExportLintTool.Run(tree.Root, "scan", ".", "-x", "scripts", "-x", "legacy", "-x", "fsproj", "-o", "excluded");

        Assert.True(scanned.ExitCode == 3, scanned.ToString());
        var problems = ToolRun.ReadReport(tree.Path("scanned")).Problems.Where(p => p.Id == "EXL0203").ToList();
        // One for the F# project (its Program.fs is the project's, not said again), one per folder of loose files.
        Assert.Equal(["fsproj/Examples.fsproj", "legacy/Gpu.vb", "scripts/Lib.fs"], problems.Select(p => p.Location.File).Order(StringComparer.Ordinal));
        Assert.All(problems, p => Assert.True(p.Incomplete && p.Level == "error", p.Message));
        Assert.Contains(problems, p => p.Message.StartsWith("'scripts' holds 2 F# files in no project (scripts/Lib.fs, scripts/train.fsx)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.StartsWith("'legacy' holds 1 Visual Basic file in no project (legacy/Gpu.vb)", StringComparison.Ordinal));
        Assert.Contains("scripts/Lib.fs: error EXL0203:", scanned.Output, StringComparison.Ordinal);
        Assert.True(excluded.ExitCode == 0, excluded.ToString());
        Assert.DoesNotContain(ToolRun.ReadReport(tree.Path("excluded")).Problems, p => p.Id == "EXL0203");
    }

    // Found this session: a C# script (dotnet script, with #r "nuget: TorchSharp-cuda-linux") and a .NET Interactive
    // notebook calling torch.cuda gave a clean report. A script is now scanned; a .NET notebook is said as not
    // analysed; a Python notebook is left alone.
    [Fact]
    public void A_CSharp_script_is_scanned_with_its_nuget_references_and_a_dotnet_notebook_is_said_not_to_be_analysed()
    {
        using var tree = new TempTree("scripts-and-notebooks");
        tree.Write("train.csx", """
            #r "nuget: TorchSharp-cuda-linux, 0.105.0"
            #r "nuget: Newtonsoft.Json, 13.0.3"
            #r "nuget:LLamaSharp.Backend.Cuda12"
            #r "lib/Local.dll"
            using TorchSharp;
            using LLama;
            var device = torch.cuda.is_available() ? "gpu" : "cpu";
            var weights = LLamaWeights.LoadFromFile(null);
            """);
        tree.Write("broken.csx", new byte[] { 0x4D, 0x5A, 0x00, 0x00, 0xFF, 0x00, 0x01, 0x00 });

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        Assert.True(run.ExitCode == 3, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        var script = report.Findings.Where(f => f.Location.File == "train.csx").OrderBy(f => f.Location.Line).ToList();
        Assert.Equal(
            [("EXL0100", 1, "high", "TorchSharp-cuda-linux 0.105.0; #r in train.csx"), ("EXL0100", 3, "medium", "LLamaSharp.Backend.Cuda12 any version; #r in train.csx"),
             ("EXL0003", 7, "medium", "TorchSharp.torch.cuda.is_available"), ("EXL0001", 8, "medium", "LLama.LLamaWeights.LoadFromFile")],
            script.Select(f => (f.Id, f.Location.Line, f.Confidence, f.Message[(f.Message.IndexOf('(') + 1)..f.Message.IndexOf(')')])));
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("Newtonsoft", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Id == "EXL0201" && p.Location.File == "broken.csx" && p.Incomplete);
    }

    // Found this session on dotnet/TorchSharpExamples: its tutorials are .NET notebooks (#r "nuget: TorchSharp-cuda-windows",
    // torch.Tensor.save/load) and the scan passed over all sixteen. Their C# cells are now scanned as a script, each
    // finding at the notebook's own line and column (past JSON escapes); other cells are said as not analysed.
    [Fact]
    public void A_dotnet_notebooks_CSharp_cells_are_scanned_at_their_own_lines_and_its_other_cells_are_said()
    {
        using var tree = new TempTree("notebooks");
        var ipynb = tree.Write("notebooks/train.ipynb", """
            {
             "cells": [
              {
               "cell_type": "code",
               "metadata": { "dotnet_interactive": { "language": "csharp" } },
               "source": [
                "#r \"nuget: TorchSharp-cuda-linux, 0.105.0\"\n",
                "using TorchSharp;"
               ]
              },
              {
               "cell_type": "markdown",
               "metadata": {},
               "source": [ "torch.cuda.is_available() in prose is not code" ]
              },
              {
               "cell_type": "code",
               "metadata": { "dotnet_interactive": { "language": "csharp" } },
               "source": [
                "var name = \"a \\\"quoted\\\" name\"; var ok = torch.cuda.is_available();"
               ]
              },
              {
               "cell_type": "code",
               "metadata": { "dotnet_interactive": { "language": "fsharp" } },
               "source": [ "let ok = TorchSharp.torch.cuda.is_available()" ]
              }
             ],
             "metadata": { "kernelspec": { "name": ".net-csharp", "language": "C#" } },
             "nbformat": 4,
             "nbformat_minor": 2
            }
            """);
        tree.Write("notebooks/train.dib", """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"name":"csharp"}]}}

            #!markdown

            # Training on torch.cuda

            #!csharp

            #r "nuget: LLamaSharp.Backend.Cuda12"
            using LLama;
            #!time
            var weights = LLamaWeights.LoadFromFile(null);
            """);
        tree.Write("notebooks/broken.ipynb", """{ "metadata": { "kernelspec": { "name": ".net-csharp" } }, "cells": [ { "cell_type": "code", "source": [ "var x""");
        tree.Write("python/train.ipynb", """{"cells":[{"cell_type":"code","source":["import torch; torch.cuda.is_available()"]}],"metadata":{"kernelspec":{"name":"python3"}},"nbformat":4,"nbformat_minor":2}""");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        Assert.True(run.ExitCode == 3, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        var lines = File.ReadAllLines(ipynb);
        Assert.Equal(
            [("notebooks/train.dib", "EXL0100", 11, 4), ("notebooks/train.dib", "EXL0001", 14, 15), ("notebooks/train.ipynb", "EXL0100", 7, lines[6].IndexOf("\\\"nuget", StringComparison.Ordinal) + 1), ("notebooks/train.ipynb", "EXL0003", 20, lines[19].IndexOf("torch.cuda", StringComparison.Ordinal) + 1)],
            report.Findings.Select(f => (f.Location.File, f.Id, f.Location.Line, f.Location.Column)).OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line));
        Assert.Contains(report.Problems, p => p.Id == "EXL0203" && p.Location.File == "notebooks/train.ipynb" && p.Incomplete && p.Message.Contains("1 F# cell that was not analysed", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Id == "EXL0201" && p.Location.File == "notebooks/broken.ipynb" && p.Incomplete);
        Assert.DoesNotContain(report.Problems, p => p.Location.File.StartsWith("python/", StringComparison.Ordinal));
    }

    // Attacks on the notebook reader: JSON nested past the reader's depth is said as unreadable, at its position; a C#
    // cell marked only by its Polyglot kernel name, in a notebook whose default kernel is F#, is still read as C#.
    [Fact]
    public void A_hostile_notebook_is_said_unreadable_and_a_CSharp_cell_in_an_FSharp_notebook_is_still_read()
    {
        using var tree = new TempTree("notebook-attacks");
        tree.Write("deep.ipynb", "{\"metadata\":{\"kernelspec\":{\"name\":\".net-csharp\"}},\"cells\":" + new string('[', 5000) + new string(']', 5000) + "}");
        tree.Write("evade.ipynb", """{"cells":[{"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp"}},"source":["var ok = TorchSharp.torch.cuda.is_available();"]},{"cell_type":"code","metadata":{},"source":["let x = 1"]}],"metadata":{"polyglot_notebook":{"defaultKernelName":"fsharp"},"kernelspec":{"name":".net-fsharp","language":"F#"}},"nbformat":4,"nbformat_minor":2}""");

        var run = ExportLintTool.Run(tree.Root, "scan", ".", "-o", "out");

        Assert.True(run.ExitCode == 3, run.ToString());
        var report = ToolRun.ReadReport(tree.Path("out"));
        var deep = Assert.Single(report.Problems, p => p.Id == "EXL0201");
        Assert.True(deep.Location.File == "deep.ipynb" && deep.Incomplete && deep.Message.Contains("MaxDepth", StringComparison.Ordinal), deep.Message);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("evade.ipynb", "EXL0003"), (finding.Location.File, finding.Id));
        Assert.Contains(report.Problems, p => p.Id == "EXL0203" && p.Location.File == "evade.ipynb" && p.Message.Contains("1 F# cell that was not analysed", StringComparison.Ordinal));
    }
}
