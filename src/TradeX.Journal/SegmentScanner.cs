using Microsoft.Win32.SafeHandles;

namespace TradeX.Journal;

/// <summary>What <see cref="SegmentScanner.Next"/> found.</summary>
internal enum ScanStep
{
    /// <summary>An intact record (length plausible, CRC correct).</summary>
    Record,
    /// <summary>The end of the file, exactly at a record boundary.</summary>
    End,
    /// <summary>A record that is cut short or fails its CRC; see <see cref="SegmentScanner.DamageReason"/>.</summary>
    Damaged,
}

/// <summary>
/// Reads the records of one segment file sequentially through a reusable buffer, checking each frame.
/// The file's length is taken when it is opened, so a segment still being appended to reads as it was.
/// </summary>
internal sealed class SegmentScanner : IDisposable
{
    private readonly byte[] _buffer;
    private SafeFileHandle? _handle;
    private long _fileLength;
    private long _bufferOffset; // file offset of _buffer[0]
    private int _position;
    private int _end;

    public SegmentScanner(int bufferBytes = 1 << 20) => _buffer = new byte[Math.Max(bufferBytes, 4 * RecordFormat.MaxLength)];

    public string Path { get; private set; } = "";
    public long FileLength => _fileLength;

    /// <summary>File offset of the next record (or of the damage after <see cref="ScanStep.Damaged"/>).</summary>
    public long Offset => _bufferOffset + _position;

    /// <summary>File offset of the record last returned.</summary>
    public long RecordOffset { get; private set; }

    public string DamageReason { get; private set; } = "";

    /// <summary>
    /// Opens a segment and checks its header. Returns null when the header is valid (the scanner is then
    /// positioned at <paramref name="startOffset"/>, at least the first record), else why not (the scanner
    /// stays open, positioned at offset 0, so the caller can decide whether that is a torn tail).
    /// </summary>
    public string? Open(string path, long firstSequence, long startOffset = SegmentHeader.Length)
    {
        Close();
        Path = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _fileLength = RandomAccess.GetLength(_handle);
        Span<byte> header = stackalloc byte[SegmentHeader.Length];
        int read = _fileLength >= SegmentHeader.Length ? RandomAccess.Read(_handle, header, 0) : (int)_fileLength > 0 ? RandomAccess.Read(_handle, header[..(int)_fileLength], 0) : 0;
        string? error = SegmentHeader.Check(header[..read], firstSequence);
        Seek(error is null ? Math.Max(startOffset, SegmentHeader.Length) : 0);
        return error;
    }

    public void Seek(long offset)
    {
        _bufferOffset = offset;
        _position = 0;
        _end = 0;
    }

    /// <summary>The next record; <paramref name="record"/> is valid until the next call.</summary>
    public ScanStep Next(out ReadOnlySpan<byte> record)
    {
        record = default;
        long offset = Offset;
        long remaining = _fileLength - offset;
        if (remaining <= 0)
        {
            return ScanStep.End;
        }
        int available = _end - _position;
        if (available < RecordFormat.MaxLength && available < remaining)
        {
            Fill();
            available = _end - _position;
        }
        ReadOnlySpan<byte> data = _buffer.AsSpan(_position, available);
        string? damage = RecordFormat.CheckFrame(data, out int length, out _);
        if (damage is not null)
        {
            DamageReason = damage;
            return ScanStep.Damaged;
        }
        record = data[..length];
        RecordOffset = offset;
        _lastRecordStart = _position;
        _lastRecordLength = length;
        _position += length;
        return ScanStep.Record;
    }

    private int _lastRecordStart;
    private int _lastRecordLength;

    /// <summary>The bytes of the record the last <see cref="Next"/> returned (valid until the next call).</summary>
    public ReadOnlySpan<byte> LastRecord => _buffer.AsSpan(_lastRecordStart, _lastRecordLength);

    private void Fill()
    {
        int kept = _end - _position;
        if (kept > 0 && _position > 0) Buffer.BlockCopy(_buffer, _position, _buffer, 0, kept);
        _bufferOffset += _position;
        _position = 0;
        _end = kept;
        long want = Math.Min(_buffer.Length - kept, _fileLength - (_bufferOffset + kept));
        while (want > 0)
        {
            int n = RandomAccess.Read(_handle!, _buffer.AsSpan(_end, (int)want), _bufferOffset + _end);
            if (n <= 0) break;
            _end += n;
            want -= n;
        }
    }

    /// <summary>
    /// After damage at <paramref name="damageOffset"/>: the offset of the first intact record after it
    /// whose sequence is above <paramref name="afterSequence"/>, or -1 when nothing intact follows. Intact
    /// records after damage mean the damage is not a torn write at the end of the file.
    /// </summary>
    public static long FindIntactRecordAfter(string path, long damageOffset, long afterSequence)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = RandomAccess.GetLength(handle);
        long from = damageOffset + 1;
        if (length - from < RecordFormat.MinLength) return -1;
        var data = new byte[length - from];
        int total = 0;
        while (total < data.Length)
        {
            int n = RandomAccess.Read(handle, data.AsSpan(total), from + total);
            if (n <= 0) break;
            total += n;
        }
        ReadOnlySpan<byte> span = data.AsSpan(0, total);
        for (int i = 0; i + RecordFormat.MinLength <= span.Length; i++)
        {
            int declared = RecordFormat.ReadLength(span.Slice(i));
            if (declared < RecordFormat.MinLength || declared > RecordFormat.MaxLength || declared > span.Length - i) continue;
            if (RecordFormat.CheckFrame(span.Slice(i), out _, out _) is null && RecordFormat.ReadSequence(span.Slice(i)) > afterSequence)
            {
                return from + i;
            }
        }
        return -1;
    }

    private void Close()
    {
        _handle?.Dispose();
        _handle = null;
    }

    public void Dispose() => Close();
}
