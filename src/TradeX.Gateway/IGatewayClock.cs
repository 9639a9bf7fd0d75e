using System.Diagnostics;

namespace TradeX.Gateway;

/// <summary>
/// The gateway's time: stamps engine inputs and drives keep-alives, handshake timeouts and throttles.
/// Injectable so tests can move time (and so trip a keep-alive lapse) without sleeping.
/// </summary>
public interface IGatewayClock
{
    /// <summary>Nanoseconds since the Unix epoch; must never go backwards.</summary>
    long NowNanos();
}

/// <summary>
/// Wall-clock nanoseconds at start-up advanced by the monotonic high-resolution counter, so stamps
/// never go backwards within a process (the same scheme as the node's producer clock).
/// </summary>
public sealed class SystemGatewayClock : IGatewayClock
{
    public static readonly SystemGatewayClock Instance = new();

    private readonly long _epochNanosAtStart = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private readonly long _ticksAtStart = Stopwatch.GetTimestamp();
    private readonly double _nanosPerTick = 1e9 / Stopwatch.Frequency;

    private SystemGatewayClock()
    {
    }

    public long NowNanos() => _epochNanosAtStart + (long)((Stopwatch.GetTimestamp() - _ticksAtStart) * _nanosPerTick);
}

/// <summary>Adapts any clock function (e.g. the node's <c>NodeClock.NowNanos</c>) to <see cref="IGatewayClock"/>.</summary>
public sealed class DelegateGatewayClock(Func<long> nowNanos) : IGatewayClock
{
    public long NowNanos() => nowNanos();
}
