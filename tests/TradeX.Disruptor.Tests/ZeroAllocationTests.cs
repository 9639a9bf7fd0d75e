using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class ZeroAllocationTests
{
    private sealed class AllocationMeasuringHandler(long first, long last) : IEventHandler<TestEntry>
    {
        private long _before;

        public long Allocated { get; private set; } = -1;

        public long Sum { get; private set; }

        public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
        {
            if (sequence == first)
            {
                _before = GC.GetAllocatedBytesForCurrentThread();
            }
            Sum += data.Payload;
            if (sequence == last)
            {
                Allocated = GC.GetAllocatedBytesForCurrentThread() - _before;
            }
        }
    }

    [TestCase(ProducerType.Single, WaitStrategyKind.Yielding)]
    [TestCase(ProducerType.Multi, WaitStrategyKind.Yielding)]
    [TestCase(ProducerType.Multi, WaitStrategyKind.Blocking)]
    public void Claim_publish_and_handling_allocate_nothing(ProducerType type, WaitStrategyKind kind)
    {
        const long warmUp = 200_000;
        const long measured = 1_000_000;
        var ring = RingBuffer<TestEntry>.Create(type, 1024, WaitStrategies.Create(kind));
        var graph = new StageGraph<TestEntry>(ring);
        var handler = new AllocationMeasuringHandler(warmUp, warmUp + measured - 1);
        graph.Add("consumer", handler);
        Assert.That(graph.Start(Eventually.Generous), Is.True);

        ProduceAll(ring, warmUp); // JIT and tiering settle first
        long before = GC.GetAllocatedBytesForCurrentThread();
        ProduceAll(ring, measured);
        long producerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(graph.DrainAndHalt(Eventually.Generous), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(producerAllocated, Is.Zero, "bytes allocated by the producer over a million claims");
            Assert.That(handler.Allocated, Is.Zero, "bytes allocated on the consumer thread over a million entries");
            Assert.That(handler.Sum, Is.EqualTo((warmUp + measured) * 3), "every entry was really handled");
        });
    }

    private static void ProduceAll(RingBuffer<TestEntry> ring, long count)
    {
        for (long i = 0; i < count; i++)
        {
            long sequence;
            if ((i & 1) == 0)
            {
                sequence = ring.Claim();
            }
            else
            {
                while (!ring.TryClaim(out sequence))
                {
                    Thread.Yield();
                }
            }
            ring[sequence].Payload = 3;
            ring.Publish(sequence);
        }
    }
}
