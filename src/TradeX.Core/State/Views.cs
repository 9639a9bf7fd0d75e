namespace TradeX.Core;

// Read-only copies of engine state for tools, tests and operators. Built on request (they allocate);
// never used on the hot path.

/// <summary>An account's risk picture at one moment.</summary>
public sealed record AccountView(
    AccountId Account,
    ParticipantId Participant,
    Money Cash,
    Money ReservedBuy,
    Money ReservedSell,
    Money Long,
    Money Short,
    Money Gross,
    Money Net,
    Money BuyingPower,
    Money UnrealizedPnl,
    Money RealizedPnl,
    Money DailyPnl,
    bool KillSwitch,
    int OpenOrders);

/// <summary>One position. <see cref="AverageCost"/> is cost ÷ quantity, truncated to the price scale (display only).</summary>
public sealed record PositionView(
    AccountId Account,
    InstrumentId Instrument,
    Quantity Quantity,
    Money CostBasis,
    Price AverageCost,
    Price Mark,
    Money Value,
    Money RealizedPnl,
    Money UnrealizedPnl,
    Money DailyPnl,
    Quantity OpenBuyQuantity,
    Quantity OpenSellQuantity);

/// <summary>An open order.</summary>
public sealed record OrderView(
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    AccountId Account,
    InstrumentId Instrument,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Price Price,
    Quantity Quantity,
    Quantity Leaves,
    Quantity Filled,
    VenueId Venue,
    string State,
    long AcceptedSequence);

/// <summary>One price level of a book side.</summary>
public sealed record LevelView(Price Price, Quantity Quantity, int Orders);

/// <summary>An instrument's reference data and mark.</summary>
public sealed record InstrumentView(
    InstrumentId Instrument,
    string Symbol,
    Price TickSize,
    Quantity LotSize,
    Price ReferencePrice,
    int PriceBandBps,
    Price Mark,
    int Holders);

/// <summary>An account's exposure recomputed from scratch (positions and open orders), to check the incremental figures.</summary>
public sealed record ExposureRecompute(Money Long, Money Short, Money ReservedBuy, Money ReservedSell, Money UnrealizedPnl, Money Holds)
{
    public Money Gross => Long + Short;
    public Money Net => Long - Short;
}

/// <summary>An open fill break: a venue fill quarantined until an operator books or busts it.</summary>
public sealed record FillBreakView(
    long BreakId,
    long Sequence,
    VenueId Venue,
    ExecutionId ExecutionId,
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    AccountId Account,
    InstrumentId Instrument,
    Side Side,
    Quantity Quantity,
    Price Price,
    RejectReason Reason);
