namespace TradeX.Core.Risk;

/// <summary>
/// One threshold of one limit of one account: its value (zero = off), its kind (what a breach does), and its
/// alert thresholds. An account holds up to one per limit type and kind, each acting on its own.
/// </summary>
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

    /// <summary>A breach is exceeding the limit: a resulting value equal to it is within.</summary>
    public readonly bool IsExceededBy(long measured) => Value > 0 && measured > Value;

    /// <summary>Recomputes the alert thresholds after the value or the basis points changed.</summary>
    public void UpdateThresholds()
    {
        WarningAt = CeilingShare(Value, WarningBps);
        CriticalAt = CeilingShare(Value, CriticalBps);
    }

    private static long CeilingShare(long value, short bps) => (long)(((Int128)value * bps + 9_999) / 10_000);
}
