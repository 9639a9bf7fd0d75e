namespace TradeX.Core;

// Every enum here has stable numeric codes: they go on the wire, into the journal and into
// snapshots. Never renumber; add new members at the end.

/// <summary>Order side; codes equal FIX Side (54).</summary>
public enum Side : byte
{
    Buy = 1,
    Sell = 2,
}

/// <summary>Order type; codes equal FIX OrdType (40).</summary>
public enum OrderType : byte
{
    Market = 1,
    Limit = 2,
}

/// <summary>Time in force; codes equal FIX TimeInForce (59).</summary>
public enum TimeInForce : byte
{
    /// <summary>Rests until cancelled or the next start of day.</summary>
    Day = 0,
    /// <summary>Rests across days until cancelled.</summary>
    GoodTillCancel = 1,
    /// <summary>Trades what it can on arrival; the remainder is cancelled.</summary>
    ImmediateOrCancel = 3,
    /// <summary>Trades in full on arrival or not at all.</summary>
    FillOrKill = 4,
}

/// <summary>Why an order (or the unfilled part of one) left the book.</summary>
public enum CancelReason : byte
{
    ClientRequest = 1,
    /// <summary>The unfilled remainder of an immediate-or-cancel order (or a market order).</summary>
    ImmediateOrCancel = 2,
    /// <summary>A fill-or-kill order that could not trade in full.</summary>
    FillOrKill = 3,
    /// <summary>The incoming order would have traded with a resting order of its own participant.</summary>
    SelfTradePrevention = 4,
    KillSwitch = 5,
    MassCancel = 6,
    /// <summary>A day order still open at the next start of day.</summary>
    Expired = 7,
    VenueCanceled = 8,
    VenueRejected = 9,
    /// <summary>A market order's remainder when no liquidity is left inside its protection price (see docs/engine.md).</summary>
    MarketProtection = 10,
    /// <summary>A quote side pulled by a new quote (zero size) from its market maker.</summary>
    QuotePulled = 11,
    /// <summary>A quote side pulled because the market maker's protection tripped.</summary>
    ProtectionTripped = 12,
}

/// <summary>A pre-trade limit. Codes are stable (they appear in SetLimit inputs and LimitAlert events).</summary>
public enum LimitType : byte
{
    MaxOrderQuantity = 1,
    MaxOrderNotional = 2,
    /// <summary>Cash minus the reserved notional of open buy orders may not go below zero. The limit is the cash.</summary>
    BuyingPower = 3,
    GrossExposure = 4,
    NetExposure = 5,
    /// <summary>Worst-case absolute position per instrument (position plus open orders on one side).</summary>
    MaxPosition = 6,
    /// <summary>One instrument's share of the account's gross exposure, in basis points.</summary>
    Concentration = 7,
    DailyLoss = 8,
    /// <summary>Accepted new orders per second of engine time.</summary>
    OrderRate = 9,
}

/// <summary>What happens when a limit would be exceeded.</summary>
public enum LimitKind : byte
{
    /// <summary>Reject the order; counts toward the circuit breaker.</summary>
    Hard = 1,
    /// <summary>Accept the order and raise a LimitAlert.</summary>
    Soft = 2,
    /// <summary>Reject the order and trip the account's kill switch.</summary>
    Emergency = 3,
}

/// <summary>Utilisation level of a limit; a LimitAlert is raised only when the level changes.</summary>
public enum AlertLevel : byte
{
    Normal = 0,
    Warning = 1,
    Critical = 2,
    Breached = 3,
}

public enum KillSwitchScope : byte
{
    Account = 1,
    Global = 2,
}

/// <summary>Why a kill switch changed state.</summary>
public enum KillSwitchCause : byte
{
    Operator = 1,
    EmergencyLimit = 2,
    CircuitBreaker = 3,
}

public enum MassCancelScope : byte
{
    Account = 1,
    Participant = 2,
    Instrument = 3,
    /// <summary>Orders entered by one gateway session (cancel-on-disconnect).</summary>
    Session = 4,
}

/// <summary>The outcome of one quote entry; codes equal FIX QuoteEntryStatus (1167).</summary>
public enum QuoteEntryStatus : byte
{
    Accepted = 0,
    Rejected = 5,
    /// <summary>Both sides pulled (zero sizes).</summary>
    Removed = 6,
}

/// <summary>An external venue's report of an order's state (the routing work maps FIX OrdStatus to it).</summary>
public enum VenueOrderState : byte
{
    Acknowledged = 1,
    Canceled = 2,
    Rejected = 3,
    Expired = 4,
}

/// <summary>Where an order may execute.</summary>
public enum RoutingPolicy : byte
{
    /// <summary>Match in the internal book and rest there.</summary>
    Internal = 0,
    /// <summary>Match in the internal book, then route the rest to external venues as a parent order.</summary>
    SmartRoute = 1,
}

/// <summary>Why a routed child order ended.</summary>
public enum ChildCloseReason : byte
{
    Filled = 1,
    Canceled = 2,
    Rejected = 3,
    Expired = 4,
}

/// <summary>What happened to a venue fill that could not be applied as it came (a FillBreak event).</summary>
public enum FillBreakStatus : byte
{
    /// <summary>Refused: it names an order not working at that venue, or more than the order has left. Nothing changed.</summary>
    Refused = 1,
    /// <summary>Quarantined as an open break (outside the limit, or for an order that has ended): nothing applied until an operator decides.</summary>
    Opened = 2,
    /// <summary>An operator booked the break: the fill was applied.</summary>
    Booked = 3,
    /// <summary>An operator busted the break: it is closed and nothing was applied.</summary>
    Busted = 4,
}

/// <summary>An operator's decision on an open break.</summary>
public enum BreakAction : byte
{
    Book = 1,
    Bust = 2,
}
