using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using TradeX.Core;

namespace TradeX.Core.Tests;

/// <summary>Properties over random flows of every input kind (see <see cref="RandomFlow"/>).</summary>
public sealed class PropertyTests
{
    private const int FlowLength = 1_500;

    internal static (EngineDriver Driver, List<string> Problems) Run(int seed, RandomFlow flow, Func<EngineDriver, string?>? checkAfterEach = null)
    {
        var d = new EngineDriver();
        var problems = new List<string>();
        foreach (var input in flow.Setup()) d.Apply(input);
        for (int i = 0; i < FlowLength && problems.Count == 0; i++)
        {
            d.Time = flow.NextTime(d.Time);
            foreach (var e in d.Apply(flow.Next())) flow.Observe(e);
            foreach (var p in d.Engine.CheckInvariants()) problems.Add($"seed {seed}, input {i}: {p}");
            if (checkAfterEach?.Invoke(d) is { } extra) problems.Add($"seed {seed}, input {i}: {extra}");
        }
        return (d, problems);
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public void The_book_never_rests_crossed_leaves_never_go_negative_and_exposure_equals_a_recompute(PositiveInt seed)
    {
        var (_, problems) = Run(seed.Get, new RandomFlow(seed.Get));
        Assert.That(problems, Is.Empty);
    }

    [FsCheck.NUnit.Property(MaxTest = 25)]
    public void Quantities_are_conserved_internal_trades_net_to_zero_and_positions_equal_venue_fills(PositiveInt seed)
    {
        var (d, problems) = Run(seed.Get, new RandomFlow(seed.Get));
        Assert.That(problems, Is.Empty);
        for (int instrument = 1; instrument <= RandomFlow.Instruments; instrument++)
        {
            long venueNet = d.Events.OfKind(EventKind.Trade).Select(e => e.Trade)
                .Where(t => t.Venue.Value != 0 && t.Instrument.Value == instrument)
                .Sum(t => t.BuyAccount.Value != 0 ? t.Quantity.Units : -t.Quantity.Units);
            long positions = Enumerable.Range(1, RandomFlow.Accounts)
                .Sum(a => d.Position(a, instrument)?.Quantity.Units ?? 0);
            Assert.That(positions, Is.EqualTo(venueNet), $"instrument {instrument}");
        }
        long internalBought = d.Events.OfKind(EventKind.Trade).Where(e => e.Trade.Venue.Value == 0).Sum(e => e.Trade.Quantity.Units);
        long internalSold = d.Events.OfKind(EventKind.Trade).Where(e => e.Trade.Venue.Value == 0 && e.Trade.SellAccount.Value != 0).Sum(e => e.Trade.Quantity.Units);
        Assert.That(internalBought, Is.EqualTo(internalSold));
    }

    [FsCheck.NUnit.Property(MaxTest = 25)]
    public void Buying_power_is_never_negative_when_every_limit_is_hard(PositiveInt seed)
    {
        var flow = new RandomFlow(seed.Get) { AllowLateFills = false, AllowSoftAndEmergencyLimits = false };
        var (_, problems) = Run(seed.Get, flow, d =>
        {
            if (d.Engine.Counters.UnmatchedVenueFills > 0 || d.Engine.Counters.VenueOverfills > 0) return "flow produced an unmatched fill";
            var negative = d.Engine.Accounts().FirstOrDefault(a => a.BuyingPower < Money.Zero);
            return negative is null ? null : $"account {negative.Account} buying power {negative.BuyingPower}";
        });
        Assert.That(problems, Is.Empty);
    }

    [FsCheck.NUnit.Property(MaxTest = 25)]
    public void Replaying_the_same_inputs_into_a_fresh_engine_gives_the_same_events_and_state_hash(PositiveInt seed)
    {
        var (d, _) = Run(seed.Get, new RandomFlow(seed.Get));
        var replaySink = new RecordingSink();
        Engine replay = d.Replay(replaySink);

        Assert.That(replay.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(replaySink.Events.Count, Is.EqualTo(d.Events.Count));
        Assert.That(Bytes(replaySink.Events).SequenceEqual(Bytes(d.Events)), Is.True, "event streams differ");
    }

    [FsCheck.NUnit.Property(MaxTest = 20)]
    public void A_snapshot_restored_mid_flow_continues_exactly_like_the_original(PositiveInt seed, PositiveInt cut)
    {
        var (d, _) = Run(seed.Get, new RandomFlow(seed.Get));
        int at = cut.Get % d.Journal.Count;

        var first = new Engine(new RecordingSink(), d.Engine.Options);
        for (int i = 0; i < at; i++) first.Apply(d.Journal[i]);
        byte[] snapshot = first.Snapshot();
        var restoredSink = new RecordingSink();
        Engine restored = Engine.Restore(snapshot, restoredSink, d.Engine.Options);
        Assert.That(restored.StateHash(), Is.EqualTo(first.StateHash()), "restore is exact");
        Assert.That(restored.Snapshot(), Is.EqualTo(snapshot), "snapshot is canonical");

        var continuedSink = new RecordingSink();
        var continued = Engine.Restore(snapshot, continuedSink, d.Engine.Options);
        for (int i = at; i < d.Journal.Count; i++) continued.Apply(d.Journal[i]);
        int tail = d.Events.Count - continuedSink.Events.Count;
        Assert.That(continued.StateHash(), Is.EqualTo(d.Engine.StateHash()));
        Assert.That(Bytes(continuedSink.Events).SequenceEqual(Bytes(d.Events.Skip(tail))), Is.True, "tail events differ");
    }

    private static IEnumerable<byte> Bytes(IEnumerable<EngineEvent> events) =>
        events.SelectMany(e => MemoryMarshal.AsBytes(new ReadOnlySpan<EngineEvent>(in e)).ToArray());
}

/// <summary>Guards the property tests against vacuity: the random flows really reach every event and reject kind that matters.</summary>
public sealed class RandomFlowCoverageTests
{
    [Test]
    public void Random_flows_produce_every_event_kind_and_the_common_reject_reasons()
    {
        var kinds = new HashSet<EventKind>();
        var reasons = new HashSet<RejectReason>();
        var cancels = new HashSet<CancelReason>();
        for (int seed = 1; seed <= 5; seed++)
        {
            var flow = new RandomFlow(seed);
            var d = new EngineDriver();
            foreach (var input in flow.Setup()) d.Apply(input);
            for (int i = 0; i < 3_000; i++)
            {
                d.Time = flow.NextTime(d.Time);
                foreach (var e in d.Apply(flow.Next())) flow.Observe(e);
            }
            foreach (var e in d.Events)
            {
                kinds.Add(e.Kind);
                if (e.Kind == EventKind.OrderRejected) reasons.Add(e.OrderRejected.Reason);
                if (e.Kind == EventKind.OrderCanceled) cancels.Add(e.OrderCanceled.Reason);
            }
            TestContext.Out.WriteLine($"seed {seed}: {d.Events.Count} events, {d.Engine.Counters.Trades} internal trades, {d.Engine.Counters.VenueFillsApplied} venue fills, {d.Engine.Counters.OrdersAccepted} accepted, {d.Engine.Counters.OrdersRejected} rejected");
        }
        var missing = Enum.GetValues<EventKind>().Where(k => k != EventKind.None && !kinds.Contains(k)).ToList();
        Assert.That(missing, Is.Empty, "event kinds the random flows never produce");
        Assert.That(reasons, Is.SupersetOf(new[]
        {
            RejectReason.UnknownAccount, RejectReason.UnknownInstrument, RejectReason.InvalidQuantity, RejectReason.TickSize,
            RejectReason.DuplicateClientOrderId, RejectReason.KillSwitchActive, RejectReason.BuyingPower,
        }));
        Assert.That(cancels, Is.SupersetOf(new[]
        {
            CancelReason.ClientRequest, CancelReason.ImmediateOrCancel, CancelReason.FillOrKill, CancelReason.SelfTradePrevention,
            CancelReason.KillSwitch, CancelReason.MassCancel, CancelReason.VenueCanceled, CancelReason.QuotePulled, CancelReason.ProtectionTripped,
        }));
    }
}
