using System.Runtime.CompilerServices;

namespace TradeX.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Applies a signed fill (buy positive) at <paramref name="price"/> to a position and its account:
    /// quantity, cost, realized P&amp;L (closing quantity against proportional cost), cash, the short's
    /// buying-power hold (units sold short hold their proceeds plus <paramref name="reservePrice"/>, the price
    /// their order reserved at; buying back releases a proportional share), and the account's exposure and
    /// unrealized P&amp;L by delta. Exact integer arithmetic throughout.
    /// </summary>
    private void ApplyFill(Account a, int positionSlot, long signedQuantity, long price, long reservePrice)
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

        Instrument instrument = _instruments[p.InstrumentIndex];
        p.Value = p.Quantity * instrument.Mark;
        Revalue(a, ref p, oldValue, oldCost);
        RefreshOrderRisk(a, ref p);

        if (oldQuantity == 0 && p.Quantity != 0) AddHolder(instrument, positionSlot);
        else if (oldQuantity != 0 && p.Quantity == 0) RemoveHolder(instrument, positionSlot);
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
}
