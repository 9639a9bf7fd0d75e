namespace TradeX.Replication;

/// <summary>A node's replication as an operator sees it: role, mode, epoch, the peer and how far behind it is.</summary>
public sealed record ReplicationStatus
{
    public required string Role { get; init; }
    public required ReplicationMode Mode { get; init; }
    public required ulong Epoch { get; init; }
    public required uint NodeId { get; init; }

    /// <summary>Who the peer is ("standby node 2", "primary 127.0.0.1:9701", "no standby").</summary>
    public required string Peer { get; init; }

    /// <summary>What the peer is doing: catching up, live, disconnected, diverged, refused …</summary>
    public required string PeerState { get; init; }

    /// <summary>Primary: its last input; standby: the last input received from the primary.</summary>
    public long LastSequence { get; init; }

    /// <summary>The standby's durable sequence (on the primary: as last acknowledged).</summary>
    public long PeerDurableSequence { get; init; }

    /// <summary>The standby's applied sequence (its engine).</summary>
    public long PeerAppliedSequence { get; init; }

    /// <summary>Inputs the standby does not yet hold durably.</summary>
    public long LagRecords { get; init; }

    /// <summary>Primary: from handing the last acknowledged input to replication to its acknowledgement, in microseconds.</summary>
    public long LagMicros { get; init; }

    public long RecordsSent { get; init; }
    public long RecordsFromFiles { get; init; }
    public long RecordsReceived { get; init; }
    public long CorruptRecords { get; init; }
    public long CheckpointsCompared { get; init; }

    /// <summary>Standby: the primary's checkpoints received (compared once this node has hashed the same input).</summary>
    public long CheckpointsReceived { get; init; }
    public long Connections { get; init; }

    /// <summary>Set on a standby that must not be promoted (its state differs from the primary's), with the reason.</summary>
    public string? Alarm { get; init; }

    /// <summary>One line for the node's log and status output.</summary>
    public override string ToString() =>
        $"replication: {Role}, node {NodeId}, epoch {Epoch}, {(Mode == ReplicationMode.Synchronous ? "synchronous" : "asynchronous")}; " +
        $"{Peer} {PeerState}; last sequence {LastSequence:N0}, standby durable {PeerDurableSequence:N0} applied {PeerAppliedSequence:N0}, " +
        $"lag {LagRecords:N0} inputs" + (LagMicros > 0 ? $" / {LagMicros:N0} µs" : "") +
        (RecordsFromFiles > 0 ? $", {RecordsFromFiles:N0} served from journal files" : "") +
        (CorruptRecords > 0 ? $", {CorruptRecords:N0} damaged records re-requested" : "") +
        (CheckpointsCompared > 0 ? $", {CheckpointsCompared:N0} state hashes matched" : "") +
        (Alarm is null ? "" : $"; ALARM: {Alarm}");
}
