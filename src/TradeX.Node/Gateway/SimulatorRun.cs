using Spectre.Console;
using TradeX.Gateway;
using TradeX.Metrics;
using TradeX.Sim.Simulator;

namespace TradeX.Node.Gateway;

/// <summary>The market-maker simulator running on its own thread for the main job.</summary>
public sealed class SimulatorRun
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _done = new(false);

    private SimulatorRun(SimulatorOptions options, CancellationToken cancel, Action<string> log)
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
    }

    public SimulatorResult? Result { get; private set; }
    public string? Failure { get; private set; }

    public static SimulatorRun Start(SimulatorOptions options, CancellationToken cancel, Action<string> log)
    {
        var run = new SimulatorRun(options, cancel, log);
        run._thread.Start();
        return run;
    }

    /// <summary>Until the simulator has finished its run or <paramref name="cancel"/> fires.</summary>
    public void Wait(CancellationToken cancel) => WaitHandle.WaitAny([_done.WaitHandle, cancel.WaitHandle]);

    public void Join() => _thread.Join(TimeSpan.FromSeconds(30));
}

/// <summary>The gateway's and the simulated market makers' part of the main job's report.</summary>
internal static class GatewayReport
{
    public static void Write(IAnsiConsole console, OrderEntryGateway gateway, SimulatorRun? simulation)
    {
        var g = gateway.Statistics;
        console.MarkupLine($"Gateway: {g.ConnectionsAccepted:N0} connections, {g.Establishments:N0} sessions established, {g.NegotiationRejects:N0} negotiation rejects; " +
                           $"{g.InputsPublished:N0} inputs to the engine, {g.OutputEvents:N0} engine events read; business rejects {g.BusinessRejects:N0}, throttled {g.Throttled:N0}, " +
                           $"engine busy {g.EngineBusy:N0}, malformed frames {g.MalformedFrames:N0}; protection trips {g.ProtectionTrips:N0}, resets {g.ProtectionResets:N0}; " +
                           $"slow-consumer disconnects {g.SlowConsumerDisconnects:N0}, cancel-on-disconnect {g.CancelOnDisconnects:N0}.");
        if (simulation is null) return;
        if (simulation.Result is not { } r)
        {
            console.MarkupLine($"[red]Simulator failed:[/] {Markup.Escape(simulation.Failure ?? "no result")}");
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
