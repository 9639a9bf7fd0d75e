using TradeX.Core;

namespace TradeX.Scenario.Tests;

/// <summary>The incident reproductions in scenarios/ run clean and show the incident prevented.</summary>
public sealed class ScenarioFileTests
{
    private static string ScenarioPath(string name)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root not found");
        return Path.Combine(dir!.FullName, "scenarios", name);
    }

    private static (ScenarioRunner Runner, List<EngineEvent> Events) Run(string name)
    {
        var runner = new ScenarioRunner();
        var events = new List<EngineEvent>();
        var errors = new List<ScenarioError>();
        using var reader = File.OpenText(ScenarioPath(name));
        runner.Run(reader, (e, _) => events.Add(e), errors.Add);
        Assert.That(errors, Is.Empty, $"{name} has lines that do not parse");
        Assert.That(runner.Engine.CheckInvariants(), Is.Empty);
        return (runner, events);
    }

    private static IEnumerable<EngineEvent> Of(List<EngineEvent> events, EventKind kind) => events.Where(e => e.Kind == kind);

    [Test]
    public void Every_scenario_file_parses_and_runs()
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(ScenarioPath("x"))!, "*.txt"))
            Run(Path.GetFileName(file));
    }

    [Test]
    public void Gross_limit_race_accepts_exactly_three_then_exactly_twelve()
    {
        var (_, events) = Run("gross-limit-race.txt");
        var accepted = Of(events, EventKind.OrderAccepted).GroupBy(e => e.OrderAccepted.Account.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(accepted, Is.EqualTo(new Dictionary<int, int> { [10] = 3, [20] = 12 }));
        Assert.That(Of(events, EventKind.OrderRejected).Select(e => e.OrderRejected.Reason), Is.All.EqualTo(RejectReason.GrossExposure));
    }

    [Test]
    public void Stale_buying_power_accepts_exactly_one_until_it_is_cancelled()
    {
        var (_, events) = Run("stale-buying-power.txt");
        Assert.That(Of(events, EventKind.OrderAccepted).Select(e => e.OrderAccepted.ClientOrderId.Value), Is.EqualTo(new[] { 1UL, 6UL }));
        Assert.That(Of(events, EventKind.OrderRejected).Count(e => e.OrderRejected.Reason == RejectReason.BuyingPower), Is.EqualTo(4));
    }

    [Test]
    public void Fills_apply_exactly_once_to_a_position_of_exactly_a_thousand()
    {
        var (runner, events) = Run("fills-exactly-once.txt");
        Assert.That(runner.Engine.GetPosition(new AccountId(10), new InstrumentId(1))!.Quantity, Is.EqualTo(Quantity.Of(1_000)));
        Assert.That(Of(events, EventKind.DuplicateFillIgnored).Count(), Is.EqualTo(20));
    }

    [Test]
    public void Mark_alerts_rise_once_per_level_and_clear()
    {
        var (_, events) = Run("mark-alerts.txt");
        Assert.That(Of(events, EventKind.LimitAlert).Select(e => e.LimitAlert.Level),
            Is.EqualTo(new[] { AlertLevel.Warning, AlertLevel.Critical, AlertLevel.Breached, AlertLevel.Normal }));
    }

    [Test]
    public void Kill_switch_scenario_blocks_refuses_the_unentitled_and_trips_on_violations()
    {
        var (_, events) = Run("kill-switch.txt");
        var changes = Of(events, EventKind.KillSwitchChanged).Select(e => (e.KillSwitchChanged.Scope, e.KillSwitchChanged.Active, e.KillSwitchChanged.Cause)).ToList();
        Assert.That(changes, Is.EqualTo(new[]
        {
            (KillSwitchScope.Account, true, KillSwitchCause.Operator),
            (KillSwitchScope.Account, false, KillSwitchCause.Operator),
            (KillSwitchScope.Account, true, KillSwitchCause.CircuitBreaker),
            (KillSwitchScope.Global, true, KillSwitchCause.Operator),
            (KillSwitchScope.Global, false, KillSwitchCause.Operator),
        }));
        Assert.That(Of(events, EventKind.InputRejected).Single().InputRejected.Reason, Is.EqualTo(RejectReason.OperatorNotEntitled));
        Assert.That(Of(events, EventKind.OrderCanceled).Count(e => e.OrderCanceled.Reason == CancelReason.KillSwitch), Is.EqualTo(2));
    }

    [Test]
    public void Clock_skew_changes_nothing_sequence_rules()
    {
        var (runner, events) = Run("clock-skew.txt");
        Assert.That(Of(events, EventKind.Trade).Single().Trade.Quantity, Is.EqualTo(Quantity.Of(100)));
        Assert.That(Of(events, EventKind.CancelRejected).Single().CancelRejected.Reason, Is.EqualTo(RejectReason.UnknownOrder));
        Assert.That(runner.Engine.Now, Is.EqualTo(ScenarioParser.MidnightNanos(new DateOnly(2026, 1, 5)) + 36_000_000_000_000L), "engine time never goes back");
    }

    [Test]
    public void The_example_runs_every_kind_of_input()
    {
        var (runner, _) = Run("example.txt");
        Assert.That(runner.Applied, Is.GreaterThan(20));
    }

    [Test]
    public void Venue_fills_that_name_the_wrong_order_exceed_it_or_break_its_limit_never_move_a_position()
    {
        var (runner, events) = Run("venue-fill-breaks.txt");
        var breaks = Of(events, EventKind.FillBreak).Select(e => (e.FillBreak.Status, e.FillBreak.Reason)).ToList();
        Assert.That(breaks, Is.EqualTo(new[]
        {
            (FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue), (FillBreakStatus.Refused, RejectReason.NotWorkingAtVenue),
            (FillBreakStatus.Opened, RejectReason.FillOutsideLimit), (FillBreakStatus.Busted, RejectReason.FillOutsideLimit),
            (FillBreakStatus.Refused, RejectReason.FillExceedsLeaves),
            (FillBreakStatus.Opened, RejectReason.OrderEnded), (FillBreakStatus.Booked, RejectReason.OrderEnded),
        }));
        Assert.That(runner.Engine.GetAccount(new AccountId(10))!.Cash, Is.EqualTo(Money.Of(10_000)), "the $100-limit buy filled at $109.99 was busted");
        Assert.That(runner.Engine.GetPosition(new AccountId(20), new InstrumentId(1))!.Quantity, Is.EqualTo(Quantity.Of(40)), "50 bought at ARCA, 10 sold by the booked late fill");
        Assert.That(runner.Engine.GetOrder(new AccountId(20), new ClientOrderId(1))!.Leaves, Is.EqualTo(Quantity.Of(100)), "the internal order still rests in full");
        Assert.That(runner.Engine.OpenBreaks(), Is.Empty);
    }

    [Test]
    public void Layered_daily_loss_lines_warn_then_block_then_stop_the_account_at_the_mark_that_crosses_the_emergency_line()
    {
        var (runner, events) = Run("layered-limits.txt");
        Assert.That(Of(events, EventKind.OrderRejected).Select(e => e.OrderRejected.Reason), Is.EqualTo(new[] { RejectReason.DailyLoss }));
        var kill = Of(events, EventKind.KillSwitchChanged).Single();
        Assert.That((kill.KillSwitchChanged.Cause, kill.Sequence), Is.EqualTo((KillSwitchCause.EmergencyLimit, events.Last(e => e.Kind == EventKind.LimitAlert).Sequence)));
        Assert.That(Of(events, EventKind.OrderCanceled).Count(e => e.OrderCanceled.Reason == CancelReason.KillSwitch), Is.EqualTo(2));
        Assert.That(runner.Engine.GetAccount(new AccountId(10))!.OpenOrders, Is.Zero);
    }

    [Test]
    public void At_the_limit_is_accepted_and_one_unit_past_it_refused()
    {
        var (_, events) = Run("limit-boundaries.txt");
        Assert.That(Of(events, EventKind.OrderRejected).Select(e => (e.OrderRejected.ClientOrderId.Value, e.OrderRejected.Reason)),
            Is.EqualTo(new[] { (3UL, RejectReason.GrossExposure), (2UL, RejectReason.BuyingPower), (7UL, RejectReason.DailyLoss) }));
        Assert.That(Of(events, EventKind.LimitAlert).Where(e => e.LimitAlert.Type == LimitType.DailyLoss).Select(e => e.LimitAlert.Level),
            Is.EqualTo(new[] { AlertLevel.Critical, AlertLevel.Breached }));
    }

    [Test]
    public void An_account_over_its_limits_can_still_sell_its_long_and_no_more()
    {
        var (runner, events) = Run("reducing-orders.txt");
        Assert.That(Of(events, EventKind.OrderRejected).Select(e => e.OrderRejected.ClientOrderId.Value), Is.EqualTo(new[] { 2UL, 4UL }));
        Assert.That(runner.Engine.GetPosition(new AccountId(10), new InstrumentId(1))!.Quantity, Is.EqualTo(Quantity.Zero));
    }

    [Test]
    public void Short_sale_proceeds_buy_nothing_in_a_cash_account()
    {
        var (runner, events) = Run("short-sale-buying-power.txt");
        Assert.That(Of(events, EventKind.OrderRejected).Select(e => (e.OrderRejected.Account.Value, e.OrderRejected.Reason)),
            Is.EqualTo(new[] { (10, RejectReason.BuyingPower), (11, RejectReason.BuyingPower) }));
        Assert.That(runner.Engine.GetAccount(new AccountId(11))!.BuyingPower, Is.EqualTo(Money.Zero));
    }

    [Test]
    public void Market_buys_reserve_at_the_protection_price_and_buying_power_refusals_do_not_lock_the_client_out()
    {
        var (runner, events) = Run("market-order-protection.txt");
        Assert.That(Of(events, EventKind.OrderRejected).Count(e => e.OrderRejected.Reason == RejectReason.BuyingPower), Is.EqualTo(4));
        Assert.That(runner.Engine.GetAccount(new AccountId(10))!.KillSwitch, Is.False);
        var last = Of(events, EventKind.Trade).Where(e => e.Trade.BuyAccount.Value == 30).Select(e => (e.Trade.Price.ToString(), e.Trade.Quantity.Units));
        Assert.That(last, Is.EqualTo(new[] { ("100", 900L), ("100.01", 10L) }));
    }
}

public sealed class MarketMakerScenarioTests
{
    [Test]
    public void Market_maker_protection_trips_refuses_resets_and_cancel_on_disconnect_leaves_orders()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
        var runner = new ScenarioRunner();
        var events = new List<TradeX.Core.EngineEvent>();
        var errors = new List<ScenarioError>();
        using (var reader = File.OpenText(Path.Combine(dir!.FullName, "scenarios", "market-maker-protection.txt")))
            runner.Run(reader, (e, _) => events.Add(e), errors.Add);

        Assert.That(errors, Is.Empty);
        var tripped = events.Single(e => e.Kind == TradeX.Core.EventKind.ProtectionTripped).ProtectionTripped;
        Assert.That((tripped.FillCount, tripped.PulledQuoteSides), Is.EqualTo((4, 2)));
        var statuses = events.Where(e => e.Kind == TradeX.Core.EventKind.QuoteStatus).Select(e => (e.QuoteStatus.QuoteId, e.QuoteStatus.Status, e.QuoteStatus.Reason)).ToList();
        Assert.That(statuses, Is.EqualTo(new[]
        {
            (1UL, TradeX.Core.QuoteEntryStatus.Accepted, TradeX.Core.RejectReason.None),
            (1UL, TradeX.Core.QuoteEntryStatus.Accepted, TradeX.Core.RejectReason.None),
            (2UL, TradeX.Core.QuoteEntryStatus.Rejected, TradeX.Core.RejectReason.ProtectionTripped),
            (3UL, TradeX.Core.QuoteEntryStatus.Accepted, TradeX.Core.RejectReason.None),
        }));
        var open = runner.Engine.OpenOrders(new TradeX.Core.AccountId(10));
        Assert.That(open.Select(o => (o.Instrument.Value, o.ClientOrderId.Value)), Is.EqualTo(new[] { (2, 1UL) }), "only the BETA order is left after cancel-on-disconnect");
    }
}

public sealed class SmartRoutingScenarioTests
{
    [Test]
    public void The_overfill_incident_is_prevented_the_parent_fills_exactly_its_quantity()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TradeX.Core.sln"))) dir = dir.Parent;
        var runner = new ScenarioRunner();
        var events = new List<TradeX.Core.EngineEvent>();
        var errors = new List<ScenarioError>();
        using (var reader = File.OpenText(Path.Combine(dir!.FullName, "scenarios", "smart-routing-overfill.txt")))
            runner.Run(reader, (e, _) => events.Add(e), errors.Add);

        Assert.That(errors, Is.Empty);
        var children = events.Where(e => e.Kind == TradeX.Core.EventKind.VenueOrderRequested).Select(e => e.VenueOrderRequested).ToList();
        Assert.That(children.Select(c => (c.Venue.Value, c.Quantity.Units)), Is.EqualTo(new[] { (3, 300L), (2, 700L) }),
            "1,000 split once over the two best venues, never the full size to each");
        var canceled = events.Single(e => e.Kind == TradeX.Core.EventKind.OrderCanceled).OrderCanceled;
        Assert.That((canceled.FilledQuantity.Units, canceled.CanceledQuantity.Units), Is.EqualTo((950L, 50L)));
        Assert.That(runner.Engine.GetPosition(new TradeX.Core.AccountId(10), new TradeX.Core.InstrumentId(1))!.Quantity.Units, Is.EqualTo(950));
        Assert.That(runner.Engine.Counters.VenueOverfills, Is.Zero);
    }
}
