using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class RoutingTests
{
    /// <summary>Three venues: A (fee 0.003), B (fee 0.001, slow), C (rebate −0.002, fast).</summary>
    private static EngineDriver Desk()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.01", reference: "100");
        d.Account(10, participant: 1, cash: 100_000_000);
        d.Account(20, participant: 2, cash: 100_000_000);
        d.Venue(1, "VENUE-A", fee: "0.003", latencyNanos: 200_000);
        d.Venue(2, "VENUE-B", fee: "0.001", latencyNanos: 900_000);
        d.Venue(3, "VENUE-C", fee: "-0.002", latencyNanos: 100_000);
        d.Sink.Clear();
        return d;
    }

    private static List<VenueOrderRequested> Children(List<EngineEvent> events) =>
        events.OfKind(EventKind.VenueOrderRequested).Select(e => e.VenueOrderRequested).ToList();

    [Test]
    public void A_routed_buy_crosses_internally_then_sweeps_venues_by_fee_adjusted_price_then_rests_the_rest_at_the_home_venue()
    {
        var d = Desk();
        d.Sell(20, 1, "100.00", 100);                 // internal liquidity
        d.VenueQuote(1, 1, "99.90", 500, "100.01", 300);
        d.VenueQuote(2, 1, "99.90", 500, "100.01", 200);
        d.VenueQuote(3, 1, "99.90", 500, "100.02", 400);  // worse price, but with its rebate 100.018 < A's 100.013? no: A is better
        var events = d.Routed(10, 1, Side.Buy, "100.02", 1_500);

        Assert.That(events.Single(EventKind.Trade).Trade.Venue.IsInternal, Is.True, "internal crossing first");
        var children = Children(events);
        Assert.That(children.Select(c => (c.Venue.Value, c.Quantity.Units, c.TimeInForce, c.Rank)), Is.EqualTo(new[]
        {
            (2, 200L, TimeInForce.ImmediateOrCancel, (byte)1),  // 100.01 + 0.001 = 100.011
            (1, 300L, TimeInForce.ImmediateOrCancel, (byte)2),  // 100.01 + 0.003 = 100.013
            (3, 400L, TimeInForce.ImmediateOrCancel, (byte)3),  // 100.02 − 0.002 = 100.018
            (3, 500L, TimeInForce.Day, (byte)0),                // the rest rests at the home venue: the rebate
        }));
        Assert.That(children.All(c => c.Price.ToString() == "100.02" && c.ParentOrderId.Value == children[0].ParentOrderId.Value));
        Assert.That((children[0].DisplayedPrice.ToString(), children[0].DisplayedSize.Units, children[0].FeePerUnit.ToString()), Is.EqualTo(("100.01", 200L, "0.001")));
        var parent = d.Engine.GetOrder(children[0].ParentOrderId)!;
        Assert.That((parent.State, parent.Filled.Units, parent.Leaves.Units), Is.EqualTo(("Routed", 100L, 1_400L)));
        Assert.That(d.Engine.RoutingState(children[0].ParentOrderId), Is.EqualTo((Quantity.Of(1_400), Quantity.Of(0))));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void Child_fills_apply_to_the_parent_and_a_fully_filled_parent_closes()
    {
        var d = Desk();
        d.VenueQuote(1, 1, "99.90", 500, "100.01", 1_000);
        var child = Children(d.Routed(10, 1, Side.Buy, "100.01", 600, TimeInForce.ImmediateOrCancel)).Single();

        var first = d.Fill(1, "A-1", child.OrderId.Value, 250, "100.01");
        var trade = first.Single(EventKind.Trade).Trade;
        Assert.That((trade.BuyOrderId, trade.SellOrderId, trade.BuyLeaves.Units, trade.Venue.Value), Is.EqualTo((child.ParentOrderId, child.OrderId, 350L, 1)));
        var second = d.Fill(1, "A-2", child.OrderId.Value, 350, "100.00");

        var closed = second.Single(EventKind.ChildOrderClosed).ChildOrderClosed;
        Assert.That((closed.Reason, closed.Filled.Units, closed.Released.Units), Is.EqualTo((ChildCloseReason.Filled, 600L, 0L)));
        Assert.That(d.Engine.GetOrder(child.ParentOrderId), Is.Null, "filled parent closed");
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(600)));
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void An_ioc_parent_ends_when_its_children_do_and_its_remainder_is_cancelled()
    {
        var d = Desk();
        d.VenueQuote(1, 1, "99.90", 500, "100.01", 300);
        var child = Children(d.Routed(10, 1, Side.Buy, "100.01", 1_000, TimeInForce.ImmediateOrCancel)).Single();
        Assert.That(child.Quantity.Units, Is.EqualTo(300), "an IOC parent takes only displayed liquidity");
        d.Fill(1, "A-1", child.OrderId.Value, 100, "100.01");

        var done = d.VenueStatus(1, child.OrderId.Value, VenueOrderState.Canceled);

        var cancel = done.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((cancel.OrderId, cancel.CanceledQuantity.Units, cancel.FilledQuantity.Units, cancel.Reason),
            Is.EqualTo((child.ParentOrderId, 900L, 100L, CancelReason.ImmediateOrCancel)));
    }

    [Test]
    public void Unfilled_quantity_from_a_venue_is_routed_again_a_limited_number_of_times()
    {
        var d = Desk();
        d.Venue(1, "VENUE-A", enabled: false);
        d.Venue(2, "VENUE-B", enabled: false);
        var home = Children(d.Routed(10, 1, Side.Buy, "99.50", 100)).Single();
        Assert.That((home.Venue.Value, home.TimeInForce), Is.EqualTo((3, TimeInForce.Day)));

        var ids = new List<long> { home.OrderId.Value };
        for (int i = 0; i < 5; i++)
        {
            var again = Children(d.VenueStatus(3, ids[^1], VenueOrderState.Rejected));
            if (again.Count == 0) break;
            ids.Add(again.Single().OrderId.Value);
        }
        Assert.That(ids, Has.Count.EqualTo(Engine.MaxRouteAttempts), "the first route and two more");
        var parent = d.Engine.GetOrder(home.ParentOrderId)!;
        Assert.That((parent.State, parent.Leaves.Units), Is.EqualTo(("Routed", 100L)), "working, with its exact remaining quantity unplaced");
        Assert.That(d.Engine.RoutingState(home.ParentOrderId), Is.EqualTo((Quantity.Zero, Quantity.Of(100))));
    }

    [Test]
    public void Cancelling_a_parent_cancels_its_children_late_fills_still_count_and_it_ends_with_the_exact_remainder()
    {
        var d = Desk();
        d.VenueQuote(1, 1, "99.90", 500, "100.01", 300);
        var children = Children(d.Routed(10, 1, Side.Buy, "100.01", 1_000, clientOrderId: 77));
        Assert.That(children, Has.Count.EqualTo(2));

        var cancel = d.Cancel(10, 77);
        Assert.That(cancel.OfKind(EventKind.VenueCancelRequested).Select(e => e.VenueCancelRequested.OrderId), Is.EqualTo(children.Select(c => c.OrderId)));
        d.Fill(1, "A-LATE", children[0].OrderId.Value, 300, "100.01");        // crossed the cancel on the wire
        d.Fill(3, "C-LATE", children[1].OrderId.Value, 200, "100.01");
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
        var last = d.VenueStatus(3, children[1].OrderId.Value, VenueOrderState.Canceled);

        var canceled = last.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((canceled.CanceledQuantity.Units, canceled.FilledQuantity.Units, canceled.RequestClientOrderId.Value), Is.EqualTo((500L, 500L, d.NextClientOrderId() - 1)));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(500)));
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void A_venue_session_drop_makes_children_unknown_and_their_quantity_is_not_rerouted_until_confirmed()
    {
        var d = Desk();
        d.Venue(1, "VENUE-A", enabled: false);
        d.Venue(2, "VENUE-B", enabled: false);
        var home = Children(d.Routed(10, 1, Side.Buy, "99.50", 100)).Single();

        var down = d.VenueSession(3, up: false);
        Assert.That(down.Single(EventKind.VenueSessionChanged).VenueSessionChanged.UnknownChildren, Is.EqualTo(1));
        Assert.That(d.Engine.ChildOrders(home.ParentOrderId).Single().State, Is.EqualTo("ChildUnknown"));
        d.Venue(2, "VENUE-B", enabled: true);
        Assert.That(d.VenueSession(3, up: true).Count(EventKind.VenueOrderRequested), Is.Zero, "still unknown: nothing is routed elsewhere");
        Assert.That(d.Engine.RoutingState(home.ParentOrderId), Is.EqualTo((Quantity.Of(100), Quantity.Zero)));

        var confirmed = d.VenueStatus(3, home.OrderId.Value, VenueOrderState.Canceled);
        var rerouted = Children(confirmed).Single();
        Assert.That((rerouted.Venue.Value, rerouted.Quantity.Units), Is.EqualTo((3, 100L)), "confirmed cancelled: routed again");
    }

    [Test]
    public void A_cancel_asked_while_a_venue_is_down_is_asked_again_when_the_venue_confirms_the_order()
    {
        var d = Desk();
        var home = Children(d.Routed(10, 1, Side.Buy, "99.50", 100, clientOrderId: 5)).Single();
        d.VenueSession(home.Venue.Value, up: false);
        var cancel = d.Cancel(10, 5);
        Assert.That(cancel.Single(EventKind.VenueCancelRequested).VenueCancelRequested.OrderId, Is.EqualTo(home.OrderId));
        d.VenueSession(home.Venue.Value, up: true);
        var acked = d.VenueStatus(home.Venue.Value, home.OrderId.Value, VenueOrderState.Acknowledged);
        Assert.That(acked.Single(EventKind.VenueCancelRequested).VenueCancelRequested.OrderId, Is.EqualTo(home.OrderId));
        var done = d.VenueStatus(home.Venue.Value, home.OrderId.Value, VenueOrderState.Canceled);
        Assert.That(done.Single(EventKind.OrderCanceled).OrderCanceled.CanceledQuantity.Units, Is.EqualTo(100));
    }

    [Test]
    public void Replacing_a_routed_parent_resizes_what_is_unplaced_and_refuses_to_go_below_what_is_committed()
    {
        var d = Desk();
        d.VenueQuote(1, 1, "99.90", 500, "100.01", 300);
        d.Venue(3, "VENUE-C", enabled: false);
        d.Venue(2, "VENUE-B", enabled: false);
        var children = Children(d.Routed(10, 1, Side.Buy, "100.01", 500, clientOrderId: 9));
        Assert.That(children.Select(c => c.Quantity.Units).Sum(), Is.EqualTo(500));

        Assert.That(d.Replace(10, 9, null, 400).Single(EventKind.CancelRejected).CancelRejected.Reason, Is.EqualTo(RejectReason.ReplaceBelowCommitted));
        Assert.That(d.Replace(10, 9, "100.00", 600).Single(EventKind.CancelRejected).CancelRejected.Reason, Is.EqualTo(RejectReason.ReplaceNotSupported));
        var up = d.Replace(10, 9, null, 800);
        Assert.That(up.Single(EventKind.OrderReplaced).OrderReplaced.Leaves.Units, Is.EqualTo(800));
        Assert.That(Children(up).Sum(c => c.Quantity.Units), Is.EqualTo(300), "the extra 300 is routed at once");
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void Fill_or_kill_and_directed_orders_cannot_be_smart_routed()
    {
        var d = Desk();
        Assert.That(d.Routed(10, 1, Side.Buy, "100", 10, TimeInForce.FillOrKill).Single(EventKind.OrderRejected).OrderRejected.Reason,
            Is.EqualTo(RejectReason.RoutingNotSupported));
    }

    [Test]
    public void Routed_parents_and_children_survive_a_snapshot()
    {
        var d = Desk();
        d.VenueQuote(1, 1, "99.90", 500, "100.01", 300);
        var children = Children(d.Routed(10, 1, Side.Buy, "100.01", 1_000));
        d.Fill(1, "A-1", children[0].OrderId.Value, 100, "100.01");
        d.VenueSession(2, up: false);
        var restored = Engine.Restore(d.Engine.Snapshot(), new RecordingSink(), d.Engine.Options);
        Assert.That(restored.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(restored.CheckInvariants(), Is.Empty);
        Assert.That(restored.ChildOrders(children[0].ParentOrderId).Select(c => c.OrderId), Is.EqualTo(children.Select(c => c.OrderId)));
    }
}
