using TradeX.Core;

namespace TradeX.Journal.Tests;

[TestFixture]
public sealed class JournalWriterTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory("writer");

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void What_is_appended_reads_back_exactly_with_producer_times_and_engine_time()
    {
        var run = LiveRun.Generate(seed: 1, count: 3_000);
        Journals.Write(_dir.Path, run.Inputs);

        var reader = JournalReader.Open(_dir.Path);
        var read = new List<EngineInput>();
        long maxTime = 0;
        using (var cursor = reader.ReadAll())
        {
            while (cursor.MoveNext())
            {
                read.Add(cursor.Current);
                maxTime = Math.Max(maxTime, cursor.Current.Time);
                Assert.That(cursor.EngineTime, Is.EqualTo(maxTime), $"engine time after input {cursor.Current.Sequence}");
            }
            Assert.That(cursor.TornTail, Is.Null);
        }
        Journals.AssertSameInputs(read, run.Inputs, run.Inputs.Count);
        Assert.That(maxTime, Is.EqualTo(run.Engine.Now), "engine time after the last record = the live engine's clock");
        Assert.That(run.BackwardsTimes, Is.GreaterThan(100), "the flow has producer times running backwards");
    }

    [Test]
    public void Each_batch_is_one_write_and_every_batch_policy_syncs_it_before_EndBatch_returns()
    {
        var run = LiveRun.Generate(seed: 2, count: 500);
        using var writer = JournalWriter.Open(_dir.Path, new JournalOptions { Sync = JournalSyncPolicy.EveryBatch });
        int batches = 0;
        for (int i = 0; i < run.Inputs.Count; i += 10)
        {
            foreach (var input in run.Inputs.Skip(i).Take(10)) writer.Append(input);
            Assert.That(writer.WrittenSequence, Is.EqualTo(i), "nothing is written before the end of the batch");
            writer.EndBatch();
            batches++;
            long last = run.Inputs[Math.Min(i + 9, run.Inputs.Count - 1)].Sequence;
            Assert.That(writer.Writes, Is.EqualTo(batches));
            Assert.That(writer.Syncs, Is.EqualTo(batches));
            Assert.That(writer.SyncedSequence, Is.EqualTo(last));
            Assert.That(writer.DurableSequence, Is.EqualTo(last));
        }
    }

    [Test]
    public void Policy_none_writes_each_batch_but_never_syncs_until_close()
    {
        var run = LiveRun.Generate(seed: 2, count: 300);
        var writer = JournalWriter.Open(_dir.Path, new JournalOptions { Sync = JournalSyncPolicy.None });
        foreach (var input in run.Inputs) writer.Append(input, endOfBatch: true);
        Assert.That(writer.Writes, Is.EqualTo(run.Inputs.Count));
        Assert.That(writer.Syncs, Is.Zero);
        Assert.That(writer.DurableSequence, Is.EqualTo(run.Inputs.Count), "durable as promised: handed to the operating system");
        Assert.That(writer.SyncedSequence, Is.Zero);
        writer.Dispose();
        Assert.That(writer.Syncs, Is.EqualTo(1), "close syncs");
    }

    [Test]
    public void Policy_interval_syncs_in_the_background()
    {
        var run = LiveRun.Generate(seed: 3, count: 200);
        using var writer = JournalWriter.Open(_dir.Path, new JournalOptions { Sync = JournalSyncPolicy.Interval, SyncIntervalMillis = 5 });
        foreach (var input in run.Inputs) writer.Append(input, endOfBatch: true);
        Assert.That(writer.DurableSequence, Is.EqualTo(run.Inputs.Count));
        // No timing is asserted: only that the background sync catches up eventually.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (writer.SyncedSequence < run.Inputs.Count && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.That(writer.SyncedSequence, Is.EqualTo(run.Inputs.Count));
        Assert.That(writer.Syncs, Is.GreaterThan(0));
    }

    [Test]
    public void Sequences_must_be_contiguous()
    {
        using var writer = JournalWriter.Open(_dir.Path);
        var input = EngineInput.Tick();
        input.Sequence = 0;
        Assert.Throws<JournalFormatException>(() => writer.Append(input));
        input.Sequence = 5;
        writer.Append(input, true);
        input.Sequence = 7;
        var e = Assert.Throws<JournalFormatException>(() => writer.Append(input));
        Assert.That(e!.Message, Does.Contain("7").And.Contain("5"));
        input.Sequence = 5;
        Assert.Throws<JournalFormatException>(() => writer.Append(input));
        input.Sequence = 6;
        writer.Append(input, true);
        Assert.That(writer.LastSequence, Is.EqualTo(6));
    }

    [Test]
    public void Segments_roll_by_size_are_named_by_their_first_sequence_and_are_never_deleted()
    {
        var run = LiveRun.Generate(seed: 4, count: 4_000);
        var options = new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 32 * 1024 };
        Journals.Write(_dir.Path, run.Inputs, options, batch: 13);

        var segments = JournalFiles.Segments(_dir.Path);
        Assert.That(segments, Has.Count.GreaterThan(5));
        var reader = JournalReader.Open(_dir.Path);
        using var cursor = reader.ReadAll();
        var firstOfSegment = new Dictionary<string, long>();
        while (cursor.MoveNext())
        {
            firstOfSegment.TryAdd(cursor.SegmentPath, cursor.Current.Sequence);
        }
        foreach (var (first, path) in segments)
        {
            Assert.That(firstOfSegment[path], Is.EqualTo(first), Path.GetFileName(path));
            Assert.That(Path.GetFileName(path), Is.EqualTo($"{first:D20}.journal"));
            Assert.That(new FileInfo(path).Length, Is.LessThanOrEqualTo(options.SegmentBytes));
            Assert.That(File.Exists(JournalFiles.IndexPathFor(path)), Is.True);
        }
        Assert.That(segments[0].FirstSequence, Is.EqualTo(1));

        // Reopening and appending more keeps every earlier segment.
        var more = LiveRun.Generate(seed: 4, count: 4_500).Inputs;
        using (var writer = JournalWriter.Open(_dir.Path, options))
        {
            Assert.That(writer.LastSequence, Is.EqualTo(run.Inputs.Count));
            for (int i = run.Inputs.Count; i < more.Count; i++) writer.Append(more[i], true);
        }
        foreach (var (_, path) in segments) Assert.That(File.Exists(path), Is.True);
        Journals.AssertSameInputs(JournalReader.Open(_dir.Path).ReadAllInputs(out var tail), more, more.Count);
        Assert.That(tail, Is.Null);
    }

    [Test]
    public void Reopening_continues_engine_time_from_the_last_record()
    {
        var run = LiveRun.Generate(seed: 5, count: 100);
        Journals.Write(_dir.Path, run.Inputs);
        using var writer = JournalWriter.Open(_dir.Path);
        Assert.That(writer.EngineTime, Is.EqualTo(run.Engine.Now));
        var tick = EngineInput.Tick();
        tick.Sequence = run.Inputs.Count + 1;
        tick.Time = 1; // far in the past: engine time must not go back
        writer.Append(tick, true);
        Assert.That(writer.EngineTime, Is.EqualTo(run.Engine.Now));
    }

    [Test]
    public void Seeking_by_sequence_starts_exactly_at_that_sequence_in_any_segment()
    {
        var run = LiveRun.Generate(seed: 6, count: 6_000);
        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 64 * 1024, IndexStrideBytes = 1024 });
        var reader = JournalReader.Open(_dir.Path);
        var rng = new Random(6);
        foreach (long target in new long[] { 1, 2, run.Inputs.Count, run.Inputs.Count + 1 }.Concat(Enumerable.Range(0, 60).Select(_ => rng.NextInt64(1, run.Inputs.Count + 1))))
        {
            using var cursor = reader.ReadFrom(target);
            if (target > run.Inputs.Count)
            {
                Assert.That(cursor.MoveNext(), Is.False);
                continue;
            }
            Assert.That(cursor.MoveNext(), Is.True);
            Assert.That(cursor.Current.Sequence, Is.EqualTo(target));
            Assert.That(Journals.Bytes(cursor.Current), Is.EqualTo(Journals.Bytes(run.Inputs[(int)target - 1])));
            int more = 0;
            while (more < 50 && cursor.MoveNext()) Assert.That(cursor.Current.Sequence, Is.EqualTo(target + ++more));
        }
    }

    [Test]
    public void Seeking_by_time_finds_the_first_record_at_or_after_it_by_engine_time()
    {
        var run = LiveRun.Generate(seed: 7, count: 6_000);
        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 64 * 1024, IndexStrideBytes = 1024 });
        var engineTimes = new List<long>();
        long max = 0;
        foreach (var input in run.Inputs) engineTimes.Add(max = Math.Max(max, input.Time));
        var reader = JournalReader.Open(_dir.Path);
        var rng = new Random(7);
        foreach (long t in new[] { 0, engineTimes[0], engineTimes[^1], engineTimes[^1] + 1 }.Concat(Enumerable.Range(0, 60).Select(_ => rng.NextInt64(engineTimes[0], engineTimes[^1]))))
        {
            int expected = engineTimes.FindIndex(e => e >= t);
            using var cursor = reader.ReadFromTime(t);
            if (expected < 0)
            {
                Assert.That(cursor.MoveNext(), Is.False);
                continue;
            }
            Assert.That(cursor.MoveNext(), Is.True);
            Assert.That(cursor.Current.Sequence, Is.EqualTo(expected + 1), $"time {t}");
            Assert.That(cursor.EngineTime, Is.EqualTo(engineTimes[expected]));
        }
    }

    [Test]
    public void A_damaged_or_missing_index_only_costs_a_scan()
    {
        var run = LiveRun.Generate(seed: 8, count: 2_000);
        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, IndexStrideBytes = 1024 });
        string index = JournalFiles.IndexPathFor(JournalFiles.Segments(_dir.Path)[0].Path);
        var bytes = File.ReadAllBytes(index);
        // Point an entry at the wrong place but keep its CRC valid: the reader must notice the sequence differs.
        var entries = SegmentIndex.Load(index, 1, new FileInfo(JournalFiles.Segments(_dir.Path)[0].Path).Length);
        Assert.That(entries.Length, Is.GreaterThan(10));
        var rewritten = entries.Select((e, i) => i == 5 ? e with { Sequence = e.Sequence + 1 } : e).ToList();
        SegmentIndex.Rewrite(index, 1, 1024, rewritten);
        var reader = JournalReader.Open(_dir.Path);
        using (var cursor = reader.ReadFrom(entries[5].Sequence + 1))
        {
            Assert.That(cursor.MoveNext(), Is.True);
            Assert.That(cursor.Current.Sequence, Is.EqualTo(entries[5].Sequence + 1));
        }
        File.WriteAllBytes(index, bytes.AsSpan(0, 100).ToArray());
        using (var cursor = reader.ReadFrom(1500))
        {
            Assert.That(cursor.MoveNext(), Is.True);
            Assert.That(cursor.Current.Sequence, Is.EqualTo(1500));
        }
        File.Delete(index);
        using (var cursor = reader.ReadFrom(1500))
        {
            Assert.That(cursor.MoveNext(), Is.True);
            Assert.That(cursor.Current.Sequence, Is.EqualTo(1500));
        }
    }

    [Test]
    public void A_batch_larger_than_the_buffer_is_written_in_several_writes_and_nothing_is_lost()
    {
        var run = LiveRun.Generate(seed: 9, count: 2_000);
        var options = new JournalOptions { Sync = JournalSyncPolicy.EveryBatch, BatchBufferBytes = 8 * 1024 };
        using (var writer = JournalWriter.Open(_dir.Path, options))
        {
            foreach (var input in run.Inputs) writer.Append(input);
            writer.EndBatch();
            Assert.That(writer.Writes, Is.GreaterThan(1));
            Assert.That(writer.Syncs, Is.EqualTo(1), "synced once, at the end of the batch");
        }
        Journals.AssertSameInputs(JournalReader.Open(_dir.Path).ReadAllInputs(out _), run.Inputs, run.Inputs.Count);
    }

    [Test]
    public void Appending_allocates_nothing()
    {
        var run = LiveRun.Generate(seed: 10, count: 5_000);
        var inputs = run.Inputs.ToArray();
        using var writer = JournalWriter.Open(_dir.Path, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 1L << 30 });
        long sequence = 0;
        void Round()
        {
            for (int i = 0; i < inputs.Length; i++)
            {
                var input = inputs[i];
                input.Sequence = ++sequence;
                writer.Append(in input, endOfBatch: i % 10 == 9);
            }
            writer.EndBatch();
        }
        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 20; r++) Round();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"{allocated} bytes allocated appending {20 * inputs.Length} inputs");
        Assert.That(writer.LastSequence, Is.EqualTo(21L * inputs.Length));
    }

    [Test]
    public void Reading_allocates_nothing_per_record()
    {
        var run = LiveRun.Generate(seed: 10, count: 5_000);
        Journals.Write(_dir.Path, run.Inputs);
        var reader = JournalReader.Open(_dir.Path);
        using var cursor = reader.ReadAll();
        Assert.That(cursor.MoveNext(), Is.True);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long count = 1, check = 0;
        while (cursor.MoveNext())
        {
            count++;
            check += cursor.Current.Sequence;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(count, Is.EqualTo(run.Inputs.Count));
        Assert.That(allocated, Is.Zero);
        Assert.That(check, Is.GreaterThan(0));
    }
}
