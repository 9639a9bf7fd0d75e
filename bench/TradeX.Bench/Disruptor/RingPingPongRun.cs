using System.Diagnostics;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// Round trips between two threads over two single-producer rings, both sides waiting with the
/// strategy under test: this thread publishes a ping and waits on the pong ring's barrier; an echo
/// <see cref="BatchEventProcessor{T}"/> on the ping ring answers on the pong ring. Every round trip
/// is timed on its own (one timestamp per trip: the end of one is the start of the next). One second
/// of warm-up, then <c>seconds</c> of measurement.
/// </summary>
internal static class RingPingPongRun
{
    private sealed class Echo(RingBuffer<BenchEntry> pong) : IEventHandler<BenchEntry>
    {
        public void OnEvent(ref BenchEntry data, long sequence, bool endOfBatch)
        {
            long s = pong.Claim();
            pong[s].Value = data.Value;
            pong.Publish(s);
        }
    }

    public static RoundTripHistogram Measure(string strategy, double seconds)
    {
        var ping = RingBuffer<BenchEntry>.CreateSingleProducer(1024, RingHarness.CreateStrategy(strategy));
        var pong = RingBuffer<BenchEntry>.CreateSingleProducer(1024, RingHarness.CreateStrategy(strategy));
        var echo = new BatchEventProcessor<BenchEntry>("harness-echo", ping, ping.NewBarrier(), new Echo(pong));
        ping.AddGatingSequences(echo.Sequence);
        var pongRead = new Sequence();
        pong.AddGatingSequences(pongRead);
        SequenceBarrier pongBarrier = pong.NewBarrier();
        var thread = new Thread(echo.Run) { IsBackground = true, Name = "harness-echo" };
        thread.Start();
        while (!echo.IsRunning)
        {
            Thread.Yield();
        }

        var histogram = new RoundTripHistogram();
        long next = 0;
        Loop(ping, pongBarrier, pongRead, ref next, null, 1.0);
        Loop(ping, pongBarrier, pongRead, ref next, histogram, seconds);
        echo.Halt();
        thread.Join();
        return histogram;
    }

    private static void Loop(RingBuffer<BenchEntry> ping, SequenceBarrier pongBarrier, Sequence pongRead, ref long next, RoundTripHistogram? histogram, double seconds)
    {
        long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long before = Stopwatch.GetTimestamp();
        while (before < end)
        {
            long s = ping.Claim();
            ping[s].Value = next;
            ping.Publish(s);
            while (pongBarrier.WaitFor(next) < next)
            {
            }
            pongRead.Value = next;
            next++;
            long after = Stopwatch.GetTimestamp();
            histogram?.Record(after - before);
            before = after;
        }
    }
}
