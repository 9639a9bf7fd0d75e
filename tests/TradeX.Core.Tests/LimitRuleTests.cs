using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// Limits at their edges: layered soft, hard and emergency thresholds on one metric, emergency limits that act
/// when crossed, one boundary rule for every limit, reducing orders that are always allowed, short sales that
/// reserve buying power, and market orders that reserve at their protection price.
/// </summary>
public sealed class LimitRuleTests
{
    private static EngineDriver Desk(long cash = 10_000_000, EngineOptions? options = null)
    {
        var d = new EngineDriver(options);
        d.Instrument(1, "ACME", reference: "100", bandBps: 5000);
        d.Instrument(2, "BETA", reference: "50", bandBps: 5000);
        d.Account(10, participant: 1, cash: cash);
        d.Account(20, participant: 2, cash: 100_000_000);
        d.Operator("ops", canReenable: true);
        d.Sink.Clear();
        return d;
    }

    private static bool Accepted(List<EngineEvent> events) => events.Count(EventKind.OrderAccepted) == 1;

    private static RejectReason RejectOf(List<EngineEvent> events) => events.Single(EventKind.OrderRejected).OrderRejected.Reason;

    /// <summary>Account 10 buys <paramref name="quantity"/> of instrument 1 at 100 from account 20.</summary>
    private static void Long(EngineDriver d, long quantity, int instrument = 1, string price = "100")
    {
        d.Sell(20, instrument, price, quantity);
        Assert.That(d.Buy(10, instrument, price, quantity).Count(EventKind.Trade), Is.EqualTo(1));
    }

    // ---- layered policies ------------------------------------------------------------------

    [Test]
    public void Soft_hard_and_emergency_daily_loss_lines_each_act_on_their_own()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.DailyLoss, Money.Of(1_000).Raw, LimitKind.Soft);
        d.SetLimit(10, LimitType.DailyLoss, Money.Of(2_000).Raw, LimitKind.Hard);
        d.SetLimit(10, LimitType.DailyLoss, Money.Of(3_000).Raw, LimitKind.Emergency);
        Long(d, 1_000);

        var soft = d.Mark(1, "98.50"); // -1,500: past the soft line only
        Assert.That(soft.OfKind(EventKind.LimitAlert).Select(e => (e.LimitAlert.Kind, e.LimitAlert.Level)),
            Does.Contain((LimitKind.Soft, AlertLevel.Breached)));
        Assert.That(Accepted(d.Buy(10, 1, "98", 10)), "a soft line warns and lets the order through");

        d.Mark(1, "97.50"); // -2,500 on 1,010: past the hard line
        Assert.That(RejectOf(d.Buy(10, 1, "97", 10)), Is.EqualTo(RejectReason.DailyLoss));
        Assert.That(d.AccountView(10).KillSwitch, Is.False, "a hard line refuses, it does not stop the account");

        d.Buy(10, 2, "40", 10); // an open order the emergency stop must cancel
        var emergency = d.Mark(1, "96.90"); // -3,131: past the emergency line
        Assert.That(emergency.Single(EventKind.KillSwitchChanged).KillSwitchChanged.Cause, Is.EqualTo(KillSwitchCause.EmergencyLimit));
        Assert.That(emergency.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.KillSwitch));
        Assert.That(d.AccountView(10).OpenOrders, Is.Zero);
    }

    [Test]
    public void Setting_one_kind_of_a_limit_leaves_the_other_kinds_in_place()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100, LimitKind.Hard);
        d.SetLimit(10, LimitType.MaxOrderQuantity, 50, LimitKind.Soft);

        var warned = d.Buy(10, 2, "40", 80);
        Assert.That(Accepted(warned));
        Assert.That(warned.Single(EventKind.LimitAlert).LimitAlert.Kind, Is.EqualTo(LimitKind.Soft));
        Assert.That(RejectOf(d.Buy(10, 2, "40", 101)), Is.EqualTo(RejectReason.MaxOrderQuantity), "the hard line was not replaced by the soft one");
        d.SetLimit(10, LimitType.MaxOrderQuantity, 0, LimitKind.Hard);
        Assert.That(Accepted(d.Buy(10, 2, "40", 101)), "a zero value turns only that kind off");
    }

    // ---- emergency limits act when crossed ------------------------------------------------

    [TestCase(LimitType.GrossExposure)]
    [TestCase(LimitType.NetExposure)]
    [TestCase(LimitType.DailyLoss)]
    public void A_mark_that_pushes_an_account_past_an_emergency_limit_trips_its_kill_switch_and_cancels_its_orders_in_the_same_input(LimitType type)
    {
        var d = Desk();
        Long(d, 1_000); // 100,000 long
        long value = type == LimitType.DailyLoss ? Money.Of(5_000).Raw : Money.Of(110_000).Raw;
        d.SetLimit(10, type, value, LimitKind.Emergency);
        long resting = d.Buy(10, 2, "40", 10).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

        var mark = d.Mark(1, type == LimitType.DailyLoss ? "94.90" : "111"); // gross/net 111,400 > 110,000; loss 5,100 > 5,000

        var kill = mark.Single(EventKind.KillSwitchChanged).KillSwitchChanged;
        Assert.That((kill.Active, kill.Cause), Is.EqualTo((true, KillSwitchCause.EmergencyLimit)));
        Assert.That(mark.Single(EventKind.OrderCanceled).OrderCanceled.OrderId.Value, Is.EqualTo(resting));
        Assert.That(RejectOf(d.Buy(10, 2, "40", 1)), Is.EqualTo(RejectReason.KillSwitchActive));
    }

    // ---- boundaries: a breach is exceeding ------------------------------------------------

    /// <summary>Sets one limit so that the probe order lands its measure at limit + offset.</summary>
    [TestCase(LimitType.MaxOrderQuantity, -1, true)]
    [TestCase(LimitType.MaxOrderQuantity, 0, true)]
    [TestCase(LimitType.MaxOrderQuantity, 1, false)]
    [TestCase(LimitType.MaxOrderNotional, -1, true)]
    [TestCase(LimitType.MaxOrderNotional, 0, true)]
    [TestCase(LimitType.MaxOrderNotional, 1, false)]
    [TestCase(LimitType.BuyingPower, -1, true)]
    [TestCase(LimitType.BuyingPower, 0, true)]
    [TestCase(LimitType.BuyingPower, 1, false)]
    [TestCase(LimitType.GrossExposure, -1, true)]
    [TestCase(LimitType.GrossExposure, 0, true)]
    [TestCase(LimitType.GrossExposure, 1, false)]
    [TestCase(LimitType.NetExposure, -1, true)]
    [TestCase(LimitType.NetExposure, 0, true)]
    [TestCase(LimitType.NetExposure, 1, false)]
    [TestCase(LimitType.MaxPosition, -1, true)]
    [TestCase(LimitType.MaxPosition, 0, true)]
    [TestCase(LimitType.MaxPosition, 1, false)]
    [TestCase(LimitType.Concentration, -1, true)]
    [TestCase(LimitType.Concentration, 0, true)]
    [TestCase(LimitType.Concentration, 1, false)]
    [TestCase(LimitType.DailyLoss, -1, true)]
    [TestCase(LimitType.DailyLoss, 0, true)]
    [TestCase(LimitType.DailyLoss, 1, false)]
    [TestCase(LimitType.OrderRate, -1, true)]
    [TestCase(LimitType.OrderRate, 0, true)]
    [TestCase(LimitType.OrderRate, 1, false)]
    public void A_resulting_value_equal_to_a_limit_is_accepted_and_one_unit_above_it_is_refused(LimitType type, int offset, bool accepted)
    {
        var d = Desk(cash: 1_000_000);
        // Probe: a buy of 100 BETA at 50 (5,000) on top of what is set up; the limit is put where that lands, less the offset
        // (one unit of the limit's measure: a share, a dollar, a basis point, an order).
        const long probeQuantity = 100;
        long probeNotional = Money.Of(5_000).Raw;
        int account = 10;
        switch (type)
        {
            case LimitType.MaxOrderQuantity: d.SetLimit(10, type, probeQuantity - offset); break;
            case LimitType.MaxOrderNotional: d.SetLimit(10, type, probeNotional - offset * FixedPoint.Scale); break;
            case LimitType.BuyingPower:
                account = 30;
                d.Account(30, participant: 3, cash: 5_000 - offset); // the cash is the limit
                break;
            case LimitType.GrossExposure: d.Buy(10, 1, "100", 100); d.SetLimit(10, type, Money.Of(15_000 - offset).Raw); break;
            case LimitType.NetExposure: d.Buy(10, 1, "100", 100); d.SetLimit(10, type, Money.Of(15_000 - offset).Raw); break;
            case LimitType.MaxPosition: d.Buy(10, 2, "49", 50); d.SetLimit(10, type, 150 - offset); break;
            case LimitType.Concentration:
                // BETA 5,000 of a gross of 5,000 + 45,000 in ACME = 10% = 1,000 bps.
                d.Buy(10, 1, "100", 450);
                d.SetLimit(10, type, 1_000 - offset);
                break;
            case LimitType.DailyLoss:
                Long(d, 100);                              // long 100 ACME at 100
                d.Mark(1, "90");                           // -1,000 today
                d.SetLimit(10, type, Money.Of(1_000 - offset).Raw);
                break;
            case LimitType.OrderRate:
                d.SetLimit(10, type, 3 - offset);
                d.StepNanos = 100_000_000;
                d.Buy(10, 2, "40", 1);
                d.Buy(10, 2, "40", 1);                   // the probe is the third order of the second
                break;
        }
        var probe = d.Buy(account, 2, "50", probeQuantity);

        Assert.That(Accepted(probe), Is.EqualTo(accepted), string.Join(", ", probe.Select(e => e.Kind == EventKind.OrderRejected ? e.OrderRejected.Reason.ToString() : e.Kind.ToString())));
    }

    [Test]
    public void An_alert_at_exactly_the_limit_is_critical_and_above_it_breached()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.GrossExposure, Money.Of(100_000).Raw, LimitKind.Soft, warnBps: 5_000, critBps: 10_000);
        Long(d, 1_000);
        d.Sink.Clear();
        d.Mark(1, "99.99");
        d.Mark(1, "100");      // exactly 100,000
        var at = d.Events.OfKind(EventKind.LimitAlert).Last().LimitAlert;
        Assert.That((at.Level, at.UtilisationBps), Is.EqualTo((AlertLevel.Critical, 10_000)));
        var above = d.Mark(1, "100.01").Single(EventKind.LimitAlert).LimitAlert;
        Assert.That(above.Level, Is.EqualTo(AlertLevel.Breached));
    }

    // ---- reducing risk is always allowed --------------------------------------------------

    [TestCase(LimitType.GrossExposure, true)]
    [TestCase(LimitType.NetExposure, false)]
    [TestCase(LimitType.Concentration, true)]
    [TestCase(LimitType.DailyLoss, true)]
    [TestCase(LimitType.MaxPosition, false)]
    public void A_sell_that_only_closes_a_long_is_accepted_by_a_limit_the_account_is_over(LimitType type, bool overSellRefused)
    {
        var d = Desk();
        Long(d, 1_000);
        Long(d, 10, instrument: 2, price: "50");
        d.Mark(1, "80"); // -20,000 today; ACME 80,000 of 80,500 gross
        long value = type switch
        {
            LimitType.GrossExposure or LimitType.NetExposure => Money.Of(50_000).Raw,
            LimitType.Concentration => 5_000,
            LimitType.DailyLoss => Money.Of(10_000).Raw,
            _ => 500,
        };
        d.SetLimit(10, type, value);
        Assert.That(d.Buy(10, 1, "80", 10).Count(EventKind.OrderRejected), Is.EqualTo(1), "adding risk is refused");

        var close = d.Sell(10, 1, "80", 600);
        Assert.That(Accepted(close), "600 of the 1,000 long: reducing");
        // With the first one open, another 600 would sell 200 short: not reducing. It adds gross (refused over the gross,
        // concentration and daily-loss limits) but lowers the net and keeps the worst position at 200 (within those limits).
        var overSell = d.Sell(10, 1, "80", 600);
        Assert.That(overSell.Count(EventKind.OrderRejected), Is.EqualTo(overSellRefused ? 1 : 0));
        if (!overSellRefused) d.Cancel(10, overSell.Single(EventKind.OrderAccepted).OrderAccepted.ClientOrderId.Value);
        Assert.That(Accepted(d.Sell(10, 1, "80", 400)), "the rest of the long");
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_buy_that_only_covers_a_short_is_accepted_after_the_short_rose_past_the_limits()
    {
        var d = Desk(cash: 250_000);
        d.Buy(20, 1, "100", 1_000);
        d.Sell(10, 1, "100", 1_000); // short 100,000, holding its proceeds and as much again
        d.SetLimit(10, LimitType.GrossExposure, Money.Of(100_000).Raw);
        d.Mark(1, "120");            // short 120,000 > gross limit

        Assert.That(RejectOf(d.Sell(10, 1, "120", 1)), Is.EqualTo(RejectReason.GrossExposure));
        Assert.That(Accepted(d.Buy(10, 1, "120", 1_000)), "covering is reducing");
        Assert.That(RejectOf(d.Buy(10, 1, "120", 1)), Is.EqualTo(RejectReason.GrossExposure), "beyond the cover it adds risk");
    }

    [Test]
    public void Kill_switches_the_order_rate_and_per_order_limits_still_apply_to_reducing_orders()
    {
        var d = Desk();
        Long(d, 1_000);
        d.SetLimit(10, LimitType.MaxOrderQuantity, 500);
        Assert.That(RejectOf(d.Sell(10, 1, "100", 600)), Is.EqualTo(RejectReason.MaxOrderQuantity));
        d.SetLimit(10, LimitType.OrderRate, 1);
        Assert.That(Accepted(d.Sell(10, 1, "100", 100)));
        Assert.That(RejectOf(d.Sell(10, 1, "100", 100)), Is.EqualTo(RejectReason.OrderRate));
        d.Kill(10, on: true, "ops");
        Assert.That(RejectOf(d.Sell(10, 1, "100", 100)), Is.EqualTo(RejectReason.KillSwitchActive));
    }

    [Test]
    public void An_open_sell_against_a_long_adds_no_exposure_and_holds_no_buying_power()
    {
        var d = Desk(cash: 200_000);
        Long(d, 1_000);
        var before = d.AccountView(10);
        d.Sell(10, 1, "101", 1_000);

        var after = d.AccountView(10);
        Assert.That((after.Gross, after.Net, after.BuyingPower), Is.EqualTo((before.Gross, before.Net, before.BuyingPower)));
        Assert.That(after.ReservedSell, Is.EqualTo(Money.Of(101_000)), "it is still reserved on its side");
        d.Sell(10, 1, "101", 500);
        Assert.That(d.AccountView(10).Short, Is.EqualTo(Money.Of(50_500)), "what goes beyond the long counts as short exposure");
    }

    // ---- short sales reserve buying power -------------------------------------------------

    [Test]
    public void A_short_sale_reserves_its_notional_and_its_proceeds_are_not_buying_power()
    {
        var small = Desk(cash: 10_000);
        small.Buy(20, 1, "100", 10_000);
        Assert.That(RejectOf(small.Sell(10, 1, "100", 10_000)), Is.EqualTo(RejectReason.BuyingPower), "$10,000 cannot sell $1M short");

        var d = Desk(cash: 2_000_000);
        d.Buy(20, 1, "100", 10_000);
        var sold = d.Sell(10, 1, "100", 10_000); // $1M short, filled
        Assert.That(sold.Count(EventKind.Trade), Is.EqualTo(1));
        var after = d.AccountView(10);
        Assert.That((after.Cash, after.BuyingPower), Is.EqualTo((Money.Of(3_000_000), Money.Of(1_000_000))), "the proceeds are cash, not buying power");
        Assert.That(Accepted(d.Buy(10, 2, "50", 20_000)), "the remaining $1M can buy");
        Assert.That(RejectOf(d.Buy(10, 2, "50", 1)), Is.EqualTo(RejectReason.BuyingPower), "and nothing more: no $2M carried on $10,000 of proceeds");
    }

    [Test]
    public void Covering_a_short_gives_back_what_it_held()
    {
        var d = Desk(cash: 200_000);
        d.Buy(20, 1, "100", 1_000);
        d.Sell(10, 1, "100", 1_000);
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Of(100_000)));
        d.Sell(20, 1, "99", 1_000);
        d.Buy(10, 1, "99", 1_000); // bought back 1,000 cheaper: +1,000
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Of(201_000)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    // ---- market orders reserve at their protection price -----------------------------------

    [Test]
    public void Five_market_buys_that_cannot_all_be_afforded_reserve_at_the_protection_price_and_do_not_lock_the_client_out()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 1000, protectionTicks: 1);
        d.Account(10, participant: 1, cash: 10_100);
        d.Account(20, participant: 2, cash: 10_000_000);
        d.Sell(20, 1, "100", 1_000);

        var first = d.Buy(10, 1, null, 100); // reserves 100.01 x 100 = 10,001 (the collar would be 11,000)
        Assert.That(first.Single(EventKind.Trade).Trade.Price, Is.EqualTo(Price.Of(100)));
        for (int i = 0; i < 4; i++) Assert.That(RejectOf(d.Buy(10, 1, null, 100)), Is.EqualTo(RejectReason.BuyingPower));
        Assert.That(d.AccountView(10).KillSwitch, Is.False, "buying-power refusals do not count toward the circuit breaker by default");
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Of(100)));
    }

    [Test]
    public void Which_refusals_count_toward_the_circuit_breaker_is_a_setting()
    {
        var d = new EngineDriver(EngineOptions.Small with { CircuitBreakerReasons = CircuitBreakerReasonSets.AllLimits });
        d.Instrument(1, "ACME", reference: "100", bandBps: 1000);
        d.Account(10, participant: 1, cash: 1_000);
        for (int i = 0; i < 5; i++) d.Buy(10, 1, "100", 100);
        Assert.That(d.AccountView(10).KillSwitch, Is.True, "with every limit counted, five buying-power refusals trip it");
    }

    [Test]
    public void A_market_order_never_trades_beyond_its_protection_price_and_without_an_opposite_side_reserves_at_the_collar()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 1000, protectionBps: 100);
        d.Account(10, participant: 1, cash: 1_000_000);
        d.Account(20, participant: 2, cash: 10_000_000);
        d.Buy(10, 1, null, 10);
        Assert.That(d.Events.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.MarketProtection));
        d.Sell(20, 1, "100", 10);
        d.Sell(20, 1, "101", 10);
        d.Sell(20, 1, "101.01", 10);

        var events = d.Buy(10, 1, null, 30); // best ask 100 + 1% = 101

        Assert.That(events.OfKind(EventKind.Trade).Select(e => e.Trade.Price.ToString()), Is.EqualTo(new[] { "100", "101" }));
        Assert.That(events.Single(EventKind.OrderCanceled).OrderCanceled.CanceledQuantity.Units, Is.EqualTo(10));
    }

    [Test]
    public void A_market_order_directed_to_a_venue_is_sent_as_a_limit_at_its_protection_price()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 1000, protectionTicks: 2);
        d.Account(10, participant: 1, cash: 1_000_000);
        d.Venue(3, "ARCA");
        d.VenueQuote(3, 1, "99.98", 500, "100.02", 500);

        var request = d.Order(10, 1, Side.Buy, null, 100, venue: 3).Single(EventKind.VenueOrderRequested).VenueOrderRequested;

        Assert.That((request.Type, request.TimeInForce, request.Price.ToString()), Is.EqualTo((OrderType.Limit, TimeInForce.ImmediateOrCancel, "100.04")));
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Parse("10004")));
    }

    [Test]
    public void A_replace_that_lowers_the_quantity_but_raises_the_notional_is_checked_against_buying_power()
    {
        var d = Desk(cash: 5_000);
        d.Buy(10, 2, "50", 100, clientOrderId: 1);           // 5,000: all the cash
        var replaced = d.Replace(10, 1, "60", 90);           // 5,400
        Assert.That(replaced.Single(EventKind.CancelRejected).CancelRejected.Reason, Is.EqualTo(RejectReason.BuyingPower));
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Zero));
    }
}
