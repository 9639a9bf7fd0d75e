using TradeX.Replication.Tests.Support;

namespace TradeX.Replication.Tests;

/// <summary>Synchronous mode: no response to input N exists on the primary before the standby holds N durably.</summary>
public sealed class SynchronousReplicationTests
{
    [TestCase("single")]
    [TestCase("shared")]
    [TestCase("dedicated")]
    public void Without_a_standby_the_primary_journals_inputs_but_produces_no_response(string threading)
    {
        using var dirs = new TempDirectory("sync-alone");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"), mode: "sync", threading: threading);
        primary.PublishOrders(200);
        long last = primary.Published;
        Wait.Until(() => primary.Durable >= last, () => $"the primary journaled {primary.Durable} of {last}");
        Assert.That(primary.Applied, Is.Zero, "the engine waits for the standby: nothing applied, so no response exists");
        Assert.That(primary.Pipeline.Statistics.Events, Is.Zero, "no event reached the output ring");

        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), primary.Endpoint, threading: threading);
        Wait.Until(() => primary.Applied >= last, () => $"with a standby the primary applied {primary.Applied} of {last}");
        Assert.That(standby.Durable, Is.GreaterThanOrEqualTo(last), "what the primary applied, the standby holds");
    }

    [TestCase("single")]
    [TestCase("shared")]
    [TestCase("dedicated")]
    public void Under_load_the_primary_never_applies_an_input_the_standby_does_not_hold(string threading)
    {
        using var dirs = new TempDirectory("sync-load");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"), mode: "sync", threading: threading);
        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), primary.Endpoint, threading: threading);
        var load = Task.Run(() => primary.PublishOrders(20_000, seed: 7));
        long samples = 0, ahead = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!load.IsCompleted || primary.Applied < primary.Published)
        {
            long applied = primary.Applied; // read first: the standby's durable sequence only grows
            long durable = standby.Durable;
            samples++;
            if (applied > durable) ahead++;
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail($"the primary applied {primary.Applied} of {primary.Published} in 60 s");
            Thread.Yield(); // two cores: leave them to the nodes
        }
        load.Wait();
        Assert.That(ahead, Is.Zero, $"the primary's engine was ahead of the standby's journal in {ahead} of {samples} samples");
        ReplicatedNode.StopAndAssertSameState(primary, standby);
    }

    [Test]
    public void A_partitioned_primary_in_synchronous_mode_stops_releasing_output_and_resumes_when_the_standby_returns()
    {
        using var dirs = new TempDirectory("partition");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"), mode: "sync");
        using var proxy = new TcpProxy(primary.Endpoint);
        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), proxy.EndPoint);
        primary.PublishOrders(1_000, seed: 8);
        Wait.Until(() => primary.Applied >= primary.Published, "the pair in step");

        proxy.Dropping = true; // traffic dropped, connections open: neither side is told
        long before = primary.Applied;
        primary.PublishOrders(500, seed: 9);
        long last = primary.Published;
        Wait.Until(() => primary.Durable >= last, "the primary journaled the inputs sent during the partition");
        Wait.Until(() => primary.Host.ReplicationStatus()!.PeerState == "disconnected", "the primary noticed the standby's silence (timeout)");
        Assert.That(primary.Applied, Is.LessThanOrEqualTo(standby.Durable), "the isolated primary applied nothing the standby lacks");
        Assert.That(primary.Applied, Is.LessThan(last), "it released no response for the inputs the standby never got");
        Assert.That(primary.Applied - before, Is.LessThanOrEqualTo(standby.Durable - before));

        proxy.Dropping = false;
        proxy.CutConnections(); // the half-open connections end; the standby connects again
        Wait.Until(() => primary.Applied >= last, () => $"after the partition the primary applied {primary.Applied} of {last}");
        ReplicatedNode.StopAndAssertSameState(primary, standby);
    }

    [Test]
    public void In_asynchronous_mode_the_standby_lags_by_at_most_the_unacknowledged_window()
    {
        using var dirs = new TempDirectory("async-window");
        using var primary = ReplicatedNode.Primary(Path.Combine(dirs.Path, "primary"), mode: "async");
        using var proxy = new TcpProxy(primary.Endpoint);
        using var standby = ReplicatedNode.Standby(Path.Combine(dirs.Path, "standby"), proxy.EndPoint);
        primary.PublishOrders(1_000, seed: 10);
        Wait.Until(() => standby.Durable >= primary.Published, "the standby in step");

        proxy.Dropping = true;
        primary.PublishOrders(700, seed: 11);
        long last = primary.Published;
        Wait.Until(() => primary.Applied >= last, "asynchronous: the primary answers without the standby");
        var status = primary.Host.ReplicationStatus()!;
        // What a failure of the primary now would lose: exactly what the standby has not acknowledged.
        Assert.That(status.LagRecords, Is.EqualTo(last - status.PeerDurableSequence));
        Assert.That(last - standby.Durable, Is.LessThanOrEqualTo(status.LagRecords), "the standby holds at least what it acknowledged");
        Assert.That(status.LagRecords, Is.GreaterThanOrEqualTo(700), "the inputs sent during the partition are the window at risk");
    }
}
