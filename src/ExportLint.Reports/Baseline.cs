namespace ExportLint.Reports;

/// <summary>
/// Compares a report with a baseline report (<c>--baseline previous.json</c>), for <c>scan</c> and <c>merge</c> alike:
/// each finding becomes <see cref="BaselineStates.New"/> or <see cref="BaselineStates.Unchanged"/>, and the baseline's
/// findings that are no longer there are put in <see cref="Report.AbsentFindings"/> as <see cref="BaselineStates.Absent"/>.
/// </summary>
/// <remarks>
/// <para>
/// Findings are matched by fingerprint and entry id, which survive edits above the line (<see cref="Fingerprints"/>).
/// Both sides are multisets: two findings with one key in the baseline accept two in the report, not three.
/// </para>
/// <para>
/// What the baseline accepted is what it held unsuppressed. A finding that was suppressed in the baseline and is not
/// suppressed now (its suppression expired or was removed) is <see cref="BaselineStates.New"/>: the baseline did not
/// accept it, the suppression did, and an expired suppression must not hide behind the baseline. A finding that is
/// suppressed now is matched with any baseline finding (it counts for nothing either way).
/// </para>
/// <para>
/// A baseline finding without a fingerprint (a hand-written or truncated report) gets the one a scan would give it, from
/// its snippet; a build's report (schema 1) has its fingerprints computed by <see cref="JsonReport.Read"/>.
/// </para>
/// </remarks>
public static class Baseline
{
    /// <summary>
    /// Sets <see cref="Finding.BaselineState"/> on every finding of <paramref name="report"/>, fills
    /// <see cref="Report.AbsentFindings"/> (in the baseline's order) and <see cref="Report.Baseline"/>.
    /// </summary>
    public static void Compare(Report report, Report baseline, string baselinePath)
    {
        var before = new Dictionary<(string Fingerprint, string EntryId), Pool>();
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var old in baseline.Findings)
        {
            var fingerprint = old.Fingerprint;
            if (string.IsNullOrEmpty(fingerprint))
            {
                var key = Fingerprints.Of(old, old.Evidence.Snippet);
                ordinals.TryGetValue(key, out var ordinal);
                ordinals[key] = ordinal + 1;
                fingerprint = Fingerprints.Of(old, old.Evidence.Snippet, ordinal);
            }

            var pool = Get(before, (fingerprint, old.EntryId));
            (old.Suppression is null ? pool.Active : pool.Suppressed).Enqueue(old);
        }

        foreach (var finding in report.Findings)
        {
            finding.BaselineState = null;
        }

        // Like for like first, so the order of the findings cannot change the answer.
        foreach (var finding in report.Findings)
        {
            if (before.TryGetValue((finding.Fingerprint, finding.EntryId), out var pool)
                && (finding.Suppression is null ? pool.Active : pool.Suppressed) is { Count: > 0 } same)
            {
                same.Dequeue();
                finding.BaselineState = BaselineStates.Unchanged;
            }
        }

        foreach (var finding in report.Findings.Where(f => f.BaselineState is null))
        {
            if (!before.TryGetValue((finding.Fingerprint, finding.EntryId), out var pool))
            {
                finding.BaselineState = BaselineStates.New;
            }
            else if (finding.Suppression is not null && pool.Active.Count > 0)
            {
                // Suppressed now, active in the baseline: still there, and silenced.
                pool.Active.Dequeue();
                finding.BaselineState = BaselineStates.Unchanged;
            }
            else if (finding.Suppression is null && pool.Suppressed.Count > 0)
            {
                // Active now, suppressed in the baseline: the baseline never accepted it.
                pool.Suppressed.Dequeue();
                finding.BaselineState = BaselineStates.New;
            }
            else
            {
                finding.BaselineState = BaselineStates.New;
            }
        }

        var remaining = new HashSet<Finding>(before.Values.SelectMany(p => p.Active.Concat(p.Suppressed)), ReferenceEqualityComparer.Instance);
        report.AbsentFindings = baseline.Findings.Where(remaining.Contains).Select(Absent).ToList();
        report.Baseline = new BaselineRecord
        {
            Path = baselinePath.Replace('\\', '/'),
            Timestamp = baseline.Timestamp,
            New = report.Findings.Count(f => f.BaselineState == BaselineStates.New),
            Unchanged = report.Findings.Count(f => f.BaselineState == BaselineStates.Unchanged),
            Absent = report.AbsentFindings.Count,
        };
    }

    /// <summary>Drops every baseline state (a merge without <c>--baseline</c>: its inputs' states do not add up).</summary>
    public static void Clear(Report report)
    {
        report.Baseline = null;
        report.AbsentFindings = null;
        foreach (var finding in report.Findings)
        {
            finding.BaselineState = null;
        }
    }

    private static Finding Absent(Finding old)
    {
        old.BaselineState = BaselineStates.Absent;
        return old;
    }

    private static Pool Get(Dictionary<(string, string), Pool> pools, (string, string) key)
    {
        if (!pools.TryGetValue(key, out var pool))
        {
            pool = new Pool();
            pools[key] = pool;
        }

        return pool;
    }

    private sealed class Pool
    {
        public Queue<Finding> Active { get; } = new();

        public Queue<Finding> Suppressed { get; } = new();
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<Finding>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(Finding? x, Finding? y) => ReferenceEquals(x, y);

        public int GetHashCode(Finding obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
