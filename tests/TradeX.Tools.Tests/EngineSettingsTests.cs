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
}
