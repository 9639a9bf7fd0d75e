using TradeX.Core;

namespace TradeX.Testing;

/// <summary>Discards events.</summary>
public sealed class NullSink : IEngineEventSink
{
    public static readonly NullSink Instance = new();
    public void Publish(in EngineEvent e)
    {
    }
}

/// <summary>Collects every event the engine publishes, in order.</summary>
public sealed class RecordingSink : IEngineEventSink
{
    public readonly List<EngineEvent> Events = new();
    public void Publish(in EngineEvent e) => Events.Add(e);
    public void Clear() => Events.Clear();
    public IEnumerable<EngineEvent> OfKind(EventKind kind) => Events.Where(e => e.Kind == kind);
}
