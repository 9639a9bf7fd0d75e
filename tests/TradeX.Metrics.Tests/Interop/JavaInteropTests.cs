using System.Globalization;
using TradeX.Metrics;

namespace TradeX.Metrics.Tests.Interop;

/// <summary>
/// Our histogram against HdrHistogram's Java implementation, both ways: the same recorded values
/// give byte-identical plain encodings and .hgrm text and the same percentiles; Java decodes our
/// compressed base64 and our log files; we decode Java's compressed base64.
/// </summary>
[NonParallelizable]
public sealed class JavaInteropTests
{
    private static readonly double[] JavaPercentiles = [0.0, 1.0, 10.0, 25.0, 50.0, 54.0, 75.0, 90.0, 99.0, 99.9, 99.99, 99.999, 100.0];
    private string _directory = null!;

    [OneTimeSetUp]
    public void Compile()
    {
        JavaPeer.RequireOrIgnore();
        _directory = Directory.CreateTempSubdirectory("tradex-hdr-").FullName;
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        JavaPeer.DeleteCompiledClasses();
    }

    public sealed record Dataset(string Name, long Lowest, long Highest, int Digits, double Scale, string[] Lines)
    {
        public override string ToString() => Name;
    }

    private static IEnumerable<Dataset> Datasets()
    {
        var random = new Random(2024);
        string[] LogNormal(int n, double mu, double sigma) => [.. Enumerable.Range(0, n).Select(_ =>
        {
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return ((long)Math.Exp(mu + (sigma * normal))).ToString(CultureInfo.InvariantCulture);
        })];
        yield return new Dataset("latencies, 3 digits, ns as us", 1, 3_600_000_000_000L, 3, 1000.0, LogNormal(20_000, 9.5, 1.2));
        yield return new Dataset("latencies, 2 digits", 1, 60_000_000_000L, 2, 1000.0, LogNormal(5_000, 8, 2));
        yield return new Dataset("latencies, 4 digits", 1, 60_000_000_000L, 4, 1000.0, LogNormal(5_000, 10, 0.5));
        yield return new Dataset("latencies, 5 digits, unscaled", 1, 10_000_000_000L, 5, 1.0, LogNormal(3_000, 12, 1));
        yield return new Dataset("lowest 1000, 3 digits", 1000, 100_000_000_000L, 3, 1_000_000.0, LogNormal(3_000, 14, 1.5));
        yield return new Dataset("counts, zeros and the top of the range", 1, 1_000_000, 2, 1000.0, ["0 3", "1", "5 2", "12345", "900000", "1000000 7", "1015807"]);
        yield return new Dataset("one value", 1, 1_000_000, 3, 1.0, ["42"]);
        yield return new Dataset("empty", 1, 1_000_000, 3, 1000.0, []);
        yield return new Dataset("coordinated omission corrected", 1, 100_000_000, 3, 1000.0,
            [.. LogNormal(2_000, 7, 1).Select((v, i) => i % 97 == 0 ? $"{long.Parse(v, CultureInfo.InvariantCulture) * 500} @1000" : $"{v} @1000")]);
    }

    private static HdrHistogram Record(Dataset data)
    {
        var histogram = new HdrHistogram(data.Lowest, data.Highest, data.Digits);
        foreach (string line in data.Lines)
        {
            string[] parts = line.Split(' ');
            long value = long.Parse(parts[0], CultureInfo.InvariantCulture);
            bool recorded = parts.Length == 1 ? histogram.RecordValue(value)
                : parts[1].StartsWith('@') ? histogram.RecordValueWithExpectedInterval(value, long.Parse(parts[1][1..], CultureInfo.InvariantCulture))
                : histogram.RecordValueWithCount(value, long.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.That(recorded, Is.True, $"value {line} should be in range");
        }
        return histogram;
    }

    private JavaReport JavaRecords(Dataset data)
    {
        string file = Path.Combine(_directory, $"values-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(file, data.Lines);
        return JavaPeer.Run("encode", Str(data.Lowest), Str(data.Highest), Str(data.Digits), data.Scale.ToString("R", CultureInfo.InvariantCulture), file);
    }

    [TestCaseSource(nameof(Datasets))]
    public void Same_values_give_the_same_encoding_hgrm_text_and_percentiles_as_Java(Dataset data)
    {
        HdrHistogram ours = Record(data);
        JavaReport java = JavaRecords(data);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexString(HistogramEncoding.Encode(ours)).ToLowerInvariant(), Is.EqualTo(java.PlainHex), "plain V2 encoding, byte for byte");
            Assert.That(PercentileDistributionWriter.ToText(ours, data.Scale), Is.EqualTo(java.Hgrm), ".hgrm text, byte for byte");
            Assert.That(ours.TotalCount, Is.EqualTo(java.Totals.Single()));
            Assert.That(ours.MaxValue, Is.EqualTo(java.Maxima.Single()));
            Assert.That(ours.MinValue, Is.EqualTo(java.Minima.Single()));
            Assert.That(BitConverter.DoubleToInt64Bits(ours.Mean), Is.EqualTo(java.MeanBits.Single()), "mean, bit for bit");
            Assert.That(JavaPercentiles.Select(p => (p, ours.ValueAtPercentile(p))), Is.EqualTo(java.Percentiles));
            Assert.That(ours.RecordedValues(), Is.EqualTo(java.Values));
        });
    }

    [TestCaseSource(nameof(Datasets))]
    public void Java_decodes_our_compressed_base64_to_the_same_counts(Dataset data)
    {
        HdrHistogram ours = Record(data);
        string base64 = HistogramEncoding.ToBase64Compressed(ours);
        Assert.That(base64, Does.StartWith("HISTF"));
        JavaReport java = JavaPeer.Run("decode", base64);
        Assert.Multiple(() =>
        {
            Assert.That(java.Values, Is.EqualTo(ours.RecordedValues()), "every bucket's count");
            Assert.That(java.Totals.Single(), Is.EqualTo(ours.TotalCount));
            Assert.That(java.Maxima.Single(), Is.EqualTo(ours.MaxValue));
            Assert.That(java.Percentiles, Is.EqualTo(JavaPercentiles.Select(p => (p, ours.ValueAtPercentile(p)))));
        });
    }

    [TestCaseSource(nameof(Datasets))]
    public void We_decode_what_Java_encodes(Dataset data)
    {
        JavaReport java = JavaRecords(data);
        Assert.That(HistogramEncoding.TryDecodeBase64(java.CompressedBase64, out HdrHistogram? decoded, out string? error), Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(decoded!.RecordedValues(), Is.EqualTo(java.Values));
            Assert.That(decoded.TotalCount, Is.EqualTo(java.Totals.Single()));
            Assert.That((decoded.LowestDiscernibleValue, decoded.HighestTrackableValue, decoded.SignificantDigits), Is.EqualTo((data.Lowest, data.Highest, data.Digits)));
            Assert.That(Convert.ToHexString(HistogramEncoding.Encode(decoded)).ToLowerInvariant(), Is.EqualTo(java.PlainHex), "re-encoding gives Java's bytes back");
            Assert.That(PercentileDistributionWriter.ToText(decoded, data.Scale), Is.EqualTo(java.Hgrm));
        });
    }

    [Test]
    public void Java_reads_a_histogram_log_we_wrote()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var intervals = new List<HdrHistogram>();
        var random = new Random(9);
        for (int i = 0; i < 3; i++)
        {
            var h = new HdrHistogram(1, 3_600_000_000_000L, 3)
            {
                StartTimeStampMs = start.ToUnixTimeMilliseconds() + (i * 1000),
                EndTimeStampMs = start.ToUnixTimeMilliseconds() + ((i + 1) * 1000),
                Tag = i == 1 ? "rate-1M" : null,
            };
            for (int n = 0; n < 1000 * (i + 1); n++)
            {
                h.RecordValue(random.NextInt64(1000, 5_000_000));
            }
            intervals.Add(h);
        }
        string file = Path.Combine(_directory, "ours.hlog");
        using (var writer = new StreamWriter(file))
        {
            var log = new HistogramLogWriter(writer);
            log.WriteHeader(start, "TradeX latency harness");
            intervals.ForEach(h => log.WriteInterval(h));
        }

        JavaReport java = JavaPeer.Run("decodelog", file);
        Assert.Multiple(() =>
        {
            Assert.That(java.StartTimeSeconds, Is.EqualTo(1_700_000_000.123).Within(0.0005));
            Assert.That(java.Intervals, Has.Count.EqualTo(3));
            Assert.That(java.Totals, Is.EqualTo(intervals.Select(h => h.TotalCount)));
            Assert.That(java.Maxima, Is.EqualTo(intervals.Select(h => h.MaxValue)));
            Assert.That(java.Intervals[1], Does.StartWith("INTERVAL rate-1M "));
            Assert.That(java.Intervals[0], Does.StartWith("INTERVAL null "));
            Assert.That(java.Values, Is.EqualTo(intervals.SelectMany(h => h.RecordedValues())));
            // Java's reader turns relative timestamps back into absolute milliseconds.
            Assert.That(java.Intervals[2], Does.Contain($" {intervals[2].StartTimeStampMs} {intervals[2].EndTimeStampMs} "));
        });
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
