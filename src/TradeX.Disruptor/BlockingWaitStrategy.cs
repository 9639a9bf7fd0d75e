using System.Runtime.CompilerServices;

namespace TradeX.Disruptor;

/// <summary>
/// Parks waiting consumers until a producer publishes or an upstream stage progresses. Uses no CPU
/// while idle (it spins for about a microsecond before parking) and is fair to other threads, but a
/// wake-up from the parked state costs microseconds (a system call and a context switch). Use it when CPU matters more than latency, and with a timeout when a handler needs
/// a periodic <see cref="IEventHandler{T}.OnTimeout"/> (flush a journal, send a heartbeat) even when no
/// input arrives. Publishing takes no lock: it costs one fence while nobody is parked, and one
/// futex wake (Linux; a monitor pulse elsewhere) when somebody is.
/// </summary>
public sealed unsafe class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly int _timeoutMilliseconds;
    // The futex word: the low bit says "a consumer is (about to be) asleep", the rest counts wake-ups.
    // Only a signal that finds the bit set makes a system call, so a burst of publishes wakes a parked
    // consumer once, not once per publish. Pinned (the kernel keys a futex on its address), alone on
    // its cache line.
    private const int SleeperBit = 1;
    // Checks (each Thread.SpinWait(1), ~40 ns) before parking, about a microsecond in all: an entry that
    // comes within it costs neither side a system call, and the consumer still parks as soon as input
    // pauses. Without it a consumer woken for each batch of 64 parked again at once, and the producer paid
    // a futex wake per batch (45 against 134 M/s before).
    private const int SpinTries = 25;
    private readonly int[] _wordCell = GC.AllocateArray<int>(32, pinned: true);
    private readonly int* _word;
    private int _waiters; // the monitor fallback's count of parked consumers

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
        _word = (int*)Unsafe.AsPointer(ref _wordCell[16]);
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
        for (int i = 0; i < SpinTries; i++)
        {
            Thread.SpinWait(1);
            available = barrier.DependentSequence;
            if (available >= sequence || barrier.IsAlerted)
            {
                return available;
            }
        }
        long deadline = _timeoutMilliseconds < 0 ? long.MaxValue : Environment.TickCount64 + _timeoutMilliseconds;
        return Futex.IsSupported ? ParkOnFutex(sequence, barrier, deadline) : ParkOnMonitor(sequence, barrier, deadline);
    }

    /// <inheritdoc/>
    public void SignalAllWhenBlocking()
    {
        // The fence orders the publish before the read below; a consumer sets the sleeper bit (or
        // registers) with a full fence before re-checking. So either it sees our progress or we see it.
        Interlocked.MemoryBarrier();
        if (Futex.IsSupported)
        {
            int word = Volatile.Read(ref *_word);
            if ((word & SleeperBit) != 0)
            {
                WakeFutex(word);
            }
            return; // nobody asleep: publishing stays free of locks and system calls
        }
        if (Volatile.Read(ref _waiters) != 0)
        {
            PulseMonitor();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WakeFutex(int word)
    {
        // Clear the bit and count a wake-up; if another signaller got there first, it does the waking.
        if (Interlocked.CompareExchange(ref *_word, (word & ~SleeperBit) + 2, word) == word)
        {
            Futex.WakeAll(_word);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PulseMonitor()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private long ParkOnFutex(long sequence, SequenceBarrier barrier, long deadline)
    {
        while (true)
        {
            int word = Volatile.Read(ref *_word);
            if ((word & SleeperBit) == 0)
            {
                // Announce the sleeper (a full fence) before the re-check below.
                int announced = word | SleeperBit;
                if (Interlocked.CompareExchange(ref *_word, announced, word) != word)
                {
                    continue; // a signal came in between: look again
                }
                word = announced;
            }
            long available = barrier.DependentSequence;
            if (available >= sequence || barrier.IsAlerted)
            {
                return available;
            }
            int remaining = RemainingMilliseconds(deadline);
            if (remaining == 0)
            {
                return SequenceBarrier.TimedOut;
            }
            // Returns at once if a signal has already changed the word since we read it.
            Futex.Wait(_word, word, remaining);
        }
    }

    private long ParkOnMonitor(long sequence, SequenceBarrier barrier, long deadline)
    {
        // Registering (a full fence) before re-checking pairs with the fence in SignalAllWhenBlocking.
        Interlocked.Increment(ref _waiters);
        try
        {
            return WaitOnMonitor(sequence, barrier, deadline);
        }
        finally
        {
            Interlocked.Decrement(ref _waiters);
        }
    }

    private long WaitOnMonitor(long sequence, SequenceBarrier barrier, long deadline)
    {
        lock (_gate)
        {
            long available;
            while ((available = barrier.DependentSequence) < sequence && !barrier.IsAlerted)
            {
                int remaining = RemainingMilliseconds(deadline);
                if (remaining == 0)
                {
                    return SequenceBarrier.TimedOut;
                }
                Monitor.Wait(_gate, remaining);
            }
            return available;
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
