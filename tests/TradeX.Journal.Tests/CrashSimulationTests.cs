using TradeX.Core;

namespace TradeX.Journal.Tests;

/// <summary>
/// Crash simulation on real files: the last segment of a journal is cut at random offsets and/or has a
/// random bit flipped, then start-up recovery runs. Whatever happened, recovery either yields exactly the
/// journaled inputs up to some point (never a gap, never a changed input, and the state hash of
/// replaying that prefix), or, when intact records follow the damage (so it cannot be a torn write),
/// stops with an error naming the file, the offset and the sequence.
/// </summary>
[TestFixture]
public sealed class CrashSimulationTests
{
    private const int Trials = 150;
    private TempDirectory _dir = null!;
    private LiveRun _run = null!;
    private List<(string Path, long Offset, int Length, long Sequence)> _records = null!;
    private readonly long[] _snapshotAt = [800, 1_600, 2_400];

    [OneTimeSetUp]
    public void Journal()
    {
        _dir = new TempDirectory("crash");
        var snapshots = new Dictionary<long, byte[]>();
        _run = LiveRun.Generate(seed: 42, count: 2_600, hashes: true, after: (engine, input) =>
        {
            if (_snapshotAt.Contains(input.Sequence)) snapshots[input.Sequence] = engine.Snapshot();
        });
        Journals.Write(_dir.Path, _run.Inputs, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 48 * 1024, IndexStrideBytes = 2048 }, batch: 7);
        foreach (var (sequence, state) in snapshots) SnapshotFile.Write(_dir.Path, state, sequence, 0);

        _records = new();
        using var cursor = JournalReader.Open(_dir.Path).ReadAll();
        while (cursor.MoveNext()) _records.Add((cursor.SegmentPath, cursor.Offset, cursor.RecordLength, cursor.Current.Sequence));
        Assert.That(_records, Has.Count.EqualTo(_run.Inputs.Count));
        Assert.That(JournalFiles.Segments(_dir.Path), Has.Count.GreaterThanOrEqualTo(4));
    }

    [OneTimeTearDown]
    public void Cleanup() => _dir.Dispose();

    [Test]
    public void Cutting_the_last_segment_anywhere_recovers_exactly_the_inputs_before_the_cut()
    {
        var rng = new Random(1);
        var outcomes = Enumerable.Range(0, Trials).Select(trial => RunTrial(rng, trial, cut: true, flip: false)).ToList();
        Assert.That(outcomes.Count(o => o == Outcome.Truncated), Is.GreaterThan(Trials / 2));
        Assert.That(outcomes, Has.No.Member(Outcome.Stopped), "a cut alone is always a torn tail");
    }

    [Test]
    public void A_flipped_bit_in_the_last_segment_truncates_a_damaged_last_record_and_stops_on_anything_earlier()
    {
        var rng = new Random(2);
        var outcomes = Enumerable.Range(0, Trials).Select(trial => RunTrial(rng, trial, cut: false, flip: true)).ToList();
        Assert.That(outcomes.Count(o => o == Outcome.Stopped), Is.GreaterThan(Trials / 2), "most flips land before the last record");
        // Flips in the last record are rare at random; make sure that branch is exercised too.
        var last = _records[^1];
        for (int trial = 0; trial < 20; trial++)
        {
            Assert.That(RunTrial(rng, Trials + trial, cut: false, flip: true, flipFrom: last.Offset), Is.EqualTo(Outcome.Truncated));
        }
    }

    [Test]
    public void A_cut_and_a_flipped_bit_together_never_yield_a_changed_input_or_a_gap()
    {
        var rng = new Random(3);
        // Half the flips anywhere before the cut, half within the last 300 bytes before it (near the tail).
        var outcomes = Enumerable.Range(0, Trials).Select(trial => RunTrial(rng, trial, cut: true, flip: true, flipWindow: trial % 2 == 0 ? long.MaxValue : 300)).ToList();
        Assert.That(outcomes.Count(o => o == Outcome.Stopped), Is.GreaterThan(10));
        Assert.That(outcomes.Count(o => o == Outcome.Truncated), Is.GreaterThan(10));
    }

    [Test]
    public void Cutting_exactly_at_record_boundaries_loses_nothing_before_them_and_logs_no_truncation()
    {
        string last = JournalFiles.Segments(_dir.Path)[^1].Path;
        var inLast = _records.Where(r => r.Path == last).ToList();
        foreach (var r in inLast.Take(3).Concat(inLast.TakeLast(3)))
        {
            string copy = _dir.Copy("boundary");
            string path = Path.Combine(copy, Path.GetFileName(last));
            using (var f = new FileStream(path, FileMode.Open)) f.SetLength(r.Offset);
            var log = new List<string>();
            var result = JournalRecovery.Recover(copy, NullSink.Instance, LiveRun.Options, log.Add);
            Assert.That(result.LastSequence, Is.EqualTo(r.Sequence - 1));
            Assert.That(result.TruncatedTail, Is.Null);
            Assert.That(log.Where(l => l.Contains("torn tail")), Is.Empty);
            Assert.That(result.StateHash, Is.EqualTo(_run.Hashes![r.Sequence - 1]));
        }
    }

    private enum Outcome
    {
        Intact,
        Truncated,
        Stopped,
    }

    private Outcome RunTrial(Random rng, int trial, bool cut, bool flip, long flipFrom = 0, long flipWindow = long.MaxValue)
    {
        string copy = _dir.Copy("trial");
        var (_, originalLast) = JournalFiles.Segments(_dir.Path)[^1];
        string path = Path.Combine(copy, Path.GetFileName(originalLast));
        long length = new FileInfo(path).Length;
        var inLast = _records.Where(r => r.Path == originalLast).ToList();
        long before = _records.Count - inLast.Count; // inputs in earlier segments
        long firstOfLast = inLast[0].Sequence;

        long end = cut ? rng.NextInt64(0, length + 1) : length;
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(end);
        long flipAt = -1;
        if (flip && end > 0)
        {
            flipAt = rng.NextInt64(Math.Max(Math.Min(flipFrom, end - 1), flipWindow >= end ? 0 : end - flipWindow), end);
            using var f = new FileStream(path, FileMode.Open);
            f.Position = flipAt;
            int b = f.ReadByte();
            f.Position = flipAt;
            f.WriteByte((byte)(b ^ (1 << rng.Next(8))));
        }

        // What must happen. Complete = records wholly inside the cut file.
        var complete = inLast.Where(r => r.Offset + r.Length <= end).ToList();
        long keep = complete.Count; // records of the last segment recovery must keep
        (long Offset, long Sequence)? error = null;
        if (flipAt >= 0)
        {
            if (flipAt < SegmentHeader.Length)
            {
                if (complete.Count > 0) error = (0, firstOfLast);
                else keep = 0;
            }
            else
            {
                int hit = complete.FindIndex(r => flipAt >= r.Offset && flipAt < r.Offset + r.Length);
                if (hit >= 0 && hit < complete.Count - 1) error = (complete[hit].Offset, complete[hit].Sequence);
                else if (hit >= 0) keep = hit;
            }
        }
        else if (end < SegmentHeader.Length)
        {
            keep = 0;
        }
        string what = $"trial {trial}: cut at {end} of {length}, flip at {flipAt}";

        var log = new List<string>();
        if (error is { } expected)
        {
            var e = Assert.Throws<JournalCorruptException>(() => JournalRecovery.Recover(copy, NullSink.Instance, LiveRun.Options, log.Add), what);
            Assert.That(e!.File, Is.EqualTo(path), what);
            Assert.That(e.Offset, Is.EqualTo(expected.Offset), what);
            Assert.That(e.Sequence, Is.EqualTo(expected.Sequence), what);
            Assert.That(e.Message, Does.Contain(Path.GetFileName(path)).And.Contain($"offset {expected.Offset}").And.Contain($"sequence {expected.Sequence}"), what);
            return Outcome.Stopped;
        }

        var result = JournalRecovery.Recover(copy, NullSink.Instance, LiveRun.Options, log.Add);
        long k = before + keep;
        Assert.That(result.LastSequence, Is.EqualTo(k), what);
        Assert.That(result.Engine.LastSequence, Is.EqualTo(k), what);
        Assert.That(result.StateHash, Is.EqualTo(_run.Hashes![k]), what + ": the recovered hash is the hash of replaying the prefix");
        long expectedSnapshot = _snapshotAt.Where(s => s <= k).DefaultIfEmpty(0).Max();
        Assert.That(result.Snapshot?.Sequence ?? 0, Is.EqualTo(expectedSnapshot), what);

        bool headerDamaged = end < SegmentHeader.Length || flipAt is >= 0 and < SegmentHeader.Length;
        long cleanEnd = headerDamaged ? 0 : keep == 0 ? SegmentHeader.Length : complete[(int)keep - 1].Offset + complete[(int)keep - 1].Length;
        bool truncated = headerDamaged || cleanEnd != end;
        var tornLines = log.Where(l => l.Contains("torn tail")).ToList();
        if (truncated)
        {
            Assert.That(tornLines, Has.Count.EqualTo(1), what);
            Assert.That(tornLines[0], Does.Contain(Path.GetFileName(path)).And.Contain($"offset {cleanEnd} ").And.Contain($"(sequence {firstOfLast + keep} "), what);
            Assert.That(result.TruncatedTail, Is.Not.Null, what);
            Assert.That(result.TruncatedTail!.Offset, Is.EqualTo(cleanEnd), what);
            Assert.That(result.TruncatedTail.Sequence, Is.EqualTo(firstOfLast + keep), what);
            Assert.That(new FileInfo(path).Length, Is.EqualTo(Math.Max(cleanEnd, SegmentHeader.Length)), what);
        }
        else
        {
            Assert.That(tornLines, Is.Empty, what);
            Assert.That(result.TruncatedTail, Is.Null, what);
        }

        // The journal now holds exactly that prefix, unchanged, and takes the rest of the inputs.
        var read = JournalReader.Open(copy).ReadAllInputs(out TornTail? tail);
        Assert.That(tail, Is.Null, what);
        Journals.AssertSameInputs(read, _run.Inputs, (int)k);
        if (trial % 10 == 0)
        {
            using (var writer = JournalWriter.Open(copy, new JournalOptions { Sync = JournalSyncPolicy.None, SegmentBytes = 48 * 1024 }))
            {
                for (int i = (int)k; i < _run.Inputs.Count; i++) writer.Append(_run.Inputs[i], i % 5 == 0);
            }
            var all = JournalRecovery.Recover(copy, NullSink.Instance, LiveRun.Options);
            Assert.That(all.StateHash, Is.EqualTo(_run.Hashes![^1]), what + ": after appending the rest");
            Journals.AssertSameInputs(JournalReader.Open(copy).ReadAllInputs(out _), _run.Inputs, _run.Inputs.Count);
        }
        return truncated ? Outcome.Truncated : Outcome.Intact;
    }
}
