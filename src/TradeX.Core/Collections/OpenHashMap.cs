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
    /// <summary>Key, value and occupancy side by side: one probe touches one cache line, not three.</summary>
    private struct Entry
    {
        public TKey Key;
        public int Value;
        public bool Used;
    }

    private Entry[] _entries;
    private int _mask;
    private int _count;

    public OpenHashMap(int expectedCount)
    {
        int capacity = 16;
        while (capacity < expectedCount * 2L && capacity < (1 << 30)) capacity <<= 1;
        _entries = new Entry[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;
    public int Capacity => _entries.Length;
    /// <summary>How many times the table had to grow (each one an allocation).</summary>
    public int Growths { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(in TKey key) => (int)key.Hash64() & _mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(in TKey key)
    {
        var entries = _entries;
        int i = Home(key);
        while (entries[i].Used)
        {
            if (entries[i].Key.Equals(key)) return i;
            i = (i + 1) & _mask;
        }
        return ~i;
    }

    public bool TryGetValue(in TKey key, out int value)
    {
        int i = Find(key);
        if (i >= 0)
        {
            value = _entries[i].Value;
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
            _entries[i].Value = value;
            return;
        }
        Insert(~i, key, value);
    }

    private void Insert(int slot, in TKey key, int value)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
            slot = ~Find(key);
        }
        ref Entry e = ref _entries[slot];
        e.Key = key;
        e.Value = value;
        e.Used = true;
        _count++;
    }

    public bool Remove(in TKey key)
    {
        int i = Find(key);
        if (i < 0) return false;
        var entries = _entries;
        // Backward-shift deletion: move later members of the probe run into the hole when their
        // home slot does not lie cyclically in (hole, current].
        int hole = i;
        int j = (i + 1) & _mask;
        while (entries[j].Used)
        {
            int home = Home(entries[j].Key);
            bool homeInRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!homeInRange)
            {
                entries[hole] = entries[j];
                hole = j;
            }
            j = (j + 1) & _mask;
        }
        entries[hole] = default;
        _count--;
        return true;
    }

    /// <summary>Commits the table's memory now (see <see cref="PageToucher"/>).</summary>
    public void PreFault() => PageToucher.Touch(_entries);

    public void Clear()
    {
        Array.Clear(_entries);
        _count = 0;
    }

    /// <summary>Slot access for iteration (snapshots, state hashing, sweeps): check <see cref="IsUsed"/> first.</summary>
    public bool IsUsed(int slot) => _entries[slot].Used;
    public TKey KeyAt(int slot) => _entries[slot].Key;
    public int ValueAt(int slot) => _entries[slot].Value;

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        Growths++;
        foreach (ref readonly Entry e in old.AsSpan())
        {
            if (!e.Used) continue;
            int i = Home(e.Key);
            while (_entries[i].Used) i = (i + 1) & _mask;
            _entries[i] = e;
        }
    }
}
