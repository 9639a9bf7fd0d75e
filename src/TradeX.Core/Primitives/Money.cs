using System.Runtime.CompilerServices;

namespace TradeX.Core;

/// <summary>An amount of money in 10^-6 currency units (see <see cref="FixedPoint"/>).</summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    public readonly long Raw;

    public Money(long raw) => Raw = raw;

    public static Money Zero => default;

    public static Money FromRaw(long raw) => new(raw);

    /// <summary>Whole currency units, e.g. <c>Money.Of(50_000_000)</c> is $50M.</summary>
    public static Money Of(long units) => new(checked(units * FixedPoint.Scale));

    public static Money Parse(string text) =>
        FixedPoint.TryParse(text, out long raw, out NumberFault fault) ? new Money(raw) : throw new FormatException($"'{text}' is not an amount: {FixedPoint.Describe(fault)}");

    /// <summary>
    /// Price × quantity. Returns false instead of wrapping when the product does not fit in a long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNotional(Price price, Quantity quantity, out Money notional)
    {
        long high = Math.BigMul(price.Raw, quantity.Units, out long low);
        notional = new Money(low);
        return high == (low >> 63);
    }

    /// <summary>Price × quantity for values already validated to fit (open orders and positions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Money Notional(Price price, Quantity quantity) => new(price.Raw * quantity.Units);

    public Money Abs() => new(Math.Abs(Raw));

    public static bool operator ==(Money a, Money b) => a.Raw == b.Raw;
    public static bool operator !=(Money a, Money b) => a.Raw != b.Raw;
    public static bool operator <(Money a, Money b) => a.Raw < b.Raw;
    public static bool operator >(Money a, Money b) => a.Raw > b.Raw;
    public static bool operator <=(Money a, Money b) => a.Raw <= b.Raw;
    public static bool operator >=(Money a, Money b) => a.Raw >= b.Raw;
    public static Money operator +(Money a, Money b) => new(a.Raw + b.Raw);
    public static Money operator -(Money a, Money b) => new(a.Raw - b.Raw);
    public static Money operator -(Money a) => new(-a.Raw);

    public bool Equals(Money other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is Money m && m.Raw == Raw;
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(Money other) => Raw.CompareTo(other.Raw);
    public override string ToString() => FixedPoint.Format(Raw);
}
