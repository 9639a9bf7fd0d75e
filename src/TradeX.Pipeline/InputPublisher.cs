using TradeX.Core;
using TradeX.Disruptor;

namespace TradeX.Pipeline;

/// <summary>
/// How every producer puts an input into the pipeline: claim a slot without waiting, fill it in place,
/// publish (<see cref="TryClaim"/>; <see cref="TryPublish"/> when the input was built elsewhere). The engine
/// sequence is the ring sequence, offset by what the engine had already applied. When the ring is full
/// the answer is "busy": nothing was claimed, and a gateway turns it into a reject. There is no unbounded
/// queue anywhere. Safe to call from many threads at once.
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

    /// <summary>
    /// Claims the next slot for <paramref name="producer"/> without waiting; the claim is not
    /// <see cref="InputClaim.IsClaimed"/> when the ring is full (counted in <see cref="Busy"/>).
    /// Dispose the claim to publish it (<c>using var claim = publisher.TryClaim(producer);</c>).
    /// </summary>
    public InputClaim TryClaim(int producer)
    {
        if (!_ring.TryClaim(out long slot))
        {
            Interlocked.Increment(ref _busy);
            return default;
        }
        ref InputEntry entry = ref _ring[slot];
        entry.Input.Kind = InputKind.None;
        entry.Producer = producer;
        entry.StartTicks = 0;
        entry.Measure = false;
        entry.DurableTicks = 0;
        return new InputClaim(this, ref entry, slot, EngineSequence(slot));
    }

    /// <summary>
    /// Woken after every publish when the thread that consumes the input ring sleeps in the kernel (the
    /// node's shared and single threading modes); null when its stages wait by their wait strategy.
    /// </summary>
    public TradeX.Disruptor.Agents.WakeSignal? Wake { get; set; }

    internal void Publish(long slot)
    {
        _ring.Publish(slot);
        Wake?.Signal();
    }

    /// <summary>Copies an input built elsewhere (pre-generated, or handed over a port) into a slot; false means "busy".</summary>
    public bool TryPublish(in EngineInput input, int producer)
    {
        using var claim = TryClaim(producer);
        if (!claim.IsClaimed) return false;
        claim.Input = input;
        return true;
    }
}
