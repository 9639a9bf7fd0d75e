using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradeX.Metrics;

namespace TradeX.Sim.Simulator;

/// <summary>
/// A <see cref="SimulatorResult"/> as one JSON document (<c>sim --report-json FILE</c>): every count, the rejects by
/// reason, each latency histogram whole (HdrHistogram's compressed V2 encoding in base64, the form histogram log
/// lines carry, so a reader rebuilds the same percentiles) and, for readers without an HDR decoder, its
/// percentiles in nanoseconds. Use it to show a simulator process's results in another process's report.
/// </summary>
public static class SimulatorResultFile
{
    public const int FormatVersion = 1;

    public static string ToJson(SimulatorResult r, string? placement = null)
    {
        var rejects = new JsonObject();
        foreach (var (code, count) in r.RejectsByReason.OrderBy(kv => kv.Key)) rejects[code.ToString(CultureInfo.InvariantCulture)] = count;
        var json = new JsonObject
        {
            ["format"] = "tradex-simulator-result",
            ["version"] = FormatVersion,
            ["placement"] = placement,
            ["measuredSeconds"] = r.Measured.TotalSeconds,
            ["ordersSent"] = r.OrdersSent,
            ["cancelsSent"] = r.CancelsSent,
            ["replacesSent"] = r.ReplacesSent,
            ["massQuotesSent"] = r.MassQuotesSent,
            ["notSent"] = r.NotSent,
            ["executionReports"] = r.ExecutionReports,
            ["fills"] = r.Fills,
            ["ordersRejected"] = r.OrdersRejected,
            ["quoteAcks"] = r.QuoteAcks,
            ["quoteEntriesRejected"] = r.QuoteEntriesRejected,
            ["cancelRejects"] = r.CancelRejects,
            ["businessRejects"] = r.BusinessRejects,
            ["disconnects"] = r.Disconnects,
            ["protectionResets"] = r.ProtectionResets,
            ["rejectsByReason"] = rejects,
            ["orderLatency"] = Histogram(r.OrderLatency),
            ["quoteLatency"] = Histogram(r.QuoteLatency),
            ["sendLag"] = Histogram(r.SendLag),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Histogram(HdrHistogram h)
    {
        var percentiles = new JsonObject();
        if (h.TotalCount > 0)
            foreach (double p in new[] { 50, 90, 99, 99.9, 99.99, 100 })
                percentiles["p" + p.ToString(CultureInfo.InvariantCulture)] = p == 100 ? h.MaxValue : h.ValueAtPercentile(p);
        return new JsonObject
        {
            ["count"] = h.TotalCount,
            ["unit"] = "ns",
            ["percentiles"] = percentiles,
            ["hdr"] = HistogramEncoding.ToBase64Compressed(h),
        };
    }

    /// <summary>Writes the file whole: to a temporary name first, then renamed, so a reader never sees half of it.</summary>
    public static void Write(string path, SimulatorResult result, string? placement = null)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson(result, placement));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a result file; false and an error naming what is wrong for anything else (never throws on bad content).</summary>
    public static bool TryRead(string path, out SimulatorResult? result, out string? placement, out string? error)
    {
        result = null;
        placement = null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            if (root is null || (string?)root["format"] != "tradex-simulator-result")
            {
                error = $"{path}: not a simulator result file";
                return false;
            }
            if ((int?)root["version"] != FormatVersion)
            {
                error = $"{path}: version {root["version"]} (this reader knows {FormatVersion})";
                return false;
            }
            if (!TryHistogram(root["orderLatency"], out var orders, out error) || !TryHistogram(root["quoteLatency"], out var quotes, out error))
            {
                error = $"{path}: {error}";
                return false;
            }
            var rejects = new Dictionary<ushort, long>();
            if (root["rejectsByReason"] is JsonObject byReason)
                foreach (var (code, count) in byReason)
                    rejects[ushort.Parse(code, CultureInfo.InvariantCulture)] = (long)count!;
            long Count(string name) => (long?)root[name] ?? throw new FormatException($"'{name}' is missing");
            HdrHistogram? lag = null;
            if (root["sendLag"] is { } lagNode && !TryHistogram(lagNode, out lag, out error))
            {
                error = $"{path}: {error}";
                return false;
            }
            result = new SimulatorResult
            {
                OrderLatency = orders!,
                QuoteLatency = quotes!,
                SendLag = lag ?? new HdrHistogram(1, 60_000_000_000L, 3),
                Measured = TimeSpan.FromSeconds((double?)root["measuredSeconds"] ?? 0),
                OrdersSent = Count("ordersSent"),
                CancelsSent = Count("cancelsSent"),
                ReplacesSent = Count("replacesSent"),
                MassQuotesSent = Count("massQuotesSent"),
                NotSent = Count("notSent"),
                ExecutionReports = Count("executionReports"),
                Fills = Count("fills"),
                OrdersRejected = Count("ordersRejected"),
                QuoteAcks = Count("quoteAcks"),
                QuoteEntriesRejected = Count("quoteEntriesRejected"),
                CancelRejects = Count("cancelRejects"),
                BusinessRejects = Count("businessRejects"),
                Disconnects = Count("disconnects"),
                ProtectionResets = Count("protectionResets"),
                RejectsByReason = rejects,
            };
            placement = (string?)root["placement"];
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            error = $"{path}: {ex.Message}";
            return false;
        }
    }

    private static bool TryHistogram(JsonNode? node, out HdrHistogram? histogram, out string? error)
    {
        histogram = null;
        if (node is not JsonObject h || (string?)h["hdr"] is not { } hdr)
        {
            error = "a latency histogram is missing";
            return false;
        }
        return HistogramEncoding.TryDecodeBase64(hdr, out histogram, out error, 60_000_000_000L);
    }
}
