using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>
/// The sequencer for a ring that many threads publish into concurrently (the input ring: gateways,
/// venue sessions, market data, admin, a timer). A claim is one compare-and-swap on the cursor;
/// because producers may publish out of order, each slot records the lap in which it was published
/// and consumers only ever see an unbroken run of published entries.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly Sequence _gatingCache = new();
    private readonly int[] _availableBuffer;
    private readonly int _indexMask;
    private readonly int _indexShift;

    /// <summary>Creates a multi-producer sequencer for a ring of <paramref name="bufferSize"/> slots.</summary>
    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _availableBuffer = new int[bufferSize];
        _availableBuffer.AsSpan().Fill(-1);
        _indexMask = bufferSize - 1;
        _indexShift = System.Numerics.BitOperations.Log2((uint)bufferSize);
    }

    /// <inheritdoc/>
    public override long Claim(int count)
    {
        CheckClaimCount(count);
        var spin = new SpinWait();
        while (true)
        {
            long current = Cursor.Value;
            long next = current + count;
            if (HasCapacity(next - BufferSize, current))
            {
                if (Cursor.CompareAndSet(current, next))
                {
                    return next;
                }
                continue; // another producer won the slot: retry at once
            }
            // The ring is full: spin, then yield (never Sleep(1), see SingleProducerSequencer.WaitForCapacity).
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <inheritdoc/>
    public override bool TryClaim(int count, out long highest)
    {
        CheckClaimCount(count);
        while (true)
        {
            long current = Cursor.Value;
            long next = current + count;
            if (!HasCapacity(next - BufferSize, current))
            {
                highest = Sequence.InitialValue;
                return false;
            }
            if (Cursor.CompareAndSet(current, next))
            {
                highest = next;
                return true;
            }
        }
    }

    /// <inheritdoc/>
    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        SignalConsumers();
    }

    /// <inheritdoc/>
    public override void Publish(long low, long high)
    {
        for (long sequence = low; sequence <= high; sequence++)
        {
            SetAvailable(sequence);
        }
        SignalConsumers();
    }

    /// <inheritdoc/>
    public override bool IsAvailable(long sequence)
    {
        ref int slot = ref Slot(sequence);
        return Volatile.Read(ref slot) == (int)(sequence >>> _indexShift);
    }

    /// <inheritdoc/>
    public override long GetHighestPublishedSequence(long low, long available)
    {
        for (long sequence = low; sequence <= available; sequence++)
        {
            if (!IsAvailable(sequence))
            {
                return sequence - 1;
            }
        }
        return available;
    }

    private bool HasCapacity(long wrapPoint, long current)
    {
        long cached = _gatingCache.Value;
        if (wrapPoint > cached || cached > current)
        {
            long minimum = Sequence.Minimum(GatingSequences, current);
            _gatingCache.Value = minimum;
            return wrapPoint <= minimum;
        }
        return true;
    }

    // The lap number (sequence / size) marks a slot published for this lap and no earlier one.
    private void SetAvailable(long sequence) => Volatile.Write(ref Slot(sequence), (int)(sequence >>> _indexShift));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Slot(long sequence) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (int)sequence & _indexMask);
}
