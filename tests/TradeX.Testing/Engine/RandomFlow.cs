using TradeX.Core;

namespace TradeX.Testing;

/// <summary>
/// Deterministic random flows of every input kind for property tests (the engine's, and the journal's
/// replay and recovery tests): orders of every type and time
/// in force (some invalid), cancels, replaces, mass cancels, marks, venue orders with fills (partial,
/// duplicate, late), venue statuses, limits, kill switches, starts of day, ticks, and producer times
/// that run backwards now and then (clock skew must change nothing).
/// </summary>
public sealed class RandomFlow
{
    private readonly Random _rng;
    private readonly List<(int Account, ulong ClientOrderId)> _sent = new();
    private readonly List<(long OrderId, int Account, int Instrument, Side Side, long Quantity, long Price, int Venue)> _venueOrders = new();
    private readonly List<(int Venue, string ExecutionId, long OrderId, int Account, int Instrument, Side Side, long Quantity, long Price)> _fills = new();
    private readonly List<long> _breaks = new();
    private ulong _nextClientOrderId = 1;
    private int _nextExec = 1;
    public bool AllowLateFills { get; init; } = true;
    public bool AllowSoftAndEmergencyLimits { get; init; } = true;

    public const int Instruments = 3;
    public const int Accounts = 6;

    public RandomFlow(int seed) => _rng = new Random(seed);

    /// <summary>Reference data every flow starts with.</summary>
    public IEnumerable<EngineInput> Setup()
    {
        string[] symbols = { "ACME", "BETA", "GAMA" };
        for (int i = 1; i <= Instruments; i++)
            yield return EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(i), Symbol = Ascii16.Create(symbols[i - 1]), TickSize = Price.Parse("0.01"),
                LotSize = Quantity.Of(1), ReferencePrice = Price.Of(100), PriceBandBps = 2000,
                // One instrument with a band in ticks, one in basis points, one on the engine's default.
                MarketProtectionTicks = i == 1 ? 5 : 0, MarketProtectionBps = i == 2 ? 100 : 0,
            });
        for (int a = 1; a <= Accounts; a++)
            yield return EngineInput.Of(new DefineAccount
            {
                Account = new AccountId(a), Participant = new ParticipantId((a + 1) / 2), Cash = Money.Of(a % 3 == 0 ? 50_000 : 2_000_000),
                MaxGrossExposure = Money.Of(a % 2 == 0 ? 400_000 : 0), MaxPosition = Quantity.Of(a == 5 ? 2_000 : 0),
            });
        yield return EngineInput.Of(new DefineOperator { Operator = Ascii16.Create("ops"), CanReenable = true });
        for (int v = 1; v <= 3; v++)
            yield return EngineInput.Of(new DefineVenue
            {
                Venue = new VenueId(v), Name = Ascii16.Create($"VENUE{v}"), FeePerUnit = new Price((v - 2) * 1_000L), LatencyNanos = v * 100_000L, Enabled = true,
            });
        for (int participant = 1; participant <= 3; participant++)
            yield return EngineInput.Of(new SetProtection
            {
                Participant = new ParticipantId(participant), WindowNanos = 60_000_000_000L, MaxQuantity = 150, MaxCount = 1,
            });
    }

    /// <summary>Feeds the events of the last input back, so later inputs can name real orders.</summary>
    public void Observe(in EngineEvent e)
    {
        if (e.Kind == EventKind.VenueOrderRequested)
        {
            var v = e.VenueOrderRequested;
            _venueOrders.Add((v.OrderId.Value, v.Account.Value, v.Instrument.Value, v.Side, v.Quantity.Units, v.Price.Raw, v.Venue.Value));
        }
        if (e.Kind == EventKind.FillBreak && e.FillBreak.Status == FillBreakStatus.Opened) _breaks.Add(e.FillBreak.BreakId);
    }

    public EngineInput Next()
    {
        int roll = _rng.Next(1000);
        return roll switch
        {
            < 500 => NewOrder(),
            < 620 => Cancel(),
            < 700 => Replace(),
            < 780 => Mark(),
            < 875 => VenueFill(),
            < 880 => ResolveBreakInput(),
            < 910 => VenueStatus(),
            < 925 => MassCancelInput(),
            < 945 => Limit(),
            < 972 => Kill(),
            < 975 => EngineInput.Of(new AdjustCash
            {
                Account = new AccountId(_rng.Next(40) == 0 ? 99 : Account()), Amount = Money.Of(_rng.Next(-300_000, 300_001)), Reference = Ascii16.Create("WIRE"),
            }),
            < 978 => EngineInput.Of(new StartOfDay { TradingDate = 20260105 + _rng.Next(30) }),
            < 990 => QuoteInput(),
            < 993 => EngineInput.Of(new SetProtection
            {
                Participant = new ParticipantId(1 + _rng.Next(3)), Instrument = new InstrumentId(_rng.Next(Instruments + 1)),
                WindowNanos = 1_000_000_000L * (1 + _rng.Next(5)), MaxQuantity = _rng.Next(3) == 0 ? 0 : 200 + _rng.Next(2000), MaxCount = _rng.Next(3) == 0 ? 0 : 2 + _rng.Next(10),
            }),
            < 995 => EngineInput.Of(new ResetProtection { Participant = new ParticipantId(1 + _rng.Next(3)), Instrument = new InstrumentId(_rng.Next(Instruments + 1)) }),
            < 998 => EngineInput.Of(new VenueQuote
            {
                Venue = new VenueId(1 + _rng.Next(3)), Instrument = new InstrumentId(Instrument()),
                BidPrice = new Price(Price.Of(100).Raw - _rng.Next(1, 40) * 10_000L), BidSize = Quantity.Of(_rng.Next(500)),
                AskPrice = new Price(Price.Of(100).Raw + _rng.Next(1, 40) * 10_000L), AskSize = Quantity.Of(_rng.Next(500)),
            }),
            < 999 => EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(1 + _rng.Next(3)), Up = _rng.Next(3) != 0 }),
            _ => EngineInput.Tick(),
        };
    }

    private int Account() => 1 + _rng.Next(Accounts);
    private int Instrument() => 1 + _rng.Next(Instruments);
    private Price NearPrice() => new(Price.Of(100).Raw + (_rng.Next(-50, 51) * 10_000L)); // 99.50 .. 100.50 by cents

    private EngineInput NewOrder()
    {
        int account = _rng.Next(50) == 0 ? 99 : Account();
        ulong id = _rng.Next(40) == 0 && _sent.Count > 0 ? _sent[_rng.Next(_sent.Count)].ClientOrderId : _nextClientOrderId++;
        _sent.Add((account, id));
        bool market = _rng.Next(12) == 0;
        var tif = (TimeInForce)new byte[] { 0, 0, 0, 1, 3, 4 }[_rng.Next(6)];
        int venue = _rng.Next(6) == 0 ? 1 + _rng.Next(3) : 0;
        return EngineInput.Of(new NewOrder
        {
            Account = new AccountId(account),
            Instrument = new InstrumentId(_rng.Next(60) == 0 ? 42 : Instrument()),
            Side = _rng.Next(2) == 0 ? Side.Buy : Side.Sell,
            Type = market ? OrderType.Market : OrderType.Limit,
            TimeInForce = tif,
            Price = market ? Price.Zero : _rng.Next(80) == 0 ? Price.Parse("100.005") : NearPrice(),
            Quantity = Quantity.Of(_rng.Next(30) == 0 ? 0 : 1 + _rng.Next(400)),
            ClientOrderId = new ClientOrderId(id),
            Venue = new VenueId(venue),
            Session = 1 + _rng.Next(4),
            Routing = venue == 0 && tif != TimeInForce.FillOrKill && _rng.Next(6) == 0 ? RoutingPolicy.SmartRoute : RoutingPolicy.Internal,
        });
    }

    private EngineInput Cancel()
    {
        var (account, id) = _sent.Count > 0 ? _sent[_rng.Next(_sent.Count)] : (Account(), 999UL);
        return EngineInput.Of(new CancelOrder { Account = new AccountId(account), OrigClientOrderId = new ClientOrderId(id), ClientOrderId = new ClientOrderId(_nextClientOrderId++) });
    }

    private EngineInput Replace()
    {
        var (account, id) = _sent.Count > 0 ? _sent[_rng.Next(_sent.Count)] : (Account(), 999UL);
        ulong newId = _rng.Next(3) == 0 ? 0 : _nextClientOrderId++;
        if (newId != 0) _sent.Add((account, newId));
        return EngineInput.Of(new ReplaceOrder
        {
            Account = new AccountId(account), OrigClientOrderId = new ClientOrderId(id), ClientOrderId = new ClientOrderId(newId),
            Price = _rng.Next(3) == 0 ? Price.Zero : NearPrice(), Quantity = Quantity.Of(1 + _rng.Next(400)),
        });
    }

    private EngineInput Mark() => EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(Instrument()), Price = new Price(Price.Of(100).Raw + _rng.Next(-2000, 2001) * 1_000L) });

    private EngineInput VenueFill()
    {
        // Replays of earlier fills (same venue and execution id) must apply once. (Execution ids are
        // forgotten two trading days after their order stopped working; a replay after that is a new
        // fill, so a flow without late fills does not replay.)
        if (AllowLateFills && _fills.Count > 0 && _rng.Next(5) == 0)
        {
            var f = _fills[_rng.Next(_fills.Count)];
            return FillInput(f.Venue, f.ExecutionId, f.OrderId, f.Account, f.Instrument, f.Side, f.Quantity, f.Price);
        }
        if (_venueOrders.Count == 0) return EngineInput.Tick();
        int index = _rng.Next(_venueOrders.Count);
        var o = _venueOrders[index];
        if (!AllowLateFills && _rng.Next(2) == 0) return EngineInput.Tick();
        long quantity = Math.Max(1, Math.Min(o.Quantity, 1 + _rng.Next((int)Math.Min(int.MaxValue, o.Quantity))));
        long price = o.Price == 0 ? Price.Of(100).Raw : o.Side == Side.Buy ? o.Price - _rng.Next(3) * 10_000L : o.Price + _rng.Next(3) * 10_000L;
        var fill = (o.Venue, $"X{_nextExec++}", o.OrderId, o.Account, o.Instrument, o.Side, quantity, price);
        _venueOrders[index] = o with { Quantity = Math.Max(0, o.Quantity - quantity) };
        if (_venueOrders[index].Quantity == 0 && !AllowLateFills) _venueOrders.RemoveAt(index);
        _fills.Add(fill);
        return FillInput(fill.Venue, fill.Item2, fill.OrderId, fill.Account, fill.Instrument, fill.Side, fill.quantity, fill.price);
    }

    /// <summary>An operator books or busts a break (sometimes one already resolved, sometimes as an unregistered operator).</summary>
    private EngineInput ResolveBreakInput()
    {
        long id = _breaks.Count > 0 ? _breaks[_rng.Next(_breaks.Count)] : 1 + _rng.Next(5);
        return EngineInput.Of(new ResolveBreak
        {
            BreakId = id, Action = _rng.Next(3) == 0 ? BreakAction.Bust : BreakAction.Book, Operator = Ascii16.Create(_rng.Next(8) == 0 ? "intern" : "ops"),
        });
    }

    private static EngineInput FillInput(int venue, string exec, long orderId, int account, int instrument, Side side, long quantity, long price) =>
        EngineInput.Of(new VenueFill
        {
            Venue = new VenueId(venue), ExecutionId = ExecutionId.Create(exec), OrderId = new OrderId(orderId), Account = new AccountId(account),
            Instrument = new InstrumentId(instrument), Side = side, Quantity = Quantity.Of(quantity), Price = new Price(price),
        });

    private EngineInput VenueStatus()
    {
        if (_venueOrders.Count == 0) return EngineInput.Tick();
        int index = _rng.Next(_venueOrders.Count);
        var o = _venueOrders[index];
        var state = (VenueOrderState)(1 + _rng.Next(4));
        if (!AllowLateFills && state != VenueOrderState.Acknowledged) _venueOrders.RemoveAt(index);
        return EngineInput.Of(new VenueOrderStatus { Venue = new VenueId(o.Venue), OrderId = new OrderId(o.OrderId), State = state });
    }

    private EngineInput MassCancelInput()
    {
        var scope = (MassCancelScope)(1 + _rng.Next(4));
        int target = scope switch
        {
            MassCancelScope.Account => Account(),
            MassCancelScope.Participant => 1 + _rng.Next(3),
            MassCancelScope.Session => 1 + _rng.Next(4),
            _ => Instrument(),
        };
        // A third of the account, participant and session cancels are narrowed to one instrument.
        int narrowed = scope != MassCancelScope.Instrument && _rng.Next(3) == 0 ? Instrument() : 0;
        return EngineInput.Of(new MassCancel { Scope = scope, Target = target, QuotesOnly = _rng.Next(2) == 0, Instrument = new InstrumentId(narrowed) });
    }

    private EngineInput QuoteInput()
    {
        long mid = Price.Of(100).Raw + _rng.Next(-30, 31) * 10_000L;
        long half = (1 + _rng.Next(5)) * 10_000L;
        return EngineInput.Of(new Quote
        {
            Account = new AccountId(Account()), Instrument = new InstrumentId(Instrument()), QuoteId = (ulong)_rng.Next(1, 1_000_000),
            Session = 1 + _rng.Next(4),
            BidPrice = new Price(_rng.Next(40) == 0 ? mid + half : mid - half), BidSize = Quantity.Of(_rng.Next(5) == 0 ? 0 : 1 + _rng.Next(300)),
            AskPrice = new Price(mid + half), AskSize = Quantity.Of(_rng.Next(5) == 0 ? 0 : 1 + _rng.Next(300)),
        });
    }

    private EngineInput Limit()
    {
        var type = (LimitType)(1 + _rng.Next(9));
        long value = type switch
        {
            LimitType.MaxOrderQuantity or LimitType.MaxPosition => 100 + _rng.Next(2000),
            LimitType.Concentration => 3000 + _rng.Next(7000),
            LimitType.OrderRate => 5 + _rng.Next(100),
            LimitType.BuyingPower => 1,
            _ => Money.Of(10_000 + _rng.Next(500_000)).Raw,
        };
        int k = _rng.Next(10);
        var kind = !AllowSoftAndEmergencyLimits || k < 6 ? LimitKind.Hard : k < 9 ? LimitKind.Soft : LimitKind.Emergency;
        return EngineInput.Of(new SetLimit { Account = new AccountId(Account()), Limit = type, Value = value, Kind = kind, Floor = Money.Of(20_000).Raw });
    }

    private EngineInput Kill()
    {
        int roll = _rng.Next(20);
        bool global = roll < 4;
        bool on = global ? roll == 0 : _rng.Next(5) == 0; // the global switch is mostly switched back off
        int account = global ? 0 : Account();
        return EngineInput.Of(new KillSwitch
        {
            Scope = global ? KillSwitchScope.Global : KillSwitchScope.Account, Account = new AccountId(account), Activate = on,
            Operator = Ascii16.Create(_rng.Next(5) == 0 ? "intern" : "ops"),
        });
    }

    /// <summary>Producer time for the next input: mostly forward, sometimes backwards (skew).</summary>
    public long NextTime(long previous) => _rng.Next(10) == 0 ? previous - _rng.Next(1, 5_000_000) : previous + _rng.Next(1, 500_000_000);
}
