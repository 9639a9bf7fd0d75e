namespace TradeX.Core.Risk;

/// <summary>
/// What an order (new or replaced) or a two-sided quote asks pre-trade risk to allow: what it adds to the
/// open quantity and reserved notional on each side of its position (negative for a reducing replace) and
/// its largest single order, for the per-order limits.
/// </summary>
internal readonly struct RiskRequest
{
    public Quantity OrderQuantity { get; init; }
    public Money OrderNotional { get; init; }
    public Quantity BuyQuantity { get; init; }
    public Money BuyNotional { get; init; }
    public Quantity SellQuantity { get; init; }
    public Money SellNotional { get; init; }
    /// <summary>A new order counts toward the order-rate limit; replaces and quotes do not.</summary>
    public bool IsNewOrder { get; init; }

    /// <summary>One new order of <paramref name="quantity"/> at <paramref name="notional"/> on <paramref name="side"/>.</summary>
    public static RiskRequest NewOrder(Side side, Quantity quantity, Money notional) => Change(side, quantity, notional, quantity, notional, isNewOrder: true);

    /// <summary>An order change on one side: it adds <paramref name="addQuantity"/> and <paramref name="addNotional"/> (either may be negative).</summary>
    public static RiskRequest Change(Side side, Quantity orderQuantity, Money orderNotional, Quantity addQuantity, Money addNotional, bool isNewOrder = false)
    {
        bool buy = side == Side.Buy;
        return new RiskRequest
        {
            OrderQuantity = orderQuantity,
            OrderNotional = orderNotional,
            BuyQuantity = buy ? addQuantity : Quantity.Zero,
            BuyNotional = buy ? addNotional : Money.Zero,
            SellQuantity = buy ? Quantity.Zero : addQuantity,
            SellNotional = buy ? Money.Zero : addNotional,
            IsNewOrder = isNewOrder,
        };
    }
}
