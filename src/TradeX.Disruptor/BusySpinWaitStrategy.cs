namespace TradeX.Disruptor;

/// <summary>
/// Spins on the sequence without ever giving up the core: the lowest and steadiest latency, at the
/// price of one core at 100 % forever. Best used when the thread is pinned to a core of its own
/// (the engine in production); on a machine with fewer cores than spinning threads it is the worst choice.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    /// <inheritdoc/>
    public bool IsBlocking => false;

    /// <inheritdoc/>
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }
            // PAUSE: tells the CPU this is a spin loop (saves power, frees the sibling hyper-thread).
            Thread.SpinWait(1);
        }
        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
