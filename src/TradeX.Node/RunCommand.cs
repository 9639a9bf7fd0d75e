using System.Diagnostics;
using Spectre.Console;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Gateway;
using TradeX.Gateway.Participants;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Node.Load;
using TradeX.Venues;
using TradeX.Pipeline;

namespace TradeX.Node;

/// <summary>
/// The main job: the node on its configuration (embedded default unless a file is given) with its
/// market-maker gateway on loopback, fed for a fixed time by the market-maker simulator over real TCP
/// sessions (or by the in-process order-flow generator, or only by external clients) and by the timer;
/// then a report: throughput, rejects by reason, latency as the market makers see it and inside the
/// node. Ctrl-C stops it early and cleanly.
/// </summary>
public static class RunCommand
{
    public const int ProducerReferenceData = 1, ProducerTimer = 2, ProducerGeneratorBase = 10;

    public static int Run(string? configFile, double? durationSeconds, double? ordersPerSecond, TextWriter output, TextWriter errors, string? load = null)
    {
        NodeConfig config;
        try
        {
            config = NodeConfig.Load(configFile);
        }
        catch (ConfigException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }
        if (load is not null) config.Run.Load = load;
        if (durationSeconds is { } d)
        {
            config.Run.DurationSeconds = d;
            config.Simulator.WarmupSeconds = Math.Min(config.Simulator.WarmupSeconds, d / 4);
        }
        if (ordersPerSecond is { } r)
        {
            config.Generator.OrdersPerSecond = r;
            config.Simulator.OrdersPerSecond = r;
        }
        try
        {
            config.Revalidate(configFile);
        }
        catch (ConfigException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        if (Console.IsOutputRedirected) console.Profile.Width = 132;

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;           // a clean stop, not a kill
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return RunNode(config, console, errors, stop);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int RunNode(NodeConfig config, IAnsiConsole console, TextWriter errors, CancellationTokenSource stop)
    {
        var logLines = new List<string>();
        void Log(string line)
        {
            lock (logLines) logLines.Add(line);
            errors.WriteLine(line);
        }

        var options = config.ToPipelineOptions();
        string feed = config.Run.Load switch
        {
            "simulator" => $"the market-maker simulator over the gateway ({config.Simulator.MarketMakers.Count} market makers quoting {config.Simulator.MassQuotesPerSecond:N0} mass quotes/s, " +
                           $"{config.Simulator.Takers.Count} takers sending {config.Simulator.OrdersPerSecond:N0} requests/s)",
            "generator" => $"{config.Generator.Producers} generator thread(s) offering " +
                           (config.Generator.OrdersPerSecond > 0 ? $"{config.Generator.OrdersPerSecond:N0} inputs/s" : "as fast as the ring takes"),
            _ => "external clients only",
        };
        console.MarkupLine(Markup.Escape($"TradeX node: {config.Instruments.Count} instruments, {config.Accounts.Count} accounts; input ring {options.InputRingSize:N0} ({options.InputWaitStrategy}), " +
                           $"output ring {options.OutputRingSize:N0} ({options.OutputWaitStrategy}); fed by {feed} for {config.Run.DurationSeconds:0.#} s (Ctrl-C stops early)."));
        // The journal: recover what a previous run left (newest snapshot + replay), then append after it.
        FileJournal? fileJournal = null;
        TradeX.Journal.SnapshotWriter? snapshots = null;
        Func<IEngineEventSink, Engine>? engineFactory = null;
        long sequenceBase = 0;
        string? journalDirectory = config.Journal.Directory?.Replace("{utc}", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        if (journalDirectory is not null)
        {
            try
            {
                var forward = new ForwardingSink();
                var recovered = TradeX.Journal.JournalRecovery.Recover(journalDirectory, forward, options.Engine, Log);
                sequenceBase = recovered.LastSequence;
                if (sequenceBase > 0)
                    Log($"journal {journalDirectory}: recovered to sequence {sequenceBase:N0}, state hash {recovered.StateHash:x16}");
                var writer = TradeX.Journal.JournalWriter.Open(journalDirectory, config.ToJournalOptions(), Log, recovered.Engine.Now);
                TradeX.Journal.EngineSettingsFile.Write(journalDirectory, options.Engine);
                fileJournal = new FileJournal(writer, sequenceBase);
                snapshots = new TradeX.Journal.SnapshotWriter(journalDirectory, Log);
                engineFactory = sink =>
                {
                    forward.Target = sink;
                    return recovered.Engine;
                };
            }
            catch (Exception ex) when (ex is TradeX.Journal.JournalCorruptException or TradeX.Journal.JournalFormatException or IOException)
            {
                errors.WriteLine($"error: journal {journalDirectory}: {ex.Message}");
                return 2;
            }
        }
        using var journalOwner = fileJournal;
        using var snapshotOwner = snapshots;
        using var pipeline = new NodePipeline(options, fileJournal, log: Log, engineFactory: engineFactory, sequenceBase: sequenceBase);
        if (snapshots is not null && config.Journal.SnapshotEveryInputs > 0)
        {
            pipeline.EngineStage.Snapshots = snapshots;
            pipeline.EngineStage.SnapshotEveryInputs = config.Journal.SnapshotEveryInputs;
        }
        var fixEngines = new List<TradeX.Fix.Transport.FixEngine>();
        var withSessions = config.Venues.Where(v => v.FixSettings is not null).ToList();
        if (withSessions.Count > 0)
        {
            var connector = new VenueConnector(pipeline.Publisher, config.Instruments.ToDictionary(i => i.Id, i => i.Symbol), Log);
            pipeline.AddPublisher("venues", connector);
            foreach (var v in withSessions)
            {
                var session = connector.Add(v.Id, v.Name);
                try
                {
                    var engine = TradeX.Fix.Transport.FixEngine.FromFile(v.FixSettings!, _ => session,
                        new TradeX.Fix.Transport.FixEngineOptions { SettingsWarning = w => Log($"venue {v.Id} ({v.Name}): {w}") });
                    session.Bind(engine.Sessions[0]);
                    fixEngines.Add(engine);
                }
                catch (TradeX.Fix.Settings.FixConfigurationException ex)
                {
                    errors.WriteLine($"error: venue {v.Id} ({v.Name}): {ex.Message}");
                    return 2;
                }
            }
        }
        NodeParticipants? participants = null;
        OrderEntryGateway? gateway = null;
        bool gatewayWanted = config.Gateway.Enabled;
        if (gatewayWanted && config.Run.Load == "generator" && config.Gateway.ParticipantsFile is null &&
            string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ParticipantStore.EnvironmentVariable)))
        {
            Log($"gateway: not started (no participant store: set gateway.participantsFile or {ParticipantStore.EnvironmentVariable}); the generator feeds the node");
            gatewayWanted = false;
        }
        if (gatewayWanted)
        {
            try
            {
                participants = NodeParticipants.Prepare(config);
            }
            catch (ParticipantStoreException ex)
            {
                errors.WriteLine($"error: gateway participants: {ex.Message}");
                return 2;
            }
            gateway = NodeGatewayFactory.Create(config, pipeline, participants.Store, Log);
        }
        using var participantsOwner = participants;
        using var gatewayOwner = gateway;
        pipeline.Start();
        foreach (var engine in fixEngines) engine.Start();
        foreach (var stage in pipeline.InputStages)
            if (stage.Affinity.Outcome is AffinityOutcome.CoreUnavailable or AffinityOutcome.Failed or AffinityOutcome.NotSupported)
                Log($"stage '{stage.Name}': {stage.Affinity}");

        // A recovered engine already has its reference data (from the journal).
        foreach (var input in sequenceBase == 0 ? config.ReferenceData() : [])
        {
            var stamped = input;
            stamped.Time = NodeClock.NowNanos();
            while (!pipeline.Publisher.TryPublish(in stamped, ProducerReferenceData)) Thread.Yield();
        }

        if (gateway is not null)
        {
            try
            {
                gateway.Start();
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                errors.WriteLine($"error: gateway {config.Gateway.Address}:{config.Gateway.Port}: {ex.Message}");
                stop.Cancel();
                pipeline.Stop();
                return 2;
            }
            console.MarkupLine(Markup.Escape($"Gateway listening on {gateway.LocalEndPoint} (SBE 1.0 in SOFH frames, schema order-entry.xml); participants: {participants!.Description}."));
        }

        var generators = Enumerable.Range(0, config.Run.Load == "generator" ? config.Generator.Producers : 0)
            .Select(i => new OrderFlowGenerator(config, pipeline.Publisher, ProducerGeneratorBase + i, config.Generator.Seed + i, config.Generator.OrdersPerSecond / config.Generator.Producers, sequenceBase))
            .ToList();
        var timer = new TimerProducer(pipeline.Publisher, ProducerTimer, TimeSpan.FromMilliseconds(config.Run.TimerTickMillis));
        var threads = new List<PinnedThread>();
        for (int i = 0; i < generators.Count; i++)
        {
            var g = generators[i];
            threads.Add(PinnedThread.Start(new ThreadPlacement($"generator-{i}", config.Cores.Producers), () => g.Run(stop.Token), Log));
        }
        threads.Add(PinnedThread.Start(new ThreadPlacement("timer", config.Cores.Producers), () => timer.Run(stop.Token), Log));

        var clock = Stopwatch.StartNew();
        SimulatorRun? simulation = null;
        if (config.Run.Load == "simulator")
            simulation = SimulatorRun.Start(NodeGatewayFactory.SimulatorOptions(config, gateway!, participants!,
                TimeSpan.FromSeconds(config.Run.DurationSeconds - config.Simulator.WarmupSeconds)), stop.Token, Log);
        if (simulation is not null) simulation.Wait(stop.Token);
        else stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(config.Run.DurationSeconds));
        bool interrupted = stop.IsCancellationRequested;
        stop.Cancel();
        simulation?.Join();
        foreach (var t in threads) t.Join(TimeSpan.FromSeconds(10));
        double seconds = clock.Elapsed.TotalSeconds;
        // The gateway stops before the pipeline so its cancel-on-disconnect inputs still reach the engine.
        gateway?.Stop();
        foreach (var engine in fixEngines) engine.Stop();
        bool clean = pipeline.Stop();

        snapshots?.WaitUntilIdle(TimeSpan.FromSeconds(30));
        Report(console, config, pipeline, generators, timer, seconds, interrupted, clean, gateway, simulation);
        if (fileJournal is not null)
        {
            long bytes = Directory.GetFiles(journalDirectory!, "*.journal").Sum(f => new FileInfo(f).Length);
            console.MarkupLine($"Journal: {Markup.Escape(Path.GetFullPath(journalDirectory!))} — {fileJournal.Writer.LastSequence:N0} inputs, {bytes / 1e6:N1} MB, " +
                               $"{fileJournal.Writer.Writes:N0} writes, {fileJournal.Writer.Syncs:N0} syncs ({config.Journal.Sync}); snapshots written {snapshots!.Written}. " +
                               $"Inspect it with: ./run.sh replay stats {Markup.Escape(journalDirectory!)}");
        }
        return clean ? 0 : 1;
    }

    private static void Report(IAnsiConsole console, NodeConfig config, NodePipeline pipeline, List<OrderFlowGenerator> generators, TimerProducer timer,
        double seconds, bool interrupted, bool clean, OrderEntryGateway? gateway, SimulatorRun? simulation)
    {
        var engine = pipeline.Engine;
        var stats = pipeline.Statistics;
        long sent = generators.Sum(g => g.Sent);
        long busy = generators.Sum(g => g.Busy);
        console.Write(new Rule($"[bold]TradeX node run[/] ({seconds:0.0} s{(interrupted ? ", stopped by Ctrl-C" : "")})").LeftJustified());
        console.MarkupLine($"Inputs applied by the engine: {engine.LastSequence:N0} ({engine.LastSequence / seconds:N0}/s); " +
                           (generators.Count > 0 ? $"generator inputs accepted into the ring {sent:N0} ({sent / seconds:N0}/s), refused busy {busy:N0}; " : "") +
                           (gateway is not null ? $"gateway inputs {gateway.Statistics.InputsPublished:N0}; " : "") + $"timer ticks {timer.Ticks:N0}.");
        console.MarkupLine($"Events published: {stats.Events:N0}; orders accepted {stats.EventsOf(EventKind.OrderAccepted):N0}, rejected {stats.EventsOf(EventKind.OrderRejected):N0}; " +
                           $"trades {stats.EventsOf(EventKind.Trade):N0}; cancels {stats.EventsOf(EventKind.OrderCanceled):N0}; replaces {stats.EventsOf(EventKind.OrderReplaced):N0}.");
        long refused = stats.BreaksOf(FillBreakStatus.Refused), opened = stats.BreaksOf(FillBreakStatus.Opened);
        if (refused + opened > 0)
            console.MarkupLine($"[yellow]Venue fill alerts: {refused:N0} refused, {opened:N0} quarantined as breaks " +
                               $"({stats.BreaksOf(FillBreakStatus.Booked):N0} booked, {stats.BreaksOf(FillBreakStatus.Busted):N0} busted; {engine.OpenBreaks().Count:N0} open)[/]");
        if (pipeline.Journal is InMemoryJournal memory)
            console.MarkupLine($"Journal (in memory): {memory.Count:N0} inputs recorded" + (memory.Overflowed > 0 ? $", {memory.Overflowed:N0} beyond its capacity of {memory.Capacity:N0} counted but not kept" : "") + ".");

        var rejects = new Table().Title("Rejects by reason").AddColumns(new TableColumn("code"), new TableColumn("reason"), new TableColumn("count").RightAligned());
        foreach (var (reason, count) in stats.RejectsByReason().OrderByDescending(x => x.Count))
            rejects.AddRow(((int)reason).ToString(), Markup.Escape(RejectReasons.Text(reason)), count.ToString("N0"));
        if (busy > 0) rejects.AddRow("-", "busy: input ring full (refused before the engine)", busy.ToString("N0"));
        console.Write(rejects);

        if (gateway is not null) GatewayReport.Write(console, gateway, simulation);

        var h = stats.Latency;
        string inNode = generators.Count > 0
            ? "Response latency inside the node, generator's due time to first event at the publisher (coordinated omission corrected)"
            : "Response latency inside the node, gateway's receipt of a request to its first event at the publisher";
        var latency = new Table().Title($"{inNode} ({stats.Responses:N0} responses)")
            .AddColumns("p50", "p90", "p99", "p99.9", "p99.99", "max", "mean");
        foreach (var c in latency.Columns) c.RightAligned();
        if (h.TotalCount > 0)
            latency.AddRow(Us(h.ValueAtPercentile(50)), Us(h.ValueAtPercentile(90)), Us(h.ValueAtPercentile(99)), Us(h.ValueAtPercentile(99.9)),
                Us(h.ValueAtPercentile(99.99)), Us(h.MaxValue), Us((long)h.Mean));
        console.Write(latency);

        var problems = engine.CheckInvariants();
        console.MarkupLine(problems.Count == 0
            ? "Invariants: [green]book never crossed, incremental exposure equals recompute for every account[/]"
            : $"[red]Invariant violations: {problems.Count}[/] (first: {Markup.Escape(problems[0])})");
        console.MarkupLine($"State hash after {engine.LastSequence:N0} inputs: [bold]{engine.StateHash():x16}[/]" + (clean ? "" : " [red](a stage did not stop cleanly)[/]"));
    }

    internal static string Us(long nanos) => nanos >= 1_000_000 ? $"{nanos / 1e6:N2} ms" : $"{nanos / 1e3:N1} µs";
}
