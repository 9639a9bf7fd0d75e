using System.Buffers.Binary;
using TradeX.Metrics;

namespace TradeX.Metrics.Tests;

public sealed class FormatTests
{
    // Printed by HdrHistogram 2.1.11 (Java) for the values 5, 5, 12345, 900000 in a (1, 1000000, 2)
    // histogram with outputPercentileDistribution(System.out, 1000.0).
    private const string JavaHgrm =
        "       Value     Percentile TotalCount 1/(1-Percentile)\n\n"
        + "        0.01 0.000000000000          2           1.00\n"
        + "        0.01 0.100000000000          2           1.11\n"
        + "        0.01 0.200000000000          2           1.25\n"
        + "        0.01 0.300000000000          2           1.43\n"
        + "        0.01 0.400000000000          2           1.67\n"
        + "        0.01 0.500000000000          2           2.00\n"
        + "       12.35 0.550000000000          3           2.22\n"
        + "       12.35 0.600000000000          3           2.50\n"
        + "       12.35 0.650000000000          3           2.86\n"
        + "       12.35 0.700000000000          3           3.33\n"
        + "       12.35 0.750000000000          3           4.00\n"
        + "      901.12 0.775000000000          4           4.44\n"
        + "      901.12 1.000000000000          4\n"
        + "#[Mean    =       227.85, StdDeviation   =       387.56]\n"
        + "#[Max     =       901.12, Total count    =            4]\n"
        + "#[Buckets =           13, SubBuckets     =          256]\n";

    // Java's encodeIntoByteBuffer for the same histogram.
    private const string JavaPlainHex = "1c849313000000080000000000000002000000000000000100000000000f42403ff00000000000000904f30e02b30c02";

    private static HdrHistogram Sample()
    {
        var histogram = new HdrHistogram(1, 1_000_000, 2);
        foreach (long v in new long[] { 5, 5, 12345, 900000 })
        {
            histogram.RecordValue(v);
        }
        return histogram;
    }

    [Test]
    public void Hgrm_output_is_exactly_what_HdrHistogram_prints()
    {
        Assert.That(PercentileDistributionWriter.ToText(Sample(), 1000.0), Is.EqualTo(JavaHgrm));
    }

    [Test]
    public void Hgrm_of_an_empty_histogram_has_the_header_and_footer_only()
    {
        string text = PercentileDistributionWriter.ToText(new HdrHistogram(1_000_000, 3));
        Assert.That(text.Split('\n'), Has.Length.EqualTo(6));
        Assert.That(text, Does.Contain("#[Max     =        0.000, Total count    =            0]"));
    }

    [Test]
    public void Plain_encoding_is_exactly_HdrHistograms()
    {
        Assert.That(Convert.ToHexString(HistogramEncoding.Encode(Sample())).ToLowerInvariant(), Is.EqualTo(JavaPlainHex));
    }

    [Test]
    public void Compressed_encoding_round_trips_through_base64()
    {
        var random = new Random(4);
        var histogram = new HdrHistogram(1, 3_600_000_000_000L, 3);
        for (int i = 0; i < 50_000; i++)
        {
            histogram.RecordValueWithCount(random.NextInt64(1, 100_000_000), random.Next(1, 1000));
        }
        string base64 = HistogramEncoding.ToBase64Compressed(histogram);
        Assert.That(base64, Does.StartWith("HISTF"), "the V2 compressed cookie in base64");
        Assert.That(HistogramEncoding.TryDecodeBase64(base64, out var decoded, out var error), Is.True, error);
        Assert.That(HistogramEncoding.Encode(decoded!), Is.EqualTo(HistogramEncoding.Encode(histogram)));
        Assert.That(decoded!.TotalCount, Is.EqualTo(histogram.TotalCount));
    }

    [Test]
    public void Decoding_can_widen_the_range()
    {
        string base64 = HistogramEncoding.ToBase64Compressed(Sample());
        Assert.That(HistogramEncoding.TryDecodeBase64(base64, out var decoded, out _, minHighestTrackableValue: 10_000_000_000), Is.True);
        Assert.That(decoded!.HighestTrackableValue, Is.EqualTo(10_000_000_000));
        Assert.That(decoded.RecordedValues(), Is.EqualTo(Sample().RecordedValues()));
    }

    private static IEnumerable<TestCaseData> BadEncodings()
    {
        byte[] good = HistogramEncoding.Encode(Sample());
        yield return new TestCaseData((byte[])[], "too short").SetName("empty input");
        yield return new TestCaseData((byte[])[0x1c, 0x84, 0x93, 0x12, 0, 0], "unsupported encoding cookie").SetName("V1 cookie");
        yield return new TestCaseData(good[..20], "shorter than its 40-byte header").SetName("truncated header");
        yield return new TestCaseData(good[..^1], "payload length").SetName("truncated payload");
        byte[] badDigits = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(badDigits.AsSpan(12), 9);
        yield return new TestCaseData(badDigits, "invalid histogram parameters").SetName("nine significant digits");
        byte[] shifted = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32BigEndian(shifted.AsSpan(8), 3);
        yield return new TestCaseData(shifted, "normalizing index offset").SetName("shifted histogram");
        byte[] runOff = [.. good[..40], 0xFF, 0xFF, 0xFF, 0x0F]; // ZigZag of -2^27: a run of 134M zeros
        BinaryPrimitives.WriteInt32BigEndian(runOff.AsSpan(4), 4);
        yield return new TestCaseData(runOff, "goes past").SetName("zero run past the end");
        byte[] cut = [.. good[..40], 0x80];
        BinaryPrimitives.WriteInt32BigEndian(cut.AsSpan(4), 1);
        yield return new TestCaseData(cut, "ends in the middle").SetName("count cut in the middle");
        byte[] notZlib = [0x1c, 0x84, 0x93, 0x14, 0, 0, 0, 4, 1, 2, 3, 4];
        yield return new TestCaseData(notZlib, "not valid zlib").SetName("compressed garbage");
        byte[] longer = [0x1c, 0x84, 0x93, 0x14, 0, 0, 1, 0, 1];
        yield return new TestCaseData(longer, "does not fit").SetName("compressed length too long");
    }

    [TestCaseSource(nameof(BadEncodings))]
    public void Bad_encodings_are_answered_with_a_reason_not_an_exception(byte[] data, string reason)
    {
        Assert.That(HistogramEncoding.TryDecode(data, out var histogram, out var error), Is.False);
        Assert.That(histogram, Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void Bad_base64_is_answered_with_a_reason()
    {
        Assert.That(HistogramEncoding.TryDecodeBase64("HIST!!!", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("base64"));
        Assert.That(HistogramEncoding.TryDecodeBase64(null, out _, out error), Is.False);
    }

    [TestCase(1.005, 2, "1.01")]
    [TestCase(0.125, 2, "0.13")]
    [TestCase(2.0005, 3, "2.001")]
    [TestCase(999.9996, 3, "1000.000")]
    [TestCase(1e-7, 3, "0.000")]
    [TestCase(0.0, 12, "0.000000000000")]
    [TestCase(12.351, 2, "12.35")]
    [TestCase(-2.5, 0, "-3")]
    [TestCase(1.2345e20, 1, "123450000000000000000.0")]
    [TestCase(0.99999, 12, "0.999990000000")]
    public void Fixed_formatting_rounds_like_Javas_formatter(double value, int decimals, string expected)
    {
        Assert.That(JavaFixedFormat.Format(value, decimals), Is.EqualTo(expected));
    }

    [Test]
    public void Log_writer_writes_HdrHistogram_header_lines_and_interval_lines()
    {
        var writer = new StringWriter();
        var log = new HistogramLogWriter(writer);
        log.WriteHeader(DateTimeOffset.FromUnixTimeMilliseconds(1_441_812_279_474), "run 7");
        var histogram = Sample();
        histogram.Tag = "rate-100k";
        log.WriteInterval(0.127, 1.134, histogram);
        string[] lines = writer.ToString().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("#run 7"));
            Assert.That(lines[1], Is.EqualTo("#[Histogram log format version 1.3]"));
            Assert.That(lines[2], Is.EqualTo("#[StartTime: 1441812279.474 (seconds since epoch), Wed Sep 09 15:24:39 UTC 2015]"));
            Assert.That(lines[3], Is.EqualTo("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""));
            Assert.That(lines[4], Does.StartWith("Tag=rate-100k,0.127,1.007,0.901,HISTF"));
            Assert.That(lines[5], Is.Empty);
        });
    }

    [TestCase("has space")]
    [TestCase("a,b")]
    [TestCase("")]
    public void Log_tags_that_would_break_the_line_format_are_refused(string tag)
    {
        var histogram = Sample();
        histogram.Tag = tag;
        Assert.Throws<ArgumentException>(() => new HistogramLogWriter(new StringWriter()).WriteInterval(0, 1, histogram));
    }
}
