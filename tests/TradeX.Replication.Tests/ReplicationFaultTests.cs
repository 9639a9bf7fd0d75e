using System.Buffers.Binary;
using TradeX.Protocol.Replication;
using TradeX.Replication.Tests.Support;

namespace TradeX.Replication.Tests;

/// <summary>What goes wrong between two nodes, and what each does about it.</summary>
public sealed class ReplicationFaultTests
{
    private static int Template(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16LittleEndian(message[2..]);

    [Test]
    public void A_record_damaged_on_the_wire_is_detected_and_sent_again()
    {
        using var dirs = new TempDirectory("damage");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"));
        using var proxy = new TcpProxy(primary.Endpoint);
        int damaged = 0;
        proxy.AlterFromPrimary = message =>
        {
            // Flip one bit in the middle of the records of the first batch.
            if (Template(message) == RecordBatchDecoder.SbeTemplateId && message.Length > 200 && Interlocked.Increment(ref damaged) == 1)
                message[message.Length / 2] ^= 0x04;
        };
        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), proxy.EndPoint);
        primary.PublishOrders(3_000, seed: 21);
        long last = primary.Published;
        Wait.Until(() => standby.Applied >= last, () => $"the standby applied {standby.Applied} of {last}");

        var status = standby.Host.ReplicationStatus()!;
        Assert.That(status.CorruptRecords, Is.EqualTo(1), "the damaged batch was caught by a record's CRC");
        Assert.That(proxy.Connections, Is.GreaterThanOrEqualTo(2), "and asked for again on a new connection");
        // Where the flipped bit lands decides the reason (a CRC mismatch, or an implausible length when it hits a record's length).
        Assert.That(standby.Log.Any(l => l.Contains("damaged record after sequence", StringComparison.Ordinal) && l.Contains("asking for it again", StringComparison.Ordinal)), Is.True);
        ReplicatedNode.StopAndAssertSameState(primary, standby);
        Assert.That(ReplicatedNode.JournalRecords(standby.Directory), Is.EqualTo(ReplicatedNode.JournalRecords(primary.Directory)), "nothing damaged reached the journal");
    }

    [Test]
    public void A_standby_whose_state_hash_differs_stops_applying_raises_an_alarm_and_the_primary_sees_it()
    {
        using var dirs = new TempDirectory("diverge");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"));
        using var proxy = new TcpProxy(primary.Endpoint);
        proxy.AlterFromPrimary = message =>
        {
            // The primary's hashes from input 1,500 on are made to differ from what the standby computes.
            if (Template(message) == CheckpointDecoder.SbeTemplateId && CheckpointDecoder.Wrap(message).Sequence >= 1_500)
                message[^1] ^= 0xFF;
        };
        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), proxy.EndPoint);
        primary.PublishOrders(5_000, seed: 22);
        Wait.Until(() => standby.Host.Standby!.IsStopped, "the standby stopped");

        var status = standby.Host.ReplicationStatus()!;
        Assert.That(status.Alarm, Does.Match(@"after input (\d|,)+ this standby's state hash is 0x[0-9a-f]{16}, the primary's 0x[0-9a-f]{16}"),
            "the alarm names the input after which the states differ, and both hashes");
        Assert.That(status.PeerState, Is.EqualTo("diverged"));
        long held = standby.Host.Standby!.LastPublished;
        primary.PublishOrders(500, seed: 23);
        Wait.Until(() => primary.Host.ReplicationStatus()!.PeerState == "diverged", "the primary learned that its standby diverged");
        Assert.That(standby.Host.Standby!.LastPublished, Is.EqualTo(held), "the standby applies nothing more");
        Assert.That(primary.Log.Any(l => l.Contains("ALARM", StringComparison.Ordinal) && l.Contains("StateHashMismatch", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void A_primary_that_meets_a_node_of_a_newer_epoch_is_fenced_and_the_standby_refuses_a_primary_of_an_older_one()
    {
        using var dirs = new TempDirectory("epochs");
        string standbyDir = Path.Combine(dirs.Path, "standby");
        Directory.CreateDirectory(standbyDir);
        File.WriteAllText(Path.Combine(standbyDir, NodeEpoch.FileName), "2\n"); // it followed a primary promoted at epoch 2
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"));
        primary.PublishOrders(100, seed: 24);
        int referenceData = primary.Config.ReferenceData().Count();
        Wait.Until(() => primary.Applied >= 100 + referenceData, "the inputs before the fencing were applied");
        using var standby = ReplicatedNode.Standby(standbyDir, primary.Endpoint);
        Wait.Until(() => primary.Host.Primary!.IsFenced, "the old primary fenced itself");
        Assert.That(primary.Host.ReplicationStatus()!.Role, Is.EqualTo("primary (fenced)"));
        Assert.That(standby.Host.Standby!.LastPublished, Is.Zero, "nothing from the older epoch was applied");
        Assert.That(primary.Log.Any(l => l.Contains("is fenced", StringComparison.Ordinal)), Is.True);

        // Fenced in asynchronous mode too: what still arrives is journaled, but the engine produces nothing for it.
        long applied = primary.Applied;
        long events = primary.Pipeline.Statistics.Events;
        primary.PublishOrders(200, seed: 26);
        long last = primary.Published;
        Wait.Until(() => primary.Durable >= last, "the inputs after the fencing were journaled");
        Assert.That(primary.Applied, Is.EqualTo(applied), "a fenced primary applies nothing more");
        Assert.That(primary.Pipeline.Statistics.Events, Is.EqualTo(events), "and releases no event");
    }

    [Test]
    public void A_standby_whose_journal_holds_inputs_the_primary_lacks_is_refused_with_an_alarm()
    {
        using var dirs = new TempDirectory("ahead");
        string primaryDir = Path.Combine(dirs.Path, "primary");
        string standbyDir = Path.Combine(dirs.Path, "standby");
        using (var first = ReplicatedNode.Primary(primaryDir))
        {
            using var follower = ReplicatedNode.Standby(standbyDir, first.Endpoint);
            first.PublishOrders(1_000, seed: 25);
            long last = first.Published;
            Wait.Until(() => follower.Durable >= last, "the standby holds everything");
        }
        // The primary's journal loses its tail (a disk restored from an older copy): the standby now holds more.
        string olderPrimary = Path.Combine(dirs.Path, "primary-older");
        Journals.Write(olderPrimary, ReplicatedNode.JournalInputs(primaryDir).Take(500).ToList());
        using var primary = ReplicatedNode.Start(ReplicatedNode.Configure(olderPrimary, "primary"));
        using var standby = ReplicatedNode.Standby(standbyDir, primary.Endpoint);
        Wait.Until(() => standby.Host.Standby!.Alarm is not null, "the standby was refused");
        Assert.That(standby.Host.Standby!.Alarm, Does.Contain("StandbyAhead"));
        Assert.That(primary.Log.Any(l => l.Contains("ALARM", StringComparison.Ordinal) && l.Contains("holds inputs up to 1,0", StringComparison.Ordinal)), Is.True);
    }
}
