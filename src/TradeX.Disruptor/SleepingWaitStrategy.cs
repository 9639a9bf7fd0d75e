namespace TradeX.Disruptor;

/// <summary>
/// Spins, then yields, then sleeps between checks. Almost no CPU when idle, but the first entry
/// after a quiet period can wait for a whole sleep (about a millisecond on Linux). Use it for
/// background stages where latency does not matter: metrics, audit copies, ops publishers.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 100;
    private readonly int _sleepMilliseconds;

    /// <summary>Creates the strategy; <paramref name="sleepMilliseconds"/> is the sleep once spinning and yielding found nothing (0 = yield the time slice).</summary>
    public SleepingWaitStrategy(int sleepMilliseconds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sleepMilliseconds);
        _sleepMilliseconds = sleepMilliseconds;
    }

    /// <inheritdoc/>
    public bool IsBlocking => false;

    /// <inheritdoc/>
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        int counter = SpinTries + YieldTries;
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            if (barrier.IsAlerted)
            {
                return available;
            }
            if (counter > YieldTries)
            {
                counter--;
                Thread.SpinWait(1);
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(_sleepMilliseconds);
            }
        }
        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
    }
}
