using TradeX.Disruptor.Agents;

namespace TradeX.Gateway;

/// <summary>
/// The gateway I/O thread's default idle: at most a spin or two (each idle duty cycle costs a receive
/// system call per connection), then a block in poll(2) on every connection, woken by the kernel when
/// bytes arrive.
/// Best when cores are shared: unlike yielding or sleeping, it neither steals the core from the pipeline
/// nor adds a timer's granularity to the next message's latency.
/// </summary>
internal sealed class PollIdleStrategy(GatewayIoAgent agent, int spins, int blockMicros) : IIdleStrategy
{
    private int _idleCycles;

    public void Idle()
    {
        if (_idleCycles++ < spins)
        {
            Thread.SpinWait(20);
            return;
        }
        agent.AwaitActivity(blockMicros);
    }

    public void Reset() => _idleCycles = 0;
}
