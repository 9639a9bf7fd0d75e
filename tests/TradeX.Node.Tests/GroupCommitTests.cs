using System.Diagnostics;
using TradeX.Core;
using TradeX.Journal;
using TradeX.Pipeline;

namespace TradeX.Node.Tests;

/// <summary>journal.sync = group: one background fdatasync covers the batches written while the previous one ran, and no response exists before its input is synced.</summary>
public sealed class GroupCommitTests
{
    [Test]
    public void One_sync_covers_many_batches_and_everything_written_is_synced()
    {
        using var dir = new TempDirectory("group");
        using var writer = JournalWriter.Open(dir.Path, new JournalOptions { Sync = JournalSyncPolicy.Group });
        const int batches = 2_000;
        long sequence = 0;
        for (int b = 0; b < batches; b++)
            for (int i = 0; i < 5; i++)
            {
                var input = EngineInput.Tick();
                input.Sequence = ++sequence;
                input.Time = 1_000 + sequence;
                writer.Append(in input, endOfBatch: i == 4);
            }
        Wait.Until(() => writer.SyncedSequence == sequence, () => $"synced {writer.SyncedSequence} of {sequence}");
        Assert.That(writer.Writes, Is.EqualTo(batches), "one write per batch, as before");
        Assert.That(writer.Syncs, Is.LessThan(batches / 2), "batches written during a sync share the next one");
        Assert.That(writer.DurableSequence, Is.EqualTo(sequence), "durable means synced");
    }

    [TestCase(ThreadingMode.Single)]
    [TestCase(ThreadingMode.Shared)]
    [TestCase(ThreadingMode.Dedicated)]
    public void The_engine_never_applies_an_input_before_it_is_synced(ThreadingMode threading)
    {
        using var dir = new TempDirectory("group-gate");
        using var journal = new FileJournal(JournalWriter.Open(dir.Path, new JournalOptions { Sync = JournalSyncPolicy.Group }), 0);
        using var pipeline = new NodePipeline(new PipelineOptions { InputRingSize = 1024, OutputRingSize = 4096, Engine = EngineOptions.Small, Threading = threading },
            journal, log: _ => { });
        Assert.That(journal.ReleaseGate, Is.Not.Null, "group commit gates the engine");
        pipeline.Start();
        var load = Task.Run(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                var input = EngineInput.Tick();
                input.Time = NodeClock.NowNanos();
                while (!pipeline.Publisher.TryPublish(in input, 1)) Thread.Yield();
            }
        });
        long samples = 0, ahead = 0;
        var clock = Stopwatch.StartNew();
        while (!load.IsCompleted || pipeline.Engine.LastSequence < 20_000)
        {
            long applied = pipeline.EngineStageHandle.Sequence.Value + 1; // read first: the synced sequence only grows
            long synced = journal.Writer.SyncedSequence;
            samples++;
            if (applied > synced) ahead++;
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail($"applied {applied} of 20,000 in 60 s");
            Thread.Yield();
        }
        Assert.That(ahead, Is.Zero, $"the engine was ahead of the synced journal in {ahead} of {samples} samples");
        Assert.That(pipeline.Stop(), Is.True);
    }
}
