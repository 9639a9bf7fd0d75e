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
            using var claim = publisher.TryClaim(producer);
            if (!claim.IsClaimed) continue;
            ref EngineInput tick = ref claim.Input;
            tick = EngineInput.Tick();
            tick.Time = NodeClock.NowNanos();
            Ticks++;
        }
    }
}
