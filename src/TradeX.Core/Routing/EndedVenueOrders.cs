using TradeX.Core.Collections;

namespace TradeX.Core.Routing;

/// <summary>
/// Orders that ended at a venue (directed orders and smart-routing children, filled, cancelled, rejected or
/// expired there), remembered for the same trading days as venue execution ids. A fill that names one came
/// late: it is a break for an operator to book or bust, not a fill of an unknown order to refuse. Entries live
/// in one pre-sized array indexed by order id; forgetting old days compacts it in place.
/// </summary>
internal sealed class EndedVenueOrders
{
    internal struct Entry
    {
        public long OrderId;
        public ulong ClientOrderId;
        public int Venue;
        public int PositionIndex;
        public int Day;
        public Side Side;
    }

    private readonly OpenHashMap<LongKey> _index;
    private Entry[] _entries;
    private int _count;

    public EndedVenueOrders(int expected)
    {
        _index = new OpenHashMap<LongKey>(expected);
        _entries = new Entry[Math.Max(16, expected)];
    }

    public int Count => _count;
    public int Capacity => _entries.Length;
    public long Bytes => (long)_entries.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<Entry>() + _index.Bytes;

    /// <summary>Times the entry array had to grow (an allocation, like the indexes' growths).</summary>
    public int Growths { get; private set; }

    public void PreFault()
    {
        _index.PreFault();
        PageToucher.Touch(_entries);
    }

    public void Add(long orderId, ulong clientOrderId, int venue, int positionIndex, Side side, int day)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
            Growths++;
        }
        _entries[_count] = new Entry { OrderId = orderId, ClientOrderId = clientOrderId, Venue = venue, PositionIndex = positionIndex, Side = side, Day = day };
        _index.Set(new LongKey(orderId), _count++);
    }

    public bool TryGet(long orderId, out Entry entry)
    {
        if (_index.TryGetValue(new LongKey(orderId), out int slot))
        {
            entry = _entries[slot];
            return true;
        }
        entry = default;
        return false;
    }

    /// <summary>Forgets orders that ended before <paramref name="firstDay"/>.</summary>
    public void Retain(int firstDay)
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
            if (_entries[i].Day >= firstDay) _entries[kept++] = _entries[i];
        if (kept == _count) return;
        _count = kept;
        _index.Clear();
        for (int i = 0; i < _count; i++) _index.Set(new LongKey(_entries[i].OrderId), i);
    }

    /// <summary>Writes the entries in order-id order (they are added in the order orders end, which is history).</summary>
    internal void Save(StateWriter w)
    {
        var order = new int[_count];
        for (int i = 0; i < _count; i++) order[i] = i;
        Array.Sort(order, (x, y) => _entries[x].OrderId.CompareTo(_entries[y].OrderId));
        w.Int(_count);
        foreach (int i in order)
        {
            ref Entry e = ref _entries[i];
            w.Long(e.OrderId);
            w.ULong(e.ClientOrderId);
            w.Int(e.Venue);
            w.Int(e.PositionIndex);
            w.Int(e.Day);
            w.Byte((byte)e.Side);
        }
    }

    internal void Load(StateReader r, int positions)
    {
        int n = r.Count(29); // id 8 + client id 8 + venue 4 + position 4 + day 4 + side 1
        for (int i = 0; i < n; i++)
        {
            long orderId = r.Long();
            ulong clientOrderId = r.ULong();
            int venue = r.Int();
            int position = r.Int();
            int day = r.Int();
            var side = (Side)r.Byte();
            if (position < 0 || position >= positions) throw new InvalidDataException($"snapshot corrupt: ended venue order {orderId} names position {position}");
            if (TryGet(orderId, out _)) throw new InvalidDataException($"snapshot corrupt: ended venue order {orderId} twice");
            Add(orderId, clientOrderId, venue, position, side, day);
        }
    }
}
