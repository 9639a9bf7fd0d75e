using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TradeX.Core.Collections;

/// <summary>
/// A key → int map with open addressing and linear probing over pre-allocated arrays: lookups,
/// inserts and removes allocate nothing while the map stays within its capacity. Deletion shifts
/// later entries back (no tombstones), so a long-lived map does not degrade. Values run from
/// <see cref="MinValue"/> (-1, "none") to int.MaxValue - 2: slots, indexes and day numbers.
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
    /// <summary>
    /// Key and value side by side: one probe touches one cache line, not two. Occupancy is the value's encoding
    /// (<see cref="Stored"/> is never 0 for a value the engine stores), not a flag of its own: a flag would take the
    /// slot of a 12-byte key plus an int from 16 bytes to 20 (24 for an 8-byte aligned key), a quarter to a third
    /// more memory for the largest table (the day's client order ids).
    /// </summary>
    private struct Entry
    {
        public TKey Key;
        /// <summary>The value + 2; 0 = empty slot.</summary>
        public int Stored;

        public readonly bool Used => Stored != 0;
        public readonly int Value => Stored - 2;
    }

    /// <summary>Values the map can hold: from -1 (the engine's "none" slot) up.</summary>
    public const int MinValue = -1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Encode(int value)
    {
        Debug.Assert(value is >= MinValue and <= int.MaxValue - 2, "OpenHashMap values run from -1 to int.MaxValue - 2");
        return value + 2;
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
    /// <summary>The most keys held at once since construction (for sizing; not state).</summary>
    public int Peak { get; private set; }
    /// <summary>Memory the table holds.</summary>
    public long Bytes => (long)_entries.Length * Unsafe.SizeOf<Entry>();
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
            _entries[i].Stored = Encode(value);
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
        e.Stored = Encode(value);
        if (++_count > Peak) Peak = _count;
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
