using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Tests;

public sealed class EngineSettingsTests
{
    [Test]
    public void A_replay_uses_the_engine_settings_the_node_recorded_unless_the_operator_overrides_them()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tradex-settings-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            EngineSettingsFile.Write(dir, EngineOptions.Default with { MaxOpenOrders = 1234, CircuitBreakerViolations = 9 });
            var plain = new ToolContext(TextWriter.Null, TextWriter.Null, false, EngineOptions.Default);
            Assert.That((plain.EngineOptionsFor(dir).MaxOpenOrders, plain.EngineOptionsFor(dir).CircuitBreakerViolations), Is.EqualTo((1234, 9)));

            var overridden = new ToolContext(TextWriter.Null, TextWriter.Null, false, EngineOptions.Default, recorded => recorded with { MaxOpenOrders = 99 });
            Assert.That((overridden.EngineOptionsFor(dir).MaxOpenOrders, overridden.EngineOptionsFor(dir).CircuitBreakerViolations), Is.EqualTo((99, 9)));

            string empty = Path.Combine(dir, "none");
            Directory.CreateDirectory(empty);
            Assert.That(plain.EngineOptionsFor(empty).MaxOpenOrders, Is.EqualTo(EngineOptions.Default.MaxOpenOrders), "no file: the defaults");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void The_recorded_settings_carry_the_table_sizes_and_a_file_from_before_the_client_order_id_limit_replays_unbounded()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tradex-settings-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            EngineSettingsFile.Write(dir, EngineOptions.Default with
            {
                ExpectedClientOrderIdsPerDay = 65_536, ExpectedVenueFillsPerDay = 1_024, ExpectedVenueOrdersPerDay = 2_048,
            });
            var read = EngineSettingsFile.TryRead(dir, EngineOptions.Small)!;
            Assert.That((read.ExpectedClientOrderIdsPerDay, read.ClientOrderIdsBounded, read.ExpectedVenueFillsPerDay, read.ExpectedVenueOrdersPerDay),
                Is.EqualTo((65_536, true, 1_024, 2_048)));

            // Written before the sizes were recorded: the engine that wrote the journal grew its index and never refused.
            File.WriteAllText(Path.Combine(dir, EngineSettingsFile.FileName),
                """{ "MaxOpenOrders": 262144, "MaxPositions": 65536, "CircuitBreakerViolations": 5, "CircuitBreakerWindowNanos": 60000000000, "DefaultWarningBps": 8000, "DefaultCriticalBps": 9500 }""");
            var old = EngineSettingsFile.TryRead(dir, EngineOptions.Small)!;
            Assert.That((old.MaxOpenOrders, old.ClientOrderIdsBounded, old.ExpectedClientOrderIdsPerDay), Is.EqualTo((262_144, false, EngineOptions.Small.ExpectedClientOrderIdsPerDay)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
