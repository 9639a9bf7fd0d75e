namespace TradeX.Fix.Venue;

/// <summary>A cancel of a child order, sent as OrderCancelRequest(F). Stack-only, allocation-free.</summary>
public readonly ref struct OrderCancelRequestData
{
    /// <summary>ClOrdID of the order as the venue knows it now (the last accepted one after replaces).</summary>
    public required ReadOnlySpan<byte> OrigClOrdID { get; init; }
    /// <summary>A new unique ClOrdID for the cancel itself.</summary>
    public required ReadOnlySpan<byte> ClOrdID { get; init; }
    /// <summary>OrderID(37) assigned by the venue, if known.</summary>
    public ReadOnlySpan<byte> OrderID { get; init; }
    public required ReadOnlySpan<byte> Symbol { get; init; }
    public required byte Side { get; init; }
    /// <summary>OrderQty(38) of the order being cancelled, at the quantity scale.</summary>
    public required long OrderQty { get; init; }
    public required DateTime TransactTime { get; init; }
}
