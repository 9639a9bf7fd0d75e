using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>The incidents the engine exists to end, reproduced and shown prevented.</summary>
public sealed class IncidentTests
{
    [Test]
    public void Five_30k_buy_orders_against_a_100k_gross_limit_accept_exactly_three()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "300");
        d.Account(10, participant: 1, cash: 10_000_000, maxGross: 100_000);

        for (int i = 0; i < 5; i++) d.Buy(10, 1, "300", 100); // $30,000 each

        Assert.That(d.Events.Count(EventKind.OrderAccepted), Is.EqualTo(3));
        var rejects = d.Events.OfKind(EventKind.OrderRejected).ToList();
        Assert.That(rejects, Has.Count.EqualTo(2));
        Assert.That(rejects.Select(e => e.OrderRejected.Reason), Is.All.EqualTo(RejectReason.GrossExposure));
        Assert.That(d.AccountView(10).Gross, Is.EqualTo(Money.Of(90_000)));
    }

    [Test]
    public void Ten_thousand_of_buying_power_and_five_10k_orders_accept_exactly_one()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100");
        d.Account(10, participant: 1, cash: 10_000);

        for (int i = 0; i < 5; i++) d.Buy(10, 1, "100", 100); // $10,000 each

        Assert.That(d.Events.Count(EventKind.OrderAccepted), Is.EqualTo(1));
        Assert.That(d.Events.OfKind(EventKind.OrderRejected).Select(e => e.OrderRejected.Reason),
            Is.EqualTo(Enumerable.Repeat(RejectReason.BuyingPower, 4)));
        Assert.That(d.AccountView(10).BuyingPower, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void A_thousand_fills_of_one_in_any_order_make_a_position_of_exactly_a_thousand()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "50");
        d.Account(10, participant: 1, cash: 1_000_000);
        long orderId = d.Order(10, 1, Side.Buy, "50", 1_000, venue: 7).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

        var rng = new Random(1234);
        foreach (int i in Enumerable.Range(0, 1_000).OrderBy(_ => rng.Next()))
            d.Fill(venue: 7, executionId: $"EX{i}", orderId: orderId, quantity: 1, price: "50");

        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(1_000)));
        Assert.That(d.Engine.GetOrder(new OrderId(orderId)), Is.Null, "fully filled order is closed");
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Zero));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void The_same_venue_execution_id_twice_is_applied_once_and_counted()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "50");
        d.Account(10, participant: 1, cash: 1_000_000);
        long orderId = d.Order(10, 1, Side.Buy, "50", 100, venue: 7).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

        d.Fill(7, "EX-1", orderId, 10, "50");
        var second = d.Fill(7, "EX-1", orderId, 10, "50");

        Assert.That(second.Single().Kind, Is.EqualTo(EventKind.DuplicateFillIgnored));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(10)));
        Assert.That(d.Engine.Counters.DuplicateFillsIgnored, Is.EqualTo(1));
        Assert.That(d.Engine.GetOrder(new OrderId(orderId))!.Leaves, Is.EqualTo(Quantity.Of(90)));
    }

    [Test]
    public void The_same_execution_id_from_another_venue_is_a_different_fill()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "50");
        d.Account(10, participant: 1, cash: 1_000_000);
        long a = d.Order(10, 1, Side.Buy, "50", 100, venue: 7).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;
        long b = d.Order(10, 1, Side.Buy, "50", 100, venue: 8).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

        d.Fill(7, "EX-1", a, 10, "50");
        d.Fill(8, "EX-1", b, 10, "50");

        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(20)));
    }

    [Test]
    public void A_duplicate_fill_is_still_recognised_the_day_after()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "50");
        d.Account(10, participant: 1, cash: 1_000_000);
        long a = d.Order(10, 1, Side.Buy, "50", 100, venue: 7, tif: TimeInForce.GoodTillCancel).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;
        d.Fill(7, "EX-1", a, 10, "50");
        d.StartOfDay(20260106);

        var again = d.Fill(7, "EX-1", a, 10, "50");

        Assert.That(again.Single().Kind, Is.EqualTo(EventKind.DuplicateFillIgnored));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(10)));
    }

    [Test]
    public void A_resent_fill_of_a_good_till_cancel_order_is_a_duplicate_for_as_long_as_the_order_works_and_is_forgotten_two_days_after_it_ends()
    {
        // The over-fill the routing property found: a fill resent three trading days later was applied twice.
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "50");
        d.Account(10, participant: 1, cash: 1_000_000);
        long a = d.Order(10, 1, Side.Buy, "50", 100, venue: 7, tif: TimeInForce.GoodTillCancel).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;
        d.Fill(7, "EX-1", a, 10, "50");
        for (int day = 6; day <= 9; day++) d.StartOfDay(20260100 + day);

        Assert.That(d.Fill(7, "EX-1", a, 10, "50").Single().Kind, Is.EqualTo(EventKind.DuplicateFillIgnored), "four days on, the order still works");
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(10)));
        var snapshotted = Engine.Restore(d.Engine.Snapshot(), new RecordingSink());
        Assert.That(snapshotted.StateHash(), Is.EqualTo(d.Engine.StateHash()), "the days and the ids they keep are state");

        d.Fill(7, "EX-2", a, 90, "50"); // the order is filled and ends
        d.StartOfDay(20260112);
        Assert.That(d.Fill(7, "EX-2", a, 90, "50", account: 10, instrument: 1).Count(EventKind.DuplicateFillIgnored), Is.EqualTo(1),
            "yesterday's ids are still known the day after");
        d.StartOfDay(20260113);
        var late = d.Fill(7, "EX-2", a, 1, "50", account: 10, instrument: 1);
        Assert.That(late.Count(EventKind.DuplicateFillIgnored), Is.Zero, "older ids of orders no longer working are forgotten");
        Assert.That((late.Single(EventKind.FillBreak).FillBreak.Status, late.Single(EventKind.FillBreak).FillBreak.Reason),
            Is.EqualTo((FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue)), "so is the order: the resend is refused with an operator alert, never applied");
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(100)));
    }

    [Test]
    public void Fifteen_rapid_orders_cannot_pass_a_50M_limit_on_stale_exposure()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 5000);
        d.Account(10, participant: 1, cash: 1_000_000_000, maxGross: 50_000_000);

        for (int i = 0; i < 15; i++) d.Buy(10, 1, "100", 40_000); // $4M each: 12 fit, 3 do not

        Assert.That(d.Events.Count(EventKind.OrderAccepted), Is.EqualTo(12));
        Assert.That(d.AccountView(10).Gross, Is.LessThanOrEqualTo(Money.Of(50_000_000)));
    }
}

/// <summary>The documentation a user reads lists every stable code exactly as the engine has it.</summary>
public sealed class DocumentationTests
{
    [Test]
    public void Every_reject_reason_code_and_text_is_documented()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
        string doc = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "engine.md"));
        foreach (RejectReason reason in Enum.GetValues<RejectReason>())
            Assert.That(doc, Does.Contain($"| {(int)reason} | `{reason}` | {RejectReasons.Text(reason)} |"), reason.ToString());
    }
}
