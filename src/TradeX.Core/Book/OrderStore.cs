namespace TradeX.Core.Book;

/// <summary>
/// A fixed pool of order slots with a free list. Allocating and freeing a slot is O(1) and never
/// touches the heap; when the pool is empty the caller rejects with <see cref="RejectReason.OrderCapacity"/>.
/// </summary>
internal sealed class OrderStore
{
    public const int None = -1;
    public readonly OrderRecord[] Orders;
    private int _freeHead;
    private int _inUse;

    public OrderStore(int capacity)
    {
        Orders = new OrderRecord[capacity];
        for (int i = 0; i < capacity; i++) Orders[i].Next = i + 1 < capacity ? i + 1 : None;
        _freeHead = capacity > 0 ? 0 : None;
    }

    public int Capacity => Orders.Length;
    public int InUse => _inUse;
    public bool IsFull => _freeHead == None;
    public int Available => Orders.Length - _inUse;
    /// <summary>The most slots in use at once since construction (for sizing; not state).</summary>
    public int Peak { get; private set; }
    public long Bytes => (long)Orders.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<OrderRecord>();

    public int Allocate()
    {
        int slot = _freeHead;
        if (slot == None) return None;
        _freeHead = Orders[slot].Next;
        Orders[slot] = default;
        Orders[slot].Level = None;
        Orders[slot].Prev = Orders[slot].Next = None;
        Orders[slot].AccountPrev = Orders[slot].AccountNext = None;
        Orders[slot].ChildHead = Orders[slot].Parent = None;
        if (++_inUse > Peak) Peak = _inUse;
        return slot;
    }

    public void Free(int slot)
    {
        Orders[slot] = default;
        Orders[slot].Next = _freeHead;
        _freeHead = slot;
        _inUse--;
    }

    /// <summary>Frees everything (restore from a snapshot rebuilds the pool).</summary>
    public void Reset()
    {
        for (int i = 0; i < Orders.Length; i++)
        {
            Orders[i] = default;
            Orders[i].Next = i + 1 < Orders.Length ? i + 1 : None;
        }
        _freeHead = Orders.Length > 0 ? 0 : None;
        _inUse = 0;
    }
}
