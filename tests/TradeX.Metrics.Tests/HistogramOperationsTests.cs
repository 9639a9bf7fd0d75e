using TradeX.Metrics;

namespace TradeX.Metrics.Tests;

public sealed class HistogramOperationsTests
{
    private static HdrHistogram With(params long[] values) => WithDigits(3, values);

    private static HdrHistogram WithDigits(int digits, params long[] values)
    {
        var histogram = new HdrHistogram(1, 3_600_000_000_000L, digits);
        foreach (long value in values)
        {
            histogram.RecordValue(value);
        }
        return histogram;
    }

    [Test]
    public void Coordinated_omission_correction_records_the_requests_that_waited_behind_a_slow_one()
    {
        // Expected interval 100: a 450 response hid requests that would have taken 350, 250 and 150.
        var histogram = new HdrHistogram(1, 1_000_000, 3);
        Assert.That(histogram.RecordValueWithExpectedInterval(450, 100), Is.True);
        Assert.That(histogram.RecordValueWithExpectedInterval(50, 100), Is.True, "a fast response adds nothing");
        Assert.That(histogram.RecordValueWithExpectedInterval(100, 100), Is.True, "exactly on time adds nothing");
        Assert.That(histogram.RecordValueWithExpectedInterval(200, 100), Is.True, "200 adds the 100 behind it");

        var expected = new (long Value, long Count)[] { (50, 1), (100, 2), (150, 1), (200, 1), (250, 1), (350, 1), (450, 1) };
        Assert.Multiple(() =>
        {
            Assert.That(histogram.RecordedValues(), Is.EqualTo(expected));
            Assert.That(histogram.TotalCount, Is.EqualTo(8));
            Assert.That(histogram.ValueAtPercentile(50), Is.EqualTo(150), "rank 4 of 8: 50, 100, 100, 150");
            Assert.That(histogram.Mean, Is.EqualTo((50 + 100 + 100 + 150 + 200 + 250 + 350 + 450) / 8.0));
        });
    }

    [Test]
    public void Correcting_after_the_fact_equals_correcting_while_recording()
    {
        var random = new Random(3);
        var live = new HdrHistogram(1, 10_000_000, 3);
        var plain = new HdrHistogram(1, 10_000_000, 3);
        for (int i = 0; i < 10_000; i++)
        {
            // Values a histogram holds exactly (below 2048, or multiples of 4096 here), because an
            // after-the-fact correction can only start from the bottom of each value's bucket.
            long value = random.Next(100) == 0 ? random.Next(1, 500) * 4096L : random.Next(1, 2000);
            live.RecordValueWithExpectedInterval(value, 1000);
            plain.RecordValue(value);
        }
        HdrHistogram corrected = plain.CopyCorrectedForCoordinatedOmission(1000);
        Assert.That(corrected.TotalCount, Is.EqualTo(live.TotalCount).And.GreaterThan(plain.TotalCount));
        Assert.That(HistogramEncoding.Encode(corrected), Is.EqualTo(HistogramEncoding.Encode(live)));
    }

    [Test]
    public void Merging_two_histograms_equals_recording_everything_into_one()
    {
        var random = new Random(11);
        long[] a = [.. Enumerable.Range(0, 3000).Select(_ => random.NextInt64(1, 50_000_000))];
        long[] b = [.. Enumerable.Range(0, 2000).Select(_ => random.NextInt64(1, 900_000))];
        var merged = With(a);
        Assert.That(merged.Add(With(b)), Is.True);
        var all = With([.. a, .. b]);
        Assert.That(HistogramEncoding.Encode(merged), Is.EqualTo(HistogramEncoding.Encode(all)));
        Assert.That(merged.MaxValue, Is.EqualTo(all.MaxValue));
        Assert.That(merged.MinValue, Is.EqualTo(all.MinValue));
    }

    [Test]
    public void Merging_a_different_precision_keeps_every_count_within_the_coarser_precision()
    {
        var fine = WithDigits(5, 123_456, 7_654_321, 42);
        var coarse = WithDigits(2, 1000);
        Assert.That(coarse.Add(fine), Is.True);
        Assert.That(coarse.TotalCount, Is.EqualTo(4));
        Assert.That(coarse.MaxValue, Is.EqualTo(coarse.HighestEquivalentValue(7_654_321)));
        Assert.That(coarse.ValueAtPercentile(50), Is.EqualTo(coarse.HighestEquivalentValue(1000)));
    }

    [Test]
    public void Merging_values_beyond_the_range_is_refused_and_changes_nothing()
    {
        var small = new HdrHistogram(1, 10_000, 3);
        small.RecordValue(5);
        var big = With(5_000_000);
        Assert.That(small.Add(big), Is.False);
        Assert.That(small.TotalCount, Is.EqualTo(1));
        Assert.That(small.MaxValue, Is.EqualTo(5));
    }

    [Test]
    public void Reset_forgets_everything_and_the_histogram_records_again()
    {
        var histogram = With(1, 2, 3, 1_000_000);
        histogram.RecordValue(-1);
        histogram.Reset();
        Assert.Multiple(() =>
        {
            Assert.That(histogram.TotalCount, Is.Zero);
            Assert.That(histogram.OutOfRangeCount, Is.Zero);
            Assert.That(histogram.MaxValue, Is.Zero);
            Assert.That(histogram.RecordedValues(), Is.Empty);
        });
        histogram.RecordValue(77);
        Assert.That(histogram.ValueAtPercentile(100), Is.EqualTo(77));
        Assert.That(histogram.MinValue, Is.EqualTo(77));
    }

    [Test]
    public void Out_of_range_values_are_refused_counted_and_kept_out_of_percentiles()
    {
        var histogram = new HdrHistogram(1, 1_000_000, 2);
        Assert.Multiple(() =>
        {
            Assert.That(histogram.RecordValue(-5), Is.False);
            Assert.That(histogram.RecordValue(histogram.MaxRecordableValue + 1), Is.False);
            Assert.That(histogram.RecordValue(long.MaxValue), Is.False);
            Assert.That(histogram.RecordValueWithCount(10, -1), Is.False);
            Assert.That(histogram.RecordValueWithExpectedInterval(-1, 10), Is.False);
            Assert.That(histogram.RecordValue(histogram.MaxRecordableValue), Is.True, "the top of the last bucket is recordable");
            Assert.That(histogram.MaxRecordableValue, Is.GreaterThanOrEqualTo(1_000_000));
            Assert.That(histogram.OutOfRangeCount, Is.EqualTo(5));
            Assert.That(histogram.TotalCount, Is.EqualTo(1));
        });
    }

    [TestCase(0, 100, 3, "lowest")]
    [TestCase(10, 19, 3, "highest")]
    [TestCase(1, 100, 6, "significant digits")]
    [TestCase(1, 100, -1, "significant digits")]
    public void Bad_configuration_is_rejected_with_the_reason(long lowest, long highest, int digits, string reason)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HdrHistogram(lowest, highest, digits));
        Assert.That(error!.Message, Does.Contain(reason));
    }

    [Test]
    public void Copy_is_deep_and_keeps_the_interval_and_tag()
    {
        var original = With(5, 10, 15);
        original.StartTimeStampMs = 1000;
        original.EndTimeStampMs = 2000;
        original.Tag = "rate-1M";
        var copy = original.Copy();
        original.RecordValue(20);
        Assert.That(copy.TotalCount, Is.EqualTo(3));
        Assert.That((copy.StartTimeStampMs, copy.EndTimeStampMs, copy.Tag), Is.EqualTo((1000L, 2000L, "rate-1M")));
    }

    [Test]
    public void Recording_allocates_nothing()
    {
        var histogram = new HdrHistogram(1, 60_000_000_000L, 3);
        var random = new Random(1);
        long[] values = [.. Enumerable.Range(0, 1 << 16).Select(_ => random.NextInt64(1, 10_000_000))];
        for (int i = 0; i < values.Length; i++)
        {
            histogram.RecordValue(values[i]); // warm up
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2_000_000; i++)
        {
            long value = values[i & (values.Length - 1)];
            histogram.RecordValue(value);
            histogram.RecordValueWithExpectedInterval(value, 1_000_000);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(histogram.TotalCount, Is.GreaterThan(4_000_000));
    }
}
