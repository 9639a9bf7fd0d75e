using TradeX.Core;

namespace TradeX.Journal;

/// <summary>What start-up recovery rebuilt.</summary>
/// <param name="Engine">The restored engine, ready for input <see cref="LastSequence"/> + 1.</param>
/// <param name="Snapshot">The snapshot it started from; null when it replayed the journal from its first input.</param>
/// <param name="ReplayedInputs">Inputs applied from the journal after the snapshot.</param>
/// <param name="LastSequence">The last sequence in the journal (= the engine's <see cref="Engine.LastSequence"/>).</param>
/// <param name="StateHash">The recovered engine's <see cref="Engine.StateHash"/>.</param>
/// <param name="TruncatedTail">The torn tail cut off the last segment, if there was one.</param>
/// <param name="IgnoredSnapshots">Snapshot files passed over, each with the reason.</param>
public sealed record RecoveryResult(
    Engine Engine,
    SnapshotInfo? Snapshot,
    long ReplayedInputs,
    long LastSequence,
    ulong StateHash,
    TornTail? TruncatedTail,
    IReadOnlyList<string> IgnoredSnapshots);

/// <summary>
/// Start-up: the newest valid snapshot, then the journal after it, gives the engine exactly as it was
/// after the last journaled input. Rules:
/// <list type="bullet">
/// <item>A torn tail of the last segment (a partial record, or a CRC failure with nothing intact after
/// it) is truncated, with one log line naming the file, offset and sequence.</item>
/// <item>Damage anywhere else (before the tail, in an earlier segment, a sequence gap) throws
/// <see cref="JournalCorruptException"/> naming the file, offset and sequence: start-up stops; nothing is
/// skipped.</item>
/// <item>A snapshot that fails its checks (CRC, hash, header, restore), or that is ahead of the journal,
/// is ignored with a log line in favour of an older one; without one the journal is replayed from its
/// first input.</item>
/// </list>
/// The recovered sequence and state hash are logged.
/// </summary>
public static class JournalRecovery
{
    /// <summary>
    /// Recovers the engine from <paramref name="directory"/> (created when missing: a new node starts
    /// empty). The engine is built with <paramref name="sink"/>, which also receives the events of the
    /// replayed inputs; pass a sink that discards them if the replay must not be published again.
    /// </summary>
    public static RecoveryResult Recover(string directory, IEngineEventSink sink, EngineOptions? options = null, Action<string>? log = null)
    {
        log ??= _ => { };
        Directory.CreateDirectory(directory);

        // 1. The journal's end: check the last segment and cut a torn tail.
        var segments = JournalFiles.Segments(directory);
        TornTail? tail = null;
        long first = 0, last = 0;
        if (segments.Count > 0)
        {
            first = segments[0].FirstSequence;
            var (lastFirst, lastPath) = segments[^1];
            var scan = JournalWriter.ScanForAppend(lastPath, lastFirst, JournalOptions.Default.IndexStrideBytes);
            if (scan.Tail is not null)
            {
                SegmentRepair.Truncate(scan.Tail, lastFirst);
                tail = scan.Tail;
                log(scan.Tail.Describe());
            }
            last = scan.LastSequence;
        }
        bool hasRecords = segments.Count > 0 && last >= first;

        // 2. The newest snapshot that passes its checks and fits the journal.
        var ignored = new List<string>();
        Engine? engine = null;
        SnapshotInfo? used = null;
        var snapshots = JournalFiles.Snapshots(directory);
        for (int i = snapshots.Count - 1; i >= 0 && engine is null; i--)
        {
            string path = snapshots[i].Path;
            string name = Path.GetFileName(path);
            if (hasRecords && snapshots[i].Sequence > last)
            {
                Ignore($"snapshot: {name} ignored: it is at sequence {snapshots[i].Sequence}, after the journal's last input {last}");
                continue;
            }
            if (!SnapshotFile.TryRead(path, out SnapshotInfo? info, out byte[] state, out string? error))
            {
                Ignore($"snapshot: {name} ignored: {error}");
                continue;
            }
            Engine restored;
            try
            {
                restored = Engine.Restore(state, sink, options);
            }
            catch (InvalidDataException e)
            {
                Ignore($"snapshot: {name} ignored: the engine cannot restore it: {e.Message}");
                continue;
            }
            if (restored.LastSequence != info!.Sequence || restored.StateHash() != info.StateHash)
            {
                Ignore($"snapshot: {name} ignored: restored engine is at sequence {restored.LastSequence} with hash 0x{restored.StateHash():x16}, the header says {info.Sequence} and 0x{info.StateHash:x16}");
                continue;
            }
            if (hasRecords && info.Sequence + 1 < first)
            {
                throw new JournalCorruptException(segments[0].Path, 0, info.Sequence + 1,
                    $"the journal starts at sequence {first}, but the newest valid snapshot ({name}) is at {info.Sequence}: inputs {info.Sequence + 1}..{first - 1} are missing");
            }
            engine = restored;
            used = info;
        }
        if (engine is null)
        {
            if (hasRecords && first > 1)
            {
                throw new JournalCorruptException(segments[0].Path, 0, 1,
                    $"the journal starts at sequence {first} and no valid snapshot covers inputs 1..{first - 1}");
            }
            engine = new Engine(sink, options);
        }

        // 3. Replay the journal after the snapshot.
        long replayed = 0;
        if (hasRecords && last > engine.LastSequence)
        {
            var reader = JournalReader.Open(directory);
            using var cursor = reader.ReadFrom(engine.LastSequence + 1);
            long expected = engine.LastSequence + 1;
            while (cursor.MoveNext())
            {
                ref readonly EngineInput input = ref cursor.Current;
                if (input.Sequence != expected)
                {
                    throw new JournalCorruptException(cursor.SegmentPath, cursor.Offset, expected,
                        $"replay expected sequence {expected} but the journal continues with {input.Sequence}");
                }
                engine.Apply(in input);
                expected++;
                replayed++;
            }
            if (cursor.TornTail is not null)
            {
                // Only a writer appending during recovery could leave a new torn tail; nothing after it is applied.
                log($"recovery: the journal grew a torn tail while it was replayed: {cursor.TornTail.Describe()}");
            }
        }

        ulong hash = engine.StateHash();
        string from = used is null ? "no snapshot" : $"snapshot {Path.GetFileName(used.Path)} (sequence {used.Sequence})";
        log(hasRecords || used is not null
            ? $"recovery: {from} + {replayed} inputs replayed from the journal: sequence {engine.LastSequence}, state hash 0x{hash:x16}"
            : $"recovery: empty journal in {directory}: a new engine, state hash 0x{hash:x16}");
        return new RecoveryResult(engine, used, replayed, engine.LastSequence, hash, tail, ignored);

        void Ignore(string line)
        {
            ignored.Add(line);
            log(line);
        }
    }
}
