namespace TradeX.Core;

/// <summary>An instrument's id as reference data and the wire know it (SBE SecurityID).</summary>
public readonly record struct InstrumentId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A trading account. Risk limits, positions and buying power are per account.</summary>
public readonly record struct AccountId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A participant (a firm or desk) owning one or more accounts; self-trade prevention is per participant.</summary>
public readonly record struct ParticipantId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The engine's id for an accepted order, unique for the life of the engine (never reused).</summary>
public readonly record struct OrderId(long Value)
{
    public bool IsNone => Value == 0;
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The client's id for an order (FIX ClOrdID as a uint64, as in Eurex ETI); unique per account per trading day.</summary>
public readonly record struct ClientOrderId(ulong Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An external execution venue. Zero means the internal book.</summary>
public readonly record struct VenueId(int Value)
{
    public static VenueId Internal => default;
    public bool IsInternal => Value == 0;
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The engine's id for a trade (an internal cross or an applied venue fill).</summary>
public readonly record struct TradeId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
