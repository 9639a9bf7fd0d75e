using System.Net;
using TradeX.Core;
using TradeX.Pipeline;

namespace TradeX.Replication.Tests;

/// <summary>The primary's stage and agent and the standby's agent, driven from one test thread over a real loopback connection.</summary>
public sealed class ReplicationHotPathTests
{
    private static EngineInput Input(long sequence)
    {
        var input = sequence % 3 == 0
            ? EngineInput.Tick()
            : EngineInput.Of(new NewOrder
            {
                Account = new AccountId(1), Instrument = new InstrumentId(1), Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Day,
                Price = new Price(100_000_000), Quantity = Quantity.Of(10), ClientOrderId = new ClientOrderId((ulong)sequence),
            });
        input.Sequence = sequence;
        input.Time = 1_767_603_600_000_000_000L + sequence * 1_000;
        return input;
    }

    [TestCase(ReplicationMode.Asynchronous)]
    [TestCase(ReplicationMode.Synchronous)]
    public void Replicating_100000_inputs_allocates_nothing_on_the_primary_or_the_standby_agent_thread(ReplicationMode mode)
    {
        var options = new ReplicationOptions { NodeId = 1, Mode = mode, CheckpointEveryInputs = 0, HistoryInputs = 1 << 14 };
        using var primary = new PrimaryReplicator(options, NodeEpoch.Open(null), new IPEndPoint(IPAddress.Loopback, 0), 0, 0, null, null);
        // The standby's pipeline runs its own stage threads; its replica runs here, on the test thread.
        using var pipeline = new NodePipeline(new PipelineOptions { InputRingSize = 1 << 14, OutputRingSize = 1 << 16, Engine = EngineOptions.Small }, log: _ => { });
        pipeline.Start();
        using var standby = new StandbyReplica(options with { NodeId = 2 }, NodeEpoch.Open(null), [primary.ListenEndPoint], pipeline.Publisher, 0,
            () => pipeline.Journal.DurableSequence + 1, () => pipeline.EngineStageHandle.Sequence.Value + 1, null);

        var entry = new InputEntry();
        long next = 1;
        void Run(int count)
        {
            for (int i = 0; i < count; i++)
            {
                entry.Input = Input(next);
                primary.Replicate(ref entry, next - 1, endOfBatch: next % 16 == 0);
                next++;
                if (next % 16 == 1)
                {
                    primary.DoWork();
                    standby.DoWork();
                }
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (standby.Status().PeerState != "live" && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            primary.DoWork();
            standby.DoWork();
        }
        Run(20_000); // warm up: connection, buffers, JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        clock.Restart();
        while (pipeline.EngineStageHandle.Sequence.Value + 1 < next - 1 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            primary.DoWork();
            standby.DoWork();
        }

        Assert.That(allocated, Is.Zero, "bytes allocated on the thread running the replication stage and both agents");
        Assert.That(pipeline.Engine.LastSequence, Is.EqualTo(next - 1), "and the standby applied every input");
        Assert.That(primary.Status().PeerDurableSequence, Is.GreaterThan(100_000), "acknowledged as it went");
    }
}
