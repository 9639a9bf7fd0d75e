using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class AlertAndPnlTests
{
    [Test]
    public void A_mark_price_move_raises_warning_critical_and_breached_alerts_once_each()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 5000);
        d.Account(10, participant: 1, cash: 10_000_000, maxGross: 100_000);
        d.Account(20, participant: 2, cash: 10_000_000);
        d.SetLimit(10, LimitType.GrossExposure, Money.Of(100_000).Raw, LimitKind.Soft);
        d.Sell(20, 1, "100", 750);
        d.Buy(10, 1, "100", 750); // long 75,000 at 100: 75% of gross
        d.Sink.Clear();

        foreach (string mark in new[] { "105", "108", "110", "127", "128", "130", "134", "135" }) d.Mark(1, mark);
        //                          78.75%  81%    82.5%  95.25% 96%    97.5%  100.5% 101.25%

        // The account also has a hard gross limit of the same value: each threshold reports on its own; this looks at the soft one.
        var alerts = d.Events.OfKind(EventKind.LimitAlert).Select(e => e.LimitAlert).Where(a => a.Account.Value == 10 && a.Kind == LimitKind.Soft).ToList();
        Assert.That(alerts.Select(a => (a.Type, a.Previous, a.Level)), Is.EqualTo(new[]
        {
            (LimitType.GrossExposure, AlertLevel.Normal, AlertLevel.Warning),
            (LimitType.GrossExposure, AlertLevel.Warning, AlertLevel.Critical),
            (LimitType.GrossExposure, AlertLevel.Critical, AlertLevel.Breached),
        }));
        Assert.That(alerts[0].UtilisationBps, Is.EqualTo(8_100));
        Assert.That(alerts[2].Value, Is.EqualTo(Money.Of(100_500).Raw));

        d.Mark(1, "100");
        var back = d.Events.OfKind(EventKind.LimitAlert).Last(e => e.LimitAlert.Kind == LimitKind.Soft).LimitAlert;
        Assert.That((back.Previous, back.Level), Is.EqualTo((AlertLevel.Breached, AlertLevel.Normal)));
    }

    [Test]
    public void Alert_thresholds_are_configurable_per_limit()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 5000);
        d.Account(10, participant: 1, cash: 10_000_000);
        d.SetLimit(10, LimitType.GrossExposure, Money.Of(100_000).Raw, LimitKind.Hard, warnBps: 5_000, critBps: 7_000);

        var events = d.Buy(10, 1, "100", 600);

        var alert = events.Single(EventKind.LimitAlert).LimitAlert;
        Assert.That(alert.Level, Is.EqualTo(AlertLevel.Warning), "an open order counts: 60% of gross");
    }

    [Test]
    public void A_mark_change_revalues_only_the_accounts_that_hold_the_instrument()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100");
        d.Instrument(2, "BETA", reference: "100");
        for (int a = 1; a <= 10; a++) d.Account(a, participant: a, cash: 10_000_000);
        d.Sell(1, 1, "100", 30);
        d.Buy(2, 1, "100", 10);
        d.Buy(3, 1, "100", 20);
        d.Buy(4, 2, "100", 5); // an open order, not a holding
        d.Sink.Clear();

        var events = d.Mark(1, "101");

        Assert.That(events.OfKind(EventKind.ExposureChanged).Select(e => e.ExposureChanged.Account.Value).OrderBy(x => x), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(d.AccountView(3).UnrealizedPnl, Is.EqualTo(Money.Of(20)));
        Assert.That(d.AccountView(1).UnrealizedPnl, Is.EqualTo(Money.Of(-30)));
    }

    [Test]
    public void Realized_and_unrealized_pnl_follow_average_cost_through_a_flip()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.01", reference: "100", bandBps: 5000);
        d.Account(10, participant: 1, cash: 10_000_000);
        d.Account(20, participant: 2, cash: 10_000_000);

        d.Sell(20, 1, "100", 100); d.Buy(10, 1, "100", 100);  // long 100 @ 100
        d.Sell(20, 1, "110", 100); d.Buy(10, 1, "110", 100);  // long 200 @ 105
        var p = d.Position(10, 1)!;
        Assert.That((p.Quantity.Units, p.AverageCost.ToString(), p.CostBasis), Is.EqualTo((200L, "105", Money.Of(21_000))));

        d.Buy(20, 1, "120", 50); d.Sell(10, 1, "120", 50);    // sell 50 @ 120: realize 50 × 15
        Assert.That(d.Position(10, 1)!.RealizedPnl, Is.EqualTo(Money.Of(750)));

        d.Buy(20, 1, "90", 250); d.Sell(10, 1, "90", 250);    // sell 250 @ 90: close 150 (−2,250), open short 100 @ 90
        p = d.Position(10, 1)!;
        Assert.That((p.Quantity.Units, p.CostBasis, p.RealizedPnl), Is.EqualTo((-100L, Money.Of(-9_000), Money.Of(750 - 2_250))));

        d.Mark(1, "80");
        p = d.Position(10, 1)!;
        Assert.That(p.UnrealizedPnl, Is.EqualTo(Money.Of(1_000)), "short 100 from 90 to 80");
        var a = d.AccountView(10);
        Assert.That(a.Cash, Is.EqualTo(Money.Of(10_000_000 - 10_000 - 11_000 + 6_000 + 22_500)));
        Assert.That((a.Short, a.Long), Is.EqualTo((Money.Of(8_000), Money.Zero)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void Daily_pnl_restarts_at_the_start_of_day()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 5000);
        d.Account(10, participant: 1, cash: 10_000_000);
        d.Account(20, participant: 2, cash: 10_000_000);
        d.Sell(20, 1, "100", 100); d.Buy(10, 1, "100", 100);
        d.Mark(1, "105");
        Assert.That(d.AccountView(10).DailyPnl, Is.EqualTo(Money.Of(500)));

        d.StartOfDay(20260106);
        Assert.That(d.AccountView(10).DailyPnl, Is.EqualTo(Money.Zero));
        d.Mark(1, "103");
        Assert.That(d.AccountView(10).DailyPnl, Is.EqualTo(Money.Of(-200)));
        Assert.That(d.AccountView(10).UnrealizedPnl, Is.EqualTo(Money.Of(300)));
    }
}
