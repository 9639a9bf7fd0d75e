namespace TradeX.Core;

/// <summary>
/// Operational counters of an engine: metrics for operators, not business state (they are not in
/// the snapshot or <c>StateHash</c>).
/// </summary>
public struct EngineCounters
{
    public long InputsApplied;
    public long StaleInputsIgnored;
    public long InputsRejected;
    public long OrdersAccepted;
    public long OrdersRejected;
    public long Trades;
    public long VenueFillsApplied;
    public long DuplicateFillsIgnored;
    /// <summary>Venue fills for orders the engine no longer (or never) had open: applied to the position, counted here.</summary>
    public long UnmatchedVenueFills;
    /// <summary>Venue fills larger than the order's remaining quantity (applied in full; the excess counted here).</summary>
    public long VenueOverfills;
    public long OperatorRejections;
    public long KillSwitchTrips;
    public long CircuitBreakerTrips;
    public long ChildOrdersRouted;
}
