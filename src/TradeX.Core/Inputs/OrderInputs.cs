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
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
}

/// <summary>Cancels an open order, found by its engine id or else by the client's original id.</summary>
public struct CancelOrder
{
    public ClientOrderId OrigClientOrderId;
    /// <summary>This request's own id, echoed in the response.</summary>
    public ClientOrderId ClientOrderId;
    public OrderId OrderId;
    public AccountId Account;
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
}

/// <summary>Cancels every open order of an account, a participant or an instrument.</summary>
public struct MassCancel
{
    public MassCancelScope Scope;
    /// <summary>The account, participant or instrument id, as the scope says.</summary>
    public int Target;
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
