using Spectre.Console;
using TradeX.Gateway;

namespace TradeX.Node.Gateway;

/// <summary>The gateway's line of the main job's report.</summary>
public static class GatewayReport
{
    public static void Write(IAnsiConsole console, OrderEntryGateway gateway)
    {
        var g = gateway.Statistics;
        console.MarkupLine($"Gateway: {g.ConnectionsAccepted:N0} connections, {g.Establishments:N0} sessions established, {g.NegotiationRejects:N0} negotiation rejects; " +
                           $"{g.InputsPublished:N0} inputs to the engine, {g.OutputEvents:N0} engine events read; business rejects {g.BusinessRejects:N0}, throttled {g.Throttled:N0}, " +
                           $"engine busy {g.EngineBusy:N0}, malformed frames {g.MalformedFrames:N0}; protection trips {g.ProtectionTrips:N0}, resets {g.ProtectionResets:N0}; " +
                           $"slow-consumer disconnects {g.SlowConsumerDisconnects:N0}, cancel-on-disconnect {g.CancelOnDisconnects:N0}.");
    }
}
