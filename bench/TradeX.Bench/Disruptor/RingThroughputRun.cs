using System.Diagnostics;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// One producer (this thread) to one <see cref="BatchEventProcessor{T}"/> on a 65,536-slot
/// single-producer ring, claiming one slot at a time or 64: the shape of LMAX's
/// one-to-one sequenced throughput test. Three warm-up runs, then the median of the measured runs.
/// </summary>
internal static class RingThroughputRun
{
    private const int Warmups = 3;

    public static double MedianRate(string strategy, int batch, long events, int runs)
    {
        var ring = RingBuffer<BenchEntry>.CreateSingleProducer(1 << 16, RingHarness.CreateStrategy(strategy));
        var handler = new CountingBenchHandler();
        var processor = new BatchEventProcessor<BenchEntry>("harness-consumer", ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        var thread = new Thread(processor.Run) { IsBackground = true, Name = "harness-consumer" };
        thread.Start();
        while (!processor.IsRunning)
        {
            Thread.Yield();
        }
        var rates = new List<double>();
        for (int run = 0; run < Warmups + runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            long last = batch == 1 ? ProduceOneAtATime(ring, events) : ProduceBatched(ring, events, batch);
            SpinUntil.AtLeast(ref handler.Handled, last);
            double seconds = RingHarness.Seconds(start);
            if (run >= Warmups)
            {
                rates.Add(events / seconds / 1e6);
            }
        }
        processor.Halt();
        thread.Join();
        return RingHarness.Median(rates);
    }

    internal static long ProduceOneAtATime(RingBuffer<BenchEntry> ring, long events)
    {
        long last = -1;
        for (long i = 0; i < events; i++)
        {
            last = ring.Claim();
            ring[last].Value = i;
            ring.Publish(last);
        }
        return last;
    }

    internal static long ProduceBatched(RingBuffer<BenchEntry> ring, long events, int batch)
    {
        long last = -1;
        for (long i = 0; i < events; i += batch)
        {
            long high = ring.Claim(batch);
            long low = high - batch + 1;
            for (long s = low; s <= high; s++)
            {
                ring[s].Value = s;
            }
            ring.Publish(low, high);
            last = high;
        }
        return last;
    }
}
