using ExportLint.Build.Packages;
using ExportLint.ControlLists;

namespace ExportLint.Build.Reporting;

/// <summary>How a finding or problem is logged after the project's policy (<c>ExportLintFailOn</c>) is applied.</summary>
internal enum LogLevel
{
    Message,
    Warning,
    Error,
}

/// <summary>The log level of a severity, before any policy: how the task logs a control-list problem.</summary>
internal static class LogLevels
{
    public static LogLevel Of(Severity severity) => severity switch
    {
        Severity.Error => LogLevel.Error,
        Severity.Warning => LogLevel.Warning,
        Severity.Info => LogLevel.Message,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "a severity that is logged"),
    };
}

/// <summary>One thing the build task found, tied to the control-list entry that made it a finding.</summary>
internal sealed class BuildFinding
{
    public BuildFinding(string id, Entry entry, string message, FileLocation location)
    {
        Id = id;
        Entry = entry;
        Message = message;
        Location = location;
    }

    /// <summary>The diagnostic ID (EXL0100, EXL0101, EXL0102).</summary>
    public string Id { get; }

    public Entry Entry { get; }

    public string Message { get; }

    public FileLocation Location { get; }

    public ResolvedPackage? Package { get; set; }

    /// <summary>For EXL0101, the file inside the package that gave it away.</summary>
    public string? PackageFile { get; set; }

    /// <summary>For EXL0102, the model file and what its header said.</summary>
    public ModelFileFinding? ModelFile { get; set; }

    /// <summary>The suppression that silenced it, if any.</summary>
    public Suppression? SuppressedBy { get; set; }

    public LogLevel Level { get; set; }

    /// <summary>Package description and licence from a feed (opt-in <c>ExportLintOnline</c>).</summary>
    public string? OnlineDescription { get; set; }

    public string? OnlineLicense { get; set; }
}

/// <summary>What ExportLint learnt about a model file among the project's items, or inside a package.</summary>
internal sealed class ModelFileFinding
{
    /// <summary>What the header said of a file matched by an entry (the items' check and the packages' files share it).</summary>
    public static ModelFileFinding Of(string path, string? fullPath, string itemType, ControlLists.ModelFiles.ModelFileInfo? info, long length, string? notRuledOut) => new()
    {
        Path = path,
        FullPath = fullPath,
        ItemType = itemType,
        Kind = info is null ? "unknown" : ControlLists.ModelFiles.ModelFileKinds.NameOf(info.Kind),
        Length = length,
        TensorCount = info?.TensorCount,
        ParameterCount = info?.ParameterCount,
        NotRuledOut = notRuledOut,
    };

    /// <summary>Project-relative for an item; for a file a package brings, its path inside the package.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The file on disk, when it is not where the finding is located (a package's file: the finding is at the PackageReference).</summary>
    public string? FullPath { get; set; }

    public string ItemType { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public long Length { get; set; }

    public long? TensorCount { get; set; }

    public long? ParameterCount { get; set; }

    /// <summary>When the entry matched only because a threshold could not be checked: which, and why; else null.</summary>
    public string? NotRuledOut { get; set; }
}

/// <summary>An <c>ExportLintSuppress</c> item.</summary>
internal sealed class Suppression
{
    public string Target { get; set; } = string.Empty;

    public string? Justification { get; set; }

    public string? Until { get; set; }

    public bool Expired { get; set; }

    /// <summary>Why the suppression is not applied (missing justification, bad or past date), or null when it is valid.</summary>
    public string? Problem { get; set; }

    public int Uses { get; set; }

    public FileLocation Location { get; set; }

    public bool IsValid => Problem is null;
}
