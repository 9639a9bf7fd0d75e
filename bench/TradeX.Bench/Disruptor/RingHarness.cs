using System.Diagnostics;
using System.Globalization;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// The .NET half of <c>bench/ring-vs-java.sh</c>: the same tests, in the same order and with the same
/// sizes, as <c>bench/disruptor-java/RingVsJava.java</c> runs on LMAX's Disruptor, printed as
/// <c>RESULT</c> lines the script turns into a ratio table. Outside BenchmarkDotNet on purpose: the
/// ping-pong records every round trip in an HDR histogram (its distribution is bimodal, so a mean or a
/// median alone hides the slow mode), and both languages are timed by the same loop.
/// <code>
/// dotnet bench/TradeX.Bench/bin/Release/net10.0/TradeX.Bench.dll ring-harness [--events N] [--runs N] [--seconds S] [--only throughput|pingpong] [--label L]
/// </code>
/// </summary>
internal static class RingHarness
{
    internal static readonly string[] Strategies = ["busy-spin", "yielding", "blocking"];

    public static int Run(string[] args)
    {
        var options = RingHarnessOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: ring-harness [--events N] [--runs N] [--seconds S] [--only throughput|pingpong] [--strategies a,b] [--label L]");
            return 2;
        }
        Console.WriteLine($"# dotnet {Environment.Version}, {Environment.ProcessorCount} cores, events {options.Events:N0}, runs {options.Runs}, ping-pong {options.Seconds} s per strategy");
        if (options.Only is null or "throughput")
        {
            foreach (string strategy in options.Strategies)
            {
                foreach (int batch in new[] { 1, 64 })
                {
                    double rate = RingThroughputRun.MedianRate(strategy, batch, options.Events, options.Runs);
                    Print(options.Label, batch == 1 ? "1p1c-single" : "1p1c-batch64", strategy, $"mops={rate.ToString("F2", CultureInfo.InvariantCulture)}");
                }
            }
            double channel = ChannelThroughputRun.MedianRate(options.Events, options.Runs);
            Print(options.Label, "1p1c-single", "channel", $"mops={channel.ToString("F2", CultureInfo.InvariantCulture)}");
        }
        if (options.Only is null or "pingpong")
        {
            foreach (string strategy in options.Strategies)
            {
                Print(options.Label, "pingpong", strategy, RingPingPongRun.Measure(strategy, options.Seconds).ToResultFields());
            }
            Print(options.Label, "pingpong", "channel", ChannelPingPongRun.Measure(options.Seconds).ToResultFields());
        }
        return 0;
    }

    internal static IWaitStrategy CreateStrategy(string name) =>
        WaitStrategies.TryParse(name, out IWaitStrategy? strategy, out string? error) ? strategy : throw new ArgumentException(error);

    internal static double Seconds(long startTimestamp) => (Stopwatch.GetTimestamp() - startTimestamp) / (double)Stopwatch.Frequency;

    internal static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }

    private static void Print(string label, string test, string strategy, string fields) =>
        Console.WriteLine($"RESULT side={label} test={test} strategy={strategy} {fields}");
}
