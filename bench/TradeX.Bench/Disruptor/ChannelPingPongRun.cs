using System.Diagnostics;
using System.Threading.Channels;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// The baseline of <see cref="RingPingPongRun"/>: the same round trips over two bounded single-reader,
/// single-writer Channel&lt;long&gt;s, both sides polling <c>TryRead</c> (100 spins, then
/// <c>Thread.Yield</c>: the yielding strategy's policy, since a channel has no wait strategy).
/// </summary>
internal static class ChannelPingPongRun
{
    public static RoundTripHistogram Measure(double seconds)
    {
        var options = new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true };
        Channel<long> ping = Channel.CreateBounded<long>(options);
        Channel<long> pong = Channel.CreateBounded<long>(options);
        bool running = true;
        var echo = new Thread(() =>
        {
            ChannelReader<long> reader = ping.Reader;
            ChannelWriter<long> writer = pong.Writer;
            int spins = 0;
            while (Volatile.Read(ref running))
            {
                if (reader.TryRead(out long value))
                {
                    writer.TryWrite(value);
                    spins = 0;
                }
                else if (++spins > 100)
                {
                    Thread.Yield();
                }
            }
        })
        { IsBackground = true, Name = "harness-channel-echo" };
        echo.Start();

        var histogram = new RoundTripHistogram();
        Loop(ping.Writer, pong.Reader, null, 1.0);
        Loop(ping.Writer, pong.Reader, histogram, seconds);
        Volatile.Write(ref running, false);
        echo.Join();
        return histogram;
    }

    private static void Loop(ChannelWriter<long> writer, ChannelReader<long> reader, RoundTripHistogram? histogram, double seconds)
    {
        long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long before = Stopwatch.GetTimestamp();
        long i = 0;
        while (before < end)
        {
            writer.TryWrite(i++);
            int spins = 0;
            while (!reader.TryRead(out _))
            {
                if (++spins > 100)
                {
                    Thread.Yield();
                }
            }
            long after = Stopwatch.GetTimestamp();
            histogram?.Record(after - before);
            before = after;
        }
    }
}
