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
}
