using System.Net;
using TradeX.Core;
using TradeX.Gateway;
using TradeX.Gateway.Participants;
using TradeX.Node.Config;
using TradeX.Pipeline;
using TradeX.Sim.Simulator;

namespace TradeX.Node.Gateway;

/// <summary>How the node binds the market-maker gateway to its rings (docs/gateway.md, "Hosting").</summary>
public static class GatewayBindings
{
    /// <summary>The gateway's inputs go into the input ring through the same publisher as every producer ("busy" when full).</summary>
    public static IEngineInputPort InputPort(NodePipeline pipeline) => new PipelineInputPort(pipeline.Publisher);

    /// <summary>The gateway reads engine events from the output ring as one of its publishers.</summary>
    public static GatewayOutputHandler<OutputEntry> OutputHandler(OrderEntryGateway gateway, int? core = null) =>
        new(gateway, static (ref OutputEntry e) => ref e.Event, static (ref OutputEntry e) => e.Producer, core);
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
/// The participants the node's gateway admits and, when the simulator drives the node, the simulated
/// market makers and takers with their secrets. With the simulator and no configured store, a fresh
/// store with random secrets is written to a temporary directory (never inside the repository) and
/// removed when the run ends.
/// </summary>
public sealed class NodeParticipants : IDisposable
{
    private readonly DirectoryInfo? _temporary;

    private NodeParticipants(ParticipantStore store, IReadOnlyList<SimParticipant> marketMakers, IReadOnlyList<SimParticipant> takers, DirectoryInfo? temporary)
    {
        Store = store;
        MarketMakers = marketMakers;
        Takers = takers;
        _temporary = temporary;
    }

    public ParticipantStore Store { get; }
    public IReadOnlyList<SimParticipant> MarketMakers { get; }
    public IReadOnlyList<SimParticipant> Takers { get; }

    /// <summary>Where the store was read from (for the report).</summary>
    public string Description => _temporary is null ? Store.Source : $"generated for the simulator ({Store.Participants.Count} participants, random secrets, temporary file)";

    /// <exception cref="ParticipantStoreException">The configured store cannot be used (the message names file and field).</exception>
    public static NodeParticipants Prepare(NodeConfig config)
    {
        if (config.Run.Load != "simulator")
        {
            var store = config.Gateway.ParticipantsFile is { } file ? ParticipantStore.Load(file) : ParticipantStore.LoadFromEnvironment();
            return new NodeParticipants(store, [], [], null);
        }
        var temporary = Directory.CreateTempSubdirectory("tradex-participants-");
        try
        {
            var sim = config.Simulator;
            var protection = sim.Protection is { } p && (p.MaxQuantity > 0 || p.MaxFills > 0)
                ? new[] { new ProtectionSetting(0, p.WindowMillis * 1_000_000L, p.MaxQuantity, p.MaxFills) }
                : [];
            var cancelOnDisconnect = sim.CancelOnDisconnect switch
            {
                "none" => CancelOnDisconnect.None,
                "all" => CancelOnDisconnect.All,
                _ => CancelOnDisconnect.QuotesOnly,
            };
            string path = Path.Combine(temporary.FullName, "participants.json");
            var ids = sim.MarketMakers.Concat(sim.Takers).ToList();
            var participants = SimulatorSetup.WriteParticipantFile(path,
                ids.Select(id => (id, (IReadOnlyList<int>)config.Accounts.Where(a => a.Participant == id).Select(a => a.Id).ToList())),
                cancelOnDisconnect, sim.MessagesPerSecond, protection);
            var store = ParticipantStore.Load(path);
            return new NodeParticipants(store,
                participants.Where(x => sim.MarketMakers.Contains(x.ParticipantId)).ToList(),
                participants.Where(x => sim.Takers.Contains(x.ParticipantId)).ToList(), temporary);
        }
        catch
        {
            temporary.Delete(recursive: true);
            throw;
        }
    }

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

/// <summary>Builds the gateway and the simulator's options from the node configuration.</summary>
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
            Clock = new DelegateGatewayClock(NodeClock.NowNanos),
        };
        var gateway = new OrderEntryGateway(options, store, GatewayBindings.InputPort(pipeline), log);
        pipeline.AddPublisher("gateway", GatewayBindings.OutputHandler(gateway, config.Cores.Publisher));
        return gateway;
    }

    public static SimulatorOptions SimulatorOptions(NodeConfig config, OrderEntryGateway gateway, NodeParticipants participants, TimeSpan measured) => new()
    {
        Endpoint = gateway.LocalEndPoint,
        MarketMakers = participants.MarketMakers,
        Takers = participants.Takers,
        Instruments = config.Instruments.Select(i => new SimInstrument(i.Id, Price.Parse(i.Reference).Raw, Price.Parse(i.Tick).Raw)).ToList(),
        OrdersPerSecond = config.Simulator.OrdersPerSecond,
        MassQuotesPerSecond = config.Simulator.MassQuotesPerSecond,
        EntriesPerMassQuote = config.Simulator.EntriesPerMassQuote,
        QuoteSize = config.Simulator.QuoteSize,
        Warmup = TimeSpan.FromSeconds(config.Simulator.WarmupSeconds),
        Duration = measured,
        Seed = config.Simulator.Seed,
    };
}
