namespace TradeX.Core;

/// <summary>A position changed after a trade or fill. Average cost is <see cref="CostBasis"/> / <see cref="Quantity"/>.</summary>
public struct PositionChanged
{
    /// <summary>Signed: positive long, negative short.</summary>
    public Quantity Quantity;
    /// <summary>Signed cost of the open position.</summary>
    public Money CostBasis;
    public Money RealizedPnl;
    public Money UnrealizedPnl;
    public Money DailyPnl;
    public Price Mark;
    public AccountId Account;
    public InstrumentId Instrument;
}

/// <summary>An account's exposure, buying power or P&amp;L changed (orders, fills, marks).</summary>
public struct ExposureChanged
{
    public Money Long;
    public Money Short;
    public Money Gross;
    public Money Net;
    public Money Cash;
    public Money BuyingPower;
    public Money UnrealizedPnl;
    public Money DailyPnl;
    public AccountId Account;
}

/// <summary>A limit's utilisation crossed into a new level (warning, critical, breached, or back to normal).</summary>
public struct LimitAlert
{
    /// <summary>The measured value (raw money, quantity or count, in the limit's unit).</summary>
    public long Value;
    /// <summary>The limit it is measured against, in the same unit.</summary>
    public long LimitValue;
    public int UtilisationBps;
    public AccountId Account;
    public LimitType Type;
    public LimitKind Kind;
    public AlertLevel Level;
    public AlertLevel Previous;
}

/// <summary>A kill switch turned on or off.</summary>
public struct KillSwitchChanged
{
    public Ascii16 Operator;
    public AccountId Account;
    public KillSwitchScope Scope;
    public KillSwitchCause Cause;
    public bool Active;
}

/// <summary>A reference-data or admin input took effect.</summary>
public struct InputAccepted
{
    /// <summary>The id the input was about (instrument, account, target of a mass cancel).</summary>
    public long Subject;
    /// <summary>A count where the input has one (orders cancelled by a mass cancel); zero otherwise.</summary>
    public long Count;
    public InputKind Input;
}

/// <summary>A non-order input was refused (bad reference data, unentitled operator, unknown target).</summary>
public struct InputRejected
{
    public long Subject;
    public InputKind Input;
    public RejectReason Reason;
}
