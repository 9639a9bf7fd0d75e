using TradeX.Gateway.Participants;
using TradeX.Gateway.Tests.Support;
using TradeX.Sim.Simulator;
using static TradeX.Gateway.Tests.Support.GatewayHarness;

namespace TradeX.Gateway.Tests;

/// <summary>The market-maker simulator against a live gateway: it quotes, trades, measures, and re-arms tripped protection.</summary>
public sealed class SimulatorTests
{
    private static SimParticipant Sim(ParticipantDefinition p) => new(p.Id, p.Secret, p.Accounts);

    [Test]
    public void The_simulator_quotes_and_trades_through_the_gateway_and_reports_latency_as_the_sessions_see_it()
    {
        var guarded = MarketMaker with { Protection = [new ProtectionSetting(0, 1_000_000_000, 0, 20)] };
        using var h = new GatewayHarness([guarded, Taker, MarketMakerAll]);
        var result = MarketMakerSimulator.Run(new SimulatorOptions
        {
            Endpoint = h.Gateway.LocalEndPoint,
            MarketMakers = [Sim(guarded), Sim(MarketMakerAll)],
            Takers = [Sim(Taker)],
            Instruments = [new SimInstrument(Acme, AcmeRef, Tick), new SimInstrument(Beta, BetaRef, Tick)],
            MassQuotesPerSecond = 400,
            OrdersPerSecond = 2_000,
            EntriesPerMassQuote = 2,
            Warmup = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1.5),
        }, CancellationToken.None);
        TestContext.Out.WriteLine(result.Describe());

        Assert.That(result.OrdersSent, Is.GreaterThan(500));
        Assert.That(result.MassQuotesSent, Is.GreaterThan(100));
        Assert.That(result.QuoteAcks, Is.EqualTo(result.MassQuotesSent), "every mass quote acknowledged");
        Assert.That(result.Fills, Is.GreaterThan(0));
        Assert.That(result.OrderLatency.TotalCount, Is.GreaterThan(0));
        Assert.That(result.QuoteLatency.TotalCount, Is.GreaterThan(0));
        Assert.That(result.Disconnects, Is.Zero);
        Assert.That(result.BusinessRejects, Is.Zero);
        Assert.That(result.ProtectionResets, Is.GreaterThan(0), "20 fills a second trips the guarded market maker; it re-arms itself with QuoteProtectionReset");
        Assert.That(h.Gateway.Statistics.ProtectionResets, Is.GreaterThan(0));
        Assert.That(result.Describe(), Does.Contain("order → first execution report").And.Contain("p99"));
    }
}
