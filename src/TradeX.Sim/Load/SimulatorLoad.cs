using Spectre.Console;
using TradeX.Core;
using TradeX.Gateway;
using TradeX.Gateway.Participants;
using TradeX.Metrics;
using TradeX.Node;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Node.Load;
using TradeX.Sim.Simulator;

namespace TradeX.Sim.Load;

/// <summary>
/// The main job's default load (<c>run.load</c> "simulator"): the market makers and takers of the
/// configuration's <c>simulator</c> section, over real TCP sessions to the node's gateway on loopback.
/// They get a fresh participant store with random secrets, in a temporary directory removed after the run.
/// </summary>
public sealed class SimulatorLoad : INodeLoad
{
    private IReadOnlyList<SimParticipant> _marketMakers = [];
    private IReadOnlyList<SimParticipant> _takers = [];

    public string Name => "simulator";

    public bool FeedsTheRing => false;

    public string Describe(NodeConfig config) =>
        $"the market-maker simulator over the gateway ({config.Simulator.MarketMakers.Count} market makers quoting {config.Simulator.MassQuotesPerSecond:N0} mass quotes/s, " +
        $"{config.Simulator.Takers.Count} takers sending {config.Simulator.OrdersPerSecond:N0} requests/s)";

    public NodeParticipants? Participants(NodeConfig config)
    {
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
            _marketMakers = participants.Where(x => sim.MarketMakers.Contains(x.ParticipantId)).ToList();
            _takers = participants.Where(x => sim.Takers.Contains(x.ParticipantId)).ToList();
            return NodeParticipants.Temporary(store, temporary,
                $"generated for the simulator ({store.Participants.Count} participants, random secrets, temporary file)");
        }
        catch
        {
            temporary.Delete(recursive: true);
            throw;
        }
    }

    public ILoadRun Start(NodeHost node, CancellationToken stop)
    {
        var config = node.Config;
        var options = new SimulatorOptions
        {
            Endpoint = node.Gateway!.LocalEndPoint,
            MarketMakers = _marketMakers,
            Takers = _takers,
            Instruments = config.Instruments.Select(i => new SimInstrument(i.Id, Price.Parse(i.Reference).Raw, Price.Parse(i.Tick).Raw)).ToList(),
            OrdersPerSecond = config.Simulator.OrdersPerSecond,
            MassQuotesPerSecond = config.Simulator.MassQuotesPerSecond,
            EntriesPerMassQuote = config.Simulator.EntriesPerMassQuote,
            QuoteSize = config.Simulator.QuoteSize,
            Warmup = TimeSpan.FromSeconds(config.Simulator.WarmupSeconds),
            Duration = TimeSpan.FromSeconds(config.Run.DurationSeconds - config.Simulator.WarmupSeconds),
            Seed = config.Simulator.Seed,
        };
        return new SimulatorRun(options, stop, node.Log);
    }
}

/// <summary>The market-maker simulator running on its own thread for the main job, and its part of the report.</summary>
public sealed class SimulatorRun : ILoadRun
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _done = new(false);

    public SimulatorRun(SimulatorOptions options, CancellationToken cancel, Action<string> log)
    {
        _thread = new Thread(() =>
        {
            try
            {
                Result = MarketMakerSimulator.Run(options, cancel);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                Failure = ex.Message;
                log($"simulator: {ex.Message}");
            }
            finally
            {
                _done.Set();
            }
        })
        { Name = "simulator", IsBackground = true };
        _thread.Start();
    }

    public SimulatorResult? Result { get; private set; }
    public string? Failure { get; private set; }

    /// <summary>Until the simulator has finished its run (warm-up and measured time) or <paramref name="stop"/> fires.</summary>
    public void Wait(TimeSpan duration, CancellationToken stop) => WaitHandle.WaitAny([_done.WaitHandle, stop.WaitHandle]);

    public void Join() => _thread.Join(TimeSpan.FromSeconds(30));

    public void Report(IAnsiConsole console)
    {
        if (Result is not { } r)
        {
            console.MarkupLine($"[red]Simulator failed:[/] {Markup.Escape(Failure ?? "no result")}");
            return;
        }
        console.MarkupLine($"Simulator ({r.Measured.TotalSeconds:0.0} s measured): sent {r.OrdersSent:N0} orders, {r.CancelsSent:N0} cancels, {r.ReplacesSent:N0} replaces, " +
                           $"{r.MassQuotesSent:N0} mass quotes; received {r.ExecutionReports:N0} execution reports ({r.Fills:N0} fills, {r.OrdersRejected:N0} order rejects), " +
                           $"{r.QuoteAcks:N0} quote acks ({r.QuoteEntriesRejected:N0} entries rejected), {r.CancelRejects:N0} cancel rejects, {r.BusinessRejects:N0} business rejects; " +
                           $"{r.Disconnects:N0} disconnects, {r.ProtectionResets:N0} protection resets.");
        if (r.RejectsByReason.Count > 0)
        {
            var rejects = new Table().Title("Rejects the market makers and takers received, by reason")
                .AddColumns(new TableColumn("code"), new TableColumn("reason"), new TableColumn("count").RightAligned());
            foreach (var (code, count) in r.RejectsByReason.OrderByDescending(kv => kv.Value))
                rejects.AddRow(code.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(GatewayReasons.Describe(code)), count.ToString("N0"));
            console.Write(rejects);
        }
        var latency = new Table().Title("Latency as a market maker sees it: request's due time (open loop, coordinated omission corrected) to the response received over TCP")
            .AddColumns("round trip", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        foreach (var c in latency.Columns.Skip(1)) c.RightAligned();
        Row(latency, "order → first execution report", r.OrderLatency);
        Row(latency, "mass quote → MassQuoteAck", r.QuoteLatency);
        console.Write(latency);
    }

    private static void Row(Table table, string what, HdrHistogram h)
    {
        if (h.TotalCount == 0)
        {
            table.AddRow(what, "0", "-", "-", "-", "-", "-", "-");
            return;
        }
        table.AddRow(what, h.TotalCount.ToString("N0"), RunCommand.Us(h.ValueAtPercentile(50)), RunCommand.Us(h.ValueAtPercentile(90)), RunCommand.Us(h.ValueAtPercentile(99)),
            RunCommand.Us(h.ValueAtPercentile(99.9)), RunCommand.Us(h.ValueAtPercentile(99.99)), RunCommand.Us(h.MaxValue));
    }
}
