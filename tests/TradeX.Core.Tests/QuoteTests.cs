using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class QuoteTests
{
    private static EngineDriver Desk()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", tick: "0.01", reference: "100");
        d.Instrument(2, "BETA", tick: "0.01", reference: "50");
        d.Account(10, participant: 1, cash: 10_000_000);   // the market maker
        d.Account(11, participant: 1, cash: 10_000_000);   // another account of the same firm
        d.Account(20, participant: 2, cash: 10_000_000);   // a taker
        d.Sink.Clear();
        return d;
    }

    private static EngineEvent Status(List<EngineEvent> events) => events.Single(EventKind.QuoteStatus);

    [Test]
    public void A_quote_rests_both_sides_and_a_new_quote_replaces_them()
    {
        var d = Desk();
        var first = d.Quote(10, 1, "99.98", 100, "100.02", 100, quoteId: 7, session: 3);
        Assert.That(Status(first).QuoteStatus.Status, Is.EqualTo(QuoteEntryStatus.Accepted));
        Assert.That(first.OfKind(EventKind.OrderAccepted).Select(e => (e.OrderAccepted.Side, e.OrderAccepted.IsQuote, e.OrderAccepted.Session)),
            Is.EqualTo(new[] { (Side.Buy, true, 3), (Side.Sell, true, 3) }));

        var second = d.Quote(10, 1, "99.99", 50, "100.01", 200, quoteId: 8, session: 3);
        Assert.That(second.OfKind(EventKind.OrderReplaced).Select(e => (e.OrderReplaced.Side, e.OrderReplaced.Leaves.Units, e.OrderReplaced.PriorityLost)),
            Is.EqualTo(new[] { (Side.Buy, 50L, true), (Side.Sell, 200L, true) }));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy).Single().Price.ToString(), Is.EqualTo("99.99"));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Sell).Single().Quantity.Units, Is.EqualTo(200));
        Assert.That(d.AccountView(10).OpenOrders, Is.EqualTo(2));
    }

    [Test]
    public void A_smaller_size_at_the_same_price_keeps_priority_and_a_zero_size_pulls_that_side()
    {
        var d = Desk();
        d.Quote(10, 1, "99.98", 100, "100.02", 100);
        var smaller = d.Quote(10, 1, "99.98", 60, "100.02", 0);
        Assert.That(smaller.Single(EventKind.OrderReplaced).OrderReplaced.PriorityLost, Is.False);
        var pulled = smaller.Single(EventKind.OrderCanceled).OrderCanceled;
        Assert.That((pulled.Side, pulled.Reason, pulled.IsQuote), Is.EqualTo((Side.Sell, CancelReason.QuotePulled, true)));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Sell), Is.Empty);

        var removed = d.Quote(10, 1, null, 0, null, 0);
        Assert.That(Status(removed).QuoteStatus.Status, Is.EqualTo(QuoteEntryStatus.Removed));
        Assert.That(d.AccountView(10).OpenOrders, Is.Zero);
        Assert.That(d.AccountView(10).ReservedBuy, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void Quotes_trade_like_orders_at_their_price()
    {
        var d = Desk();
        d.Quote(10, 1, "99.98", 100, "100.02", 100);
        var trade = d.Sell(20, 1, "99.90", 40).Single(EventKind.Trade).Trade;
        Assert.That((trade.Price.ToString(), trade.Quantity.Units, trade.BuyAccount.Value, trade.BuyIsQuote, trade.SellIsQuote),
            Is.EqualTo(("99.98", 40L, 10, true, false)));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy).Single().Quantity.Units, Is.EqualTo(60));
        Assert.That(d.Position(10, 1)!.Quantity, Is.EqualTo(Quantity.Of(40)));
        Assert.That(d.Engine.CheckInvariants(), Is.Empty);
    }

    [Test]
    public void A_quote_that_crosses_the_book_trades_on_arrival()
    {
        var d = Desk();
        d.Sell(20, 1, "99.95", 30);
        var events = d.Quote(10, 1, "99.96", 100, "100.02", 100);
        Assert.That(events.Single(EventKind.Trade).Trade.Quantity.Units, Is.EqualTo(30));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy).Single().Quantity.Units, Is.EqualTo(70));
    }

    [TestCase("100.02", 100, "100.02", 100, RejectReason.CrossedQuote)]
    [TestCase("99.985", 100, "100.02", 100, RejectReason.TickSize)]
    [TestCase("99.98", 100, "130.00", 100, RejectReason.PriceCollar)]
    [TestCase("99.98", -5, "100.02", 100, RejectReason.InvalidQuantity)]
    public void An_invalid_side_rejects_the_whole_quote_and_changes_nothing(string bid, long bidSize, string ask, long askSize, RejectReason expected)
    {
        var d = Desk();
        d.Quote(10, 1, "99.90", 10, "100.10", 10);
        var before = d.Engine.StateHash();

        var events = d.Quote(10, 1, bid, bidSize, ask, askSize);

        Assert.That((Status(events).QuoteStatus.Status, Status(events).QuoteStatus.Reason), Is.EqualTo((QuoteEntryStatus.Rejected, expected)));
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy).Single().Price.ToString(), Is.EqualTo("99.9"));
        Assert.That(d.Engine.OpenOrders(new AccountId(10)), Has.Count.EqualTo(2));
        _ = before;
    }

    [Test]
    public void Both_sides_are_risk_checked_as_one_unit()
    {
        var d = Desk();
        d.SetLimit(10, LimitType.GrossExposure, Money.Of(15_000).Raw);
        // Either side alone (10,000) fits the 15,000 gross limit; both together (20,000) do not.
        var events = d.Quote(10, 1, "100.00", 100, "100.01", 100);
        Assert.That(Status(events).QuoteStatus.Reason, Is.EqualTo(RejectReason.GrossExposure));
        Assert.That(d.AccountView(10).OpenOrders, Is.Zero);
        Assert.That(Status(d.Quote(10, 1, "100.00", 70, "100.01", 70)).QuoteStatus.Status, Is.EqualTo(QuoteEntryStatus.Accepted));
    }

    [Test]
    public void Market_maker_protection_pulls_all_quotes_of_the_participant_in_that_instrument_when_fills_exceed_the_count()
    {
        var d = Desk();
        d.Protection(participant: 1, instrument: 0, windowNanos: 1_000_000_000, maxQuantity: 0, maxCount: 3);
        d.Quote(10, 1, "99.98", 1_000, "100.02", 1_000);
        d.Quote(11, 1, "99.97", 1_000, "100.03", 1_000);
        d.Quote(10, 2, "49.98", 1_000, "50.02", 1_000);
        for (int i = 0; i < 3; i++) Assert.That(d.Sell(20, 1, "99.98", 10).Count(EventKind.ProtectionTripped), Is.Zero);

        var fourth = d.Sell(20, 1, "99.98", 10);

        var tripped = fourth.Single(EventKind.ProtectionTripped).ProtectionTripped;
        Assert.That((tripped.Participant.Value, tripped.Instrument.Value, tripped.FillCount, tripped.FilledQuantity, tripped.PulledQuoteSides),
            Is.EqualTo((1, 1, 4, 40L, 4)));
        Assert.That(fourth.OfKind(EventKind.OrderCanceled).Select(e => e.OrderCanceled.Reason), Is.All.EqualTo(CancelReason.ProtectionTripped));
        Assert.That(d.Engine.Depth(new InstrumentId(1), Side.Buy), Is.Empty);
        Assert.That(d.Engine.Depth(new InstrumentId(2), Side.Buy), Has.Count.EqualTo(1), "other instruments keep quoting");
        Assert.That(Status(d.Quote(10, 1, "99.98", 100, "100.02", 100)).QuoteStatus.Reason, Is.EqualTo(RejectReason.ProtectionTripped));
        Assert.That(d.Buy(10, 1, "99.00", 10).Count(EventKind.OrderAccepted), Is.EqualTo(1), "orders are not quotes: still accepted");

        d.ResetProtection(participant: 1, instrument: 1);
        Assert.That(Status(d.Quote(10, 1, "99.98", 100, "100.02", 100)).QuoteStatus.Status, Is.EqualTo(QuoteEntryStatus.Accepted));
    }

    [Test]
    public void A_protection_reset_naming_an_unknown_instrument_is_rejected_and_re_arms_nothing()
    {
        var d = Desk();
        d.Protection(participant: 1, instrument: 1, windowNanos: 1_000_000_000, maxQuantity: 0, maxCount: 1);
        d.Quote(10, 1, "99.98", 1_000, "100.02", 1_000);
        d.Sell(20, 1, "99.98", 10);
        Assert.That(d.Sell(20, 1, "99.97", 10).Count(EventKind.ProtectionTripped), Is.EqualTo(1));

        var unknown = d.ResetProtection(participant: 1, instrument: 77);
        Assert.That(unknown.Single(EventKind.InputRejected).InputRejected.Reason, Is.EqualTo(RejectReason.UnknownInstrument));
        Assert.That(unknown.Count(EventKind.ProtectionReset), Is.Zero);
        Assert.That(Status(d.Quote(10, 1, "99.98", 100, "100.02", 100)).QuoteStatus.Reason, Is.EqualTo(RejectReason.ProtectionTripped));

        Assert.That(d.ResetProtection(participant: 1).Count(EventKind.ProtectionReset), Is.EqualTo(1), "0 = every instrument");
        Assert.That(Status(d.Quote(10, 1, "99.98", 100, "100.02", 100)).QuoteStatus.Status, Is.EqualTo(QuoteEntryStatus.Accepted));
    }

    [Test]
    public void Market_maker_protection_counts_quantity_within_a_sliding_window_of_engine_time()
    {
        var d = Desk();
        d.Protection(participant: 1, instrument: 1, windowNanos: 1_000_000_000, maxQuantity: 100, maxCount: 0);
        d.Quote(10, 1, "99.98", 10_000, "100.02", 10_000);
        d.StepNanos = 600_000_000;                 // fills at t, t+0.6 s, t+1.2 s, t+1.8 s
        d.Sell(20, 1, "99.98", 60);
        d.Sell(20, 1, "99.98", 30);                // 90 within the last second
        var third = d.Sell(20, 1, "99.98", 30);    // the first fill has left the window: 60
        Assert.That(third.Count(EventKind.ProtectionTripped), Is.Zero);
        var fourth = d.Sell(20, 1, "99.98", 80);   // 30 + 80 = 110 > 100
        Assert.That(fourth.Single(EventKind.ProtectionTripped).ProtectionTripped.FilledQuantity, Is.EqualTo(110));
    }

    [Test]
    public void Cancel_on_disconnect_pulls_that_sessions_quotes_and_optionally_its_orders()
    {
        var d = Desk();
        d.Quote(10, 1, "99.98", 100, "100.02", 100, session: 5);
        d.Quote(10, 2, "49.98", 100, "50.02", 100, session: 6);
        d.OrderInSession(10, 1, Side.Buy, "99.00", 10, session: 5, clientOrderId: 1);

        var quotesOnly = d.MassCancel(MassCancelScope.Session, 5, quotesOnly: true);
        Assert.That(quotesOnly.OfKind(EventKind.OrderCanceled).Select(e => e.OrderCanceled.IsQuote), Is.EqualTo(new[] { true, true }));
        Assert.That(d.Engine.OpenOrders(new AccountId(10)).Count(o => o.Instrument.Value == 1), Is.EqualTo(1), "the session's order stays");

        var everything = d.MassCancel(MassCancelScope.Session, 5);
        Assert.That(everything.Single(EventKind.OrderCanceled).OrderCanceled.ClientOrderId.Value, Is.EqualTo(1UL));
        Assert.That(d.Engine.OpenOrders(new AccountId(10)), Has.Count.EqualTo(2), "session 6's quote is untouched");
    }

    [Test]
    public void The_kill_switch_pulls_quotes_and_refuses_new_ones()
    {
        var d = Desk();
        d.Operator("ops", true);
        d.Quote(10, 1, "99.98", 100, "100.02", 100);
        var kill = d.Kill(10, on: true, "ops");
        Assert.That(kill.Count(EventKind.OrderCanceled), Is.EqualTo(2));
        Assert.That(Status(d.Quote(10, 1, "99.98", 100, "100.02", 100)).QuoteStatus.Reason, Is.EqualTo(RejectReason.KillSwitchActive));
    }

    [Test]
    public void Quotes_and_protection_survive_a_snapshot()
    {
        var d = Desk();
        d.Protection(1, 0, 1_000_000_000, 1_000, 10);
        d.Quote(10, 1, "99.98", 100, "100.02", 100);
        d.Sell(20, 1, "99.98", 10);
        var restored = Engine.Restore(d.Engine.Snapshot(), new RecordingSink(), d.Engine.Options);
        Assert.That(restored.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(restored.CheckInvariants(), Is.Empty);
    }
}
