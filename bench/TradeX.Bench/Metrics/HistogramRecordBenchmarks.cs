using BenchmarkDotNet.Attributes;
using TradeX.Metrics;

namespace TradeX.Bench.Metrics;

/// <summary>The cost of recording one latency into the HDR histogram (3 digits, 1 ns to 1 h), per value.</summary>
[MemoryDiagnoser]
public class HistogramRecordBenchmarks
{
    private const int Values = 4096;
    private readonly long[] _values = new long[Values];
    private HdrHistogram _histogram = null!;

    [Params(2, 3, 5)]
    public int SignificantDigits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < Values; i++)
        {
            // Log-normal around 10 µs: the buckets a real latency run touches.
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            _values[i] = (long)Math.Exp(9.2 + normal);
        }
        _histogram = new HdrHistogram(1, 3_600_000_000_000L, SignificantDigits);
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public void RecordValue()
    {
        long[] values = _values;
        for (int i = 0; i < values.Length; i++)
        {
            _histogram.RecordValue(values[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Values, Description = "RecordValueWithExpectedInterval (1 µs)")]
    public void RecordValueWithExpectedInterval()
    {
        long[] values = _values;
        for (int i = 0; i < values.Length; i++)
        {
            _histogram.RecordValueWithExpectedInterval(values[i], 1000);
        }
    }
}
