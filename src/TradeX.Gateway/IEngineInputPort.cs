using TradeX.Core;

namespace TradeX.Gateway;

/// <summary>
/// Where the gateway puts engine inputs: the node's input ring (the node binds it to its input
/// publisher). False means "busy" (the ring is full, nothing was queued): the gateway answers with
/// <see cref="GatewayReason.EngineBusy"/>. The port sets the input's sequence; the gateway sets its time.
/// Only business goes through it: what the input is and which producer (session) it answers to.
/// </summary>
public interface IEngineInputPort
{
    bool TryPublish(in EngineInput input, int producer);
}

/// <summary>
/// Response-latency measurement inside the node, kept apart from the business port: a port that
/// also implements this is handed the requests of market-maker sessions together with the time their
/// bytes were received (<see cref="System.Diagnostics.Stopwatch"/> ticks, once per I/O duty cycle), and
/// times each one's first event from then. The gateway uses it when <see cref="GatewayOptions.MeasureInputs"/>
/// is set; its own inputs (cancel-on-disconnect, operator resets, start-up) take the business port and are not timed.
/// </summary>
public interface IMeasuredInputPort
{
    bool TryPublish(in EngineInput input, int producer, long receivedTicks);
}
