namespace TradeX.Core.Book;

/// <summary>Where an accepted order is.</summary>
internal enum OrderState : byte
{
    Free = 0,
    /// <summary>Being matched on arrival (not yet in a level).</summary>
    Incoming = 1,
    /// <summary>Resting in the internal book.</summary>
    Resting = 2,
    /// <summary>Directed to an external venue and working there.</summary>
    AtVenue = 3,
    /// <summary>Working at a venue with a cancel requested; the reservation stays until the venue confirms.</summary>
    VenueCancelPending = 4,
    /// <summary>A smart-routed parent: what is not filled works through its child orders (or waits to be routed).</summary>
    Routed = 5,
    /// <summary>A parent being cancelled: its children were asked to cancel; it ends when all have.</summary>
    RoutedCancelPending = 6,
    /// <summary>A child sent to (or working at) its venue.</summary>
    ChildWorking = 7,
    /// <summary>A child with a cancel requested; still committed until the venue confirms.</summary>
    ChildCancelPending = 8,
    /// <summary>A child whose venue session went down: committed, never re-routed, until the venue confirms its state.</summary>
    ChildUnknown = 9,
}

/// <summary>An order's place in smart routing.</summary>
internal enum OrderRole : byte
{
    Client = 0,
    Parent = 1,
    Child = 2,
}

/// <summary>
/// One order slot in <see cref="OrderStore"/>. Orders are linked into two intrusive lists by slot
/// index: the FIFO of their price level and the list of their account's open orders, so cancel by
/// id is O(1) and no list node is ever allocated.
/// </summary>
internal struct OrderRecord
{
    public long OrderId;
    public ulong ClientOrderId;
    /// <summary>Limit price (raw); zero for a market order.</summary>
    public long Price;
    /// <summary>The price at which exposure and buying power are reserved: the limit, or the protection price for a market order.</summary>
    public long ReservePrice;
    public long Quantity;
    public long Leaves;
    public long Filled;
    public long AcceptedSequence;
    public int AccountIndex;
    public int InstrumentIndex;
    public int PositionIndex;
    public int Participant;
    public int Venue;
    public int Session;
    /// <summary>Level slot while resting; -1 otherwise.</summary>
    public int Level;
    public int Prev;
    public int Next;
    public int AccountPrev;
    public int AccountNext;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public OrderState State;
    /// <summary>One side of a market maker's quote: not in the client order id index; <see cref="ClientOrderId"/> holds the quote id.</summary>
    public bool IsQuote;
    public OrderRole Role;
    /// <summary>Parent: its first child (children are linked through <see cref="Prev"/>/<see cref="Next"/>). Child: its parent's slot.</summary>
    public int ChildHead;
    public int Parent;
    /// <summary>Parent: quantity committed to children (their quantity less what they filled), counted until each closes.</summary>
    public long ChildOpen;
    /// <summary>Parent: links in the engine's list of routed parents, in order-id order (venue session changes walk it).</summary>
    public int ParentPrev;
    public int ParentNext;
    public byte RouteAttempts;
    /// <summary>Child: a cancel was asked for while its state was unknown.</summary>
    public bool CancelRequested;
    /// <summary>Parent being cancelled: why, and the request's id, for the OrderCanceled sent when its last child ends.</summary>
    public CancelReason PendingCancelReason;
    public ulong PendingCancelRequestId;
}
