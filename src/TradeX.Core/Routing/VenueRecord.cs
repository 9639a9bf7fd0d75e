namespace TradeX.Core.Routing;

/// <summary>An external venue as the router sees it: reference data and the state of its session.</summary>
internal sealed class VenueRecord
{
    public int Id;
    public int Index;
    public Ascii16 Name;
    public long FeePerUnit;
    public long LatencyNanos;
    public bool Enabled;
    /// <summary>The FIX session to the venue; assumed up until it reports otherwise.</summary>
    public bool Up = true;
}
