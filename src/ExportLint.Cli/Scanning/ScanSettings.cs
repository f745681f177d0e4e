namespace ExportLint.Cli.Scanning;

/// <summary>What <c>scan</c> was asked to do.</summary>
internal sealed class ScanSettings
{
    public List<string> Paths { get; } = [];

    public List<string> ControlLists { get; } = [];

    public bool NoDefaultList { get; set; }

    public string FailOn { get; set; } = "error";

    public List<string> Excludes { get; } = [];

    public DateTime AsOf { get; set; } = ExportLint.ControlLists.ExportLintClock.Today;

    /// <summary>1-based shard index and count; (1, 1) is the whole.</summary>
    public int ShardIndex { get; set; } = 1;

    public int ShardCount { get; set; } = 1;

    public bool NoRestore { get; set; }

    public bool SkipGeneratedCode { get; set; }

    /// <summary>Model files larger than this are not hashed (the report says so). Headers are always read.</summary>
    public long MaxHashBytes { get; set; } = 4L << 30;

    /// <summary>How long one project's restore may take.</summary>
    public TimeSpan RestoreTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Only source mode: no MSBuild, no restore (what a machine without the SDK or the feeds gets).</summary>
    public bool SourceOnly { get; set; }

    /// <summary>In source mode, bind every file, not only those the <see cref="SourceScreen"/> keeps (<c>--bind-all</c>).</summary>
    public bool BindAll { get; set; }
}
