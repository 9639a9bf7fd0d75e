using System.Diagnostics;
using TradeX.Core;
using TradeX.Journal;
using TradeX.Pipeline;

namespace TradeX.Node.Tests;

public sealed class FileJournalTests
{
    private static void Publish(NodePipeline pipeline, EngineInput input)
    {
        input.Time = NodeClock.NowNanos();
        var clock = Stopwatch.StartNew();
        while (!pipeline.Publisher.TryPublish(in input, 1))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail("input ring stayed full");
            Thread.Yield();
        }
    }

    private static (NodePipeline Pipeline, FileJournal Journal, SnapshotWriter Snapshots, RecoveryResult Recovered) Start(string dir, long snapshotEvery)
    {
        var forward = new ForwardingSink();
        var recovered = JournalRecovery.Recover(dir, forward, EngineOptions.Small);
        var journal = new FileJournal(JournalWriter.Open(dir, new JournalOptions { Sync = JournalSyncPolicy.EveryBatch }, null, recovered.Engine.Now), recovered.LastSequence);
        var snapshots = new SnapshotWriter(dir);
        var pipeline = new NodePipeline(new PipelineOptions { InputRingSize = 1024, OutputRingSize = 4096, Engine = EngineOptions.Small }, journal,
            engineFactory: sink => { forward.Target = sink; return recovered.Engine; }, sequenceBase: recovered.LastSequence);
        pipeline.EngineStage.Snapshots = snapshots;
        pipeline.EngineStage.SnapshotEveryInputs = snapshotEvery;
        pipeline.Start();
        return (pipeline, journal, snapshots, recovered);
    }

    [Test]
    public void A_node_restarted_on_its_journal_continues_from_exactly_where_it_stopped()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"tradex-node-journal-{Guid.NewGuid():N}");
        try
        {
            var (first, journal, snapshots, recovered) = Start(dir, snapshotEvery: 250);
            Assert.That(recovered.LastSequence, Is.Zero);
            Publish(first, EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(1), Symbol = Ascii16.Create("ACME"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
                ReferencePrice = Price.Of(100), PriceBandBps = 1000,
            }));
            for (int a = 1; a <= 2; a++)
                Publish(first, EngineInput.Of(new DefineAccount { Account = new AccountId(a), Participant = new ParticipantId(a), Cash = Money.Of(10_000_000) }));
            for (int i = 0; i < 1_000; i++)
                Publish(first, EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(1 + i % 2), Instrument = new InstrumentId(1), Side = i % 2 == 0 ? Side.Buy : Side.Sell, Type = OrderType.Limit,
                    TimeInForce = TimeInForce.Day, Price = new Price(100_000_000 + (i % 7 - 3) * 10_000L), Quantity = Quantity.Of(10), ClientOrderId = new ClientOrderId((ulong)i + 1),
                }));
            Assert.That(first.Stop(), Is.True);
            snapshots.WaitUntilIdle(TimeSpan.FromSeconds(30));
            ulong hash = first.Engine.StateHash();
            long last = first.Engine.LastSequence;
            Assert.That(journal.Writer.DurableSequence, Is.EqualTo(last), "every input durable (sync every batch)");
            journal.Dispose();
            snapshots.Dispose();
            Assert.That(Directory.GetFiles(dir, "*.snapshot"), Is.Not.Empty, "the engine stage took snapshots");

            var (second, journal2, snapshots2, recovered2) = Start(dir, snapshotEvery: 250);
            Assert.That((recovered2.LastSequence, recovered2.StateHash), Is.EqualTo((last, hash)));
            Assert.That(recovered2.Snapshot, Is.Not.Null, "recovery started from a snapshot");
            Publish(second, EngineInput.Of(new CancelOrder { Account = new AccountId(1), OrigClientOrderId = new ClientOrderId(1) }));
            Assert.That(second.Stop(), Is.True);
            Assert.That(second.Engine.LastSequence, Is.EqualTo(last + 1), "the next input takes the next sequence");
            journal2.Dispose();
            snapshots2.Dispose();

            var replay = new Engine(new ForwardingSink(), EngineOptions.Small);
            using var cursor = JournalReader.Open(dir).ReadAll();
            while (cursor.MoveNext()) replay.Apply(in cursor.Current);
            Assert.That(replay.StateHash(), Is.EqualTo(second.Engine.StateHash()), "the journal alone rebuilds the live state");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
