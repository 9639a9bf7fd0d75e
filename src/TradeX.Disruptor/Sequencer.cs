namespace TradeX.Disruptor;

/// <summary>
/// Hands out sequence numbers to producers and tracks what is published, never letting a producer
/// lap the slowest gating consumer. Pick <see cref="SingleProducerSequencer"/> when one thread
/// publishes and <see cref="MultiProducerSequencer"/> otherwise; <see cref="RingBuffer{T}"/> wraps both.
/// </summary>
public abstract class Sequencer
{
    private readonly object _gatingLock = new();
    private Sequence[] _gatingSequences = [];

    /// <summary>Creates a sequencer for a ring of <paramref name="bufferSize"/> slots (a power of two).</summary>
    protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        if (bufferSize < 1 || (bufferSize & (bufferSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferSize), bufferSize, "the ring size must be a power of two and at least 1");
        }
        ArgumentNullException.ThrowIfNull(waitStrategy);
        BufferSize = bufferSize;
        WaitStrategy = waitStrategy;
        SignalOnPublish = waitStrategy.IsBlocking;
    }

    /// <summary>The number of slots in the ring.</summary>
    public int BufferSize { get; }

    /// <summary>How consumers of this sequencer wait for new entries.</summary>
    public IWaitStrategy WaitStrategy { get; }

    /// <summary>The highest sequence claimed (single producer: published) so far.</summary>
    public Sequence Cursor { get; } = new();

    /// <summary>True when the wait strategy needs a wake-up call after every publish.</summary>
    protected bool SignalOnPublish { get; }

    /// <summary>The consumers' sequences that producers may not overtake (read on every slow-path claim).</summary>
    protected Sequence[] GatingSequences => Volatile.Read(ref _gatingSequences);

    /// <summary>
    /// Adds consumers that producers must not lap. Each added sequence starts at the current cursor,
    /// so a consumer added later does not hold back the ring for entries it will never see.
    /// </summary>
    public void AddGatingSequences(params Sequence[] sequences)
    {
        lock (_gatingLock)
        {
            long cursor = Cursor.Value;
            foreach (Sequence sequence in sequences)
            {
                sequence.Value = cursor;
            }
            Volatile.Write(ref _gatingSequences, [.. _gatingSequences, .. sequences]);
        }
    }

    /// <summary>Removes a gating consumer (for example a stage that now has a downstream stage gating instead).</summary>
    public bool RemoveGatingSequence(Sequence sequence)
    {
        lock (_gatingLock)
        {
            Sequence[] current = _gatingSequences;
            Sequence[] kept = Array.FindAll(current, s => !ReferenceEquals(s, sequence));
            Volatile.Write(ref _gatingSequences, kept);
            return kept.Length != current.Length;
        }
    }

    /// <summary>The slowest gating consumer's sequence, or the cursor when there is none.</summary>
    public long MinimumGatingSequence() => Sequence.Minimum(GatingSequences, Cursor.Value);

    /// <summary>Creates a barrier that waits for this sequencer's publishes and for every one of <paramref name="dependencies"/>.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependencies) => new(this, dependencies);

    /// <summary>Claims the next slot, waiting while the ring is full. Publish the returned sequence, even on failure.</summary>
    public long Claim() => Claim(1);

    /// <summary>Claims <paramref name="count"/> consecutive slots, waiting while the ring is full; returns the highest.</summary>
    public abstract long Claim(int count);

    /// <summary>Claims the next slot unless the ring is full. False means "busy": nothing was claimed.</summary>
    public bool TryClaim(out long sequence) => TryClaim(1, out sequence);

    /// <summary>Claims <paramref name="count"/> slots unless that would overtake a consumer; returns the highest.</summary>
    public abstract bool TryClaim(int count, out long highest);

    /// <summary>Makes the entry at <paramref name="sequence"/> visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Makes every entry from <paramref name="low"/> to <paramref name="high"/> visible to consumers.</summary>
    public abstract void Publish(long low, long high);

    /// <summary>True when the entry at <paramref name="sequence"/> has been published and not yet overwritten.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>
    /// The highest sequence from <paramref name="low"/> up to <paramref name="available"/> below which
    /// everything is published; <c>low - 1</c> when <paramref name="low"/> itself is not yet.
    /// </summary>
    public abstract long GetHighestPublishedSequence(long low, long available);

    /// <summary>How many slots could be claimed right now without waiting.</summary>
    public long RemainingCapacity() => BufferSize - (Cursor.Value - MinimumGatingSequence());

    /// <summary>Wakes consumers blocked in the wait strategy (only blocking strategies need it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    protected void SignalConsumers()
    {
        if (SignalOnPublish)
        {
            WaitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Validates a claim size at the boundary, so a bad count is an answer, not a stuck ring.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    protected void CheckClaimCount(int count)
    {
        if (count < 1 || count > BufferSize)
        {
            ThrowBadCount(count);
        }
    }

    private void ThrowBadCount(int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"a claim must be for 1 to {BufferSize} slots (the ring size)");
}
