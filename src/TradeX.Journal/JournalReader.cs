using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// Read access to a journal directory: cursors from the start, from a sequence or from an engine time,
/// positioned through the segment file names and their indexes. Never writes; a torn tail is reported
/// by the cursor, not repaired (start-up recovery repairs it). Safe to use while a writer appends: each
/// segment is read as long as it was when the cursor reached it.
/// </summary>
public sealed class JournalReader
{
    private readonly IReadOnlyList<(long FirstSequence, string Path)> _segments;
    private readonly Dictionary<int, long> _firstEngineTimes = new();

    private JournalReader(string directory, IReadOnlyList<(long, string)> segments)
    {
        Directory = directory;
        _segments = segments;
    }

    public string Directory { get; }

    /// <summary>The segment files, by first sequence.</summary>
    public IReadOnlyList<(long FirstSequence, string Path)> Segments => _segments;

    /// <summary>Total bytes of all segments when the reader was opened.</summary>
    public long TotalBytes => _segments.Sum(s => new FileInfo(s.Path).Length);

    /// <summary>Opens a journal directory; <see cref="DirectoryNotFoundException"/> when it does not exist.</summary>
    public static JournalReader Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"journal directory '{directory}' does not exist");
        return new JournalReader(directory, JournalFiles.Segments(directory));
    }

    /// <summary>Every record from the first.</summary>
    public JournalCursor ReadAll() => ReadFrom(long.MinValue);

    /// <summary>The records from the first whose sequence is at least <paramref name="sequence"/>.</summary>
    public JournalCursor ReadFrom(long sequence)
    {
        if (_segments.Count == 0) return new JournalCursor(_segments, 0, 0, 0, false, sequence, long.MinValue);
        int segment = 0;
        for (int i = _segments.Count - 1; i >= 0; i--)
        {
            if (_segments[i].FirstSequence <= sequence)
            {
                segment = i;
                break;
            }
        }
        var (first, path) = _segments[segment];
        IndexEntry[] index = SegmentIndex.Load(JournalFiles.IndexPathFor(path), first, new FileInfo(path).Length);
        int entry = SegmentIndex.FindBySequence(index, sequence);
        return entry < 0
            ? new JournalCursor(_segments, segment, SegmentHeader.Length, first, false, sequence, long.MinValue)
            : new JournalCursor(_segments, segment, index[entry].Offset, index[entry].Sequence, true, sequence, long.MinValue);
    }

    /// <summary>The records from the first whose engine time is at least <paramref name="engineTime"/> (Unix ns).</summary>
    public JournalCursor ReadFromTime(long engineTime)
    {
        if (_segments.Count == 0) return new JournalCursor(_segments, 0, 0, 0, false, long.MinValue, engineTime);
        // Engine time never decreases, so the first record at or after the time lies in the last segment
        // whose first record is before it (or in the first segment).
        int lo = 0, hi = _segments.Count - 1, segment = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (FirstEngineTime(mid) < engineTime)
            {
                segment = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        var (first, path) = _segments[segment];
        IndexEntry[] index = SegmentIndex.Load(JournalFiles.IndexPathFor(path), first, new FileInfo(path).Length);
        int entry = SegmentIndex.FindBeforeTime(index, engineTime);
        return entry < 0
            ? new JournalCursor(_segments, segment, SegmentHeader.Length, first, false, long.MinValue, engineTime)
            : new JournalCursor(_segments, segment, index[entry].Offset, index[entry].Sequence, true, long.MinValue, engineTime);
    }

    /// <summary>Engine time of a segment's first record; long.MaxValue when it has none that is intact.</summary>
    private long FirstEngineTime(int segment)
    {
        if (_firstEngineTimes.TryGetValue(segment, out long time)) return time;
        time = long.MaxValue;
        using (var scanner = new SegmentScanner(4 * RecordFormat.MaxLength))
        {
            var (first, path) = _segments[segment];
            if (scanner.Open(path, first) is null && scanner.Next(out ReadOnlySpan<byte> record) == ScanStep.Record)
            {
                time = RecordFormat.ReadEngineTime(record);
            }
        }
        _firstEngineTimes[segment] = time;
        return time;
    }

    /// <summary>Reads every input into a list (tests and small tools; allocates).</summary>
    public List<EngineInput> ReadAllInputs(out TornTail? tornTail)
    {
        var list = new List<EngineInput>();
        using var cursor = ReadAll();
        while (cursor.MoveNext()) list.Add(cursor.Current);
        tornTail = cursor.TornTail;
        return list;
    }
}
