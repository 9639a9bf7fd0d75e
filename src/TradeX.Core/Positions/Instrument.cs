using TradeX.Core.Book;

namespace TradeX.Core.Positions;

/// <summary>An instrument's reference data, its mark price, its book and the list of its holders.</summary>
internal sealed class Instrument
{
    public readonly int Id;
    public readonly int Index;
    public Ascii16 Symbol;
    public long TickSize;
    public long LotSize;
    public long ReferencePrice;
    public int PriceBandBps;
    /// <summary>Market-order protection band: ticks, or basis points, beyond the best opposite price (both zero: the engine's default bps).</summary>
    public int ProtectionTicks;
    public int ProtectionBps;
    public long Mark;
    public readonly OrderBook Book;
    /// <summary>Head of the list of positions in this instrument with a non-zero quantity.</summary>
    public int HolderHead = OrderStore.None;
    public int HolderCount;

    public Instrument(int id, int index, OrderRecord[] orders, int initialLevels)
    {
        Id = id;
        Index = index;
        Book = new OrderBook(orders, initialLevels);
    }

    /// <summary>Lowest acceptable price: the reference price less the band, rounded up to a tick (at least one tick).</summary>
    public long CollarLow;

    /// <summary>Highest acceptable price: the reference price plus the band, rounded down to a tick.</summary>
    public long CollarHigh;

    /// <summary>
    /// The worst price a market order may trade at and reserves at: the best opposite price known to it
    /// (<paramref name="bestOpposite"/>, 0 when there is none) moved by the protection band (ticks, or bps
    /// rounded inward to a tick), never beyond the collar; with no opposite price, the collar bound.
    /// </summary>
    public long ProtectionPrice(Side side, long bestOpposite, int defaultBps)
    {
        bool buy = side == Side.Buy;
        long bound = buy ? CollarHigh : CollarLow;
        if (bestOpposite <= 0) return bound;
        Int128 band = ProtectionTicks > 0
            ? (Int128)ProtectionTicks * TickSize
            : (Int128)bestOpposite * (ProtectionBps > 0 ? ProtectionBps : defaultBps) / 10_000;
        band -= band % TickSize;
        return buy
            ? (long)Int128.Min(bestOpposite + band, CollarHigh)
            : (long)Int128.Max(bestOpposite - band, CollarLow);
    }

    /// <summary>Recomputes the collar after the reference price, band or tick changed.</summary>
    public void UpdateCollar()
    {
        long band = (long)((Int128)ReferencePrice * PriceBandBps / 10_000);
        long low = ReferencePrice - band;
        long rem = low % TickSize;
        if (rem > 0) low += TickSize - rem;
        CollarLow = Math.Max(low, TickSize);
        long high = ReferencePrice + band;
        CollarHigh = high - high % TickSize;
    }
}
