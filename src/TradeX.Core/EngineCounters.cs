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
    /// <summary>Fills of orders that had ended at their venue, booked by an operator from a break: applied to the position, counted here.</summary>
    public long UnmatchedVenueFills;
    /// <summary>Venue fills for more than the order had left at the venue: refused (also counted in <see cref="VenueFillsRefused"/>).</summary>
    public long VenueOverfills;
    /// <summary>Venue fills refused (not working at that venue, or more than the order had left): nothing applied, an operator alert raised.</summary>
    public long VenueFillsRefused;
    /// <summary>Venue fills quarantined as breaks (worse than the limit, or for an order that had ended there).</summary>
    public long VenueBreaksOpened;
    public long OperatorRejections;
    public long KillSwitchTrips;
    public long CircuitBreakerTrips;
    public long ChildOrdersRouted;
}
