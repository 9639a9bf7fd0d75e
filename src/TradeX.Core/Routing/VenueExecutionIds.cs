using System.Runtime.CompilerServices;
using TradeX.Core.Collections;

namespace TradeX.Core.Routing;

/// <summary>
/// Exactly-once venue fills: every (venue, execution id) applied or quarantined, with the trading-day ordinal it
/// arrived on, so a resent execution is recognised as a duplicate. Ids are kept for today and yesterday, and
/// longer while an order that was working at a venue when they arrived still works there (or a break holds
/// one), so a long-lived good-till-cancel order's resends stay duplicates for as long as it lives.
/// </summary>
internal sealed class VenueExecutionIds
{
    private readonly OpenHashMap<ExecutionKey> _ids;
    /// <summary>Trading days started (0 before the first StartOfDay).</summary>
    private int _day;
    /// <summary>The sequence of each retained day's StartOfDay, oldest first; the last one started <c>_day</c>.</summary>
    private readonly List<long> _dayStarts = new();

    public VenueExecutionIds(int expectedPerDay) => _ids = new OpenHashMap<ExecutionKey>(2 * expectedPerDay);

    /// <summary>The current trading-day ordinal (0 before the first StartOfDay).</summary>
    public int Day => _day;

    public void PreFault() => _ids.PreFault();

    /// <summary>Ids held now, the most held at once, the table's slots (half of them usable before it grows) and its memory.</summary>
    public int Count => _ids.Count;
    public int Peak => _ids.Peak;
    public int Capacity => _ids.Capacity;
    public long Bytes => _ids.Bytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(ExecutionKey key) => _ids.ContainsKey(key);

    /// <summary>Remembers an execution as seen today (applied, or quarantined as a break).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Remember(ExecutionKey key) => _ids.Set(key, _day);

    /// <summary>The oldest day whose execution ids may still be held (the days retained run from it to <c>_day</c>).</summary>
    private int FirstRetainedDay => _day - _dayStarts.Count + 1;

    /// <summary>
    /// Starts a new day ordinal at input <paramref name="sequence"/> and forgets the ids neither the last two days
    /// nor anything still working since <paramref name="oldestSequenceInUse"/> (long.MaxValue for nothing) need.
    /// </summary>
    public void StartDay(long sequence, long oldestSequenceInUse)
    {
        _day++;
        _dayStarts.Add(sequence);

        int keepFrom = _day - 1;
        if (oldestSequenceInUse != long.MaxValue) keepFrom = Math.Min(keepFrom, DayOf(oldestSequenceInUse));
        int firstRetained = FirstRetainedDay;
        if (keepFrom <= firstRetained) return;
        var kept = new List<(ExecutionKey Key, int Day)>();
        for (int s = 0; s < _ids.Capacity; s++)
            if (_ids.IsUsed(s) && _ids.ValueAt(s) >= keepFrom) kept.Add((_ids.KeyAt(s), _ids.ValueAt(s)));
        _ids.Clear();
        foreach (var (key, day) in kept) _ids.Set(key, day);
        _dayStarts.RemoveRange(0, keepFrom - firstRetained);
    }

    /// <summary>The retained day an input sequence fell in (the first retained day for anything older).</summary>
    private int DayOf(long sequence)
    {
        int first = FirstRetainedDay, day = first;
        for (int i = 1; i < _dayStarts.Count && _dayStarts[i] <= sequence; i++) day = first + i;
        return day;
    }

    // ---- snapshot section: the day, the retained days' starts, then the ids by (venue, id) ----

    public void Save(StateWriter w)
    {
        w.Int(_day);
        w.Int(_dayStarts.Count);
        foreach (long start in _dayStarts) w.Long(start);
        var entries = new List<(ExecutionKey Key, int Day)>(_ids.Count);
        for (int s = 0; s < _ids.Capacity; s++)
            if (_ids.IsUsed(s)) entries.Add((_ids.KeyAt(s), _ids.ValueAt(s)));
        entries.Sort(static (a, b) =>
        {
            ExecutionKey x = a.Key, y = b.Key;
            int c = x.Venue.CompareTo(y.Venue);
            if (c != 0) return c;
            x.ExecutionId.GetParts(out ulong xa, out ulong xb, out ulong xc, out ulong xd);
            y.ExecutionId.GetParts(out ulong ya, out ulong yb, out ulong yc, out ulong yd);
            c = xa.CompareTo(ya);
            if (c == 0) c = xb.CompareTo(yb);
            if (c == 0) c = xc.CompareTo(yc);
            if (c == 0) c = xd.CompareTo(yd);
            return c;
        });
        w.Int(entries.Count);
        foreach (var (k, day) in entries)
        {
            w.Int(k.Venue);
            w.Execution(k.ExecutionId);
            w.Int(day);
        }
    }

    public void Load(StateReader r)
    {
        _day = r.Int();
        int dayStarts = r.Count(8);
        if (dayStarts > _day) throw new InvalidDataException($"snapshot corrupt: {dayStarts} retained day starts after only {_day} trading days");
        for (int i = 0; i < dayStarts; i++) _dayStarts.Add(r.Long());
        int n = r.Count(40);
        for (int i = 0; i < n; i++) _ids.Set(new ExecutionKey(r.Int(), r.Execution()), r.Int());
    }
}
