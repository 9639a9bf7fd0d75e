using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Drives a real engine for tests: numbers inputs, stamps times (1 ms apart unless told), and offers
/// business-shaped helpers. Prices and money are given in whole or decimal currency units as text or longs.
/// </summary>
public sealed class EngineDriver
{
    public readonly RecordingSink Sink = new();
    public readonly Engine Engine;
    public readonly List<EngineInput> Journal = new();
    private long _sequence;
    private ulong _nextClientOrderId = 1_000_000; // tests name small ids themselves

    public EngineDriver(EngineOptions? options = null) => Engine = new Engine(Sink, options ?? EngineOptions.Small);

    /// <summary>Engine time of the next input, in nanoseconds. Starts at 2026-01-05 09:00 UTC.</summary>
    public long Time { get; set; } = 1_767_603_600_000_000_000L;
    public long StepNanos { get; set; } = 1_000_000;

    public List<EngineEvent> Events => Sink.Events;

    /// <summary>Applies an input and returns the events it produced.</summary>
    public List<EngineEvent> Apply(EngineInput input)
    {
        input.Sequence = ++_sequence;
        input.Time = Time;
        Time += StepNanos;
        Journal.Add(input);
        int before = Sink.Events.Count;
        Engine.Apply(in input);
        return Sink.Events.GetRange(before, Sink.Events.Count - before);
    }

    public List<EngineEvent> Instrument(int id, string symbol = "TEST", string tick = "0.01", long lot = 1, string reference = "100", int bandBps = 1000,
        int protectionTicks = 0, int protectionBps = 0) =>
        Apply(EngineInput.Of(new DefineInstrument
        {
            Instrument = new InstrumentId(id),
            Symbol = Ascii16.Create(symbol),
            TickSize = Price.Parse(tick),
            LotSize = Quantity.Of(lot),
            ReferencePrice = Price.Parse(reference),
            PriceBandBps = bandBps,
            MarketProtectionTicks = protectionTicks,
            MarketProtectionBps = protectionBps,
        }));

    public List<EngineEvent> Account(int id, int participant, long cash, long maxGross = 0, long maxNet = 0,
        long maxOrderQty = 0, long maxOrderNotional = 0, long maxPosition = 0, long dailyLoss = 0, int ordersPerSecond = 0) =>
        Apply(EngineInput.Of(new DefineAccount
        {
            Account = new AccountId(id),
            Participant = new ParticipantId(participant),
            Cash = Money.Of(cash),
            MaxGrossExposure = Money.Of(maxGross),
            MaxNetExposure = Money.Of(maxNet),
            MaxOrderQuantity = Quantity.Of(maxOrderQty),
            MaxOrderNotional = Money.Of(maxOrderNotional),
            MaxPosition = Quantity.Of(maxPosition),
            DailyLossLimit = Money.Of(dailyLoss),
            MaxOrdersPerSecond = ordersPerSecond,
        }));

    public ulong NextClientOrderId() => _nextClientOrderId++;

    public List<EngineEvent> Order(int account, int instrument, Side side, string? price, long quantity,
        TimeInForce tif = TimeInForce.Day, ulong clientOrderId = 0, int venue = 0) =>
        Apply(EngineInput.Of(new NewOrder
        {
            Account = new AccountId(account),
            Instrument = new InstrumentId(instrument),
            Side = side,
            Type = price is null ? OrderType.Market : OrderType.Limit,
            TimeInForce = tif,
            Price = price is null ? Price.Zero : Price.Parse(price),
            Quantity = Quantity.Of(quantity),
            ClientOrderId = new ClientOrderId(clientOrderId == 0 ? NextClientOrderId() : clientOrderId),
            Venue = new VenueId(venue),
        }));

    public List<EngineEvent> Buy(int account, int instrument, string? price, long quantity, TimeInForce tif = TimeInForce.Day, ulong clientOrderId = 0) =>
        Order(account, instrument, Side.Buy, price, quantity, tif, clientOrderId);

    public List<EngineEvent> Sell(int account, int instrument, string? price, long quantity, TimeInForce tif = TimeInForce.Day, ulong clientOrderId = 0) =>
        Order(account, instrument, Side.Sell, price, quantity, tif, clientOrderId);

    public List<EngineEvent> Cancel(int account, ulong origClientOrderId, long orderId = 0) =>
        Apply(EngineInput.Of(new CancelOrder
        {
            Account = new AccountId(account),
            OrigClientOrderId = new ClientOrderId(origClientOrderId),
            OrderId = new OrderId(orderId),
            ClientOrderId = new ClientOrderId(NextClientOrderId()),
        }));

    public List<EngineEvent> Replace(int account, ulong origClientOrderId, string? price, long quantity, ulong newClientOrderId = 0) =>
        Apply(EngineInput.Of(new ReplaceOrder
        {
            Account = new AccountId(account),
            OrigClientOrderId = new ClientOrderId(origClientOrderId),
            ClientOrderId = new ClientOrderId(newClientOrderId),
            Price = price is null ? Price.Zero : Price.Parse(price),
            Quantity = Quantity.Of(quantity),
        }));

    public List<EngineEvent> Mark(int instrument, string price) =>
        Apply(EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(instrument), Price = Price.Parse(price) }));

    public List<EngineEvent> Fill(int venue, string executionId, long orderId, long quantity, string price, int account = 0, int instrument = 0, Side side = Side.Buy) =>
        Apply(EngineInput.Of(new VenueFill
        {
            Venue = new VenueId(venue),
            ExecutionId = ExecutionId.Create(executionId),
            OrderId = new OrderId(orderId),
            Quantity = Quantity.Of(quantity),
            Price = Price.Parse(price),
            Account = new AccountId(account),
            Instrument = new InstrumentId(instrument),
            Side = side,
        }));

    public List<EngineEvent> VenueStatus(int venue, long orderId, VenueOrderState state) =>
        Apply(EngineInput.Of(new VenueOrderStatus { Venue = new VenueId(venue), OrderId = new OrderId(orderId), State = state }));

    public List<EngineEvent> SetLimit(int account, LimitType type, long value, LimitKind kind = LimitKind.Hard, short warnBps = 0, short critBps = 0, long floor = 0) =>
        Apply(EngineInput.Of(new SetLimit
        {
            Account = new AccountId(account),
            Limit = type,
            Value = value,
            Kind = kind,
            WarningBps = warnBps,
            CriticalBps = critBps,
            Floor = floor,
        }));

    public List<EngineEvent> Operator(string name, bool canReenable) =>
        Apply(EngineInput.Of(new DefineOperator { Operator = Ascii16.Create(name), CanReenable = canReenable }));

    public List<EngineEvent> Kill(int account, bool on, string operatorName) =>
        Apply(EngineInput.Of(new KillSwitch
        {
            Scope = account == 0 ? KillSwitchScope.Global : KillSwitchScope.Account,
            Account = new AccountId(account),
            Activate = on,
            Operator = Ascii16.Create(operatorName),
        }));

    public List<EngineEvent> MassCancel(MassCancelScope scope, int target, bool quotesOnly = false, int instrument = 0) =>
        Apply(EngineInput.Of(new MassCancel { Scope = scope, Target = target, QuotesOnly = quotesOnly, Instrument = new InstrumentId(instrument) }));

    public List<EngineEvent> Quote(int account, int instrument, string? bid, long bidSize, string? ask, long askSize, ulong quoteId = 1, int session = 0) =>
        Apply(EngineInput.Of(new Quote
        {
            Account = new AccountId(account), Instrument = new InstrumentId(instrument), QuoteId = quoteId, Session = session,
            BidPrice = bid is null ? Price.Zero : Price.Parse(bid), BidSize = Quantity.Of(bidSize),
            AskPrice = ask is null ? Price.Zero : Price.Parse(ask), AskSize = Quantity.Of(askSize),
        }));

    public List<EngineEvent> Protection(int participant, int instrument, long windowNanos, long maxQuantity, int maxCount) =>
        Apply(EngineInput.Of(new SetProtection
        {
            Participant = new ParticipantId(participant), Instrument = new InstrumentId(instrument), WindowNanos = windowNanos,
            MaxQuantity = maxQuantity, MaxCount = maxCount,
        }));

    public List<EngineEvent> ResetProtection(int participant, int instrument = 0) =>
        Apply(EngineInput.Of(new ResetProtection { Participant = new ParticipantId(participant), Instrument = new InstrumentId(instrument) }));

    public List<EngineEvent> OrderInSession(int account, int instrument, Side side, string price, long quantity, int session, ulong clientOrderId) =>
        Apply(EngineInput.Of(new NewOrder
        {
            Account = new AccountId(account), Instrument = new InstrumentId(instrument), Side = side, Type = OrderType.Limit,
            TimeInForce = TimeInForce.Day, Price = Price.Parse(price), Quantity = Quantity.Of(quantity), ClientOrderId = new ClientOrderId(clientOrderId),
            Session = session,
        }));

    public List<EngineEvent> Venue(int id, string name, string fee = "0", long latencyNanos = 100_000, bool enabled = true) =>
        Apply(EngineInput.Of(new DefineVenue
        {
            Venue = new VenueId(id), Name = Ascii16.Create(name), FeePerUnit = Price.Parse(fee), LatencyNanos = latencyNanos, Enabled = enabled,
        }));

    public List<EngineEvent> VenueQuote(int venue, int instrument, string bid, long bidSize, string ask, long askSize) =>
        Apply(EngineInput.Of(new VenueQuote
        {
            Venue = new VenueId(venue), Instrument = new InstrumentId(instrument), BidPrice = Price.Parse(bid), BidSize = Quantity.Of(bidSize),
            AskPrice = Price.Parse(ask), AskSize = Quantity.Of(askSize),
        }));

    public List<EngineEvent> VenueSession(int venue, bool up) =>
        Apply(EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(venue), Up = up }));

    public List<EngineEvent> Routed(int account, int instrument, Side side, string? price, long quantity, TimeInForce tif = TimeInForce.Day, ulong clientOrderId = 0) =>
        Apply(EngineInput.Of(new NewOrder
        {
            Account = new AccountId(account), Instrument = new InstrumentId(instrument), Side = side,
            Type = price is null ? OrderType.Market : OrderType.Limit, TimeInForce = tif, Price = price is null ? Price.Zero : Price.Parse(price),
            Quantity = Quantity.Of(quantity), ClientOrderId = new ClientOrderId(clientOrderId == 0 ? NextClientOrderId() : clientOrderId),
            Routing = RoutingPolicy.SmartRoute,
        }));

    public List<EngineEvent> ResolveBreak(long breakId, BreakAction action, string operatorName) =>
        Apply(EngineInput.Of(new ResolveBreak { BreakId = breakId, Action = action, Operator = Ascii16.Create(operatorName) }));

    public List<EngineEvent> StartOfDay(int date) => Apply(EngineInput.Of(new StartOfDay { TradingDate = date }));

    public List<EngineEvent> Tick() => Apply(EngineInput.Tick());

    public AccountView AccountView(int id) => Engine.GetAccount(new AccountId(id)) ?? throw new InvalidOperationException($"no account {id}");

    public PositionView? Position(int account, int instrument) => Engine.GetPosition(new AccountId(account), new InstrumentId(instrument));

    /// <summary>Replays the recorded inputs into a fresh engine and returns it.</summary>
    public Engine Replay(IEngineEventSink? sink = null)
    {
        var engine = new Engine(sink ?? new RecordingSink(), Engine.Options);
        foreach (var input in Journal) engine.Apply(in input);
        return engine;
    }
}

public static class EventListExtensions
{
    public static IEnumerable<EngineEvent> OfKind(this IEnumerable<EngineEvent> events, EventKind kind) => events.Where(e => e.Kind == kind);

    public static int Count(this IEnumerable<EngineEvent> events, EventKind kind) => events.Count(e => e.Kind == kind);

    public static EngineEvent Single(this IEnumerable<EngineEvent> events, EventKind kind) => events.Single(e => e.Kind == kind);
}
