using System.Runtime.CompilerServices;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// A fixed-size, direct-mapped cache keyed by object identity, that neither locks nor waits: a look-up is one array
/// read, an insert one array write that may evict another key (which is then computed again). For answers that are
/// cheap to recompute and asked on every callback, where a <c>ConcurrentDictionary</c>'s inserts take locks that the
/// compiler's threads contend for (measured: docs/performance.md).
/// </summary>
internal sealed class SymbolCache<TKey, TValue>
    where TKey : class
{
    private readonly Slot?[] _slots;
    private readonly int _mask;

    /// <param name="size">The number of slots, a power of two.</param>
    public SymbolCache(int size)
    {
        _slots = new Slot?[size];
        _mask = size - 1;
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        var index = RuntimeHelpers.GetHashCode(key) & _mask;
        var slot = Volatile.Read(ref _slots[index]);
        if (slot is not null && ReferenceEquals(slot.Key, key))
        {
            return slot.Value;
        }

        var value = compute(key);
        Volatile.Write(ref _slots[index], new Slot(key, value));
        return value;
    }

    // Immutable, so a reader sees a whole slot, old or new, each right for its own key.
    private sealed class Slot(TKey key, TValue value)
    {
        public TKey Key { get; } = key;

        public TValue Value { get; } = value;
    }
}
