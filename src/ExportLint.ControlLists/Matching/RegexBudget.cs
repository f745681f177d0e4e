using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;

namespace ExportLint.ControlLists.Matching;

/// <summary>
/// How much time the regular expressions of a control list may take over one scan (a compilation, a folder), and a
/// record of every pattern that ran too long. Without it each timed-out constant silently matched nothing and a
/// catastrophic pattern cost its timeout on every constant (300 constants: 30 s).
/// <para>
/// A pattern is turned off for the rest of the scan after <see cref="TimeoutsPerPattern"/> timeouts, or once its slow
/// runs (each over <see cref="SlowRun"/>, timeouts included) add up to <see cref="SlowTimePerPattern"/>; once the scan
/// has spent <see cref="SlowTimeInTotal"/> on slow runs of all patterns, a pattern is turned off at its next slow run.
/// The caller reports each pattern that timed out or was turned off (<see cref="TimedOut"/>) once.
/// </para>
/// Thread-safe. A regex run under <see cref="SlowRun"/> costs the budget nothing, and a pattern that has not run slowly
/// costs one field read per regex pattern considered.
/// </summary>
public sealed class RegexBudget
{
    /// <summary>How many timeouts turn one pattern off.</summary>
    public const int TimeoutsPerPattern = 2;

    /// <summary>A run of a regex at least this long counts against the budget.</summary>
    public static readonly TimeSpan SlowRun = TimeSpan.FromMilliseconds(10);

    /// <summary>How much time in slow runs turns one pattern off.</summary>
    public static readonly TimeSpan SlowTimePerPattern = TimeSpan.FromSeconds(1);

    /// <summary>How much time in slow runs a scan may spend in all; past it, a pattern is turned off at its next slow run.</summary>
    public static readonly TimeSpan SlowTimeInTotal = TimeSpan.FromSeconds(2);

    private static long s_slowRunsInProcess;

    private readonly ConcurrentDictionary<StringPattern, RegexTimeoutRecord> _records = new();
    private readonly long _slowTimePerPattern;
    private readonly long _slowTimeInTotal;
    private volatile int _patternsRecorded;
    private long _totalTicks;

    /// <summary>A budget with the limits above.</summary>
    public RegexBudget()
        : this(SlowRun, SlowTimePerPattern, SlowTimeInTotal)
    {
    }

    /// <summary>A budget with other limits (tests).</summary>
    internal RegexBudget(TimeSpan slowRun, TimeSpan slowTimePerPattern, TimeSpan slowTimeInTotal)
    {
        SlowRunTicks = ToTicks(slowRun);
        _slowTimePerPattern = ToTicks(slowTimePerPattern);
        _slowTimeInTotal = ToTicks(slowTimeInTotal);
    }

    /// <summary><see cref="SlowRun"/> in <see cref="Stopwatch"/> ticks.</summary>
    internal long SlowRunTicks { get; }

    /// <summary>
    /// Slow runs and timeouts recorded by every budget of this process. What a budget records is reported when its scan
    /// ends (a compilation's end, for the analyzers); a host that analyses only some files of a compilation never
    /// reaches that end, and sees by this whether it must analyse the whole after all.
    /// </summary>
    public static long SlowRunsInProcess => Interlocked.Read(ref s_slowRunsInProcess);

    /// <summary>Whether a pattern has been turned off (one field read while no pattern has run slowly).</summary>
    public bool IsOff(StringPattern pattern) =>
        _patternsRecorded != 0 && _records.TryGetValue(pattern, out var record) && record.IsOff;

    /// <summary>Every pattern that timed out or was turned off, by entry id and pattern text (deterministic order).</summary>
    public ImmutableArray<RegexTimeoutRecord> TimedOut =>
        _records.Values
            .Where(r => r.Timeouts > 0 || r.IsOff)
            .OrderBy(r => r.Entry.Id, StringComparer.Ordinal)
            .ThenBy(r => r.Pattern.Value, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>
    /// Runs a pattern on a value within the budget: a regex the budget has turned off is not run (false, counted as
    /// skipped), and a run that timed out or was slow is recorded. <paramref name="timedOut"/>: the run was cut short,
    /// so whether the pattern takes the value is not known.
    /// </summary>
    public bool Run(Entry entry, StringPattern pattern, string value, object? site, out bool timedOut)
    {
        timedOut = false;
        if (pattern.Kind == StringMatchKind.Regex && IsOff(pattern))
        {
            Skipped(pattern);
            return false;
        }

        var matched = pattern.IsMatch(value, out timedOut, out var ticks);
        if (timedOut || (ticks > 0 && ticks >= SlowRunTicks))
        {
            Ran(entry, pattern, value, site, ticks, timedOut);
        }

        return matched;
    }

    /// <summary>Counts a constant a turned-off pattern was not run on.</summary>
    internal void Skipped(StringPattern pattern)
    {
        if (_records.TryGetValue(pattern, out var record))
        {
            Interlocked.Increment(ref record.SkippedCount);
        }
    }

    /// <summary>Records a slow run or a timeout of a pattern on a constant; <paramref name="site"/> is where the caller met it.</summary>
    internal void Ran(Entry entry, StringPattern pattern, string value, object? site, long ticks, bool timedOut)
    {
        Interlocked.Increment(ref s_slowRunsInProcess);
        var record = _records.GetOrAdd(pattern, p => new RegexTimeoutRecord(entry, p, value, site));
        if (Interlocked.Increment(ref record.SlowRunCount) == 1)
        {
            Interlocked.Increment(ref _patternsRecorded);
        }

        var timeouts = timedOut ? Interlocked.Increment(ref record.TimeoutCount) : record.Timeouts;
        var patternTicks = Interlocked.Add(ref record.Ticks, ticks);
        var totalTicks = Interlocked.Add(ref _totalTicks, ticks);
        if (timeouts >= TimeoutsPerPattern || patternTicks >= _slowTimePerPattern || totalTicks >= _slowTimeInTotal)
        {
            record.IsOff = true;
        }
    }

    private static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>One pattern that ran too long in a scan: it timed out, or its slow runs were over budget.</summary>
public sealed class RegexTimeoutRecord
{
    internal int TimeoutCount;
    internal int SlowRunCount;
    internal int SkippedCount;
    internal long Ticks;
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

    /// <summary>The first constant it ran slowly or timed out on.</summary>
    public string FirstValue { get; }

    /// <summary>Where that constant was, as the caller gave it (a Roslyn syntax node for the analyzers).</summary>
    public object? FirstSite { get; }

    /// <summary>How many constants it timed out on (each of them could not be decided).</summary>
    public int Timeouts => Volatile.Read(ref TimeoutCount);

    /// <summary>How many constants it ran slowly on, timeouts included.</summary>
    public int SlowRuns => Volatile.Read(ref SlowRunCount);

    /// <summary>The time of those runs.</summary>
    public TimeSpan Time => TimeSpan.FromSeconds(Volatile.Read(ref Ticks) / (double)Stopwatch.Frequency);

    /// <summary>How many constants it was not run on once turned off.</summary>
    public int Skipped => Volatile.Read(ref SkippedCount);

    /// <summary>Whether it was turned off for the rest of the scan.</summary>
    public bool IsOff
    {
        get => _isOff;
        internal set => _isOff = value;
    }
}
