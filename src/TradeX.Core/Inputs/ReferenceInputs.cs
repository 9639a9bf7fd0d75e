namespace TradeX.Core;

/// <summary>Defines an instrument, or updates its tick, lot, reference price and band.</summary>
public struct DefineInstrument
{
    public InstrumentId Instrument;
    public Ascii16 Symbol;
    public Price TickSize;
    public Quantity LotSize;
    /// <summary>The collar's centre and the first mark price.</summary>
    public Price ReferencePrice;
    /// <summary>Half-width of the price collar in basis points of the reference price (1000 = ±10%).</summary>
    public int PriceBandBps;
    /// <summary>
    /// Market-order protection band in ticks beyond the best opposite price (a market order trades and reserves
    /// no further than that, and never beyond the collar). At most one of this and <see cref="MarketProtectionBps"/>
    /// may be set; with neither, the engine's <see cref="EngineOptions.DefaultMarketProtectionBps"/> applies.
    /// </summary>
    public int MarketProtectionTicks;
    /// <summary>Market-order protection band in basis points of the best opposite price (see <see cref="MarketProtectionTicks"/>).</summary>
    public int MarketProtectionBps;
}

/// <summary>
/// Defines an account with its cash and its common hard limits. A zero limit means "no limit".
/// Other settings (limit kinds, thresholds, concentration) come through <see cref="SetLimit"/>.
/// </summary>
public struct DefineAccount
{
    public AccountId Account;
    public ParticipantId Participant;
    public Money Cash;
    public Quantity MaxOrderQuantity;
    public Money MaxOrderNotional;
    public Money MaxGrossExposure;
    public Money MaxNetExposure;
    public Quantity MaxPosition;
    public Money DailyLossLimit;
    public int MaxOrdersPerSecond;
}

/// <summary>Registers an operator; only operators entitled to re-enable may turn a kill switch off.</summary>
public struct DefineOperator
{
    public Ascii16 Operator;
    public bool CanReenable;
}

/// <summary>
/// Sets one limit of an account. <see cref="Value"/> is in the limit's unit: quantity units for
/// MaxOrderQuantity and MaxPosition, raw money for notional, exposure and loss limits, basis points
/// for Concentration, orders per second for OrderRate; for BuyingPower any positive value turns the
/// check on (the cash is the limit).
/// Zero disables the limit. Thresholds of zero keep the defaults (80% warning, 95% critical).
/// </summary>
public struct SetLimit
{
    public AccountId Account;
    public LimitType Limit;
    public LimitKind Kind;
    public long Value;
    public short WarningBps;
    public short CriticalBps;
    /// <summary>Concentration only: the gross exposure (raw money) below which concentration is not checked.</summary>
    public long Floor;
}

/// <summary>Turns a kill switch on or off, for one account or globally, naming the operator.</summary>
public struct KillSwitch
{
    public KillSwitchScope Scope;
    public AccountId Account;
    public bool Activate;
    public Ascii16 Operator;
}

/// <summary>Starts a trading day: resets daily P&amp;L, expires day orders, clears the day's client order ids.</summary>
public struct StartOfDay
{
    /// <summary>yyyymmdd, informational.</summary>
    public int TradingDate;
}

/// <summary>Advances engine time when nothing else arrives (the timer's input).</summary>
public struct TimeTick
{
}

/// <summary>A new mark price for an instrument: revalues the positions that hold it.</summary>
public struct MarkPrice
{
    public InstrumentId Instrument;
    public Price Price;
}

/// <summary>
/// Market-maker protection for a participant, in one instrument or (instrument 0) as the default for
/// all: when the participant's quotes are filled more than <see cref="MaxQuantity"/> units or more than
/// <see cref="MaxCount"/> times within <see cref="WindowNanos"/> of engine time, all its quotes in that
/// instrument are pulled and new quotes there are refused until it resets protection. Zero turns a bound off.
/// </summary>
public struct SetProtection
{
    public long WindowNanos;
    public long MaxQuantity;
    public int MaxCount;
    public ParticipantId Participant;
    public InstrumentId Instrument;
}

/// <summary>A participant re-arms its tripped protection in one instrument (0 = every instrument).</summary>
public struct ResetProtection
{
    public ParticipantId Participant;
    public InstrumentId Instrument;
}

/// <summary>An external venue the smart order router may use, with what it costs and how far it is.</summary>
public struct DefineVenue
{
    /// <summary>Fee per unit traded, raw price units (negative = a rebate).</summary>
    public Price FeePerUnit;
    /// <summary>Estimated one-way latency to the venue, nanoseconds (a tie-breaker between equal prices).</summary>
    public long LatencyNanos;
    public Ascii16 Name;
    public VenueId Venue;
    public bool Enabled;
}

/// <summary>Market data: a venue's best bid and offer in an instrument, with displayed sizes.</summary>
public struct VenueQuote
{
    public Price BidPrice;
    public Quantity BidSize;
    public Price AskPrice;
    public Quantity AskSize;
    public VenueId Venue;
    public InstrumentId Instrument;
}

/// <summary>
/// The state of the FIX session to a venue. While down, its working child orders are "unknown": their
/// quantity stays committed (never re-routed) until the venue confirms each order's state.
/// </summary>
public struct VenueSessionStatus
{
    public VenueId Venue;
    public bool Up;
}

/// <summary>
/// An operator's decision on an open fill break (a venue fill quarantined because it was outside the
/// order's limit, or came for an order that had ended): book it (the fill is applied) or bust it (closed,
/// nothing applied). Journaled like every input, naming the operator.
/// </summary>
public struct ResolveBreak
{
    public long BreakId;
    public Ascii16 Operator;
    public BreakAction Action;
}
