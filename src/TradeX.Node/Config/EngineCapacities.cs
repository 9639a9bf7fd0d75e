namespace TradeX.Node.Config;

/// <summary>
/// The engine's table sizes for a configuration: each <c>engine</c> capacity the file leaves null is derived from the
/// instruments, accounts, venues and the load's rate × duration, so the node holds the memory its day needs rather
/// than the largest day's. The engine never grows these tables on its thread: a full one is answered with
/// <c>OrderCapacity</c> or <c>PositionCapacity</c>. Every size goes into the journal's engine.settings.json, so a replay
/// decides exactly as the run did. The rules are documented in docs/pipeline.md, "Capacities"; change them there too.
/// </summary>
public sealed record EngineCapacities(int OrdersPerDay, int MaxOpenOrders, int MaxPositions, int ClientOrderIdsPerDay, int VenueFillsPerDay,
    int VenueOrdersPerDay)
{
    /// <summary>Orders per day when the load gives no rate (<c>run.load</c> none, or a generator running as fast as it can).</summary>
    public const int UnknownRateOrdersPerDay = 1 << 20;

    /// <summary>Headroom over rate × duration: an open-loop load that fell behind sends its backlog late, never more than scheduled.</summary>
    public const double RateHeadroom = 1.25;

    public const int MinOrdersPerDay = 1 << 16;
    public const int MinOpenOrders = 1 << 14;
    public const int MaxDerivedOpenOrders = 1 << 18;
    public const int MinPositions = 1 << 10;
    /// <summary>Venue fills and venue orders a day when no venue is configured (reference data may still add one later).</summary>
    public const int NoVenuesPerDay = 1 << 10;

    public static EngineCapacities For(NodeConfig config)
    {
        var e = config.Engine;
        int ordersPerDay = e.OrdersPerDay ?? DerivedOrdersPerDay(config);
        int quoteSides = 2 * config.Accounts.Count * config.Instruments.Count;
        return new EngineCapacities(
            ordersPerDay,
            // Open orders: a thirty-second of the day's orders resting at once, at least twice every quote side, rounded up to a
            // power of two (the order id index is a power of two twice as large, so one more would double it). The simulator
            // rests 15% of its orders and cancels or trades most of them: 3,028 open at most in a 20 s main job sized for
            // 16,384 (bench/RESULTS.md, Footprint); the end of every run prints its peak.
            e.MaxOpenOrders ?? Math.Clamp(RoundUp(Math.Max(ordersPerDay / 32, 2 * quoteSides)), MinOpenOrders, MaxDerivedOpenOrders),
            // Positions are (account, instrument) pairs: all of them, twice over for reference data added during the day.
            e.MaxPositions ?? Math.Max(MinPositions, RoundUp(2 * config.Accounts.Count * config.Instruments.Count)),
            // Each order and each replace naming a new id uses one.
            e.ClientOrderIdsPerDay ?? ordersPerDay,
            e.VenueFillsPerDay ?? (config.Venues.Count == 0 ? NoVenuesPerDay : ordersPerDay),
            e.VenueOrdersPerDay ?? (config.Venues.Count == 0 ? NoVenuesPerDay : ordersPerDay));
    }

    /// <summary>The load's requests per second × the run's duration, with headroom, rounded up to a power of two.</summary>
    public static int DerivedOrdersPerDay(NodeConfig config)
    {
        double rate = config.Run.Load switch
        {
            "simulator" or "simulator-inprocess" => config.Simulator.OrdersPerSecond,
            "generator" => config.Generator.OrdersPerSecond,
            _ => 0,
        };
        if (rate <= 0) return UnknownRateOrdersPerDay;
        double orders = rate * config.Run.DurationSeconds * RateHeadroom;
        return orders >= 1 << 30 ? 1 << 30 : Math.Max(MinOrdersPerDay, RoundUp((int)Math.Ceiling(orders)));
    }

    private static int RoundUp(int n) => n <= 1 ? 1 : n >= 1 << 30 ? 1 << 30 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n);
}
