using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// Iterates journal records in sequence order across segments, verifying each: frame and CRC, the SBE
/// message, and that every sequence is its predecessor's + 1 (also across segment boundaries). Damage
/// in the last segment with nothing intact after it ends the iteration and is reported in
/// <see cref="TornTail"/>; any other damage throws <see cref="JournalCorruptException"/>. Reads only;
/// allocation-free per record.
/// </summary>
public sealed class JournalCursor : IDisposable
{
    private readonly IReadOnlyList<(long FirstSequence, string Path)> _segments;
    private readonly SegmentScanner _scanner = new();
    private readonly long _fromSequence;
    private readonly long _fromEngineTime;
    private int _segment;
    private long _expected;
    private bool _fromIndex;
    private bool _done;
    private long _bytesBefore; // bytes of the segments before the current one
    private EngineInput _current;

    internal JournalCursor(IReadOnlyList<(long, string)> segments, int segment, long startOffset, long expected, bool fromIndex,
        long fromSequence, long fromEngineTime)
    {
        _segments = segments;
        _segment = segment;
        _expected = expected;
        _fromIndex = fromIndex;
        _fromSequence = fromSequence;
        _fromEngineTime = fromEngineTime;
        for (int i = 0; i < segment && i < segments.Count; i++) _bytesBefore += new FileInfo(segments[i].Item2).Length;
        _done = segment >= segments.Count;
        if (!_done) OpenSegment(startOffset);
    }

    /// <summary>The current input (valid after <see cref="MoveNext"/> returned true).</summary>
    public ref readonly EngineInput Current => ref _current;

    /// <summary>
    /// The current record's bytes exactly as the segment holds them (frame and CRC verified), valid until the next
    /// <see cref="MoveNext"/>: what a replica is sent without encoding the input again.
    /// </summary>
    public ReadOnlySpan<byte> CurrentRecord => _scanner.LastRecord;

    /// <summary>Engine time after the current input (the largest input time so far).</summary>
    public long EngineTime { get; private set; }

    /// <summary>Full path of the segment holding the current record.</summary>
    public string SegmentPath => _scanner.Path;

    /// <summary>Byte offset of the current record in its segment.</summary>
    public long Offset => _scanner.RecordOffset;

    /// <summary>Length in bytes of the current record.</summary>
    public int RecordLength { get; private set; }

    /// <summary>Bytes read so far over all segments (for progress).</summary>
    public long Position => _bytesBefore + _scanner.Offset;

    /// <summary>Set when the iteration ended at a torn tail of the last segment.</summary>
    public TornTail? TornTail { get; private set; }

    /// <summary>The sequence the next record must have (0 before the first record when it is not yet known).</summary>
    public long ExpectedSequence => _expected;

    public bool MoveNext()
    {
        while (!_done)
        {
            ScanStep step = _scanner.Next(out ReadOnlySpan<byte> record);
            if (step == ScanStep.Record)
            {
                long sequence = RecordFormat.ReadSequence(record);
                if (sequence != _expected)
                {
                    if (_fromIndex)
                    {
                        RestartSegmentWithoutIndex();
                        continue;
                    }
                    throw new JournalCorruptException(_scanner.Path, _scanner.RecordOffset, _expected,
                        $"intact record carries sequence {sequence} where {_expected} was expected (inputs missing or out of order)");
                }
                _fromIndex = false;
                if (!RecordFormat.TryDecode(record, ref _current, out string? error))
                {
                    throw new JournalCorruptException(_scanner.Path, _scanner.RecordOffset, sequence,
                        $"record passes its CRC but its message does not decode: {error}");
                }
                _expected = sequence + 1;
                EngineTime = RecordFormat.ReadEngineTime(record);
                RecordLength = record.Length;
                if (sequence < _fromSequence || EngineTime < _fromEngineTime) continue;
                return true;
            }
            if (step == ScanStep.Damaged)
            {
                if (_fromIndex)
                {
                    RestartSegmentWithoutIndex();
                    continue;
                }
                HandleDamage(_scanner.Offset, _scanner.DamageReason);
                return false;
            }
            // End of this segment.
            if (_segment + 1 >= _segments.Count)
            {
                _done = true;
                return false;
            }
            _bytesBefore += _scanner.FileLength;
            _segment++;
            long first = _segments[_segment].FirstSequence;
            if (first != _expected)
            {
                throw new JournalCorruptException(_segments[_segment].Path, 0, _expected,
                    $"segment starts at sequence {first} but the previous segment ends at {_expected - 1} (sequence gap)");
            }
            OpenSegment(SegmentHeader.Length);
        }
        return false;
    }

    private void OpenSegment(long startOffset)
    {
        var (first, path) = _segments[_segment];
        string? headerError = _scanner.Open(path, first, startOffset);
        if (headerError is not null)
        {
            _fromIndex = false;
            _expected = first;
            HandleDamage(0, headerError);
        }
    }

    private void RestartSegmentWithoutIndex()
    {
        _fromIndex = false;
        _expected = _segments[_segment].FirstSequence;
        _scanner.Seek(SegmentHeader.Length);
    }

    /// <summary>Damage in the last segment with nothing intact after it is a torn tail; anything else is corruption.</summary>
    private void HandleDamage(long offset, string reason)
    {
        bool last = _segment == _segments.Count - 1;
        if (last)
        {
            long intact = SegmentScanner.FindIntactRecordAfter(_scanner.Path, offset, _expected - 1);
            if (intact < 0)
            {
                TornTail = new TornTail(_scanner.Path, offset, _expected, _scanner.FileLength - offset, reason);
                _done = true;
                return;
            }
            throw new JournalCorruptException(_scanner.Path, offset, _expected,
                $"{reason}; intact records follow at offset {intact}, so this is not a torn write (restore the segment from a replica or backup)");
        }
        throw new JournalCorruptException(_scanner.Path, offset, _expected, $"{reason} in a segment that is not the last");
    }

    public void Dispose() => _scanner.Dispose();
}
