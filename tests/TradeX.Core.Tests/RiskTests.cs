using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class RiskTests
{
    private static EngineDriver Desk(long cash = 10_000_000)
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.05", lot: 10, reference: "100", bandBps: 1000);
        d.Instrument(2, "BETA", tick: "0.01", lot: 1, reference: "50", bandBps: 1000);
        d.Account(10, participant: 1, cash: cash);
        d.Account(20, participant: 2, cash: cash);
        d.Sink.Clear();
        return d;
    }

    private static RejectReason RejectOf(List<EngineEvent> events) => events.Single(EventKind.OrderRejected).OrderRejected.Reason;

    [TestCase("100.03", 10, RejectReason.TickSize)]
    [TestCase("100.05", 15, RejectReason.LotSize)]
    [TestCase("110.05", 10, RejectReason.PriceCollar)]
    [TestCase("89.95", 10, RejectReason.PriceCollar)]
    [TestCase("0", 10, RejectReason.InvalidPrice)]
    [TestCase("-1", 10, RejectReason.InvalidPrice)]
    [TestCase("100", 0, RejectReason.InvalidQuantity)]
    [TestCase("100", -10, RejectReason.InvalidQuantity)]
    public void Orders_that_break_instrument_rules_are_rejected_with_a_stable_reason(string price, long quantity, RejectReason expected)
    {
        var d = Desk();
        Assert.That(RejectOf(d.Buy(10, 1, price, quantity)), Is.EqualTo(expected));
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void Collar_edges_are_inclusive()
    {
        var d = Desk();
        Assert.That(d.Buy(10, 1, "110.00", 10).Count(EventKind.OrderAccepted), Is.EqualTo(1));
        Assert.That(d.Sell(20, 1, "90.00", 10).Count(EventKind.OrderAccepted), Is.EqualTo(1));
    }

    [Test]
    public void Unknown_account_and_instrument_and_bad_enums_are_answered_not_thrown()
    {
        var d = Desk();
        Assert.That(RejectOf(d.Buy(99, 1, "100", 10)), Is.EqualTo(RejectReason.UnknownAccount));
        Assert.That(RejectOf(d.Buy(10, 99, "100", 10)), Is.EqualTo(RejectReason.UnknownInstrument));
        Assert.That(RejectOf(d.Order(10, 1, (Side)9, "100", 10)), Is.EqualTo(RejectReason.InvalidSide));
        Assert.That(RejectOf(d.Order(10, 1, Side.Buy, "100", 10, tif: (TimeInForce)7)), Is.EqualTo(RejectReason.InvalidTimeInForce));
        var badType = d.Apply(EngineInput.Of(new NewOrder
        {
            Account = new AccountId(10), Instrument = new InstrumentId(1), Side = Side.Buy, Type = (OrderType)5,
            Price = Price.Of(100), Quantity = Quantity.Of(10), ClientOrderId = new ClientOrderId(77),
        }));
        Assert.That(RejectOf(badType), Is.EqualTo(RejectReason.InvalidOrderType));
        var unknownKind = d.Apply(new EngineInput { Kind = (InputKind)200 });
        Assert.That(unknownKind.Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.UnknownInputKind));
    }

    [Test]
    public void An_order_whose_notional_cannot_be_represented_is_rejected()
    {
        var d = Desk();
        Assert.That(RejectOf(d.Buy(10, 2, "50", long.MaxValue / 1000)), Is.EqualTo(RejectReason.NotionalOverflow));
    }

    [Test]
    public void Max_order_quantity_and_notional_are_per_order()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100);
        d.SetLimit(10, LimitType.MaxOrderNotional, Money.Of(5_000).Raw);
        Assert.That(RejectOf(d.Buy(10, 2, "50", 110)), Is.EqualTo(RejectReason.MaxOrderQuantity));
        Assert.That(RejectOf(d.Buy(10, 2, "51", 100)), Is.EqualTo(RejectReason.MaxOrderNotional));
        Assert.That(d.Buy(10, 2, "50", 100).Count(EventKind.OrderAccepted), Is.EqualTo(1));
    }

    [Test]
    public void Max_position_counts_the_position_and_open_orders_on_the_same_side()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxPosition, 300);
        d.Sell(20, 2, "50", 200);
        d.Buy(10, 2, "50", 200); // fills: position 200
        d.Buy(10, 2, "49", 100); // open buy 100: worst case 300

        Assert.That(RejectOf(d.Buy(10, 2, "49", 1)), Is.EqualTo(RejectReason.PositionLimit));
        Assert.That(d.Sell(10, 2, "55", 500).Count(EventKind.OrderAccepted), Is.EqualTo(1), "selling 500 against +200 is worst case -300");
        Assert.That(RejectOf(d.Sell(10, 2, "55", 1)), Is.EqualTo(RejectReason.PositionLimit));
    }

    [Test]
    public void Net_exposure_refuses_orders_that_push_net_past_the_limit_but_never_ones_that_reduce_it()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.NetExposure, Money.Of(10_000).Raw);
        d.Buy(10, 2, "50", 200); // net +10,000 exactly
        Assert.That(RejectOf(d.Buy(10, 2, "50", 1)), Is.EqualTo(RejectReason.NetExposure));
        Assert.That(d.Sell(10, 2, "50", 200).Count(EventKind.OrderAccepted), Is.EqualTo(1)); // net 0 (crosses with nobody)
    }

    [Test]
    public void Concentration_limits_one_instruments_share_of_gross_above_a_floor()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.Concentration, 6_000, floor: Money.Of(20_000).Raw); // 60% once gross >= 20k
        d.Buy(10, 2, "50", 300);  // 15,000 in BETA: below the floor
        d.Buy(10, 1, "100", 100); // 10,000 in ACME: gross 25k, ACME 40%
        Assert.That(RejectOf(d.Buy(10, 2, "50", 100)), Is.EqualTo(RejectReason.Concentration), "BETA would be 20k of 30k = 66%");
        Assert.That(RejectOf(d.Buy(10, 2, "50", 1)), Is.EqualTo(RejectReason.Concentration), "BETA is at 60% exactly: any more exceeds");
        Assert.That(d.Buy(10, 1, "100", 100).Count(EventKind.OrderAccepted), Is.EqualTo(1), "ACME 20k of 35k = 57%, BETA falls to 43%");
    }

    [Test]
    public void Daily_loss_limit_blocks_new_risk_once_exceeded()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.DailyLoss, Money.Of(1_000).Raw);
        d.Sell(20, 2, "50", 100);
        d.Buy(10, 2, "50", 100);   // long 100 @ 50
        d.Mark(2, "39.99");        // -1,001 unrealized today

        Assert.That(RejectOf(d.Buy(10, 2, "45", 10)), Is.EqualTo(RejectReason.DailyLoss));
        d.StartOfDay(20260106);
        Assert.That(d.Buy(10, 2, "45", 10).Count(EventKind.OrderAccepted), Is.EqualTo(1), "a new day restarts the daily P&L");
    }

    [Test]
    public void Order_rate_is_counted_in_engine_time_over_a_sliding_second()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.OrderRate, 3);
        d.StepNanos = 100_000_000; // 100 ms apart
        for (int i = 0; i < 3; i++) d.Buy(10, 2, "45", 1);
        Assert.That(RejectOf(d.Buy(10, 2, "45", 1)), Is.EqualTo(RejectReason.OrderRate));
        d.Time += 1_000_000_000;
        Assert.That(d.Buy(10, 2, "45", 1).Count(EventKind.OrderAccepted), Is.EqualTo(1));
    }

    [Test]
    public void A_soft_limit_accepts_the_order_and_raises_an_alert()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100, LimitKind.Soft);

        var events = d.Buy(10, 2, "50", 150);

        Assert.That(events.Count(EventKind.OrderAccepted), Is.EqualTo(1));
        var alert = events.Single(EventKind.LimitAlert).LimitAlert;
        Assert.That((alert.Type, alert.Level, alert.Kind, alert.Value, alert.LimitValue),
            Is.EqualTo((LimitType.MaxOrderQuantity, AlertLevel.Breached, LimitKind.Soft, 150L, 100L)));
    }

    [Test]
    public void An_emergency_limit_rejects_and_trips_the_accounts_kill_switch()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderNotional, Money.Of(100_000).Raw, LimitKind.Emergency);
        d.Buy(10, 2, "45", 10, clientOrderId: 1);

        var events = d.Buy(10, 2, "50", 10_000);

        Assert.That(RejectOf(events), Is.EqualTo(RejectReason.MaxOrderNotional));
        var kill = events.Single(EventKind.KillSwitchChanged).KillSwitchChanged;
        Assert.That((kill.Active, kill.Cause, kill.Scope, kill.Account.Value), Is.EqualTo((true, KillSwitchCause.EmergencyLimit, KillSwitchScope.Account, 10)));
        Assert.That(events.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.KillSwitch));
        Assert.That(RejectOf(d.Buy(10, 2, "45", 1)), Is.EqualTo(RejectReason.KillSwitchActive));
    }

    [Test]
    public void Invalid_limit_settings_are_rejected()
    {
        var d = Desk();
        Assert.That(d.SetLimit(10, (LimitType)0, 1).Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.InvalidLimit));
        Assert.That(d.SetLimit(10, LimitType.GrossExposure, -1).Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.InvalidLimit));
        Assert.That(d.SetLimit(10, LimitType.GrossExposure, 1, (LimitKind)9).Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.InvalidLimit));
        Assert.That(d.SetLimit(10, LimitType.GrossExposure, 1, warnBps: 9_000, critBps: 8_000).Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.InvalidLimit));
        Assert.That(d.SetLimit(99, LimitType.GrossExposure, 1).Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.UnknownAccount));
    }

    [Test]
    public void Open_orders_count_from_acceptance_and_release_on_cancel_and_convert_on_fill()
    {
        var d = Desk();
        d.Buy(10, 2, "50", 100, clientOrderId: 1);
        Assert.That(d.AccountView(10).Gross, Is.EqualTo(Money.Of(5_000)));
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Of(10_000_000 - 5_000)));

        d.Sell(20, 2, "49.50", 40); // trades at the resting 50
        var a = d.AccountView(10);
        Assert.That(a.ReservedBuy, Is.EqualTo(Money.Of(3_000)));
        Assert.That(a.Cash, Is.EqualTo(Money.Of(10_000_000 - 2_000)));
        Assert.That(a.Gross, Is.EqualTo(Money.Of(5_000)), "40 held at mark 50 + 60 open at 50");

        d.Cancel(10, 1);
        Assert.That(d.AccountView(10).Gross, Is.EqualTo(Money.Of(2_000)));
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Of(10_000_000 - 2_000)));
    }
}
