namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>How many times a parent's unplaced quantity is routed again after children come back unfilled.</summary>
    public const int MaxRouteAttempts = 3;

    // ---- reference data and market data --------------------------------------------------

    private void OnDefineVenue(in DefineVenue d)
    {
        if (d.Venue.Value <= 0 || d.LatencyNanos < 0 || d.Name.IsEmpty)
        {
            RejectInput(InputKind.DefineVenue, RejectReason.InvalidReferenceData, d.Venue.Value);
            return;
        }
        _router.Upsert(in d);
        AcceptInput(InputKind.DefineVenue, d.Venue.Value);
    }

    private void OnVenueQuote(in VenueQuote q)
    {
        VenueRecord? venue = _router.Find(q.Venue.Value);
        Instrument? instrument = FindInstrument(q.Instrument.Value);
        if (venue is null || instrument is null)
        {
            RejectInput(InputKind.VenueQuote, venue is null ? RejectReason.InvalidVenue : RejectReason.UnknownInstrument, q.Instrument.Value);
            return;
        }
        if (q.BidPrice.Raw < 0 || q.AskPrice.Raw < 0 || q.BidSize.Units < 0 || q.AskSize.Units < 0)
        {
            RejectInput(InputKind.VenueQuote, RejectReason.InvalidPrice, q.Instrument.Value);
            return;
        }
        _router.StoreMarketData(venue, instrument.Index, q.BidPrice.Raw, q.BidSize.Units, q.AskPrice.Raw, q.AskSize.Units);
    }

    private void OnVenueSessionStatus(in VenueSessionStatus s)
    {
        VenueRecord? venue = _router.Find(s.Venue.Value);
        if (venue is null) { RejectInput(InputKind.VenueSessionStatus, RejectReason.InvalidVenue, s.Venue.Value); return; }
        bool changed = venue.Up != s.Up;
        venue.Up = s.Up;
        int unknown = 0;
        if (changed && !s.Up)
        {
            // Every child working there is now unknown: its quantity stays committed until the venue confirms.
            for (int parent = _router.FirstParent; parent != None; parent = _orders[parent].ParentNext)
                for (int c = _orders[parent].ChildHead; c != None; c = _orders[c].Next)
                {
                    ref OrderRecord child = ref _orders[c];
                    if (child.Venue != venue.Id || child.State == OrderState.ChildUnknown) continue;
                    if (child.State == OrderState.ChildCancelPending) child.CancelRequested = true;
                    child.State = OrderState.ChildUnknown;
                    unknown++;
                }
        }
        EngineEvent e = default;
        e.VenueSessionChanged.Venue = s.Venue;
        e.VenueSessionChanged.Up = s.Up;
        e.VenueSessionChanged.UnknownChildren = unknown;
        Publish(ref e, EventKind.VenueSessionChanged);
        if (changed && s.Up)
        {
            // Quantity that was waiting for a venue can go now. Routing only adds children, never ends a parent.
            for (int parent = _router.FirstParent; parent != None; parent = _orders[parent].ParentNext)
                if (_orders[parent].State == OrderState.Routed && _orders[parent].Leaves - _orders[parent].ChildOpen > 0)
                    Route(parent, sweep: false);
        }
    }

    // ---- routing ---------------------------------------------------------------------------

    /// <summary>Turns what is left of an order after internal matching into a parent and routes it.</summary>
    private void BecomeParent(int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        o.Role = OrderRole.Parent;
        o.State = OrderState.Routed;
        o.ChildHead = None;
        _router.LinkParent(slot);
        Route(slot, sweep: true);
        if (_orders[slot].Role == OrderRole.Parent && _orders[slot].State == OrderState.Routed) AfterChildChange(slot, routeAgain: false);
    }

    /// <summary>
    /// Places a parent's unplaced quantity. With <paramref name="sweep"/>: immediate-or-cancel children
    /// take the displayed liquidity that is at or better than the limit, best effective price first (price
    /// plus fee for a buy, less fee for a sell), then larger displayed size, then lower latency, then venue
    /// id. Then, for a day or good-till-cancel limit parent, what is left rests as one child at the home
    /// venue (lowest fee, then lowest latency). Quantity never routed stays with the parent, unplaced.
    /// Every child is committed from the moment it is sent: filled + committed never exceeds the parent.
    /// </summary>
    private void Route(int parentSlot, bool sweep)
    {
        ref OrderRecord p = ref _orders[parentSlot];
        Instrument instrument = _instruments[p.InstrumentIndex];
        long lot = instrument.LotSize;
        long unplaced = p.Leaves - p.ChildOpen;
        if (unplaced <= 0) return;
        bool buy = p.Side == Side.Buy;
        long limit = p.Type == OrderType.Market ? p.ReservePrice : p.Price;
        p.RouteAttempts++;

        if (sweep)
        {
            int n = _router.RankVenues(instrument.Index, buy, limit);
            for (int k = 0; k < n && unplaced > 0; k++)
            {
                ref readonly SmartRouter.Candidate candidate = ref _router.CandidateAt(k);
                long size = Math.Min(unplaced, candidate.Size);
                size -= size % lot;
                if (size <= 0) continue;
                if (!SendChild(parentSlot, candidate.Venue, limit, size, TimeInForce.ImmediateOrCancel, (byte)(k + 1), candidate.Price, candidate.Size)) return;
                unplaced -= size;
            }
        }
        if (unplaced > 0 && p.Type == OrderType.Limit && p.TimeInForce is TimeInForce.Day or TimeInForce.GoodTillCancel)
        {
            VenueRecord? home = _router.HomeVenue();
            long size = unplaced - unplaced % lot;
            if (home is not null && size > 0) SendChild(parentSlot, home, limit, size, p.TimeInForce, 0, 0, 0);
        }
    }

    /// <summary>Creates a child of a parent at a venue and asks the venue's session to send it. False when the order pool is full.</summary>
    private bool SendChild(int parentSlot, VenueRecord venue, long price, long size, TimeInForce tif, byte rank, long displayedPrice, long displayedSize)
    {
        int slot = _store.Allocate();
        if (slot == None) return false;
        ref OrderRecord p = ref _orders[parentSlot];
        ref OrderRecord c = ref _orders[slot];
        c.OrderId = _nextOrderId++;
        c.ClientOrderId = p.ClientOrderId;
        c.Price = c.ReservePrice = price;
        c.Quantity = c.Leaves = size;
        c.AcceptedSequence = _events.Sequence;
        c.AccountIndex = p.AccountIndex;
        c.InstrumentIndex = p.InstrumentIndex;
        c.PositionIndex = p.PositionIndex;
        c.Participant = p.Participant;
        c.Session = p.Session;
        c.Venue = venue.Id;
        c.Side = p.Side;
        c.Type = OrderType.Limit;
        c.TimeInForce = tif;
        c.State = OrderState.ChildWorking;
        c.Role = OrderRole.Child;
        c.Parent = parentSlot;
        LinkChild(parentSlot, slot);
        p.ChildOpen += size;
        _orderIndex.Add(c.OrderId, slot);
        _counters.ChildOrdersRouted++;

        PublishVenueOrderRequested(slot, p.OrderId, rank, displayedPrice, displayedSize, venue.FeePerUnit);
        return true;
    }

    private void LinkChild(int parentSlot, int childSlot)
    {
        // Append at the tail, so a parent's children are in order-id order (snapshots rely on it).
        ref OrderRecord c = ref _orders[childSlot];
        c.Next = None;
        int tail = _orders[parentSlot].ChildHead;
        if (tail == None)
        {
            _orders[parentSlot].ChildHead = childSlot;
            c.Prev = None;
            return;
        }
        while (_orders[tail].Next != None) tail = _orders[tail].Next;
        _orders[tail].Next = childSlot;
        c.Prev = tail;
    }

    private void UnlinkChild(int childSlot)
    {
        ref OrderRecord c = ref _orders[childSlot];
        if (c.Prev != None) _orders[c.Prev].Next = c.Next;
        else _orders[c.Parent].ChildHead = c.Next;
        if (c.Next != None) _orders[c.Next].Prev = c.Prev;
    }

    // ---- child results ------------------------------------------------------------------------

    /// <summary>
    /// A venue fill on a child (already checked: no more than the child has open, at or better than its limit):
    /// applied to the parent (reservation, position) and to the child's commitment.
    /// </summary>
    private void ApplyChildFill(int childSlot, long quantity, long price, VenueId venue)
    {
        ref OrderRecord c = ref _orders[childSlot];
        int parentSlot = c.Parent;
        ref OrderRecord p = ref _orders[parentSlot];
        Account account = _accounts[p.AccountIndex];
        c.Filled += quantity;
        p.ChildOpen -= quantity;
        _ledger.ReleaseDeferringRisk(account, ref p, quantity);
        p.Leaves -= quantity;
        p.Filled += quantity;
        _counters.VenueFillsApplied++;
        ApplyFill(account, p.PositionIndex, p.Side == Side.Buy ? quantity : -quantity, price, p.ReservePrice);

        // The client's side is the parent; the other side is the venue, named by our child order there.
        PublishVenueTrade(p.PositionIndex, p.Side, quantity, price, venue, p.OrderId, p.ClientOrderId, p.Leaves, p.Quantity - p.Leaves, p.Session, venueSideOrderId: c.OrderId);
        PublishPosition(p.PositionIndex);
        if (c.Filled >= c.Quantity) CloseChild(childSlot, ChildCloseReason.Filled);
        AfterChildChange(parentSlot, routeAgain: true);
        PublishExposure(account);
    }

    private void OnChildStatus(int childSlot, VenueOrderState state)
    {
        ref OrderRecord c = ref _orders[childSlot];
        int parentSlot = c.Parent;
        switch (state)
        {
            case VenueOrderState.Acknowledged:
                if (c.State == OrderState.ChildUnknown)
                {
                    c.State = c.CancelRequested ? OrderState.ChildCancelPending : OrderState.ChildWorking;
                    // The cancel asked for while the session was down may never have reached the venue: ask again.
                    if (c.CancelRequested) PublishVenueCancel(childSlot, _orders[parentSlot].PendingCancelReason);
                }
                return;
            case VenueOrderState.Canceled:
                CloseChild(childSlot, ChildCloseReason.Canceled);
                break;
            case VenueOrderState.Rejected:
                CloseChild(childSlot, ChildCloseReason.Rejected);
                break;
            case VenueOrderState.Expired:
                CloseChild(childSlot, ChildCloseReason.Expired);
                break;
            default:
                RejectInput(InputKind.VenueOrderStatus, RejectReason.InvalidVenueOrderState, c.OrderId);
                return;
        }
        Account account = _accounts[_orders[parentSlot].AccountIndex];
        AfterChildChange(parentSlot, routeAgain: true);
        PublishExposure(account);
    }

    /// <summary>A child ended: its unfilled quantity is no longer committed (it goes back to the parent, unplaced).</summary>
    private void CloseChild(int childSlot, ChildCloseReason reason)
    {
        ref OrderRecord c = ref _orders[childSlot];
        ref OrderRecord p = ref _orders[c.Parent];
        long released = Math.Max(0, c.Quantity - c.Filled);
        p.ChildOpen -= released;
        UnlinkChild(childSlot);
        _orderIndex.Remove(c.OrderId);
        RememberEndedVenueOrder(ref c);
        EngineEvent e = default;
        ref ChildOrderClosed x = ref e.ChildOrderClosed;
        x.ChildOrderId = new OrderId(c.OrderId);
        x.ParentOrderId = new OrderId(p.OrderId);
        x.Venue = new VenueId(c.Venue);
        x.Filled = new Quantity(c.Filled);
        x.Released = new Quantity(released);
        x.Reason = reason;
        _store.Free(childSlot);
        Publish(ref e, EventKind.ChildOrderClosed);
    }

    /// <summary>After a child changed: finish the parent (filled, cancelled, IOC remainder), or route its unplaced quantity again.</summary>
    private void AfterChildChange(int parentSlot, bool routeAgain)
    {
        ref OrderRecord p = ref _orders[parentSlot];
        if (p.Leaves == 0 && p.ChildHead == None)
        {
            CloseOrder(parentSlot);
            return;
        }
        if (p.State == OrderState.RoutedCancelPending)
        {
            if (p.ChildHead == None) CancelOrder(parentSlot, p.PendingCancelReason, new ClientOrderId(p.PendingCancelRequestId));
            return;
        }
        if (p.ChildHead == None && (p.Type == OrderType.Market || p.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill))
        {
            CancelOrder(parentSlot, p.Type == OrderType.Market ? CancelReason.MarketProtection : CancelReason.ImmediateOrCancel, default);
            return;
        }
        if (routeAgain && p.Leaves - p.ChildOpen > 0 && p.RouteAttempts < MaxRouteAttempts && p.Type == OrderType.Limit &&
            p.TimeInForce is TimeInForce.Day or TimeInForce.GoodTillCancel)
            Route(parentSlot, sweep: false);
    }

    /// <summary>Cancels a parent: at once when it has no children, otherwise by asking every child to cancel and ending when the last one has.</summary>
    private void CancelParent(int parentSlot, CancelReason reason, ClientOrderId requestId)
    {
        ref OrderRecord p = ref _orders[parentSlot];
        if (p.ChildHead == None)
        {
            CancelOrder(parentSlot, reason, requestId);
            return;
        }
        p.State = OrderState.RoutedCancelPending;
        p.PendingCancelReason = reason;
        p.PendingCancelRequestId = requestId.Value;
        for (int c = p.ChildHead; c != None; c = _orders[c].Next)
        {
            ref OrderRecord child = ref _orders[c];
            if (child.State == OrderState.ChildWorking)
            {
                child.State = OrderState.ChildCancelPending;
                PublishVenueCancel(c, reason);
            }
            else if (child.State == OrderState.ChildUnknown && !child.CancelRequested)
            {
                child.CancelRequested = true;
                PublishVenueCancel(c, reason);
            }
        }
    }

    private void PublishVenueCancel(int slot, CancelReason reason)
    {
        ref OrderRecord o = ref _orders[slot];
        EngineEvent e = default;
        ref VenueCancelRequested x = ref e.VenueCancelRequested;
        x.OrderId = new OrderId(o.OrderId);
        x.Account = new AccountId(_accounts[o.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[o.InstrumentIndex].Id);
        x.Venue = new VenueId(o.Venue);
        x.Reason = reason;
        Publish(ref e, EventKind.VenueCancelRequested);
    }
}
