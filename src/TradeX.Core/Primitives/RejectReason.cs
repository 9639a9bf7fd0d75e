namespace TradeX.Core;

/// <summary>
/// Why an input was refused. The numeric codes are stable: they go on the wire (SBE and FIX reject
/// reasons), into the journal and into tests. Never renumber; add new codes at the end.
/// </summary>
public enum RejectReason : ushort
{
    None = 0,
    UnknownInstrument = 1,
    UnknownAccount = 2,
    InvalidQuantity = 3,
    InvalidPrice = 4,
    LotSize = 5,
    TickSize = 6,
    InvalidSide = 7,
    InvalidOrderType = 8,
    InvalidTimeInForce = 9,
    DuplicateClientOrderId = 10,
    PriceCollar = 11,
    MaxOrderQuantity = 12,
    MaxOrderNotional = 13,
    BuyingPower = 14,
    GrossExposure = 15,
    NetExposure = 16,
    PositionLimit = 17,
    Concentration = 18,
    DailyLoss = 19,
    OrderRate = 20,
    KillSwitchActive = 21,
    UnknownOrder = 22,
    /// <summary>The order store is full, or the day's client order ids are used up (<see cref="EngineOptions.ExpectedClientOrderIdsPerDay"/>).</summary>
    OrderCapacity = 23,
    PositionCapacity = 24,
    NotionalOverflow = 25,
    ReplaceBelowFilled = 26,
    ReplaceNotSupported = 27,
    CancelPending = 28,
    OperatorNotEntitled = 29,
    InvalidOperator = 30,
    InvalidReferenceData = 31,
    InvalidLimit = 32,
    AlreadyDefined = 33,
    InvalidVenue = 34,
    InvalidScope = 35,
    UnknownInputKind = 36,
    MissingExecutionId = 37,
    InvalidVenueOrderState = 38,
    ProtectionTripped = 39,
    CrossedQuote = 40,
    InvalidProtection = 41,
    RoutingNotSupported = 42,
    ReplaceBelowCommitted = 43,
    /// <summary>A venue fill for an order that is not working at that venue (internal, at another venue, never sent, or unknown): refused.</summary>
    NotWorkingAtVenue = 44,
    /// <summary>A venue fill for more than the order has left at the venue: refused (the over-fill the core exists to prevent).</summary>
    FillExceedsLeaves = 45,
    /// <summary>A venue fill at a price worse than the order's limit (buy above, sell below): quarantined as a break.</summary>
    FillOutsideLimit = 46,
    /// <summary>A venue fill for an order that has ended at that venue (filled, cancelled, rejected or expired there): quarantined as a break.</summary>
    OrderEnded = 47,
    /// <summary>No open break has that id.</summary>
    UnknownBreak = 48,
    /// <summary>The operator named is not registered.</summary>
    UnknownOperator = 49,
    /// <summary>A break resolution must book or bust.</summary>
    InvalidBreakAction = 50,
    /// <summary>The table of open breaks is full: the fill is refused instead of quarantined (resolve breaks to make room).</summary>
    BreakCapacity = 51,
    /// <summary>A withdrawal larger than the account's buying power (cash not held by open orders and positions): refused whole.</summary>
    WithdrawalExceedsBuyingPower = 52,
    /// <summary>A cash adjustment of zero, or one whose new cash would not fit the fixed-point range.</summary>
    InvalidCashAdjustment = 53,
}

/// <summary>Human text for each <see cref="RejectReason"/> (constant strings: no allocation).</summary>
public static class RejectReasons
{
    public static string Text(RejectReason reason) => reason switch
    {
        RejectReason.None => "accepted",
        RejectReason.UnknownInstrument => "unknown instrument",
        RejectReason.UnknownAccount => "unknown account",
        RejectReason.InvalidQuantity => "quantity must be positive",
        RejectReason.InvalidPrice => "limit price must be positive",
        RejectReason.LotSize => "quantity is not a multiple of the lot size",
        RejectReason.TickSize => "price is not a multiple of the tick size",
        RejectReason.InvalidSide => "side must be buy or sell",
        RejectReason.InvalidOrderType => "order type must be market or limit",
        RejectReason.InvalidTimeInForce => "time in force must be day, GTC, IOC or FOK",
        RejectReason.DuplicateClientOrderId => "duplicate client order id",
        RejectReason.PriceCollar => "price outside the collar around the reference price",
        RejectReason.MaxOrderQuantity => "order quantity above the account's maximum",
        RejectReason.MaxOrderNotional => "order notional above the account's maximum",
        RejectReason.BuyingPower => "insufficient buying power",
        RejectReason.GrossExposure => "gross exposure limit would be exceeded",
        RejectReason.NetExposure => "net exposure limit would be exceeded",
        RejectReason.PositionLimit => "position limit would be exceeded",
        RejectReason.Concentration => "concentration limit would be exceeded",
        RejectReason.DailyLoss => "daily loss limit reached",
        RejectReason.OrderRate => "order rate limit exceeded",
        RejectReason.KillSwitchActive => "kill switch active",
        RejectReason.UnknownOrder => "unknown order",
        RejectReason.OrderCapacity => "order capacity exhausted",
        RejectReason.PositionCapacity => "position capacity exhausted",
        RejectReason.NotionalOverflow => "notional too large to represent",
        RejectReason.ReplaceBelowFilled => "new quantity is not above the filled quantity",
        RejectReason.ReplaceNotSupported => "replace is not supported for orders working at a venue",
        RejectReason.CancelPending => "a cancel is already pending for this order",
        RejectReason.OperatorNotEntitled => "operator is not entitled to re-enable trading",
        RejectReason.InvalidOperator => "an operator must be named",
        RejectReason.InvalidReferenceData => "invalid reference data",
        RejectReason.InvalidLimit => "invalid limit setting",
        RejectReason.AlreadyDefined => "already defined",
        RejectReason.InvalidVenue => "invalid venue",
        RejectReason.InvalidScope => "invalid scope",
        RejectReason.UnknownInputKind => "unknown input kind",
        RejectReason.InvalidVenueOrderState => "invalid venue order state",
        RejectReason.ProtectionTripped => "market-maker protection tripped: reset required before quoting",
        RejectReason.CrossedQuote => "quote bid is not below its ask",
        RejectReason.InvalidProtection => "invalid protection setting",
        RejectReason.RoutingNotSupported => "smart routing is not available for this order (fill-or-kill, or directed to a venue)",
        RejectReason.ReplaceBelowCommitted => "new quantity is below what is filled or working at venues; cancel instead",
        RejectReason.MissingExecutionId => "a venue fill must carry the venue's execution id",
        RejectReason.NotWorkingAtVenue => "the fill names an order that is not working at that venue",
        RejectReason.FillExceedsLeaves => "fill quantity exceeds what the order has left at the venue",
        RejectReason.FillOutsideLimit => "fill price is worse than the order's limit",
        RejectReason.OrderEnded => "the order the fill names has ended at that venue",
        RejectReason.UnknownBreak => "no open break with that id",
        RejectReason.UnknownOperator => "operator is not registered",
        RejectReason.InvalidBreakAction => "a break is resolved by booking or busting it",
        RejectReason.BreakCapacity => "too many open breaks: the fill is refused until breaks are resolved",
        RejectReason.WithdrawalExceedsBuyingPower => "withdrawal exceeds the account's buying power",
        RejectReason.InvalidCashAdjustment => "a cash adjustment must be a non-zero amount the account's cash can hold",
        _ => "unknown reason",
    };
}
