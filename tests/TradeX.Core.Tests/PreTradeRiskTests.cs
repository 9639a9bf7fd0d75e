using TradeX.Core;
using TradeX.Core.Positions;
using TradeX.Core.Risk;

namespace TradeX.Core.Tests;

/// <summary>Pre-trade risk on its own: an account, a position and a request, without an engine.</summary>
public sealed class PreTradeRiskTests
{
    private readonly RecordingSink _sink = new();
    private EventPublisher _events = null!;

    [SetUp]
    public void SetUp()
    {
        _sink.Clear();
        _events = new EventPublisher(_sink) { Sequence = 1, Now = 1_000_000_000 };
    }

    private PreTradeRisk Risk(ulong circuitBreakerMask = 0) => new(_events, circuitBreakerMask);

    private static Account Account(long cash, EngineOptions? options = null) =>
        new(id: 10, index: 0, participant: 1, options ?? EngineOptions.Small) { Cash = Money.Of(cash).Raw };

    private static void SetLimit(Account a, LimitType type, LimitKind kind, long value)
    {
        ref LimitSetting l = ref a.Limit(type, kind);
        l.Value = value;
        l.UpdateThresholds();
        a.UpdateEnabled();
    }

    private static RiskRequest Buy(long quantity, long price) =>
        RiskRequest.NewOrder(Side.Buy, Quantity.Of(quantity), Money.Notional(Price.Of(price), Quantity.Of(quantity)));

    private static RiskRequest Sell(long quantity, long price) =>
        RiskRequest.NewOrder(Side.Sell, Quantity.Of(quantity), Money.Notional(Price.Of(price), Quantity.Of(quantity)));

    [Test]
    public void A_buy_within_the_cash_is_accepted_and_one_beyond_it_is_refused_for_buying_power()
    {
        var risk = Risk();
        Account a = Account(cash: 10_000);
        var flat = new PositionRecord();
        Assert.That(risk.Check(a, ref flat, Buy(100, 100)).Reason, Is.EqualTo(RejectReason.None));
        Assert.That(risk.Check(a, ref flat, Buy(101, 100)).Reason, Is.EqualTo(RejectReason.BuyingPower));
    }

    [Test]
    public void Reaching_a_limit_is_allowed_exceeding_it_is_not()
    {
        var risk = Risk();
        Account a = Account(cash: 1_000_000);
        SetLimit(a, LimitType.MaxOrderQuantity, LimitKind.Hard, 500);
        var flat = new PositionRecord();
        Assert.That(risk.Check(a, ref flat, Buy(500, 10)).Accepted, Is.True);
        Assert.That(risk.Check(a, ref flat, Buy(501, 10)).Reason, Is.EqualTo(RejectReason.MaxOrderQuantity));
    }

    [Test]
    public void A_sell_that_only_closes_a_long_passes_even_when_the_account_is_over_its_gross_limit()
    {
        var risk = Risk();
        Account a = Account(cash: 1_000_000);
        SetLimit(a, LimitType.GrossExposure, LimitKind.Hard, Money.Of(1_000).Raw);
        // Long 100 at 100: 10,000 of exposure against a 1,000 gross limit.
        var p = new PositionRecord { Quantity = 100, Cost = Money.Of(10_000).Raw, Value = Money.Of(10_000).Raw };
        a.LongExposure = p.Value;
        Assert.That(risk.Check(a, ref p, Sell(100, 100)).Accepted, Is.True);
        Assert.That(risk.Check(a, ref p, Sell(101, 100)).Reason, Is.EqualTo(RejectReason.GrossExposure));
        Assert.That(risk.Check(a, ref p, Buy(1, 100)).Reason, Is.EqualTo(RejectReason.GrossExposure));
    }

    [Test]
    public void A_soft_breach_accepts_and_reports_the_limit_type_and_its_alert_says_what_was_measured()
    {
        var risk = Risk();
        Account a = Account(cash: 1_000_000);
        SetLimit(a, LimitType.MaxOrderQuantity, LimitKind.Soft, 100);
        var flat = new PositionRecord();
        RiskVerdict v = risk.Check(a, ref flat, Buy(150, 10));
        Assert.That(v.Reason, Is.EqualTo(RejectReason.None));
        Assert.That(v.SoftBreaches, Is.EqualTo(1 << (int)LimitType.MaxOrderQuantity));
        Assert.That(_sink.Events, Is.Empty, "the check itself publishes nothing");

        risk.PublishSoftBreaches(a, v.SoftBreaches);
        LimitAlert alert = _sink.Events.Single(EventKind.LimitAlert).LimitAlert;
        Assert.That((alert.Type, alert.Kind, alert.Level, alert.Value, alert.LimitValue),
            Is.EqualTo((LimitType.MaxOrderQuantity, LimitKind.Soft, AlertLevel.Breached, 150L, 100L)));
        Assert.That(_sink.Events[0].Sequence, Is.EqualTo(1));
    }

    [Test]
    public void An_emergency_breach_refuses_and_asks_for_the_kill_switch()
    {
        var risk = Risk();
        Account a = Account(cash: 1_000_000);
        SetLimit(a, LimitType.MaxOrderNotional, LimitKind.Emergency, Money.Of(5_000).Raw);
        var flat = new PositionRecord();
        RiskVerdict v = risk.Check(a, ref flat, Buy(100, 51));
        Assert.That((v.Reason, v.Trip), Is.EqualTo((RejectReason.MaxOrderNotional, KillSwitchCause.EmergencyLimit)));
    }

    [Test]
    public void Repeated_hard_refusals_of_a_watched_reason_trip_the_circuit_breaker_on_the_configured_count()
    {
        var options = EngineOptions.Small with { CircuitBreakerViolations = 3 };
        var risk = Risk(circuitBreakerMask: 1UL << (int)RejectReason.BuyingPower);
        Account a = Account(cash: 100, options);
        var flat = new PositionRecord();
        var trips = new List<KillSwitchCause>();
        for (int i = 0; i < 3; i++)
        {
            RiskVerdict v = risk.Check(a, ref flat, Buy(100, 100));
            Assert.That(v.Reason, Is.EqualTo(RejectReason.BuyingPower));
            trips.Add(v.Trip);
            _events.Now += 1_000;
        }
        Assert.That(trips, Is.EqualTo(new KillSwitchCause[] { 0, 0, KillSwitchCause.CircuitBreaker }));
    }

    [Test]
    public void An_order_rate_limit_counts_only_new_orders_the_engine_recorded()
    {
        var risk = Risk();
        Account a = Account(cash: 1_000_000);
        SetLimit(a, LimitType.OrderRate, LimitKind.Hard, 2);
        a.Rate.SetCapacity(a.MaxOrderRate());
        var flat = new PositionRecord();
        Assert.That(risk.Check(a, ref flat, Buy(1, 10)).Accepted, Is.True, "checking records nothing");
        a.Rate.Record(_events.Now);
        a.Rate.Record(_events.Now);
        Assert.That(risk.Check(a, ref flat, Buy(1, 10)).Reason, Is.EqualTo(RejectReason.OrderRate));
        var replace = RiskRequest.Change(Side.Buy, Quantity.Of(1), Money.Of(10), Quantity.Zero, Money.Zero);
        Assert.That(risk.Check(a, ref flat, in replace).Accepted, Is.True, "a replace is not a new order");
    }

    [Test]
    public void Alerts_rise_through_warning_and_critical_and_are_published_once_per_level_change()
    {
        var risk = Risk();
        Account a = Account(cash: 1_000_000);
        SetLimit(a, LimitType.GrossExposure, LimitKind.Hard, Money.Of(10_000).Raw);
        var levels = new List<AlertLevel>();
        foreach (long exposure in new long[] { 1_000, 8_000, 8_500, 9_500, 12_000, 2_000 })
        {
            _sink.Clear();
            a.LongExposure = Money.Of(exposure).Raw;
            Assert.That(risk.EvaluateAlerts(a), Is.False, "no emergency threshold is set");
            levels.AddRange(_sink.OfKind(EventKind.LimitAlert).Select(e => e.LimitAlert.Level));
        }
        Assert.That(levels, Is.EqualTo(new[] { AlertLevel.Warning, AlertLevel.Critical, AlertLevel.Breached, AlertLevel.Normal }));
    }
}
