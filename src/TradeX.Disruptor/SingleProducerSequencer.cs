using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>
/// The sequencer for a ring that exactly one thread publishes into (for example the engine's output
/// ring). Claims are plain arithmetic on fields only that thread touches; using it from two threads
/// corrupts the ring, so choose <see cref="MultiProducerSequencer"/> whenever in doubt.
/// No atomic instruction on the way: a claim is a compare against a cached view of the slowest
/// consumer, a publish is one release store of the cursor. The class is sealed and the hot methods are
/// small, so <see cref="RingBuffer{T}"/> calls them directly and the JIT inlines them.
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Claim(int count)
    {
        CheckClaimCount(count);
        long current = _fields.NextValue;
        long next = current + count;
        if (MayWrap(current, next))
        {
            WaitForCapacity(next - BufferSize, current);
        }
        _fields.NextValue = next;
        return next;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryClaim(int count, out long highest)
    {
        CheckClaimCount(count);
        long current = _fields.NextValue;
        long next = current + count;
        if (MayWrap(current, next) && !HasCapacityNow(next - BufferSize, current))
        {
            highest = Sequence.InitialValue;
            return false;
        }
        _fields.NextValue = next;
        highest = next;
        return true;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        Cursor.Value = sequence; // a release store: the entry's writes are visible before the cursor moves
        SignalConsumers();
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool MayWrap(long current, long next)
    {
        long cached = _fields.CachedGatingValue;
        return next - BufferSize > cached || cached > current;
    }

    // The slow paths stay out of line so that the inlined claim is a few instructions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HasCapacityNow(long wrapPoint, long current)
    {
        // Full fence: our earlier publishes must be visible before we read the consumers' progress.
        Interlocked.MemoryBarrier();
        long minimum = Sequence.Minimum(GatingSequences, current);
        _fields.CachedGatingValue = minimum;
        return wrapPoint <= minimum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long wrapPoint, long current)
    {
        Interlocked.MemoryBarrier();
        var spin = new SpinWait();
        long minimum;
        while (wrapPoint > (minimum = Sequence.Minimum(GatingSequences, current)))
        {
            // The ring is full: spin, then yield, but never Sleep(1): a millisecond asleep while the
            // consumer drains the ring in a fraction of that halves the throughput of a full ring.
            spin.SpinOnce(sleep1Threshold: -1);
        }
        _fields.CachedGatingValue = minimum;
    }

    // Written by the producer on every claim: keep them off the lines that consumers read.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct ProducerFields
    {
        [FieldOffset(56)] public long NextValue;
        [FieldOffset(64)] public long CachedGatingValue;
    }
}
