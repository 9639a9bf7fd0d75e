namespace TradeX.Gateway.Sessions;

/// <summary>
/// Order quantity by engine order id for the gateway's open orders and quote sides, so a fill's
/// execution report can carry the cumulative quantity (quantity − leaves), which the engine's Trade
/// event does not. Open addressing with linear probing and backward-shift deletion; owned by the output
/// thread. It doubles (an allocation, counted in <see cref="Growths"/>) only past its configured load.
/// </summary>
internal sealed class OrderQuantityTable
{
    private long[] _keys;
    private long[] _values;
    private int _mask;
    private int _shift;
    private int _count;

    public OrderQuantityTable(int capacity)
    {
        int size = 16;
        while (size < capacity * 2) size <<= 1;
        _keys = new long[size];
        _values = new long[size];
        _mask = size - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public int Count => _count;
    public int Growths { get; private set; }

    public void Set(long orderId, long quantity)
    {
        if (orderId == 0) return;
        if ((_count + 1) * 2 > _keys.Length) Grow();
        int i = Index(orderId);
        while (_keys[i] != 0 && _keys[i] != orderId) i = (i + 1) & _mask;
        if (_keys[i] == 0) _count++;
        _keys[i] = orderId;
        _values[i] = quantity;
    }

    public bool TryGet(long orderId, out long quantity)
    {
        int i = Index(orderId);
        while (_keys[i] != 0)
        {
            if (_keys[i] == orderId)
            {
                quantity = _values[i];
                return true;
            }
            i = (i + 1) & _mask;
        }
        quantity = 0;
        return false;
    }

    public void Remove(long orderId)
    {
        int i = Index(orderId);
        while (_keys[i] != orderId)
        {
            if (_keys[i] == 0) return;
            i = (i + 1) & _mask;
        }
        _count--;
        // Backward-shift: move later members of the probe run into the hole so lookups never stop early.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (_keys[j] == 0) break;
            int home = Index(_keys[j]);
            bool movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (!movable) continue;
            _keys[hole] = _keys[j];
            _values[hole] = _values[j];
            hole = j;
        }
        _keys[hole] = 0;
        _values[hole] = 0;
    }

    // Fibonacci hashing: the top bits of the product spread consecutive order ids over the table.
    private int Index(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        _keys = new long[keys.Length * 2];
        _values = new long[keys.Length * 2];
        _mask = _keys.Length - 1;
        _shift--;
        _count = 0;
        Growths++;
        for (int i = 0; i < keys.Length; i++)
            if (keys[i] != 0) Set(keys[i], values[i]);
    }
}
