namespace TradeX.Core;

/// <summary>An order passed validation and risk; its worst-case exposure is now reserved.</summary>
public struct OrderAccepted
{
    public OrderId OrderId;
    public ClientOrderId ClientOrderId;
    public Price Price;
    public Quantity Quantity;
    public AccountId Account;
    public InstrumentId Instrument;
    public VenueId Venue;
    public int Session;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    /// <summary>True for one side of a market maker's quote (<see cref="ClientOrderId"/> is then the quote id).</summary>
    public bool IsQuote;
}

/// <summary>A new order was refused; nothing was reserved.</summary>
public struct OrderRejected
{
    public ClientOrderId ClientOrderId;
    public Price Price;
    public Quantity Quantity;
    public AccountId Account;
    public InstrumentId Instrument;
    public int Session;
    public RejectReason Reason;
    public Side Side;
    /// <summary>The order type and time in force the request asked for, echoed in the reject.</summary>
    public OrderType Type;
    public TimeInForce TimeInForce;
}

/// <summary>
/// A trade, both sides: an internal cross between two client orders (at the resting order's price),
/// or a venue fill applied to one client order (the other side is the venue: order id zero).
/// </summary>
public struct Trade
{
    public TradeId TradeId;
    public Price Price;
    public Quantity Quantity;
    public OrderId BuyOrderId;
    public ClientOrderId BuyClientOrderId;
    public Quantity BuyLeaves;
    /// <summary>The buy order's cumulative filled quantity after this trade (FIX CumQty: its quantity minus its leaves).</summary>
    public Quantity BuyCumQuantity;
    public OrderId SellOrderId;
    public ClientOrderId SellClientOrderId;
    public Quantity SellLeaves;
    /// <summary>The sell order's cumulative filled quantity after this trade.</summary>
    public Quantity SellCumQuantity;
    public InstrumentId Instrument;
    public AccountId BuyAccount;
    public AccountId SellAccount;
    public VenueId Venue;
    public int BuySession;
    public int SellSession;
    public Side AggressorSide;
    public bool BuyIsQuote;
    public bool SellIsQuote;
}

/// <summary>An order, or its unfilled remainder, left the book; its reservation was released.</summary>
public struct OrderCanceled
{
    public OrderId OrderId;
    public ClientOrderId ClientOrderId;
    /// <summary>The cancel request's own id when a client asked; zero otherwise.</summary>
    public ClientOrderId RequestClientOrderId;
    public Quantity CanceledQuantity;
    public Quantity FilledQuantity;
    public AccountId Account;
    public InstrumentId Instrument;
    public int Session;
    public Side Side;
    public CancelReason Reason;
    public bool IsQuote;
}

/// <summary>An order's price or quantity changed.</summary>
public struct OrderReplaced
{
    public OrderId OrderId;
    public ClientOrderId OrigClientOrderId;
    public ClientOrderId ClientOrderId;
    public Price Price;
    public Quantity Quantity;
    public Quantity Leaves;
    public AccountId Account;
    public InstrumentId Instrument;
    public int Session;
    public Side Side;
    /// <summary>True when the change moved the order to the back of its price level.</summary>
    public bool PriorityLost;
    public bool IsQuote;
    public OrderType Type;
    public TimeInForce TimeInForce;
}

/// <summary>A cancel or replace request was refused (FIX OrderCancelReject).</summary>
public struct CancelRejected
{
    public ClientOrderId ClientOrderId;
    public ClientOrderId OrigClientOrderId;
    public OrderId OrderId;
    public AccountId Account;
    /// <summary>The instrument the request named (0 when it named none).</summary>
    public InstrumentId Instrument;
    public int Session;
    public RejectReason Reason;
    public bool WasReplace;
}

/// <summary>The outcome of one quote entry (MassQuoteAck material).</summary>
public struct QuoteStatus
{
    public ulong QuoteId;
    public AccountId Account;
    public InstrumentId Instrument;
    public int Session;
    public RejectReason Reason;
    public QuoteEntryStatus Status;
}

/// <summary>A market maker's protection tripped in an instrument: its quotes there were pulled; new ones are refused until reset.</summary>
public struct ProtectionTripped
{
    public long FilledQuantity;
    public int FillCount;
    public int PulledQuoteSides;
    public ParticipantId Participant;
    public InstrumentId Instrument;
}

/// <summary>A market maker re-armed its protection in an instrument (0 = all).</summary>
public struct ProtectionReset
{
    public ParticipantId Participant;
    public InstrumentId Instrument;
}

/// <summary>
/// The engine asks a venue session to send a new order: a directed order, or a child of a smart-routed
/// parent (then <see cref="ParentOrderId"/> is set, and the routing fields say why this venue: the
/// displayed price and size the router saw there, the venue's fee per unit and its rank among the
/// venues considered; rank 0 with no displayed size = the resting remainder at the home venue).
/// </summary>
public struct VenueOrderRequested
{
    public OrderId OrderId;
    public ClientOrderId ClientOrderId;
    public Price Price;
    public Quantity Quantity;
    public OrderId ParentOrderId;
    public Price DisplayedPrice;
    public Quantity DisplayedSize;
    public Price FeePerUnit;
    public AccountId Account;
    public InstrumentId Instrument;
    public VenueId Venue;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public byte Rank;
}

/// <summary>A child order at a venue ended: what it filled and what quantity went back to its parent.</summary>
public struct ChildOrderClosed
{
    public OrderId ChildOrderId;
    public OrderId ParentOrderId;
    public Quantity Filled;
    public Quantity Released;
    public VenueId Venue;
    public ChildCloseReason Reason;
}

/// <summary>A venue session went down or came back; how many child orders became unknown.</summary>
public struct VenueSessionChanged
{
    public VenueId Venue;
    public int UnknownChildren;
    public bool Up;
}

/// <summary>The engine asks a venue session to cancel an order; its reservation stays until the venue confirms.</summary>
public struct VenueCancelRequested
{
    public OrderId OrderId;
    public AccountId Account;
    public InstrumentId Instrument;
    public VenueId Venue;
    public CancelReason Reason;
}

/// <summary>A venue fill whose (venue, execution id) was already applied; it changed nothing.</summary>
public struct DuplicateFillIgnored
{
    public ExecutionId ExecutionId;
    public OrderId OrderId;
    public VenueId Venue;
}

/// <summary>
/// An operator alert about a venue fill that was not applied as it came: refused (it names an order not
/// working at that venue, or more than the order has left), quarantined as an open break (worse than the
/// order's limit, or for an order that has ended at that venue), and later booked or busted by an operator.
/// Position, cash and the book are untouched until a break is booked.
/// </summary>
public struct FillBreak
{
    /// <summary>The break's id (from 1, in the order breaks open); 0 for a refused fill, which opens no break.</summary>
    public long BreakId;
    public ExecutionId ExecutionId;
    public OrderId OrderId;
    public Quantity Quantity;
    public Price Price;
    /// <summary>What the order had left at the venue when the fill came (0 when it had ended or is unknown).</summary>
    public Quantity Leaves;
    /// <summary>The operator who booked or busted the break (empty otherwise).</summary>
    public Ascii16 Operator;
    public VenueId Venue;
    /// <summary>The order's account and instrument when the engine knows them, else what the fill claimed.</summary>
    public AccountId Account;
    public InstrumentId Instrument;
    public RejectReason Reason;
    public Side Side;
    public FillBreakStatus Status;
}
