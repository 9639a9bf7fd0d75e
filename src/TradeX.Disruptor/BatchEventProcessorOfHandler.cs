namespace TradeX.Disruptor;

/// <summary>
/// <see cref="BatchEventProcessor{T}"/> specialised on the handler's type: with a struct handler the
/// JIT compiles this loop for that handler alone and inlines <c>OnEvent</c> into it (no interface call
/// per entry, as Disruptor-net's struct-generic processors). Use it for the hottest stages, with a
/// <c>struct</c> handler; <see cref="BatchEventProcessor{T}"/> runs this same loop over an
/// <see cref="IEventHandler{T}"/> reference, where dynamic PGO devirtualises the call instead.
/// </summary>
/// <typeparam name="T">The ring's entry type.</typeparam>
/// <typeparam name="THandler">The handler's type: a struct for a loop of its own, or a class or interface.</typeparam>
public sealed class BatchEventProcessor<T, THandler> : IEventProcessor
    where T : struct
    where THandler : IEventHandler<T>
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int Halting = 2;
    private const long Halted = long.MinValue;

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private THandler _handler; // not readonly: a struct handler's state changes in place
    private readonly IExceptionHandler<T> _exceptionHandler;
    private readonly bool _signalProgress;
    private int _state;
    private volatile Exception? _fault;
    private long _faultSequence = Sequence.InitialValue;

    /// <summary>
    /// Creates a stage on <paramref name="ring"/> that waits on <paramref name="barrier"/> (from
    /// <see cref="RingBuffer{T}.NewBarrier"/>, listing the stages it is gated on). Without an exception
    /// handler, failures are logged to standard error and halt the stage.
    /// </summary>
    public BatchEventProcessor(string name, RingBuffer<T> ring, SequenceBarrier barrier, THandler handler, IExceptionHandler<T>? exceptionHandler = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        if (handler is null)
        {
            throw new ArgumentNullException(nameof(handler));
        }
        Name = name;
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _exceptionHandler = exceptionHandler ?? new LoggingExceptionHandler<T>(name, ExceptionDecision.Halt);
        _signalProgress = barrier.WaitStrategy.IsBlocking;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The handler, by reference (a struct handler's state lives here); read it once the stage has halted.</summary>
    public ref THandler Handler => ref _handler;

    /// <inheritdoc/>
    public Sequence Sequence { get; } = new();

    /// <inheritdoc/>
    public bool IsRunning => Volatile.Read(ref _state) != Idle;

    /// <summary>The exception that halted the stage last time it ran, or null if it halted on request.</summary>
    public Exception? Fault => _fault;

    /// <summary>The sequence whose entry caused <see cref="Fault"/> (-1 when there is none).</summary>
    public long FaultSequence => Interlocked.Read(ref _faultSequence);

    /// <inheritdoc/>
    public void Run()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle)
        {
            throw new InvalidOperationException($"stage '{Name}' is already running");
        }
        _barrier.ClearAlert();
        _fault = null;
        Interlocked.Exchange(ref _faultSequence, Sequence.InitialValue);
        try
        {
            NotifyStart();
            if (Volatile.Read(ref _state) == Running)
            {
                ProcessEvents();
            }
        }
        finally
        {
            NotifyShutdown();
            Volatile.Write(ref _state, Idle);
        }
    }

    /// <inheritdoc/>
    public void Halt()
    {
        Interlocked.CompareExchange(ref _state, Halting, Running);
        _barrier.Alert();
    }

    private void ProcessEvents()
    {
        long next = Sequence.Value + 1;
        while (true)
        {
            long available = _barrier.WaitFor(next);
            if (available >= next)
            {
                next = HandleBatch(next, available);
                if (next == Halted)
                {
                    return;
                }
            }
            else if (_barrier.IsAlerted)
            {
                if (Volatile.Read(ref _state) != Running)
                {
                    return;
                }
                _barrier.ClearAlert(); // a stale alert from an earlier halt: keep going
            }
            else if (available == SequenceBarrier.TimedOut)
            {
                _handler.OnTimeout(Sequence.Value);
            }
        }
    }

    // Returns the next sequence to wait for, or Halted when the exception handler decided to halt.
    private long HandleBatch(long next, long available)
    {
        _handler.OnBatchStart(available - next + 1);
        RingBuffer<T> ring = _ring;
        while (true)
        {
            try
            {
                for (; next <= available; next++)
                {
                    _handler.OnEvent(ref ring[next], next, next == available);
                }
                PublishProgress(available);
                return next;
            }
            catch (Exception exception)
            {
                if (StageFaults.Decide(_exceptionHandler, Name, exception, next, ref _ring[next]) == ExceptionDecision.Halt)
                {
                    // Everything before the failed entry is done; the failed one is retried on restart.
                    PublishProgress(next - 1);
                    _fault = exception;
                    Interlocked.Exchange(ref _faultSequence, next);
                    return Halted;
                }
                PublishProgress(next);
                next++;
                if (next > available)
                {
                    return next;
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void PublishProgress(long sequence)
    {
        Sequence.Value = sequence;
        if (_signalProgress)
        {
            // Downstream stages parked in a blocking strategy wait on our sequence, not just the cursor.
            _barrier.WaitStrategy.SignalAllWhenBlocking();
        }
    }

    private void NotifyStart()
    {
        try
        {
            _handler.OnStart();
        }
        catch (Exception exception)
        {
            _exceptionHandler.OnStartException(exception);
        }
    }

    private void NotifyShutdown()
    {
        try
        {
            _handler.OnShutdown();
        }
        catch (Exception exception)
        {
            _exceptionHandler.OnShutdownException(exception);
        }
    }
}
