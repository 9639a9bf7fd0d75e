namespace TradeX.Core.Routing;

/// <summary>
/// Open fill breaks: venue fills quarantined because they were worse than the order's limit or came for an
/// order that had ended at the venue. Nothing of a break is applied until an operator books it; busting closes
/// it. Breaks are rare, so they are a short list in id order (linear lookups are cheaper than an index here).
/// </summary>
internal sealed class FillBreakBook
{
    internal struct Break
    {
        public long Id;
        /// <summary>The sequence of the fill input that opened it (which trading day its execution id belongs to).</summary>
        public long Sequence;
        public ExecutionId ExecutionId;
        public long OrderId;
        public ulong ClientOrderId;
        public long Quantity;
        public long Price;
        public int Venue;
        public int PositionIndex;
        public Side Side;
        public RejectReason Reason;
    }

    private readonly List<Break> _open;

    public FillBreakBook(int capacity)
    {
        Capacity = capacity;
        _open = new List<Break>(capacity);
    }

    /// <summary>Open breaks at once (pre-allocated); <see cref="IsFull"/> beyond it.</summary>
    public int Capacity { get; }

    public bool IsFull => _open.Count >= Capacity;

    /// <summary>The id the next break gets (ids are never reused).</summary>
    public long NextId { get; private set; } = 1;

    public int Count => _open.Count;
    public long Bytes => (long)Capacity * System.Runtime.CompilerServices.Unsafe.SizeOf<Break>();

    public Break this[int index] => _open[index];

    public long Open(in Break b)
    {
        var opened = b;
        opened.Id = NextId++;
        _open.Add(opened);
        return opened.Id;
    }

    public int IndexOf(long id)
    {
        for (int i = 0; i < _open.Count; i++)
            if (_open[i].Id == id) return i;
        return -1;
    }

    public void RemoveAt(int index) => _open.RemoveAt(index);

    /// <summary>The sequence of the oldest open break's fill, or long.MaxValue when none is open.</summary>
    public long OldestSequence => _open.Count == 0 ? long.MaxValue : _open[0].Sequence;

    internal void Save(StateWriter w)
    {
        w.Long(NextId);
        w.Int(_open.Count);
        foreach (var b in _open)
        {
            w.Long(b.Id);
            w.Long(b.Sequence);
            w.Execution(b.ExecutionId);
            w.Long(b.OrderId);
            w.ULong(b.ClientOrderId);
            w.Long(b.Quantity);
            w.Long(b.Price);
            w.Int(b.Venue);
            w.Int(b.PositionIndex);
            w.Byte((byte)b.Side);
            w.Short((short)b.Reason);
        }
    }

    internal void Load(StateReader r, int positions)
    {
        NextId = r.Long();
        int n = r.Count(91); // 8 + 8 + 32 + 8 + 8 + 8 + 8 + 4 + 4 + 1 + 2
        if (n > Capacity) throw new InvalidDataException($"snapshot holds {n} open breaks; this engine is configured for {Capacity}");
        long previous = 0;
        for (int i = 0; i < n; i++)
        {
            var b = new Break
            {
                Id = r.Long(), Sequence = r.Long(), ExecutionId = r.Execution(), OrderId = r.Long(), ClientOrderId = r.ULong(),
                Quantity = r.Long(), Price = r.Long(), Venue = r.Int(), PositionIndex = r.Int(), Side = (Side)r.Byte(), Reason = (RejectReason)r.Short(),
            };
            if (b.Id <= previous || b.Id >= NextId) throw new InvalidDataException($"snapshot corrupt: break {b.Id} out of order");
            if (b.PositionIndex < 0 || b.PositionIndex >= positions) throw new InvalidDataException($"snapshot corrupt: break {b.Id} names position {b.PositionIndex}");
            previous = b.Id;
            _open.Add(b);
        }
    }
}
