using System.Diagnostics;
using System.Globalization;
using TradeX.Metrics;

namespace TradeX.Bench.Disruptor;

/// <summary>Every round trip of a ping-pong run, in nanoseconds, and the percentiles the harness prints.</summary>
internal sealed class RoundTripHistogram
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly HdrHistogram _histogram = new(1, 60_000_000_000L, 3);

    public long Count => _histogram.TotalCount;

    public void Record(long ticks) => _histogram.RecordValue(Math.Max(1, (long)(ticks * NanosecondsPerTick)));

    public string ToResultFields()
    {
        string F(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
        return $"p50={_histogram.ValueAtPercentile(50)} p90={_histogram.ValueAtPercentile(90)} p99={_histogram.ValueAtPercentile(99)} "
            + $"p999={_histogram.ValueAtPercentile(99.9)} max={_histogram.MaxValue} mean={F(_histogram.Mean)} count={_histogram.TotalCount}";
    }
}
