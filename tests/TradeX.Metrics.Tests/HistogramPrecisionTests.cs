using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using TradeX.Metrics;

namespace TradeX.Metrics.Tests;

public sealed class HistogramPrecisionTests
{
    private static readonly decimal[] Percentiles = [0m, 0.1m, 1m, 10m, 25m, 50m, 54m, 75m, 90m, 95m, 99m, 99.5m, 99.9m, 99.99m, 99.999m, 100m];

    /// <summary>The exact answer: the smallest sample with at least ceil(p/100 × n) samples at or below it.</summary>
    private static long ExactPercentile(long[] sorted, decimal percentile)
    {
        long rank = (long)Math.Ceiling(percentile / 100m * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>
    /// Checks every percentile against the exact sort: never below, above by at most one part in
    /// 10^digits (or one unit of the lowest discernible value, for values that small).
    /// </summary>
    private static void AssertMatchesExactSort(HdrHistogram histogram, long[] samples)
    {
        long[] sorted = [.. samples.Order()];
        double tolerance = Math.Pow(10, -histogram.SignificantDigits);
        long unit = histogram.SizeOfEquivalentValueRange(0);
        foreach (decimal p in Percentiles)
        {
            long exact = ExactPercentile(sorted, p);
            long reported = histogram.ValueAtPercentile((double)p);
            double allowed = Math.Max(exact * tolerance, unit - 1);
            if (p == 0m)
            {
                Assert.That(reported, Is.LessThanOrEqualTo(exact).And.GreaterThanOrEqualTo(exact - allowed), $"p0 of {samples.Length} samples");
                continue;
            }
            Assert.That(reported, Is.GreaterThanOrEqualTo(exact), $"p{p}: the histogram may round up, never down ({samples.Length} samples, {histogram.SignificantDigits} digits)");
            Assert.That(reported - exact, Is.LessThanOrEqualTo(allowed), $"p{p}: exact {exact}, reported {reported}, {histogram.SignificantDigits} digits");
            Assert.That(histogram.LowestEquivalentValue(reported), Is.LessThanOrEqualTo(exact), $"p{p}: reported bucket must contain the exact value");
        }
        Assert.That(histogram.TotalCount, Is.EqualTo(samples.Length));
        Assert.That(histogram.MaxValue, Is.EqualTo(histogram.HighestEquivalentValue(sorted[^1])));
        Assert.That(histogram.MinValue, Is.EqualTo(sorted[0] == 0 ? 0 : histogram.LowestEquivalentValue(sorted[0])));
        double exactMean = samples.Average(v => (double)v);
        Assert.That(histogram.Mean, Is.EqualTo(exactMean).Within((exactMean * tolerance) + unit), "mean");
    }

    [Property(MaxTest = 300)]
    public void Percentiles_of_random_samples_match_an_exact_sort_within_the_configured_precision(long[] raw, byte magnitude, byte digitChoice)
    {
        if (raw.Length == 0)
        {
            return;
        }
        int digits = 2 + (digitChoice % 4);
        int shift = magnitude % 36; // spreads values from single nanoseconds to about a minute
        long[] samples = [.. raw.Select(v => (Math.Abs(v % 1_000_000) << shift) + Math.Abs(v % 7))];
        var histogram = new HdrHistogram(1, 3_600_000_000_000L * 24, digits);
        foreach (long sample in samples)
        {
            Assert.That(histogram.RecordValue(sample), Is.True);
        }
        AssertMatchesExactSort(histogram, samples);
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void Percentiles_of_a_hundred_thousand_latency_like_samples_match_an_exact_sort(int digits)
    {
        var random = new Random(digits * 7919);
        long[] samples = new long[100_000];
        for (int i = 0; i < samples.Length; i++)
        {
            // Log-normal body around 10 µs with a heavy tail, like real latencies in nanoseconds.
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = (long)Math.Exp(9.2 + (1.1 * normal)) + (random.Next(1000) == 0 ? random.NextInt64(50_000_000) : 0);
        }
        var histogram = new HdrHistogram(1, 60_000_000_000L, digits);
        foreach (long sample in samples)
        {
            histogram.RecordValue(sample);
        }
        AssertMatchesExactSort(histogram, samples);
    }

    [Test]
    public void A_coarser_lowest_discernible_value_keeps_relative_precision_above_it()
    {
        var random = new Random(5);
        long[] samples = [.. Enumerable.Range(0, 5000).Select(_ => 1000 + random.NextInt64(10_000_000))];
        var histogram = new HdrHistogram(1000, 100_000_000, 3);
        foreach (long sample in samples)
        {
            histogram.RecordValue(sample);
        }
        AssertMatchesExactSort(histogram, samples);
    }

    [Test]
    public void Values_below_two_times_ten_to_the_digits_are_exact()
    {
        var histogram = new HdrHistogram(1_000_000, 3);
        for (long v = 0; v < 2000; v++)
        {
            Assert.That(histogram.LowestEquivalentValue(v), Is.EqualTo(v));
            Assert.That(histogram.HighestEquivalentValue(v), Is.EqualTo(v));
        }
        Assert.That(histogram.SizeOfEquivalentValueRange(2048), Is.EqualTo(2), "the next bucket halves resolution");
    }

    [Test]
    public void Empty_histogram_reports_zeros()
    {
        var histogram = new HdrHistogram(1_000_000, 3);
        Assert.Multiple(() =>
        {
            Assert.That(histogram.TotalCount, Is.Zero);
            Assert.That(histogram.ValueAtPercentile(99), Is.Zero);
            Assert.That(histogram.Mean, Is.Zero);
            Assert.That(histogram.StdDeviation, Is.Zero);
            Assert.That(histogram.MaxValue, Is.Zero);
            Assert.That(histogram.MinValue, Is.Zero);
        });
    }
}
