namespace TradeX.Journal;

/// <summary>When the journal writer asks the operating system to put written records on stable storage.</summary>
public enum JournalSyncPolicy
{
    /// <summary>
    /// fdatasync after every batch, before <see cref="JournalWriter.EndBatch"/> returns. A response can
    /// only be released for an input that is on disk: after a power loss nothing acknowledged is lost
    /// (as far as the drive honours cache flushes). Costs one device flush per batch.
    /// </summary>
    EveryBatch = 0,

    /// <summary>
    /// Each batch is written to the operating system at once; a background thread fdatasyncs every
    /// <see cref="JournalOptions.SyncIntervalMillis"/>. A crash of the process loses nothing; a power
    /// loss loses at most the inputs written in the last interval (plus the sync's own duration).
    /// </summary>
    Interval = 1,

    /// <summary>
    /// Each batch is written to the operating system; no sync except when a segment is completed and on
    /// close. A crash of the process loses nothing; a power loss loses whatever the kernel had not yet
    /// written back (on Linux typically up to ~30 s: vm.dirty_expire_centisecs).
    /// </summary>
    None = 2,

    /// <summary>
    /// Group commit: each batch is written to the operating system at once, and a background thread fdatasyncs whenever
    /// something written is not yet synced: one sync covers every batch written while the previous one ran. Nothing
    /// acknowledged is lost after a power loss, as with <see cref="EveryBatch"/>, because the node releases a response
    /// only once its input is synced (<see cref="JournalWriter.Synced"/> advances the pipeline's release gate); the
    /// journal stage does not wait for the device, so batches keep coming while a sync runs.
    /// </summary>
    Group = 3,
}

/// <summary>Configuration of a <see cref="JournalWriter"/>.</summary>
public sealed record JournalOptions
{
    /// <summary>A segment is completed (synced and closed) and a new one started once it would grow past this size.</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    public JournalSyncPolicy Sync { get; init; } = JournalSyncPolicy.EveryBatch;

    /// <summary>For <see cref="JournalSyncPolicy.Interval"/>: milliseconds between background syncs.</summary>
    public int SyncIntervalMillis { get; init; } = 10;

    /// <summary>Bytes of segment between two index entries.</summary>
    public int IndexStrideBytes { get; init; } = 64 << 10;

    /// <summary>
    /// The buffer a batch is encoded into before its one write. A batch larger than this is written in
    /// more than one write (still synced once, at its end).
    /// </summary>
    public int BatchBufferBytes { get; init; } = 1 << 20;

    public static JournalOptions Default { get; } = new();

    internal void Validate()
    {
        if (SegmentBytes < 4096) throw new ArgumentOutOfRangeException(nameof(SegmentBytes), SegmentBytes, "a segment must be at least 4096 bytes");
        if (SyncIntervalMillis < 1) throw new ArgumentOutOfRangeException(nameof(SyncIntervalMillis), SyncIntervalMillis, "the sync interval must be at least 1 ms");
        if (IndexStrideBytes < 1024) throw new ArgumentOutOfRangeException(nameof(IndexStrideBytes), IndexStrideBytes, "the index stride must be at least 1024 bytes");
        if (BatchBufferBytes < 4 * RecordFormat.MaxLength) throw new ArgumentOutOfRangeException(nameof(BatchBufferBytes), BatchBufferBytes, $"the batch buffer must hold at least {4 * RecordFormat.MaxLength} bytes");
        if (!Enum.IsDefined(Sync)) throw new ArgumentOutOfRangeException(nameof(Sync), Sync, "unknown sync policy");
    }
}
