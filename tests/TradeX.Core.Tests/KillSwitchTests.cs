using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class KillSwitchTests
{
    private static EngineDriver Desk()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100");
        d.Account(10, participant: 1, cash: 10_000_000);
        d.Account(20, participant: 2, cash: 10_000_000);
        d.Operator("alice", canReenable: true);
        d.Operator("bob", canReenable: false);
        d.Sink.Clear();
        return d;
    }

    [Test]
    public void An_account_kill_switch_cancels_its_open_orders_and_blocks_new_ones()
    {
        var d = Desk();
        d.Buy(10, 1, "99", 10);
        d.Buy(10, 1, "98", 10);
        d.Buy(20, 1, "97", 10);

        var events = d.Kill(10, on: true, "bob");

        var change = events.Single(EventKind.KillSwitchChanged).KillSwitchChanged;
        Assert.That((change.Active, change.Cause, change.Operator.ToString()), Is.EqualTo((true, KillSwitchCause.Operator, "bob")));
        Assert.That(events.OfKind(EventKind.OrderCanceled).Select(e => e.OrderCanceled.Reason), Is.EqualTo(new[] { CancelReason.KillSwitch, CancelReason.KillSwitch }));
        Assert.That(d.Buy(10, 1, "99", 10).Single(EventKind.OrderRejected).OrderRejected.Reason, Is.EqualTo(RejectReason.KillSwitchActive));
        Assert.That(d.Buy(20, 1, "99", 10).Count(EventKind.OrderAccepted), Is.EqualTo(1), "other accounts keep trading");
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void The_global_kill_switch_stops_every_account()
    {
        var d = Desk();
        d.Buy(10, 1, "99", 10);
        d.Buy(20, 1, "98", 10);

        var events = d.Kill(0, on: true, "bob");

        Assert.That(events.Single(EventKind.KillSwitchChanged).KillSwitchChanged.Scope, Is.EqualTo(KillSwitchScope.Global));
        Assert.That(events.Count(EventKind.OrderCanceled), Is.EqualTo(2));
        Assert.That(d.Buy(20, 1, "99", 10).Single(EventKind.OrderRejected).OrderRejected.Reason, Is.EqualTo(RejectReason.KillSwitchActive));
        Assert.That(d.Engine.GlobalKillSwitch, Is.True);
    }

    [Test]
    public void Re_enabling_by_an_unentitled_or_unknown_operator_is_rejected_and_recorded()
    {
        var d = Desk();
        d.Kill(10, on: true, "bob");

        var byBob = d.Kill(10, on: false, "bob");
        var byMallory = d.Kill(10, on: false, "mallory");

        Assert.That(byBob.Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.OperatorNotEntitled));
        Assert.That(byMallory.Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.OperatorNotEntitled));
        Assert.That(d.Engine.Counters.OperatorRejections, Is.EqualTo(2));
        Assert.That(d.AccountView(10).KillSwitch, Is.True);
        Assert.That(d.Kill(0, on: false, "bob").Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.OperatorNotEntitled));
    }

    [Test]
    public void An_entitled_operator_re_enables_trading()
    {
        var d = Desk();
        d.Kill(10, on: true, "bob");

        var events = d.Kill(10, on: false, "alice");

        var change = events.Single(EventKind.KillSwitchChanged).KillSwitchChanged;
        Assert.That((change.Active, change.Operator.ToString()), Is.EqualTo((false, "alice")));
        Assert.That(d.Buy(10, 1, "99", 10).Count(EventKind.OrderAccepted), Is.EqualTo(1));
    }

    [Test]
    public void A_kill_switch_input_without_an_operator_is_rejected()
    {
        var d = Desk();
        var events = d.Apply(EngineInput.Of(new KillSwitch { Scope = KillSwitchScope.Account, Account = new AccountId(10), Activate = true }));
        Assert.That(events.Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.InvalidOperator));
        Assert.That(d.AccountView(10).KillSwitch, Is.False);
    }

    [Test]
    public void The_circuit_breaker_trips_after_five_hard_violations_within_sixty_seconds()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100);
        d.Buy(10, 1, "95", 10, clientOrderId: 1);
        d.StepNanos = 10_000_000_000; // 10 s apart: five violations span 40 s

        for (int i = 0; i < 4; i++)
            Assert.That(d.Buy(10, 1, "99", 500).Count(EventKind.KillSwitchChanged), Is.Zero);
        var fifth = d.Buy(10, 1, "99", 500);

        var change = fifth.Single(EventKind.KillSwitchChanged).KillSwitchChanged;
        Assert.That((change.Active, change.Cause), Is.EqualTo((true, KillSwitchCause.CircuitBreaker)));
        Assert.That(fifth.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.KillSwitch));
        Assert.That(d.Engine.Counters.CircuitBreakerTrips, Is.EqualTo(1));
    }

    [Test]
    public void Violations_spread_wider_than_the_window_do_not_trip_the_circuit_breaker()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100);
        d.StepNanos = 16_000_000_000; // 16 s apart: any five span 64 s

        for (int i = 0; i < 12; i++) d.Buy(10, 1, "99", 500);

        Assert.That(d.Events.Count(EventKind.KillSwitchChanged), Is.Zero);
        Assert.That(d.AccountView(10).KillSwitch, Is.False);
    }

    [Test]
    public void Soft_violations_and_validation_errors_do_not_count_toward_the_circuit_breaker()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100, LimitKind.Soft);
        for (int i = 0; i < 6; i++) d.Buy(10, 1, "99", 500);
        for (int i = 0; i < 6; i++) d.Buy(10, 1, "99.001", 5);
        Assert.That(d.AccountView(10).KillSwitch, Is.False);
    }

    [Test]
    public void Re_enabling_resets_the_circuit_breaker()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.MaxOrderQuantity, 100);
        for (int i = 0; i < 5; i++) d.Buy(10, 1, "99", 500);
        Assert.That(d.AccountView(10).KillSwitch, Is.True);

        d.Kill(10, on: false, "alice");
        var next = d.Buy(10, 1, "99", 500);

        Assert.That(next.Count(EventKind.KillSwitchChanged), Is.Zero);
        Assert.That(d.AccountView(10).KillSwitch, Is.False);
    }
}
