using System.Globalization;

namespace TradeX.Bench.Disruptor;

/// <summary>The command line of <see cref="RingHarness"/>; the defaults match the Java harness's.</summary>
internal sealed record RingHarnessOptions(long Events, int Runs, double Seconds, string? Only, string[] Strategies, string Label)
{
    public static RingHarnessOptions? Parse(string[] args)
    {
        var options = new RingHarnessOptions(20_000_000, 7, 3, null, RingHarness.Strategies, "dotnet");
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }
            string value = args[i + 1];
            options = args[i] switch
            {
                "--events" => options with { Events = long.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--only" when value is "throughput" or "pingpong" => options with { Only = value },
                "--strategies" => options with { Strategies = value.Split(',') },
                "--label" => options with { Label = value },
                _ => null!,
            };
            if (options is null)
            {
                return null;
            }
        }
        return options;
    }
}
