using TradeX.Node.Pipeline;

namespace TradeX.Gateway.Tests.Support;

/// <summary>The node's binding of the gateway to its rings, exactly as docs/gateway.md shows it.</summary>
public static class PipelineBindings
{
    public static IEngineInputPort InputPort(NodePipeline pipeline) => new DelegateInputPort(pipeline.Publisher.TryPublish);

    public static GatewayOutputHandler<OutputEntry> OutputHandler(OrderEntryGateway gateway, int? core = null) =>
        new(gateway, static (ref OutputEntry e) => ref e.Event, static (ref OutputEntry e) => e.Producer, core);
}
