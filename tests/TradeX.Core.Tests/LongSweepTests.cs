namespace TradeX.Core.Tests;

/// <summary>
/// The random-flow properties over thousands of consecutive seeds instead of FsCheck's few dozen
/// (TRADEX_LONG_TESTS=1, ./run.sh test --long; TRADEX_SWEEP_SEEDS=n sets how many). FsCheck draws a
/// handful of seeds per run; a sweep reaches the rare interleavings (a fill resent days later) that a
/// short run only meets by luck.
/// </summary>
public sealed class LongSweepTests
{
    private static int Seeds()
    {
        if (Environment.GetEnvironmentVariable("TRADEX_LONG_TESTS") != "1")
            Assert.Ignore("seed sweep: set TRADEX_LONG_TESTS=1 (./run.sh test --long) to run it");
        return int.TryParse(Environment.GetEnvironmentVariable("TRADEX_SWEEP_SEEDS"), out int n) && n > 0 ? n : 3_000;
    }

    [Test]
    public void Every_invariant_holds_after_every_input_of_thousands_of_random_flows()
    {
        int seeds = Seeds();
        var failures = new List<string>();
        Parallel.For(1, seeds + 1, seed =>
        {
            var (_, problems) = PropertyTests.Run(seed, new RandomFlow(seed));
            if (problems.Count > 0) lock (failures) failures.Add(problems[0]);
        });
        Assert.That(failures.OrderBy(f => f, StringComparer.Ordinal), Is.Empty);
    }

    [Test]
    public void Fifteen_venue_routing_never_over_fills_over_thousands_of_seeds()
    {
        int seeds = Seeds();
        var failures = new List<string>();
        Parallel.For(1, seeds + 1, seed =>
        {
            try { RoutingProperties.Run(seed); }
            catch (Exception e) { lock (failures) failures.Add($"seed {seed}: {e.Message.Split('\n')[0]}"); }
        });
        Assert.That(failures.OrderBy(f => f, StringComparer.Ordinal), Is.Empty);
    }
}
