namespace TradeX.Disruptor;

/// <summary>
/// Spins briefly, then yields the core to any other ready thread between checks. Near busy-spin
/// latency when cores are free, and it stays live when they are not: the right default when
/// threads outnumber cores (tests, laptops, this project's 2-core machines).
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    /// <inheritdoc/>
    public bool IsBlocking => false;

    /// <inheritdoc/>
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        int counter = SpinTries;
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }
            if (counter > 0)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else
            {
                Thread.Yield();
            }
        }
        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
