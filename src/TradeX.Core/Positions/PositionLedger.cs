using System.Runtime.CompilerServices;
using TradeX.Core.Collections;

namespace TradeX.Core.Positions;

/// <summary>
/// Positions and P&amp;L: every (account, instrument) position, what its open orders reserve, the fills that move
/// it and the marks that revalue it, each change carried into its account's exposure, holds, cash and P&amp;L by
/// delta (so the account always equals a recompute). Each instrument keeps the list of positions holding it, so a
/// new mark costs as many updates as there are holders. A fixed table sized by <see cref="EngineOptions.MaxPositions"/>:
/// a full table is answered with <see cref="RejectReason.PositionCapacity"/>, never a growth on the hot path.
/// </summary>
internal sealed class PositionLedger
{
    private const int None = OrderStore.None;
    private readonly PositionRecord[] _positions;
    private readonly OpenHashMap<LongKey> _index;
    private int _count;

    public PositionLedger(int capacity)
    {
        _positions = new PositionRecord[capacity];
        _index = new OpenHashMap<LongKey>(capacity);
    }

    /// <summary>The position table (slots 0 to <see cref="Count"/> − 1 are in use): the engine reads records by slot.</summary>
    public PositionRecord[] Records => _positions;

    public int Count => _count;
    public int Capacity => _positions.Length;
    /// <summary>Memory the table and its index hold.</summary>
    public long Bytes => (long)_positions.Length * Unsafe.SizeOf<PositionRecord>() + _index.Bytes;

    public void PreFault()
    {
        PageToucher.Touch(_positions);
        _index.PreFault();
    }

    private static LongKey Key(int accountIndex, int instrumentIndex) => new(((long)accountIndex << 32) | (uint)instrumentIndex);

    /// <summary>The slot of the (account, instrument) position, if there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFind(int accountIndex, int instrumentIndex, out int slot) => _index.TryGetValue(Key(accountIndex, instrumentIndex), out slot);

    /// <summary>The position slot for (account, instrument), created flat when new; -1 when the table is full.</summary>
    public int FindOrCreate(Account account, Instrument instrument)
    {
        var key = Key(account.Index, instrument.Index);
        if (_index.TryGetValue(key, out int slot)) return slot;
        if (_count == _positions.Length) return None;
        slot = _count++;
        ref PositionRecord p = ref _positions[slot];
        p = default;
        p.AccountIndex = account.Index;
        p.InstrumentIndex = instrument.Index;
        p.HolderPrev = p.HolderNext = None;
        p.BidQuote = p.AskQuote = None;
        p.AccountNext = account.PositionHead;
        account.PositionHead = slot;
        _index.Set(key, slot);
        return slot;
    }

    // ---- reservations ----------------------------------------------------------------------

    /// <summary>Reserves the order's remaining quantity at its reserve price (exposure and buying power, for what it adds beyond closing the position).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reserve(Account account, ref OrderRecord o)
    {
        long notional = o.Leaves * o.ReservePrice;
        ref PositionRecord p = ref _positions[o.PositionIndex];
        if (o.Side == Side.Buy)
        {
            account.ReservedBuy += notional;
            p.OpenBuyQuantity += o.Leaves;
            p.OpenBuyNotional += notional;
        }
        else
        {
            account.ReservedSell += notional;
            p.OpenSellQuantity += o.Leaves;
            p.OpenSellNotional += notional;
        }
        RefreshOrderRisk(account, ref p);
    }

    /// <summary>Releases the reservation of <paramref name="quantity"/> (filled or cancelled) of an order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(Account account, ref OrderRecord o, long quantity)
    {
        ReleaseDeferringRisk(account, ref o, quantity);
        RefreshOrderRisk(account, ref _positions[o.PositionIndex]);
    }

    /// <summary>
    /// Releases a reservation without refreshing the position's order risk: for callers that change the same position
    /// again at once — the fill of that quantity (<see cref="ApplyFill"/>) or the reservation a replace puts back
    /// (<see cref="Reserve"/>) — which refreshes it once for both changes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReleaseDeferringRisk(Account account, ref OrderRecord o, long quantity)
    {
        long notional = quantity * o.ReservePrice;
        ref PositionRecord p = ref _positions[o.PositionIndex];
        if (o.Side == Side.Buy)
        {
            account.ReservedBuy -= notional;
            p.OpenBuyQuantity -= quantity;
            p.OpenBuyNotional -= notional;
        }
        else
        {
            account.ReservedSell -= notional;
            p.OpenSellQuantity -= quantity;
            p.OpenSellNotional -= notional;
        }
    }

    // ---- fills and marks ---------------------------------------------------------------------

    /// <summary>
    /// Applies a signed fill (buy positive) at <paramref name="price"/> to a position and its account:
    /// quantity, cost, realized P&amp;L (closing quantity against proportional cost), cash, the short's
    /// buying-power hold (units sold short hold their proceeds plus <paramref name="reservePrice"/>, the price
    /// their order reserved at; buying back releases a proportional share), and the account's exposure and
    /// unrealized P&amp;L by delta. Exact integer arithmetic throughout.
    /// </summary>
    public void ApplyFill(Account a, Instrument instrument, int positionSlot, long signedQuantity, long price, long reservePrice)
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
            if (signedQuantity < 0) p.ShortHold += -signedQuantity * (price + reservePrice);
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
            if (oldQuantity < 0) p.ShortHold -= closing == held ? p.ShortHold : PositionExposure.Share(p.ShortHold, closing, held);
            else if (traded > held) p.ShortHold += (traded - held) * (price + reservePrice);
        }

        p.Realized += realized;
        p.RealizedToday += realized;
        a.Realized += realized;
        a.RealizedToday += realized;
        a.Cash -= signedQuantity * price;

        p.Value = p.Quantity * instrument.Mark;
        Revalue(a, ref p, oldValue, oldCost);
        RefreshOrderRisk(a, ref p);

        if (oldQuantity == 0 && p.Quantity != 0) AddHolder(instrument, positionSlot);
        else if (oldQuantity != 0 && p.Quantity == 0) RemoveHolder(instrument, positionSlot);
    }

    /// <summary>Revalues a holder's position at the instrument's new mark, and its account by the difference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remark(Account a, int positionSlot, long mark)
    {
        ref PositionRecord p = ref _positions[positionSlot];
        long oldValue = p.Value;
        p.Value = p.Quantity * mark;
        Revalue(a, ref p, oldValue, p.Cost);
    }

    /// <summary>A new trading day for an account: its and its positions' daily P&amp;L restart from the unrealized P&amp;L now.</summary>
    public void StartDay(Account a)
    {
        a.RealizedToday = 0;
        a.SodUnrealized = a.Unrealized;
        for (int s = a.PositionHead; s != None; s = _positions[s].AccountNext)
        {
            _positions[s].RealizedToday = 0;
            _positions[s].SodUnrealized = _positions[s].Unrealized;
        }
    }

    /// <summary>Moves the account's exposure and unrealized P&amp;L from a position's old value and cost to its current ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Revalue(Account a, ref PositionRecord p, long oldValue, long oldCost)
    {
        a.LongExposure += Math.Max(p.Value, 0) - Math.Max(oldValue, 0);
        a.ShortExposure += Math.Max(-p.Value, 0) - Math.Max(-oldValue, 0);
        a.Unrealized += (p.Value - p.Cost) - (oldValue - oldCost);
    }

    /// <summary>
    /// Recomputes what a position's open orders add to its account's exposure and its buying-power hold after its
    /// quantity or open orders changed (<see cref="PositionExposure.Risks"/>), and moves the account's sums by the difference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RefreshOrderRisk(Account a, ref PositionRecord p)
    {
        PositionExposure.Risks(p.Quantity, p.ShortHold, p.OpenBuyQuantity, p.OpenBuyNotional, p.OpenSellQuantity, p.OpenSellNotional,
            out long buyRisk, out long sellRisk, out long hold);
        a.LongExposure += buyRisk - p.BuyRisk;
        a.ShortExposure += sellRisk - p.SellRisk;
        a.Holds += hold - p.Hold;
        p.BuyRisk = buyRisk;
        p.SellRisk = sellRisk;
        p.Hold = hold;
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

    // ---- snapshot section: the positions in slot order, then each instrument's holders in list order ----

    public void Save(StateWriter w, Instrument[] instruments, int instrumentCount)
    {
        w.Int(_count);
        for (int i = 0; i < _count; i++)
        {
            ref PositionRecord p = ref _positions[i];
            w.Int(p.AccountIndex);
            w.Int(p.InstrumentIndex);
            w.Long(p.Quantity);
            w.Long(p.Cost);
            w.Long(p.Value);
            w.Long(p.Realized);
            w.Long(p.RealizedToday);
            w.Long(p.SodUnrealized);
            w.Long(p.OpenBuyQuantity);
            w.Long(p.OpenSellQuantity);
            w.Long(p.OpenBuyNotional);
            w.Long(p.OpenSellNotional);
            w.Long(p.ShortHold);
        }
        for (int i = 0; i < instrumentCount; i++)
        {
            Instrument x = instruments[i];
            w.Int(x.HolderCount);
            for (int s = x.HolderHead; s != None; s = _positions[s].HolderNext) w.Int(s);
        }
    }

    /// <summary>Reads the section <see cref="Save"/> writes into an empty ledger, linking each position to its account and holders to their instrument.</summary>
    public void Load(StateReader r, Account[] accounts, int accountCount, Instrument[] instruments, int instrumentCount)
    {
        int positions = r.Count(88);
        if (positions > _positions.Length) throw new InvalidDataException($"snapshot holds {positions} positions; this engine is configured for {_positions.Length}");
        for (int i = 0; i < positions; i++)
        {
            ref PositionRecord p = ref _positions[i];
            p = default;
            p.AccountIndex = r.Index(accountCount, "account");
            p.InstrumentIndex = r.Index(instrumentCount, "instrument");
            p.Quantity = r.Long();
            p.Cost = r.Long();
            p.Value = r.Long();
            p.Realized = r.Long();
            p.RealizedToday = r.Long();
            p.SodUnrealized = r.Long();
            p.OpenBuyQuantity = r.Long();
            p.OpenSellQuantity = r.Long();
            p.OpenBuyNotional = r.Long();
            p.OpenSellNotional = r.Long();
            p.ShortHold = r.Long();
            PositionExposure.Risks(p.Quantity, p.ShortHold, p.OpenBuyQuantity, p.OpenBuyNotional, p.OpenSellQuantity, p.OpenSellNotional,
                out p.BuyRisk, out p.SellRisk, out p.Hold);
            p.HolderPrev = p.HolderNext = None;
            p.BidQuote = p.AskQuote = None;
            Account owner = accounts[p.AccountIndex];
            p.AccountNext = owner.PositionHead;
            owner.PositionHead = i;
            if (!_index.TryAdd(Key(p.AccountIndex, p.InstrumentIndex), i))
                throw new InvalidDataException("snapshot corrupt: a position appears twice");
        }
        _count = positions;
        for (int i = 0; i < accountCount; i++)
        {
            // The account's sums are written too (so the hash sees them); they must be the sums of its positions.
            Account a = accounts[i];
            long longExposure = 0, shortExposure = 0, holds = 0;
            for (int s = a.PositionHead; s != None; s = _positions[s].AccountNext)
            {
                longExposure += Math.Max(_positions[s].Value, 0) + _positions[s].BuyRisk;
                shortExposure += Math.Max(-_positions[s].Value, 0) + _positions[s].SellRisk;
                holds += _positions[s].Hold;
            }
            if (longExposure != a.LongExposure || shortExposure != a.ShortExposure || holds != a.Holds)
                throw new InvalidDataException($"snapshot corrupt: account {a.Id}'s exposure or holds differ from its positions'");
        }
        for (int i = 0; i < instrumentCount; i++)
        {
            Instrument x = instruments[i];
            int holders = r.Count(4);
            int tail = None;
            for (int h = 0; h < holders; h++)
            {
                int s = r.Index(_count, "position");
                ref PositionRecord p = ref _positions[s];
                if (p.IsHolder) throw new InvalidDataException("snapshot corrupt: a holder appears twice");
                p.IsHolder = true;
                p.HolderPrev = tail;
                if (tail != None) _positions[tail].HolderNext = s;
                else x.HolderHead = s;
                tail = s;
                x.HolderCount++;
            }
        }
    }
}
