namespace TradeX.Core.Positions;

/// <summary>
/// One account's position in one instrument, plus the open-order quantities and notionals that
/// count toward its exposure. <see cref="Cost"/> is the signed cost of the open quantity (long:
/// positive; short: negative), so unrealized P&amp;L is value − cost and average cost is cost / quantity.
/// </summary>
internal struct PositionRecord
{
    public long Quantity;
    public long Cost;
    /// <summary>Cached quantity × mark (raw money), so a mark change applies a delta to the account.</summary>
    public long Value;
    public long Realized;
    public long RealizedToday;
    public long SodUnrealized;
    public long OpenBuyQuantity;
    public long OpenSellQuantity;
    public long OpenBuyNotional;
    public long OpenSellNotional;
    /// <summary>
    /// Buying power held by the open short quantity: each unit sold short holds its proceeds (which are in the
    /// cash but are not buying power) plus the notional it reserved as an order (a short sale reserves like a
    /// buy), released in proportion as the short is bought back. Zero when the position is not short.
    /// </summary>
    public long ShortHold;
    /// <summary>
    /// What this position's open orders add to the account's long and short exposure (the buys beyond covering the
    /// short, the sells beyond the long, at their share of the side's notional) and its buying-power hold (see
    /// <see cref="Risk.PositionExposure"/>). They do not depend on the mark, so a mark moves only the value's part.
    /// Kept so a change applies a delta to the account.
    /// </summary>
    public long BuyRisk;
    public long SellRisk;
    public long Hold;
    public int AccountIndex;
    public int InstrumentIndex;
    /// <summary>Links in the instrument's list of accounts holding a non-zero position (mark-price revaluation).</summary>
    public int HolderPrev;
    public int HolderNext;
    public bool IsHolder;
    /// <summary>Next position of the same account.</summary>
    public int AccountNext;
    /// <summary>Order slots of the account's quote in this instrument (-1 when that side is not quoted).</summary>
    public int BidQuote;
    public int AskQuote;

    public readonly long Unrealized => Value - Cost;
    public readonly long DailyPnl => RealizedToday + Unrealized - SodUnrealized;
}
