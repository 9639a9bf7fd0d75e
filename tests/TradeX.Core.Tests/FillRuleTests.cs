using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>
/// A venue fill is applied only to an order working at that venue, for no more than it has left there, at or
/// better than its limit. Everything else is refused or quarantined as a break: position, cash and the book
/// stay untouched until an operator decides.
/// </summary>
public sealed class FillRuleTests
{
    private static EngineDriver Desk(long cash = 10_000)
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 1000);
        d.Account(10, participant: 1, cash: cash);
        d.Account(20, participant: 2, cash: 10_000_000);
        d.Operator("alice", canReenable: false);
        d.Venue(3, "ARCA");
        d.Venue(4, "BATS");
        d.Sink.Clear();
        return d;
    }

    private static long Accepted(List<EngineEvent> events) => events.Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

    private static FillBreak BreakOf(List<EngineEvent> events) => events.Single(EventKind.FillBreak).FillBreak;

    [Test]
    public void A_fill_that_names_an_internal_resting_order_is_refused_and_the_position_cannot_double()
    {
        var d = Desk(cash: 1_000_000);
        long resting = Accepted(d.Buy(10, 1, "100", 100));

        var events = d.Fill(3, "X-1", resting, 100, "100");

        var refused = BreakOf(events);
        Assert.That((refused.Status, refused.Reason, refused.BreakId, refused.Account.Value), Is.EqualTo((FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue, 0L, 10)));
        Assert.That(events.Count(EventKind.Trade) + events.Count(EventKind.PositionChanged), Is.Zero);
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Zero));
        Assert.That(d.Engine.GetOrder(new OrderId(resting))!.Leaves, Is.EqualTo(Quantity.Of(100)), "still resting with all its leaves");
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Of(10_000)));
        Assert.That((d.Engine.Counters.VenueFillsRefused, d.Engine.Counters.VenueFillsApplied), Is.EqualTo((1L, 0L)));

        d.Sell(20, 1, "100", 100); // the order trades once, internally
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(100)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_fill_from_one_venue_for_an_order_working_at_another_is_refused()
    {
        var d = Desk(cash: 1_000_000);
        long atArca = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));

        var wrongVenue = d.Fill(4, "B-1", atArca, 40, "100");
        Assert.That((BreakOf(wrongVenue).Status, BreakOf(wrongVenue).Reason, BreakOf(wrongVenue).Venue.Value),
            Is.EqualTo((FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue, 4)));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Zero));

        d.Fill(3, "A-1", atArca, 40, "100"); // the venue the order is at
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(40)));
        Assert.That(d.Engine.GetOrder(new OrderId(atArca))!.Leaves, Is.EqualTo(Quantity.Of(60)));
    }

    [Test]
    public void A_fill_that_names_no_order_the_engine_knows_is_refused_whatever_account_it_claims()
    {
        var d = Desk(cash: 1_000_000);
        var events = d.Fill(3, "GHOST", 999, 10, "100", account: 10, instrument: 1, side: Side.Buy);
        Assert.That((BreakOf(events).Status, BreakOf(events).Reason, BreakOf(events).Account.Value), Is.EqualTo((FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue, 10)));
        Assert.That(d.Position(10, 1), Is.Null);
    }

    [Test]
    public void A_buy_filled_above_its_limit_is_quarantined_and_cannot_drive_a_cash_account_negative()
    {
        var d = Desk(cash: 10_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));

        var events = d.Fill(3, "EX-1", order, 100, "109.99");

        var opened = BreakOf(events);
        Assert.That((opened.Status, opened.Reason, opened.BreakId, opened.Leaves.Units), Is.EqualTo((FillBreakStatus.Opened, RejectReason.FillOutsideLimit, 1L, 100L)));
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Of(10_000)));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Zero));
        Assert.That(d.Engine.GetOrder(new OrderId(order))!.Leaves, Is.EqualTo(Quantity.Of(100)), "still working at the venue");
        Assert.That(d.Engine.OpenBreaks().Single().Price, Is.EqualTo(Price.Parse("109.99")));
        Assert.That(d.Fill(3, "EX-1", order, 100, "109.99").Single().Kind, Is.EqualTo(EventKind.DuplicateFillIgnored), "a resend is a duplicate");

        var busted = d.ResolveBreak(opened.BreakId, BreakAction.Bust, "alice");
        Assert.That((BreakOf(busted).Status, BreakOf(busted).Operator.ToString()), Is.EqualTo((FillBreakStatus.Busted, "alice")));
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Of(10_000)));
        Assert.That(d.Engine.OpenBreaks(), Is.Empty);
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_booked_break_applies_the_fill_to_the_working_order_at_the_venue_price()
    {
        var d = Desk(cash: 10_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        long id = BreakOf(d.Fill(3, "EX-1", order, 100, "109.99")).BreakId;

        var booked = d.ResolveBreak(id, BreakAction.Book, "alice");

        Assert.That(BreakOf(booked).Status, Is.EqualTo(FillBreakStatus.Booked));
        var trade = booked.Single(EventKind.Trade).Trade;
        Assert.That((trade.Price.ToString(), trade.Quantity.Units, trade.BuyLeaves.Units), Is.EqualTo(("109.99", 100L, 0L)));
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Parse("-999")), "the operator's decision: the venue's price stands");
        Assert.That(d.Engine.GetOrder(new OrderId(order)), Is.Null, "filled and closed");
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_fill_at_a_better_price_than_the_limit_is_applied_at_once()
    {
        var d = Desk(cash: 10_000);
        long buy = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        var events = d.Fill(3, "EX-1", buy, 100, "99.50");
        Assert.That(events.Count(EventKind.FillBreak), Is.Zero);
        Assert.That(d.AccountView(10).Cash, Is.EqualTo(Money.Of(50)));

        long sell = Accepted(d.Order(10, 1, Side.Sell, "100", 100, venue: 3));
        Assert.That(d.Fill(3, "EX-2", sell, 100, "100.25").Count(EventKind.Trade), Is.EqualTo(1));
        var belowLimit = d.Order(20, 1, Side.Sell, "100", 10, venue: 3);
        Assert.That(BreakOf(d.Fill(3, "EX-3", Accepted(belowLimit), 10, "99.99")).Reason, Is.EqualTo(RejectReason.FillOutsideLimit), "a sell below its limit is a break");
    }

    [Test]
    public void A_fill_for_more_than_a_directed_order_has_left_is_refused_and_counted()
    {
        var d = Desk(cash: 1_000_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        d.Fill(3, "EX-1", order, 60, "100");

        var over = d.Fill(3, "EX-2", order, 50, "100");

        Assert.That((BreakOf(over).Status, BreakOf(over).Reason, BreakOf(over).Leaves.Units), Is.EqualTo((FillBreakStatus.Refused, RejectReason.FillExceedsLeaves, 40L)));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(60)));
        Assert.That(d.Engine.Counters.VenueOverfills, Is.EqualTo(1));
        Assert.That(d.Fill(3, "EX-3", order, 40, "100").Count(EventKind.Trade), Is.EqualTo(1), "the rest still fills");
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(100)));
    }

    [Test]
    public void A_fill_for_more_than_a_child_has_open_is_refused_and_the_parent_is_not_over_filled()
    {
        var d = Desk(cash: 1_000_000);
        d.VenueQuote(3, 1, "99.99", 500, "100.00", 500);
        d.Routed(10, 1, Side.Buy, "100", 300, TimeInForce.ImmediateOrCancel);
        var child = d.Events.OfKind(EventKind.VenueOrderRequested).Single().VenueOrderRequested;

        var over = d.Fill(3, "C-1", child.OrderId.Value, 301, "100");

        Assert.That(BreakOf(over).Reason, Is.EqualTo(RejectReason.FillExceedsLeaves));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Zero));
        Assert.That(d.Engine.RoutingState(child.ParentOrderId)!.Value.Committed, Is.EqualTo(Quantity.Of(300)));
        d.Fill(3, "C-2", child.OrderId.Value, 300, "100");
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(300)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void Booking_a_break_for_more_than_the_order_now_has_left_is_refused_and_the_break_stays_open()
    {
        var d = Desk(cash: 1_000_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        long id = BreakOf(d.Fill(3, "EX-1", order, 80, "101")).BreakId;
        d.Fill(3, "EX-2", order, 50, "100");

        var refused = d.ResolveBreak(id, BreakAction.Book, "alice");

        var rejected = refused.Single(EventKind.InputRejected).InputRejected;
        Assert.That((rejected.Input, rejected.Reason), Is.EqualTo((InputKind.ResolveBreak, RejectReason.FillExceedsLeaves)));
        Assert.That(d.Engine.OpenBreaks().Single().BreakId, Is.EqualTo(id));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(50)));
    }

    [Test]
    public void A_break_is_resolved_only_by_a_registered_operator_naming_an_open_break()
    {
        var d = Desk(cash: 1_000_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        long id = BreakOf(d.Fill(3, "EX-1", order, 10, "101")).BreakId;

        Assert.That(d.ResolveBreak(id, BreakAction.Book, "mallory").Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.UnknownOperator));
        Assert.That(d.Apply(EngineInput.Of(new ResolveBreak { BreakId = id, Action = BreakAction.Book })).Single(EventKind.InputRejected).InputRejected.Reason,
            Is.EqualTo(RejectReason.InvalidOperator));
        Assert.That(d.ResolveBreak(id, (BreakAction)9, "alice").Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.InvalidBreakAction));
        Assert.That(d.ResolveBreak(id + 1, BreakAction.Bust, "alice").Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.UnknownBreak));
        d.ResolveBreak(id, BreakAction.Bust, "alice");
        Assert.That(d.ResolveBreak(id, BreakAction.Book, "alice").Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.UnknownBreak), "a break is resolved once");
    }

    [Test]
    public void Open_breaks_and_ended_venue_orders_survive_a_snapshot()
    {
        var d = Desk(cash: 1_000_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        long ended = Accepted(d.Order(10, 1, Side.Sell, "100", 10, venue: 3));
        d.VenueStatus(3, ended, VenueOrderState.Canceled);
        d.Fill(3, "EX-1", order, 10, "101");

        var restored = Engine.Restore(d.Engine.Snapshot(), new RecordingSink(), d.Engine.Options);
        Assert.That(restored.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(restored.OpenBreaks().Single().Reason, Is.EqualTo(RejectReason.FillOutsideLimit));

        var sink = new RecordingSink();
        var continued = Engine.Restore(d.Engine.Snapshot(), sink, d.Engine.Options);
        var late = EngineInput.Of(new VenueFill { Venue = new VenueId(3), ExecutionId = ExecutionId.Create("LATE"), OrderId = new OrderId(ended), Quantity = Quantity.Of(10), Price = Price.Of(100) });
        late.Sequence = d.Engine.LastSequence + 1;
        continued.Apply(in late);
        Assert.That(sink.Events.Single().FillBreak.Reason, Is.EqualTo(RejectReason.OrderEnded), "the restored engine still knows the order ended at the venue");
    }

    [Test]
    public void When_the_break_table_is_full_a_further_break_is_refused_with_its_own_reason()
    {
        var d = new EngineDriver(EngineOptions.Small with { MaxOpenBreaks = 2 });
        d.Instrument(1, "ACME", reference: "100");
        d.Account(10, participant: 1, cash: 1_000_000);
        long order = Accepted(d.Order(10, 1, Side.Buy, "100", 100, venue: 3));
        d.Fill(3, "EX-1", order, 1, "101");
        d.Fill(3, "EX-2", order, 1, "101");

        var third = BreakOf(d.Fill(3, "EX-3", order, 1, "101"));

        Assert.That((third.Status, third.Reason), Is.EqualTo((FillBreakStatus.Refused, RejectReason.BreakCapacity)));
        Assert.That(d.Engine.OpenBreaks(), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_refused_or_quarantined_fill_raises_an_alert_of_a_size_that_fits_the_event_ring()
    {
        Assert.That(System.Runtime.CompilerServices.Unsafe.SizeOf<FillBreak>(), Is.LessThanOrEqualTo(EngineEvent.Size - 24));
        Assert.That(System.Runtime.CompilerServices.Unsafe.SizeOf<EngineEvent>(), Is.EqualTo(EngineEvent.Size));
        Assert.That(System.Runtime.CompilerServices.Unsafe.SizeOf<EngineInput>(), Is.EqualTo(EngineInput.Size));
    }
}
