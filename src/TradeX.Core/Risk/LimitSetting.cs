namespace TradeX.Core.Risk;

/// <summary>One limit of one account: its value (zero = off), what a breach does, and its alert thresholds.</summary>
internal struct LimitSetting
{
    public long Value;
    public long Floor;
    public short WarningBps;
    public short CriticalBps;
    public LimitKind Kind;
    /// <summary>The smallest measured values at warning and critical level (value × bps / 10,000, rounded up), kept so alerts compare longs only.</summary>
    public long WarningAt;
    public long CriticalAt;

    public readonly bool Enabled => Value > 0;

    /// <summary>Recomputes the alert thresholds after the value or the basis points changed.</summary>
    public void UpdateThresholds()
    {
        WarningAt = CeilingShare(Value, WarningBps);
        CriticalAt = CeilingShare(Value, CriticalBps);
    }

    private static long CeilingShare(long value, short bps) => (long)(((Int128)value * bps + 9_999) / 10_000);
}
