using TradeX.Core;

namespace TradeX.Scenario.Tests;

public sealed class ScenarioParserTests
{
    private static ScenarioStep Step(ScenarioParser parser, string line)
    {
        var result = parser.Parse(line, 1);
        Assert.That(result, Is.InstanceOf<ScenarioStep>(), () => result?.ToString() ?? "null");
        return (ScenarioStep)result!;
    }

    private static string Error(string line, ScenarioParser? parser = null)
    {
        var result = (parser ?? new ScenarioParser()).Parse(line, 42);
        Assert.That(result, Is.InstanceOf<ScenarioError>(), () => $"'{line}' parsed");
        var error = (ScenarioError)result!;
        Assert.That(error.Line, Is.EqualTo(42));
        return error.Message;
    }

    [Test]
    public void Blank_and_comment_lines_are_skipped()
    {
        var parser = new ScenarioParser();
        Assert.That(parser.Parse("", 1), Is.Null);
        Assert.That(parser.Parse("   # a comment", 2), Is.Null);
    }

    [Test]
    public void An_instrument_line_defines_reference_data_and_its_symbol_can_be_used_later()
    {
        var parser = new ScenarioParser();
        var d = Step(parser, "instrument id=7 symbol=ACME tick=0.05 lot=10 ref=101.25 band=12.5%").Input.DefineInstrument;
        Assert.That((d.Instrument.Value, d.Symbol.ToString(), d.TickSize.ToString(), d.LotSize.Units, d.ReferencePrice.ToString(), d.PriceBandBps),
            Is.EqualTo((7, "ACME", "0.05", 10L, "101.25", 1250)));

        var o = Step(parser, "buy account=1 instrument=acme qty=100 price=101.30 id=9 tif=ioc").Input;
        Assert.That(o.Kind, Is.EqualTo(InputKind.NewOrder));
        Assert.That((o.NewOrder.Instrument.Value, o.NewOrder.Side, o.NewOrder.Type, o.NewOrder.TimeInForce, o.NewOrder.Price.Raw, o.NewOrder.ClientOrderId.Value),
            Is.EqualTo((7, Side.Buy, OrderType.Limit, TimeInForce.ImmediateOrCancel, 101_300_000L, 9UL)));
    }

    [Test]
    public void A_mass_cancel_with_an_instrument_beside_its_scope_is_narrowed_to_that_instrument()
    {
        var parser = new ScenarioParser();
        Step(parser, "instrument id=7 symbol=ACME tick=0.01 lot=1 ref=100 band=10%");
        var narrowed = Step(parser, "masscancel participant=2 instrument=ACME quotes").Input.MassCancel;
        Assert.That((narrowed.Scope, narrowed.Target, narrowed.Instrument.Value, narrowed.QuotesOnly), Is.EqualTo((MassCancelScope.Participant, 2, 7, true)));
        var whole = Step(parser, "masscancel instrument=ACME").Input.MassCancel;
        Assert.That((whole.Scope, whole.Target, whole.Instrument.Value), Is.EqualTo((MassCancelScope.Instrument, 7, 0)));
    }

    [Test]
    public void An_order_without_a_price_is_a_market_order()
    {
        var o = Step(new ScenarioParser(), "sell account=1 instrument=3 qty=5 id=1").Input.NewOrder;
        Assert.That((o.Type, o.Price.Raw, o.Side), Is.EqualTo((OrderType.Market, 0L, Side.Sell)));
    }

    [Test]
    public void Amounts_accept_dollar_signs_thousands_and_millions()
    {
        var a = Step(new ScenarioParser(), "account id=1 participant=2 cash=$2.5M gross=250k net=1_000 dailyloss=$10.50").Input.DefineAccount;
        Assert.That((a.Cash, a.MaxGrossExposure, a.MaxNetExposure, a.DailyLossLimit),
            Is.EqualTo((Money.Of(2_500_000), Money.Of(250_000), Money.Of(1_000), Money.Parse("10.5"))));
    }

    [Test]
    public void Limits_take_a_type_kind_and_thresholds()
    {
        var s = Step(new ScenarioParser(), "limit account=3 type=gross value=1M kind=emergency warn=70% crit=9000bps").Input.SetLimit;
        Assert.That((s.Limit, s.Kind, s.Value, s.WarningBps, s.CriticalBps), Is.EqualTo((LimitType.GrossExposure, LimitKind.Emergency, Money.Of(1_000_000).Raw, (short)7000, (short)9000)));
        var c = Step(new ScenarioParser(), "limit account=3 type=concentration value=40% floor=100k").Input.SetLimit;
        Assert.That((c.Limit, c.Value, c.Floor), Is.EqualTo((LimitType.Concentration, 4000L, Money.Of(100_000).Raw)));
    }

    [Test]
    public void Kill_switch_lines_name_scope_state_and_operator()
    {
        var k = Step(new ScenarioParser(), "kill global off operator=alice").Input.KillSwitch;
        Assert.That((k.Scope, k.Activate, k.Operator.ToString()), Is.EqualTo((KillSwitchScope.Global, false, "alice")));
        var a = Step(new ScenarioParser(), "kill account=5 on operator=bob").Input.KillSwitch;
        Assert.That((a.Scope, a.Account.Value, a.Activate), Is.EqualTo((KillSwitchScope.Account, 5, true)));
    }

    [Test]
    public void Times_are_absolute_relative_or_one_millisecond_after_the_previous_line()
    {
        var parser = new ScenarioParser(new DateOnly(2026, 3, 2));
        long midnight = ScenarioParser.MidnightNanos(new DateOnly(2026, 3, 2));
        Assert.That(Step(parser, "@09:30:00.123456789 tick").Time, Is.EqualTo(midnight + 34_200_123_456_789L));
        Assert.That(Step(parser, "tick").Time, Is.EqualTo(midnight + 34_200_124_456_789L));
        Assert.That(Step(parser, "@+2s tick").Time, Is.EqualTo(midnight + 34_202_124_456_789L));
        Assert.That(Step(parser, "@09:00 tick").Time, Is.EqualTo(midnight + 32_400_000_000_000L), "times may go backwards (clock skew)");
    }

    [TestCase("buyy account=1", "unknown input 'buyy'")]
    [TestCase("buy account=1 instrument=1 qty=1 id=1 colour=red", "does not take 'colour'")]
    [TestCase("buy account=1 instrument=1 qty=1", "missing 'id='")]
    [TestCase("buy account=1 instrument=1 qty=ten id=1", "qty='ten' is not a whole number")]
    [TestCase("buy account=1 instrument=1 qty=1 id=1 price=1.2.3", "price='1.2.3' is not a price")]
    [TestCase("buy account=1 instrument=1 qty=1 id=1 price=1.0000001", "is not a price")]
    [TestCase("buy account=1 instrument=NOPE qty=1 id=1", "unknown instrument 'NOPE'")]
    [TestCase("buy account=1 account=2 instrument=1 qty=1 id=1", "'account' is given twice")]
    [TestCase("buy account=1 instrument=1 qty=1 id=1 tif=forever", "unknown time in force 'forever'")]
    [TestCase("@25:00 tick", "is not a time")]
    [TestCase("@+5 tick", "is not a duration")]
    [TestCase("kill account=1 operator=bob", "kill needs 'on' or 'off'")]
    [TestCase("limit account=1 type=speed value=1", "unknown limit type 'speed'")]
    [TestCase("instrument id=1 symbol=THIS_SYMBOL_IS_TOO_LONG tick=1 ref=1 band=1%", "must be 1-16 printable ASCII")]
    [TestCase("account id=1 participant=1 cash=99999999999999999999", "is not an amount")]
    [TestCase("masscancel", "masscancel needs")]
    public void Malformed_lines_get_a_clear_message_with_their_line_number(string line, string expected)
    {
        Assert.That(Error(line), Does.Contain(expected));
    }

    [TestCase("account id=1 participant=1 cash=1,5M", "cash='1,5M' is not an amount: a ',' may only separate groups of three digits (like 1,500,000)")]
    [TestCase("instrument id=1 symbol=ACME tick=0,01 ref=100 band=10%", "tick='0,01' is not a price: a ',' may only separate groups of three digits (like 1,500,000)")]
    [TestCase("buy account=1 instrument=1 qty=1_0 id=1", "qty='1_0' is not a whole number: a '_' may only separate groups of three digits (like 1_500_000)")]
    [TestCase("buy account=1 instrument=1 qty=10 id=1,0", "id='1,0' is not a non-negative whole number: a ',' may only separate groups of three digits")]
    [TestCase("buy account=1 instrument=1 qty=10 id=1 price=1.000,5", "price='1.000,5' is not a price: the digits after the '.' are never grouped")]
    [TestCase("account id=1 participant=1 cash=1,000_000", "cash='1,000_000' is not an amount: a number groups its digits with ',' or with '_', not both")]
    [TestCase("account id=1 participant=1 cash=0,001M", "cash='0,001M' is not an amount: grouped digits cannot start with 0")]
    [TestCase("instrument id=1 symbol=ACME tick=0.01 ref=100 band=1,00bps", "band='1,00bps' is not basis points or a percentage: a ','")]
    [TestCase("instrument id=1 symbol=ACME tick=0.01 ref=100 band=1,5%", "band='1,5%' is not a percentage: a ','")]
    [TestCase("limit account=1 type=maxqty value=10__000", "value='10__000' is not a whole number: a '_'")]
    public void A_number_outside_the_grammar_is_refused_with_what_is_wrong(string line, string expected)
    {
        Assert.That(Error(line), Does.StartWith(expected));
    }

    [Test]
    public void Digits_grouped_by_threes_read_as_one_number()
    {
        var parser = new ScenarioParser();
        var i = Step(parser, "instrument id=1 symbol=ACME tick=0.01 ref=1,000.25 band=1_500bps").Input.DefineInstrument;
        Assert.That((i.ReferencePrice, i.PriceBandBps), Is.EqualTo((Price.Parse("1000.25"), 1500)));
        var a = Step(parser, "account id=1 participant=1 cash=1,500,000 gross=$2,500k").Input.DefineAccount;
        Assert.That((a.Cash, a.MaxGrossExposure), Is.EqualTo((Money.Of(1_500_000), Money.Of(2_500_000))));
        var o = Step(parser, "buy account=1 instrument=ACME qty=1,000 price=1,000.5 id=18_446_744_073_709_551_615").Input.NewOrder;
        Assert.That((o.Quantity, o.Price, o.ClientOrderId.Value), Is.EqualTo((Quantity.Of(1_000), Price.Parse("1000.5"), ulong.MaxValue)));
    }

    [Test]
    public void Misread_numbers_are_refused_on_their_line_and_the_corrected_lines_after_them_still_apply()
    {
        var runner = new ScenarioRunner();
        var events = new List<(EngineEvent Event, int Line)>();
        var errors = new List<ScenarioError>();
        runner.Run(new StringReader("""
            instrument id=1 symbol=ACME tick=0,01 ref=100 band=10%
            instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%
            account id=1 participant=1 cash=1,5M
            account id=1 participant=1 cash=1,500,000
            buy account=1 instrument=ACME qty=1_0 price=99 id=1
            buy account=1 instrument=ACME qty=1_000 price=99 id=2
            """), (e, line) => events.Add((e, line)), errors.Add);

        Assert.That(errors.Select(e => e.Line), Is.EqualTo(new[] { 1, 3, 5 }));
        Assert.That(errors[0].Message, Does.StartWith("tick='0,01' is not a price: a ','"));
        Assert.That(errors[1].Message, Does.StartWith("cash='1,5M' is not an amount: a ','"));
        Assert.That(errors[2].Message, Does.StartWith("qty='1_0' is not a whole number: a '_'"));
        Assert.That(runner.Engine.Instruments().Single().TickSize, Is.EqualTo(Price.Parse("0.01")));
        Assert.That(runner.Engine.GetAccount(new AccountId(1))!.Cash, Is.EqualTo(Money.Of(1_500_000)));
        Assert.That(events.Where(e => e.Event.Kind == EventKind.OrderAccepted).Select(e => e.Line), Is.EqualTo(new[] { 6 }));
        Assert.That(runner.Engine.GetOrder(new AccountId(1), new ClientOrderId(2))!.Quantity, Is.EqualTo(Quantity.Of(1_000)));
        Assert.That((runner.Applied, runner.Errors), Is.EqualTo((3, 3)));
    }

    [Test]
    public void A_bad_line_does_not_stop_the_rest_of_the_file()
    {
        var runner = new ScenarioRunner();
        var events = new List<(EngineEvent Event, int Line)>();
        var errors = new List<ScenarioError>();
        runner.Run(new StringReader("""
            instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%
            account id=1 participant=1 cash=1M
            buy account=1 instrument=ACME qty=lots id=1
            buy account=1 instrument=ACME qty=10 price=99 id=2
            """), (e, line) => events.Add((e, line)), errors.Add);

        Assert.That(errors.Single().Line, Is.EqualTo(3));
        Assert.That(events.Where(e => e.Event.Kind == EventKind.OrderAccepted).Select(e => e.Line), Is.EqualTo(new[] { 4 }));
        Assert.That(runner.Errors, Is.EqualTo(1));
    }

    [Test]
    public void A_fill_naming_an_order_that_never_was_is_refused_by_the_engine_whatever_it_claims()
    {
        var runner = new ScenarioRunner();
        var errors = new List<ScenarioError>();
        var events = new List<EngineEvent>();
        runner.Run(new StringReader("""
            instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%
            account id=1 participant=1 cash=1M
            fill venue=2 exec=X1 account=1 id=77 qty=1 price=100
            fill venue=2 exec=X2 account=1 id=77 qty=1 price=100 instrument=ACME side=sell
            """), (e, _) => events.Add(e), errors.Add);

        Assert.That(errors, Is.Empty);
        var refused = events.Where(e => e.Kind == EventKind.FillBreak).Select(e => e.FillBreak).ToList();
        Assert.That(refused.Select(r => (r.Status, r.Reason)), Is.EqualTo(new[]
        {
            (FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue), (FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue),
        }));
        Assert.That(refused[1].Side, Is.EqualTo(Side.Sell), "the alert says what the fill claimed");
        Assert.That(runner.Engine.GetPosition(new AccountId(1), new InstrumentId(1)), Is.Null);
    }

    [Test]
    public void A_fill_can_name_an_order_that_has_ended_by_its_client_id()
    {
        var runner = new ScenarioRunner();
        var events = new List<EngineEvent>();
        runner.Run(new StringReader("""
            instrument id=1 symbol=ACME tick=0.01 ref=100 band=10%
            account id=1 participant=1 cash=1M
            buy account=1 instrument=ACME qty=10 price=100 id=5 venue=2
            venuestatus venue=2 account=1 id=5 state=canceled
            fill venue=2 exec=LATE account=1 id=5 qty=10 price=100
            """), (e, _) => events.Add(e), _ => Assert.Fail("no line should fail"));

        var opened = events.Last(e => e.Kind == EventKind.FillBreak).FillBreak;
        Assert.That((opened.Status, opened.Reason, opened.Side), Is.EqualTo((FillBreakStatus.Opened, RejectReason.OrderEnded, Side.Buy)));
    }
}
