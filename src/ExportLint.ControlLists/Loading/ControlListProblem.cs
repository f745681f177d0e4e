namespace ExportLint.ControlLists.Loading;

/// <summary>What kind of mistake a control list holds; each kind has its own diagnostic ID.</summary>
public enum ProblemKind
{
    /// <summary>The file is not well-formed YAML, or uses YAML that control lists forbid (anchors, aliases).</summary>
    Syntax,

    /// <summary>A key is unknown, a value has the wrong type, or a required key is missing.</summary>
    Schema,

    /// <summary>A pattern does not parse: a regular expression, a version range, a symbol pattern or a glob.</summary>
    InvalidPattern,

    /// <summary>Two entries or sources share an id.</summary>
    DuplicateId,

    /// <summary>A reference leads nowhere: an unknown source, an <c>extends</c> that cannot be found, an override of a missing entry.</summary>
    UnresolvedReference,

    /// <summary>Lists extend each other in a cycle.</summary>
    ExtendsCycle,

    /// <summary>The list is larger or deeper than a control list may be.</summary>
    LimitExceeded,
}

/// <summary>How serious a problem in a control list is.</summary>
public enum ProblemSeverity
{
    /// <summary>The list still loads, but something in it is probably a mistake.</summary>
    Warning,

    /// <summary>The offending part of the list is not used.</summary>
    Error,
}

/// <summary>One problem found in a control list, with the file, line and column it is at.</summary>
public sealed class ControlListProblem
{
    /// <summary>Creates a problem.</summary>
    public ControlListProblem(ProblemKind kind, ProblemSeverity severity, string path, TextPosition position, string message)
    {
        Kind = kind;
        Severity = severity;
        Path = path;
        Position = position;
        Message = message;
    }

    /// <summary>What kind of mistake this is.</summary>
    public ProblemKind Kind { get; }

    /// <summary>How serious it is.</summary>
    public ProblemSeverity Severity { get; }

    /// <summary>The list's path as it was given to the loader (or <c>embedded:ID</c> for a shipped list).</summary>
    public string Path { get; }

    /// <summary>Where in the file the problem is.</summary>
    public TextPosition Position { get; }

    /// <summary>A sentence a security analyst understands.</summary>
    public string Message { get; }

    /// <summary>The severity every surface reports this problem with (<see cref="ControlListNames.SeverityOf(ProblemSeverity)"/>).</summary>
    public Severity ReportedSeverity => ControlListNames.SeverityOf(Severity);

    /// <summary>Whether this problem is reported as an error (the offending part of the list is not used).</summary>
    public bool IsError => ReportedSeverity == ControlLists.Severity.Error;

    /// <summary>The diagnostic ID that reports this kind of problem.</summary>
    public string DiagnosticId => DiagnosticIds.ForProblem(Kind);

    internal static ControlListProblem Error(ProblemKind kind, string path, TextPosition position, string message) =>
        new(kind, ProblemSeverity.Error, path, position, message);

    internal static ControlListProblem Warning(ProblemKind kind, string path, TextPosition position, string message) =>
        new(kind, ProblemSeverity.Warning, path, position, message);

    /// <summary>The problem in the form compilers print: <c>path(line,col): error EXL1002: message</c>.</summary>
    public override string ToString() =>
        $"{Path}({Position.Line},{Position.Column}): {ControlListNames.Of(ReportedSeverity)} {DiagnosticId}: {Message}";
}
