using System.Runtime.InteropServices;
using TradeX.Core;

namespace TradeX.Journal.Tests;

/// <summary>
/// The live engine and an engine replayed from the journal agree, after long random flows whose producer
/// times run backwards now and then: the journal keeps sequence order and each input's own time, and
/// the engine's clock is the largest time seen, so clock skew changes nothing.
/// </summary>
[TestFixture]
public sealed class ReplayDeterminismTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory("determinism");

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [TestCase(101)]
    [TestCase(202)]
    [TestCase(303)]
    public void Live_and_replayed_state_hashes_and_events_are_identical_after_a_long_skewed_flow(int seed)
    {
        var liveEvents = new List<EngineEvent>();
        var run = LiveRun.Generate(seed, count: 20_000);
        // Re-run the same inputs to capture the live events (LiveRun's sink feeds the flow generator).
        var live = new Engine(new Collect(liveEvents), LiveRun.Options);
        foreach (var input in run.Inputs) live.Apply(input);
        Assert.That(live.StateHash(), Is.EqualTo(run.Engine.StateHash()));
        Assert.That(run.BackwardsTimes, Is.GreaterThan(1_000), "producer times run backwards in this flow");
        Assert.That(run.Inputs.Select(i => i.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<InputKind>().Where(k => k != InputKind.None)), "the flow uses every input kind");

        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 256 * 1024 }, batch: 31);
        var replayEvents = new List<EngineEvent>();
        var replay = new Engine(new Collect(replayEvents), LiveRun.Options);
        using (var cursor = JournalReader.Open(_dir.Path).ReadAll())
        {
            while (cursor.MoveNext()) replay.Apply(in cursor.Current);
        }

        Assert.That(replay.StateHash(), Is.EqualTo(live.StateHash()));
        Assert.That(replay.LastSequence, Is.EqualTo(live.LastSequence));
        Assert.That(replay.Now, Is.EqualTo(live.Now));
        Assert.That(replayEvents, Has.Count.EqualTo(liveEvents.Count));
        for (int i = 0; i < liveEvents.Count; i++)
        {
            var a = liveEvents[i];
            var b = replayEvents[i];
            if (!MemoryMarshal.AsBytes(new ReadOnlySpan<EngineEvent>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<EngineEvent>(in b))))
            {
                Assert.Fail($"event {i} differs: live {a.Kind} at {a.Sequence}, replay {b.Kind} at {b.Sequence}");
            }
        }
        Assert.That(JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options).StateHash, Is.EqualTo(live.StateHash()));
    }

    [Test]
    public void Replaying_with_every_time_replaced_by_the_engine_time_changes_nothing()
    {
        var run = LiveRun.Generate(seed: 404, count: 5_000);
        Journals.Write(_dir.Path, run.Inputs);
        var engine = new Engine(NullSink.Instance, LiveRun.Options);
        using (var cursor = JournalReader.Open(_dir.Path).ReadAll())
        {
            while (cursor.MoveNext())
            {
                var input = cursor.Current;
                input.Time = cursor.EngineTime;
                engine.Apply(in input);
            }
        }
        Assert.That(engine.StateHash(), Is.EqualTo(run.Engine.StateHash()));
    }

    [Test]
    public void Replaying_in_time_order_instead_of_sequence_order_would_build_another_state()
    {
        // The incident this design prevents: a replay sorted by wall-clock timestamp. The journal's
        // order is the sequence, and sorting by time gives a different state on a skewed flow.
        var run = LiveRun.Generate(seed: 505, count: 5_000);
        var sorted = run.Inputs.OrderBy(i => i.Time).ThenBy(i => i.Sequence).Select((input, i) =>
        {
            input.Sequence = i + 1;
            return input;
        }).ToList();
        Assert.That(Journals.ReplayHash(sorted), Is.Not.EqualTo(run.Engine.StateHash()));
    }

    private sealed class Collect(List<EngineEvent> events) : IEngineEventSink
    {
        public void Publish(in EngineEvent e) => events.Add(e);
    }
}
