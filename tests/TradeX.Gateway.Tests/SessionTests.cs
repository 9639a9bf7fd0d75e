using TradeX.Gateway.Tests.Support;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;
using static TradeX.Gateway.Tests.Support.GatewayHarness;

namespace TradeX.Gateway.Tests;

public sealed class SessionTests
{
    [Test]
    public void Negotiate_establish_trade_and_terminate_over_loopback()
    {
        using var h = new GatewayHarness();
        var (client, received) = h.Connect(MarketMaker);
        Assert.That(client.State, Is.EqualTo(ClientState.Established));
        Assert.That(client.GatewayNextSeqNoAtEstablish, Is.EqualTo(1UL));
        Assert.That(client.LastProcessedByGateway, Is.EqualTo(0UL));

        client.SendNewOrder(new NewOrderRequest(1, 11, Acme, Side.Buy, 100, AcmeRef));
        var ack = received.WaitFor(ExecutionReportNewDecoder.SbeTemplateId, 1, "ExecutionReportNew for order 1");
        Assert.That(ack.Seq, Is.EqualTo(1UL));
        Assert.That(ack.New().LeavesQty, Is.EqualTo(100));
        Assert.That(ack.New().Account, Is.EqualTo(11U));

        client.Terminate();
        Assert.That(client.State, Is.EqualTo(ClientState.Terminated));
        Assert.That(client.TerminateReason, Is.EqualTo((ushort)GatewayReason.Finished));
        Assert.That(received.Events.Select(e => e.Kind), Does.Contain(SessionEventKind.Terminated));
    }
}
