using System.Diagnostics;
using Spectre.Console;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Gateway;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Node.Load;
using TradeX.Pipeline;

namespace TradeX.Node;

/// <summary>
/// The main job: the node on its configuration (embedded default unless a file is given) with its
/// market-maker gateway on loopback, fed for a fixed time by a load — the market-maker simulator over
/// real TCP sessions or the in-process order-flow generator, which TradeX.Sim supplies when it hosts the
/// node (see <see cref="INodeLoad"/>), or only external clients — and by the timer; then a report:
/// throughput, rejects by reason, latency as the market makers see it and inside the node. Ctrl-C stops
/// it early and cleanly.
/// </summary>
public static class RunCommand
{
    public const int ProducerReferenceData = 1, ProducerTimer = 2, ProducerGeneratorBase = 10;

    /// <param name="loads">The loads this executable can run (<c>run.load</c> names one, or <c>none</c>).</param>
    public static int Run(string? configFile, double? durationSeconds, double? ordersPerSecond, TextWriter output, TextWriter errors, string? load = null,
        IReadOnlyList<INodeLoad>? loads = null)
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
        if (config.Replication.IsStandby && config.Run.Load != "none")
        {
            if (load is not null || configFile is null)
            {
                errors.WriteLine($"error: replication.role standby: a standby takes its inputs from its primary only (run.load must be none, not '{config.Run.Load}')");
                return 2;
            }
            config.Run.Load = "none";
        }
        INodeLoad? driver = null;
        if (config.Run.Load != "none")
        {
            driver = loads?.FirstOrDefault(l => l.Name == config.Run.Load);
            if (driver is null)
            {
                errors.WriteLine($"error: run.load '{config.Run.Load}': this executable has no such load (the simulator and the generator are TradeX.Sim's: " +
                                 "./run.sh runs the node with them); 'none' serves external clients only");
                return 2;
            }
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
        // SIGTERM (systemd, kill, an operator's script) stops as cleanly as Ctrl-C.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            return RunNode(config, driver, console, errors, stop);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int RunNode(NodeConfig config, INodeLoad? load, IAnsiConsole console, TextWriter errors, CancellationTokenSource stop)
    {
        var logLines = new List<string>();
        void Log(string line)
        {
            lock (logLines) logLines.Add(line);
            errors.WriteLine(line);
        }

        if (load?.NodeCores(config) is { } planned) config.Threading.Planned = planned;
        var options = config.ToPipelineOptions();
        string feed = load?.Describe(config) ?? "external clients only";
        console.MarkupLine(Markup.Escape($"TradeX node: {config.Instruments.Count} instruments, {config.Accounts.Count} accounts; input ring {options.InputRingSize:N0} ({options.InputWaitStrategy}), " +
                           $"output ring {options.OutputRingSize:N0} ({options.OutputWaitStrategy}); fed by {feed} for {config.Run.DurationSeconds:0.#} s (Ctrl-C stops early)."));
        var (mode, why) = config.Threading.Resolve();
        console.MarkupLine(Markup.Escape($"Threading: {mode.ToString().ToLowerInvariant()} ({why}; threading.mode overrides it)."));
        NodeHost node;
        try
        {
            node = NodeHost.Build(config, load, Log);
        }
        catch (NodeStartException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }
        using var owner = node;
        console.MarkupLine(Markup.Escape(Footprint.AtStart(node)));
        try
        {
            node.Start();
        }
        catch (NodeStartException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 2;
        }
        if (node.Gateway is { } listening)
            console.MarkupLine(Markup.Escape($"Gateway listening on {listening.LocalEndPoint} (SBE 1.0 in SOFH frames, schema order-entry.xml); participants: {node.Participants!.Description}."));

        if (node.ReplicationStatus() is { } startStatus) console.MarkupLine(Markup.Escape(startStatus.ToString()));

        var timer = new TimerProducer(node.Pipeline.Publisher, ProducerTimer, TimeSpan.FromMilliseconds(config.Run.TimerTickMillis));
        // A standby's only producer is its primary (the primary's timer ticks reach it through the journal). Shared and
        // single modes run the timer as an agent on the input thread; dedicated gives it a thread.
        bool timerRuns = !config.Replication.IsStandby;
        var timerThread = !timerRuns || node.Pipeline.TryHostInputAgent(timer) ? null
            : PinnedThread.Start(new ThreadPlacement("timer", config.Cores.Producers), () => timer.Run(stop.Token), Log);

        var clock = Stopwatch.StartNew();
        var run = load?.Start(node, stop.Token);
        var duration = TimeSpan.FromSeconds(config.Run.DurationSeconds);
        using var statusLines = node.ReplicationStatus() is null ? null
            : new Timer(_ => Log(node.ReplicationStatus()!.ToString()), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        if (run is not null) run.Wait(duration, stop.Token);
        else stop.Token.WaitHandle.WaitOne(duration);
        bool interrupted = stop.IsCancellationRequested;
        stop.Cancel();
        run?.Join();
        if (timerRuns && timerThread is null) node.Pipeline.RemoveInputAgent(timer, TimeSpan.FromSeconds(10));
        else timerThread?.Join(TimeSpan.FromSeconds(10));
        double seconds = clock.Elapsed.TotalSeconds;
        bool clean = node.Stop();

        Report(console, node, run, timer, seconds, interrupted, clean);
        console.MarkupLine(Markup.Escape(Footprint.AtEnd(node)));
        if (node.FileJournal is { } fileJournal)
        {
            string journalDirectory = node.JournalDirectory!;
            long bytes = Directory.GetFiles(journalDirectory, "*.journal").Sum(f => new FileInfo(f).Length);
            console.MarkupLine($"Journal: {Markup.Escape(Path.GetFullPath(journalDirectory))} — {fileJournal.Writer.LastSequence:N0} inputs, {bytes / 1e6:N1} MB, " +
                               $"{fileJournal.Writer.Writes:N0} writes, {fileJournal.Writer.Syncs:N0} syncs ({config.Journal.Sync}); snapshots written {node.Snapshots!.Written}. " +
                               $"Inspect it with: ./run.sh replay stats {Markup.Escape(journalDirectory)}");
        }
        return clean ? 0 : 1;
    }

    private static void Report(IAnsiConsole console, NodeHost node, ILoadRun? run, TimerProducer timer, double seconds, bool interrupted, bool clean)
    {
        var pipeline = node.Pipeline;
        var gateway = node.Gateway;
        var engine = pipeline.Engine;
        var stats = pipeline.Statistics;
        long busy = run?.RefusedBusy ?? 0;
        console.Write(new Rule($"[bold]TradeX node run[/] ({seconds:0.0} s{(interrupted ? ", stopped by Ctrl-C or SIGTERM" : "")})").LeftJustified());
        console.MarkupLine($"Inputs applied by the engine: {engine.LastSequence:N0} ({engine.LastSequence / seconds:N0}/s); " +
                           (run?.InputsClause(seconds) ?? "") +
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

        if (gateway is not null)
        {
            GatewayReport.Write(console, gateway);
            run?.Report(console);
        }

        var h = stats.Latency;
        string inNode = "Response latency inside the node, " + (run?.LatencyOrigin ?? "gateway's receipt of a request to its first event at the publisher");
        var latency = new Table().Title($"{inNode} ({stats.Responses:N0} responses)")
            .AddColumns("p50", "p90", "p99", "p99.9", "p99.99", "max", "mean");
        foreach (var c in latency.Columns) c.RightAligned();
        if (h.TotalCount > 0)
            latency.AddRow(Us(h.ValueAtPercentile(50)), Us(h.ValueAtPercentile(90)), Us(h.ValueAtPercentile(99)), Us(h.ValueAtPercentile(99.9)),
                Us(h.ValueAtPercentile(99.99)), Us(h.MaxValue), Us((long)h.Mean));
        console.Write(latency);
        WriteHops(console, stats.Hops);
        foreach (var thread in pipeline.AgentThreads)
            console.MarkupLine(Markup.Escape($"Thread '{thread.RoleName}' ({pipeline.Threading.ToString().ToLowerInvariant()} mode): agents {string.Join(", ", thread.EverMemberNames)}; " +
                                             $"woken by producers {thread.Wake.Wakeups:N0} times."));

        if (node.ReplicationStatus() is { } replication) console.MarkupLine(Markup.Escape(replication.ToString()));
        var problems = engine.CheckInvariants();
        console.MarkupLine(problems.Count == 0
            ? "Invariants: [green]book never crossed, incremental exposure equals recompute for every account[/]"
            : $"[red]Invariant violations: {problems.Count}[/] (first: {Markup.Escape(problems[0])})");
        console.MarkupLine($"State hash after {engine.LastSequence:N0} inputs: [bold]{engine.StateHash():x16}[/]" + (clean ? "" : " [red](a stage did not stop cleanly)[/]"));
    }

    /// <summary>Where the time of a measured response goes inside the node, hop by hop (HDR histograms).</summary>
    public static void WriteHops(IAnsiConsole console, HopLatencies hops)
    {
        var table = new Table().Title("Inside the node, hop by hop (each row its own histogram of the measured responses)")
            .AddColumns("hop", "count", "p50", "p90", "p99", "p99.9", "max");
        foreach (var c in table.Columns.Skip(1)) c.RightAligned();
        foreach (var (name, h) in hops.Hops)
        {
            if (h.TotalCount == 0) continue;
            table.AddRow(Markup.Escape(name), h.TotalCount.ToString("N0"), Us(h.ValueAtPercentile(50)), Us(h.ValueAtPercentile(90)), Us(h.ValueAtPercentile(99)),
                Us(h.ValueAtPercentile(99.9)), Us(h.MaxValue));
        }
        if (table.Rows.Count > 0) console.Write(table);
    }

    public static string Us(long nanos) => nanos >= 1_000_000 ? $"{nanos / 1e6:N2} ms" : $"{nanos / 1e3:N1} µs";
}
