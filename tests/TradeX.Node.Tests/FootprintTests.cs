using TradeX.Core;
using TradeX.Node.Config;

namespace TradeX.Node.Tests;

/// <summary>The engine's tables sized from the configuration, and the footprint lines.</summary>
public sealed class FootprintTests
{
    [Test]
    public void The_embedded_default_sizes_the_tables_for_its_simulator_day_and_its_reference_data()
    {
        var c = NodeConfig.Load().Capacities();
        // 20,000 requests/s for 20 s, a quarter more, rounded up to a power of two.
        Assert.That(c.OrdersPerDay, Is.EqualTo(524_288));
        Assert.That(c.ClientOrderIdsPerDay, Is.EqualTo(524_288));
        Assert.That(c.MaxOpenOrders, Is.EqualTo(16_384), "a thirty-second of the day's orders");
        Assert.That(c.MaxPositions, Is.EqualTo(1_024), "8 accounts x 8 instruments, twice, at least 1,024");
        Assert.That((c.VenueFillsPerDay, c.VenueOrdersPerDay), Is.EqualTo((1_024, 1_024)), "no venues are configured");

        var engine = NodeConfig.Load().ToPipelineOptions().Engine;
        Assert.That((engine.MaxOpenOrders, engine.MaxPositions, engine.ExpectedClientOrderIdsPerDay, engine.ExpectedVenueFillsPerDay, engine.ExpectedVenueOrdersPerDay),
            Is.EqualTo((16_384, 1_024, 524_288, 1_024, 1_024)));
        Assert.That(engine.ClientOrderIdsBounded, Is.True);
    }

    [Test]
    public void A_longer_or_faster_day_gets_larger_tables_and_explicit_sizes_win()
    {
        var config = NodeConfig.Load();
        config.Run.DurationSeconds = 600;
        config.Simulator.OrdersPerSecond = 50_000;
        var c = config.Capacities();
        Assert.That(c.OrdersPerDay, Is.EqualTo(1 << 26), "37.5 M orders round up to 64 Mi");
        Assert.That(c.MaxOpenOrders, Is.EqualTo(EngineCapacities.MaxDerivedOpenOrders));

        config.Engine.ClientOrderIdsPerDay = 1_000;
        config.Engine.MaxOpenOrders = 777;
        config.Venues.Add(new NodeConfig.VenueConfig { Id = 1, Name = "XNAS" });
        c = config.Capacities();
        Assert.That((c.ClientOrderIdsPerDay, c.MaxOpenOrders, c.VenueFillsPerDay), Is.EqualTo((1_000, 777, 1 << 26)));
    }

    [TestCase("none", 0, EngineCapacities.UnknownRateOrdersPerDay)]
    [TestCase("generator", 0, EngineCapacities.UnknownRateOrdersPerDay)]
    [TestCase("generator", 1_000, EngineCapacities.MinOrdersPerDay)]
    [TestCase("generator", 100_000, 4_194_304)]
    public void The_day_follows_the_load_that_feeds_the_node(string load, double rate, int ordersPerDay)
    {
        var config = NodeConfig.Load();
        config.Run.Load = load;
        config.Generator.OrdersPerSecond = rate;
        Assert.That(config.Capacities().OrdersPerDay, Is.EqualTo(ordersPerDay));
    }

    [Test]
    public void Resident_memory_is_read_from_proc_status()
    {
        var m = ProcessMemory.Parse("Name:\tdotnet\nVmHWM:\t  153124 kB\nVmRSS:\t  150000 kB\nThreads:\t30\n");
        Assert.That((m.ResidentBytes, m.PeakResidentBytes), Is.EqualTo((150_000L * 1024, 153_124L * 1024)));
        Assert.That(ProcessMemory.Parse("Name:\tx\n"), Is.EqualTo(new ProcessMemory(0, 0)));
        Assert.That(ProcessMemory.Read().PeakResidentBytes, Is.GreaterThanOrEqualTo(ProcessMemory.Read().ResidentBytes / 2).And.GreaterThan(0));
    }
}
