namespace TradeX.Core;

// Proofs: recomputes from first principles and the structural and accounting invariants, checked by tests after
// every input and by tools after a replay. They allocate and are never on the hot path.
public sealed partial class Engine
{
    /// <summary>An account's exposure recomputed from its positions and open orders (not from the incremental fields).</summary>
    public ExposureRecompute? Recompute(AccountId account)
    {
        if (FindAccount(account.Value) is not { } a) return null;
        var open = new Dictionary<int, (long BuyQty, long BuyNotional, long SellQty, long SellNotional)>();
        long reservedBuy = 0, reservedSell = 0;
        for (int s = a.OrderHead; s != None; s = _orders[s].AccountNext)
        {
            ref OrderRecord o = ref _orders[s];
            long notional = o.Leaves * o.ReservePrice;
            open.TryGetValue(o.PositionIndex, out var t);
            if (o.Side == Side.Buy)
            {
                reservedBuy += notional;
                open[o.PositionIndex] = (t.BuyQty + o.Leaves, t.BuyNotional + notional, t.SellQty, t.SellNotional);
            }
            else
            {
                reservedSell += notional;
                open[o.PositionIndex] = (t.BuyQty, t.BuyNotional, t.SellQty + o.Leaves, t.SellNotional + notional);
            }
        }
        long longExposure = 0, shortExposure = 0, holds = 0, unrealized = 0;
        for (int s = a.PositionHead; s != None; s = _positions[s].AccountNext)
        {
            ref PositionRecord p = ref _positions[s];
            long value = p.Quantity * _instruments[p.InstrumentIndex].Mark;
            open.TryGetValue(s, out var t);
            PositionExposure.Of(p.Quantity, value, p.ShortHold, t.BuyQty, t.BuyNotional, t.SellQty, t.SellNotional, out long l, out long sh, out long h);
            longExposure += l;
            shortExposure += sh;
            holds += h;
            unrealized += value - p.Cost;
        }
        return new ExposureRecompute(new Money(longExposure), new Money(shortExposure), new Money(reservedBuy), new Money(reservedSell),
            new Money(unrealized), new Money(holds));
    }

    /// <summary>
    /// Checks every structural and accounting invariant and describes each violation (empty = sound):
    /// no book crossed at rest, level totals equal their orders, leaves never negative, filled + leaves =
    /// quantity for internal orders, per-position open quantities and notionals equal their orders,
    /// and every account's incremental exposure equals a recompute.
    /// </summary>
    public IReadOnlyList<string> CheckInvariants()
    {
        var problems = new List<string>();
        for (int i = 0; i < _reference.InstrumentCount; i++)
        {
            _instruments[i].Book.CheckInvariants(_instruments[i].Id, problems);
        }

        var openBuy = new Dictionary<int, (long Qty, long Notional)>();
        var openSell = new Dictionary<int, (long Qty, long Notional)>();
        for (int i = 0; i < _reference.AccountCount; i++)
        {
            Account a = _accounts[i];
            int count = 0;
            for (int s = a.OrderHead; s != None; s = _orders[s].AccountNext)
            {
                ref OrderRecord o = ref _orders[s];
                count++;
                if (o.Leaves < 0) problems.Add($"order {o.OrderId}: negative leaves {o.Leaves}");
                if (o.IsQuote && (o.Side == Side.Buy ? _positions[o.PositionIndex].BidQuote : _positions[o.PositionIndex].AskQuote) != s)
                    problems.Add($"order {o.OrderId}: a quote side its position does not point at");
                // No venue fill is ever applied beyond what an order has left, so this holds for every client order and parent.
                if (o.Filled + o.Leaves != o.Quantity)
                    problems.Add($"order {o.OrderId}: filled {o.Filled} + leaves {o.Leaves} != quantity {o.Quantity}");
                var map = o.Side == Side.Buy ? openBuy : openSell;
                map.TryGetValue(o.PositionIndex, out var t);
                map[o.PositionIndex] = (t.Qty + o.Leaves, t.Notional + o.Leaves * o.ReservePrice);
            }
            if (count != a.OpenOrders) problems.Add($"account {a.Id}: open order count {a.OpenOrders} but {count} linked");
            for (int s = a.OrderHead; s != None; s = _orders[s].AccountNext)
            {
                ref OrderRecord parent = ref _orders[s];
                if (parent.Role != OrderRole.Parent) continue;
                long committed = 0;
                for (int c = parent.ChildHead; c != None; c = _orders[c].Next)
                {
                    if (_orders[c].Parent != s || _orders[c].Role != OrderRole.Child) problems.Add($"order {parent.OrderId}: a child that is not its own");
                    if (_orders[c].Filled > _orders[c].Quantity) problems.Add($"child {_orders[c].OrderId}: filled {_orders[c].Filled} above its quantity {_orders[c].Quantity}");
                    committed += Math.Max(0, _orders[c].Quantity - _orders[c].Filled);
                }
                if (committed != parent.ChildOpen) problems.Add($"order {parent.OrderId}: committed {parent.ChildOpen} but children hold {committed}");
                if (parent.Filled + parent.ChildOpen > parent.Quantity)
                    problems.Add($"order {parent.OrderId}: filled {parent.Filled} + committed to children {parent.ChildOpen} exceeds the order's {parent.Quantity}");
            }
            ExposureRecompute r = Recompute(new AccountId(a.Id))!;
            if (r.Long.Raw != a.Long || r.Short.Raw != a.Short || r.UnrealizedPnl.Raw != a.Unrealized ||
                r.ReservedBuy.Raw != a.ReservedBuy || r.ReservedSell.Raw != a.ReservedSell || r.Holds.Raw != a.Holds)
                problems.Add($"account {a.Id}: incremental exposure (long {a.Long}, short {a.Short}, unrealized {a.Unrealized}, reserved {a.ReservedBuy}/{a.ReservedSell}, holds {a.Holds}) != recompute ({r.Long.Raw}, {r.Short.Raw}, {r.UnrealizedPnl.Raw}, {r.ReservedBuy.Raw}/{r.ReservedSell.Raw}, {r.Holds.Raw})");
            for (int s = a.PositionHead; s != None; s = _positions[s].AccountNext)
                if (_positions[s].ShortHold < 0 || (_positions[s].Quantity >= 0 && _positions[s].ShortHold != 0))
                    problems.Add($"position {a.Id}/{_instruments[_positions[s].InstrumentIndex].Id}: short hold {_positions[s].ShortHold} with quantity {_positions[s].Quantity}");
        }
        for (int s = 0; s < _ledger.Count; s++)
        {
            ref PositionRecord p = ref _positions[s];
            openBuy.TryGetValue(s, out var b);
            openSell.TryGetValue(s, out var q);
            if (p.OpenBuyQuantity != b.Qty || p.OpenBuyNotional != b.Notional || p.OpenSellQuantity != q.Qty || p.OpenSellNotional != q.Notional)
                problems.Add($"position {_accounts[p.AccountIndex].Id}/{_instruments[p.InstrumentIndex].Id}: open quantities or notionals differ from its orders");
            if (p.IsHolder != (p.Quantity != 0))
                problems.Add($"position {_accounts[p.AccountIndex].Id}/{_instruments[p.InstrumentIndex].Id}: holder list membership wrong");
            foreach (var (leg, side) in new[] { (p.BidQuote, Side.Buy), (p.AskQuote, Side.Sell) })
                if (leg != None && (!_orders[leg].IsQuote || _orders[leg].Side != side || _orders[leg].PositionIndex != s || _orders[leg].State == OrderState.Free))
                    problems.Add($"position {_accounts[p.AccountIndex].Id}/{_instruments[p.InstrumentIndex].Id}: {side} quote points at a wrong order");
        }
        return problems;
    }
}
