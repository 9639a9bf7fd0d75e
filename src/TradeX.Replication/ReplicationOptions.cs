namespace TradeX.Replication;

/// <summary>When a response may leave the primary, relative to the standby.</summary>
public enum ReplicationMode
{
    /// <summary>A response for input N waits only for the primary's own journal; the standby follows as fast as it can.</summary>
    Asynchronous = 1,

    /// <summary>A response for input N leaves only after a standby has acknowledged N durable in its journal.</summary>
    Synchronous = 2,
}

/// <summary>How a node replicates (the node's <c>replication</c> configuration section maps onto this).</summary>
public sealed record ReplicationOptions
{
    /// <summary>This node's id, unique in the cluster (1 and 2 for a pair).</summary>
    public uint NodeId { get; init; } = 1;

    public ReplicationMode Mode { get; init; } = ReplicationMode.Asynchronous;

    /// <summary>Primary and standby send a heartbeat after this long without sending anything else.</summary>
    public int HeartbeatMillis { get; init; } = 100;

    /// <summary>A peer that has sent nothing for this long is gone: the connection is dropped (and, on a standby, made again).</summary>
    public int TimeoutMillis { get; init; } = 1_000;

    /// <summary>Both engines compute their StateHash after every input whose sequence is a multiple of this (0: never).</summary>
    public long CheckpointEveryInputs { get; init; } = 1_000_000;

    /// <summary>
    /// How many recent inputs the primary keeps in memory to send to a standby (a power of two). A standby further behind
    /// is served from the journal's files first. At least twice the input ring, so everything older is already in the files.
    /// </summary>
    public int HistoryInputs { get; init; } = 1 << 17;

    /// <summary>The most journal-record bytes in one RecordBatch message.</summary>
    public int MaxBatchBytes { get; init; } = 256 * 1024;

    /// <summary>Room for messages the kernel has not yet taken, per connection.</summary>
    public int SendBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>A standby waits this long before connecting again after a connection ended.</summary>
    public int ReconnectMillis { get; init; } = 100;

    public void Validate()
    {
        if (Mode is not (ReplicationMode.Asynchronous or ReplicationMode.Synchronous)) throw new ArgumentException($"replication mode {(int)Mode} is not asynchronous or synchronous");
        if (HistoryInputs < 1024 || (HistoryInputs & (HistoryInputs - 1)) != 0) throw new ArgumentException($"replication history {HistoryInputs} must be a power of two of at least 1024");
        if (HeartbeatMillis < 1 || TimeoutMillis <= HeartbeatMillis) throw new ArgumentException($"replication timeout {TimeoutMillis} ms must exceed the heartbeat {HeartbeatMillis} ms");
        if (CheckpointEveryInputs < 0) throw new ArgumentException("checkpointEveryInputs cannot be negative");
        if (MaxBatchBytes < 4096 || MaxBatchBytes > MaxMessageBytes - 64) throw new ArgumentException($"maxBatchBytes must be within 4096..{MaxMessageBytes - 64}");
        if (SendBufferBytes < 2 * MaxMessageBytes) throw new ArgumentException($"sendBufferBytes must be at least {2 * MaxMessageBytes}");
    }

    /// <summary>The longest replication message either side accepts (a RecordBatch with <see cref="MaxBatchBytes"/> of records fits).</summary>
    public const int MaxMessageBytes = 1024 * 1024;
}

/// <summary>Stable codes of a replication Reject (and of a standby's alarm), with their meaning.</summary>
public enum ReplicationReason : ushort
{
    None = 0,

    /// <summary>The message came from an older epoch than the receiver's: the sender was superseded (fenced).</summary>
    StaleEpoch = 1,

    /// <summary>The standby's journal holds inputs the primary does not have: it followed another primary, or this one lost data.</summary>
    StandbyAhead = 2,

    /// <summary>The primary's oldest record is after what the standby needs (its journal does not reach back that far).</summary>
    HistoryUnavailable = 3,

    /// <summary>Both nodes have the same node id.</summary>
    NodeIdClash = 4,

    /// <summary>The first message was not a Hello, or a message did not decode.</summary>
    ProtocolError = 5,

    /// <summary>The standby's StateHash after an input differs from the primary's: it stopped applying.</summary>
    StateHashMismatch = 6,

    /// <summary>This node is not a primary (a standby or a fenced node refuses standbys).</summary>
    NotPrimary = 7,

    /// <summary>Another standby is already connected.</summary>
    StandbyAlreadyConnected = 8,
}
