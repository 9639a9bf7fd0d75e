using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class GatingTests
{
    private sealed class SlowStage(int sleepEvery, Random random) : IEventHandler<TestEntry>
    {
        private long _done = -1;

        public long Done => Volatile.Read(ref _done);

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
            if (sequence % sleepEvery == 0)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.SpinWait(random.Next(50));
            }
            Volatile.Write(ref _done, sequence);
        }
    }

    private sealed class GatedStage(SlowStage journal, SlowStage replication, int producers) : IEventHandler<TestEntry>
    {
        public readonly OrderCheckingHandler Order = new(producers);

        public string? Overtook { get; private set; }

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
            long j = journal.Done;
            long r = replication.Done;
            if (j < sequence || r < sequence)
            {
                Overtook ??= $"engine saw {sequence} when the journal had done {j} and replication {r}";
            }
            Order.OnEvent(ref data, sequence, endOfBatch);
        }
    }

    [TestCase("blocking")]
    [TestCase("yielding")]
    [TestCase("sleeping")]
    public void A_stage_gated_on_two_slower_stages_never_overtakes_either(string waitStrategy)
    {
        const int producers = 2;
        const int perProducer = 4_000;
        Assert.That(WaitStrategies.TryParse(waitStrategy, out var strategy, out var error), Is.True, error);
        var ring = RingBuffer<TestEntry>.CreateMultiProducer(64, strategy!);
        var graph = new StageGraph<TestEntry>(ring);
        var journal = new SlowStage(97, new Random(1));
        var replication = new SlowStage(89, new Random(2));
        var engine = new GatedStage(journal, replication, producers);
        var j = graph.Add("journal", journal);
        var r = graph.Add("replication", replication);
        graph.Add("engine", engine, after: [j, r]);
        Assert.That(graph.Start(Eventually.Generous), Is.True);

        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (int i = 0; i < perProducer; i++) Publish.One(ring, p, i);
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.That(t.Join(TimeSpan.FromMinutes(2)), Is.True);

        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True, "the graph drains");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Overtook, Is.Null);
            Assert.That(engine.Order.Violation, Is.Null);
            Assert.That(engine.Order.Handled, Is.EqualTo(producers * perProducer));
            Assert.That(journal.Done, Is.EqualTo((producers * perProducer) - 1));
            Assert.That(replication.Done, Is.EqualTo((producers * perProducer) - 1));
        });
    }

    [Test]
    public void Producers_gate_on_the_last_stage_not_on_the_first()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(4, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var first = graph.Add("first", new CountingHandler());
        var blocker = new ManualResetEventSlim(false);
        var last = graph.Add("last", new BlockingHandler(blocker), after: [first]);
        Assert.That(graph.Start(Eventually.Generous), Is.True);

        for (int i = 0; i < 4; i++)
        {
            Assert.That(ring.TryClaim(out long s), Is.True);
            ring.Publish(s);
        }
        Eventually.Until(() => first.Sequence.Value == 3, "the first stage handled all four");
        Assert.That(ring.TryClaim(out _), Is.False, "the last stage still holds slot 0, so the ring is full");
        Assert.That(last.Sequence.Value, Is.LessThan(3));

        blocker.Set();
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(ring.TryClaim(out _), Is.True);
    }

    [Test]
    public void Adding_a_stage_after_one_from_another_graph_is_refused()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(4, new YieldingWaitStrategy());
        var other = new StageGraph<TestEntry>(RingBuffer<TestEntry>.CreateSingleProducer(4, new YieldingWaitStrategy())).Add("x", new CountingHandler());
        var graph = new StageGraph<TestEntry>(ring);
        Assert.Throws<ArgumentException>(() => graph.Add("y", new CountingHandler(), after: [other]));
        graph.Add("y", new CountingHandler());
        Assert.Throws<ArgumentException>(() => graph.Add("y", new CountingHandler()), "duplicate names are refused");
    }

    private sealed class BlockingHandler(ManualResetEventSlim gate) : IEventHandler<TestEntry>
    {
        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch) => gate.Wait();
    }
}
