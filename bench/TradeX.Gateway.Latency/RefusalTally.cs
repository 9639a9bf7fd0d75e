using System.Globalization;
using TradeX.Core;
using TradeX.Gateway;

namespace TradeX.Gateway.Latency;

/// <summary>
/// The orders the harness saw refused, by who refused them and why: an ExecutionReportRejected carries one reason
/// code, the engine's <see cref="RejectReason"/> (below 1000: the order reached the engine, which said no) or the
/// gateway's own <see cref="GatewayReason"/> (1000 up: the order never reached the engine). Of the gateway's,
/// <see cref="GatewayReason.EngineBusy"/> alone means the input ring was full. Counting every rejected report as
/// "busy", as the harness once did, reported engine risk rejects as ring refusals (bench/RESULTS.md, issue 6).
/// Thread-safe: the clients' receive threads count; the driver reads after they stop.
/// </summary>
public sealed class RefusalTally
{
    private const int Codes = 1 << 11;
    private readonly long[] _byCode = new long[Codes];

    /// <summary>Counts one refusal with the reason code it carried (codes beyond the table count as the last one).</summary>
    public void Count(ushort code) => Interlocked.Increment(ref _byCode[Math.Min((int)code, Codes - 1)]);

    public long this[ushort code] => Interlocked.Read(ref _byCode[Math.Min((int)code, Codes - 1)]);

    public long Total => Sum(static _ => true);

    /// <summary>Refused by the engine: the order was journaled and decided (risk, capacity, validation).</summary>
    public long ByEngine => Sum(static code => code < 1000);

    /// <summary>Refused by the gateway before the input ring: the input ring was full.</summary>
    public long InputRingBusy => this[(ushort)GatewayReason.EngineBusy];

    /// <summary>Refused by the gateway for another reason (throttle, account not permitted, too many pending, ...).</summary>
    public long ByGatewayOtherwise => Sum(static code => code >= 1000 && code != (int)GatewayReason.EngineBusy);

    /// <summary>Adds another tally's counts (one per client session) to this one.</summary>
    public void Add(RefusalTally other)
    {
        for (int i = 0; i < Codes; i++)
            if (other._byCode[i] != 0) Interlocked.Add(ref _byCode[i], Interlocked.Read(ref other._byCode[i]));
    }

    /// <summary>The codes seen, most frequent first, each with its text.</summary>
    public IReadOnlyList<(ushort Code, string Reason, long Count)> ByReason()
    {
        var seen = new List<(ushort, string, long)>();
        for (int i = 0; i < Codes; i++)
        {
            long n = Interlocked.Read(ref _byCode[i]);
            if (n != 0) seen.Add(((ushort)i, GatewayReasons.Describe((ushort)i), n));
        }
        return seen.OrderByDescending(x => x.Item3).ThenBy(x => x.Item1).ToList();
    }

    /// <summary>One line: "none", or each code with its text and count, engine codes first, e.g. "14 insufficient buying power 1,204; 1112 engine busy: ... 3".</summary>
    public string Describe()
    {
        var reasons = ByReason();
        if (reasons.Count == 0) return "none";
        return string.Join("; ", reasons.OrderBy(r => r.Code >= 1000).ThenByDescending(r => r.Count)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Code} {r.Reason} {r.Count:N0}")));
    }

    private long Sum(Func<int, bool> include)
    {
        long total = 0;
        for (int i = 0; i < Codes; i++)
            if (include(i)) total += Interlocked.Read(ref _byCode[i]);
        return total;
    }
}
