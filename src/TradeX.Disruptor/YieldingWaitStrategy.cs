namespace TradeX.Disruptor;

/// <summary>
/// Spins briefly, then yields the core to any other ready thread between checks. Near busy-spin
/// latency when cores are free, and it stays live when they are not: the right default when
/// threads outnumber cores (tests, laptops, this project's 2-core machines).
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    // About 100 checks of the cursor with one PAUSE each (well under a microsecond), then yield. The
    // spin is short on purpose: when the other side of a hand-off shares this core (threads outnumber
    // cores), it cannot publish until we yield, so a long spin (it was 100 × Thread.SpinWait(1), ~4 µs)
    // only delays it; that was the slow mode of the bimodal ping-pong.
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
                SpinPause.Once();
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
