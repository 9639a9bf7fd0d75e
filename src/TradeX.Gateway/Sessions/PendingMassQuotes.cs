namespace TradeX.Gateway.Sessions;

/// <summary>One MassQuote on its way through the engine: the entries' outcomes as they come back.</summary>
internal sealed class PendingMassQuote(int maxEntries)
{
    public ulong QuoteId;
    public uint Account;
    public int EntryCount;
    public readonly int[] SecurityIds = new int[maxEntries];
    public readonly byte[] Statuses = new byte[maxEntries];
    public readonly ushort[] Reasons = new ushort[maxEntries];
    /// <summary>Entries published to the engine; -1 while the I/O thread is still publishing.</summary>
    public int Published;
    /// <summary>QuoteStatus events received so far (written by the output thread).</summary>
    public int Received;
    /// <summary>1 once one thread has claimed the right to send the MassQuoteAck.</summary>
    public int Completed;
}

/// <summary>
/// The MassQuotes of one session whose entries are in the engine, oldest first. A MassQuote becomes one
/// Quote input per entry; each gives exactly one QuoteStatus, in order, so the oldest pending quote is
/// the one the next status belongs to. The I/O thread adds a quote before publishing its first entry
/// and then says how many entries it published (the rest were refused as busy); the output thread
/// records statuses. Whichever thread sees the last status and the final count together claims the
/// acknowledgement (a compare-and-swap), so it is sent exactly once. Completed quotes leave the head
/// by compare-and-swap from either thread, so a quote with no published entry cannot block the queue.
/// </summary>
internal sealed class PendingMassQuotes
{
    private readonly PendingMassQuote[] _slots;
    private readonly int _mask;
    private long _head;
    private long _tail;

    public PendingMassQuotes(int capacity, int maxEntries)
    {
        int size = 1;
        while (size < capacity) size <<= 1;
        _slots = new PendingMassQuote[size];
        for (int i = 0; i < size; i++) _slots[i] = new PendingMassQuote(maxEntries);
        _mask = size - 1;
    }

    /// <summary>I/O thread: a free slot for a new quote, or null when the queue is full of unanswered quotes.</summary>
    public PendingMassQuote? TryBegin()
    {
        long tail = _tail;
        while (tail - Volatile.Read(ref _head) >= _slots.Length)
        {
            if (!TryRetireHead()) return null;
        }
        var slot = _slots[tail & _mask];
        slot.Published = -1;
        slot.Received = 0;
        slot.Completed = 0;
        return slot;
    }

    /// <summary>I/O thread: makes the slot from <see cref="TryBegin"/> visible to the output thread (before its first entry is published).</summary>
    public void Commit() => Volatile.Write(ref _tail, _tail + 1);

    /// <summary>I/O thread: all entries that will be published are; true when this thread must send the acknowledgement.</summary>
    public static bool Finish(PendingMassQuote quote, int published)
    {
        Interlocked.Exchange(ref quote.Published, published);
        return Volatile.Read(ref quote.Received) == published && Interlocked.CompareExchange(ref quote.Completed, 1, 0) == 0;
    }

    /// <summary>Output thread: the quote the next QuoteStatus belongs to, or null when none is pending.</summary>
    public PendingMassQuote? Current()
    {
        while (true)
        {
            long head = Volatile.Read(ref _head);
            if (head == Volatile.Read(ref _tail)) return null;
            var slot = _slots[head & _mask];
            if (Volatile.Read(ref slot.Completed) == 0) return slot;
            Interlocked.CompareExchange(ref _head, head + 1, head);
        }
    }

    /// <summary>Output thread: records one entry's outcome; true when this thread must send the acknowledgement (and the quote is retired).</summary>
    public bool Record(PendingMassQuote quote, byte status, ushort reason)
    {
        int index = quote.Received;
        if (index < quote.EntryCount)
        {
            quote.Statuses[index] = status;
            quote.Reasons[index] = reason;
        }
        int received = Interlocked.Increment(ref quote.Received);
        if (Volatile.Read(ref quote.Published) != received || Interlocked.CompareExchange(ref quote.Completed, 1, 0) != 0) return false;
        return true;
    }

    /// <summary>Output thread, after sending the acknowledgement it claimed: the quote leaves the queue.</summary>
    public void Retire(PendingMassQuote quote)
    {
        long head = Volatile.Read(ref _head);
        if (_slots[head & _mask] == quote) Interlocked.CompareExchange(ref _head, head + 1, head);
    }

    private bool TryRetireHead()
    {
        long head = Volatile.Read(ref _head);
        if (Volatile.Read(ref _slots[head & _mask].Completed) == 0) return false;
        Interlocked.CompareExchange(ref _head, head + 1, head);
        return true;
    }
}
