using TradeX.Core;

namespace TradeX.Node.Demo;

/// <summary>
/// A built-in trading day, generated from a seed and driven through a real engine: reference data,
/// market makers quoting around moving marks, a hedge fund and retail flow taking liquidity, a prop
/// desk, orders directed to an external venue that fills them (with a duplicated fill resent),
/// and scripted incidents — a price gap that breaches a daily loss limit, a fat-finger burst that
/// trips the circuit breaker, an unentitled operator trying to re-enable, and the end-of-day
/// quote pull. The generator reacts to the engine's events (venue order ids), so it runs in step.
/// </summary>
public sealed class DemoDay
{
    public static readonly DateOnly Date = new(2026, 1, 5);
    private const long Second = 1_000_000_000L;

    private readonly Random _rng;
    private readonly int _targetOrders;
    private readonly DemoSink _sink = new();
    private readonly Engine _engine;
    private long _sequence;
    private long _time;
    private ulong _nextClientOrderId = 1;
    private int _nextExec = 1;
    private int _ordersSent;
    private readonly Dictionary<(int Account, int Instrument, Side Side), ulong> _quotes = new();
    private readonly List<(long OrderId, int Account, int Instrument, Side Side, long Remaining, long Price)> _atVenue = new();
    private string? _lastExec;

    public static readonly (int Id, string Symbol, string Price)[] Instruments =
    {
        (1, "AAPL", "190.00"), (2, "MSFT", "410.00"), (3, "NVDA", "135.00"), (4, "AMZN", "225.00"), (5, "TSLA", "250.00"), (6, "SPY", "590.00"),
    };

    public const int MarketMakerA = 101, MarketMakerB = 102, HedgeFund = 201, Retail = 301, PropDesk = 401, Directed = 501;
    public const int Venue = 1;

    public static readonly (int Account, string Who)[] AccountNames =
    {
        (MarketMakerA, "market maker A (p1)"), (MarketMakerB, "market maker B (p6)"), (HedgeFund, "hedge fund"), (Retail, "retail flow"),
        (PropDesk, "prop desk"), (Directed, "agency (venue)"),
    };

    private readonly long[] _marks = new long[Instruments.Length + 1];

    public DemoDay(int seed, int targetOrders)
    {
        _rng = new Random(seed);
        _targetOrders = Math.Max(200, targetOrders);
        _engine = new Engine(_sink, EngineOptions.Small with { ExpectedClientOrderIdsPerDay = Math.Max(65_536, targetOrders * 8) });
        _time = Scenario.ScenarioParser.MidnightNanos(Date) + (9 * 3600 + 25 * 60) * Second;
    }

    public Engine Engine => _engine;
    public DemoSink Sink => _sink;
    public long Inputs => _sequence;

    public void Run()
    {
        ReferenceData();
        _time = Scenario.ScenarioParser.MidnightNanos(Date) + (9 * 3600 + 30 * 60) * Second;
        long close = Scenario.ScenarioParser.MidnightNanos(Date) + 16 * 3600 * Second;
        long step = (close - _time) / (_targetOrders / 2);
        bool gap = false, fatFinger = false, reenable = false, pull = false;
        while (_time < close)
        {
            _time += step / 2 + _rng.NextInt64(step);
            double dayFraction = (double)(_time - (close - 6 * 3600 * Second - 30 * 60 * Second)) / (6.5 * 3600 * Second);
            MoveMarks();
            Quote();
            Take();
            VenueActivity();
            if (!gap && dayFraction > 0.55) { gap = true; PriceGap(); }
            if (!fatFinger && dayFraction > 0.70) { fatFinger = true; FatFingerBurst(); }
            if (!reenable && dayFraction > 0.78) { reenable = true; Reenable(); }
            if (!pull && dayFraction > 0.97) { pull = true; EndOfDayPull(); }
        }
        Apply(EngineInput.Tick());
    }

    private void ReferenceData()
    {
        Apply(EngineInput.Of(new StartOfDay { TradingDate = Date.Year * 10_000 + Date.Month * 100 + Date.Day }));
        foreach (var (id, symbol, price) in Instruments)
        {
            _marks[id] = Price.Parse(price).Raw;
            Apply(EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(id), Symbol = Ascii16.Create(symbol), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
                ReferencePrice = Price.Parse(price), PriceBandBps = 1500,
            }));
        }
        DefineAccount(MarketMakerA, 1, 200_000_000, gross: 150_000_000);
        DefineAccount(MarketMakerB, 6, 200_000_000, gross: 150_000_000);
        DefineAccount(HedgeFund, 2, 40_000_000, gross: 12_000_000, dailyLoss: 200_000, maxQty: 20_000);
        DefineAccount(Retail, 3, 1_500_000, maxQty: 1_000);
        DefineAccount(PropDesk, 4, 20_000_000, gross: 15_000_000, maxQty: 5_000, rate: 50);
        DefineAccount(Directed, 5, 30_000_000, gross: 30_000_000);
        // The hedge fund's gross limit is soft: it trades through, and risk sees warning, critical, breached.
        Apply(EngineInput.Of(new SetLimit { Account = new AccountId(HedgeFund), Limit = LimitType.GrossExposure, Value = Money.Of(12_000_000).Raw, Kind = LimitKind.Soft }));
        Apply(EngineInput.Of(new SetLimit { Account = new AccountId(HedgeFund), Limit = LimitType.Concentration, Value = 6_000, Kind = LimitKind.Soft, Floor = Money.Of(5_000_000).Raw }));
        Apply(EngineInput.Of(new DefineOperator { Operator = Ascii16.Create("risk-alice"), CanReenable = true }));
        Apply(EngineInput.Of(new DefineOperator { Operator = Ascii16.Create("desk-bob"), CanReenable = false }));
    }

    private void DefineAccount(int id, int participant, long cash, long gross = 0, long dailyLoss = 0, long maxQty = 0, int rate = 0) =>
        Apply(EngineInput.Of(new DefineAccount
        {
            Account = new AccountId(id), Participant = new ParticipantId(participant), Cash = Money.Of(cash), MaxGrossExposure = Money.Of(gross),
            DailyLossLimit = Money.Of(dailyLoss), MaxOrderQuantity = Quantity.Of(maxQty), MaxOrdersPerSecond = rate,
        }));

    private void MoveMarks()
    {
        int instrument = 1 + _rng.Next(Instruments.Length);
        long tick = 10_000;
        long drift = (_rng.Next(7) - 3) * tick * Math.Max(1, _marks[instrument] / 100_000_000);
        SetMark(instrument, _marks[instrument] + drift);
    }

    private void SetMark(int instrument, long price)
    {
        var reference = Price.Parse(Instruments[instrument - 1].Price).Raw;
        price = Math.Clamp(price, reference * 88 / 100, reference * 112 / 100);
        _marks[instrument] = price - price % 10_000;
        Apply(EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(instrument), Price = new Price(_marks[instrument]) }));
    }

    /// <summary>A market maker re-quotes one instrument: a replace per side (a new quote when the old one traded away).</summary>
    private void Quote()
    {
        int account = _rng.Next(2) == 0 ? MarketMakerA : MarketMakerB;
        int instrument = 1 + _rng.Next(Instruments.Length);
        long halfSpread = (1 + _rng.Next(4)) * 10_000L;
        foreach (Side side in new[] { Side.Buy, Side.Sell })
        {
            long price = side == Side.Buy ? _marks[instrument] - halfSpread : _marks[instrument] + halfSpread;
            long size = 100 * (1 + _rng.Next(8));
            if (_quotes.TryGetValue((account, instrument, side), out ulong id) && _engine.GetOrder(new AccountId(account), new ClientOrderId(id)) is not null)
            {
                ulong newId = _nextClientOrderId++;
                Apply(EngineInput.Of(new ReplaceOrder
                {
                    Account = new AccountId(account), OrigClientOrderId = new ClientOrderId(id), ClientOrderId = new ClientOrderId(newId),
                    Price = new Price(price), Quantity = Quantity.Of(size + (_engine.GetOrder(new AccountId(account), new ClientOrderId(id))?.Filled.Units ?? 0)),
                }));
                _quotes[(account, instrument, side)] = newId;
            }
            else
            {
                _quotes[(account, instrument, side)] = Order(account, instrument, side, price, size, TimeInForce.Day);
            }
        }
    }

    private void Take()
    {
        int instrument = 1 + _rng.Next(Instruments.Length);
        Side side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell;
        switch (_rng.Next(10))
        {
            case < 4:
                // Retail: small market orders (a few from market maker A's own participant would self-trade: prevented).
                if (_rng.Next(40) == 0) { Order(MarketMakerA, instrument, side, 0, 100, TimeInForce.ImmediateOrCancel, market: true); break; }
                Order(Retail, instrument, side, 0, 10 * (1 + _rng.Next(10)), TimeInForce.ImmediateOrCancel, market: true);
                break;
            case < 7:
            {
                // Hedge fund: larger limit orders through the touch, mostly buying, and heavy in TSLA.
                int hfInstrument = _rng.Next(5) < 3 ? 5 : instrument;
                Side hf = _rng.Next(10) < 7 ? Side.Buy : Side.Sell;
                long price = hf == Side.Buy ? _marks[hfInstrument] + 20_000 : _marks[hfInstrument] - 20_000;
                Order(HedgeFund, hfInstrument, hf, price, 100 * (2 + _rng.Next(15)), TimeInForce.ImmediateOrCancel);
                break;
            }
            case < 9:
            {
                // Prop desk: IOC scalps.
                long price = side == Side.Buy ? _marks[instrument] + 10_000 : _marks[instrument] - 10_000;
                Order(PropDesk, instrument, side, price, 100 * (1 + _rng.Next(5)), TimeInForce.ImmediateOrCancel);
                break;
            }
            default:
            {
                // Agency flow directed to the external venue.
                long price = side == Side.Buy ? _marks[instrument] + 10_000 : _marks[instrument] - 10_000;
                Order(Directed, instrument, side, price, 100 * (1 + _rng.Next(10)), TimeInForce.Day, venue: Venue);
                break;
            }
        }
    }

    /// <summary>The simulated external venue: acknowledges, fills in parts (once resending a fill), sometimes cancels.</summary>
    private void VenueActivity()
    {
        if (_atVenue.Count == 0 || _rng.Next(3) != 0) return;
        int index = _rng.Next(_atVenue.Count);
        var o = _atVenue[index];
        if (_rng.Next(12) == 0)
        {
            Apply(EngineInput.Of(new VenueOrderStatus { Venue = new VenueId(Venue), OrderId = new OrderId(o.OrderId), State = VenueOrderState.Canceled }));
            _atVenue.RemoveAt(index);
            return;
        }
        long quantity = Math.Min(o.Remaining, 100 * (1 + _rng.Next(5)));
        string exec = $"NYSIM-{_nextExec++:D7}";
        ApplyFill(o, quantity, exec);
        if (_lastExec is not null && _rng.Next(25) == 0) ApplyFill(o, quantity, _lastExec); // a resend the venue should not have made
        _lastExec = exec;
        o.Remaining -= quantity;
        if (o.Remaining == 0) _atVenue.RemoveAt(index);
        else _atVenue[index] = o;
    }

    private void ApplyFill((long OrderId, int Account, int Instrument, Side Side, long Remaining, long Price) o, long quantity, string exec) =>
        Apply(EngineInput.Of(new VenueFill
        {
            Venue = new VenueId(Venue), ExecutionId = ExecutionId.Create(exec), OrderId = new OrderId(o.OrderId), Quantity = Quantity.Of(quantity),
            Price = new Price(o.Price), Account = new AccountId(o.Account), Instrument = new InstrumentId(o.Instrument), Side = o.Side,
        }));

    /// <summary>TSLA gaps down 9% in three prints after the hedge fund has been buying it.</summary>
    private void PriceGap()
    {
        _sink.Note(_time, "TSLA gaps down 9% on news");
        for (int i = 0; i < 3; i++)
        {
            _time += Second;
            SetMark(5, _marks[5] * 97 / 100);
        }
    }

    /// <summary>The prop desk's fat finger: six orders of 50,000 shares against a 5,000 maximum.</summary>
    private void FatFingerBurst()
    {
        _sink.Note(_time, "prop desk fat-finger burst: 6 × 50,000 shares against a 5,000 maximum");
        for (int i = 0; i < 6; i++)
        {
            _time += Second / 4;
            Order(PropDesk, 3, Side.Buy, _marks[3], 50_000, TimeInForce.Day);
        }
        _time += 30 * Second;
        _sink.Note(_time, "desk-bob (not entitled) tries to re-enable the prop desk");
        Apply(EngineInput.Of(new KillSwitch { Scope = KillSwitchScope.Account, Account = new AccountId(PropDesk), Activate = false, Operator = Ascii16.Create("desk-bob") }));
    }

    private void Reenable()
    {
        _sink.Note(_time, "risk-alice re-enables the prop desk");
        Apply(EngineInput.Of(new KillSwitch { Scope = KillSwitchScope.Account, Account = new AccountId(PropDesk), Activate = false, Operator = Ascii16.Create("risk-alice") }));
    }

    private void EndOfDayPull()
    {
        _sink.Note(_time, "market makers pull all quotes (mass cancel, participant 1)");
        Apply(EngineInput.Of(new MassCancel { Scope = MassCancelScope.Participant, Target = 1 }));
    }

    private ulong Order(int account, int instrument, Side side, long price, long quantity, TimeInForce tif, bool market = false, int venue = 0)
    {
        ulong id = _nextClientOrderId++;
        _ordersSent++;
        Apply(EngineInput.Of(new NewOrder
        {
            Account = new AccountId(account), Instrument = new InstrumentId(instrument), Side = side, Type = market ? OrderType.Market : OrderType.Limit,
            TimeInForce = tif, Price = market ? Price.Zero : new Price(price), Quantity = Quantity.Of(quantity), ClientOrderId = new ClientOrderId(id),
            Venue = new VenueId(venue),
        }));
        foreach (var request in _sink.TakeVenueRequests())
            _atVenue.Add((request.OrderId.Value, request.Account.Value, request.Instrument.Value, request.Side, request.Quantity.Units, request.Price.Raw));
        return id;
    }

    public int OrdersSent => _ordersSent;

    private void Apply(EngineInput input)
    {
        input.Sequence = ++_sequence;
        input.Time = _time;
        _engine.Apply(in input);
    }
}
