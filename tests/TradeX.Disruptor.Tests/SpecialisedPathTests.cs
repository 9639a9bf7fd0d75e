using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

/// <summary>The fast paths added for issue 14: a struct handler's own loop, the blocking strategy's futex parking, the full-ring back-off.</summary>
public sealed class SpecialisedPathTests
{
    private struct SummingHandler : IEventHandler<TestEntry>
    {
        public long Sum;
        public long Last;

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
            Sum += data.Payload;
            if (endOfBatch)
            {
                Volatile.Write(ref Last, sequence);
            }
        }
    }

    [TestCase(WaitStrategyKind.BusySpin)]
    [TestCase(WaitStrategyKind.Yielding)]
    [TestCase(WaitStrategyKind.Blocking)]
    public void A_struct_handler_in_its_own_loop_sees_every_entry_and_keeps_its_state(WaitStrategyKind kind)
    {
        const int count = 100_000;
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(64, WaitStrategies.Create(kind));
        var processor = new BatchEventProcessor<TestEntry, SummingHandler>("summer", ring, ring.NewBarrier(), default);
        ring.AddGatingSequences(processor.Sequence);
        var thread = new Thread(processor.Run) { IsBackground = true };
        thread.Start();
        for (int i = 0; i < count; i++)
        {
            Publish.One(ring, 0, i, payload: i);
        }
        Eventually.Until(() => processor.Sequence.Value == count - 1, "the consumer has handled every entry");
        processor.Halt();
        Assert.That(thread.Join(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(processor.Handler.Last, Is.EqualTo(count - 1), "the state written by OnEvent is the processor's copy");
            Assert.That(processor.Handler.Sum, Is.EqualTo((long)count * (count - 1) / 2));
        });
    }

    [Test]
    public void A_blocking_strategy_wakes_every_parked_stage_on_one_publish()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        var handlers = Enumerable.Range(0, 3).Select(_ => new OrderCheckingHandler(1)).ToArray();
        for (int i = 0; i < handlers.Length; i++)
        {
            graph.Add($"parked-{i}", handlers[i]);
        }
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        for (int round = 0; round < 50; round++)
        {
            Thread.Sleep(2); // every stage parks between rounds: each publish must wake all three
            Publish.One(ring, 0, round);
            Eventually.Until(() => handlers.All(h => h.Handled == round + 1), $"all three stages handled entry {round}");
        }
        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.That(handlers.Select(h => h.Violation), Is.All.Null);
    }

    [Test]
    public void A_parked_blocking_stage_halts_when_asked()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new BlockingWaitStrategy());
        var graph = new StageGraph<TestEntry>(ring);
        Stage<TestEntry> stage = graph.Add("idle", new OrderCheckingHandler(1));
        Assert.That(graph.Start(Eventually.Generous), Is.True);
        Thread.Sleep(20); // let it park
        Assert.That(graph.Halt(Eventually.Generous), Is.True);
        Assert.That(stage.IsRunning, Is.False);
    }

    [Test]
    public void A_blocking_wait_with_a_timeout_reports_the_timeout_while_nothing_arrives()
    {
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(16, new BlockingWaitStrategy(TimeSpan.FromMilliseconds(5)));
        SequenceBarrier barrier = ring.NewBarrier();
        Assert.That(barrier.WaitFor(0), Is.EqualTo(SequenceBarrier.TimedOut));
        Publish.One(ring, 0, 1);
        Assert.That(barrier.WaitFor(0), Is.EqualTo(0));
    }

    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void A_producer_held_back_by_a_full_ring_resumes_as_soon_as_the_consumer_frees_a_slot(ProducerType type)
    {
        var ring = RingBuffer<TestEntry>.Create(type, 4, new YieldingWaitStrategy());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        for (int i = 0; i < 4; i++)
        {
            Publish.One(ring, 0, i);
        }
        long claimed = -1;
        var producer = new Thread(() => Volatile.Write(ref claimed, ring.Claim())) { IsBackground = true };
        producer.Start();
        Thread.Sleep(20);
        Assert.That(Volatile.Read(ref claimed), Is.EqualTo(-1), "the ring is full: the claim waits");
        consumer.Value = 0;
        Assert.That(producer.Join(Eventually.Generous), Is.True);
        Assert.That(claimed, Is.EqualTo(4));
    }
}
