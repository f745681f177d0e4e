namespace ExportLint.Reports;

/// <summary>What a report comes to: the rule behind the CLI's exit code and every report's headline, in one place.</summary>
public enum Verdict
{
    /// <summary>Everything was analysed and no finding fails (exit code 0).</summary>
    Pass,

    /// <summary>Findings at or above <c>failOn</c> (with <c>--fail-on-new</c>: new ones only) (exit code 1).</summary>
    Fail,

    /// <summary>Something could not be analysed at all (exit code 3): never called clean, nor merely failing.</summary>
    Incomplete,
}

/// <summary>The verdict of a report and the findings that make it fail.</summary>
public static class ReportVerdict
{
    /// <summary>Incomplete first, then failing findings (<see cref="Failing"/>), else pass.</summary>
    public static Verdict Of(Report report, bool failOnNew) =>
        report.Problems.Any(p => p.Incomplete) ? Verdict.Incomplete
        : Failing(report, failOnNew).Any() ? Verdict.Fail
        : Verdict.Pass;

    /// <summary>
    /// The findings that fail the run: not suppressed, at level <c>error</c> under the report's <c>failOn</c>, and, with
    /// <paramref name="failOnNew"/>, new against the baseline (a finding without a baseline state is not new).
    /// </summary>
    public static IEnumerable<Finding> Failing(Report report, bool failOnNew) =>
        report.Findings.Where(f => f.Suppression is null && f.Level == Levels.Error && (!failOnNew || f.BaselineState == BaselineStates.New));
}
