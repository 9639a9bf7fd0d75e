using System.Diagnostics;
using TradeX.Disruptor;

namespace TradeX.Pipeline;

/// <summary>
/// The journal stage: appends every input in sequence; an I/O implementation flushes once per batch. Given
/// the ring, it stamps each measured input of a batch with the time the batch became durable, so the
/// response's latency can be split hop by hop (<see cref="HopLatencies"/>).
/// </summary>
public sealed class JournalStage(IJournal journal, RingBuffer<InputEntry>? ring = null) : IEventHandler<InputEntry>
{
    private long _batchStart = -1;
    private bool _batchMeasured;

    public IJournal Journal { get; } = journal;

    public void OnEvent(ref InputEntry data, long sequence, bool endOfBatch)
    {
        if (_batchStart < 0) _batchStart = sequence;
        _batchMeasured |= data.Measure;
        Journal.Append(ref data, sequence, endOfBatch);
        if (!endOfBatch) return;
        if (_batchMeasured && ring is not null)
        {
            long durable = Stopwatch.GetTimestamp();
            for (long s = _batchStart; s <= sequence; s++)
            {
                ref InputEntry entry = ref ring[s];
                if (entry.Measure) entry.DurableTicks = durable;
            }
        }
        _batchStart = -1;
        _batchMeasured = false;
    }
}

/// <summary>The replication stage: streams every input to the standby, in parallel with the journal.</summary>
public sealed class ReplicationStage(IReplicator replicator) : IEventHandler<InputEntry>
{
    public IReplicator Replicator { get; } = replicator;

    public void OnEvent(ref InputEntry data, long sequence, bool endOfBatch) => Replicator.Replicate(ref data, sequence, endOfBatch);
}
