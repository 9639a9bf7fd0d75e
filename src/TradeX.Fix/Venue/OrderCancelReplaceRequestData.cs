namespace TradeX.Fix.Venue;

/// <summary>A resize or re-price of a child order, sent as OrderCancelReplaceRequest(G). Stack-only, allocation-free.</summary>
public readonly ref struct OrderCancelReplaceRequestData
{
    public required ReadOnlySpan<byte> OrigClOrdID { get; init; }
    public required ReadOnlySpan<byte> ClOrdID { get; init; }
    public ReadOnlySpan<byte> OrderID { get; init; }
    public required ReadOnlySpan<byte> Symbol { get; init; }
    public required byte Side { get; init; }
    /// <summary>The new total OrderQty(38) (including what already filled), at the quantity scale.</summary>
    public required long OrderQty { get; init; }
    public required byte OrdType { get; init; }
    public long Price { get; init; }
    public byte TimeInForce { get; init; }
    public ReadOnlySpan<byte> Account { get; init; }
    public required DateTime TransactTime { get; init; }
}
