using TradeX.Core;

namespace TradeX.Pipeline;

/// <summary>
/// One claimed slot of the input ring, filled in place and published when disposed — the producer
/// writes the input straight into the pre-allocated slot instead of building it on its stack first:
/// <code>
/// using var claim = publisher.TryClaim(producer);
/// if (!claim.IsClaimed) return false;   // busy: nothing was claimed
/// ref EngineInput input = ref claim.Input;
/// input = EngineInput.Tick();           // fill the whole input, then stamp it
/// input.Time = NodeClock.NowNanos();
/// </code>
/// The input's sequence is set on publish. The header fields the pipeline reads besides the input
/// (producer, and the latency start when <see cref="MeasureFrom"/> is called) are set through the claim.
/// A claimed slot must be published — the ring's consumers wait for it in sequence — so Dispose
/// publishes whatever was written, even after an exception half-way; the claim clears the slot's kind
/// first, so a slot left unfilled reaches the engine as an unknown input (rejected and journaled),
/// never as the input the slot held one lap earlier.
/// </summary>
public readonly ref struct InputClaim
{
    private readonly InputPublisher? _publisher;
    private readonly ref InputEntry _entry;
    private readonly long _slot;
    private readonly long _sequence;

    internal InputClaim(InputPublisher publisher, ref InputEntry entry, long slot, long sequence)
    {
        _publisher = publisher;
        _entry = ref entry;
        _slot = slot;
        _sequence = sequence;
    }

    /// <summary>False when the ring was full: there is no slot, and nothing will be published.</summary>
    public bool IsClaimed => _publisher is not null;

    /// <summary>The slot's engine input, to fill in place.</summary>
    public ref EngineInput Input => ref _entry.Input;

    /// <summary>The engine sequence the input will carry.</summary>
    public long Sequence => _sequence;

    /// <summary>
    /// Times the response to this input: from <paramref name="startTicks"/> (<see cref="System.Diagnostics.Stopwatch"/>
    /// ticks at which the input entered, or open loop was due to enter, the node) to its first event at the publisher.
    /// </summary>
    public void MeasureFrom(long startTicks)
    {
        _entry.StartTicks = startTicks;
        _entry.Measure = true;
    }

    /// <summary>Publishes the slot (a claim that was not made does nothing).</summary>
    public void Dispose()
    {
        if (_publisher is null) return;
        _entry.Input.Sequence = _sequence;
        _publisher.Publish(_slot);
    }
}
