using TradeX.Disruptor.Agents;

namespace TradeX.Disruptor;

/// <summary>
/// A stage run as an <see cref="IAgent"/> instead of on a thread of its own: each <see cref="DoWork"/> looks
/// (without waiting) at what its barrier has made available, hands up to <see cref="MaxBatch"/> entries to
/// the handler in sequence order (<c>endOfBatch</c> on the last) and publishes its progress. A composite
/// agent runs several of them in turn on one thread (the node's <c>shared</c> and <c>single</c> threading
/// modes). Exceptions go to the <see cref="IExceptionHandler{T}"/> as in <see cref="BatchEventProcessor{T}"/>:
/// a halt stops this stage (it does no more work until restarted) and leaves the failed entry unhandled.
/// </summary>
public sealed class StageAgent<T> : IAgent
    where T : struct
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IEventHandler<T> _handler;
    private readonly IExceptionHandler<T> _exceptionHandler;
    private readonly bool _signalProgress;
    private volatile bool _running;
    private volatile bool _started;
    private int _inWork;
    private volatile Exception? _fault;
    private long _faultSequence = Sequence.InitialValue;

    /// <summary>Creates the agent; it does nothing until <see cref="Resume"/>.</summary>
    public StageAgent(string name, RingBuffer<T> ring, SequenceBarrier barrier, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null, int maxBatch = 1024)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        RoleName = name;
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _exceptionHandler = exceptionHandler ?? new LoggingExceptionHandler<T>(name, ExceptionDecision.Halt);
        _signalProgress = barrier.WaitStrategy.IsBlocking;
        MaxBatch = maxBatch;
    }

    /// <inheritdoc/>
    public string RoleName { get; }

    /// <summary>The last sequence this stage has finished with.</summary>
    public Sequence Sequence { get; } = new();

    /// <summary>At most this many entries per duty cycle, so the other agents on the thread get their turn.</summary>
    public int MaxBatch { get; }

    /// <summary>Signalled after every batch, when a stage on another thread waits for this one's progress.</summary>
    public WakeSignal? Downstream { get; set; }

    /// <summary>True while the stage accepts work (between <see cref="Resume"/> and a halt).</summary>
    public bool IsRunning => _running;

    /// <summary>The exception that halted the stage, or null.</summary>
    public Exception? Fault => _fault;

    /// <summary>The sequence whose entry caused <see cref="Fault"/> (-1 when there is none).</summary>
    public long FaultSequence => Interlocked.Read(ref _faultSequence);

    /// <summary>Lets the stage work (again): the next duty cycle starts from the first entry not yet handled.</summary>
    public void Resume()
    {
        _fault = null;
        Interlocked.Exchange(ref _faultSequence, Sequence.InitialValue);
        _started = false;
        _running = true;
    }

    /// <summary>Stops the stage after its current duty cycle and waits for that cycle to end; false on timeout.</summary>
    public bool Halt(TimeSpan timeout)
    {
        // Full fences on both sides (here and at the top of DoWork): either the cycle sees the halt or we see it working.
        _running = false;
        Interlocked.MemoryBarrier();
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Volatile.Read(ref _inWork) != 0)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }
            Thread.Sleep(1);
        }
        if (_started)
        {
            _started = false;
            Notify(static h => h.OnShutdown(), isStart: false);
        }
        return true;
    }

    /// <inheritdoc/>
    public int DoWork()
    {
        if (!_running)
        {
            return 0;
        }
        Interlocked.Exchange(ref _inWork, 1);
        try
        {
            if (!_running)
            {
                return 0;
            }
            if (!_started)
            {
                _started = true;
                Notify(static h => h.OnStart(), isStart: true);
            }
            long next = Sequence.Value + 1;
            long available = _barrier.DependentSequence;
            if (available < next)
            {
                return 0;
            }
            available = _ring.Sequencer.GetHighestPublishedSequence(next, available);
            if (available < next)
            {
                return 0;
            }
            if (available - next >= MaxBatch)
            {
                available = next + MaxBatch - 1;
            }
            return HandleBatch(next, available);
        }
        finally
        {
            Volatile.Write(ref _inWork, 0);
        }
    }

    private int HandleBatch(long next, long available)
    {
        long first = next;
        _handler.OnBatchStart(available - next + 1);
        while (true)
        {
            try
            {
                for (; next <= available; next++)
                {
                    _handler.OnEvent(ref _ring[next], next, next == available);
                }
                PublishProgress(available);
                return (int)(available - first + 1);
            }
            catch (Exception exception)
            {
                if (StageFaults.Decide(_exceptionHandler, RoleName, exception, next, ref _ring[next]) == ExceptionDecision.Halt)
                {
                    PublishProgress(next - 1);
                    _fault = exception;
                    Interlocked.Exchange(ref _faultSequence, next);
                    _running = false;
                    return (int)(next - first);
                }
                PublishProgress(next);
                next++;
                if (next > available)
                {
                    return (int)(available - first + 1);
                }
            }
        }
    }

    private void PublishProgress(long sequence)
    {
        Sequence.Value = sequence;
        if (_signalProgress)
        {
            _barrier.WaitStrategy.SignalAllWhenBlocking();
        }
        Downstream?.Signal();
    }

    private void Notify(Action<IEventHandler<T>> hook, bool isStart)
    {
        try
        {
            hook(_handler);
        }
        catch (Exception exception)
        {
            if (isStart)
            {
                _exceptionHandler.OnStartException(exception);
            }
            else
            {
                _exceptionHandler.OnShutdownException(exception);
            }
        }
    }
}
