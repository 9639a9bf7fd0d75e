using System.Diagnostics;

namespace TradeX.Pipeline;

/// <summary>
/// The producers' clock (never the engine's): Unix-epoch nanoseconds from the wall clock at start-up,
/// advanced by the monotonic high-resolution counter, so stamps never go backwards within a process.
/// </summary>
public static class NodeClock
{
    private static readonly long EpochNanosAtStart = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private static readonly long TicksAtStart = Stopwatch.GetTimestamp();
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    public static long NowNanos() => EpochNanosAtStart + (long)((Stopwatch.GetTimestamp() - TicksAtStart) * NanosPerTick);

    public static long TicksToNanos(long ticks) => (long)(ticks * NanosPerTick);

    public static long NanosToTicks(long nanos) => (long)(nanos / NanosPerTick);
}
