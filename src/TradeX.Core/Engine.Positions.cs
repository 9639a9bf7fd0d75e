using TradeX.Core.Book;
using TradeX.Core.Collections;
using TradeX.Core.Positions;
using TradeX.Core.Risk;

namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Applies a signed fill (buy positive) at <paramref name="price"/> to a position and its account:
    /// quantity, cost, realized P&amp;L (closing quantity against proportional cost), cash, and the
    /// account's long/short value and unrealized P&amp;L by delta. Exact integer arithmetic throughout.
    /// </summary>
    private void ApplyFill(Account a, int positionSlot, long signedQuantity, long price)
    {
        ref PositionRecord p = ref _positions[positionSlot];
        long oldQuantity = p.Quantity;
        long oldValue = p.Value;
        long oldCost = p.Cost;
        long realized = 0;

        if (oldQuantity == 0 || (oldQuantity > 0) == (signedQuantity > 0))
        {
            p.Quantity = oldQuantity + signedQuantity;
            p.Cost = oldCost + signedQuantity * price;
        }
        else
        {
            long held = Math.Abs(oldQuantity);
            long traded = Math.Abs(signedQuantity);
            long closing = Math.Min(held, traded);
            // The closed part carries its proportional share of the cost (truncated toward zero; when
            // the whole position closes the share is exactly the cost, so nothing is ever lost).
            long closedCost = (long)((Int128)oldCost * closing / held);
            long direction = oldQuantity > 0 ? 1 : -1;
            realized = direction * closing * price - closedCost;
            p.Quantity = oldQuantity + signedQuantity;
            p.Cost = traded > held ? p.Quantity * price : oldCost - closedCost;
        }

        p.Realized += realized;
        p.RealizedToday += realized;
        a.Realized += realized;
        a.RealizedToday += realized;
        a.Cash -= signedQuantity * price;

        Instrument instrument = _instruments[p.InstrumentIndex];
        p.Value = p.Quantity * instrument.Mark;
        Revalue(a, ref p, oldValue, oldCost);

        if (oldQuantity == 0 && p.Quantity != 0) AddHolder(instrument, positionSlot);
        else if (oldQuantity != 0 && p.Quantity == 0) RemoveHolder(instrument, positionSlot);
    }

    /// <summary>Moves the account's long/short value and unrealized P&amp;L from a position's old value and cost to its current ones.</summary>
    private static void Revalue(Account a, ref PositionRecord p, long oldValue, long oldCost)
    {
        a.LongValue += Math.Max(p.Value, 0) - Math.Max(oldValue, 0);
        a.ShortValue += Math.Max(-p.Value, 0) - Math.Max(-oldValue, 0);
        a.Unrealized += (p.Value - p.Cost) - (oldValue - oldCost);
    }

    private void AddHolder(Instrument instrument, int slot)
    {
        ref PositionRecord p = ref _positions[slot];
        p.IsHolder = true;
        p.HolderPrev = None;
        p.HolderNext = instrument.HolderHead;
        if (instrument.HolderHead != None) _positions[instrument.HolderHead].HolderPrev = slot;
        instrument.HolderHead = slot;
        instrument.HolderCount++;
    }

    private void RemoveHolder(Instrument instrument, int slot)
    {
        ref PositionRecord p = ref _positions[slot];
        if (p.HolderPrev != None) _positions[p.HolderPrev].HolderNext = p.HolderNext;
        else instrument.HolderHead = p.HolderNext;
        if (p.HolderNext != None) _positions[p.HolderNext].HolderPrev = p.HolderPrev;
        p.HolderPrev = p.HolderNext = None;
        p.IsHolder = false;
        instrument.HolderCount--;
    }

    /// <summary>A new mark revalues only the positions that hold the instrument: cost ∝ holders, not accounts.</summary>
    private void OnMarkPrice(in MarkPrice m)
    {
        Instrument? instrument = FindInstrument(m.Instrument.Value);
        if (instrument is null) { RejectInput(InputKind.MarkPrice, RejectReason.UnknownInstrument, m.Instrument.Value); return; }
        if (m.Price.Raw <= 0) { RejectInput(InputKind.MarkPrice, RejectReason.InvalidPrice, m.Instrument.Value); return; }
        if (m.Price.Raw == instrument.Mark) return;
        instrument.Mark = m.Price.Raw;
        for (int slot = instrument.HolderHead; slot != None; slot = _positions[slot].HolderNext)
        {
            ref PositionRecord p = ref _positions[slot];
            Account a = _accounts[p.AccountIndex];
            long oldValue = p.Value;
            p.Value = p.Quantity * m.Price.Raw;
            Revalue(a, ref p, oldValue, p.Cost);
            PublishExposure(a);
        }
    }

    // ---- venue results --------------------------------------------------------------------

    private void OnVenueFill(in VenueFill f)
    {
        if (f.ExecutionId.IsEmpty) { RejectInput(InputKind.VenueFill, RejectReason.MissingExecutionId, f.OrderId.Value); return; }
        if (f.Venue.Value <= 0) { RejectInput(InputKind.VenueFill, RejectReason.InvalidVenue, f.OrderId.Value); return; }
        var key = new ExecutionKey(f.Venue.Value, f.ExecutionId);
        if (_fills.ContainsKey(key))
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

        long quantity = f.Quantity.Units;
        if (!f.OrderId.IsNone && _orderIndex.TryGet(f.OrderId.Value, out int childSlot) && _orders[childSlot].Role == OrderRole.Child &&
            _orders[childSlot].Venue == f.Venue.Value)
        {
            _fills.Set(key, _day);
            ApplyChildFill(childSlot, in f);
            return;
        }
        int slot = None;
        if (!f.OrderId.IsNone && _orderIndex.TryGet(f.OrderId.Value, out int found) &&
            _orders[found].Venue == f.Venue.Value && _orders[found].State is OrderState.AtVenue or OrderState.VenueCancelPending)
            slot = found;

        Account? account;
        int positionSlot;
        Side side;
        if (slot != None)
        {
            ref OrderRecord o = ref _orders[slot];
            account = _accounts[o.AccountIndex];
            positionSlot = o.PositionIndex;
            side = o.Side;
            long fillable = Math.Min(quantity, o.Leaves);
            if (quantity > fillable) _counters.VenueOverfills++;
            Release(account, ref o, fillable);
            o.Leaves -= fillable;
            o.Filled += quantity;
        }
        else
        {
            // A fill is a fact: even for an order no longer open here (a late fill after a confirmed
            // cancel), it is applied to the position it names, never dropped.
            account = FindAccount(f.Account.Value);
            if (account is null) { RejectInput(InputKind.VenueFill, RejectReason.UnknownAccount, f.OrderId.Value); return; }
            Instrument? instrument = FindInstrument(f.Instrument.Value);
            if (instrument is null) { RejectInput(InputKind.VenueFill, RejectReason.UnknownInstrument, f.OrderId.Value); return; }
            if (f.Side != Side.Buy && f.Side != Side.Sell) { RejectInput(InputKind.VenueFill, RejectReason.InvalidSide, f.OrderId.Value); return; }
            positionSlot = FindOrCreatePosition(account, instrument);
            if (positionSlot == None) { RejectInput(InputKind.VenueFill, RejectReason.PositionCapacity, f.OrderId.Value); return; }
            side = f.Side;
            _counters.UnmatchedVenueFills++;
        }

        _fills.Set(key, _day);
        _counters.VenueFillsApplied++;
        ApplyFill(account, positionSlot, side == Side.Buy ? quantity : -quantity, f.Price.Raw);

        EngineEvent e = default;
        ref Trade t = ref e.Trade;
        t.TradeId = new TradeId(_nextTradeId++);
        t.Instrument = new InstrumentId(_instruments[_positions[positionSlot].InstrumentIndex].Id);
        t.Price = f.Price;
        t.Quantity = f.Quantity;
        t.Venue = f.Venue;
        t.AggressorSide = side;
        long leaves = slot != None ? _orders[slot].Leaves : 0;
        ulong clientOrderId = slot != None ? _orders[slot].ClientOrderId : 0;
        if (side == Side.Buy)
        {
            t.BuyOrderId = f.OrderId;
            t.BuyClientOrderId = new ClientOrderId(clientOrderId);
            t.BuyAccount = new AccountId(account.Id);
            t.BuyLeaves = new Quantity(leaves);
        }
        else
        {
            t.SellOrderId = f.OrderId;
            t.SellClientOrderId = new ClientOrderId(clientOrderId);
            t.SellAccount = new AccountId(account.Id);
            t.SellLeaves = new Quantity(leaves);
        }
        Publish(ref e, EventKind.Trade);
        PublishPosition(positionSlot);
        if (slot != None && _orders[slot].Leaves == 0) CloseOrder(slot);
        PublishExposure(account);
    }

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
