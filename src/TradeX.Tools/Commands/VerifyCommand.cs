using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Commands;

/// <summary>
/// verify: every record's CRC and message, sequence continuity within and across segments, every
/// snapshot file's own checks, and determinism: the journal is replayed from its first input and the
/// engine's StateHash is compared with the hash recorded in every snapshot on the way. Index entries
/// that do not match their record are warnings (the index is only a hint).
/// </summary>
public static class VerifyCommand
{
    private sealed record SnapshotCheck(string File, long Sequence, string RecordedHash, string? ReplayedHash, string Status);

    public static int Run(ToolContext context, string directory, OutputFormat format)
    {
        var session = JournalSession.Open(context, directory);
        var problems = new List<string>();
        var warnings = new List<string>();
        var checks = new List<SnapshotCheck>();

        // Snapshot files first: their own checks, and the hash each must match in the replay.
        var expected = new SortedDictionary<long, SnapshotInfo>();
        foreach (var (_, path) in JournalFiles.Snapshots(directory))
        {
            if (!SnapshotFile.TryRead(path, out SnapshotInfo? info, out _, out string? error))
            {
                problems.Add($"snapshot {Path.GetFileName(path)} is damaged: {error}");
                checks.Add(new SnapshotCheck(Path.GetFileName(path), 0, "", null, "damaged: " + error));
                continue;
            }
            if (info!.EngineFormatVersion != Engine.SnapshotFormatVersion)
            {
                // A hash is a hash of the canonical state bytes, and their format changed: no comparison is honest.
                warnings.Add($"snapshot {Path.GetFileName(path)} holds engine state format {info.EngineFormatVersion}; this build's is " +
                    $"{Engine.SnapshotFormatVersion}, whose state hash is defined differently: not checked (recovery ignores it too)");
                checks.Add(new SnapshotCheck(Path.GetFileName(path), info.Sequence, Output.Hash(info.StateHash), null,
                    $"engine format {info.EngineFormatVersion}: not comparable"));
                continue;
            }
            expected[info.Sequence] = info;
        }

        long first = session.FirstSequence;
        Engine engine;
        SnapshotInfo? start = null;
        if (first > 1)
        {
            // The journal does not begin at input 1: the replay must start from the snapshot just before it.
            start = expected.Values.FirstOrDefault(s => s.Sequence == first - 1)
                ?? throw new ToolException(ExitCodes.Damaged, $"the journal starts at sequence {first} and there is no valid snapshot at {first - 1} to replay from");
            SnapshotFile.TryRead(start.Path, out _, out byte[] state, out _);
            engine = Engine.Restore(state, NullSink.Instance, context.EngineOptions);
            checks.Add(new SnapshotCheck(Path.GetFileName(start.Path), start.Sequence, Output.Hash(start.StateHash), Output.Hash(engine.StateHash()), "start of the replay"));
        }
        else
        {
            engine = new Engine(NullSink.Instance, context.EngineOptions);
        }

        long records = 0, last = first - 1, bytes = session.Reader.TotalBytes;
        long firstTime = 0, lastTime = 0;
        var indexChecks = new IndexChecker(warnings);
        JournalCorruptException? corrupt = null;
        using (var cursor = session.Reader.ReadAll())
        {
            context.Progress("verify", bytes, progress =>
            {
                try
                {
                    while (cursor.MoveNext())
                    {
                        ref readonly EngineInput input = ref cursor.Current;
                        indexChecks.Visit(cursor);
                        engine.Apply(in input);
                        if (records++ == 0) firstTime = cursor.EngineTime;
                        lastTime = cursor.EngineTime;
                        last = input.Sequence;
                        if (expected.TryGetValue(last, out SnapshotInfo? snapshot))
                        {
                            ulong replayed = engine.StateHash();
                            bool match = replayed == snapshot.StateHash;
                            checks.Add(new SnapshotCheck(Path.GetFileName(snapshot.Path), last, Output.Hash(snapshot.StateHash), Output.Hash(replayed), match ? "matches" : "MISMATCH"));
                            if (!match)
                            {
                                problems.Add($"determinism: at sequence {last} the replayed state hash is {Output.Hash(replayed)}, snapshot {Path.GetFileName(snapshot.Path)} recorded {Output.Hash(snapshot.StateHash)}");
                            }
                        }
                        if ((records & 0xFFF) == 0) progress(cursor.Position);
                    }
                }
                catch (JournalCorruptException e)
                {
                    corrupt = e;
                }
            });
            indexChecks.Finish();
            if (cursor.TornTail is { } tail)
            {
                problems.Add($"torn tail: {Path.GetFileName(tail.File)} at offset {tail.Offset} (sequence {tail.Sequence} and after, {tail.Bytes} bytes): {tail.Reason}; start-up will truncate it");
            }
        }
        if (corrupt is not null) problems.Add(corrupt.Message);
        foreach (var snapshot in expected.Values)
        {
            if (snapshot.Sequence > last && corrupt is null)
            {
                problems.Add($"snapshot {Path.GetFileName(snapshot.Path)} is at sequence {snapshot.Sequence}, after the journal's last input {last}: the journal lacks inputs the snapshot includes");
                checks.Add(new SnapshotCheck(Path.GetFileName(snapshot.Path), snapshot.Sequence, Output.Hash(snapshot.StateHash), null, "after the end of the journal"));
            }
            else if (snapshot.Sequence < first - 1)
            {
                warnings.Add($"snapshot {Path.GetFileName(snapshot.Path)} is at sequence {snapshot.Sequence}, before the journal's first input {first}: not checked");
                checks.Add(new SnapshotCheck(Path.GetFileName(snapshot.Path), snapshot.Sequence, Output.Hash(snapshot.StateHash), null, "before the start of the journal"));
            }
        }
        checks.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        ulong finalHash = engine.StateHash();
        bool ok = problems.Count == 0;

        foreach (string w in warnings) context.Warn(w);
        if (format == OutputFormat.Json)
        {
            context.Out.WriteLine(Output.JsonLine(j =>
            {
                j.WriteString("directory", Path.GetFullPath(directory));
                j.WriteNumber("segments", session.Reader.Segments.Count);
                j.WriteNumber("bytes", bytes);
                j.WriteNumber("records", records);
                j.WriteNumber("firstSequence", first);
                j.WriteNumber("lastSequence", last);
                if (records > 0)
                {
                    j.WriteString("firstEngineTime", TimeText.Format(firstTime));
                    j.WriteString("lastEngineTime", TimeText.Format(lastTime));
                }
                j.WriteStartArray("snapshots");
                foreach (var c in checks)
                {
                    j.WriteStartObject();
                    j.WriteString("file", c.File);
                    j.WriteNumber("sequence", c.Sequence);
                    j.WriteString("recordedHash", c.RecordedHash);
                    if (c.ReplayedHash is not null) j.WriteString("replayedHash", c.ReplayedHash);
                    j.WriteString("status", c.Status);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
                j.WriteString("finalStateHash", Output.Hash(finalHash));
                j.WriteStartArray("problems");
                foreach (string p in problems) j.WriteStringValue(p);
                j.WriteEndArray();
                j.WriteStartArray("warnings");
                foreach (string w in warnings) j.WriteStringValue(w);
                j.WriteEndArray();
                j.WriteBoolean("ok", ok);
            }));
        }
        else
        {
            var o = context.Out;
            o.WriteLine($"journal: {Path.GetFullPath(directory)} ({session.Reader.Segments.Count} segments, {bytes} bytes)");
            o.WriteLine(records == 0 ? "records: none" : $"records: {records}, sequences {first}..{last}, engine time {TimeText.Format(firstTime)} .. {TimeText.Format(lastTime)}");
            o.WriteLine(corrupt is null ? "CRC, message decoding and sequence continuity: ok" : $"CRC, message decoding and sequence continuity: FAILED");
            if (start is not null) o.WriteLine($"replay started from snapshot {Path.GetFileName(start.Path)} (sequence {start.Sequence})");
            foreach (var c in checks)
            {
                o.WriteLine($"snapshot {c.File}: sequence {c.Sequence}, recorded {c.RecordedHash}" + (c.ReplayedHash is null ? "" : $", replayed {c.ReplayedHash}") + $": {c.Status}");
            }
            o.WriteLine($"state hash after the replay: {Output.Hash(finalHash)}");
            foreach (string w in warnings) o.WriteLine($"warning: {w}");
            foreach (string p in problems) o.WriteLine($"problem: {p}");
            o.WriteLine(ok ? "verify: OK" : $"verify: FAILED ({problems.Count} problem{(problems.Count == 1 ? "" : "s")})");
        }
        return ok ? ExitCodes.Ok : ExitCodes.Damaged;
    }

    /// <summary>Compares each segment's index entries with the records found at their offsets.</summary>
    private sealed class IndexChecker(List<string> warnings)
    {
        private string _segment = "";
        private Dictionary<long, IndexEntry> _entries = new();

        public void Visit(JournalCursor cursor)
        {
            if (cursor.SegmentPath != _segment)
            {
                Finish();
                _segment = cursor.SegmentPath;
                JournalFiles.TryParse(_segment, JournalFiles.SegmentExtension, out long first);
                string index = JournalFiles.IndexPathFor(_segment);
                if (!File.Exists(index)) warnings.Add($"index {Path.GetFileName(index)} is missing (seeks in that segment scan it)");
                _entries = SegmentIndex.Load(index, first, new FileInfo(_segment).Length).ToDictionary(e => e.Offset);
            }
            if (_entries.Remove(cursor.Offset, out IndexEntry entry) && (entry.Sequence != cursor.Current.Sequence || entry.EngineTime != cursor.EngineTime))
            {
                warnings.Add($"index {Path.GetFileName(JournalFiles.IndexPathFor(_segment))}: the entry for offset {entry.Offset} says sequence {entry.Sequence}, the record there is {cursor.Current.Sequence}");
            }
        }

        public void Finish()
        {
            foreach (var entry in _entries.Values)
            {
                warnings.Add($"index {Path.GetFileName(JournalFiles.IndexPathFor(_segment))}: the entry for sequence {entry.Sequence} points at offset {entry.Offset}, where no record starts");
            }
            _entries.Clear();
        }
    }
}

internal sealed class NullSink : IEngineEventSink
{
    public static readonly NullSink Instance = new();

    public void Publish(in EngineEvent e)
    {
    }
}
