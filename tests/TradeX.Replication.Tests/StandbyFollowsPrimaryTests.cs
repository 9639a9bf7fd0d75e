using TradeX.Replication.Tests.Support;

namespace TradeX.Replication.Tests;

/// <summary>A primary and a hot standby as two nodes on loopback TCP, each with its own journal directory.</summary>
public sealed class StandbyFollowsPrimaryTests
{
    [TestCase("single")]
    [TestCase("shared")]
    [TestCase("dedicated")]
    public void A_standby_follows_the_primary_input_by_input_and_holds_the_same_state(string threading)
    {
        using var dirs = new TempDirectory("follow");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"), threading: threading);
        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), primary.Endpoint, threading: threading);
        primary.PublishOrders(5_000);
        long last = primary.Published;
        Wait.Until(() => standby.Applied >= last, () => $"the standby applied {standby.Applied} of {last}");
        Wait.Until(() => standby.Host.ReplicationStatus()!.CheckpointsCompared > 0,
            () => $"the standby compared a state hash with the primary's ({standby.Host.ReplicationStatus()})");

        Assert.That(primary.Stop(), Is.True);
        Assert.That(standby.Stop(), Is.True);
        Assert.That(standby.Engine.LastSequence, Is.EqualTo(primary.Engine.LastSequence));
        Assert.That(standby.Engine.StateHash(), Is.EqualTo(primary.Engine.StateHash()), "the standby's engine holds the primary's state");
        Assert.That(standby.Host.ReplicationStatus()!.Alarm, Is.Null);
        int both = 0;
        for (long s = 500; s <= last; s += 500)
        {
            if (!primary.Host.Checkpoints!.TryFind(s, out ulong p) || !standby.Host.Checkpoints!.TryFind(s, out ulong b)) continue;
            Assert.That(b, Is.EqualTo(p), $"state hash after input {s}");
            both++;
        }
        Assert.That(both, Is.GreaterThan(0), "both nodes hashed their state after the same inputs");

        var primaryRecords = ReplicatedNode.JournalRecords(primary.Directory);
        var standbyRecords = ReplicatedNode.JournalRecords(standby.Directory);
        Assert.That(standbyRecords, Has.Count.EqualTo(primaryRecords.Count));
        for (int i = 0; i < primaryRecords.Count; i++)
            Assert.That(standbyRecords[i], Is.EqualTo(primaryRecords[i]), $"journal record {i + 1} is byte for byte the primary's");
        Assert.That(ReplicatedNode.ReplayHash(standby.Directory, standby.Pipeline.Engine.Options), Is.EqualTo(standby.Engine.StateHash()),
            "the standby's own journal replays to its state");
    }

    [Test]
    public void A_standby_that_starts_late_catches_up_from_the_journal_files_then_follows_live()
    {
        using var dirs = new TempDirectory("late");
        // A history of 4,096 inputs: the first ~16,000 are only in the primary's journal files when the standby arrives.
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"), history: 1 << 12);
        primary.PublishOrders(20_000, seed: 2);
        Wait.Until(() => primary.Durable >= primary.Published, "the primary journaled everything");

        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), primary.Endpoint);
        primary.PublishOrders(3_000, seed: 3); // live while it catches up
        long last = primary.Published;
        Wait.Until(() => standby.Applied >= last, () => $"the standby applied {standby.Applied} of {last}");
        var served = primary.Host.ReplicationStatus()!;
        Assert.That(served.RecordsFromFiles, Is.GreaterThan(10_000), "most of the backlog came from the journal files");
        Assert.That(served.RecordsSent, Is.EqualTo(last), "every input sent exactly once: no gap, no duplicate");

        ReplicatedNode.StopAndAssertSameState(primary, standby);
        Assert.That(ReplicatedNode.JournalRecords(standby.Directory), Is.EqualTo(ReplicatedNode.JournalRecords(primary.Directory)));
    }

    [Test]
    public void A_standby_stopped_and_restarted_under_load_resumes_where_its_journal_ends_with_no_gap_and_no_duplicate()
    {
        using var dirs = new TempDirectory("restart");
        string standbyDir = Path.Combine(dirs.Path, "standby");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"));
        var load = Task.Run(() => primary.PublishOrders(30_000, seed: 4));
        var first = ReplicatedNode.Standby(standbyDir, primary.Endpoint);
        Wait.Until(() => first.Applied > 5_000, "the standby followed for a while");
        first.Host.Dispose(); // gone mid-stream: no drain, no goodbye
        long heldBefore = ReplicatedNode.JournalRecords(standbyDir).Count;

        using var second = ReplicatedNode.Standby(standbyDir, primary.Endpoint);
        Assert.That(second.Host.SequenceBase, Is.EqualTo(heldBefore), "it recovered what its journal held");
        load.Wait(TimeSpan.FromSeconds(60));
        long last = primary.Published;
        Wait.Until(() => second.Applied >= last, () => $"the restarted standby applied {second.Applied} of {last}");

        ReplicatedNode.StopAndAssertSameState(primary, second);
        // The journal cursor proves contiguity (each record's sequence is its predecessor's + 1) while it reads.
        Assert.That(ReplicatedNode.JournalRecords(standbyDir), Is.EqualTo(ReplicatedNode.JournalRecords(primary.Directory)));
    }
}
