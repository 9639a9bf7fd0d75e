using TradeX.Pipeline;
using TradeX.Core;
using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;
using MassCancelScope = TradeX.Protocol.OrderEntry.MassCancelScope;
using Side = TradeX.Protocol.OrderEntry.Side;
using TimeInForce = TradeX.Protocol.OrderEntry.TimeInForce;

namespace TradeX.Gateway.Tests;

/// <summary>Orders, cancels, replaces and mass cancels mapped to engine inputs and the engine's events mapped back.</summary>
[TestFixture(ThreadingMode.Dedicated)]
[TestFixture(ThreadingMode.Shared)]
[TestFixture(ThreadingMode.Single)]
[TestFixture(ThreadingMode.Single, false)]
public sealed class OrderEntryTests(ThreadingMode threading, bool readinessByEpoll = true)
{
    [Test]
    public void The_io_agent_learns_readiness_from_epoll_where_the_platform_has_it_and_it_is_asked_for()
    {
        using var h = new GatewayHarness(threading: threading, readinessByEpoll: readinessByEpoll);
        Assert.That(h.Gateway.ReadinessByEpoll, Is.EqualTo(readinessByEpoll && TradeX.Disruptor.Agents.EpollSet.IsSupported));
    }

    [Test]
    public void An_order_for_another_participants_account_is_rejected_and_never_reaches_the_engine()
    {
        using var h = new GatewayHarness(threading: threading, readinessByEpoll: readinessByEpoll);
        var (client, received) = h.Connect(Taker);

        client.SendNewOrder(new NewOrderRequest(1, 11, Acme, Side.Buy, 10, AcmeRef)); // account 11 is the market maker's
        client.SendCancel(new CancelRequest(2, 1, 12, Acme, Side.Buy));
        client.SendMassCancel(3, MassCancelScope.Account, account: 31);
        client.SendMassQuote(4, 11, [new QuoteEntry(Acme, AcmeRef - Tick, 10, AcmeRef + Tick, 10)]);

        var rejected = received.WaitFor(ExecutionReportRejectedDecoder.SbeTemplateId, 1, "the order rejected");
        Assert.That(rejected.Reason, Is.EqualTo((ushort)GatewayReason.AccountNotPermitted));
        Assert.That(rejected.Text, Is.EqualTo(GatewayReasons.Text(GatewayReason.AccountNotPermitted)));
        Assert.That(received.WaitFor(OrderCancelRejectDecoder.SbeTemplateId, 2, "the cancel rejected").Reason, Is.EqualTo((ushort)GatewayReason.AccountNotPermitted));
        var report = received.WaitFor(OrderMassCancelReportDecoder.SbeTemplateId, 3, "the mass cancel rejected");
        Assert.That(report.Reason, Is.EqualTo((ushort)GatewayReason.AccountNotPermitted));
        Assert.That(report.MassCancelReport().Status, Is.EqualTo(RequestStatus.Rejected));
        var ack = received.WaitFor(MassQuoteAckDecoder.SbeTemplateId, 4, "the mass quote rejected");
        Assert.That(ack.Ack().QuoteStatus, Is.EqualTo(TradeX.Protocol.OrderEntry.QuoteStatus.Rejected));
        Assert.That(ack.Reason, Is.EqualTo((ushort)GatewayReason.AccountNotPermitted));

        var journaled = h.Journaled();
        Assert.That(journaled.Where(i => i.Kind is InputKind.NewOrder or InputKind.CancelOrder or InputKind.MassCancel or InputKind.Quote), Is.Empty);
    }

    [Test]
    public void A_duplicate_client_order_id_in_the_trading_day_is_rejected_by_the_engine()
    {
        using var h = new GatewayHarness(threading: threading, readinessByEpoll: readinessByEpoll);
        var (client, received) = h.Connect(Taker);
        client.SendNewOrder(new NewOrderRequest(42, 21, Acme, Side.Buy, 10, AcmeRef - Tick));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 42, "the first order 42");

        client.SendNewOrder(new NewOrderRequest(42, 21, Acme, Side.Buy, 10, AcmeRef - 2 * Tick));

        var rejected = received.WaitFor(ExecutionReportRejectedDecoder.SbeTemplateId, 42, "the second order 42 rejected");
        Assert.That(rejected.Reason, Is.EqualTo((ushort)RejectReason.DuplicateClientOrderId));
        Assert.That(rejected.Text, Is.EqualTo("duplicate client order id"));
        Assert.That(rejected.Rejected().Price.Mantissa, Is.EqualTo(AcmeRef - 2 * Tick));
    }

    [Test]
    public void Replace_and_cancel_round_trip_with_every_field_echoed()
    {
        using var h = new GatewayHarness(threading: threading, readinessByEpoll: readinessByEpoll);
        var (client, received) = h.Connect(Taker);
        client.SendNewOrder(new NewOrderRequest(1, 22, Beta, Side.Sell, 100, BetaRef + 5 * Tick, TimeInForce: TimeInForce.GoodTillCancel));
        var accepted = received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "the order");
        ulong orderId = accepted.New().OrderId;
        Assert.That(accepted.New().TimeInForce, Is.EqualTo(TimeInForce.GoodTillCancel));

        client.SendReplace(new ReplaceRequest(2, 1, 22, Beta, Side.Sell, 60, null, TimeInForce: TimeInForce.GoodTillCancel));
        var replaced = received.WaitFor(ExecutionReportReplacedDecoder.SbeTemplateId, 2, "the replace");
        Assert.That(replaced.Replaced().OrigClOrdId, Is.EqualTo(1UL));
        Assert.That(replaced.Replaced().OrderId, Is.EqualTo(orderId));
        Assert.That(replaced.Replaced().OrderQty, Is.EqualTo(60));
        Assert.That(replaced.Replaced().LeavesQty, Is.EqualTo(60));
        Assert.That(replaced.Replaced().Price.Mantissa, Is.EqualTo(BetaRef + 5 * Tick));
        Assert.That(replaced.Replaced().TimeInForce, Is.EqualTo(TimeInForce.GoodTillCancel));
        Assert.That(replaced.Replaced().SecurityId, Is.EqualTo(Beta));

        client.SendCancel(new CancelRequest(3, 2, 22, Beta, Side.Sell));
        var canceled = received.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 3, "the cancel");
        Assert.That(canceled.Canceled().OrigClOrdId, Is.EqualTo(2UL));
        Assert.That(canceled.Reason, Is.Zero, "cancelled on request");
        Assert.That(canceled.Canceled().OrdStatus, Is.EqualTo(OrdStatus.Canceled));

        client.SendCancel(new CancelRequest(4, 2, 22, Beta, Side.Sell));
        var refused = received.WaitFor(OrderCancelRejectDecoder.SbeTemplateId, 4, "the second cancel");
        Assert.That(refused.Reason, Is.EqualTo((ushort)RejectReason.UnknownOrder));
        Assert.That(refused.CancelReject().SecurityId, Is.EqualTo(Beta), "echoed from the request");
        Assert.That(refused.CancelReject().CxlRejResponseTo, Is.EqualTo(CxlRejResponseTo.OrderCancelRequest));
    }

    [Test]
    public void A_cross_between_two_sessions_reports_the_fill_to_both_with_cumulative_and_leaves_quantities()
    {
        using var h = new GatewayHarness(threading: threading, readinessByEpoll: readinessByEpoll);
        var (maker, makerReceived) = h.Connect(MarketMaker);
        var (taker, takerReceived) = h.Connect(Taker);
        maker.SendNewOrder(new NewOrderRequest(10, 11, Acme, Side.Sell, 100, AcmeRef));
        makerReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 10, "the resting sell");

        taker.SendNewOrder(new NewOrderRequest(20, 21, Acme, Side.Buy, 30, AcmeRef, TimeInForce: TimeInForce.ImmediateOrCancel));
        taker.SendNewOrder(new NewOrderRequest(21, 21, Acme, Side.Buy, 30, AcmeRef, TimeInForce: TimeInForce.ImmediateOrCancel));

        var second = makerReceived.WaitFor(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId && m.Trade().CumQty == 60, "the maker's second fill");
        Assert.That(second.Trade().LeavesQty, Is.EqualTo(40));
        Assert.That(second.Trade().AggressorIndicator, Is.EqualTo(BooleanFlag.False));
        Assert.That(second.Trade().LastPx.Mantissa, Is.EqualTo(AcmeRef));
        var takerFill = takerReceived.WaitFor(ExecutionReportTradeDecoder.SbeTemplateId, 21, "the taker's fill");
        Assert.That(takerFill.Trade().AggressorIndicator, Is.EqualTo(BooleanFlag.True));
        Assert.That(takerFill.Trade().OrdStatus, Is.EqualTo(OrdStatus.Filled));
        Assert.That(takerFill.Trade().CumQty, Is.EqualTo(30));
        Assert.That(takerFill.Trade().ExecId, Is.EqualTo(second.Trade().ExecId), "one trade, one execution id on both sides");
    }

    [Test]
    public void Mass_cancel_by_account_by_instrument_and_by_participant_cancel_only_the_participants_own_orders_in_scope()
    {
        using var h = new GatewayHarness(threading: threading, readinessByEpoll: readinessByEpoll);
        var (client, received) = h.Connect(Taker);
        var (maker, makerReceived) = h.Connect(MarketMaker);
        maker.SendNewOrder(new NewOrderRequest(900, 11, Acme, Side.Buy, 10, AcmeRef - 20 * Tick));
        makerReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 900, "another participant's Acme order");
        ulong id = 0;
        foreach (uint account in new uint[] { 21, 21, 22 })
        {
            client.SendNewOrder(new NewOrderRequest(++id, account, Acme, Side.Buy, 10, AcmeRef - (long)id * Tick));
            received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, id, $"order {id}");
        }
        client.SendNewOrder(new NewOrderRequest(4, 22, Beta, Side.Buy, 10, BetaRef - Tick));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 4, "order 4 in Beta");

        client.SendMassCancel(100, MassCancelScope.Account, account: 21);
        var byAccount = received.WaitFor(OrderMassCancelReportDecoder.SbeTemplateId, 100, "the account mass cancel");
        Assert.That(byAccount.MassCancelReport().Status, Is.EqualTo(RequestStatus.Accepted));
        Assert.That(byAccount.MassCancelReport().TotalAffectedOrders, Is.EqualTo(2U));
        Assert.That(received.Messages.Count(m => m.Template == ExecutionReportCanceledDecoder.SbeTemplateId), Is.EqualTo(2));

        client.SendMassCancel(101, MassCancelScope.Instrument);
        var noInstrument = received.WaitFor(OrderMassCancelReportDecoder.SbeTemplateId, 101, "an instrument mass cancel naming no instrument");
        Assert.That(noInstrument.Reason, Is.EqualTo((ushort)GatewayReason.InvalidValue));

        client.SendMassCancel(102, MassCancelScope.Instrument, securityId: Acme);
        var byInstrument = received.WaitFor(OrderMassCancelReportDecoder.SbeTemplateId, 102, "the instrument mass cancel");
        Assert.That(byInstrument.MassCancelReport().Status, Is.EqualTo(RequestStatus.Accepted));
        Assert.That(byInstrument.MassCancelReport().TotalAffectedOrders, Is.EqualTo(1U), "order 3 only: not the Beta order, not the other participant's");
        Assert.That(byInstrument.MassCancelReport().SecurityId, Is.EqualTo(Acme));
        var canceled = received.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 3, "order 3 cancelled");
        Assert.That(canceled.Reason, Is.EqualTo((ushort)CancelReason.MassCancel));
        Assert.That(canceled.Canceled().HasOrigClOrdId, Is.False, "unsolicited");

        client.SendMassCancel(103, MassCancelScope.Participant);
        var byParticipant = received.WaitFor(OrderMassCancelReportDecoder.SbeTemplateId, 103, "the participant mass cancel");
        Assert.That(byParticipant.MassCancelReport().TotalAffectedOrders, Is.EqualTo(1U), "the Beta order");
        received.WaitFor(ExecutionReportCanceledDecoder.SbeTemplateId, 4, "order 4 cancelled");

        var journaled = h.Journaled().Where(i => i.Kind == InputKind.MassCancel).Select(i => i.MassCancel).ToList();
        Assert.That(journaled[1].Scope, Is.EqualTo(TradeX.Core.MassCancelScope.Participant));
        Assert.That(journaled[1].Instrument.Value, Is.EqualTo(Acme), "journaled as the participant's scope narrowed to the instrument");
        maker.SendMassCancel(901, MassCancelScope.Participant);
        var makers = makerReceived.WaitFor(OrderMassCancelReportDecoder.SbeTemplateId, 901, "the other participant's own mass cancel");
        Assert.That(makers.MassCancelReport().TotalAffectedOrders, Is.EqualTo(1U), "its order survived the taker's instrument cancel");
    }

    [Test]
    public void When_the_input_ring_is_full_orders_are_refused_as_busy_and_every_order_is_answered_exactly_once()
    {
        if (threading != ThreadingMode.Dedicated)
            Assert.Ignore("in the shared and single modes the gateway's reads run on the journal's thread: a stalled journal stalls them too " +
                          "(TCP holds the orders back, nothing is refused or lost), so the ring cannot be filled this way");
        var journal = new GatedJournal();
        using var h = new GatewayHarness(journal: journal, inputRing: 16, threading: threading);
        var (client, received) = h.Connect(Taker);
        journal.Close();

        const int orders = 60;
        for (ulong id = 1; id <= orders; id++) client.SendNewOrder(new NewOrderRequest(id, 21, Acme, Side.Buy, 1, AcmeRef - 30 * Tick));
        Wait.Until(() => h.Gateway.Statistics.EngineBusy > 0 && h.Gateway.Statistics.InputsPublished + h.Gateway.Statistics.EngineBusy >= orders,
            "the gateway to publish or refuse every order");
        journal.Open();

        Wait.Until(() => received.Messages.Count == orders, () => $"{orders} answers, got {received.Messages.Count}");
        var busy = received.Messages.Where(m => m.Template == ExecutionReportRejectedDecoder.SbeTemplateId).ToList();
        Assert.That(busy, Is.Not.Empty);
        Assert.That(busy.Select(m => m.Reason), Is.All.EqualTo((ushort)GatewayReason.EngineBusy));
        Assert.That(received.Messages.Select(m => m.Id).Distinct().Count(), Is.EqualTo(orders), "each order answered exactly once");
        Assert.That(received.Messages.Count(m => m.Template == ExecutionReportNewDecoder.SbeTemplateId), Is.EqualTo(orders - busy.Count));
        Assert.That(h.Gateway.Statistics.EngineBusy, Is.EqualTo(busy.Count));
        Assert.That(h.Gateway.Statistics.ByReason(GatewayReason.EngineBusy), Is.EqualTo(busy.Count), "the metric counts each refusal");
    }
}
