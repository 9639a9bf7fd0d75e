using System.Diagnostics;
using TradeX.Core;
using TradeX.Disruptor.Agents;

namespace TradeX.Pipeline;

/// <summary>
/// Injects a TimeTick input at a fixed interval, so engine time advances when nothing else arrives: on a
/// thread of its own (<see cref="Run"/>), or as an agent on the node's input thread (<see cref="DoWork"/>,
/// shared and single threading modes).
/// </summary>
public sealed class TimerProducer(InputPublisher publisher, int producer, TimeSpan interval) : IAgent
{
    private readonly long _intervalTicks = Math.Max(1, (long)(interval.TotalSeconds * Stopwatch.Frequency));
    private long _due;
    private long _ticks;

    public long Ticks => Interlocked.Read(ref _ticks);

    public string RoleName => "timer";

    public void Run(CancellationToken stop)
    {
        while (!stop.WaitHandle.WaitOne(interval)) Tick();
    }

    public int DoWork()
    {
        long now = Stopwatch.GetTimestamp();
        if (_due == 0) _due = now + _intervalTicks;
        if (now < _due) return 0;
        _due = now + _intervalTicks;
        return Tick() ? 1 : 0;
    }

    private bool Tick()
    {
        using var claim = publisher.TryClaim(producer);
        if (!claim.IsClaimed) return false;
        ref EngineInput tick = ref claim.Input;
        tick = EngineInput.Tick();
        tick.Time = NodeClock.NowNanos();
        Interlocked.Increment(ref _ticks);
        return true;
    }
}
