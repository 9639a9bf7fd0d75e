using TradeX.Core;

namespace TradeX.Gateway;

/// <summary>
/// Where the gateway puts engine inputs: the node's input ring (an adapter over
/// <c>InputPublisher.TryPublish</c>). Called from the gateway's I/O thread only. False means "busy"
/// (the ring is full, nothing was queued): the gateway answers with <see cref="GatewayReason.EngineBusy"/>.
/// The port sets the input's sequence; the gateway sets its time.
/// </summary>
public interface IEngineInputPort
{
    bool TryPublish(in EngineInput input, int producer, long startTicks, bool measure);
}
