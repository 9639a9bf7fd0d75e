using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools;

/// <summary>
/// A journal directory opened for reading by a command, and replays of it into an engine: from the
/// newest valid snapshot at or before where the command needs to start (or from the first input),
/// through the journal, with each input's events handed to the command.
/// </summary>
public sealed class JournalSession
{
    private readonly ToolContext _context;
    private readonly List<EngineEvent> _events = new();

    private JournalSession(ToolContext context, string directory, JournalReader reader)
    {
        _context = context;
        Directory = directory;
        Reader = reader;
    }

    public string Directory { get; }
    public JournalReader Reader { get; }
    public long FirstSequence => Reader.Segments[0].FirstSequence;

    /// <summary>Set after a replay or scan that ended at a torn tail.</summary>
    public TornTail? TornTail { get; private set; }

    /// <summary>Opens <paramref name="directory"/>; a missing directory or one without segments is a <see cref="ToolException"/> (exit 3).</summary>
    public static JournalSession Open(ToolContext context, string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new ToolException(ExitCodes.NoJournal, $"journal directory '{directory}' does not exist");
        var reader = JournalReader.Open(directory);
        if (reader.Segments.Count == 0) throw new ToolException(ExitCodes.NoJournal, $"no journal segments (*{JournalFiles.SegmentExtension}) in '{directory}'");
        return new JournalSession(context, directory, reader);
    }

    /// <summary>Reports a torn tail the cursor met (once), as a warning: the intact prefix is still used.</summary>
    public void NoteTail(JournalCursor cursor)
    {
        if (cursor.TornTail is null || TornTail is not null) return;
        TornTail = cursor.TornTail;
        _context.Warn($"torn tail: {Path.GetFileName(TornTail.File)} at offset {TornTail.Offset} (sequence {TornTail.Sequence} and after, {TornTail.Bytes} bytes): {TornTail.Reason}; start-up will truncate it, the inputs before it are used");
    }

    /// <summary>
    /// Replays into a new engine: the newest snapshot that passes its checks with a sequence at most
    /// <paramref name="snapshotAtMost"/>, then the journal after it up to <paramref name="lastSequence"/>.
    /// <paramref name="onInput"/> sees each input at or after <paramref name="reportFrom"/> with the
    /// events it caused; returning false stops the replay.
    /// </summary>
    public Engine Replay(string label, long snapshotAtMost, long lastSequence, long reportFrom, Func<JournalCursor, List<EngineEvent>, bool>? onInput, bool progress = true)
    {
        var sink = new CaptureSink(_events);
        Engine engine = RestoreNewestSnapshot(sink, snapshotAtMost) ?? NewEngine(sink);
        using var cursor = Reader.ReadFrom(engine.LastSequence + 1);
        long total = Reader.TotalBytes;
        long count = 0;
        _context.Progress(label, progress ? total : 0, update =>
        {
            while (cursor.MoveNext())
            {
                ref readonly EngineInput input = ref cursor.Current;
                if (input.Sequence > lastSequence) break;
                _events.Clear();
                engine.Apply(in input);
                if ((++count & 0xFFF) == 0) update(cursor.Position);
                if (onInput is not null && input.Sequence >= reportFrom && !onInput(cursor, _events)) break;
            }
        });
        NoteTail(cursor);
        return engine;
    }

    private Engine NewEngine(IEngineEventSink sink)
    {
        if (FirstSequence > 1)
        {
            throw new ToolException(ExitCodes.Damaged, $"the journal starts at sequence {FirstSequence} and no valid snapshot covers inputs 1..{FirstSequence - 1}");
        }
        return new Engine(sink, _context.EngineOptionsFor(Directory));
    }

    private Engine? RestoreNewestSnapshot(IEngineEventSink sink, long atMost)
    {
        var snapshots = JournalFiles.Snapshots(Directory);
        for (int i = snapshots.Count - 1; i >= 0; i--)
        {
            var (sequence, path) = snapshots[i];
            if (sequence > atMost || sequence < FirstSequence - 1) continue;
            if (!SnapshotFile.TryRead(path, out SnapshotInfo? info, out byte[] state, out string? error))
            {
                _context.Warn($"snapshot {Path.GetFileName(path)} ignored: {error}");
                continue;
            }
            try
            {
                var engine = Engine.Restore(state, sink, _context.EngineOptionsFor(Directory));
                if (engine.LastSequence == info!.Sequence) return engine;
                _context.Warn($"snapshot {Path.GetFileName(path)} ignored: it restores to sequence {engine.LastSequence}");
            }
            catch (InvalidDataException e)
            {
                _context.Warn($"snapshot {Path.GetFileName(path)} ignored: {e.Message}");
            }
        }
        return null;
    }

    /// <summary>The sequence of the last record whose engine time is at most <paramref name="time"/>; 0 when none is.</summary>
    public long LastSequenceAtOrBefore(long time)
    {
        using var cursor = Reader.ReadFromTime(time == long.MaxValue ? time : time + 1);
        if (cursor.MoveNext()) return cursor.Current.Sequence - 1;
        return LastSequence();
    }

    /// <summary>The sequence of the first record whose engine time is at least <paramref name="time"/>; null when none is.</summary>
    public long? FirstSequenceAtOrAfter(long time)
    {
        using var cursor = Reader.ReadFromTime(time);
        return cursor.MoveNext() ? cursor.Current.Sequence : null;
    }

    /// <summary>The last intact sequence (reads the last segment).</summary>
    public long LastSequence()
    {
        var (first, _) = Reader.Segments[^1];
        using var cursor = Reader.ReadFrom(first);
        long last = first - 1;
        while (cursor.MoveNext()) last = cursor.Current.Sequence;
        NoteTail(cursor);
        return last;
    }

    private sealed class CaptureSink(List<EngineEvent> events) : IEngineEventSink
    {
        public void Publish(in EngineEvent e) => events.Add(e);
    }
}
