using TradeX.Pipeline;

namespace TradeX.Gateway.Tests.Support;

/// <summary>A journal a test can stall: while closed, the journal stage waits, so the input ring fills behind it.</summary>
public sealed class GatedJournal : IJournal
{
    private readonly InMemoryJournal _inner = new(1 << 16);
    private readonly ManualResetEventSlim _open = new(true);

    public long DurableSequence => _inner.DurableSequence;

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    public void Append(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        _open.Wait();
        _inner.Append(ref entry, sequence, endOfBatch);
    }
}
