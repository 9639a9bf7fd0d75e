using TradeX.Core;

namespace TradeX.Core.Tests;

public sealed class AllocationTests
{
    [Test]
    public void A_warmed_engine_applies_100000_inputs_without_allocating_a_byte()
    {
        var sink = new CountingSink();
        var engine = new Engine(sink, SteadyFlow.Options);
        long sequence = 0, time = 1_767_603_600_000_000_000L, nextOrderId = 1;
        ulong nextClientOrderId = 1;
        int nextExec = 1;
        SteadyFlow.Setup(engine, ref sequence, time);
        var warmup = SteadyFlow.Generate(100_000, 1, ref sequence, ref time, ref nextClientOrderId, ref nextOrderId, ref nextExec);
        var measured = SteadyFlow.Generate(100_000, 2, ref sequence, ref time, ref nextClientOrderId, ref nextOrderId, ref nextExec);
        foreach (ref readonly var input in warmup.AsSpan()) engine.Apply(in input);
        long eventsBefore = sink.Count, tradesBefore = sink.Trades;

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (ref readonly var input in measured.AsSpan()) engine.Apply(in input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(sink.Trades - tradesBefore, Is.GreaterThan(1_000), "the measured flow really matched orders");
        Assert.That(sink.Count - eventsBefore, Is.GreaterThan(200_000));
        Assert.That(engine.CheckInvariants(), Is.Empty);
    }
}
