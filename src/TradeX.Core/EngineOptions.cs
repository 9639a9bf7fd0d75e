namespace TradeX.Core;

/// <summary>
/// Capacities and policies of an engine. Every capacity is pre-allocated at construction so the
/// steady state allocates nothing; when one is exhausted the engine answers with a stable reject
/// reason (<see cref="RejectReason.OrderCapacity"/>, <see cref="RejectReason.PositionCapacity"/>)
/// rather than growing silently.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>Open orders at once, over all accounts and instruments.</summary>
    public int MaxOpenOrders { get; init; } = 262_144;

    /// <summary>(account, instrument) positions, including flat ones that once traded or had orders.</summary>
    public int MaxPositions { get; init; } = 262_144;

    /// <summary>
    /// Client order ids a trading day may use: every accepted order's, and the new id of every replace that names one.
    /// The index is sized for them at half load and never grows on the engine thread: an order or replace that would
    /// need one more id that day is rejected (<see cref="RejectReason.OrderCapacity"/>). StartOfDay forgets the ids of
    /// orders that have ended, so the count starts again from the orders still open. 32 to 64 bytes per id
    /// (16-byte slots at half load or less, a power of two of them): size it for the busiest day, not for the largest
    /// imaginable one (the node derives it from its load's rate and duration, docs/pipeline.md, "Capacities").
    /// </summary>
    public int ExpectedClientOrderIdsPerDay { get; init; } = 1_048_576;

    /// <summary>
    /// Whether <see cref="ExpectedClientOrderIdsPerDay"/> is a limit (the default). False is the behaviour before it was
    /// one: the index doubles on the engine thread past half full (an allocation and a rehash mid-day) and never refuses.
    /// Replaying a journal whose settings file predates the limit uses false, so it decides as the engine that wrote it.
    /// </summary>
    public bool ClientOrderIdsBounded { get; init; } = true;

    /// <summary>
    /// Venue execution ids remembered per trading day before the index must grow (a counted growth on the engine
    /// thread: a venue's fill is a fact to record, not a request to refuse).
    /// </summary>
    public int ExpectedVenueFillsPerDay { get; init; } = 262_144;

    /// <summary>
    /// Orders that end at a venue (directed orders and routing children) per trading day: they are remembered for
    /// today and yesterday, so a late fill for one is a break; beyond twice this the table doubles (counted growth).
    /// </summary>
    public int ExpectedVenueOrdersPerDay { get; init; } = 65_536;

    /// <summary>
    /// Open fill breaks at once. A fill that would open one more is refused instead (reason
    /// <see cref="RejectReason.BreakCapacity"/>), with the same operator alert.
    /// </summary>
    public int MaxOpenBreaks { get; init; } = 4_096;

    /// <summary>Price levels per book side before that side's level pool must grow.</summary>
    public int InitialLevelsPerSide { get; init; } = 256;

    /// <summary>Hard limit violations within <see cref="CircuitBreakerWindowNanos"/> that trip an account's kill switch.</summary>
    public int CircuitBreakerViolations { get; init; } = 5;

    public long CircuitBreakerWindowNanos { get; init; } = 60_000_000_000L;

    /// <summary>
    /// Which hard-limit reject reasons count toward the circuit breaker. The default counts the limits that
    /// betray a runaway or fat-fingered sender (order size and notional, exposure, position, concentration,
    /// daily loss, order rate) and not <see cref="RejectReason.BuyingPower"/>: a cash client who cannot
    /// afford an order is told so, order after order, without being locked out.
    /// <see cref="CircuitBreakerReasonSets.AllLimits"/> is the earlier behaviour (every hard limit counts).
    /// </summary>
    public IReadOnlyList<RejectReason> CircuitBreakerReasons { get; init; } = CircuitBreakerReasonSets.Default;

    /// <summary>
    /// Market-order protection band for instruments that set none, in basis points of the best opposite
    /// price: a market order trades, and reserves buying power and exposure, no further than this from the
    /// best price it can see (never beyond the collar; with no opposite price, at the collar bound).
    /// </summary>
    public int DefaultMarketProtectionBps { get; init; } = 500;

    /// <summary>Default utilisation thresholds for limit alerts, in basis points of the limit.</summary>
    public short DefaultWarningBps { get; init; } = 8_000;

    public short DefaultCriticalBps { get; init; } = 9_500;

    /// <summary>
    /// Touch every pre-allocated page at construction so the first inputs do not pay page faults.
    /// On by default; tests that build many engines turn it off.
    /// </summary>
    public bool PreFaultMemory { get; init; } = true;

    public static EngineOptions Default { get; } = new();

    /// <summary>The circuit breaker's reasons as a bit mask over reject codes (codes are below 64).</summary>
    internal ulong CircuitBreakerMask
    {
        get
        {
            ulong mask = 0;
            foreach (var reason in CircuitBreakerReasons)
                if ((int)reason is > 0 and < 64) mask |= 1UL << (int)reason;
            return mask;
        }
    }

    /// <summary>Small capacities for tests and tools.</summary>
    public static EngineOptions Small { get; } = new()
    {
        MaxOpenOrders = 16_384,
        MaxPositions = 16_384,
        ExpectedClientOrderIdsPerDay = 65_536,
        ExpectedVenueFillsPerDay = 16_384,
        ExpectedVenueOrdersPerDay = 4_096,
        InitialLevelsPerSide = 64,
        PreFaultMemory = false,
    };
}

/// <summary>Named choices for <see cref="EngineOptions.CircuitBreakerReasons"/>.</summary>
public static class CircuitBreakerReasonSets
{
    /// <summary>Every hard limit except buying power (the default).</summary>
    public static readonly IReadOnlyList<RejectReason> Default =
    [
        RejectReason.MaxOrderQuantity, RejectReason.MaxOrderNotional, RejectReason.GrossExposure, RejectReason.NetExposure,
        RejectReason.PositionLimit, RejectReason.Concentration, RejectReason.DailyLoss, RejectReason.OrderRate,
    ];

    /// <summary>Every hard limit, buying power included (the behaviour before the setting existed).</summary>
    public static readonly IReadOnlyList<RejectReason> AllLimits =
    [
        RejectReason.MaxOrderQuantity, RejectReason.MaxOrderNotional, RejectReason.BuyingPower, RejectReason.GrossExposure,
        RejectReason.NetExposure, RejectReason.PositionLimit, RejectReason.Concentration, RejectReason.DailyLoss, RejectReason.OrderRate,
    ];

    /// <summary>The reject reasons the breaker can count (the limit reasons).</summary>
    public static bool IsLimitReason(RejectReason reason) => reason is >= RejectReason.MaxOrderQuantity and <= RejectReason.OrderRate;
}
