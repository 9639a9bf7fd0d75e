using TradeX.Core;
using TradeX.Disruptor;

namespace TradeX.Gateway;

/// <summary>Selects the engine event of an output ring entry, by reference (nothing copied).</summary>
public delegate ref EngineEvent EventOf<TEntry>(ref TEntry entry);

/// <summary>Selects the producer id of the input that caused an output ring entry.</summary>
public delegate int ProducerOf<TEntry>(ref TEntry entry);

/// <summary>
/// The gateway as a publisher on an output ring whose entry type it does not know (the node's
/// <c>OutputEntry</c>): <c>pipeline.AddPublisher("gateway", new GatewayOutputHandler&lt;OutputEntry&gt;(gateway,
/// static (ref OutputEntry e) =&gt; ref e.Event, static (ref OutputEntry e) =&gt; e.Producer))</c>.
/// <paramref name="core"/> pins the publisher's thread (the pipeline places added publishers nowhere):
/// keep it off the engine's core on a small machine.
/// </summary>
public sealed class GatewayOutputHandler<TEntry>(OrderEntryGateway gateway, EventOf<TEntry> eventOf, ProducerOf<TEntry> producerOf, int? core = null)
    : IEventHandler<TEntry>
    where TEntry : struct
{
    public void OnEvent(ref TEntry data, long sequence, bool endOfBatch) =>
        gateway.OnEngineEvent(in eventOf(ref data), producerOf(ref data), endOfBatch);

    public void OnStart()
    {
        if (core is not null) CpuAffinity.PinCurrentThread(core, "gateway-publisher");
    }
}
