using TradeX.Core;
using TradeX.Disruptor;

namespace TradeX.Pipeline;

/// <summary>
/// How every producer puts an input into the pipeline: claim a slot without waiting, fill it in place
/// (the engine sequence is the ring sequence, offset by what the engine had already applied), publish.
/// When the ring is full the answer is "busy" (false): nothing was claimed, and a gateway turns it into a
/// reject. There is no unbounded queue anywhere. Safe to call from many threads at once.
/// </summary>
public sealed class InputPublisher
{
    private readonly RingBuffer<InputEntry> _ring;
    private readonly long _sequenceBase;
    private long _busy;

    /// <param name="sequenceBase">The engine's last applied sequence when the ring started (0 for a fresh engine).</param>
    public InputPublisher(RingBuffer<InputEntry> ring, long sequenceBase = 0)
    {
        _ring = ring;
        _sequenceBase = sequenceBase;
    }

    /// <summary>Times a producer was told "busy".</summary>
    public long Busy => Interlocked.Read(ref _busy);

    /// <summary>The engine sequence the input at ring sequence <paramref name="ringSequence"/> carries.</summary>
    public long EngineSequence(long ringSequence) => _sequenceBase + ringSequence + 1;

    public bool TryPublish(in EngineInput input, int producer, long startTicks, bool measure = false)
    {
        if (!_ring.TryClaim(out long slot))
        {
            Interlocked.Increment(ref _busy);
            return false;
        }
        ref InputEntry entry = ref _ring[slot];
        entry.Input = input;
        entry.Input.Sequence = _sequenceBase + slot + 1;
        entry.StartTicks = startTicks;
        entry.Producer = producer;
        entry.Measure = measure;
        _ring.Publish(slot);
        return true;
    }
}
