using TradeX.Core;

namespace TradeX.Journal.Tests;

[TestFixture]
public sealed class RecoveryTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory("recovery");

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void An_empty_or_missing_directory_starts_a_new_engine()
    {
        string path = Path.Combine(_dir.Path, "new-node");
        var log = new List<string>();
        var result = JournalRecovery.Recover(path, NullSink.Instance, LiveRun.Options, log.Add);
        Assert.That(Directory.Exists(path), Is.True);
        Assert.That(result.LastSequence, Is.Zero);
        Assert.That(result.Snapshot, Is.Null);
        Assert.That(result.StateHash, Is.EqualTo(new Engine(NullSink.Instance, LiveRun.Options).StateHash()));
        Assert.That(log, Has.Count.EqualTo(1));
        Assert.That(log[0], Does.StartWith("recovery: empty journal"));
    }

    [Test]
    public void Recovery_replays_the_whole_journal_and_logs_sequence_and_hash()
    {
        var run = LiveRun.Generate(seed: 21, count: 2_000);
        Journals.Write(_dir.Path, run.Inputs);
        var log = new List<string>();
        var result = JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options, log.Add);
        ulong live = run.Engine.StateHash();
        Assert.That(result.StateHash, Is.EqualTo(live));
        Assert.That(result.Engine.StateHash(), Is.EqualTo(live));
        Assert.That(result.ReplayedInputs, Is.EqualTo(run.Inputs.Count));
        Assert.That(result.Engine.Now, Is.EqualTo(run.Engine.Now));
        Assert.That(log, Is.EqualTo(new[] { $"recovery: no snapshot + {run.Inputs.Count} inputs replayed from the journal: sequence {run.Inputs.Count}, state hash 0x{live:x16}" }));
    }

    [Test]
    public void The_torn_tail_log_line_names_file_offset_and_sequence()
    {
        var run = LiveRun.Generate(seed: 22, count: 100);
        Journals.Write(_dir.Path, run.Inputs);
        string segment = JournalFiles.Segments(_dir.Path)[0].Path;
        long length = new FileInfo(segment).Length;
        var records = Records(_dir.Path);
        var lastRecord = records[^1];
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(length - 3);
        var log = new List<string>();
        var result = JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options, log.Add);
        Assert.That(log[0], Is.EqualTo(
            $"journal: torn tail truncated: {Path.GetFileName(segment)} at offset {lastRecord.Offset} (sequence {lastRecord.Sequence} and after, {lastRecord.Length - 3} bytes): " +
            $"partial record: length {lastRecord.Length}, only {lastRecord.Length - 3} bytes left"));
        Assert.That(result.LastSequence, Is.EqualTo(lastRecord.Sequence - 1));
        Assert.That(new FileInfo(segment).Length, Is.EqualTo(lastRecord.Offset));
        // A second start-up finds nothing to cut.
        log.Clear();
        JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options, log.Add);
        Assert.That(log.Where(l => l.Contains("torn tail")), Is.Empty);
    }

    [Test]
    public void Damage_in_an_earlier_segment_stops_start_up_naming_file_offset_and_sequence()
    {
        var run = LiveRun.Generate(seed: 23, count: 2_000);
        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 32 * 1024 });
        var segments = JournalFiles.Segments(_dir.Path);
        Assert.That(segments, Has.Count.GreaterThan(2));
        // Even the very end of a completed segment is not a torn tail: segments are synced when completed.
        string second = segments[1].Path;
        var record = Records(_dir.Path).Last(r => r.Path == second);
        Journals.FlipBits(second, record.Offset + record.Length - 1);
        var e = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options));
        Assert.That(e!.File, Is.EqualTo(second));
        Assert.That(e.Offset, Is.EqualTo(record.Offset));
        Assert.That(e.Sequence, Is.EqualTo(record.Sequence));
        Assert.That(new FileInfo(second).Length, Is.EqualTo(record.Offset + record.Length), "nothing is cut from a damaged segment that is not the last");
    }

    [Test]
    public void A_missing_segment_is_a_gap_that_stops_start_up()
    {
        var run = LiveRun.Generate(seed: 24, count: 2_000);
        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 32 * 1024 });
        var segments = JournalFiles.Segments(_dir.Path);
        File.Delete(segments[1].Path);
        var e = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options));
        Assert.That(e!.File, Is.EqualTo(segments[2].Path));
        Assert.That(e.Sequence, Is.EqualTo(segments[1].FirstSequence));
        Assert.That(e.Message, Does.Contain("sequence gap"));
    }

    [Test]
    public void A_journal_whose_beginning_is_missing_needs_a_snapshot_to_start_from()
    {
        var run = LiveRun.Generate(seed: 25, count: 2_000);
        Journals.Write(_dir.Path, run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 32 * 1024 });
        var segments = JournalFiles.Segments(_dir.Path);
        File.Delete(segments[0].Path);
        var e = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options));
        Assert.That(e!.Message, Does.Contain($"starts at sequence {segments[1].FirstSequence}"));
    }

    [Test]
    public void The_writer_repairs_a_torn_tail_itself_before_appending()
    {
        var run = LiveRun.Generate(seed: 26, count: 300);
        Journals.Write(_dir.Path, run.Inputs.Take(200).ToList());
        string segment = JournalFiles.Segments(_dir.Path)[0].Path;
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(f.Length - 10);
        var log = new List<string>();
        using (var writer = JournalWriter.Open(_dir.Path, new JournalOptions(), log.Add))
        {
            Assert.That(writer.LastSequence, Is.EqualTo(199));
            for (int i = 199; i < run.Inputs.Count; i++) writer.Append(run.Inputs[i], true);
        }
        Assert.That(log, Has.Count.EqualTo(1));
        Assert.That(log[0], Does.Contain("torn tail").And.Contain("sequence 200"));
        Journals.AssertSameInputs(JournalReader.Open(_dir.Path).ReadAllInputs(out _), run.Inputs, run.Inputs.Count);
    }

    [Test]
    public void A_reader_reports_a_torn_tail_without_repairing_it()
    {
        var run = LiveRun.Generate(seed: 27, count: 100);
        Journals.Write(_dir.Path, run.Inputs);
        string segment = JournalFiles.Segments(_dir.Path)[0].Path;
        long length = new FileInfo(segment).Length;
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(length - 1);
        var read = JournalReader.Open(_dir.Path).ReadAllInputs(out TornTail? tail);
        Assert.That(read, Has.Count.EqualTo(run.Inputs.Count - 1));
        Assert.That(tail, Is.Not.Null);
        Assert.That(tail!.Sequence, Is.EqualTo(run.Inputs.Count));
        Assert.That(new FileInfo(segment).Length, Is.EqualTo(length - 1));
    }

    internal static List<(string Path, long Offset, int Length, long Sequence)> Records(string directory)
    {
        var list = new List<(string, long, int, long)>();
        using var cursor = JournalReader.Open(directory).ReadAll();
        while (cursor.MoveNext()) list.Add((cursor.SegmentPath, cursor.Offset, cursor.RecordLength, cursor.Current.Sequence));
        return list;
    }
}
