using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

/// <summary>Long runs, only with TRADEX_LONG_TESTS=1 (./run.sh test --long).</summary>
public sealed class SoakTests
{
    [SetUp]
    public void LongOnly()
    {
        if (Environment.GetEnvironmentVariable("TRADEX_LONG_TESTS") != "1")
        {
            Assert.Ignore("soak test: set TRADEX_LONG_TESTS=1 to run it");
        }
    }

    [Test]
    public void Three_producers_through_a_gated_graph_with_repeated_halts_and_restarts_lose_nothing()
    {
        const int producers = 3;
        const long perProducer = 10_000_000;
        var ring = RingBuffer<TestEntry>.CreateMultiProducer(4096, new YieldingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var journal = graph.Add("journal", new CountingHandler());
        var replication = graph.Add("replication", new CountingHandler());
        var checker = new OrderCheckingHandler(producers);
        var engine = graph.Add("engine", checker, after: [journal, replication]);
        Assert.That(graph.Start(Eventually.Generous), Is.True);

        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (long i = 0; i < perProducer; i++)
            {
                Publish.One(ring, p, i);
            }
        })).ToArray();
        foreach (var t in threads) t.Start();

        var random = new Random(7);
        int restarts = 0;
        while (threads.Any(t => t.IsAlive))
        {
            Thread.Sleep(random.Next(10, 200));
            Stage<TestEntry> victim = random.Next(3) switch { 0 => journal, 1 => replication, _ => engine };
            Assert.That(victim.Halt(Eventually.Generous), Is.True);
            Thread.Sleep(random.Next(0, 20));
            Assert.That(victim.Start(Eventually.Generous), Is.True);
            restarts++;
        }

        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(restarts, Is.GreaterThan(0));
            Assert.That(checker.Violation, Is.Null);
            Assert.That(checker.Handled, Is.EqualTo(producers * perProducer));
        });
    }
}
