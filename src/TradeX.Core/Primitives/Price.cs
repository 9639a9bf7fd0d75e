using System.Runtime.CompilerServices;

namespace TradeX.Core;

/// <summary>A price in 10^-6 currency units (see <see cref="FixedPoint"/>). Zero means "no price" (a market order).</summary>
public readonly struct Price : IEquatable<Price>, IComparable<Price>
{
    public readonly long Raw;

    public Price(long raw) => Raw = raw;

    public static Price Zero => default;
    public bool IsZero => Raw == 0;
    public bool IsPositive => Raw > 0;

    public static Price FromRaw(long raw) => new(raw);

    /// <summary>Whole currency units, e.g. <c>Price.Of(190)</c> is $190.</summary>
    public static Price Of(long units) => new(checked(units * FixedPoint.Scale));

    public static Price Parse(string text) =>
        FixedPoint.TryParse(text, out long raw, out NumberFault fault) ? new Price(raw) : throw new FormatException($"'{text}' is not a price: {FixedPoint.Describe(fault)}");

    public static bool TryParse(ReadOnlySpan<char> text, out Price price)
    {
        bool ok = FixedPoint.TryParse(text, out long raw);
        price = new Price(raw);
        return ok;
    }

    /// <summary>True when this price is a whole multiple of <paramref name="tick"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsMultipleOf(Price tick) => tick.Raw <= 0 || Raw % tick.Raw == 0;

    /// <summary>This price moved by <paramref name="basisPoints"/> / 10,000 of itself, truncated toward this price.</summary>
    public Price OffsetByBasisPoints(long basisPoints) => new(Raw + (long)((Int128)Raw * basisPoints / 10_000));

    public static bool operator ==(Price a, Price b) => a.Raw == b.Raw;
    public static bool operator !=(Price a, Price b) => a.Raw != b.Raw;
    public static bool operator <(Price a, Price b) => a.Raw < b.Raw;
    public static bool operator >(Price a, Price b) => a.Raw > b.Raw;
    public static bool operator <=(Price a, Price b) => a.Raw <= b.Raw;
    public static bool operator >=(Price a, Price b) => a.Raw >= b.Raw;
    public static Price operator -(Price a, Price b) => new(a.Raw - b.Raw);
    public static Price operator +(Price a, Price b) => new(a.Raw + b.Raw);

    public bool Equals(Price other) => Raw == other.Raw;
    public override bool Equals(object? obj) => obj is Price p && p.Raw == Raw;
    public override int GetHashCode() => Raw.GetHashCode();
    public int CompareTo(Price other) => Raw.CompareTo(other.Raw);
    public override string ToString() => FixedPoint.Format(Raw);
}
