namespace TradeX.Fix.Venue;

/// <summary>
/// The fixed-point scales the venue API speaks: a price mantissa 1234500 at PriceScale 4 is 123.45 on the
/// wire. Set them once, equal to the engine's Price and Quantity scales, so no value is ever converted
/// through floating point.
/// </summary>
public sealed record VenueDecimalScale(int PriceScale, int QuantityScale)
{
    public static VenueDecimalScale Default { get; } = new(8, 0);
}
