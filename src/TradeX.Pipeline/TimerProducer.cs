using System.Diagnostics;
using TradeX.Core;

namespace TradeX.Pipeline;

/// <summary>Injects a TimeTick input at a fixed interval, so engine time advances when nothing else arrives.</summary>
public sealed class TimerProducer(InputPublisher publisher, int producer, TimeSpan interval)
{
    public long Ticks { get; private set; }

    public void Run(CancellationToken stop)
    {
        while (!stop.WaitHandle.WaitOne(interval))
        {
            var tick = EngineInput.Tick();
            tick.Time = NodeClock.NowNanos();
            if (publisher.TryPublish(in tick, producer, Stopwatch.GetTimestamp())) Ticks++;
        }
    }
}
