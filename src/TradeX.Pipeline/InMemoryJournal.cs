using TradeX.Core;

namespace TradeX.Pipeline;

/// <summary>
/// A journal that really records every input, in memory, in pre-allocated chunks (nothing is allocated
/// while appending). Used until the file journal exists, and by tests that replay what was journaled.
/// When full it stops recording (counted in <see cref="Overflowed"/>) rather than allocate or wrap.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly EngineInput[][] _chunks;
    private long _count;
    private long _durable = -1;
    private long _overflowed;

    public InMemoryJournal(long capacity)
    {
        int chunks = (int)Math.Max(1, (capacity + ChunkSize - 1) / ChunkSize);
        _chunks = new EngineInput[chunks][];
        for (int i = 0; i < chunks; i++) _chunks[i] = new EngineInput[ChunkSize];
    }

    public long Capacity => (long)_chunks.Length * ChunkSize;
    public long Count => Volatile.Read(ref _count);
    public long Overflowed => Volatile.Read(ref _overflowed);
    public long DurableSequence => Volatile.Read(ref _durable);

    public void Append(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        long n = _count;
        if (n < Capacity)
        {
            _chunks[n >> ChunkBits][n & (ChunkSize - 1)] = entry.Input;
            Volatile.Write(ref _count, n + 1);
        }
        else
        {
            Volatile.Write(ref _overflowed, _overflowed + 1);
        }
        if (endOfBatch) Volatile.Write(ref _durable, sequence);
    }

    /// <summary>The recorded inputs in order (for replay; call when the pipeline is idle).</summary>
    public IEnumerable<EngineInput> Inputs()
    {
        long count = Count;
        for (long i = 0; i < count; i++) yield return _chunks[i >> ChunkBits][i & (ChunkSize - 1)];
    }
}

/// <summary>Standalone operation: no standby. Every input counts as acknowledged as soon as it is seen.</summary>
public sealed class NoReplication : IReplicator
{
    private long _acknowledged = -1;

    public long AcknowledgedSequence => Volatile.Read(ref _acknowledged);

    public void Replicate(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        if (endOfBatch) Volatile.Write(ref _acknowledged, sequence);
    }
}
