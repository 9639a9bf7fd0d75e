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

/// <summary>Collects events in order.</summary>
public sealed class RecordingSink : IEngineEventSink
{
    public readonly List<EngineEvent> Events = new();
    public void Publish(in EngineEvent e) => Events.Add(e);
}
