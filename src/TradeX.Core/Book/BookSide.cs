namespace TradeX.Core.Book;

/// <summary>A price level: a FIFO of resting orders at one price, linked through <see cref="OrderRecord"/>.</summary>
internal struct LevelRecord
{
    public long Price;
    public long TotalQuantity;
    public int OrderCount;
    public int Head;
    public int Tail;
    public int NextFree;
}

/// <summary>
/// One side of a price-time priority book. Levels live in a pool; the occupied levels are kept in
/// two parallel arrays sorted by priority key (price for bids, −price for asks) with the best level
/// at the end, so the best level is read in O(1), levels near the top (where most activity is) are
/// inserted and removed by shifting a few entries, and any price is found by binary search.
/// </summary>
internal sealed class BookSide
{
    private readonly OrderRecord[] _orders;
    public readonly bool IsBid;
    public LevelRecord[] Levels;
    private int _levelFree;
    private long[] _keys;
    private int[] _slots;
    private int _count;

    public BookSide(bool isBid, OrderRecord[] orders, int initialLevels)
    {
        IsBid = isBid;
        _orders = orders;
        int n = Math.Max(4, initialLevels);
        Levels = new LevelRecord[n];
        _keys = new long[n];
        _slots = new int[n];
        InitFree(0, n);
    }

    /// <summary>Occupied levels.</summary>
    public int LevelCount => _count;

    /// <summary>Level pool growths (each an allocation); pre-size with <see cref="EngineOptions.InitialLevelsPerSide"/>.</summary>
    public int Growths { get; private set; }

    private void InitFree(int from, int to)
    {
        for (int i = from; i < to; i++) Levels[i].NextFree = i + 1 < to ? i + 1 : OrderStore.None;
        _levelFree = from < to ? from : OrderStore.None;
    }

    private long Key(long price) => IsBid ? price : -price;

    /// <summary>The best level's slot, or -1 when the side is empty.</summary>
    public int Best => _count == 0 ? OrderStore.None : _slots[_count - 1];

    /// <summary>The level slot at depth <paramref name="depth"/> from the best (0 = best).</summary>
    public int AtDepth(int depth) => depth < _count ? _slots[_count - 1 - depth] : OrderStore.None;

    /// <summary>True when a resting price on this side is at least as good as <paramref name="limit"/> from the aggressor's view.</summary>
    public bool Crosses(long levelPrice, long limit) => IsBid ? levelPrice >= limit : levelPrice <= limit;

    private int Search(long key)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long k = _keys[mid];
            if (k == key) return mid;
            if (k < key) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>Appends an order at the back of its price level (creating the level if needed).</summary>
    public void Append(int orderSlot)
    {
        ref OrderRecord o = ref _orders[orderSlot];
        long key = Key(o.Price);
        int pos = Search(key);
        int level;
        if (pos >= 0)
        {
            level = _slots[pos];
        }
        else
        {
            level = NewLevel(o.Price);
            InsertAt(~pos, key, level);
        }
        ref LevelRecord l = ref Levels[level];
        o.Level = level;
        o.Next = OrderStore.None;
        o.Prev = l.Tail;
        if (l.Tail != OrderStore.None) _orders[l.Tail].Next = orderSlot;
        else l.Head = orderSlot;
        l.Tail = orderSlot;
        l.OrderCount++;
        l.TotalQuantity += o.Leaves;
    }

    /// <summary>Unlinks a resting order; removes its level when it was the last one there.</summary>
    public void Remove(int orderSlot)
    {
        ref OrderRecord o = ref _orders[orderSlot];
        int level = o.Level;
        ref LevelRecord l = ref Levels[level];
        if (o.Prev != OrderStore.None) _orders[o.Prev].Next = o.Next;
        else l.Head = o.Next;
        if (o.Next != OrderStore.None) _orders[o.Next].Prev = o.Prev;
        else l.Tail = o.Prev;
        l.OrderCount--;
        l.TotalQuantity -= o.Leaves;
        o.Level = OrderStore.None;
        o.Prev = o.Next = OrderStore.None;
        if (l.OrderCount == 0) RemoveLevel(level);
    }

    /// <summary>Reduces a resting order's leaves in place (a fill or a quantity-down replace keeps its place).</summary>
    public void Reduce(int orderSlot, long by)
    {
        ref OrderRecord o = ref _orders[orderSlot];
        Levels[o.Level].TotalQuantity -= by;
        o.Leaves -= by;
    }

    private int NewLevel(long price)
    {
        if (_levelFree == OrderStore.None) GrowLevels();
        int slot = _levelFree;
        ref LevelRecord l = ref Levels[slot];
        _levelFree = l.NextFree;
        l = default;
        l.Price = price;
        l.Head = l.Tail = OrderStore.None;
        l.NextFree = OrderStore.None;
        return slot;
    }

    private void RemoveLevel(int level)
    {
        int pos = Search(Key(Levels[level].Price));
        // Shift the better levels down by one (the best is at the end, so removing near the top is cheap).
        Array.Copy(_keys, pos + 1, _keys, pos, _count - pos - 1);
        Array.Copy(_slots, pos + 1, _slots, pos, _count - pos - 1);
        _count--;
        Levels[level] = default;
        Levels[level].NextFree = _levelFree;
        _levelFree = level;
    }

    private void InsertAt(int pos, long key, int level)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _slots, _slots.Length * 2);
        }
        Array.Copy(_keys, pos, _keys, pos + 1, _count - pos);
        Array.Copy(_slots, pos, _slots, pos + 1, _count - pos);
        _keys[pos] = key;
        _slots[pos] = level;
        _count++;
    }

    private void GrowLevels()
    {
        int old = Levels.Length;
        Array.Resize(ref Levels, old * 2);
        InitFree(old, old * 2);
        if (_keys.Length < Levels.Length)
        {
            Array.Resize(ref _keys, Levels.Length);
            Array.Resize(ref _slots, Levels.Length);
        }
        Growths++;
    }
}
