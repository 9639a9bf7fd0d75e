namespace TradeX.Core;

/// <summary>A quantity in whole units (shares, contracts). Never fractional.</summary>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    public readonly long Units;

    public Quantity(long units) => Units = units;

    public static Quantity Zero => default;
    public bool IsZero => Units == 0;
    public bool IsPositive => Units > 0;

    public static Quantity Of(long units) => new(units);

    public static Quantity Min(Quantity a, Quantity b) => a.Units <= b.Units ? a : b;

    public static bool operator ==(Quantity a, Quantity b) => a.Units == b.Units;
    public static bool operator !=(Quantity a, Quantity b) => a.Units != b.Units;
    public static bool operator <(Quantity a, Quantity b) => a.Units < b.Units;
    public static bool operator >(Quantity a, Quantity b) => a.Units > b.Units;
    public static bool operator <=(Quantity a, Quantity b) => a.Units <= b.Units;
    public static bool operator >=(Quantity a, Quantity b) => a.Units >= b.Units;
    public static Quantity operator +(Quantity a, Quantity b) => new(a.Units + b.Units);
    public static Quantity operator -(Quantity a, Quantity b) => new(a.Units - b.Units);

    public bool Equals(Quantity other) => Units == other.Units;
    public override bool Equals(object? obj) => obj is Quantity q && q.Units == Units;
    public override int GetHashCode() => Units.GetHashCode();
    public int CompareTo(Quantity other) => Units.CompareTo(other.Units);
    public override string ToString() => Units.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
