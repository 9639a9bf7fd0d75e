using TradeX.Pipeline;
using TradeX.Core;
using TradeX.Gateway.Participants;
using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;
using QuoteEntryStatus = TradeX.Protocol.OrderEntry.QuoteEntryStatus;
using QuoteStatus = TradeX.Protocol.OrderEntry.QuoteStatus;
using Side = TradeX.Protocol.OrderEntry.Side;
using TimeInForce = TradeX.Protocol.OrderEntry.TimeInForce;

namespace TradeX.Gateway.Tests;

/// <summary>MassQuote, its acknowledgement, market-maker protection and cancel-on-disconnect, through the real engine.</summary>
[TestFixture(ThreadingMode.Dedicated)]
[TestFixture(ThreadingMode.Shared)]
[TestFixture(ThreadingMode.Single)]
public sealed class QuoteTests(ThreadingMode threading)
{
    private static long Acme_(int ticks) => AcmeRef + ticks * Tick;
    private static long Beta_(int ticks) => BetaRef + ticks * Tick;

    private static NewOrderRequest Ioc(ulong id, Side side, long quantity, long price, int instrument = Acme) =>
        new(id, 21, instrument, side, quantity, price, OrdType.Limit, TimeInForce.ImmediateOrCancel);

    private static (byte Status, ushort Reason)[] Entries(Received ack)
    {
        var list = new List<(byte, ushort)>();
        foreach (var e in ack.Ack().QuoteEntries()) list.Add((e.EntryStatusRaw, e.RejectReason));
        return list.ToArray();
    }

    [Test]
    public void A_MassQuote_replaces_the_quote_in_each_instrument_it_names_and_a_zero_size_pulls_it()
    {
        using var h = new GatewayHarness(threading: threading);
        var (maker, made) = h.Connect(MarketMaker);
        var (taker, taken) = h.Connect(Taker);

        maker.SendMassQuote(1, 11, [new QuoteEntry(Acme, Acme_(-2), 100, Acme_(2), 100), new QuoteEntry(Beta, Beta_(-2), 100, Beta_(2), 100)]);
        var first = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 1, "the first quote acknowledged");
        Assert.That(first.Ack().QuoteStatus, Is.EqualTo(QuoteStatus.Accepted));
        Assert.That(Entries(first), Is.EqualTo(new[] { ((byte)0, (ushort)0), ((byte)0, (ushort)0) }));

        taker.SendNewOrder(Ioc(10, Side.Buy, 10, Acme_(2)));
        var fill = taken.WaitFor(ExecutionReportTradeDecoder.SbeTemplateId, 10, "the taker lifts the quoted offer");
        Assert.That(fill.Trade().LastPx.Mantissa, Is.EqualTo(Acme_(2)));
        var makerFill = made.WaitFor(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId, "the market maker's fill");
        Assert.That(makerFill.Id, Is.EqualTo(1UL), "a quote side's fill names the quote id");
        Assert.That(makerFill.Trade().Side, Is.EqualTo(Side.Sell));
        Assert.That(makerFill.Trade().LeavesQty, Is.EqualTo(90));

        maker.SendMassQuote(2, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 2, "the replacing quote acknowledged");
        taker.SendNewOrder(Ioc(11, Side.Buy, 200, Acme_(2)));
        var cancelled = taken.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 11, "the rest of the IOC cancelled");
        var fills = taken.Messages.Where(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId && m.Id == 11).ToList();
        Assert.That(fills, Has.Count.EqualTo(1), "only the new offer trades: the old one at 100.02 was replaced");
        Assert.That(fills[0].Trade().LastPx.Mantissa, Is.EqualTo(Acme_(1)));
        Assert.That(fills[0].Trade().LastQty, Is.EqualTo(100));
        Assert.That(cancelled.Canceled().CumQty, Is.EqualTo(100));
        Assert.That(cancelled.Reason, Is.EqualTo((ushort)CancelReason.ImmediateOrCancel));

        maker.SendMassQuote(3, 11, [new QuoteEntry(Acme, 0, 0, 0, 0)]);
        var pulled = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 3, "the pull acknowledged");
        Assert.That(Entries(pulled), Is.EqualTo(new[] { ((byte)QuoteEntryStatus.Removed, (ushort)0) }));
        taker.SendNewOrder(Ioc(12, Side.Sell, 10, Acme_(-5)));
        taken.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 12, "the IOC sell finds no bid");
        Assert.That(taken.Messages.Any(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId && m.Id == 12), Is.False);

        taker.SendNewOrder(Ioc(13, Side.Sell, 10, Beta_(-2), Beta));
        var betaFill = taken.WaitFor(ExecutionReportTradeDecoder.SbeTemplateId, 13, "the BETA quote, untouched, still trades");
        Assert.That(betaFill.Trade().LastPx.Mantissa, Is.EqualTo(Beta_(-2)));
        Assert.That(made.Messages.Where(m => m.Template == ExecutionReportCanceledDecoder.SbeTemplateId), Is.Empty,
            "sides the market maker replaced or pulled itself are answered by its acks, not by cancel reports");
    }

    [Test]
    public void Each_entry_is_acknowledged_with_its_own_status_and_reason()
    {
        using var h = new GatewayHarness(threading: threading);
        var (maker, made) = h.Connect(MarketMaker);

        maker.SendMassQuote(1, 11, [
            new QuoteEntry(Acme, Acme_(5), 10, Acme_(0), 10), // crossed
            new QuoteEntry(Beta, Beta_(-1), 10, Beta_(1), 10),
            new QuoteEntry(77, 1_000_000, 10, 2_000_000, 10), // no such instrument
        ]);

        var ack = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 1, "the ack");
        Assert.That(ack.Ack().QuoteStatus, Is.EqualTo(QuoteStatus.Accepted));
        Assert.That(ack.Text, Is.EqualTo("some entries rejected"));
        Assert.That(Entries(ack), Is.EqualTo(new[]
        {
            ((byte)QuoteEntryStatus.Rejected, (ushort)RejectReason.CrossedQuote),
            ((byte)QuoteEntryStatus.Accepted, (ushort)0),
            ((byte)QuoteEntryStatus.Rejected, (ushort)RejectReason.UnknownInstrument),
        }));
        var ids = new List<int>();
        foreach (var e in ack.Ack().QuoteEntries()) ids.Add(e.SecurityId);
        Assert.That(ids, Is.EqualTo(new[] { Acme, Beta, 77 }));
    }

    [Test]
    public void A_MassQuote_with_no_entries_or_too_many_is_rejected_as_a_whole()
    {
        using var h = new GatewayHarness(configure: o => o with { MaxQuoteEntries = 3 }, threading: threading);
        var (maker, made) = h.Connect(MarketMaker);
        var entry = new QuoteEntry(Acme, Acme_(-1), 10, Acme_(1), 10);

        maker.SendMassQuote(1, 11, []);
        maker.SendMassQuote(2, 11, [entry, entry, entry, entry]);

        var empty = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 1, "the empty quote");
        Assert.That(empty.Reason, Is.EqualTo((ushort)GatewayReason.NoQuoteEntries));
        Assert.That(empty.Ack().QuoteStatus, Is.EqualTo(QuoteStatus.Rejected));
        var tooMany = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 2, "the oversized quote");
        Assert.That(tooMany.Reason, Is.EqualTo((ushort)GatewayReason.TooManyQuoteEntries));
        Assert.That(h.Journaled().Count(i => i.Kind == InputKind.Quote), Is.Zero);
    }

    [Test]
    public void Market_maker_protection_pulls_the_quotes_when_fills_exceed_the_bound_refuses_new_ones_and_re_arms_when_the_participant_resets_it()
    {
        var guarded = MarketMaker with { Protection = [new ProtectionSetting(Acme, WindowNanos: 10_000_000_000, MaxQuantity: 0, MaxFills: 2)] };
        using var h = new GatewayHarness([guarded, Taker], threading: threading);
        var (maker, made) = h.Connect(guarded);
        var (taker, taken) = h.Connect(Taker);
        Assert.That(h.Journaled().Count(i => i.Kind == InputKind.SetProtection && i.SetProtection.Participant.Value == 1 && i.SetProtection.MaxCount == 2),
            Is.EqualTo(1), "the participant file's protection reached the engine at start");

        maker.SendMassQuote(1, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 1, "the quote");
        for (ulong id = 1; id <= 3; id++)
        {
            taker.SendNewOrder(Ioc(id, Side.Buy, 1, Acme_(1)));
            taken.WaitFor(ExecutionReportTradeDecoder.SbeTemplateId, id, $"fill {id}");
        }

        var pulledBid = made.WaitFor(m => m.Template == ExecutionReportCanceledDecoder.SbeTemplateId && m.Canceled().Side == Side.Buy, "the bid pulled");
        Assert.That(pulledBid.Reason, Is.EqualTo((ushort)CancelReason.ProtectionTripped));
        Assert.That(pulledBid.Id, Is.EqualTo(1UL));
        var pulledAsk = made.WaitFor(m => m.Template == ExecutionReportCanceledDecoder.SbeTemplateId && m.Canceled().Side == Side.Sell, "the offer pulled");
        Assert.That(pulledAsk.Reason, Is.EqualTo((ushort)CancelReason.ProtectionTripped));
        Wait.Until(() => h.Gateway.Statistics.ProtectionTrips == 1, "the trip to be counted");

        maker.SendMassQuote(2, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        var refused = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 2, "the quote while tripped");
        Assert.That(refused.Ack().QuoteStatus, Is.EqualTo(QuoteStatus.Rejected));
        Assert.That(Entries(refused), Is.EqualTo(new[] { ((byte)QuoteEntryStatus.Rejected, (ushort)RejectReason.ProtectionTripped) }));

        maker.SendProtectionReset(70, Acme);
        var reset = made.WaitFor(QuoteProtectionResetAckDecoder.SbeTemplateId, 70, "the reset acknowledged after the engine applied it");
        Assert.That(reset.ResetAck().Status, Is.EqualTo(RequestStatus.Accepted));
        Assert.That(reset.ResetAck().SecurityId, Is.EqualTo(Acme));
        Assert.That(h.Gateway.Statistics.ProtectionResets, Is.EqualTo(1));
        maker.SendMassQuote(3, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        var rearmed = made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 3, "the quote after the reset");
        Assert.That(Entries(rearmed), Is.EqualTo(new[] { ((byte)QuoteEntryStatus.Accepted, (ushort)0) }));
        var journaledReset = h.Journaled().Single(i => i.Kind == InputKind.ResetProtection).ResetProtection;
        Assert.That((journaledReset.Participant.Value, journaledReset.Instrument.Value), Is.EqualTo((guarded.Id, Acme)), "the reset is journaled like any input");
    }

    [Test]
    public void A_protection_reset_re_arms_only_the_senders_own_protection_and_an_unknown_instrument_is_refused()
    {
        var guarded = MarketMaker with { Protection = [new ProtectionSetting(Acme, WindowNanos: 10_000_000_000, MaxQuantity: 0, MaxFills: 1)] };
        using var h = new GatewayHarness([guarded, Taker], threading: threading);
        var (maker, made) = h.Connect(guarded);
        var (taker, taken) = h.Connect(Taker);
        maker.SendMassQuote(1, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 1, "the quote");
        for (ulong id = 1; id <= 2; id++)
        {
            taker.SendNewOrder(Ioc(id, Side.Buy, 1, Acme_(1)));
            taken.WaitFor(ExecutionReportTradeDecoder.SbeTemplateId, id, $"fill {id}");
        }
        Wait.Until(() => h.Gateway.Statistics.ProtectionTrips == 1, "the second fill to trip it (more than one fill)");

        taker.SendProtectionReset(80);
        var others = taken.WaitFor(QuoteProtectionResetAckDecoder.SbeTemplateId, 80, "another participant's reset (of its own, untripped protection)");
        Assert.That(others.ResetAck().Status, Is.EqualTo(RequestStatus.Accepted));
        Assert.That(others.ResetAck().HasSecurityId, Is.False, "every instrument");
        maker.SendMassQuote(2, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        Assert.That(Entries(made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 2, "the quote after someone else's reset")),
            Is.EqualTo(new[] { ((byte)QuoteEntryStatus.Rejected, (ushort)RejectReason.ProtectionTripped) }), "still tripped");

        maker.SendProtectionReset(81, 999);
        var unknown = made.WaitFor(QuoteProtectionResetAckDecoder.SbeTemplateId, 81, "a reset naming an unknown instrument");
        Assert.That(unknown.ResetAck().Status, Is.EqualTo(RequestStatus.Rejected));
        Assert.That(unknown.Reason, Is.EqualTo((ushort)RejectReason.UnknownInstrument));
        Assert.That(unknown.Text, Is.Not.Empty);

        maker.SendProtectionReset(82);
        Assert.That(made.WaitFor(QuoteProtectionResetAckDecoder.SbeTemplateId, 82, "the maker's reset of every instrument").ResetAck().Status,
            Is.EqualTo(RequestStatus.Accepted));
        maker.SendMassQuote(3, 11, [new QuoteEntry(Acme, Acme_(-1), 100, Acme_(1), 100)]);
        Assert.That(Entries(made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 3, "the quote after its own reset")),
            Is.EqualTo(new[] { ((byte)QuoteEntryStatus.Accepted, (ushort)0) }));
    }

    [Test]
    public void Cancel_on_disconnect_of_quotes_only_pulls_the_quote_through_the_journal_and_leaves_the_order_working()
    {
        using var h = new GatewayHarness(threading: threading);
        var (maker, made) = h.Connect(MarketMaker);
        var (taker, taken) = h.Connect(Taker);
        maker.SendNewOrder(new NewOrderRequest(5, 11, Acme, Side.Sell, 10, Acme_(5)));
        made.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 5, "the market maker's resting order");
        maker.SendMassQuote(6, 12, [new QuoteEntry(Acme, Acme_(-3), 50, Acme_(3), 50)]);
        made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 6, "its quote");

        maker.Disconnect();
        Wait.Until(() => h.Gateway.Statistics.CancelOnDisconnects == 1, "cancel-on-disconnect to be published");

        taker.SendNewOrder(Ioc(1, Side.Buy, 30, Acme_(5)));
        taken.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 1, "the IOC done");
        var fills = taken.Messages.Where(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId).ToList();
        Assert.That(fills, Has.Count.EqualTo(1), "only the order traded: the quote at 100.03 was cancelled");
        Assert.That(fills[0].Trade().LastPx.Mantissa, Is.EqualTo(Acme_(5)));
        Assert.That(fills[0].Trade().LastQty, Is.EqualTo(10));

        var journaled = h.Journaled();
        int session = journaled.First(i => i.Kind == InputKind.NewOrder && i.NewOrder.ClientOrderId.Value == 5).NewOrder.Session;
        var cod = journaled.Single(i => i.Kind == InputKind.MassCancel);
        Assert.That(cod.MassCancel.Scope, Is.EqualTo(TradeX.Core.MassCancelScope.Session));
        Assert.That(cod.MassCancel.Target, Is.EqualTo(session));
        Assert.That(cod.MassCancel.QuotesOnly, Is.True);
    }

    [Test]
    public void Cancel_on_disconnect_of_everything_cancels_orders_too_and_the_reconnected_session_gets_the_cancels_retransmitted()
    {
        using var h = new GatewayHarness(threading: threading);
        ulong sessionId = NewSessionId();
        var (maker, made) = h.Connect(MarketMakerAll, sessionId);
        var (taker, taken) = h.Connect(Taker);
        maker.SendNewOrder(new NewOrderRequest(5, 31, Acme, Side.Sell, 10, Acme_(5)));
        made.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 5, "the resting order");
        maker.SendMassQuote(6, 31, [new QuoteEntry(Acme, Acme_(-3), 50, Acme_(3), 50)]);
        made.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 6, "the quote");

        maker.Disconnect();
        Wait.Until(() => h.Gateway.Statistics.CancelOnDisconnects == 1, "cancel-on-disconnect to be published");
        taker.SendNewOrder(Ioc(1, Side.Buy, 30, Acme_(5)));
        taken.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 1, "the IOC done");
        Assert.That(taken.Messages.Any(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId), Is.False, "nothing of the market maker was left");
        Assert.That(h.Journaled().Single(i => i.Kind == InputKind.MassCancel).MassCancel.QuotesOnly, Is.False);

        maker.Reconnect();
        var orderCancel = made.WaitFor(m => m.Template == ExecutionReportCanceledDecoder.SbeTemplateId && m.Id == 5 && m.Retransmitted, "the order's cancel, replayed");
        Assert.That(orderCancel.Reason, Is.EqualTo((ushort)CancelReason.MassCancel));
        made.WaitFor(m => m.Template == ExecutionReportCanceledDecoder.SbeTemplateId && m.Id == 6 && m.Retransmitted, "the quote sides' cancels, replayed");
    }
}
