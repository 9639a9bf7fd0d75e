using TradeX.Disruptor;

namespace TradeX.Pipeline;

/// <summary>The journal stage: appends every input in sequence; an I/O implementation flushes once per batch.</summary>
public sealed class JournalStage(IJournal journal) : IEventHandler<InputEntry>
{
    public IJournal Journal { get; } = journal;

    public void OnEvent(ref InputEntry data, long sequence, bool endOfBatch) => Journal.Append(ref data, sequence, endOfBatch);
}

/// <summary>The replication stage: streams every input to the standby, in parallel with the journal.</summary>
public sealed class ReplicationStage(IReplicator replicator) : IEventHandler<InputEntry>
{
    public IReplicator Replicator { get; } = replicator;

    public void OnEvent(ref InputEntry data, long sequence, bool endOfBatch) => Replicator.Replicate(ref data, sequence, endOfBatch);
}
