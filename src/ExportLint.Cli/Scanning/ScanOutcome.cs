using ExportLint.Reports;

namespace ExportLint.Cli.Scanning;

/// <summary>What scanning one unit (a project, a folder of loose files, a text file, a file) gave.</summary>
internal sealed class ScanOutcome
{
    public ProjectRecord? Project { get; set; }

    public List<Finding> Findings { get; } = [];

    public List<Problem> Problems { get; } = [];

    public List<ModelFileRecord> Models { get; } = [];

    public List<SuppressionRecord> Suppressions { get; } = [];

    /// <summary>
    /// The file of the assembly each API finding's symbol comes from (a compilation reference), kept until the project's
    /// packages are known and the assembly can be mapped to the package whose compile asset it is. Not reported itself.
    /// </summary>
    public Dictionary<Finding, string> ProviderFiles { get; } = [];
}
