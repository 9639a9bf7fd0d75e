namespace TradeX.Disruptor;

/// <summary>
/// Runs a stage: waits on its barrier, hands every available entry to the handler in sequence order
/// (one batch per wake-up, <c>endOfBatch</c> on the last), then publishes its progress with a single
/// write. Exceptions go to the <see cref="IExceptionHandler{T}"/>, which decides skip or halt.
/// After a halt, calling <see cref="Run"/> again restarts from the first entry not yet handled.
/// The loop is <see cref="BatchEventProcessor{T, THandler}"/>'s; use that type directly with a struct
/// handler to have the handler inlined into it.
/// </summary>
public sealed class BatchEventProcessor<T> : IEventProcessor
    where T : struct
{
    private readonly BatchEventProcessor<T, IEventHandler<T>> _loop;

    /// <summary>
    /// Creates a stage on <paramref name="ring"/> that waits on <paramref name="barrier"/> (from
    /// <see cref="RingBuffer{T}.NewBarrier"/>, listing the stages it is gated on). Without an exception
    /// handler, failures are logged to standard error and halt the stage.
    /// </summary>
    public BatchEventProcessor(string name, RingBuffer<T> ring, SequenceBarrier barrier, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null) =>
        _loop = new BatchEventProcessor<T, IEventHandler<T>>(name, ring, barrier, handler, exceptionHandler);

    /// <inheritdoc/>
    public string Name => _loop.Name;

    /// <inheritdoc/>
    public Sequence Sequence => _loop.Sequence;

    /// <inheritdoc/>
    public bool IsRunning => _loop.IsRunning;

    /// <summary>The exception that halted the stage last time it ran, or null if it halted on request.</summary>
    public Exception? Fault => _loop.Fault;

    /// <summary>The sequence whose entry caused <see cref="Fault"/> (-1 when there is none).</summary>
    public long FaultSequence => _loop.FaultSequence;

    /// <inheritdoc/>
    public void Run() => _loop.Run();

    /// <inheritdoc/>
    public void Halt() => _loop.Halt();
}
