using Microsoft.Win32.SafeHandles;
using TradeX.Core;

namespace TradeX.Journal;

/// <summary>
/// Appends engine inputs, in sequence, to segment files: each batch is encoded into one buffer and
/// written with one write, then synced according to <see cref="JournalOptions.Sync"/>. Use from one
/// thread (the pipeline's journal stage): <see cref="Append(in EngineInput, bool)"/> for every input,
/// <c>endOfBatch</c> true on the last one currently available. Sequences must be contiguous: each input's
/// is its predecessor's + 1, so a reader can prove nothing is missing. Nothing is ever deleted.
/// Appending allocates nothing.
/// </summary>
public sealed class JournalWriter : IDisposable
{
    private readonly string _directory;
    private readonly JournalOptions _options;
    private readonly Action<string> _log;
    private readonly byte[] _batch;
    private int _batchLength;
    private readonly byte[] _indexPending;
    private int _indexPendingLength;
    private readonly object _handleLock = new();
    private SafeFileHandle? _segment;
    private SafeFileHandle? _index;
    private string _segmentPath = "";
    private long _segmentLength;
    private long _indexLength;
    private long _nextIndexOffset;
    private long _lastSequence;
    private bool _hasLast; // the next input must be _lastSequence + 1 (false only for a journal without segments)
    private long _engineTime;
    private long _written;
    private long _synced;
    private long _writes;
    private long _syncs;
    private Thread? _syncThread;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly ManualResetEventSlim _syncDue = new(false);
    private Exception? _failure;
    private bool _disposed;

    private JournalWriter(string directory, JournalOptions options, Action<string> log)
    {
        _directory = directory;
        _options = options;
        _log = log;
        _batch = new byte[options.BatchBufferBytes];
        _indexPending = new byte[((options.BatchBufferBytes / options.IndexStrideBytes) + 4) * SegmentIndex.EntryLength];
    }

    /// <summary>
    /// Opens (creating if needed) the journal in <paramref name="directory"/> for appending after its last
    /// record. The last segment is checked record by record: a torn tail is truncated (one log line
    /// naming file, offset and sequence), damage before it throws <see cref="JournalCorruptException"/>.
    /// <paramref name="initialEngineTime"/> is the engine time before the first input of an empty journal
    /// (a restored engine's <see cref="Engine.Now"/>); otherwise engine time continues from the last record.
    /// </summary>
    public static JournalWriter Open(string directory, JournalOptions? options = null, Action<string>? log = null, long initialEngineTime = 0)
    {
        options ??= JournalOptions.Default;
        options.Validate();
        System.IO.Directory.CreateDirectory(directory);
        var writer = new JournalWriter(directory, options, log ?? (_ => { }));
        try
        {
            writer.OpenExisting(initialEngineTime);
        }
        catch
        {
            writer.CloseHandles();
            throw;
        }
        if (options.Sync is JournalSyncPolicy.Interval or JournalSyncPolicy.Group)
        {
            writer._syncThread = new Thread(writer.SyncLoop) { IsBackground = true, Name = "journal-sync" };
            writer._syncThread.Start();
        }
        return writer;
    }

    public string Directory => _directory;
    public JournalSyncPolicy Policy => _options.Sync;

    /// <summary>The segment file being appended to (empty before the first record of a new journal).</summary>
    public string CurrentSegment => _segmentPath;

    /// <summary>The last sequence appended (perhaps still in the batch buffer); 0 for an empty journal.</summary>
    public long LastSequence => _lastSequence;

    /// <summary>Engine time after the last appended input.</summary>
    public long EngineTime => _engineTime;

    /// <summary>The last sequence handed to the operating system (survives a crash of this process).</summary>
    public long WrittenSequence => Volatile.Read(ref _written);

    /// <summary>The last sequence on stable storage (survives a power loss).</summary>
    public long SyncedSequence => Volatile.Read(ref _synced);

    /// <summary>
    /// The last sequence durable as the policy promises: synced for <see cref="JournalSyncPolicy.EveryBatch"/>,
    /// written for <see cref="JournalSyncPolicy.Interval"/> and <see cref="JournalSyncPolicy.None"/>.
    /// </summary>
    public long DurableSequence => _options.Sync is JournalSyncPolicy.EveryBatch or JournalSyncPolicy.Group ? SyncedSequence : WrittenSequence;

    /// <summary>
    /// Called with the new <see cref="SyncedSequence"/> whenever it rises (on the thread that synced: the journal stage's,
    /// or the background sync thread's). Group commit releases responses through it.
    /// </summary>
    public Action<long>? Synced { get; set; }

    /// <summary>Write calls made to segment files so far (one per batch unless a batch outgrows the buffer or a segment rolls).</summary>
    public long Writes => Volatile.Read(ref _writes);

    /// <summary>Data syncs of segment files so far.</summary>
    public long Syncs => Volatile.Read(ref _syncs);

    /// <summary>Appends one input and, when <paramref name="endOfBatch"/>, writes the batch and syncs by policy.</summary>
    public void Append(in EngineInput input, bool endOfBatch)
    {
        Append(in input);
        if (endOfBatch) EndBatch();
    }

    /// <summary>Encodes one input into the current batch. Its sequence must be the previous one's + 1.</summary>
    public void Append(in EngineInput input)
    {
        ThrowIfUnusable();
        long sequence = input.Sequence;
        if (_hasLast ? sequence != _lastSequence + 1 : sequence < 1)
        {
            throw new JournalFormatException(_hasLast
                ? $"input sequence {sequence} does not follow the journal's last sequence {_lastSequence}"
                : $"input sequence {sequence} cannot start a journal (sequences start at 1)");
        }
        if (_batch.Length - _batchLength < RecordFormat.MaxLength) WritePending();
        long engineTime = Math.Max(_engineTime, input.Time);
        int length = RecordFormat.Write(in input, engineTime, _batch.AsSpan(_batchLength));
        try
        {
            if (_segment is null)
            {
                StartSegment(sequence);
            }
            else if (_segmentLength + _batchLength + length > _options.SegmentBytes && _segmentLength + _batchLength > SegmentHeader.Length)
            {
                int at = _batchLength;
                WritePending();
                Buffer.BlockCopy(_batch, at, _batch, 0, length);
                Roll(sequence);
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
            throw;
        }
        long fileOffset = _segmentLength + _batchLength;
        if (fileOffset >= _nextIndexOffset)
        {
            SegmentIndex.WriteEntry(_indexPending.AsSpan(_indexPendingLength), sequence, engineTime, fileOffset);
            _indexPendingLength += SegmentIndex.EntryLength;
            _nextIndexOffset = fileOffset + _options.IndexStrideBytes;
        }
        _batchLength += length;
        _lastSequence = sequence;
        _hasLast = true;
        _engineTime = engineTime;
    }

    /// <summary>Writes the batch with one write and, for <see cref="JournalSyncPolicy.EveryBatch"/>, syncs it before returning.</summary>
    public void EndBatch()
    {
        ThrowIfUnusable();
        WritePending();
        if (_options.Sync == JournalSyncPolicy.EveryBatch && Volatile.Read(ref _synced) < _lastSequence) SyncSegment();
        else if (_options.Sync == JournalSyncPolicy.Group && !_syncDue.IsSet) _syncDue.Set();
    }

    /// <summary>Writes what is pending and syncs now, whatever the policy.</summary>
    public void Sync()
    {
        ThrowIfUnusable();
        WritePending();
        if (Volatile.Read(ref _synced) < _lastSequence) SyncSegment();
    }

    private void WritePending()
    {
        try
        {
            if (_batchLength > 0)
            {
                RandomAccess.Write(_segment!, _batch.AsSpan(0, _batchLength), _segmentLength);
                _segmentLength += _batchLength;
                _batchLength = 0;
                _writes++;
            }
            if (_indexPendingLength > 0)
            {
                RandomAccess.Write(_index!, _indexPending.AsSpan(0, _indexPendingLength), _indexLength);
                _indexLength += _indexPendingLength;
                _indexPendingLength = 0;
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
            throw;
        }
        Volatile.Write(ref _written, _lastSequence);
    }

    private void SyncSegment()
    {
        long written = Volatile.Read(ref _written);
        try
        {
            lock (_handleLock)
            {
                if (_segment is not null) FileSync.Data(_segment);
                _syncs++;
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
            throw;
        }
        RaiseSynced(written);
    }

    private void RaiseSynced(long sequence)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _synced);
            if (sequence <= current) return;
        }
        while (Interlocked.CompareExchange(ref _synced, sequence, current) != current);
        Synced?.Invoke(sequence);
    }

    // The background sync of the Interval and Group policies: Interval wakes every SyncIntervalMillis; Group (group commit)
    // whenever a batch was written, so batches written during a sync wait for the next one.
    private void SyncLoop()
    {
        bool group = _options.Sync == JournalSyncPolicy.Group;
        while (WaitForSyncDue(group))
        {
            if (Volatile.Read(ref _written) <= Volatile.Read(ref _synced)) continue;
            try
            {
                SyncSegment();
            }
            catch (Exception e)
            {
                _log($"journal: background sync failed, the writer stops: {e.Message}");
                return;
            }
        }
    }

    /// <summary>Waits until a sync is due; false once the writer is closing.</summary>
    private bool WaitForSyncDue(bool group)
    {
        if (!group) return !_stop.Wait(_options.SyncIntervalMillis);
        _syncDue.Wait();
        _syncDue.Reset(); // before looking: a batch written from now on sets it again
        return !_stop.IsSet;
    }

    /// <summary>
    /// Completes the current segment (synced whatever the policy, so only the last segment can ever be
    /// torn) and starts the next, named after <paramref name="firstSequence"/>.
    /// </summary>
    private void Roll(long firstSequence)
    {
        long written = Volatile.Read(ref _written);
        lock (_handleLock)
        {
            FileSync.Data(_segment!);
            _syncs++;
            _segment!.Dispose();
            _index!.Dispose();
            _segment = null;
            _index = null;
            RaiseSynced(written);
            StartSegmentLocked(firstSequence);
        }
    }

    private void StartSegment(long firstSequence)
    {
        lock (_handleLock) StartSegmentLocked(firstSequence);
    }

    private void StartSegmentLocked(long firstSequence)
    {
        string path = Path.Combine(_directory, JournalFiles.SegmentName(firstSequence));
        var segment = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        Span<byte> header = stackalloc byte[SegmentHeader.Length];
        SegmentHeader.Write(header, firstSequence);
        RandomAccess.Write(segment, header, 0);
        FileSync.Data(segment);
        var index = File.OpenHandle(JournalFiles.IndexPathFor(path), FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        SegmentIndex.WriteHeader(header, firstSequence, _options.IndexStrideBytes);
        RandomAccess.Write(index, header, 0);
        FileSync.Directory(_directory);
        _segment = segment;
        _index = index;
        _segmentPath = path;
        _segmentLength = SegmentHeader.Length;
        _indexLength = SegmentIndex.HeaderLength;
        _nextIndexOffset = SegmentHeader.Length;
    }

    private void OpenExisting(long initialEngineTime)
    {
        var segments = JournalFiles.Segments(_directory);
        _engineTime = initialEngineTime;
        if (segments.Count == 0) return;

        var (first, path) = segments[^1];
        var scan = ScanForAppend(path, first, _options.IndexStrideBytes);
        if (scan.Tail is not null)
        {
            SegmentRepair.Truncate(scan.Tail, first);
            _log(scan.Tail.Describe());
        }
        if (scan.LastSequence >= first)
        {
            _engineTime = scan.LastEngineTime;
        }
        else if (segments.Count > 1)
        {
            // An empty last segment: engine time continues from the previous segment's last record.
            var (previousFirst, previousPath) = segments[^2];
            var previous = ScanForAppend(previousPath, previousFirst, _options.IndexStrideBytes);
            if (previous.Tail is not null)
            {
                throw new JournalCorruptException(previous.Tail.File, previous.Tail.Offset, previous.Tail.Sequence, previous.Tail.Reason + " in a segment that is not the last");
            }
            if (previous.LastSequence != first - 1)
            {
                throw new JournalCorruptException(path, 0, previous.LastSequence + 1,
                    $"segment starts at sequence {first} but the previous segment ends at {previous.LastSequence} (sequence gap)");
            }
            _engineTime = previous.LastEngineTime;
        }
        _lastSequence = scan.LastSequence;
        _hasLast = true;
        string indexPath = JournalFiles.IndexPathFor(path);
        SegmentIndex.Rewrite(indexPath, first, _options.IndexStrideBytes, scan.Index);
        _segment = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _index = File.OpenHandle(indexPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _segmentPath = path;
        _segmentLength = RandomAccess.GetLength(_segment);
        _indexLength = SegmentIndex.HeaderLength + (scan.Index.Count * SegmentIndex.EntryLength);
        _nextIndexOffset = scan.Index.Count == 0 ? SegmentHeader.Length : scan.Index[^1].Offset + _options.IndexStrideBytes;
        _written = _lastSequence;
        _synced = _lastSequence;
    }

    internal sealed record SegmentScan(long LastSequence, long LastEngineTime, List<IndexEntry> Index, TornTail? Tail);

    /// <summary>
    /// Reads a whole segment: its last sequence and engine time, its index entries (rebuilt with the
    /// writer's stride rule), and a torn tail if it ends in one. Damage followed by intact records, or a
    /// record out of sequence, throws <see cref="JournalCorruptException"/>.
    /// </summary>
    internal static SegmentScan ScanForAppend(string path, long first, int stride)
    {
        using var scanner = new SegmentScanner();
        var index = new List<IndexEntry>();
        long last = first - 1;
        long lastTime = 0;
        long nextIndexOffset = SegmentHeader.Length;
        string? headerError = scanner.Open(path, first);
        long damageOffset = 0;
        string? damage = headerError;
        while (damage is null)
        {
            ScanStep step = scanner.Next(out ReadOnlySpan<byte> record);
            if (step == ScanStep.End) break;
            if (step == ScanStep.Damaged)
            {
                damageOffset = scanner.Offset;
                damage = scanner.DamageReason;
                break;
            }
            long sequence = RecordFormat.ReadSequence(record);
            if (sequence != last + 1)
            {
                throw new JournalCorruptException(path, scanner.RecordOffset, last + 1,
                    $"intact record carries sequence {sequence} where {last + 1} was expected");
            }
            var probe = default(EngineInput);
            if (!RecordFormat.TryDecode(record, ref probe, out string? error))
            {
                throw new JournalCorruptException(path, scanner.RecordOffset, sequence, $"record passes its CRC but its message does not decode: {error}");
            }
            lastTime = RecordFormat.ReadEngineTime(record);
            if (scanner.RecordOffset >= nextIndexOffset)
            {
                index.Add(new IndexEntry(sequence, lastTime, scanner.RecordOffset));
                nextIndexOffset = scanner.RecordOffset + stride;
            }
            last = sequence;
        }
        TornTail? tail = null;
        if (damage is not null)
        {
            long intact = SegmentScanner.FindIntactRecordAfter(path, damageOffset, last);
            if (intact >= 0)
            {
                throw new JournalCorruptException(path, damageOffset, last + 1,
                    $"{damage}; intact records follow at offset {intact}, so this is not a torn write (restore the segment from a replica or backup)");
            }
            tail = new TornTail(path, damageOffset, last + 1, scanner.FileLength - damageOffset, damage);
        }
        return new SegmentScan(last, lastTime, index, tail);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null) throw new InvalidOperationException($"the journal writer failed earlier and accepts nothing more: {_failure.Message}", _failure);
    }

    /// <summary>Writes and syncs what is pending (unless the writer failed), stops the sync thread, closes the files.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _stop.Set();
        _syncDue.Set();
        _syncThread?.Join();
        try
        {
            if (_failure is null && _segment is not null)
            {
                WritePending();
                SyncSegment();
            }
        }
        finally
        {
            _disposed = true;
            CloseHandles();
            _stop.Dispose();
            _syncDue.Dispose();
        }
    }

    private void CloseHandles()
    {
        lock (_handleLock)
        {
            _segment?.Dispose();
            _index?.Dispose();
            _segment = null;
            _index = null;
        }
    }
}
