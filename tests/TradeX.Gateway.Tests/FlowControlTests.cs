using TradeX.Pipeline;
using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;

namespace TradeX.Gateway.Tests;

/// <summary>The throttle and the bounded send buffer: limits with a defined answer, for one session only.</summary>
[TestFixture(ThreadingMode.Dedicated)]
[TestFixture(ThreadingMode.Shared)]
[TestFixture(ThreadingMode.Single)]
public sealed class FlowControlTests(ThreadingMode threading)
{
    [Test]
    public void Messages_beyond_the_participants_rate_are_rejected_with_the_throttle_reason_until_time_moves_on()
    {
        using var h = new GatewayHarness(manualClock: true, threading: threading); // frozen time: the count is exact
        var (client, received) = h.Connect(Throttled, configure: o => o with { DetectPeerLapse = false });
        var (other, otherReceived) = h.Connect(Taker, configure: o => o with { DetectPeerLapse = false });

        for (ulong id = 1; id <= 30; id++) client.SendNewOrder(new NewOrderRequest(id, 41, Acme, Side.Buy, 1, AcmeRef - 20 * Tick));
        for (ulong id = 1; id <= 30; id++) other.SendNewOrder(new NewOrderRequest(id, 21, Acme, Side.Buy, 1, AcmeRef - 20 * Tick));
        Wait.Until(() => received.Messages.Count == 30 && otherReceived.Messages.Count == 30, "every order answered");

        Assert.That(received.Messages.Count(m => m.Template == ExecutionReportNewDecoder.SbeTemplateId), Is.EqualTo(10), "10 messages per second");
        var throttled = received.Messages.Where(m => m.Template == ExecutionReportRejectedDecoder.SbeTemplateId).ToList();
        Assert.That(throttled, Has.Count.EqualTo(20));
        Assert.That(throttled.Select(m => m.Reason), Is.All.EqualTo((ushort)GatewayReason.Throttled));
        Assert.That(throttled.Select(m => m.Id), Is.EqualTo(Enumerable.Range(11, 20).Select(i => (ulong)i)), "the first ten pass, the rest are refused");
        Assert.That(otherReceived.Messages.Select(m => m.Template), Is.All.EqualTo(ExecutionReportNewDecoder.SbeTemplateId), "an unthrottled participant is not limited");
        Assert.That(h.Gateway.Statistics.ByReason(GatewayReason.Throttled), Is.EqualTo(20));

        h.Clock!.Advance(TimeSpan.FromMilliseconds(300));
        for (ulong id = 31; id <= 35; id++) client.SendNewOrder(new NewOrderRequest(id, 41, Acme, Side.Buy, 1, AcmeRef - 20 * Tick));
        Wait.Until(() => received.Messages.Count == 35, "the next five answered");
        Assert.That(received.Messages.Skip(30).Count(m => m.Template == ExecutionReportNewDecoder.SbeTemplateId), Is.EqualTo(3),
            "300 ms later three more fit (one every 100 ms)");
    }

    [Test]
    public void A_client_that_stops_reading_is_disconnected_when_its_send_buffer_fills_and_another_session_is_unaffected()
    {
        using var h = new GatewayHarness(configure: o => o with { SendBufferBytes = 8192, SocketSendBufferBytes = 4096 }, threading: threading);
        var (other, otherReceived) = h.Connect(MarketMaker);
        using var slow = new RawPeer(h.Gateway.LocalEndPoint, receiveBufferBytes: 4096);
        slow.Handshake(Taker, NewSessionId());

        // Immediate-or-cancel orders that find nothing: two execution reports each, never read.
        ulong sent = 0;
        while (h.Gateway.Statistics.SlowConsumerDisconnects == 0 && sent < 50_000)
        {
            sent++;
            if (!slow.TrySend(Frames.NewOrder(sent, sent, 21, Acme, AcmeRef - 50 * Tick, 1, timeInForce: 3))) break;
            if (sent % 500 == 0) Thread.Sleep(5);
        }

        Wait.Until(() => h.Gateway.Statistics.SlowConsumerDisconnects == 1, "the slow consumer to be disconnected");
        Assert.That(h.Gateway.Statistics.ByReason(GatewayReason.SlowConsumer), Is.EqualTo(1));
        Assert.That(slow.WaitClosedByPeer(TimeSpan.FromSeconds(30)), Is.True, "its connection is closed");
        Assert.That(h.LogLines, Has.Some.Contains("slow consumer"));

        other.SendNewOrder(new NewOrderRequest(1, 11, Acme, Side.Sell, 5, AcmeRef + 10 * Tick));
        otherReceived.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "the other session's order accepted");
        Assert.That(other.State, Is.EqualTo(ClientState.Established));
    }
}
