using System.Runtime.CompilerServices;

namespace TradeX.Core.Collections;

/// <summary>
/// A key → int map with open addressing and linear probing over pre-allocated arrays: lookups,
/// inserts and removes allocate nothing while the map stays within its capacity. Deletion shifts
/// later entries back (no tombstones), so a long-lived map does not degrade.
/// </summary>
/// <remarks>
/// Use for the engine's indexes (order id → slot, client order id → slot, …). Iteration order is a
/// function of the keys and the history of inserts and removes, so it is deterministic for a given
/// input sequence, but callers that hash or serialise state sort first.
/// Past half full the table doubles (an allocation, counted in <see cref="Growths"/>); size the
/// initial capacity for the day so that never happens in steady state.
/// </remarks>
public sealed class OpenHashMap<TKey> where TKey : struct, IHashKey<TKey>
{
    private TKey[] _keys;
    private int[] _values;
    private bool[] _used;
    private int _mask;
    private int _count;

    public OpenHashMap(int expectedCount)
    {
        int capacity = 16;
        while (capacity < expectedCount * 2L && capacity < (1 << 30)) capacity <<= 1;
        _keys = new TKey[capacity];
        _values = new int[capacity];
        _used = new bool[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;
    public int Capacity => _keys.Length;
    /// <summary>How many times the table had to grow (each one an allocation).</summary>
    public int Growths { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(in TKey key) => (int)key.Hash64() & _mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(in TKey key)
    {
        int i = Home(key);
        while (_used[i])
        {
            if (_keys[i].Equals(key)) return i;
            i = (i + 1) & _mask;
        }
        return ~i;
    }

    public bool TryGetValue(in TKey key, out int value)
    {
        int i = Find(key);
        if (i >= 0)
        {
            value = _values[i];
            return true;
        }
        value = 0;
        return false;
    }

    public bool ContainsKey(in TKey key) => Find(key) >= 0;

    /// <summary>Adds the key; false (and nothing changes) when it is already present.</summary>
    public bool TryAdd(in TKey key, int value)
    {
        int i = Find(key);
        if (i >= 0) return false;
        Insert(~i, key, value);
        return true;
    }

    /// <summary>Adds or overwrites.</summary>
    public void Set(in TKey key, int value)
    {
        int i = Find(key);
        if (i >= 0)
        {
            _values[i] = value;
            return;
        }
        Insert(~i, key, value);
    }

    private void Insert(int slot, in TKey key, int value)
    {
        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
            slot = ~Find(key);
        }
        _keys[slot] = key;
        _values[slot] = value;
        _used[slot] = true;
        _count++;
    }

    public bool Remove(in TKey key)
    {
        int i = Find(key);
        if (i < 0) return false;
        // Backward-shift deletion: move later members of the probe run into the hole when their
        // home slot does not lie cyclically in (hole, current].
        int hole = i;
        int j = (i + 1) & _mask;
        while (_used[j])
        {
            int home = Home(_keys[j]);
            bool homeInRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeInRange)
            {
                _keys[hole] = _keys[j];
                _values[hole] = _values[j];
                hole = j;
            }
            j = (j + 1) & _mask;
        }
        _used[hole] = false;
        _keys[hole] = default;
        _values[hole] = 0;
        _count--;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_values);
        Array.Clear(_used);
        _count = 0;
    }

    /// <summary>Slot access for iteration (snapshots, state hashing, sweeps): check <see cref="IsUsed"/> first.</summary>
    public bool IsUsed(int slot) => _used[slot];
    public TKey KeyAt(int slot) => _keys[slot];
    public int ValueAt(int slot) => _values[slot];

    private void Grow()
    {
        var oldKeys = _keys;
        var oldValues = _values;
        var oldUsed = _used;
        int capacity = oldKeys.Length * 2;
        _keys = new TKey[capacity];
        _values = new int[capacity];
        _used = new bool[capacity];
        _mask = capacity - 1;
        Growths++;
        for (int s = 0; s < oldKeys.Length; s++)
        {
            if (!oldUsed[s]) continue;
            int i = Home(oldKeys[s]);
            while (_used[i]) i = (i + 1) & _mask;
            _keys[i] = oldKeys[s];
            _values[i] = oldValues[s];
            _used[i] = true;
        }
    }
}
