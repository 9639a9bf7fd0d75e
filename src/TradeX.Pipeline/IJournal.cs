namespace TradeX.Pipeline;

/// <summary>
/// Where the journal stage puts every input, in sequence, before any response for it is released.
/// Called on the journal stage's thread; <paramref name="endOfBatch"/> marks the last input currently
/// available, so an implementation writes once per batch and syncs by policy.
/// </summary>
public interface IJournal
{
    void Append(ref InputEntry entry, long sequence, bool endOfBatch);

    /// <summary>The highest sequence appended (and, for a durable journal, durable per its policy); -1 before the first.</summary>
    long DurableSequence { get; }

    /// <summary>
    /// Group commit: the ring sequence up to which inputs are on stable storage, advanced by the journal's sync thread while
    /// the journal stage goes on writing. The engine stage is gated on it, so no response for input N exists before N is
    /// synced. Null (the default) when the journal stage itself finishes an input only once it is durable.
    /// </summary>
    TradeX.Disruptor.Sequence? ReleaseGate => null;

    /// <summary>Called once the engine stage exists: what to call after advancing <see cref="ReleaseGate"/>.</summary>
    void BindEngineWake(Action wake)
    {
    }
}

/// <summary>
/// What the replication stage sends each input to (a hot standby). Called on the replication stage's
/// thread; <see cref="AcknowledgedSequence"/> is the highest input the standby has acknowledged.
/// </summary>
public interface IReplicator
{
    void Replicate(ref InputEntry entry, long sequence, bool endOfBatch);

    long AcknowledgedSequence { get; }

    /// <summary>
    /// Synchronous replication: the ring sequence up to which a standby has made inputs durable. The engine stage is gated
    /// on it besides the journal and replication stages, so no response for input N is produced before the standby holds N.
    /// Null (the default) when responses need not wait for a standby.
    /// </summary>
    TradeX.Disruptor.Sequence? ReleaseGate => null;

    /// <summary>Called once the engine stage exists: what to call after advancing <see cref="ReleaseGate"/>, to wake the engine wherever it waits.</summary>
    void BindEngineWake(Action wake)
    {
    }
}
