using System.CommandLine;
using System.CommandLine.Parsing;

namespace ExportLint.Cli;

/// <summary>
/// The command line: <c>scan</c>, <c>inspect</c>, <c>rules</c>, <c>merge</c>. Exit codes (docs/cli.md): 0 nothing at or
/// above <c>--fail-on</c>; 1 findings at or above it; 2 a usage or configuration error; 3 the scan is incomplete.
/// </summary>
internal static class Cli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "exportlint: inventories export-controlled AI components (model-weight loading, GPU compute, GPU-cluster " +
            "orchestration, restricted packages, model files) across .NET solutions and repositories, each tied to an " +
            "entry of a control list." + Environment.NewLine + Environment.NewLine +
            "Examples:" + Environment.NewLine +
            "  exportlint scan . --output artifacts" + Environment.NewLine +
            "  exportlint scan repos/ --control-list acme.controllist.yaml --fail-on warning" + Environment.NewLine +
            "  exportlint inspect models/llama-7b.gguf" + Environment.NewLine +
            "  exportlint rules list");
        root.Subcommands.Add(ScanCommand.Create(output, error));
        root.Subcommands.Add(InspectCommand.Create(output, error));
        root.Subcommands.Add(RulesCommand.Create(output, error));
        root.Subcommands.Add(MergeCommand.Create(output, error));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync("exportlint: " + problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'exportlint --help' (or '<command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }
}

/// <summary>The documented exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>No finding at or above <c>--fail-on</c>, and the scan is complete.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>A usage or configuration error (a bad control list, a bad option, an unreadable report to merge).</summary>
    public const int Usage = 2;

    /// <summary>The scan is incomplete: a project or file could not be analysed at all.</summary>
    public const int Incomplete = 3;
}
