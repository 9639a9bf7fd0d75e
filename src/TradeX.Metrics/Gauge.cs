namespace TradeX.Metrics;

/// <summary>A value that goes up and down (open orders, ring occupancy, sessions connected). Thread-safe, allocation-free.</summary>
public sealed class Gauge
{
    private long _value;

    internal Gauge()
    {
    }

    /// <summary>The current value.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Sets the value.</summary>
    public void Set(long value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Adds <paramref name="amount"/> (may be negative).</summary>
    public void Add(long amount) => Interlocked.Add(ref _value, amount);
}
