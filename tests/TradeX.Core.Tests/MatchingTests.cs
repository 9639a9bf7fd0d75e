using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class MatchingTests
{
    private static EngineDriver Market()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.01", reference: "100");
        for (int a = 1; a <= 4; a++) d.Account(a, participant: a, cash: 100_000_000);
        d.Account(5, participant: 1, cash: 100_000_000); // same participant as account 1
        d.Sink.Clear();
        return d;
    }

    [Test]
    public void Orders_at_one_price_fill_in_time_priority_at_the_resting_price()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 100, clientOrderId: 11);
        d.Sell(2, 1, "100.00", 100, clientOrderId: 21);
        d.Sell(3, 1, "99.99", 50, clientOrderId: 31);

        var events = d.Buy(4, 1, "100.05", 200);

        var trades = events.OfKind(EventKind.Trade).Select(e => e.Trade).ToList();
        Assert.That(trades.Select(t => (t.SellAccount.Value, t.Price.ToString(), t.Quantity.Units)),
            Is.EqualTo(new[] { (3, "99.99", 50L), (1, "100", 100L), (2, "100", 50L) }));
        Assert.That(trades.All(t => t.AggressorSide == Side.Buy));
        Assert.That(d.Engine.GetOrder(new AccountId(2), new ClientOrderId(21))!.Leaves, Is.EqualTo(Quantity.Of(50)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void An_unfilled_limit_remainder_rests_and_the_book_is_never_crossed()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 100);
        d.Buy(2, 1, "100.10", 150);

        Assert.That(d.Engine.TryGetBest(new InstrumentId(1), Side.Buy, out var bid, out var bidQty));
        Assert.That((bid.ToString(), bidQty.Units), Is.EqualTo(("100.1", 50L)));
        Assert.That(d.Engine.TryGetBest(new InstrumentId(1), Side.Sell, out _, out _), Is.False);
    }

    [Test]
    public void A_market_order_sweeps_levels_up_to_its_protection_price_and_cancels_the_rest()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 10);
        d.Sell(2, 1, "101.00", 10);
        d.Sell(3, 1, "109.00", 10); // inside the collar (110), beyond the default 5% protection band from the best ask (105)

        var events = d.Buy(4, 1, price: null, quantity: 50);

        Assert.That(events.OfKind(EventKind.Trade).Sum(e => e.Trade.Quantity.Units), Is.EqualTo(20));
        var cancel = events.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((cancel.Reason, cancel.CanceledQuantity.Units), Is.EqualTo((CancelReason.MarketProtection, 30L)));
        Assert.That(d.AccountView(4).ReservedBuy, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void A_market_order_does_not_trade_outside_the_price_collar()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100", bandBps: 500);
        d.Account(1, 1, 100_000_000);
        d.Account(2, 2, 100_000_000);
        d.Sell(1, 1, "104.00", 10);
        d.Mark(1, "100");
        d.Instrument(1, "ACME", reference: "90", bandBps: 500); // collar now 85.50 .. 94.50

        var events = d.Buy(2, 1, price: null, quantity: 10);

        Assert.That(events.Count(EventKind.Trade), Is.Zero);
        Assert.That(events.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.MarketProtection));
    }

    [Test]
    public void An_immediate_or_cancel_order_trades_what_it_can_and_cancels_the_rest()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 30);

        var events = d.Buy(2, 1, "100.00", 100, TimeInForce.ImmediateOrCancel);

        Assert.That(events.Single(EventKind.Trade).Trade.Quantity, Is.EqualTo(Quantity.Of(30)));
        var cancel = events.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((cancel.Reason, cancel.CanceledQuantity.Units, cancel.FilledQuantity.Units),
            Is.EqualTo((CancelReason.ImmediateOrCancel, 70L, 30L)));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy), Is.Empty);
    }

    [Test]
    public void A_fill_or_kill_order_that_cannot_fill_in_full_does_not_trade_at_all()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 30);
        d.Sell(2, 1, "100.01", 30);

        var events = d.Buy(3, 1, "100.01", 61, TimeInForce.FillOrKill);

        Assert.That(events.Count(EventKind.Trade), Is.Zero);
        Assert.That(events.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.FillOrKill));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Sell).Sum(l => l.Quantity.Units), Is.EqualTo(60));
    }

    [Test]
    public void A_fill_or_kill_order_that_can_fill_in_full_trades_across_levels()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 30);
        d.Sell(2, 1, "100.01", 30);

        var events = d.Buy(3, 1, "100.01", 60, TimeInForce.FillOrKill);

        Assert.That(events.OfKind(EventKind.Trade).Sum(e => e.Trade.Quantity.Units), Is.EqualTo(60));
        Assert.That(events.Count(EventKind.OrderCanceled), Is.Zero);
    }

    [Test]
    public void Self_trade_prevention_cancels_the_incoming_remainder_and_keeps_the_resting_order()
    {
        var d = Market();
        d.Sell(2, 1, "100.00", 10);
        d.Sell(5, 1, "100.00", 50, clientOrderId: 51); // participant 1
        var events = d.Buy(1, 1, "100.00", 100);       // participant 1

        Assert.That(events.Single(EventKind.Trade).Trade.Quantity, Is.EqualTo(Quantity.Of(10)));
        var cancel = events.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((cancel.Reason, cancel.CanceledQuantity.Units), Is.EqualTo((CancelReason.SelfTradePrevention, 90L)));
        Assert.That(d.Engine.GetOrder(new AccountId(5), new ClientOrderId(51))!.Leaves, Is.EqualTo(Quantity.Of(50)));
    }

    [Test]
    public void A_fill_or_kill_order_blocked_by_its_own_participant_does_not_trade()
    {
        var d = Market();
        d.Sell(5, 1, "100.00", 50);
        d.Sell(2, 1, "100.00", 100);

        var events = d.Buy(1, 1, "100.00", 60, TimeInForce.FillOrKill);

        Assert.That(events.Count(EventKind.Trade), Is.Zero);
        Assert.That(events.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.FillOrKill));
    }

    [Test]
    public void Reducing_quantity_at_the_same_price_keeps_time_priority()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 100, clientOrderId: 11);
        d.Sell(2, 1, "100.00", 100, clientOrderId: 21);

        var replaced = d.Replace(1, 11, "100.00", 60, newClientOrderId: 12).Single(EventKind.OrderReplaced).OrderReplaced;
        var trade = d.Buy(3, 1, "100.00", 10).Single(EventKind.Trade).Trade;

        Assert.That(replaced.PriorityLost, Is.False);
        Assert.That(replaced.Leaves, Is.EqualTo(Quantity.Of(60)));
        Assert.That(trade.SellAccount.Value, Is.EqualTo(1));
        Assert.That(trade.SellClientOrderId.Value, Is.EqualTo(12UL));
    }

    [Test]
    public void Increasing_quantity_loses_time_priority()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 100, clientOrderId: 11);
        d.Sell(2, 1, "100.00", 100, clientOrderId: 21);

        var replaced = d.Replace(1, 11, null, 150, newClientOrderId: 12).Single(EventKind.OrderReplaced).OrderReplaced;
        var trade = d.Buy(3, 1, "100.00", 10).Single(EventKind.Trade).Trade;

        Assert.That(replaced.PriorityLost, Is.True);
        Assert.That(trade.SellAccount.Value, Is.EqualTo(2));
    }

    [Test]
    public void A_price_change_loses_priority_and_may_trade_on_arrival()
    {
        var d = Market();
        d.Buy(1, 1, "99.00", 100);
        d.Sell(2, 1, "100.00", 40, clientOrderId: 21);

        var events = d.Replace(2, 21, "99.00", 40, newClientOrderId: 22);

        Assert.That(events[0].Kind, Is.EqualTo(EventKind.OrderReplaced));
        var trade = events.Single(EventKind.Trade).Trade;
        Assert.That((trade.Price.ToString(), trade.Quantity.Units, trade.AggressorSide), Is.EqualTo(("99", 40L, Side.Sell)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_replace_below_the_filled_quantity_is_rejected()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 100, clientOrderId: 11);
        d.Buy(2, 1, "100.00", 70);

        var rejected = d.Replace(1, 11, null, 70).Single(EventKind.CancelRejected).CancelRejected;

        Assert.That((rejected.Reason, rejected.WasReplace), Is.EqualTo((RejectReason.ReplaceBelowFilled, true)));
    }

    [Test]
    public void Cancel_by_client_order_id_releases_the_reservation()
    {
        var d = Market();
        d.Buy(1, 1, "100.00", 100, clientOrderId: 11);
        Assert.That(d.AccountView(1).ReservedBuy, Is.EqualTo(Money.Of(10_000)));

        var cancel = d.Cancel(1, 11).Single(EventKind.OrderCanceled).OrderCanceled;

        Assert.That((cancel.Reason, cancel.CanceledQuantity.Units), Is.EqualTo((CancelReason.ClientRequest, 100L)));
        Assert.That(d.AccountView(1).ReservedBuy, Is.EqualTo(Money.Zero));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy), Is.Empty);
    }

    [Test]
    public void Cancel_by_engine_order_id_of_another_accounts_order_is_rejected()
    {
        var d = Market();
        long id = d.Buy(1, 1, "100.00", 100).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

        var events = d.Cancel(account: 2, origClientOrderId: 0, orderId: id);

        Assert.That(events.Single(EventKind.CancelRejected).CancelRejected.Reason, Is.EqualTo(RejectReason.UnknownOrder));
        Assert.That(d.Engine.GetOrder(new OrderId(id)), Is.Not.Null);
    }

    [Test]
    public void Cancelling_an_unknown_or_finished_order_is_rejected()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 10, clientOrderId: 11);
        d.Buy(2, 1, "100.00", 10);

        Assert.That(d.Cancel(1, 11).Single(EventKind.CancelRejected).CancelRejected.Reason, Is.EqualTo(RejectReason.UnknownOrder));
        Assert.That(d.Cancel(1, 999).Single(EventKind.CancelRejected).CancelRejected.Reason, Is.EqualTo(RejectReason.UnknownOrder));
    }

    [Test]
    public void Mass_cancel_by_account_participant_and_instrument_cancels_exactly_those_orders()
    {
        var d = Market();
        d.Instrument(2, "BETA", reference: "50");
        d.Buy(1, 1, "99.00", 10);
        d.Buy(1, 2, "49.00", 10);
        d.Buy(5, 1, "98.00", 10);
        d.Buy(2, 1, "97.00", 10);
        d.Buy(3, 2, "48.00", 10);

        Assert.That(d.MassCancel(MassCancelScope.Account, 1).Count(EventKind.OrderCanceled), Is.EqualTo(2));
        Assert.That(d.MassCancel(MassCancelScope.Participant, 1).Count(EventKind.OrderCanceled), Is.EqualTo(1));
        var byInstrument = d.MassCancel(MassCancelScope.Instrument, 2);
        Assert.That(byInstrument.OfKind(EventKind.OrderCanceled).Select(e => e.OrderCanceled.Account.Value), Is.EqualTo(new[] { 3 }));
        Assert.That(byInstrument.Single(EventKind.InputAccepted).InputAccepted.Count, Is.EqualTo(1));
        Assert.That(d.AccountView(2).OpenOrders, Is.EqualTo(1));
    }

    [Test]
    public void Mass_cancel_narrowed_to_one_instrument_leaves_the_scopes_orders_in_other_instruments()
    {
        var d = Market();
        d.Instrument(2, "BETA", reference: "50");
        d.Buy(1, 1, "99.00", 10);
        d.Buy(1, 2, "49.00", 10);
        d.Buy(5, 1, "98.00", 10);
        d.Buy(5, 2, "48.00", 10);
        d.Buy(2, 2, "47.00", 10);

        var byParticipant = d.MassCancel(MassCancelScope.Participant, 1, instrument: 2);
        Assert.That(byParticipant.OfKind(EventKind.OrderCanceled).Select(e => (e.OrderCanceled.Account.Value, e.OrderCanceled.Instrument.Value)),
            Is.EquivalentTo(new[] { (1, 2), (5, 2) }), "participant 1's BETA orders, not account 2's");
        Assert.That(byParticipant.Single(EventKind.InputAccepted).InputAccepted.Count, Is.EqualTo(2));

        var byAccount = d.MassCancel(MassCancelScope.Account, 1, instrument: 1);
        Assert.That(byAccount.OfKind(EventKind.OrderCanceled).Select(e => e.OrderCanceled.Instrument.Value), Is.EqualTo(new[] { 1 }));
        Assert.That(d.AccountView(5).OpenOrders, Is.EqualTo(1));
        Assert.That(d.AccountView(2).OpenOrders, Is.EqualTo(1));
    }

    [Test]
    public void Mass_cancel_narrowed_to_an_unknown_instrument_or_with_the_instrument_scope_is_rejected_and_cancels_nothing()
    {
        var d = Market();
        d.Buy(1, 1, "99.00", 10);

        Assert.That(d.MassCancel(MassCancelScope.Participant, 1, instrument: 77).Single(EventKind.InputRejected).InputRejected.Reason,
            Is.EqualTo(RejectReason.UnknownInstrument));
        Assert.That(d.MassCancel(MassCancelScope.Instrument, 1, instrument: 1).Single(EventKind.InputRejected).InputRejected.Reason,
            Is.EqualTo(RejectReason.InvalidScope));
        Assert.That(d.AccountView(1).OpenOrders, Is.EqualTo(1));
    }

    [Test]
    public void Day_orders_expire_at_the_start_of_the_next_day_and_good_till_cancel_orders_stay()
    {
        var d = Market();
        d.Buy(1, 1, "99.00", 10, TimeInForce.Day, clientOrderId: 11);
        d.Buy(1, 1, "98.00", 10, TimeInForce.GoodTillCancel, clientOrderId: 12);

        var events = d.StartOfDay(20260106);

        Assert.That(events.Single(EventKind.OrderCanceled).OrderCanceled.Reason, Is.EqualTo(CancelReason.Expired));
        Assert.That(d.Engine.OpenOrders(new AccountId(1)).Select(o => o.ClientOrderId.Value), Is.EqualTo(new[] { 12UL }));
    }

    [Test]
    public void A_client_order_id_may_be_reused_on_the_next_day_but_not_while_its_order_is_open()
    {
        var d = Market();
        d.Buy(1, 1, "99.00", 10, clientOrderId: 11);
        d.Buy(1, 1, "98.00", 10, TimeInForce.GoodTillCancel, clientOrderId: 12);
        Assert.That(d.Buy(1, 1, "99.00", 10, clientOrderId: 11).Single(EventKind.OrderRejected).OrderRejected.Reason,
            Is.EqualTo(RejectReason.DuplicateClientOrderId));

        d.StartOfDay(20260106);

        Assert.That(d.Buy(1, 1, "99.00", 10, clientOrderId: 11).Count(EventKind.OrderAccepted), Is.EqualTo(1));
        Assert.That(d.Buy(1, 1, "99.00", 10, clientOrderId: 12).Single(EventKind.OrderRejected).OrderRejected.Reason,
            Is.EqualTo(RejectReason.DuplicateClientOrderId));
    }

    [Test]
    public void A_directed_venue_order_does_not_cross_internally_and_asks_the_venue()
    {
        var d = Market();
        d.Sell(1, 1, "100.00", 10);

        var events = d.Order(2, 1, Side.Buy, "100.00", 10, venue: 3);

        Assert.That(events.Count(EventKind.Trade), Is.Zero);
        var request = events.Single(EventKind.VenueOrderRequested).VenueOrderRequested;
        Assert.That((request.Venue.Value, request.Quantity.Units), Is.EqualTo((3, 10L)));
    }

    [Test]
    public void Cancelling_a_venue_order_keeps_its_reservation_until_the_venue_confirms()
    {
        var d = Market();
        long id = d.Order(2, 1, Side.Buy, "100.00", 10, venue: 3, clientOrderId: 21).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;

        var request = d.Cancel(2, 21);
        Assert.That(request.Single(EventKind.VenueCancelRequested).VenueCancelRequested.OrderId.Value, Is.EqualTo(id));
        Assert.That(d.AccountView(2).ReservedBuy, Is.EqualTo(Money.Of(1_000)));

        d.Fill(3, "LATE-1", id, 4, "100.00"); // a fill that crossed the cancel on the wire still applies
        var confirmed = d.VenueStatus(3, id, VenueOrderState.Canceled);

        var cancel = confirmed.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((cancel.Reason, cancel.CanceledQuantity.Units, cancel.FilledQuantity.Units), Is.EqualTo((CancelReason.VenueCanceled, 6L, 4L)));
        Assert.That(d.AccountView(2).ReservedBuy, Is.EqualTo(Money.Zero));
        Assert.That(d.Position(2, 1)!.Quantity, Is.EqualTo(Quantity.Of(4)));
    }

    [Test]
    public void A_late_fill_after_the_venue_confirmed_a_cancel_is_held_as_a_break_and_moves_the_position_only_when_booked()
    {
        var d = Market();
        d.Operator("ops", canReenable: false);
        long id = d.Order(2, 1, Side.Sell, "100.00", 10, venue: 3).Single(EventKind.OrderAccepted).OrderAccepted.OrderId.Value;
        d.VenueStatus(3, id, VenueOrderState.Canceled);

        var events = d.Fill(3, "LATE-2", id, 10, "100.00");

        var opened = events.Single(EventKind.FillBreak).FillBreak;
        Assert.That((opened.Status, opened.Reason, opened.Account.Value, opened.Side), Is.EqualTo((FillBreakStatus.Opened, RejectReason.OrderEnded, 2, Side.Sell)));
        Assert.That(events.Count(EventKind.Trade), Is.Zero);
        Assert.That(d.Position(2, 1)!.Quantity, Is.EqualTo(Quantity.Zero));

        var booked = d.Apply(EngineInput.Of(new ResolveBreak { BreakId = opened.BreakId, Action = BreakAction.Book, Operator = Ascii16.Create("ops") }));
        Assert.That(booked.Single(EventKind.FillBreak).FillBreak.Status, Is.EqualTo(FillBreakStatus.Booked));
        Assert.That(booked.Single(EventKind.Trade).Trade.SellAccount.Value, Is.EqualTo(2));
        Assert.That(d.Position(2, 1)!.Quantity, Is.EqualTo(Quantity.Of(-10)));
        Assert.That(d.Engine.Counters.UnmatchedVenueFills, Is.EqualTo(1));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }
}
