using System.Net;

namespace TradeX.Sim.Simulator;

/// <summary>A participant the simulator logs in as: its id, its secret in clear (the gateway's store has the hash) and its accounts.</summary>
public sealed record SimParticipant(int ParticipantId, string Secret, IReadOnlyList<int> Accounts);

/// <summary>An instrument the simulator trades; prices raw fixed-point (10^-6), as the engine's.</summary>
public sealed record SimInstrument(int Id, long ReferencePrice, long Tick);

/// <summary>What the market-maker simulator does: who quotes, who takes, how fast, for how long.</summary>
public sealed record SimulatorOptions
{
    public required IPEndPoint Endpoint { get; init; }

    /// <summary>Each market maker opens one session and streams MassQuotes around a moving mid.</summary>
    public required IReadOnlyList<SimParticipant> MarketMakers { get; init; }

    /// <summary>Each taker opens one session and sends orders that cross the quotes, rest, get cancelled and replaced.</summary>
    public required IReadOnlyList<SimParticipant> Takers { get; init; }

    public required IReadOnlyList<SimInstrument> Instruments { get; init; }

    /// <summary>MassQuotes per second over all market makers (open loop).</summary>
    public double MassQuotesPerSecond { get; init; } = 2_000;

    public int EntriesPerMassQuote { get; init; } = 4;

    /// <summary>Orders, cancels and replaces per second over all takers (open loop).</summary>
    public double OrdersPerSecond { get; init; } = 20_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Not measured: the first part of the run (JIT, caches, book building).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public int Seed { get; init; } = 20260105;

    /// <summary>Size of each quote side; takers trade up to half of it.</summary>
    public long QuoteSize { get; init; } = 100;

    /// <summary>Half-spread of the quotes, in ticks.</summary>
    public int HalfSpreadTicks { get; init; } = 2;

    public uint KeepAliveMillis { get; init; } = 1_000;

    /// <summary>One thread spins on every session's non-blocking socket (epoll readiness) instead of a blocking thread per session: lower latency, one busy core.</summary>
    public bool BusyPollReceive { get; init; }

    /// <summary>Session ids are SessionIdBase + n, so a later run can use fresh ids against the same gateway.</summary>
    public ulong SessionIdBase { get; init; } = 0x5A_0000_0000;

    /// <summary>
    /// When a market maker's quotes are refused because its protection tripped, it sends a
    /// QuoteProtectionReset for that instrument (at most every 100 ms per session). False: it stays out.
    /// </summary>
    public bool ResetTrippedProtection { get; init; } = true;
}
