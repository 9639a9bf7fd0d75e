using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Node.Pipeline;

namespace TradeX.Gateway.Tests.Support;

/// <summary>The gateway's input port onto the node's input ring (what the node's host writes too).</summary>
public sealed class PipelineInputPort(InputPublisher publisher) : IEngineInputPort
{
    public bool TryPublish(in EngineInput input, int producer, long startTicks, bool measure) => publisher.TryPublish(in input, producer, startTicks, measure);
}

/// <summary>
/// The gateway as a publisher on the node's output ring. <paramref name="core"/> pins the publisher's thread
/// (NodePipeline.AddPublisher places no thread): keep it off the engine's core on a small machine.
/// </summary>
public sealed class GatewayEventHandler(OrderEntryGateway gateway, int? core = null) : IEventHandler<OutputEntry>
{
    public void OnEvent(ref OutputEntry data, long sequence, bool endOfBatch) => gateway.OnEngineEvent(in data.Event, data.Producer, endOfBatch);

    public void OnStart()
    {
        if (core is not null) CpuAffinity.PinCurrentThread(core, "gateway-publisher");
    }
}
