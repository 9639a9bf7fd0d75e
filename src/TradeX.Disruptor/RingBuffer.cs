using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TradeX.Disruptor;

/// <summary>Fills a freshly allocated entry once, when the ring is created (for entries that own buffers).</summary>
public delegate void EntryInitializer<T>(ref T entry)
    where T : struct;

/// <summary>
/// A pre-allocated ring of struct entries shared by producers and the stages that consume them.
/// Producers claim a slot, fill it in place through the <c>ref</c> indexer and publish it:
/// <code>
/// long sequence = ring.Claim();            // or: if (!ring.TryClaim(out sequence)) answer "busy"
/// try { ref var entry = ref ring[sequence]; entry.X = ...; }
/// finally { ring.Publish(sequence); }     // always publish a claimed slot, or consumers wait forever
/// </code>
/// Nothing is allocated after construction.
/// </summary>
/// <typeparam name="T">The entry type: a struct, overwritten in place lap after lap.</typeparam>
public sealed class RingBuffer<T>
    where T : struct
{
    private readonly T[] _entries;
    private readonly int _padding;
    private readonly long _indexMask;
    private readonly Sequencer _sequencer;
    // Set when the sequencer is the single-producer one, checked once per call: a sealed type, so the
    // claim and publish below are direct calls the JIT inlines, not virtual calls through Sequencer.
    private readonly SingleProducerSequencer? _single;

    /// <summary>Creates a ring around <paramref name="sequencer"/>, optionally initialising every entry once.</summary>
    public RingBuffer(Sequencer sequencer, EntryInitializer<T>? initializer = null)
    {
        ArgumentNullException.ThrowIfNull(sequencer);
        _sequencer = sequencer;
        _single = sequencer as SingleProducerSequencer;
        // Unused entries at both ends keep the live ones off cache lines that neighbouring objects write.
        _padding = Math.Max(1, 128 / Math.Max(1, Unsafe.SizeOf<T>()));
        _entries = new T[sequencer.BufferSize + (2 * _padding)];
        _indexMask = sequencer.BufferSize - 1;
        if (initializer is not null)
        {
            for (int i = 0; i < sequencer.BufferSize; i++)
            {
                initializer(ref _entries[_padding + i]);
            }
        }
    }

    /// <summary>A ring that exactly one thread publishes into.</summary>
    public static RingBuffer<T> CreateSingleProducer(int bufferSize, IWaitStrategy waitStrategy, EntryInitializer<T>? initializer = null) =>
        new(new SingleProducerSequencer(bufferSize, waitStrategy), initializer);

    /// <summary>A ring that many threads publish into concurrently.</summary>
    public static RingBuffer<T> CreateMultiProducer(int bufferSize, IWaitStrategy waitStrategy, EntryInitializer<T>? initializer = null) =>
        new(new MultiProducerSequencer(bufferSize, waitStrategy), initializer);

    /// <summary>A ring with the sequencer named by <paramref name="producerType"/>.</summary>
    public static RingBuffer<T> Create(ProducerType producerType, int bufferSize, IWaitStrategy waitStrategy, EntryInitializer<T>? initializer = null) =>
        producerType == ProducerType.Single
            ? CreateSingleProducer(bufferSize, waitStrategy, initializer)
            : CreateMultiProducer(bufferSize, waitStrategy, initializer);

    /// <summary>The number of slots.</summary>
    public int BufferSize => _sequencer.BufferSize;

    /// <summary>The sequencer that hands out and tracks sequences.</summary>
    public Sequencer Sequencer => _sequencer;

    /// <summary>The wait strategy of every stage on this ring.</summary>
    public IWaitStrategy WaitStrategy => _sequencer.WaitStrategy;

    /// <summary>The highest sequence claimed so far (for a single producer: published).</summary>
    public long Cursor => _sequencer.Cursor.Value;

    /// <summary>The entry for <paramref name="sequence"/>, by reference: fill it after a claim, read it in a handler.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), _padding + (int)(sequence & _indexMask));
    }

    /// <summary>Claims the next slot, waiting (with back-off) while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Claim() => _single is { } single ? single.Claim(1) : _sequencer.Claim(1);

    /// <summary>Claims <paramref name="count"/> consecutive slots (1 to <see cref="BufferSize"/>), waiting while full; returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Claim(int count) => _single is { } single ? single.Claim(count) : _sequencer.Claim(count);

    /// <summary>Claims the next slot, or returns false at once when the ring is full ("busy": nothing claimed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(out long sequence) => _single is { } single ? single.TryClaim(1, out sequence) : _sequencer.TryClaim(1, out sequence);

    /// <summary>Claims <paramref name="count"/> slots, or returns false at once when they are not all free; returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryClaim(int count, out long highest) => _single is { } single ? single.TryClaim(count, out highest) : _sequencer.TryClaim(count, out highest);

    /// <summary>Publishes the entry at <paramref name="sequence"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is { } single)
        {
            single.Publish(sequence);
        }
        else
        {
            _sequencer.Publish(sequence);
        }
    }

    /// <summary>Publishes the entries <paramref name="low"/> to <paramref name="high"/> (a batch claim).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long low, long high)
    {
        if (_single is { } single)
        {
            single.Publish(high);
        }
        else
        {
            _sequencer.Publish(low, high);
        }
    }

    /// <summary>True when the entry at <paramref name="sequence"/> is published and not yet overwritten.</summary>
    public bool IsPublished(long sequence) => _sequencer.IsAvailable(sequence);

    /// <summary>How many slots could be claimed right now without waiting.</summary>
    public long RemainingCapacity() => _sequencer.RemainingCapacity();

    /// <summary>A barrier for a stage that follows the producers and, if given, the stages in <paramref name="dependencies"/>.</summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependencies) => _sequencer.NewBarrier(dependencies);

    /// <summary>Stops producers from overtaking these consumers (add the last stage(s) of the graph).</summary>
    public void AddGatingSequences(params Sequence[] sequences) => _sequencer.AddGatingSequences(sequences);

    /// <summary>Removes a gating consumer.</summary>
    public bool RemoveGatingSequence(Sequence sequence) => _sequencer.RemoveGatingSequence(sequence);
}
