using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

public sealed class RingBufferClaimTests
{
    private static RingBuffer<TestEntry> Ring(ProducerType type, int size) => RingBuffer<TestEntry>.Create(type, size, new YieldingWaitStrategy());

    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void Ring_full_makes_TryClaim_report_busy_until_the_consumer_frees_a_slot(ProducerType type)
    {
        var ring = Ring(type, 8);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);

        for (int i = 0; i < 8; i++)
        {
            Assert.That(ring.TryClaim(out long sequence), Is.True, $"slot {i} of 8 should be free");
            ring[sequence].Payload = 100 + i;
            ring.Publish(sequence);
        }

        Assert.Multiple(() =>
        {
            Assert.That(ring.TryClaim(out long busy), Is.False, "a full ring must answer busy");
            Assert.That(busy, Is.EqualTo(Sequence.InitialValue));
            Assert.That(ring.TryClaim(2, out _), Is.False);
            Assert.That(ring.RemainingCapacity(), Is.Zero);
            Assert.That(ring.Cursor, Is.EqualTo(7), "a failed TryClaim claims nothing");
            Assert.That(ring[0].Payload, Is.EqualTo(100), "published entries are not overwritten");
        });

        consumer.Value = 0; // the consumer finished entry 0: exactly one slot is free again
        Assert.That(ring.TryClaim(out long next), Is.True);
        Assert.That(next, Is.EqualTo(8));
        ring.Publish(next);
        Assert.That(ring.TryClaim(out _), Is.False, "only one slot was freed");
    }

    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void Batch_claim_returns_the_highest_sequence_and_publishes_the_whole_range(ProducerType type)
    {
        var ring = Ring(type, 16);
        var barrier = ring.NewBarrier();
        long high = ring.Claim(5);
        Assert.That(high, Is.EqualTo(4));
        for (long s = 0; s <= high; s++)
        {
            Assert.That(ring.IsPublished(s), Is.False, $"sequence {s} is claimed, not published");
        }
        ring.Publish(high - 4, high);
        for (long s = 0; s <= high; s++)
        {
            Assert.That(ring.IsPublished(s), Is.True, $"sequence {s} should be published");
        }
        Assert.That(barrier.WaitFor(0), Is.EqualTo(4), "a consumer sees the whole batch at once");
    }

    [Test]
    public void Multi_producer_consumers_see_only_an_unbroken_run_of_published_entries()
    {
        var ring = Ring(ProducerType.Multi, 16);
        var barrier = ring.NewBarrier();
        long first = ring.Claim();
        long second = ring.Claim();
        ring.Publish(second); // the second producer is quicker

        Assert.That(barrier.WaitFor(0), Is.EqualTo(-1), "entry 1 must not be visible while entry 0 is unpublished");
        ring.Publish(first);
        Assert.That(barrier.WaitFor(0), Is.EqualTo(1));
    }

    [TestCase(ProducerType.Single)]
    [TestCase(ProducerType.Multi)]
    public void Claim_waits_while_full_and_proceeds_once_the_consumer_moves(ProducerType type)
    {
        var ring = Ring(type, 4);
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        for (int i = 0; i < 4; i++)
        {
            ring.Publish(ring.Claim());
        }

        long claimed = long.MinValue;
        var producer = new Thread(() => Volatile.Write(ref claimed, ring.Claim()));
        producer.Start();
        Thread.Sleep(50);
        Assert.That(Volatile.Read(ref claimed), Is.EqualTo(long.MinValue), "Claim must not return while the ring is full");

        consumer.Value = 0;
        Assert.That(producer.Join(Eventually.Generous), Is.True, "Claim should return once a slot is free");
        Assert.That(claimed, Is.EqualTo(4));
    }

    [TestCase(ProducerType.Single, 0)]
    [TestCase(ProducerType.Single, 9)]
    [TestCase(ProducerType.Multi, -1)]
    [TestCase(ProducerType.Multi, 9)]
    public void A_claim_count_outside_one_to_the_ring_size_is_rejected_with_a_clear_message(ProducerType type, int count)
    {
        var ring = Ring(type, 8);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ring.TryClaim(count, out _));
        Assert.That(error!.Message, Does.Contain("1 to 8"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Claim(count));
        Assert.That(ring.Cursor, Is.EqualTo(Sequence.InitialValue), "a rejected claim changes nothing");
    }

    [TestCase(0)]
    [TestCase(6)]
    [TestCase(-8)]
    public void Ring_size_must_be_a_power_of_two(int size)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RingBuffer<TestEntry>.CreateMultiProducer(size, new YieldingWaitStrategy()));
        Assert.That(error!.Message, Does.Contain("power of two"));
    }

    [Test]
    public void Entries_are_preallocated_and_initialised_once()
    {
        int calls = 0;
        var ring = RingBuffer<TestEntry>.CreateSingleProducer(8, new YieldingWaitStrategy(), (ref TestEntry e) => { e.Payload = 42; calls++; });
        Assert.That(calls, Is.EqualTo(8));
        for (long s = 0; s < 16; s++)
        {
            Assert.That(ring[s].Payload, Is.EqualTo(42), "sequence s and s + size share a slot");
        }
        ring[3].Payload = 7;
        Assert.That(ring[11].Payload, Is.EqualTo(7), "the ring wraps: 11 & 7 == 3");
    }

    [Test]
    public void Gating_sequences_added_late_start_at_the_cursor()
    {
        var ring = Ring(ProducerType.Single, 8);
        ring.Publish(ring.Claim(3));
        var late = new Sequence();
        ring.AddGatingSequences(late);
        Assert.That(late.Value, Is.EqualTo(2), "a consumer added now does not hold back the ring for entries it will never see");
        Assert.That(ring.RemoveGatingSequence(late), Is.True);
        Assert.That(ring.RemoveGatingSequence(late), Is.False);
    }
}
