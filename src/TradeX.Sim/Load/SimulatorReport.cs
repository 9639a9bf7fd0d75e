using Spectre.Console;
using TradeX.Gateway;
using TradeX.Metrics;
using TradeX.Node;
using TradeX.Sim.Simulator;

namespace TradeX.Sim.Load;

/// <summary>
/// The simulator's section of the main job's report — what the clients sent and received, rejects by reason,
/// and latency as a market maker sees it — the same whether the simulator ran in the node's process or in its own.
/// </summary>
public static class SimulatorReport
{
    public static void Write(IAnsiConsole console, SimulatorResult r)
    {
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
        Row(latency, "sender behind due time", r.SendLag); // the simulator's own lag, inside the round trips above
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
