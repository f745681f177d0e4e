using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace ExportLint.ControlLists.Matching;

/// <summary>
/// How much time the regular expressions of a control list may take over one scan (a compilation, a folder), and a
/// record of every pattern that ran past its timeout. Without it each timed-out constant silently matched nothing
/// and a catastrophic pattern cost its timeout on every constant (300 constants: 30 s). With it a pattern is turned
/// off for the rest of the scan after <see cref="TimeoutsPerPattern"/> timeouts (after one, once the scan has spent
/// <see cref="TimeoutsInTotal"/>), and the caller reports each pattern in <see cref="TimedOut"/> once. Thread-safe; the
/// common case, no timeout yet, costs one field read per regex pattern considered.
/// </summary>
public sealed class RegexBudget
{
    /// <summary>How many timeouts turn one pattern off.</summary>
    public const int TimeoutsPerPattern = 2;

    /// <summary>How many timeouts a scan may spend in all; past it, a pattern is turned off at its first timeout.</summary>
    public const int TimeoutsInTotal = 10;

    private readonly ConcurrentDictionary<StringPattern, RegexTimeoutRecord> _records = new();
    private volatile int _patternsTimedOut;
    private int _total;

    /// <summary>Whether a pattern has been turned off (cheap while nothing has timed out).</summary>
    public bool IsOff(StringPattern pattern) =>
        _patternsTimedOut != 0 && _records.TryGetValue(pattern, out var record) && record.IsOff;

    /// <summary>Counts a constant a turned-off pattern was not run on.</summary>
    internal void Skipped(StringPattern pattern)
    {
        if (_records.TryGetValue(pattern, out var record))
        {
            Interlocked.Increment(ref record.SkippedCount);
        }
    }

    /// <summary>Records a timeout of a pattern on a constant; <paramref name="site"/> is where the caller met it (its own type).</summary>
    internal void TimedOutOn(Entry entry, StringPattern pattern, string value, object? site)
    {
        var record = _records.GetOrAdd(pattern, p => new RegexTimeoutRecord(entry, p, value, site));
        if (Interlocked.Increment(ref record.TimeoutCount) == 1)
        {
            Interlocked.Increment(ref _patternsTimedOut);
        }

        var total = Interlocked.Increment(ref _total);
        if (record.TimeoutCount >= TimeoutsPerPattern || total >= TimeoutsInTotal)
        {
            record.IsOff = true;
        }
    }

    /// <summary>Every pattern that timed out, in the order of the entries' ids and then the patterns' text (deterministic).</summary>
    public ImmutableArray<RegexTimeoutRecord> TimedOut =>
        _records.Values.OrderBy(r => r.Entry.Id, StringComparer.Ordinal).ThenBy(r => r.Pattern.Value, StringComparer.Ordinal).ToImmutableArray();
}

/// <summary>One pattern that ran past its timeout in a scan.</summary>
public sealed class RegexTimeoutRecord
{
    internal int TimeoutCount;
    internal int SkippedCount;
    private volatile bool _isOff;

    internal RegexTimeoutRecord(Entry entry, StringPattern pattern, string firstValue, object? firstSite)
    {
        Entry = entry;
        Pattern = pattern;
        FirstValue = firstValue;
        FirstSite = firstSite;
    }

    /// <summary>The entry the pattern belongs to.</summary>
    public Entry Entry { get; }

    /// <summary>The pattern.</summary>
    public StringPattern Pattern { get; }

    /// <summary>The first constant it timed out on.</summary>
    public string FirstValue { get; }

    /// <summary>Where that constant was, as the caller gave it (a Roslyn location for the analyzers).</summary>
    public object? FirstSite { get; }

    /// <summary>How many constants it timed out on (each of them could not be decided).</summary>
    public int Timeouts => Volatile.Read(ref TimeoutCount);

    /// <summary>How many constants it was not run on once turned off.</summary>
    public int Skipped => Volatile.Read(ref SkippedCount);

    /// <summary>Whether it was turned off for the rest of the scan.</summary>
    public bool IsOff
    {
        get => _isOff;
        internal set => _isOff = value;
    }
}
