using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class OrderingTests
{
    private const int Producers = 3;
    private const long PerProducer = 1_000_000;

    [Test]
    public void Three_producers_times_a_million_events_arrive_none_lost_none_duplicated_in_sequence_order()
    {
        var ring = RingBuffer<TestEntry>.CreateMultiProducer(1024, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var checker = new OrderCheckingHandler(Producers);
        graph.Add("consumer", checker);
        Assert.That(graph.Start(Eventually.Generous), Is.True);

        // Each producer uses a different claim path: single Claim, batch Claim(n), and TryClaim with retry.
        var threads = new[]
        {
            new Thread(() => { for (long i = 0; i < PerProducer; i++) Publish.One(ring, 0, i); }),
            new Thread(() => ProduceInBatches(ring, 1)),
            new Thread(() => ProduceWithTryClaim(ring, 2)),
        };
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.That(t.Join(TimeSpan.FromMinutes(2)), Is.True, "producers should finish");

        Eventually.Until(() => checker.Handled == Producers * PerProducer || checker.Violation is not null, "every event is handled");
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(checker.Violation, Is.Null);
            Assert.That(checker.Handled, Is.EqualTo(Producers * PerProducer));
            Assert.That(checker.LastSequence, Is.EqualTo((Producers * PerProducer) - 1));
            for (int p = 0; p < Producers; p++)
            {
                Assert.That(checker.PerProducer(p), Is.EqualTo(PerProducer), $"producer {p}");
            }
        });
    }

    private static void ProduceInBatches(RingBuffer<TestEntry> ring, int producer)
    {
        long next = 0;
        int size = 1;
        while (next < PerProducer)
        {
            int batch = (int)Math.Min(size, PerProducer - next);
            long high = ring.Claim(batch);
            long low = high - batch + 1;
            for (long s = low; s <= high; s++)
            {
                ref TestEntry e = ref ring[s];
                e.Producer = producer;
                e.ProducerCount = next++;
            }
            ring.Publish(low, high);
            size = (size % 17) + 1; // batch sizes cycle through 1..17
        }
    }

    private static void ProduceWithTryClaim(RingBuffer<TestEntry> ring, int producer)
    {
        for (long i = 0; i < PerProducer; i++)
        {
            long sequence;
            while (!ring.TryClaim(out sequence))
            {
                Thread.Yield(); // busy: a gateway would reject; this producer retries
            }
            ref TestEntry e = ref ring[sequence];
            e.Producer = producer;
            e.ProducerCount = i;
            ring.Publish(sequence);
        }
    }
}
