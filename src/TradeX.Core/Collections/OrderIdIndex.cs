namespace TradeX.Core.Collections;

/// <summary>
/// Order id → order slot. Order ids are handed out in sequence, so a table indexed directly by
/// <c>id &amp; mask</c> is filled and read almost sequentially (cache-friendly, no hashing) and live
/// orders rarely collide; the rare collision (a long-lived order whose id is a multiple of the table
/// size away from a new one) goes to an overflow hash map. Allocation-free within capacity.
/// </summary>
internal sealed class OrderIdIndex
{
    private struct Entry
    {
        public long OrderId;
        public int Slot;
    }

    private readonly Entry[] _direct;
    private readonly long _mask;
    private readonly OpenHashMap<LongKey> _overflow;

    public OrderIdIndex(int capacity)
    {
        int size = 16;
        while (size < capacity * 2L && size < (1 << 30)) size <<= 1;
        _direct = new Entry[size];
        _mask = size - 1;
        // Sized for every live order colliding, so it can never grow (allocate) in steady state.
        _overflow = new OpenHashMap<LongKey>(capacity);
    }

    public int OverflowCount => _overflow.Count;

    /// <summary>Memory the direct table and the overflow map hold.</summary>
    public long Bytes => (long)_direct.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<Entry>() + _overflow.Bytes;

    public void Add(long orderId, int slot)
    {
        ref Entry e = ref _direct[orderId & _mask];
        if (e.OrderId == 0)
        {
            e.OrderId = orderId;
            e.Slot = slot;
        }
        else
        {
            _overflow.Set(new LongKey(orderId), slot);
        }
    }

    public bool TryGet(long orderId, out int slot)
    {
        if (orderId <= 0)
        {
            slot = 0;
            return false;
        }
        ref Entry e = ref _direct[orderId & _mask];
        if (e.OrderId == orderId)
        {
            slot = e.Slot;
            return true;
        }
        return _overflow.TryGetValue(new LongKey(orderId), out slot);
    }

    public void Remove(long orderId)
    {
        ref Entry e = ref _direct[orderId & _mask];
        if (e.OrderId == orderId) e = default;
        else _overflow.Remove(new LongKey(orderId));
    }

    public void PreFault()
    {
        PageToucher.Touch(_direct);
        _overflow.PreFault();
    }
}
