namespace TradeX.Gateway.Tests.Support;

/// <summary>A gateway clock the test moves: keep-alive lapses and throttles without sleeping.</summary>
public sealed class ManualClock(long startNanos) : IGatewayClock
{
    private long _now = startNanos;

    public long NowNanos() => Interlocked.Read(ref _now);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, (long)(by.TotalMilliseconds * 1_000_000));
}
