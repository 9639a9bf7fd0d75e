using System.Runtime.CompilerServices;
using TradeX.Core.Collections;

namespace TradeX.Core.Book;

/// <summary>
/// The engine's order book: two <see cref="BookSide"/>s of price levels kept sorted with the best at the end (the
/// best is read in O(1), activity near the top shifts few entries). Sealed, and held by its concrete type, so every
/// call on the hot path is direct and small enough to inline.
/// </summary>
internal sealed class OrderBook : IOrderBook
{
    private const int None = OrderStore.None;
    private readonly OrderRecord[] _orders;
    private readonly BookSide _bids;
    private readonly BookSide _asks;

    public OrderBook(OrderRecord[] orders, int initialLevels)
    {
        _orders = orders;
        _bids = new BookSide(isBid: true, orders, initialLevels);
        _asks = new BookSide(isBid: false, orders, initialLevels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private BookSide SideOf(Side side) => side == Side.Buy ? _bids : _asks;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Rest(int slot) => SideOf(_orders[slot].Side).Append(slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remove(int slot) => SideOf(_orders[slot].Side).Remove(slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reduce(int slot, long by) => SideOf(_orders[slot].Side).Reduce(slot, by);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BestMatch(Side aggressorSide, long limit, out long price)
    {
        BookSide resting = aggressorSide == Side.Buy ? _asks : _bids;
        int level = resting.Best;
        if (level != None)
        {
            ref LevelRecord l = ref resting.Levels[level];
            price = l.Price;
            if (resting.Crosses(price, limit)) return l.Head;
        }
        price = 0;
        return None;
    }

    public bool CanFill(Side aggressorSide, long limit, int participant, long quantity)
    {
        BookSide resting = aggressorSide == Side.Buy ? _asks : _bids;
        for (int depth = 0; ; depth++)
        {
            int level = resting.AtDepth(depth);
            if (level == None || !resting.Crosses(resting.Levels[level].Price, limit)) return false;
            for (int s = resting.Levels[level].Head; s != None; s = _orders[s].Next)
            {
                if (_orders[s].Participant == participant) return false;
                quantity -= _orders[s].Leaves;
                if (quantity <= 0) return true;
            }
        }
    }

    public bool TryGetBest(Side side, out long price, out long quantity)
    {
        BookSide s = SideOf(side);
        int best = s.Best;
        if (best == None)
        {
            price = quantity = 0;
            return false;
        }
        price = s.Levels[best].Price;
        quantity = s.Levels[best].TotalQuantity;
        return true;
    }

    public int LevelCount(Side side) => SideOf(side).LevelCount;

    public bool TryGetLevel(Side side, int depth, out long price, out long quantity, out int orders, out int head)
    {
        BookSide s = SideOf(side);
        int level = depth >= 0 ? s.AtDepth(depth) : None;
        if (level == None)
        {
            price = quantity = 0;
            orders = 0;
            head = None;
            return false;
        }
        ref LevelRecord l = ref s.Levels[level];
        (price, quantity, orders, head) = (l.Price, l.TotalQuantity, l.OrderCount, l.Head);
        return true;
    }

    public int NextInQueue(int slot) => _orders[slot].Next;

    // ---- snapshot section: each side's levels best first, each level's orders by id in queue order ----

    public void Save(StateWriter w)
    {
        SaveSide(w, _bids);
        SaveSide(w, _asks);
    }

    /// <summary>Reads what <see cref="Save"/> wrote into an empty book; every order named must already be restored (and becomes resting).</summary>
    public void Load(StateReader r, OrderIdIndex orderIndex)
    {
        LoadSide(r, _bids, orderIndex);
        LoadSide(r, _asks, orderIndex);
    }

    private void SaveSide(StateWriter w, BookSide side)
    {
        w.Int(side.LevelCount);
        for (int depth = 0; depth < side.LevelCount; depth++)
        {
            ref LevelRecord level = ref side.Levels[side.AtDepth(depth)];
            w.Int(level.OrderCount);
            for (int s = level.Head; s != None; s = _orders[s].Next) w.Long(_orders[s].OrderId);
        }
    }

    private void LoadSide(StateReader r, BookSide side, OrderIdIndex orderIndex)
    {
        int levels = r.Count(4);
        for (int l = 0; l < levels; l++)
        {
            int count = r.Count(8);
            for (int k = 0; k < count; k++)
            {
                long orderId = r.Long();
                if (!orderIndex.TryGet(orderId, out int slot))
                    throw new InvalidDataException($"snapshot corrupt: book names unknown order {orderId}");
                _orders[slot].State = OrderState.Resting;
                side.Append(slot);
            }
        }
    }

    // ---- invariants ----------------------------------------------------------------------------

    /// <summary>Adds a description of each broken book invariant: crossed at rest, levels out of priority order, level totals that differ from their orders.</summary>
    public void CheckInvariants(int instrumentId, List<string> problems)
    {
        int bid = _bids.Best, ask = _asks.Best;
        if (bid != None && ask != None && _bids.Levels[bid].Price >= _asks.Levels[ask].Price)
            problems.Add($"instrument {instrumentId}: book crossed at rest (bid {FixedPoint.Format(_bids.Levels[bid].Price)} >= ask {FixedPoint.Format(_asks.Levels[ask].Price)})");
        CheckSide(instrumentId, _bids, problems);
        CheckSide(instrumentId, _asks, problems);
    }

    private void CheckSide(int instrumentId, BookSide side, List<string> problems)
    {
        long previousKey = long.MaxValue;
        for (int d = 0; d < side.LevelCount; d++)
        {
            ref LevelRecord l = ref side.Levels[side.AtDepth(d)];
            long key = side.IsBid ? l.Price : -l.Price;
            if (key >= previousKey) problems.Add($"instrument {instrumentId}: levels out of priority order");
            previousKey = key;
            long total = 0;
            int count = 0;
            for (int s = l.Head; s != None; s = _orders[s].Next)
            {
                total += _orders[s].Leaves;
                count++;
                if (_orders[s].Price != l.Price) problems.Add($"order {_orders[s].OrderId}: in level {l.Price} at price {_orders[s].Price}");
                if (_orders[s].Leaves <= 0) problems.Add($"order {_orders[s].OrderId}: resting with leaves {_orders[s].Leaves}");
            }
            if (total != l.TotalQuantity || count != l.OrderCount)
                problems.Add($"instrument {instrumentId}: level {FixedPoint.Format(l.Price)} totals {l.TotalQuantity}/{l.OrderCount} != orders {total}/{count}");
        }
    }
}
