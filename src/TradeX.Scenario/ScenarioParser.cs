using System.Globalization;
using TradeX.Core;

namespace TradeX.Scenario;

/// <summary>
/// Parses the scenario language: one engine input per line, <c>verb key=value ...</c>, with
/// <c>#</c> comments and an optional leading time (<c>@09:30:00.250</c> or <c>@+5ms</c>). The
/// grammar is documented in the README ("Scenario files"). Instruments can be named by symbol once
/// defined. Every malformed line yields a <see cref="ScenarioError"/> naming the problem; it never throws.
/// </summary>
public sealed class ScenarioParser
{
    private readonly Dictionary<string, int> _symbols = new(StringComparer.OrdinalIgnoreCase);
    private DateOnly _date;
    private long _time;

    /// <summary>Default gap between lines without a time of their own.</summary>
    public const long DefaultStepNanos = 1_000_000;

    public ScenarioParser(DateOnly? date = null)
    {
        _date = date ?? new DateOnly(2026, 1, 5);
        _time = MidnightNanos(_date) + 9L * 3600 * 1_000_000_000; // 09:00
    }

    public static long MidnightNanos(DateOnly date) =>
        (date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>Parses one line; returns null for a blank or comment line.</summary>
    public object? Parse(string line, int lineNumber)
    {
        int hash = line.IndexOf('#');
        string text = (hash >= 0 ? line[..hash] : line).Trim();
        if (text.Length == 0) return null;
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        try
        {
            long time = _time + DefaultStepNanos;
            if (tokens[0].StartsWith('@'))
            {
                time = ParseTime(tokens[0][1..]);
                tokens.RemoveAt(0);
                if (tokens.Count == 0) throw new ScenarioException("a time needs an input after it");
            }
            string verb = tokens[0].ToLowerInvariant();
            if (verb == "date")
            {
                if (tokens.Count != 2 || !DateOnly.TryParseExact(tokens[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    throw new ScenarioException("'date' takes one date as yyyy-MM-dd");
                _date = d;
                _time = MidnightNanos(d) + 9L * 3600 * 1_000_000_000;
                return null;
            }
            var args = new Args(tokens.Skip(1));
            ScenarioStep step = verb switch
            {
                "instrument" => Instrument(args, lineNumber, time),
                "account" => Account(args, lineNumber, time),
                "operator" => Operator(args, lineNumber, time),
                "limit" => Limit(args, lineNumber, time),
                "buy" or "sell" => Order(verb == "buy" ? Side.Buy : Side.Sell, args, lineNumber, time),
                "cancel" => Cancel(args, lineNumber, time),
                "replace" => Replace(args, lineNumber, time),
                "masscancel" => MassCancel(args, lineNumber, time),
                "mark" => Mark(args, lineNumber, time),
                "fill" => Fill(args, lineNumber, time),
                "venuestatus" => VenueStatus(args, lineNumber, time),
                "kill" => Kill(args, lineNumber, time),
                "quote" => QuoteLine(args, lineNumber, time),
                "venue" => VenueLine(args, lineNumber, time),
                "venuequote" => VenueQuoteLine(args, lineNumber, time),
                "venuesession" => VenueSessionLine(args, lineNumber, time),
                "protection" => Protection(args, lineNumber, time),
                "resetprotection" => new ScenarioStep(lineNumber, EngineInput.Of(new ResetProtection
                {
                    Participant = new ParticipantId(args.Int("participant")),
                    Instrument = new InstrumentId(args.Has("instrument") ? InstrumentOf(args) : 0),
                }), time),
                "break" => Break(args, lineNumber, time),
                "deposit" or "withdraw" => Cash(verb == "deposit", args, lineNumber, time),
                "sod" => new ScenarioStep(lineNumber, EngineInput.Of(new StartOfDay { TradingDate = args.OptionalInt("date") ?? DateInt(_date) }), time),
                "tick" => new ScenarioStep(lineNumber, EngineInput.Tick(), time),
                _ => throw new ScenarioException($"unknown input '{tokens[0]}' (expected instrument, account, operator, limit, buy, sell, cancel, replace, masscancel, quote, protection, resetprotection, venue, venuequote, venuesession, mark, fill, venuestatus, break, deposit, withdraw, kill, sod, tick or date)"),
            };
            args.EnsureAllUsed(verb);
            _time = time;
            return step;
        }
        catch (ScenarioException ex)
        {
            return new ScenarioError(lineNumber, ex.Message);
        }
        catch (OverflowException)
        {
            return new ScenarioError(lineNumber, "a number on this line is too large");
        }
    }

    private static int DateInt(DateOnly d) => d.Year * 10_000 + d.Month * 100 + d.Day;

    private long ParseTime(string text)
    {
        if (text.StartsWith('+')) return _time + ParseDuration(text[1..]);
        string[] formats = { "HH:mm:ss", "HH:mm:ss.FFFFFFF", "HH:mm" };
        string main = text;
        long extraNanos = 0;
        int dot = text.IndexOf('.');
        if (dot >= 0 && text.Length - dot - 1 > 7)
        {
            // TimeOnly holds 100 ns ticks; keep nanoseconds beyond that exactly.
            string frac = text[(dot + 1)..];
            if (frac.Length > 9 || !frac.All(char.IsAsciiDigit)) throw new ScenarioException($"'{text}' is not a time (HH:MM:SS.fffffffff)");
            main = text[..(dot + 8)];
            extraNanos = long.Parse(frac[7..].PadRight(2, '0'), CultureInfo.InvariantCulture);
        }
        if (!TimeOnly.TryParseExact(main, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            throw new ScenarioException($"'{text}' is not a time (HH:MM:SS.fffffffff or +5ms)");
        return MidnightNanos(_date) + t.Ticks * 100 + extraNanos;
    }

    private static long ParseDuration(string text)
    {
        (string unit, long nanos)[] units = { ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000) };
        foreach (var (unit, nanos) in units)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal) && long.TryParse(text[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                return checked(n * nanos);
        }
        throw new ScenarioException($"'+{text}' is not a duration (like +250us, +5ms, +2s, +1m)");
    }

    private ScenarioStep Instrument(Args a, int line, long time)
    {
        int id = a.Int("id");
        string symbol = a.Text("symbol");
        if (!Ascii16.TryCreate(symbol, out var sym)) throw new ScenarioException($"symbol '{symbol}' must be 1-16 printable ASCII characters");
        _symbols[symbol] = id;
        var (ticks, bps) = ProtectionBand(a.OptionalText("protect"));
        return new ScenarioStep(line, EngineInput.Of(new DefineInstrument
        {
            Instrument = new InstrumentId(id), Symbol = sym, TickSize = a.Price("tick"), LotSize = Quantity.Of(a.OptionalLong("lot") ?? 1),
            ReferencePrice = a.Price("ref"), PriceBandBps = a.BasisPoints("band"), MarketProtectionTicks = ticks, MarketProtectionBps = bps,
        }), time);
    }

    /// <summary>The market-order protection band: <c>5ticks</c>, <c>50bps</c> or <c>0.5%</c> (absent: the engine's default).</summary>
    private static (int Ticks, int Bps) ProtectionBand(string? text)
    {
        if (text is null) return (0, 0);
        if (text.EndsWith("ticks", StringComparison.OrdinalIgnoreCase) || text.EndsWith("tick", StringComparison.OrdinalIgnoreCase))
        {
            string n = text.EndsWith("ticks", StringComparison.OrdinalIgnoreCase) ? text[..^5] : text[..^4];
            if (FixedPoint.TryParseWhole(n, out long ticks, out _) && ticks is > 0 and <= 1_000_000) return ((int)ticks, 0);
        }
        else
        {
            var args = new Args([$"protect={text}"]);
            int bps = args.BasisPoints("protect");
            if (bps > 0) return (0, bps);
        }
        throw new ScenarioException($"protect='{text}' is not a protection band (like 5ticks, 50bps or 0.5%)");
    }

    private static ScenarioStep Break(Args a, int line, long time)
    {
        bool? book = a.Flag("book") ? true : a.Flag("bust") ? false : null;
        if (book is null) throw new ScenarioException("break needs 'book' or 'bust'");
        string name = a.Text("operator");
        if (!Ascii16.TryCreate(name, out var op)) throw new ScenarioException($"operator '{name}' must be 1-16 printable ASCII characters");
        return new(line, EngineInput.Of(new ResolveBreak { BreakId = a.Long("id"), Action = book.Value ? BreakAction.Book : BreakAction.Bust, Operator = op }), time);
    }

    /// <summary><c>deposit account=10 amount=50k ref=WIRE-1</c> / <c>withdraw ...</c>: the amount is positive, the verb says the direction.</summary>
    private static ScenarioStep Cash(bool deposit, Args a, int line, long time)
    {
        string verb = deposit ? "deposit" : "withdraw";
        Money amount = a.Money("amount");
        if (amount.Raw <= 0) throw new ScenarioException($"'{verb}' needs a positive amount= (the verb gives the direction)");
        Ascii16 reference = default;
        string? text = a.OptionalText("ref");
        if (text is not null && !Ascii16.TryCreate(text, out reference)) throw new ScenarioException($"ref '{text}' must be 1-16 printable ASCII characters");
        return new(line, EngineInput.Of(new AdjustCash
        {
            Account = new AccountId(a.Int("account")), Amount = deposit ? amount : new Money(-amount.Raw), Reference = reference,
        }), time);
    }

    private static ScenarioStep Account(Args a, int line, long time) => new(line, EngineInput.Of(new DefineAccount
    {
        Account = new AccountId(a.Int("id")),
        Participant = new ParticipantId(a.Int("participant")),
        Cash = a.Money("cash"),
        MaxGrossExposure = a.OptionalMoney("gross") ?? Money.Zero,
        MaxNetExposure = a.OptionalMoney("net") ?? Money.Zero,
        MaxOrderQuantity = Quantity.Of(a.OptionalLong("maxqty") ?? 0),
        MaxOrderNotional = a.OptionalMoney("maxnotional") ?? Money.Zero,
        MaxPosition = Quantity.Of(a.OptionalLong("maxpos") ?? 0),
        DailyLossLimit = a.OptionalMoney("dailyloss") ?? Money.Zero,
        MaxOrdersPerSecond = a.OptionalInt("rate") ?? 0,
    }), time);

    private static ScenarioStep Operator(Args a, int line, long time)
    {
        string name = a.Text("name");
        if (!Ascii16.TryCreate(name, out var op)) throw new ScenarioException($"operator '{name}' must be 1-16 printable ASCII characters");
        return new(line, EngineInput.Of(new DefineOperator { Operator = op, CanReenable = a.OptionalBool("reenable") ?? false }), time);
    }

    private static readonly Dictionary<string, LimitType> LimitNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["maxqty"] = LimitType.MaxOrderQuantity, ["maxnotional"] = LimitType.MaxOrderNotional, ["buyingpower"] = LimitType.BuyingPower,
        ["gross"] = LimitType.GrossExposure, ["net"] = LimitType.NetExposure, ["maxpos"] = LimitType.MaxPosition,
        ["concentration"] = LimitType.Concentration, ["dailyloss"] = LimitType.DailyLoss, ["rate"] = LimitType.OrderRate,
    };

    private static ScenarioStep Limit(Args a, int line, long time)
    {
        string typeName = a.Text("type");
        if (!LimitNames.TryGetValue(typeName, out var type))
            throw new ScenarioException($"unknown limit type '{typeName}' (expected {string.Join(", ", LimitNames.Keys)})");
        long value = type switch
        {
            LimitType.MaxOrderQuantity or LimitType.MaxPosition or LimitType.OrderRate => a.Long("value"),
            LimitType.Concentration => a.BasisPoints("value"),
            LimitType.BuyingPower => a.OptionalLong("value") ?? 1,
            _ => a.Money("value").Raw,
        };
        string kindText = a.OptionalText("kind") ?? "hard";
        LimitKind kind = kindText.ToLowerInvariant() switch
        {
            "hard" => LimitKind.Hard,
            "soft" => LimitKind.Soft,
            "emergency" => LimitKind.Emergency,
            _ => throw new ScenarioException($"unknown limit kind '{kindText}' (expected hard, soft or emergency)"),
        };
        return new(line, EngineInput.Of(new SetLimit
        {
            Account = new AccountId(a.Int("account")), Limit = type, Value = value, Kind = kind,
            WarningBps = (short)(a.OptionalBasisPoints("warn") ?? 0), CriticalBps = (short)(a.OptionalBasisPoints("crit") ?? 0),
            Floor = a.OptionalMoney("floor")?.Raw ?? 0,
        }), time);
    }

    private ScenarioStep Order(Side side, Args a, int line, long time)
    {
        string? priceText = a.OptionalText("price");
        bool market = priceText is null || priceText.Equals("market", StringComparison.OrdinalIgnoreCase);
        string tifText = a.OptionalText("tif") ?? "day";
        TimeInForce tif = tifText.ToLowerInvariant() switch
        {
            "day" => TimeInForce.Day,
            "gtc" => TimeInForce.GoodTillCancel,
            "ioc" => TimeInForce.ImmediateOrCancel,
            "fok" => TimeInForce.FillOrKill,
            _ => throw new ScenarioException($"unknown time in force '{tifText}' (expected day, gtc, ioc or fok)"),
        };
        return new(line, EngineInput.Of(new NewOrder
        {
            Account = new AccountId(a.Int("account")), Instrument = new InstrumentId(InstrumentOf(a)), Side = side,
            Type = market ? OrderType.Market : OrderType.Limit, TimeInForce = tif,
            Price = market ? Price.Zero : Args.ParsePrice("price", priceText!), Quantity = Quantity.Of(a.Long("qty")),
            ClientOrderId = new ClientOrderId(a.ULong("id")), Venue = new VenueId(a.OptionalInt("venue") ?? 0),
            Session = a.OptionalInt("session") ?? 0,
            Routing = (a.OptionalText("route") ?? "internal").ToLowerInvariant() switch
            {
                "internal" => RoutingPolicy.Internal,
                "smart" => RoutingPolicy.SmartRoute,
                string other => throw new ScenarioException($"unknown route '{other}' (expected internal or smart)"),
            },
        }), time);
    }

    private static ScenarioStep VenueLine(Args a, int line, long time)
    {
        string name = a.Text("name");
        if (!Ascii16.TryCreate(name, out var venueName)) throw new ScenarioException($"venue name '{name}' must be 1-16 printable ASCII characters");
        return new(line, EngineInput.Of(new DefineVenue
        {
            Venue = new VenueId(a.Int("id")), Name = venueName, FeePerUnit = a.Has("fee") ? a.Price("fee") : Price.Zero,
            LatencyNanos = a.Has("latency") ? ParseDuration(a.Text("latency")) : 0, Enabled = a.OptionalBool("enabled") ?? true,
        }), time);
    }

    private ScenarioStep VenueQuoteLine(Args a, int line, long time) => new(line, EngineInput.Of(new VenueQuote
    {
        Venue = new VenueId(a.Int("venue")), Instrument = new InstrumentId(InstrumentOf(a)),
        BidPrice = a.Has("bid") ? a.Price("bid") : Price.Zero, BidSize = Quantity.Of(a.OptionalLong("bidsize") ?? 0),
        AskPrice = a.Has("ask") ? a.Price("ask") : Price.Zero, AskSize = Quantity.Of(a.OptionalLong("asksize") ?? 0),
    }), time);

    private static ScenarioStep VenueSessionLine(Args a, int line, long time)
    {
        bool? up = a.Flag("up") ? true : a.Flag("down") ? false : null;
        if (up is null) throw new ScenarioException("venuesession needs 'up' or 'down'");
        return new(line, EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(a.Int("venue")), Up = up.Value }), time);
    }

    private static ScenarioStep Cancel(Args a, int line, long time) => new(line, EngineInput.Of(new CancelOrder
    {
        Account = new AccountId(a.Int("account")), OrigClientOrderId = new ClientOrderId(a.OptionalULong("id") ?? 0),
        OrderId = new OrderId(a.OptionalLong("order") ?? 0), ClientOrderId = new ClientOrderId(a.OptionalULong("request") ?? 0),
        Session = a.OptionalInt("session") ?? 0,
    }), time);

    private static ScenarioStep Replace(Args a, int line, long time)
    {
        string? priceText = a.OptionalText("price");
        return new(line, EngineInput.Of(new ReplaceOrder
        {
            Account = new AccountId(a.Int("account")), OrigClientOrderId = new ClientOrderId(a.OptionalULong("id") ?? 0),
            OrderId = new OrderId(a.OptionalLong("order") ?? 0), ClientOrderId = new ClientOrderId(a.OptionalULong("newid") ?? 0),
            Price = priceText is null ? Price.Zero : Args.ParsePrice("price", priceText), Quantity = Quantity.Of(a.Long("qty")),
            Session = a.OptionalInt("session") ?? 0,
        }), time);
    }

    private ScenarioStep MassCancel(Args a, int line, long time)
    {
        MassCancel m;
        if (a.Has("account")) m = new MassCancel { Scope = MassCancelScope.Account, Target = a.Int("account") };
        else if (a.Has("participant")) m = new MassCancel { Scope = MassCancelScope.Participant, Target = a.Int("participant") };
        else if (a.Has("instrument")) m = new MassCancel { Scope = MassCancelScope.Instrument, Target = InstrumentOf(a) };
        else if (a.Has("session")) m = new MassCancel { Scope = MassCancelScope.Session, Target = a.Int("session") };
        else throw new ScenarioException("masscancel needs account=, participant=, instrument= or session=");
        m.QuotesOnly = a.Flag("quotes");
        if (m.Scope != MassCancelScope.Instrument && a.Has("instrument")) m.Instrument = new InstrumentId(InstrumentOf(a));
        return new(line, EngineInput.Of(m), time);
    }

    private ScenarioStep QuoteLine(Args a, int line, long time)
    {
        string? bid = a.OptionalText("bid"), ask = a.OptionalText("ask");
        return new(line, EngineInput.Of(new Quote
        {
            Account = new AccountId(a.Int("account")), Instrument = new InstrumentId(InstrumentOf(a)), QuoteId = a.OptionalULong("id") ?? 0,
            BidPrice = bid is null ? Price.Zero : Args.ParsePrice("bid", bid), BidSize = Quantity.Of(a.OptionalLong("bidsize") ?? 0),
            AskPrice = ask is null ? Price.Zero : Args.ParsePrice("ask", ask), AskSize = Quantity.Of(a.OptionalLong("asksize") ?? 0),
            Session = a.OptionalInt("session") ?? 0,
        }), time);
    }

    private ScenarioStep Protection(Args a, int line, long time)
    {
        string windowText = a.Text("window");
        long window = ParseDuration(windowText.TrimStart('+'));
        return new(line, EngineInput.Of(new SetProtection
        {
            Participant = new ParticipantId(a.Int("participant")), Instrument = new InstrumentId(a.Has("instrument") ? InstrumentOf(a) : 0),
            WindowNanos = window, MaxQuantity = a.OptionalLong("maxqty") ?? 0, MaxCount = a.OptionalInt("maxfills") ?? 0,
        }), time);
    }

    private ScenarioStep Mark(Args a, int line, long time) =>
        new(line, EngineInput.Of(new MarkPrice { Instrument = new InstrumentId(InstrumentOf(a)), Price = a.Price("price") }), time);

    private ScenarioStep Fill(Args a, int line, long time)
    {
        string exec = a.Text("exec");
        if (!ExecutionId.TryCreate(exec, out var executionId)) throw new ScenarioException($"exec '{exec}' must be 1-32 printable ASCII characters");
        ClientOrderReference? reference = null;
        if (a.Has("id")) reference = new ClientOrderReference(new AccountId(a.Int("account")), new ClientOrderId(a.ULong("id")));
        string? sideText = a.OptionalText("side");
        Side side = sideText?.ToLowerInvariant() switch
        {
            null => 0,
            "buy" => Side.Buy,
            "sell" => Side.Sell,
            _ => throw new ScenarioException($"unknown side '{sideText}' (expected buy or sell)"),
        };
        return new(line, EngineInput.Of(new VenueFill
        {
            Venue = new VenueId(a.Int("venue")), ExecutionId = executionId, OrderId = new OrderId(a.OptionalLong("order") ?? 0),
            Quantity = Quantity.Of(a.Long("qty")), Price = a.Price("price"), Account = new AccountId(a.OptionalInt("account") ?? 0),
            Instrument = new InstrumentId(a.Has("instrument") ? InstrumentOf(a) : 0), Side = side,
        }), time, reference);
    }

    private static ScenarioStep VenueStatus(Args a, int line, long time)
    {
        string stateText = a.Text("state");
        VenueOrderState state = stateText.ToLowerInvariant() switch
        {
            "acknowledged" or "ack" or "new" => VenueOrderState.Acknowledged,
            "canceled" or "cancelled" => VenueOrderState.Canceled,
            "rejected" => VenueOrderState.Rejected,
            "expired" => VenueOrderState.Expired,
            _ => throw new ScenarioException($"unknown venue state '{stateText}' (expected ack, canceled, rejected or expired)"),
        };
        ClientOrderReference? reference = null;
        if (a.Has("id")) reference = new ClientOrderReference(new AccountId(a.Int("account")), new ClientOrderId(a.ULong("id")));
        return new(line, EngineInput.Of(new VenueOrderStatus
        {
            Venue = new VenueId(a.Int("venue")), OrderId = new OrderId(a.OptionalLong("order") ?? 0), State = state,
        }), time, reference);
    }

    private static ScenarioStep Kill(Args a, int line, long time)
    {
        bool? on = a.Flag("on") ? true : a.Flag("off") ? false : null;
        if (on is null) throw new ScenarioException("kill needs 'on' or 'off'");
        bool global = a.Flag("global");
        string name = a.Text("operator");
        if (!Ascii16.TryCreate(name, out var op)) throw new ScenarioException($"operator '{name}' must be 1-16 printable ASCII characters");
        if (!global && !a.Has("account")) throw new ScenarioException("kill needs account= or global");
        return new(line, EngineInput.Of(new KillSwitch
        {
            Scope = global ? KillSwitchScope.Global : KillSwitchScope.Account, Account = new AccountId(global ? 0 : a.Int("account")),
            Activate = on.Value, Operator = op,
        }), time);
    }

    private int InstrumentOf(Args a)
    {
        string text = a.Text("instrument");
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id)) return id;
        return _symbols.TryGetValue(text, out id) ? id : throw new ScenarioException($"unknown instrument '{text}' (define it first, or give its id)");
    }
}

internal sealed class ScenarioException(string message) : Exception(message);
