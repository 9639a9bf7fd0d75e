namespace TradeX.Disruptor;

/// <summary>
/// Parks waiting consumers on a monitor until a producer publishes or an upstream stage progresses.
/// Uses no CPU while idle and is fair to other threads, but a wake-up costs microseconds. Use it
/// when CPU matters more than latency, and with a timeout when a handler needs a periodic
/// <see cref="IEventHandler{T}.OnTimeout"/> (flush a journal, send a heartbeat) even when no input arrives.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly int _timeoutMilliseconds;
    private int _waiters;

    /// <summary>Creates a blocking strategy that waits for as long as it takes.</summary>
    public BlockingWaitStrategy()
        : this(System.Threading.Timeout.InfiniteTimeSpan)
    {
    }

    /// <summary>Creates a blocking strategy whose waits give up after <paramref name="timeout"/> (infinite: never).</summary>
    public BlockingWaitStrategy(TimeSpan timeout)
    {
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan && (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "the timeout must be positive (or infinite)");
        }
        WaitTimeout = timeout;
        _timeoutMilliseconds = timeout == System.Threading.Timeout.InfiniteTimeSpan ? -1 : Math.Max(1, (int)timeout.TotalMilliseconds);
    }

    /// <summary>How long one wait lasts before it reports <see cref="SequenceBarrier.TimedOut"/>.</summary>
    public TimeSpan WaitTimeout { get; }

    /// <inheritdoc/>
    public bool IsBlocking => true;

    /// <inheritdoc/>
    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        long available = barrier.DependentSequence;
        if (available >= sequence || barrier.IsAlerted)
        {
            return available;
        }
        long deadline = _timeoutMilliseconds < 0 ? long.MaxValue : Environment.TickCount64 + _timeoutMilliseconds;
        lock (_gate)
        {
            // Registering before re-checking, with full fences on both sides (here Interlocked, in
            // SignalAllWhenBlocking a fence before reading _waiters), means a signaller either sees us
            // waiting or we see its progress: a wake-up is never lost.
            Interlocked.Increment(ref _waiters);
            try
            {
                while ((available = barrier.DependentSequence) < sequence && !barrier.IsAlerted)
                {
                    int remaining = RemainingMilliseconds(deadline);
                    if (remaining == 0)
                    {
                        return SequenceBarrier.TimedOut;
                    }
                    Monitor.Wait(_gate, remaining);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
        return available;
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiters) == 0)
        {
            return; // nobody parked: publishing stays free of locks
        }
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private static int RemainingMilliseconds(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return -1;
        }
        long remaining = deadline - Environment.TickCount64;
        return remaining <= 0 ? 0 : (int)remaining;
    }
}
