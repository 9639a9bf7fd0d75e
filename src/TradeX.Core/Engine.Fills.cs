namespace TradeX.Core;

public sealed partial class Engine
{
    // ---- venue fills ------------------------------------------------------------------------

    /// <summary>
    /// A venue fill is applied only to an order working at that venue (a directed order there, or a smart-routed
    /// parent's child there), for no more than the order has left there, at or better than its limit. Anything
    /// else is never applied as it came: a fill naming an order not working at that venue, or more than it has
    /// left, is refused; one worse than the limit, or for an order that has ended at that venue (a late fill), is
    /// quarantined as a break until an operator books or busts it. Both raise a <see cref="FillBreak"/> alert and
    /// are counted; position, cash and the book stay untouched. Each (venue, execution id) is applied once.
    /// </summary>
    private void OnVenueFill(in VenueFill f)
    {
        if (f.ExecutionId.IsEmpty) { RejectInput(InputKind.VenueFill, RejectReason.MissingExecutionId, f.OrderId.Value); return; }
        if (f.Venue.Value <= 0) { RejectInput(InputKind.VenueFill, RejectReason.InvalidVenue, f.OrderId.Value); return; }
        var key = new ExecutionKey(f.Venue.Value, f.ExecutionId);
        if (_executions.Contains(key))
        {
            _counters.DuplicateFillsIgnored++;
            EngineEvent d = default;
            d.DuplicateFillIgnored.Venue = f.Venue;
            d.DuplicateFillIgnored.ExecutionId = f.ExecutionId;
            d.DuplicateFillIgnored.OrderId = f.OrderId;
            Publish(ref d, EventKind.DuplicateFillIgnored);
            return;
        }
        if (f.Quantity.Units <= 0) { RejectInput(InputKind.VenueFill, RejectReason.InvalidQuantity, f.OrderId.Value); return; }
        if (f.Price.Raw <= 0) { RejectInput(InputKind.VenueFill, RejectReason.InvalidPrice, f.OrderId.Value); return; }

        if (!f.OrderId.IsNone && _orderIndex.TryGet(f.OrderId.Value, out int slot))
        {
            ref OrderRecord o = ref _orders[slot];
            if (!IsWorkingAt(ref o, f.Venue.Value)) { RefuseFill(in f, RejectReason.NotWorkingAtVenue, o.PositionIndex, o.Side, 0); return; }
            long leaves = VenueLeaves(ref o);
            if (f.Quantity.Units > leaves) { RefuseFill(in f, RejectReason.FillExceedsLeaves, o.PositionIndex, o.Side, leaves); return; }
            if (IsWorseThanLimit(ref o, f.Price.Raw))
            {
                OpenBreak(in f, key, RejectReason.FillOutsideLimit, o.PositionIndex, o.Side, o.ClientOrderId, leaves);
                return;
            }
            _executions.Remember(key);
            ApplyWorkingFill(slot, f.Quantity.Units, f.Price.Raw, f.Venue);
            return;
        }
        if (!f.OrderId.IsNone && _endedVenueOrders.TryGet(f.OrderId.Value, out var ended) && ended.Venue == f.Venue.Value)
        {
            OpenBreak(in f, key, RejectReason.OrderEnded, ended.PositionIndex, ended.Side, ended.ClientOrderId, 0);
            return;
        }
        RefuseFill(in f, RejectReason.NotWorkingAtVenue, None, f.Side, 0);
    }

    /// <summary>A directed order working at the venue, or a child of a routed parent sent there (whatever its session state).</summary>
    private static bool IsWorkingAt(ref OrderRecord o, int venue) =>
        o.Venue == venue && (o.Role == OrderRole.Child || (o.Role == OrderRole.Client && o.State is OrderState.AtVenue or OrderState.VenueCancelPending));

    /// <summary>What an order working at a venue can still be filled there: a child's unfilled quantity, a directed order's leaves.</summary>
    private static long VenueLeaves(ref OrderRecord o) => o.Role == OrderRole.Child ? o.Quantity - o.Filled : o.Leaves;

    /// <summary>A buy above its limit or a sell below it (a market order's limit is its protection price, the price it reserved at).</summary>
    private static bool IsWorseThanLimit(ref OrderRecord o, long price)
    {
        long limit = o.Type == OrderType.Market ? o.ReservePrice : o.Price;
        return o.Side == Side.Buy ? price > limit : price < limit;
    }

    private void ApplyWorkingFill(int slot, long quantity, long price, VenueId venue)
    {
        if (_orders[slot].Role == OrderRole.Child) ApplyChildFill(slot, quantity, price, venue);
        else ApplyDirectedFill(slot, quantity, price, venue);
    }

    /// <summary>A fill of a directed order at its venue: its reservation converts, its position moves; it closes when filled.</summary>
    private void ApplyDirectedFill(int slot, long quantity, long price, VenueId venue)
    {
        ref OrderRecord o = ref _orders[slot];
        Account account = _accounts[o.AccountIndex];
        _ledger.ReleaseDeferringRisk(account, ref o, quantity);
        o.Leaves -= quantity;
        o.Filled += quantity;
        _counters.VenueFillsApplied++;
        ApplyFill(account, o.PositionIndex, o.Side == Side.Buy ? quantity : -quantity, price, o.ReservePrice);
        PublishVenueTrade(o.PositionIndex, o.Side, quantity, price, venue, o.OrderId, o.ClientOrderId, o.Leaves, o.Quantity - o.Leaves, o.Session);
        PublishPosition(o.PositionIndex);
        if (o.Leaves == 0) CloseOrder(slot);
        PublishExposure(account);
    }

    /// <summary>A booked break of an order that had ended at its venue: the fill moves the position and cash only.</summary>
    private void ApplyLateFill(int positionSlot, Side side, long quantity, long price, VenueId venue, long orderId, ulong clientOrderId)
    {
        Account account = _accounts[_positions[positionSlot].AccountIndex];
        _counters.UnmatchedVenueFills++;
        _counters.VenueFillsApplied++;
        ApplyFill(account, positionSlot, side == Side.Buy ? quantity : -quantity, price, price);
        PublishVenueTrade(positionSlot, side, quantity, price, venue, orderId, clientOrderId, 0, quantity, 0); // the ended order's history is gone: the fill is all that is known
        PublishPosition(positionSlot);
        PublishExposure(account);
    }

    /// <summary>A Trade for a venue fill: the client's side is the order, the other side is the venue (named by our child order there, for a routed fill).</summary>
    private void PublishVenueTrade(int positionSlot, Side side, long quantity, long price, VenueId venue, long orderId, ulong clientOrderId, long leaves, long cumulative,
        int session, long venueSideOrderId = 0)
    {
        ref PositionRecord p = ref _positions[positionSlot];
        EngineEvent e = default;
        ref Trade t = ref e.Trade;
        t.TradeId = new TradeId(_nextTradeId++);
        t.Instrument = new InstrumentId(_instruments[p.InstrumentIndex].Id);
        t.Price = new Price(price);
        t.Quantity = new Quantity(quantity);
        t.Venue = venue;
        t.AggressorSide = side;
        var account = new AccountId(_accounts[p.AccountIndex].Id);
        if (side == Side.Buy)
        {
            t.BuyOrderId = new OrderId(orderId);
            t.BuyClientOrderId = new ClientOrderId(clientOrderId);
            t.BuyAccount = account;
            t.BuyLeaves = new Quantity(leaves);
            t.BuyCumQuantity = new Quantity(cumulative);
            t.BuySession = session;
            t.SellOrderId = new OrderId(venueSideOrderId);
        }
        else
        {
            t.SellOrderId = new OrderId(orderId);
            t.SellClientOrderId = new ClientOrderId(clientOrderId);
            t.SellAccount = account;
            t.SellLeaves = new Quantity(leaves);
            t.SellCumQuantity = new Quantity(cumulative);
            t.SellSession = session;
            t.BuyOrderId = new OrderId(venueSideOrderId);
        }
        Publish(ref e, EventKind.Trade);
    }

    /// <summary>Refuses a fill: nothing changes (its execution id is not remembered: a resend is refused again); an operator alert says why.</summary>
    private void RefuseFill(in VenueFill f, RejectReason reason, int positionSlot, Side side, long leaves)
    {
        _counters.VenueFillsRefused++;
        if (reason == RejectReason.FillExceedsLeaves) _counters.VenueOverfills++;
        EngineEvent e = default;
        ref FillBreak x = ref e.FillBreak;
        x.Status = FillBreakStatus.Refused;
        x.Reason = reason;
        x.ExecutionId = f.ExecutionId;
        x.OrderId = f.OrderId;
        x.Quantity = f.Quantity;
        x.Price = f.Price;
        x.Leaves = new Quantity(leaves);
        x.Venue = f.Venue;
        x.Side = side;
        if (positionSlot != None)
        {
            ref PositionRecord p = ref _positions[positionSlot];
            x.Account = new AccountId(_accounts[p.AccountIndex].Id);
            x.Instrument = new InstrumentId(_instruments[p.InstrumentIndex].Id);
        }
        else
        {
            // The engine does not know the order: say what the fill claimed.
            x.Account = f.Account;
            x.Instrument = f.Instrument;
        }
        Publish(ref e, EventKind.FillBreak);
    }

    /// <summary>Quarantines a fill as an open break: its execution id is remembered (a resend is a duplicate), nothing else changes.</summary>
    private void OpenBreak(in VenueFill f, ExecutionKey key, RejectReason reason, int positionSlot, Side side, ulong clientOrderId, long leaves)
    {
        if (_breaks.IsFull)
        {
            RefuseFill(in f, RejectReason.BreakCapacity, positionSlot, side, leaves);
            return;
        }
        _executions.Remember(key);
        _counters.VenueBreaksOpened++;
        var b = new FillBreakBook.Break
        {
            Sequence = _events.Sequence, ExecutionId = f.ExecutionId, OrderId = f.OrderId.Value, ClientOrderId = clientOrderId,
            Quantity = f.Quantity.Units, Price = f.Price.Raw, Venue = f.Venue.Value, PositionIndex = positionSlot, Side = side, Reason = reason,
        };
        b.Id = _breaks.Open(in b);
        PublishBreak(in b, FillBreakStatus.Opened, default, leaves);
    }

    private void PublishBreak(in FillBreakBook.Break b, FillBreakStatus status, Ascii16 operatorName, long leaves)
    {
        ref PositionRecord p = ref _positions[b.PositionIndex];
        EngineEvent e = default;
        ref FillBreak x = ref e.FillBreak;
        x.BreakId = b.Id;
        x.Status = status;
        x.Reason = b.Reason;
        x.ExecutionId = b.ExecutionId;
        x.OrderId = new OrderId(b.OrderId);
        x.Quantity = new Quantity(b.Quantity);
        x.Price = new Price(b.Price);
        x.Leaves = new Quantity(leaves);
        x.Venue = new VenueId(b.Venue);
        x.Account = new AccountId(_accounts[p.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[p.InstrumentIndex].Id);
        x.Side = b.Side;
        x.Operator = operatorName;
        Publish(ref e, EventKind.FillBreak);
    }

    // ---- breaks -----------------------------------------------------------------------------

    /// <summary>
    /// An operator books or busts an open break. Booking applies the fill: to the order when it still works at
    /// the venue (refused, the break staying open, if it is now more than the order has left), otherwise to the
    /// position and cash only. Busting closes the break; nothing is applied. The operator must be registered.
    /// </summary>
    private void OnResolveBreak(in ResolveBreak r)
    {
        if (r.Operator.IsEmpty) { RejectInput(InputKind.ResolveBreak, RejectReason.InvalidOperator, r.BreakId); return; }
        if (!_reference.IsRegisteredOperator(r.Operator)) { RejectInput(InputKind.ResolveBreak, RejectReason.UnknownOperator, r.BreakId); return; }
        if (r.Action is not (BreakAction.Book or BreakAction.Bust)) { RejectInput(InputKind.ResolveBreak, RejectReason.InvalidBreakAction, r.BreakId); return; }
        int index = _breaks.IndexOf(r.BreakId);
        if (index < 0) { RejectInput(InputKind.ResolveBreak, RejectReason.UnknownBreak, r.BreakId); return; }
        FillBreakBook.Break b = _breaks[index];
        if (r.Action == BreakAction.Bust)
        {
            _breaks.RemoveAt(index);
            PublishBreak(in b, FillBreakStatus.Busted, r.Operator, 0);
            return;
        }
        if (_orderIndex.TryGet(b.OrderId, out int slot) && IsWorkingAt(ref _orders[slot], b.Venue))
        {
            long leaves = VenueLeaves(ref _orders[slot]);
            if (b.Quantity > leaves) { RejectInput(InputKind.ResolveBreak, RejectReason.FillExceedsLeaves, r.BreakId); return; }
            _breaks.RemoveAt(index);
            PublishBreak(in b, FillBreakStatus.Booked, r.Operator, leaves);
            ApplyWorkingFill(slot, b.Quantity, b.Price, new VenueId(b.Venue));
            return;
        }
        _breaks.RemoveAt(index);
        PublishBreak(in b, FillBreakStatus.Booked, r.Operator, 0);
        ApplyLateFill(b.PositionIndex, b.Side, b.Quantity, b.Price, new VenueId(b.Venue), b.OrderId, b.ClientOrderId);
    }

    /// <summary>Remembers an order that ended at its venue, so a late fill for it becomes a break rather than a refusal.</summary>
    private void RememberEndedVenueOrder(ref OrderRecord o) =>
        _endedVenueOrders.Add(o.OrderId, o.ClientOrderId, o.Venue, o.PositionIndex, o.Side, _executions.Day);

    // ---- venue order states -----------------------------------------------------------------

    private void OnVenueOrderStatus(in VenueOrderStatus s)
    {
        if (_orderIndex.TryGet(s.OrderId.Value, out int childSlot) && _orders[childSlot].Role == OrderRole.Child && _orders[childSlot].Venue == s.Venue.Value)
        {
            OnChildStatus(childSlot, s.State);
            return;
        }
        if (!_orderIndex.TryGet(s.OrderId.Value, out int slot) || _orders[slot].Venue != s.Venue.Value ||
            _orders[slot].State is not (OrderState.AtVenue or OrderState.VenueCancelPending))
        {
            RejectInput(InputKind.VenueOrderStatus, RejectReason.UnknownOrder, s.OrderId.Value);
            return;
        }
        CancelReason reason;
        switch (s.State)
        {
            case VenueOrderState.Acknowledged:
                return;
            case VenueOrderState.Canceled: reason = CancelReason.VenueCanceled; break;
            case VenueOrderState.Rejected: reason = CancelReason.VenueRejected; break;
            case VenueOrderState.Expired: reason = CancelReason.Expired; break;
            default:
                RejectInput(InputKind.VenueOrderStatus, RejectReason.InvalidVenueOrderState, s.OrderId.Value);
                return;
        }
        Account account = _accounts[_orders[slot].AccountIndex];
        CancelOrder(slot, reason, default);
        PublishExposure(account);
    }
}
