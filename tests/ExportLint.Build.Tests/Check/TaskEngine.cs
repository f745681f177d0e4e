using System.Collections;
using Microsoft.Build.Framework;

namespace ExportLint.Build.Tests.Check;

/// <summary>One event the task logged, with its place.</summary>
internal sealed record LoggedEvent(string Level, string? Code, string? File, int Line, int Column, string Message);

/// <summary>A build engine that keeps what the task logs, with file, line and column.</summary>
internal sealed class TaskEngine : IBuildEngine
{
    public List<LoggedEvent> Logged { get; } = [];

    public IEnumerable<LoggedEvent> Diagnostics => Logged.Where(e => e.Code is { Length: > 0 });

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => string.Empty;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Logged.Add(new("error", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty));

    public void LogMessageEvent(BuildMessageEventArgs e) => Logged.Add(new("message", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty));

    public void LogWarningEvent(BuildWarningEventArgs e) => Logged.Add(new("warning", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? string.Empty));

    /// <summary>The one diagnostic of a code; fails with everything logged when there is not exactly one.</summary>
    public LoggedEvent One(string code)
    {
        var found = Logged.Where(e => e.Code == code).ToList();
        Assert.True(found.Count == 1, $"expected one {code}, found {found.Count}:\n" + string.Join("\n", Logged.Select(e => $"{e.Level} {e.Code} {e.File}({e.Line},{e.Column}): {e.Message}")));
        return found[0];
    }
}
