using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>
/// The sequencer for a ring that exactly one thread publishes into (for example the engine's output
/// ring). Claims are plain arithmetic on fields only that thread touches; using it from two threads
/// corrupts the ring, so choose <see cref="MultiProducerSequencer"/> whenever in doubt.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    private ProducerFields _fields;

    /// <summary>Creates a single-producer sequencer for a ring of <paramref name="bufferSize"/> slots.</summary>
    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _fields.NextValue = Sequence.InitialValue;
        _fields.CachedGatingValue = Sequence.InitialValue;
    }

    /// <inheritdoc/>
    public override long Claim(int count)
    {
        CheckClaimCount(count);
        long current = _fields.NextValue;
        long next = current + count;
        if (MayWrap(current, next))
        {
            _fields.CachedGatingValue = WaitForCapacity(next - BufferSize, current);
        }
        _fields.NextValue = next;
        return next;
    }

    /// <inheritdoc/>
    public override bool TryClaim(int count, out long highest)
    {
        CheckClaimCount(count);
        long current = _fields.NextValue;
        long next = current + count;
        if (MayWrap(current, next))
        {
            // Full fence: our earlier publishes must be visible before we read the consumers' progress.
            Interlocked.MemoryBarrier();
            long minimum = Sequence.Minimum(GatingSequences, current);
            _fields.CachedGatingValue = minimum;
            if (next - BufferSize > minimum)
            {
                highest = Sequence.InitialValue;
                return false;
            }
        }
        _fields.NextValue = next;
        highest = next;
        return true;
    }

    /// <inheritdoc/>
    public override void Publish(long sequence)
    {
        Cursor.Value = sequence;
        SignalConsumers();
    }

    /// <inheritdoc/>
    public override void Publish(long low, long high) => Publish(high);

    /// <inheritdoc/>
    public override bool IsAvailable(long sequence)
    {
        long cursor = Cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    /// <inheritdoc/>
    public override long GetHighestPublishedSequence(long low, long available) => available;

    // True when the cached view of the slowest consumer cannot prove the claim is safe (checked rarely: once a lap).
    private bool MayWrap(long current, long next)
    {
        long cached = _fields.CachedGatingValue;
        return next - BufferSize > cached || cached > current;
    }

    private long WaitForCapacity(long wrapPoint, long current)
    {
        Interlocked.MemoryBarrier();
        var spin = new SpinWait();
        long minimum;
        while (wrapPoint > (minimum = Sequence.Minimum(GatingSequences, current)))
        {
            // The ring is full: back off politely (yield, then sleep) rather than burn a shared core.
            spin.SpinOnce();
        }
        return minimum;
    }

    // Written by the producer on every claim: keep them off the lines that consumers read.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct ProducerFields
    {
        [FieldOffset(56)] public long NextValue;
        [FieldOffset(64)] public long CachedGatingValue;
    }
}
