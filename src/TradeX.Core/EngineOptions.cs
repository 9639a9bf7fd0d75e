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

    /// <summary>Client order ids remembered per trading day before the index must grow.</summary>
    public int ExpectedClientOrderIdsPerDay { get; init; } = 1_048_576;

    /// <summary>Venue execution ids remembered per trading day before the index must grow.</summary>
    public int ExpectedVenueFillsPerDay { get; init; } = 262_144;

    /// <summary>Price levels per book side before that side's level pool must grow.</summary>
    public int InitialLevelsPerSide { get; init; } = 256;

    /// <summary>Hard limit violations within <see cref="CircuitBreakerWindowNanos"/> that trip an account's kill switch.</summary>
    public int CircuitBreakerViolations { get; init; } = 5;

    public long CircuitBreakerWindowNanos { get; init; } = 60_000_000_000L;

    /// <summary>Default utilisation thresholds for limit alerts, in basis points of the limit.</summary>
    public short DefaultWarningBps { get; init; } = 8_000;

    public short DefaultCriticalBps { get; init; } = 9_500;

    /// <summary>
    /// Touch every pre-allocated page at construction so the first inputs do not pay page faults.
    /// On by default; tests that build many engines turn it off.
    /// </summary>
    public bool PreFaultMemory { get; init; } = true;

    public static EngineOptions Default { get; } = new();

    /// <summary>Small capacities for tests and tools.</summary>
    public static EngineOptions Small { get; } = new()
    {
        MaxOpenOrders = 16_384,
        MaxPositions = 16_384,
        ExpectedClientOrderIdsPerDay = 65_536,
        ExpectedVenueFillsPerDay = 16_384,
        InitialLevelsPerSide = 64,
        PreFaultMemory = false,
    };
}
