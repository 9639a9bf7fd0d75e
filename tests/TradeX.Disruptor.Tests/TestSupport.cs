using TradeX.Disruptor;

namespace TradeX.Disruptor.Tests;

/// <summary>The entry the tests push through rings: who produced it and that producer's own counter.</summary>
public struct TestEntry
{
    public int Producer;
    public long ProducerCount;
    public long Payload;
}

internal static class Eventually
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>Waits (sleeping, never asserting speed) until <paramref name="condition"/> holds; fails with <paramref name="what"/> otherwise.</summary>
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        long deadline = Environment.TickCount64 + (long)(timeout ?? Generous).TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }
            Thread.Sleep(1);
        }
    }
}

/// <summary>
/// Checks, on the consumer thread, that entries arrive in sequence order with each producer's counter
/// going up by exactly one (so none lost, none duplicated). Records the first violation instead of
/// throwing, so the test thread can report it.
/// </summary>
internal sealed class OrderCheckingHandler : IEventHandler<TestEntry>
{
    private readonly long[] _lastPerProducer;
    private long _expectedSequence;
    private long _handled;

    public OrderCheckingHandler(int producers, long firstSequence = 0)
    {
        _lastPerProducer = new long[producers];
        Array.Fill(_lastPerProducer, -1L);
        _expectedSequence = firstSequence;
    }

    public long Handled => Interlocked.Read(ref _handled);

    public long LastSequence => Interlocked.Read(ref _expectedSequence) - 1;

    public string? Violation { get; private set; }

    public long PerProducer(int producer) => Volatile.Read(ref _lastPerProducer[producer]) + 1;

    public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
    {
        if (sequence != _expectedSequence)
        {
            Violation ??= $"sequence {sequence} arrived when {_expectedSequence} was expected";
        }
        long last = _lastPerProducer[data.Producer];
        if (data.ProducerCount != last + 1)
        {
            Violation ??= $"producer {data.Producer}: count {data.ProducerCount} arrived after {last} (sequence {sequence})";
        }
        Volatile.Write(ref _lastPerProducer[data.Producer], data.ProducerCount);
        Interlocked.Exchange(ref _expectedSequence, sequence + 1);
        Interlocked.Increment(ref _handled);
    }
}

/// <summary>A handler that only counts (and remembers the last sequence it saw).</summary>
internal sealed class CountingHandler : IEventHandler<TestEntry>
{
    private long _count;
    private long _last = -1;

    public long Count => Interlocked.Read(ref _count);

    public long Last => Interlocked.Read(ref _last);

    public void OnEvent(ref TestEntry data, long sequence, bool endOfBatch)
    {
        Interlocked.Exchange(ref _last, sequence);
        Interlocked.Increment(ref _count);
    }
}

internal static class Publish
{
    public static void One(RingBuffer<TestEntry> ring, int producer, long count, long payload = 0)
    {
        long sequence = ring.Claim();
        ref TestEntry entry = ref ring[sequence];
        entry.Producer = producer;
        entry.ProducerCount = count;
        entry.Payload = payload;
        ring.Publish(sequence);
    }
}
