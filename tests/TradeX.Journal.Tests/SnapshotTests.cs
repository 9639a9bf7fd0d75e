using TradeX.Core;

namespace TradeX.Journal.Tests;

[TestFixture]
public sealed class SnapshotTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory("snapshot");

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Snapshot_plus_tail_replay_equals_full_replay_at_any_snapshot_point()
    {
        long[] points = [1, 9, 10, 500, 1_777, 2_999, 3_009];
        var states = new Dictionary<long, byte[]>();
        var run = LiveRun.Generate(seed: 31, count: 3_000, hashes: true, after: (engine, input) =>
        {
            if (points.Contains(input.Sequence)) states[input.Sequence] = engine.Snapshot();
        });
        Journals.Write(_dir.Path, run.Inputs);
        ulong full = Journals.ReplayHash(run.Inputs);
        Assert.That(full, Is.EqualTo(run.Hashes![^1]));
        foreach (long k in points)
        {
            string copy = Path.Combine(_dir.Path, $"k{k}");
            Directory.CreateDirectory(copy);
            foreach (var (_, path) in JournalFiles.Segments(_dir.Path)) File.Copy(path, Path.Combine(copy, Path.GetFileName(path)));
            var info = SnapshotFile.Write(copy, states[k], k, 0);
            Assert.That(info.StateHash, Is.EqualTo(run.Hashes[k]), "the file records the engine's StateHash at its sequence");

            var log = new List<string>();
            var sink = new RecordingSink();
            var result = JournalRecovery.Recover(copy, sink, LiveRun.Options, log.Add);
            Assert.That(result.Snapshot!.Sequence, Is.EqualTo(k));
            Assert.That(result.ReplayedInputs, Is.EqualTo(run.Inputs.Count - k));
            Assert.That(result.StateHash, Is.EqualTo(full), $"snapshot at {k} + tail");
            Assert.That(log[^1], Does.Contain($"snapshot {Path.GetFileName(info.Path)} (sequence {k}) + {run.Inputs.Count - k} inputs replayed"));
            // The replayed tail produced the same events as the live engine did for those inputs.
            Assert.That(sink.Events.All(e => e.Sequence > k), Is.True);
        }
    }

    [Test]
    public void A_snapshot_that_fails_its_check_is_ignored_for_an_older_one()
    {
        var states = new Dictionary<long, byte[]>();
        var run = LiveRun.Generate(seed: 32, count: 2_000, after: (engine, input) =>
        {
            if (input.Sequence is 500 or 1_500) states[input.Sequence] = engine.Snapshot();
        });
        Journals.Write(_dir.Path, run.Inputs);
        ulong full = run.Engine.StateHash();
        var damages = new (string Name, Action<string> Damage, string Reason)[]
        {
            ("a flipped state byte", p => Journals.FlipBits(p, SnapshotFile.HeaderLength + 100), "state CRC mismatch"),
            ("a flipped header byte", p => Journals.FlipBits(p, 20), "header CRC mismatch"),
            ("a cut file", p => { using var f = new FileStream(p, FileMode.Open); f.SetLength(f.Length - 1); }, "the file holds"),
            ("an empty file", p => File.WriteAllBytes(p, []), "cut short"),
            ("another file's content", p => File.Copy(Path.Combine(Path.GetDirectoryName(p)!, JournalFiles.SnapshotName(500)), p, true), "the file name says 1500"),
        };
        foreach (var (name, damage, reason) in damages)
        {
            foreach (string old in Directory.EnumerateFiles(_dir.Path, "*.snapshot")) File.Delete(old);
            SnapshotFile.Write(_dir.Path, states[500], 500, 0);
            var newest = SnapshotFile.Write(_dir.Path, states[1_500], 1_500, 0);
            damage(newest.Path);
            var log = new List<string>();
            var result = JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options, log.Add);
            Assert.That(result.Snapshot!.Sequence, Is.EqualTo(500), name);
            Assert.That(result.StateHash, Is.EqualTo(full), name);
            Assert.That(result.IgnoredSnapshots, Has.Count.EqualTo(1), name);
            Assert.That(log[0], Does.StartWith($"snapshot: {Path.GetFileName(newest.Path)} ignored: ").And.Contain(reason), name);
        }
    }

    [Test]
    public void With_every_snapshot_damaged_the_whole_journal_is_replayed()
    {
        var run = LiveRun.Generate(seed: 33, count: 1_000, after: (engine, input) =>
        {
            if (input.Sequence == 600) SnapshotFile.Write(_dir.Path, engine);
        });
        Journals.Write(_dir.Path, run.Inputs);
        Journals.FlipBits(Path.Combine(_dir.Path, JournalFiles.SnapshotName(600)), SnapshotFile.HeaderLength + 7);
        var result = JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options);
        Assert.That(result.Snapshot, Is.Null);
        Assert.That(result.ReplayedInputs, Is.EqualTo(run.Inputs.Count));
        Assert.That(result.StateHash, Is.EqualTo(run.Engine.StateHash()));
    }

    [Test]
    public void A_snapshot_ahead_of_the_journal_is_ignored()
    {
        var run = LiveRun.Generate(seed: 34, count: 1_000, after: (engine, input) =>
        {
            if (input.Sequence is 400 or 900) SnapshotFile.Write(_dir.Path, engine);
        });
        // The journal lost its last inputs (a power loss with sync none) but the snapshot at 900 made it to disk.
        Journals.Write(_dir.Path, run.Inputs.Take(700).ToList());
        var log = new List<string>();
        var result = JournalRecovery.Recover(_dir.Path, NullSink.Instance, LiveRun.Options, log.Add);
        Assert.That(result.Snapshot!.Sequence, Is.EqualTo(400));
        Assert.That(result.LastSequence, Is.EqualTo(700));
        Assert.That(result.StateHash, Is.EqualTo(Journals.ReplayHash(run.Inputs.Take(700))));
        Assert.That(log[0], Does.Contain("ignored").And.Contain("after the journal's last input 700"));
    }

    [Test]
    public void The_background_writer_writes_consistent_snapshots_taken_between_inputs()
    {
        using var writer = new SnapshotWriter(_dir.Path);
        var taken = new List<long>();
        var run = LiveRun.Generate(seed: 35, count: 3_000, hashes: true, after: (engine, input) =>
        {
            if (input.Sequence % 700 == 0)
            {
                Assert.That(writer.WaitUntilIdle(TimeSpan.FromSeconds(60)), Is.True);
                Assert.That(writer.TryCapture(engine), Is.True);
                taken.Add(input.Sequence);
            }
        });
        Assert.That(writer.WaitUntilIdle(TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(writer.Written, Is.EqualTo(taken.Count));
        Assert.That(writer.Failed, Is.Zero);
        foreach (long k in taken)
        {
            string path = Path.Combine(_dir.Path, JournalFiles.SnapshotName(k));
            Assert.That(SnapshotFile.TryRead(path, out SnapshotInfo? info, out byte[] state, out string? error), Is.True, error);
            Assert.That(info!.Sequence, Is.EqualTo(k));
            Assert.That(info.StateHash, Is.EqualTo(run.Hashes![k]));
            Assert.That(Engine.Restore(state, NullSink.Instance, LiveRun.Options).StateHash(), Is.EqualTo(run.Hashes[k]));
        }
        Assert.That(Directory.EnumerateFiles(_dir.Path, "*.tmp"), Is.Empty);
    }

    [Test]
    public void A_capture_while_the_previous_snapshot_is_being_written_is_refused_and_counted()
    {
        var run = LiveRun.Generate(seed: 36, count: 200);
        using var writer = new SnapshotWriter(_dir.Path);
        int accepted = 0;
        for (int i = 0; i < 50; i++) accepted += writer.TryCapture(run.Engine) ? 1 : 0;
        Assert.That(writer.WaitUntilIdle(TimeSpan.FromSeconds(60)), Is.True);
        Assert.That(accepted + writer.Skipped, Is.EqualTo(50));
        Assert.That(writer.Captured, Is.EqualTo(accepted));
        Assert.That(writer.Written + writer.Failed, Is.EqualTo(accepted));
        Assert.That(writer.LastWritten!.Sequence, Is.EqualTo(run.Engine.LastSequence));
    }

    [Test]
    public void The_snapshot_file_has_the_documented_header()
    {
        var run = LiveRun.Generate(seed: 37, count: 50);
        var info = SnapshotFile.Write(_dir.Path, run.Engine);
        byte[] file = File.ReadAllBytes(info.Path);
        byte[] state = run.Engine.Snapshot();
        Assert.That(Path.GetFileName(info.Path), Is.EqualTo($"{run.Engine.LastSequence:D20}.snapshot"));
        Assert.That(System.Text.Encoding.ASCII.GetString(file, 0, 8), Is.EqualTo("TXJSNAP1"));
        Assert.That(BitConverter.ToUInt16(file, 8), Is.EqualTo(1));
        Assert.That(BitConverter.ToInt32(file, 12), Is.EqualTo(Engine.SnapshotFormatVersion));
        Assert.That(BitConverter.ToInt64(file, 16), Is.EqualTo(run.Engine.LastSequence));
        Assert.That(BitConverter.ToInt64(file, 24), Is.EqualTo(run.Engine.Now));
        Assert.That(BitConverter.ToUInt64(file, 32), Is.EqualTo(run.Engine.StateHash()));
        Assert.That(BitConverter.ToInt64(file, 40), Is.EqualTo(state.Length));
        Assert.That(BitConverter.ToUInt32(file, 48), Is.EqualTo(Crc32C.Compute(state)));
        Assert.That(BitConverter.ToUInt32(file, 52), Is.EqualTo(Crc32C.Compute(file.AsSpan(0, 52))));
        Assert.That(file.AsSpan(56).SequenceEqual(state), Is.True);
    }
}
