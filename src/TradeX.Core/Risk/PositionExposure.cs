namespace TradeX.Core.Risk;

/// <summary>
/// What one position contributes to its account's exposure and buying power — the one formula the
/// incremental figures and the recompute share, so they cannot drift apart.
/// </summary>
/// <remarks>
/// An open order counts for the quantity that would open or increase the position; the quantity that
/// would only close it does not add risk. On the buy side the covering quantity is what would buy back
/// the short (max(0, −position)); on the sell side it is the long (max(0, position)); all open orders of
/// that side count against it together, so two sells that together exceed a long are not both covered.
/// The rest of the side's open quantity counts at its share of the side's reserved notional:
/// <list type="bullet">
/// <item>long = max(value, 0) + buys beyond the cover; short = max(−value, 0) + sells beyond the long;</item>
/// <item>hold (buying power) = buys beyond the cover + sells beyond the long + the short's own hold
/// (<see cref="Positions.PositionRecord.ShortHold"/>): a short sale reserves like a buy, and its proceeds
/// never become buying power in a cash account.</item>
/// </list>
/// Exact integer arithmetic; a partial share is truncated toward zero.
/// </remarks>
internal static class PositionExposure
{
    public static void Of(long quantity, long value, long shortHold,
        long openBuyQuantity, long openBuyNotional, long openSellQuantity, long openSellNotional,
        out long longExposure, out long shortExposure, out long hold)
    {
        Risks(quantity, shortHold, openBuyQuantity, openBuyNotional, openSellQuantity, openSellNotional, out long buyRisk, out long sellRisk, out hold);
        longExposure = Math.Max(value, 0) + buyRisk;
        shortExposure = Math.Max(-value, 0) + sellRisk;
    }

    /// <summary>The part that does not depend on the mark: what the open orders add on each side, and the hold.</summary>
    public static void Risks(long quantity, long shortHold, long openBuyQuantity, long openBuyNotional, long openSellQuantity, long openSellNotional,
        out long buyRisk, out long sellRisk, out long hold)
    {
        buyRisk = Beyond(openBuyQuantity, openBuyNotional, quantity < 0 ? -quantity : 0);
        sellRisk = Beyond(openSellQuantity, openSellNotional, quantity > 0 ? quantity : 0);
        hold = buyRisk + sellRisk + shortHold;
    }

    /// <summary>The notional of the open quantity beyond <paramref name="covered"/> units (its share of the side's notional).</summary>
    public static long Beyond(long openQuantity, long openNotional, long covered)
    {
        long excess = openQuantity - covered;
        if (excess <= 0) return 0;
        if (excess == openQuantity) return openNotional;
        return Share(openNotional, excess, openQuantity);
    }

    /// <summary><paramref name="amount"/> × <paramref name="part"/> / <paramref name="whole"/>, truncated toward zero, without overflow.</summary>
    public static long Share(long amount, long part, long whole)
    {
        long high = Math.BigMul(amount, part, out long low);
        // The product fits in a long when the high half is only the sign extension of the low half.
        if (high == (low >> 63)) return low / whole;
        return (long)((Int128)amount * part / whole);
    }
}
