using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;

namespace TradeX.Gateway.Tests;

/// <summary>The FIXP-style session: negotiation, establishment, sequencing, keep-alive, termination.</summary>
public sealed class SessionTests
{
    private static NewOrderRequest Buy(ulong clOrdId, uint account = 21, long quantity = 100, long? price = null) =>
        new(clOrdId, account, Acme, Side.Buy, quantity, price ?? AcmeRef - 10 * Tick);

    [Test]
    public void Negotiate_establish_trade_and_terminate_over_loopback()
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);
        Assert.That(client.State, Is.EqualTo(ClientState.Established));
        Assert.That(client.GatewayNextSeqNoAtEstablish, Is.EqualTo(1UL));
        Assert.That(client.LastProcessedByGateway, Is.EqualTo(0UL));

        client.SendNewOrder(Buy(1));
        var ack = received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "ExecutionReportNew for order 1");
        Assert.That(ack.Seq, Is.EqualTo(1UL));
        Assert.That(ack.New().LeavesQty, Is.EqualTo(100));
        Assert.That(ack.New().Account, Is.EqualTo(21U));
        Assert.That(ack.New().OrdStatus, Is.EqualTo(OrdStatus.New));

        client.Terminate();
        Assert.That(client.State, Is.EqualTo(ClientState.Terminated));
        Assert.That(client.TerminateReason, Is.EqualTo((ushort)GatewayReason.Finished));
        Assert.That(received.Events.Select(e => e.Kind), Does.Contain(SessionEventKind.Terminated));
        Wait.Until(() => h.Gateway.Statistics.ByReason(GatewayReason.Finished) == 1, "the gateway to count the finished session");
    }

    [Test]
    public void A_wrong_secret_is_refused_with_NegotiationReject_recorded_and_disconnected()
    {
        using var h = new GatewayHarness();
        var received = new RecordingListener();
        var client = h.Client(h.ClientOptions(MarketMaker, secret: "not-the-secret"), received);

        var refused = Assert.Throws<OrderEntrySessionException>(() => client.Connect())!;

        Assert.That(refused.ReasonCode, Is.EqualTo((ushort)GatewayReason.InvalidCredentials));
        Assert.That(received.Events.Select(e => e.Kind), Does.Contain(SessionEventKind.NegotiationRejected));
        Assert.That(h.Gateway.Statistics.NegotiationRejects, Is.EqualTo(1));
        var record = h.Gateway.Statistics.RecentNegotiationRejections.Single();
        Assert.That(record.ParticipantId, Is.EqualTo(MarketMaker.Id));
        Assert.That(record.Reason, Is.EqualTo(GatewayReason.InvalidCredentials));
        Assert.That(h.LogLines, Has.Some.Contains("negotiation rejected").And.Contains("participant 1"));
    }

    [Test]
    public void An_unknown_participant_is_refused_and_the_peer_is_disconnected()
    {
        using var h = new GatewayHarness();
        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        peer.Send(Frames.Negotiate(MarketMaker with { Id = 99 }, NewSessionId()));

        var reject = NegotiationRejectDecoder.Wrap(peer.ReadMessage() ?? throw new AssertionException("no answer"));
        Assert.That(reject.ReasonCode, Is.EqualTo((ushort)GatewayReason.UnknownParticipant));
        Assert.That(peer.WaitClosedByPeer(TimeSpan.FromSeconds(20)), Is.True, "the gateway closes the connection after NegotiationReject");
        Assert.That(h.Gateway.Statistics.RecentNegotiationRejections.Single().ParticipantId, Is.EqualTo(99));
    }

    [Test]
    public void Establish_before_Negotiate_is_refused()
    {
        using var h = new GatewayHarness();
        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        peer.Send(Frames.Establish(NewSessionId(), 1));

        var reject = EstablishmentRejectDecoder.Wrap(peer.ReadMessage() ?? throw new AssertionException("no answer"));
        Assert.That(reject.ReasonCode, Is.EqualTo((ushort)GatewayReason.NotNegotiated));
        Assert.That(peer.WaitClosedByPeer(TimeSpan.FromSeconds(20)), Is.True);
    }

    [Test]
    public void An_application_message_before_Establish_terminates_the_session()
    {
        using var h = new GatewayHarness();
        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        peer.Send(Frames.Negotiate(Taker, NewSessionId()));
        Assert.That(BitConverter.ToUInt16(peer.ReadMessage()!, 2), Is.EqualTo(NegotiationResponseDecoder.SbeTemplateId));

        peer.Send(Frames.NewOrder(1, 1, 21, Acme, AcmeRef, 10));

        var terminate = TerminateDecoder.Wrap(peer.ReadUntil(TerminateDecoder.SbeTemplateId) ?? throw new AssertionException("no Terminate"));
        Assert.That(terminate.ReasonCode, Is.EqualTo((ushort)GatewayReason.NotEstablished));
        Assert.That(peer.WaitClosedByPeer(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(h.Journaled().Count(i => i.Kind == TradeX.Core.InputKind.NewOrder), Is.Zero, "nothing reached the engine");
    }

    [Test]
    public void A_second_Negotiate_on_an_established_session_terminates_it()
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);

        var refused = Assert.Throws<OrderEntrySessionException>(() => client.Negotiate())!;

        Assert.That(refused.ReasonCode, Is.EqualTo((ushort)GatewayReason.AlreadyNegotiated));
        Assert.That(client.TerminateReason, Is.EqualTo((ushort)GatewayReason.AlreadyNegotiated));
        Assert.That(h.Gateway.Statistics.ByReason(GatewayReason.AlreadyNegotiated), Is.EqualTo(1));
    }

    [Test]
    public void A_sequence_gap_terminates_that_session_and_another_session_keeps_trading()
    {
        using var h = new GatewayHarness();
        var (gapped, gappedReceived) = h.Connect(Taker);
        var (other, otherReceived) = h.Connect(MarketMaker);

        gapped.SendNewOrder(Buy(1));
        gappedReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "order 1 accepted");
        gapped.TakeSeqNo(); // number 2 is never sent
        gapped.SendNewOrder(Buy(3));

        gappedReceived.WaitForEvent(SessionEventKind.Terminated, "Terminate for the gap");
        Assert.That(gapped.TerminateReason, Is.EqualTo((ushort)GatewayReason.SequenceGap));
        Assert.That(gappedReceived.Messages.Any(m => m.Id == 3), Is.False, "the message after the gap was not applied");

        other.SendNewOrder(new NewOrderRequest(7, 11, Acme, Side.Sell, 5, AcmeRef + 10 * Tick));
        otherReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 7, "the other session's order accepted");
        Assert.That(other.State, Is.EqualTo(ClientState.Established));
    }

    [Test]
    public void A_heartbeat_announcing_a_higher_sequence_number_is_a_gap()
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);
        client.SendRaw(Frames.Sequence(5));
        received.WaitForEvent(SessionEventKind.Terminated, "Terminate for the gap");
        Assert.That(client.TerminateReason, Is.EqualTo((ushort)GatewayReason.SequenceGap));
    }

    [Test]
    public void The_gateway_sends_heartbeats_when_quiet_and_terminates_a_session_whose_keep_alive_lapsed()
    {
        using var h = new GatewayHarness(manualClock: true);
        var (client, received) = h.Connect(Taker, configure: o => o with { KeepAliveMillis = 1_000, SendHeartbeats = false, DetectPeerLapse = false });
        Assert.That(client.KeepAliveMillis, Is.EqualTo(1_000U));

        h.Clock!.Advance(TimeSpan.FromMilliseconds(1_100));
        Wait.Until(() => client.HeartbeatsReceived >= 1, "a Sequence heartbeat from the quiet gateway");
        Assert.That(client.State, Is.EqualTo(ClientState.Established), "one quiet interval is not a lapse");

        h.Clock.Advance(TimeSpan.FromMilliseconds(1_000));
        received.WaitForEvent(SessionEventKind.Terminated, "Terminate for the lapsed keep-alive");
        Assert.That(client.TerminateReason, Is.EqualTo((ushort)GatewayReason.KeepAliveLapsed));
        Assert.That(h.Gateway.Statistics.ByReason(GatewayReason.KeepAliveLapsed), Is.EqualTo(1));
    }

    [Test]
    public void A_connection_that_never_completes_the_handshake_is_terminated()
    {
        using var h = new GatewayHarness(manualClock: true);
        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        Wait.Until(() => h.Gateway.Statistics.ConnectionsAccepted == 1, "the connection to be accepted");

        h.Clock!.Advance(h.Options.HandshakeTimeout + TimeSpan.FromSeconds(1));

        var terminate = TerminateDecoder.Wrap(peer.ReadUntil(TerminateDecoder.SbeTemplateId) ?? throw new AssertionException("no Terminate"));
        Assert.That(terminate.ReasonCode, Is.EqualTo((ushort)GatewayReason.HandshakeTimeout));
    }

    [Test]
    public void A_session_id_held_by_a_live_connection_or_another_participant_is_refused()
    {
        using var h = new GatewayHarness();
        ulong sessionId = NewSessionId();
        h.Connect(Taker, sessionId);

        var second = h.Client(h.ClientOptions(Taker, sessionId), new RecordingListener());
        Assert.That(Assert.Throws<OrderEntrySessionException>(() => second.Connect())!.ReasonCode, Is.EqualTo((ushort)GatewayReason.SessionInUse));

        var thief = h.Client(h.ClientOptions(MarketMaker, sessionId), new RecordingListener());
        Assert.That(Assert.Throws<OrderEntrySessionException>(() => thief.Connect())!.ReasonCode, Is.EqualTo((ushort)GatewayReason.SessionInUse));
    }

    [Test]
    public void Reconnecting_resumes_both_sequences_and_the_missed_execution_report_is_retransmitted()
    {
        using var h = new GatewayHarness();
        ulong sessionId = NewSessionId();
        var (taker, takerReceived) = h.Connect(Taker, sessionId);
        var (maker, makerReceived) = h.Connect(MarketMaker);

        taker.SendNewOrder(Buy(1, price: AcmeRef));
        takerReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "the taker's resting buy");
        taker.Disconnect();
        Wait.Until(() => h.Gateway.Statistics.ByReason(GatewayReason.ConnectionLost) >= 1, "the gateway to notice the drop");

        // While the taker is away its order trades: the fill goes to its session's history.
        maker.SendNewOrder(new NewOrderRequest(50, 11, Acme, Side.Sell, 60, AcmeRef));
        makerReceived.WaitFor(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId && m.Id == 50, "the maker's fill");

        taker.Reconnect();

        Assert.That(taker.LastProcessedByGateway, Is.EqualTo(1UL), "the gateway processed the taker's message 1");
        Assert.That(taker.GatewayNextSeqNoAtEstablish, Is.EqualTo(3UL), "the gateway sent 2 messages, one while the taker was away");
        Assert.That(taker.NextSeqNo, Is.EqualTo(2UL));
        var replay = takerReceived.WaitFor(m => m.Template == ExecutionReportTradeDecoder.SbeTemplateId, "the missed fill, retransmitted");
        Assert.That(replay.Seq, Is.EqualTo(2UL));
        Assert.That(replay.Retransmitted, Is.True);
        Assert.That(replay.Trade().LastQty, Is.EqualTo(60));
        Assert.That(replay.Trade().CumQty, Is.EqualTo(60));
        Assert.That(replay.Trade().LeavesQty, Is.EqualTo(40));
        Assert.That(replay.Trade().OrdStatus, Is.EqualTo(OrdStatus.PartiallyFilled));

        taker.SendNewOrder(Buy(2));
        var live = takerReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 2, "the next order after the reconnect");
        Assert.That(live.Seq, Is.EqualTo(3UL));
        Assert.That(live.Retransmitted, Is.False);
    }

    [Test]
    public void An_order_resent_with_a_sequence_number_already_processed_is_not_applied_twice()
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(Taker);
        ulong seq = client.TakeSeqNo();
        var order = Frames.NewOrder(seq, 1, 21, Acme, AcmeRef - 10 * Tick, 10);
        client.SendRaw(order);
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "the order accepted");

        client.SendRaw(order); // a client resending after a doubt: same number, same order
        client.SendNewOrder(Buy(2));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 2, "the next order");

        Assert.That(received.Messages.Count(m => m.Id == 1), Is.EqualTo(1), "one answer for order 1, no duplicate reject");
        Assert.That(h.Gateway.Statistics.DuplicatesIgnored, Is.EqualTo(1));
        Assert.That(h.Journaled().Count(i => i.Kind == TradeX.Core.InputKind.NewOrder && i.NewOrder.ClientOrderId.Value == 1), Is.EqualTo(1));
    }

    [Test]
    public void A_message_lost_on_the_way_in_is_resent_after_the_reconnect_and_applied_once()
    {
        using var h = new GatewayHarness();
        using var proxy = new CuttableProxy(h.Gateway.LocalEndPoint);
        var received = new RecordingListener();
        var client = h.Client(h.ClientOptions(Taker) with { Endpoint = proxy.Endpoint }, received);
        client.Connect();
        client.SendNewOrder(Buy(1));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "order 1 accepted");

        proxy.DropClientBytes();
        client.SendNewOrder(Buy(2)); // sent, but never reaches the gateway
        proxy.Cut();
        received.WaitForEvent(SessionEventKind.Disconnected, "the cut");
        client.Reconnect();

        Assert.That(client.LastProcessedByGateway, Is.EqualTo(1UL));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 2, "order 2, resent after the reconnect");
        client.SendNewOrder(Buy(3));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 3, "order 3");
        Assert.That(h.Journaled().Count(i => i.Kind == TradeX.Core.InputKind.NewOrder && i.NewOrder.ClientOrderId.Value == 2), Is.EqualTo(1));
    }

    [Test]
    public void Establish_announcing_a_next_sequence_number_already_processed_is_refused()
    {
        using var h = new GatewayHarness();
        ulong sessionId = NewSessionId();
        var (client, received) = h.Connect(Taker, sessionId);
        client.SendNewOrder(Buy(1));
        client.SendNewOrder(Buy(2));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 2, "both orders");
        client.Disconnect();
        Wait.Until(() => h.Gateway.Statistics.ByReason(GatewayReason.ConnectionLost) >= 1, "the gateway to notice the drop");

        using var peer = new RawPeer(h.Gateway.LocalEndPoint);
        peer.Send(Frames.Negotiate(Taker, sessionId));
        Assert.That(BitConverter.ToUInt16(peer.ReadMessage()!, 2), Is.EqualTo(NegotiationResponseDecoder.SbeTemplateId));
        peer.Send(Frames.Establish(sessionId, nextSeqNo: 2));

        var reject = EstablishmentRejectDecoder.Wrap(peer.ReadMessage() ?? throw new AssertionException("no answer"));
        Assert.That(reject.ReasonCode, Is.EqualTo((ushort)GatewayReason.NextSeqNoTooLow));
    }

    [Test]
    public void Retransmission_beyond_the_bounded_history_or_beyond_what_was_sent_is_refused_with_the_reason()
    {
        using var h = new GatewayHarness(configure: o => o with { HistoryMessages = 16, MaxRetransmitCount = 8 });
        var (client, received) = h.Connect(Taker, configure: o => o with { AutoRetransmit = false });
        for (ulong id = 1; id <= 40; id++) client.SendNewOrder(Buy(id, quantity: 1));
        received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 40, "all 40 orders");

        client.RequestRetransmission(1, 5);
        client.RequestRetransmission(39, 5);
        client.RequestRetransmission(20, 10);
        client.RequestRetransmission(30, 3);

        Wait.Until(() => received.Events.Count(e => e.Kind == SessionEventKind.RetransmitRejected) == 3, "three RetransmitRejects");
        var codes = received.Events.Where(e => e.Kind == SessionEventKind.RetransmitRejected).Select(e => (GatewayReason)e.ReasonCode);
        Assert.That(codes, Is.EqualTo(new[] { GatewayReason.RetransmitBeyondHistory, GatewayReason.RetransmitBeyondLastSent, GatewayReason.RetransmitTooLarge }));
        Wait.Until(() => received.Messages.Count(m => m.Retransmitted) == 3, "messages 30..32 replayed");
        Assert.That(received.Messages.Where(m => m.Retransmitted).Select(m => m.Seq), Is.EqualTo(new ulong[] { 30, 31, 32 }));
        Assert.That(received.Messages.Where(m => m.Retransmitted).Select(m => m.Id), Is.EqualTo(new ulong[] { 30, 31, 32 }));
    }
}
