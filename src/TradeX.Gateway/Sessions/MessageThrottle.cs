namespace TradeX.Gateway.Sessions;

/// <summary>
/// Messages per second as a generic cell rate algorithm over integer nanoseconds: a session may send
/// <c>rate</c> messages in any burst and then one every 1/rate s. Exact and allocation-free; the
/// clock is the gateway's (injectable), so tests are deterministic.
/// </summary>
internal sealed class MessageThrottle
{
    private readonly long _interval;
    private readonly long _tolerance;
    private long _theoreticalArrival;

    public MessageThrottle(int messagesPerSecond)
    {
        Enabled = messagesPerSecond > 0;
        _interval = Enabled ? Math.Max(1, 1_000_000_000L / messagesPerSecond) : 0;
        _tolerance = Enabled ? 1_000_000_000L - _interval : 0;
    }

    public bool Enabled { get; }

    /// <summary>True when a message arriving at <paramref name="nowNanos"/> is within the rate (and counts it).</summary>
    public bool TryAcquire(long nowNanos)
    {
        if (!Enabled) return true;
        long tat = Math.Max(_theoreticalArrival, nowNanos);
        if (tat - nowNanos > _tolerance) return false;
        _theoreticalArrival = tat + _interval;
        return true;
    }
}
