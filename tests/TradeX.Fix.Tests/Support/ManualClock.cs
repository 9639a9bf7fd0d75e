using TradeX.Fix.Session;

namespace TradeX.Fix.Tests.Support;

/// <summary>A clock the test moves by hand, to drive heartbeats and timeouts without waiting for them.</summary>
public sealed class ManualClock(DateTime start) : IFixClock
{
    private long _ticks = start.Ticks;

    public DateTime UtcNow => new(Interlocked.Read(ref _ticks), DateTimeKind.Utc);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
