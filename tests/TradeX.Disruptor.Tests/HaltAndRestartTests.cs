using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class HaltAndRestartTests
{
    [Test]
    public void Halt_under_load_finishes_and_a_restart_handles_every_published_entry_exactly_once()
    {
        const int producers = 2;
        var ring = RingBuffer<TestEntry>.CreateMultiProducer(256, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var checker = new OrderCheckingHandler(producers);
        var stage = graph.Add("consumer", checker);
        Assert.That(graph.Start(Eventually.Generous), Is.True);

        var published = new long[producers];
        long busy = 0;
        bool stop = false;
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                if (!ring.TryClaim(out long sequence))
                {
                    Interlocked.Increment(ref busy);
                    Thread.Yield();
                    continue;
                }
                ref TestEntry e = ref ring[sequence];
                e.Producer = p;
                e.ProducerCount = published[p];
                ring.Publish(sequence);
                Volatile.Write(ref published[p], published[p] + 1);
            }
        })).ToArray();
        foreach (var t in threads) t.Start();

        Eventually.Until(() => checker.Handled > 50_000, "the consumer is under load");
        Assert.That(stage.Halt(Eventually.Generous), Is.True, "halt under load must finish");
        Assert.That(stage.IsRunning, Is.False);
        long haltedAt = stage.Sequence.Value;
        Assert.That(checker.LastSequence, Is.EqualTo(haltedAt), "the stage's sequence is exactly what it handled");

        // With the consumer halted the producers fill the ring and get "busy", never overwrite.
        long busyBefore = Interlocked.Read(ref busy);
        Eventually.Until(() => Interlocked.Read(ref busy) > busyBefore + 100, "producers see busy while the consumer is halted");
        Assert.That(ring.Cursor - haltedAt, Is.EqualTo(ring.BufferSize), "the ring is exactly full");

        Volatile.Write(ref stop, true);
        foreach (var t in threads) Assert.That(t.Join(Eventually.Generous), Is.True);

        Assert.That(stage.Start(Eventually.Generous), Is.True, "the stage restarts");
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(checker.Violation, Is.Null);
            Assert.That(checker.Handled, Is.EqualTo(published.Sum()), "every published entry handled once");
            Assert.That(checker.LastSequence, Is.EqualTo(ring.Cursor));
            for (int p = 0; p < producers; p++)
            {
                Assert.That(checker.PerProducer(p), Is.EqualTo(published[p]), $"producer {p}");
            }
        });
    }

    [Test]
    public void A_stage_halted_and_restarted_three_times_keeps_its_position()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var checker = new OrderCheckingHandler(1);
        var stage = graph.Add("consumer", checker);
        for (int round = 0; round < 3; round++)
        {
            Assert.That(stage.Start(Eventually.Generous), Is.True);
            for (int i = 0; i < 10; i++)
            {
                Publish.One(ring, 0, (round * 10) + i);
            }
            Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True, $"round {round}");
        }
        Assert.That(checker.Violation, Is.Null);
        Assert.That(checker.Handled, Is.EqualTo(30));
        Assert.That(stage.IsRunning, Is.False);
    }

    [Test]
    public void Starting_a_running_stage_is_refused()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var stage = graph.Add("consumer", new CountingHandler());
        Assert.That(stage.Start(Eventually.Generous), Is.True);
        Assert.Throws<InvalidOperationException>(() => stage.Start(Eventually.Generous));
        Assert.Throws<InvalidOperationException>(() => stage.Processor.Run());
        Assert.That(graph.Halt(Eventually.Generous), Is.True);
    }
}
