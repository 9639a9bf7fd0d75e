namespace TradeX.Fix.Venue;

/// <summary>
/// A child order to send as NewOrderSingle(D). A ref struct of spans and fixed-point numbers, so the
/// caller builds it on the stack from its own buffers: sending allocates nothing.
/// </summary>
public readonly ref struct NewOrderSingleRequest
{
    public required ReadOnlySpan<byte> ClOrdID { get; init; }
    public required ReadOnlySpan<byte> Symbol { get; init; }
    /// <summary>Side(54): '1' buy, '2' sell, '5' sell short...</summary>
    public required byte Side { get; init; }
    /// <summary>OrderQty(38) mantissa at <see cref="VenueDecimalScale.QuantityScale"/>.</summary>
    public required long OrderQty { get; init; }
    /// <summary>OrdType(40): '1' market, '2' limit...</summary>
    public required byte OrdType { get; init; }
    /// <summary>Price(44) mantissa at <see cref="VenueDecimalScale.PriceScale"/>; ignored for market orders.</summary>
    public long Price { get; init; }
    /// <summary>TimeInForce(59), or 0 to omit (venue default, usually Day).</summary>
    public byte TimeInForce { get; init; }
    public ReadOnlySpan<byte> Account { get; init; }
    public ReadOnlySpan<byte> ExDestination { get; init; }
    public required DateTime TransactTime { get; init; }
}
