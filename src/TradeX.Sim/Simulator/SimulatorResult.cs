using System.Globalization;
using System.Text;
using TradeX.Gateway;
using TradeX.Metrics;

namespace TradeX.Sim.Simulator;

/// <summary>What a simulator run saw, as the market makers and takers see it.</summary>
public sealed class SimulatorResult
{
    /// <summary>Nanoseconds from each order's due time (open loop, so coordinated omission is corrected) to its first execution report.</summary>
    public required HdrHistogram OrderLatency { get; init; }

    /// <summary>Nanoseconds from each MassQuote's due time to its MassQuoteAck.</summary>
    public required HdrHistogram QuoteLatency { get; init; }

    /// <summary>
    /// How late the sender sent each measured request after its due time (ns): the simulator's own backlog. The
    /// round trips above include it (they run from the due time), so where it is large the client, not the node,
    /// is the limit.
    /// </summary>
    public HdrHistogram SendLag { get; init; } = new(1, 60_000_000_000L, 3);

    public TimeSpan Measured { get; init; }
    public long OrdersSent { get; init; }
    public long CancelsSent { get; init; }
    public long ReplacesSent { get; init; }
    public long MassQuotesSent { get; init; }
    public long ExecutionReports { get; init; }
    public long Fills { get; init; }
    public long OrdersRejected { get; init; }
    public long QuoteAcks { get; init; }
    public long QuoteEntriesRejected { get; init; }
    public long CancelRejects { get; init; }
    public long BusinessRejects { get; init; }
    /// <summary>Sends skipped because the session was not established (after a drop).</summary>
    public long NotSent { get; init; }
    public long Disconnects { get; init; }
    public long ProtectionResets { get; init; }
    public required IReadOnlyDictionary<ushort, long> RejectsByReason { get; init; }

    /// <summary>A human summary: counts, rejects by reason, latency percentiles.</summary>
    public string Describe()
    {
        var b = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        b.AppendLine(c, $"market-maker simulator: {Measured.TotalSeconds:0.0} s measured");
        b.AppendLine(c, $"  sent: {OrdersSent:N0} orders, {CancelsSent:N0} cancels, {ReplacesSent:N0} replaces, {MassQuotesSent:N0} mass quotes ({NotSent:N0} not sent: session down)");
        b.AppendLine(c, $"  received: {ExecutionReports:N0} execution reports ({Fills:N0} fills, {OrdersRejected:N0} order rejects), {QuoteAcks:N0} quote acks " +
                        $"({QuoteEntriesRejected:N0} entries rejected), {CancelRejects:N0} cancel rejects, {BusinessRejects:N0} business rejects");
        b.AppendLine(c, $"  disconnects: {Disconnects:N0}; protection resets: {ProtectionResets:N0}");
        foreach (var (code, count) in RejectsByReason.OrderByDescending(kv => kv.Value))
            b.AppendLine(c, $"  reject {code} ({GatewayReasons.Describe(code)}): {count:N0}");
        Line(b, "order → first execution report", OrderLatency);
        Line(b, "mass quote → MassQuoteAck", QuoteLatency);
        Line(b, "sender behind due time (the client's own lag)", SendLag);
        return b.ToString();
    }

    private static void Line(StringBuilder b, string what, HdrHistogram h)
    {
        if (h.TotalCount == 0)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"  {what}: no samples");
            return;
        }
        b.AppendLine(CultureInfo.InvariantCulture,
            $"  {what} ({h.TotalCount:N0}): p50 {Us(h.ValueAtPercentile(50))}  p90 {Us(h.ValueAtPercentile(90))}  p99 {Us(h.ValueAtPercentile(99))}  " +
            $"p99.9 {Us(h.ValueAtPercentile(99.9))}  p99.99 {Us(h.ValueAtPercentile(99.99))}  max {Us(h.MaxValue)}");
    }

    /// <summary>Nanoseconds as microseconds (or milliseconds past 1 ms), for tables.</summary>
    public static string Us(long nanos) =>
        nanos >= 1_000_000 ? (nanos / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "ms" : (nanos / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + "µs";
}
