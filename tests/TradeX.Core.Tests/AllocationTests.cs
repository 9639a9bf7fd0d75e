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

    [Test]
    public void Venue_sessions_going_down_and_up_walk_the_routed_parents_without_allocating()
    {
        var d = new EngineDriver();
        d.Instrument(1, "ACME", reference: "100");
        d.Account(10, participant: 1, cash: 1_000_000_000);
        d.Venue(1, "ARCA");
        d.Venue(2, "BATS", fee: "-0.001");
        for (int i = 0; i < 200; i++) d.Routed(10, 1, Side.Buy, "99", 100); // each rests as a day child at the home venue
        Assert.That(d.Events.Count(EventKind.VenueOrderRequested), Is.EqualTo(200));
        for (int i = 0; i < 10; i++) { d.VenueSession(2, up: false); d.VenueSession(2, up: true); }

        var inputs = new List<EngineInput>();
        long sequence = d.Engine.LastSequence;
        for (int i = 0; i < 2_000; i++)
        {
            var input = EngineInput.Of(new VenueSessionStatus { Venue = new VenueId(1 + i % 2), Up = i % 4 >= 2 });
            input.Sequence = ++sequence;
            input.Time = d.Time;
            inputs.Add(input);
        }
        // The same state in an engine whose sink keeps nothing (the driver's sink grows a list).
        var sink = new CountingSink();
        var engine = d.Replay(sink);
        long eventsBefore = sink.Count;
        var measured = inputs.ToArray();
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (ref readonly var input in measured.AsSpan()) engine.Apply(in input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, "bytes allocated by 2,000 session changes over 200 parents");
        Assert.That(sink.Count - eventsBefore, Is.EqualTo(2_000), "one VenueSessionChanged each");
        Assert.That(engine.CheckInvariants(), Is.Empty);
    }
}
