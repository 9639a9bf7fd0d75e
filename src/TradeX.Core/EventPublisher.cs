using System.Runtime.CompilerServices;

namespace TradeX.Core;

/// <summary>
/// The engine's one way out: stamps each event with the sequence of the input being applied and the engine time,
/// and hands it to the sink on the engine thread. Every component that publishes shares the engine's instance, so
/// all events of one input carry the same stamp whichever component raised them, in the order they were raised.
/// </summary>
internal sealed class EventPublisher
{
    private readonly IEngineEventSink _sink;

    /// <summary>Sequence number of the input being applied (the last one applied, between inputs).</summary>
    public long Sequence;

    /// <summary>Engine time: the latest time stamped on any input so far (inputs never move it backwards).</summary>
    public long Now;

    public EventPublisher(IEngineEventSink sink) => _sink = sink;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(ref EngineEvent e, EventKind kind)
    {
        e.Kind = kind;
        e.Sequence = Sequence;
        e.Time = Now;
        _sink.Publish(in e);
    }
}
