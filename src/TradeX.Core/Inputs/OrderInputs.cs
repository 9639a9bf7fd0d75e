namespace TradeX.Core;

/// <summary>A client's new order. <see cref="Venue"/> zero means the internal book; otherwise the order is directed to that venue.</summary>
public struct NewOrder
{
    public ClientOrderId ClientOrderId;
    public Price Price;
    public Quantity Quantity;
    public AccountId Account;
    public InstrumentId Instrument;
    public VenueId Venue;
    /// <summary>The gateway session that entered the order (0 = none): events about the order name it, cancel-on-disconnect finds by it.</summary>
    public int Session;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    /// <summary>Internal (default): match here, rest here. SmartRoute: match here, then route what is left to venues as a parent order.</summary>
    public RoutingPolicy Routing;
}

/// <summary>Cancels an open order, found by its engine id or else by the client's original id.</summary>
public struct CancelOrder
{
    public ClientOrderId OrigClientOrderId;
    /// <summary>This request's own id, echoed in the response.</summary>
    public ClientOrderId ClientOrderId;
    public OrderId OrderId;
    public AccountId Account;
    /// <summary>The requesting session (0 = none), named in a CancelRejected.</summary>
    public int Session;
    /// <summary>The instrument the request named (0 = not given), echoed in a CancelRejected.</summary>
    public InstrumentId Instrument;
}

/// <summary>
/// Changes an open order's price and/or total quantity. Lowering the quantity at the same price keeps
/// time priority; a price change or a larger quantity loses it (the order re-enters at the back).
/// </summary>
public struct ReplaceOrder
{
    public ClientOrderId OrigClientOrderId;
    /// <summary>The order's new client id.</summary>
    public ClientOrderId ClientOrderId;
    public OrderId OrderId;
    public Price Price;
    /// <summary>The new total quantity, including what has already been filled (as FIX OrderQty).</summary>
    public Quantity Quantity;
    public AccountId Account;
    /// <summary>The requesting session (0 = none).</summary>
    public int Session;
    /// <summary>The instrument the request named (0 = not given), echoed in a CancelRejected.</summary>
    public InstrumentId Instrument;
}

/// <summary>Cancels every open order (or only every quote) of an account, a participant, an instrument or a session.</summary>
public struct MassCancel
{
    public MassCancelScope Scope;
    /// <summary>The account, participant, instrument or session id, as the scope says.</summary>
    public int Target;
    /// <summary>Cancel only quotes (a market maker's cancel-on-disconnect that leaves its orders working).</summary>
    public bool QuotesOnly;
    /// <summary>
    /// Narrows an Account, Participant or Session scope to one instrument (a market maker's "cancel all my
    /// orders in X"); default (0) = every instrument. Must stay 0 with the Instrument scope.
    /// </summary>
    public InstrumentId Instrument;
}

/// <summary>
/// A market maker's two-sided quote in one instrument (one entry of a MassQuote). It replaces the
/// account's quote in that instrument, bid and ask as one unit: both sides are validated and risk-checked
/// before either changes. A zero size pulls that side. Quote sides rest and trade like orders.
/// </summary>
public struct Quote
{
    public ulong QuoteId;
    public Price BidPrice;
    public Quantity BidSize;
    public Price AskPrice;
    public Quantity AskSize;
    public AccountId Account;
    public InstrumentId Instrument;
    public int Session;
}

/// <summary>A fill reported by an external venue, with the venue's execution id.</summary>
public struct VenueFill
{
    public ExecutionId ExecutionId;
    public OrderId OrderId;
    public Quantity Quantity;
    public Price Price;
    public VenueId Venue;
    /// <summary>Account, instrument and side are carried so a fill is never lost, even when the order is no longer open.</summary>
    public AccountId Account;
    public InstrumentId Instrument;
    public Side Side;
}

/// <summary>An external venue's report of an order's state (acknowledged, cancelled, rejected, expired).</summary>
public struct VenueOrderStatus
{
    public OrderId OrderId;
    public VenueId Venue;
    public VenueOrderState State;
}
