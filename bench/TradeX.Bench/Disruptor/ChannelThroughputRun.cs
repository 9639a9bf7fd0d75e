using System.Diagnostics;

namespace TradeX.Bench.Disruptor;

/// <summary>The baseline of <see cref="RingThroughputRun"/>: a bounded single-writer Channel&lt;long&gt; drained by a dedicated thread.</summary>
internal static class ChannelThroughputRun
{
    private const int Warmups = 3;

    public static double MedianRate(long events, int runs)
    {
        var channel = new ChannelDrainer(singleWriter: true);
        var rates = new List<double>();
        for (int run = 0; run < Warmups + runs; run++)
        {
            long target = channel.Read + events;
            long start = Stopwatch.GetTimestamp();
            channel.WriteAll(events);
            channel.WaitUntilRead(target);
            double seconds = RingHarness.Seconds(start);
            if (run >= Warmups)
            {
                rates.Add(events / seconds / 1e6);
            }
        }
        channel.Stop();
        return RingHarness.Median(rates);
    }
}
