using ExportLint.Analyzers.Infrastructure;

namespace ExportLint.Analyzers.Tests;

public class SymbolCacheTests
{
    [Fact]
    public void A_key_gets_its_own_value_after_another_key_evicted_it()
    {
        var cache = new SymbolCache<object, string>(1);
        var a = new object();
        var b = new object();
        var computed = 0;
        string Compute(object key)
        {
            computed++;
            return ReferenceEquals(key, a) ? "a" : "b";
        }

        Assert.Equal("a", cache.GetOrAdd(a, Compute));
        Assert.Equal("a", cache.GetOrAdd(a, Compute));
        Assert.Equal(1, computed);
        Assert.Equal("b", cache.GetOrAdd(b, Compute));
        Assert.Equal("a", cache.GetOrAdd(a, Compute));
        Assert.Equal(3, computed);
    }

    [Fact]
    public void Concurrent_readers_and_writers_never_see_another_keys_value()
    {
        var cache = new SymbolCache<string, string>(4);
        var keys = Enumerable.Range(0, 64).Select(i => new string('k', 1) + i).ToArray();
        var wrong = 0;
        Parallel.For(0, 200_000, i =>
        {
            var key = keys[i % keys.Length];
            if (!ReferenceEquals(cache.GetOrAdd(key, k => k), key))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }
}
