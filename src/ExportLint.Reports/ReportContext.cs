namespace ExportLint.Reports;

/// <summary>
/// What the report writers need to know about the run that the <see cref="Report"/> itself does not hold: where it ran,
/// how it was invoked, and the options that shape one format (the CycloneDX version).
/// </summary>
public sealed class ReportContext
{
    /// <summary>
    /// The absolute folder the report's relative paths are relative to (the scan root): SARIF's <c>%SRCROOT%</c>. Null
    /// when it is not known (a merge of reports): then <c>%SRCROOT%</c> has no <c>uri</c>, and the consumer supplies it
    /// (GitHub takes the checkout's root).
    /// </summary>
    public string? SourceRoot { get; set; }

    /// <summary>The command line's arguments after the executable (<c>scan samples --format sarif</c>), or empty.</summary>
    public IReadOnlyList<string> Arguments { get; set; } = [];

    /// <summary>The folder the tool ran in, when known.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The process's exit code, when known.</summary>
    public int? ExitCode { get; set; }

    /// <summary>Whether only new findings (against <c>--baseline</c>) fail the run (<c>--fail-on-new</c>): the headline says so.</summary>
    public bool FailOnNew { get; set; }

    /// <summary>The CycloneDX specification version to write: <c>1.6</c> (the default) or <c>1.7</c> (<c>--cdx-spec</c>).</summary>
    public string CycloneDxSpecVersion { get; set; } = "1.6";
}
