namespace TradeX.Metrics;

/// <summary>
/// A count that only goes up (rejects by reason, ring-full answers, duplicates ignored). Safe to
/// increment from any thread without allocation; read it whenever.
/// </summary>
public sealed class Counter
{
    private long _value;

    internal Counter()
    {
    }

    /// <summary>The current count.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Adds one.</summary>
    public void Increment() => Interlocked.Increment(ref _value);

    /// <summary>Adds <paramref name="amount"/> (not negative: a counter never goes down).</summary>
    public void Add(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _value, amount);
    }
}
