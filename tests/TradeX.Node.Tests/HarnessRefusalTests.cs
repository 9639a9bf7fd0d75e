using TradeX.Core;
using TradeX.Gateway;
using TradeX.Gateway.Latency;

namespace TradeX.Node.Tests;

/// <summary>The gateway latency harness counts each refused order by its real reason (bench/RESULTS.md, issue 6 correction).</summary>
public sealed class HarnessRefusalTests
{
    [Test]
    public void The_gateway_harness_counts_engine_rejects_input_ring_refusals_and_gateway_refusals_apart()
    {
        var session1 = new RefusalTally();
        var session2 = new RefusalTally();
        for (int i = 0; i < 5; i++) session1.Count((ushort)RejectReason.BuyingPower);
        session1.Count((ushort)GatewayReason.EngineBusy);
        session2.Count((ushort)GatewayReason.EngineBusy);
        session2.Count((ushort)GatewayReason.Throttled);
        session2.Count((ushort)RejectReason.OrderCapacity);

        var all = new RefusalTally();
        all.Add(session1);
        all.Add(session2);
        Assert.That((all.ByEngine, all.InputRingBusy, all.ByGatewayOtherwise, all.Total), Is.EqualTo((6L, 2L, 1L, 9L)));
        Assert.That(all[(ushort)RejectReason.BuyingPower], Is.EqualTo(5));
        Assert.That(all.Describe(), Is.EqualTo(
            "14 insufficient buying power 5; 23 order capacity exhausted 1; 1109 engine busy: input ring full, nothing queued 2; 1108 throttle limit exceeded 1"));
        Assert.That(new RefusalTally().Describe(), Is.EqualTo("none"));
    }
}
