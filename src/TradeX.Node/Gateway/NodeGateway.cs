using System.Net;
using TradeX.Core;
using TradeX.Gateway;
using TradeX.Gateway.Participants;
using TradeX.Node.Config;
using TradeX.Pipeline;

namespace TradeX.Node.Gateway;

/// <summary>How the node binds the market-maker gateway to its rings (docs/gateway.md, "Hosting").</summary>
public static class GatewayBindings
{
    /// <summary>The gateway's inputs go into the input ring through the same publisher as every producer ("busy" when full).</summary>
    public static IEngineInputPort InputPort(NodePipeline pipeline) => new PipelineInputPort(pipeline.Publisher);

    /// <summary>The gateway reads engine events from the output ring as one of its publishers.</summary>
    public static GatewayOutputHandler<OutputEntry> OutputHandler(OrderEntryGateway gateway, int? core = null, HopLatencies? hops = null) =>
        new(gateway, static (ref OutputEntry e) => ref e.Event, static (ref OutputEntry e) => e.Producer, core,
            hops is null ? null : MeasuredOf, hops is null ? null : hops.RecordWritten);

    private static bool MeasuredOf(ref OutputEntry e, out long startTicks, out long appliedTicks)
    {
        startTicks = e.StartTicks;
        appliedTicks = e.AppliedTicks;
        return e.FirstOfInput && e.Measure;
    }
}

/// <summary>
/// The gateway's input port over the pipeline's publisher: each input is copied into a claimed slot of the
/// input ring. The market-maker sessions' requests come with the time their bytes were received, and the
/// slot's header carries it so the publisher times the response from then (the node's in-node latency).
/// </summary>
public sealed class PipelineInputPort(InputPublisher publisher) : IEngineInputPort, IMeasuredInputPort
{
    public bool TryPublish(in EngineInput input, int producer) => publisher.TryPublish(in input, producer);

    public bool TryPublish(in EngineInput input, int producer, long receivedTicks)
    {
        using var claim = publisher.TryClaim(producer);
        if (!claim.IsClaimed) return false;
        claim.Input = input;
        claim.MeasureFrom(receivedTicks);
        return true;
    }
}

/// <summary>
/// The participants the node's gateway admits: the configured store (<c>gateway.participantsFile</c>, or the
/// file <c>TRADEX_PARTICIPANTS</c> names), or one a load wrote for itself in a temporary directory (never
/// inside the repository), removed when the run ends.
/// </summary>
public sealed class NodeParticipants : IDisposable
{
    private readonly DirectoryInfo? _temporary;
    private readonly string? _description;

    private NodeParticipants(ParticipantStore store, DirectoryInfo? temporary, string? description)
    {
        Store = store;
        _temporary = temporary;
        _description = description;
    }

    public ParticipantStore Store { get; }

    /// <summary>Where the store was read from (for the report).</summary>
    public string Description => _description ?? Store.Source;

    /// <exception cref="ParticipantStoreException">The configured store cannot be used (the message names file and field).</exception>
    public static NodeParticipants Configured(NodeConfig config) =>
        new(config.Gateway.ParticipantsFile is { } file ? ParticipantStore.Load(file) : ParticipantStore.LoadFromEnvironment(), null, null);

    /// <summary>A store a load wrote into <paramref name="temporary"/>; the directory is deleted with it.</summary>
    public static NodeParticipants Temporary(ParticipantStore store, DirectoryInfo temporary, string description) => new(store, temporary, description);

    public void Dispose()
    {
        try
        {
            _temporary?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the file holds only salted hashes of throw-away secrets.
        }
    }
}

/// <summary>Builds the gateway from the node configuration and binds it to the pipeline's rings.</summary>
public static class NodeGatewayFactory
{
    public static OrderEntryGateway Create(NodeConfig config, NodePipeline pipeline, ParticipantStore store, Action<string> log)
    {
        var options = new GatewayOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Parse(config.Gateway.Address), config.Gateway.Port),
            MaxSessions = config.Gateway.MaxSessions,
            SendBufferBytes = config.Gateway.SendBufferKilobytes * 1024,
            IoCore = config.Gateway.IoCore,
            IoHost = pipeline.InputThread,
            Clock = new DelegateGatewayClock(NodeClock.NowNanos),
        };
        var gateway = new OrderEntryGateway(options, store, GatewayBindings.InputPort(pipeline), log);
        pipeline.AddPublisher("gateway", GatewayBindings.OutputHandler(gateway, pipeline.Threading == ThreadingMode.Dedicated ? config.Cores.Publisher : null,
            pipeline.Statistics.Hops));
        return gateway;
    }
}
