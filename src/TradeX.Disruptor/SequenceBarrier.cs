namespace TradeX.Disruptor;

/// <summary>
/// What a consumer waits on: the producers' cursor and, for a downstream stage, the sequences of the
/// stages it is gated on. This is how stages form a graph: the engine's barrier lists the journal and
/// replication stages, so it never sees an entry before both have finished with it.
/// </summary>
public sealed class SequenceBarrier
{
    /// <summary>Returned by <see cref="WaitFor"/> when a wait strategy with a timeout gave up.</summary>
    public const long TimedOut = long.MinValue;

    private readonly Sequencer _sequencer;
    private readonly Sequence _cursor;
    private readonly Sequence[] _dependencies;
    // A single producer publishes in order: whatever the cursor passed is published, no slot to check.
    private readonly bool _publishedInOrder;
    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, Sequence[] dependencies)
    {
        _sequencer = sequencer;
        _cursor = sequencer.Cursor;
        _dependencies = [.. dependencies];
        _publishedInOrder = sequencer is SingleProducerSequencer;
        WaitStrategy = sequencer.WaitStrategy;
    }

    /// <summary>The wait strategy shared with the ring this barrier belongs to.</summary>
    public IWaitStrategy WaitStrategy { get; }

    /// <summary>The producers' cursor (claimed, for a multi-producer ring; not necessarily published).</summary>
    public long Cursor => _cursor.Value;

    /// <summary>
    /// The highest sequence every dependency has passed: the slowest upstream stage, or the cursor
    /// when this barrier has no upstream stage.
    /// </summary>
    public long DependentSequence => _dependencies.Length == 0 ? _cursor.Value : Sequence.Minimum(_dependencies, long.MaxValue);

    /// <summary>True after <see cref="Alert"/> until <see cref="ClearAlert"/>: the consumer is asked to stop waiting.</summary>
    public bool IsAlerted => _alerted;

    /// <summary>
    /// Waits until <paramref name="sequence"/> is available and returns the highest available
    /// sequence (which may be well beyond it: that is a batch). Returns less than
    /// <paramref name="sequence"/> when alerted (check <see cref="IsAlerted"/>), when the wait strategy
    /// timed out (<see cref="TimedOut"/>), or when a multi-producer slot is claimed but not yet published.
    /// </summary>
    public long WaitFor(long sequence)
    {
        if (_alerted)
        {
            return sequence - 1;
        }
        long available = WaitStrategy.WaitFor(sequence, this);
        if (available < sequence || _publishedInOrder)
        {
            return available;
        }
        return _sequencer.GetHighestPublishedSequence(sequence, available);
    }

    /// <summary>Asks the consumer waiting on this barrier to stop waiting (used to halt it).</summary>
    public void Alert()
    {
        _alerted = true;
        WaitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Clears a previous alert so the consumer can run again (restart).</summary>
    public void ClearAlert() => _alerted = false;
}
