namespace TradeX.Core.Risk;

/// <summary>One limit of one account: its value (zero = off), what a breach does, and its alert thresholds.</summary>
internal struct LimitSetting
{
    public long Value;
    public long Floor;
    public short WarningBps;
    public short CriticalBps;
    public LimitKind Kind;

    public readonly bool Enabled => Value > 0;
}
