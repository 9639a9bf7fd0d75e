namespace TradeX.Core.Risk;

/// <summary>
/// Market-maker protection of one participant in one instrument: a sliding window (engine time) of the
/// fills of its quotes. It trips when the filled quantity or the number of fills inside the window
/// exceeds its bounds, and stays tripped until the participant resets it.
/// </summary>
internal sealed class Protection
{
    public long WindowNanos;
    public long MaxQuantity;
    public int MaxCount;
    /// <summary>True when the settings come from the participant's default (instrument 0) and follow it.</summary>
    public bool FromDefault;
    public bool Tripped;
    private long[] _times = new long[16];
    private long[] _quantities = new long[16];
    private int _head;
    private int _count;

    public bool Enabled => WindowNanos > 0 && (MaxQuantity > 0 || MaxCount > 0);

    /// <summary>Records a fill; true when it makes the protection trip (it was not tripped before).</summary>
    public bool RecordFill(long now, long quantity, out long windowQuantity, out int windowCount)
    {
        Expire(now);
        if (_count == _times.Length) Grow();
        int at = (_head + _count) % _times.Length;
        _times[at] = now;
        _quantities[at] = quantity;
        _count++;
        windowQuantity = 0;
        for (int i = 0; i < _count; i++) windowQuantity += _quantities[(_head + i) % _times.Length];
        windowCount = _count;
        if (Tripped || !Enabled) return false;
        bool trip = (MaxQuantity > 0 && windowQuantity > MaxQuantity) || (MaxCount > 0 && windowCount > MaxCount);
        if (trip) Tripped = true;
        return trip;
    }

    public void Reset()
    {
        Tripped = false;
        _head = 0;
        _count = 0;
    }

    private void Expire(long now)
    {
        while (_count > 0 && _times[_head] <= now - WindowNanos)
        {
            _head = (_head + 1) % _times.Length;
            _count--;
        }
    }

    // More fills inside one window than the ring holds: double it (rare, and only in a burst).
    private void Grow()
    {
        var times = new long[_times.Length * 2];
        var quantities = new long[_times.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            times[i] = _times[(_head + i) % _times.Length];
            quantities[i] = _quantities[(_head + i) % _times.Length];
        }
        _times = times;
        _quantities = quantities;
        _head = 0;
    }

    internal void Save(StateWriter w)
    {
        w.Long(WindowNanos);
        w.Long(MaxQuantity);
        w.Int(MaxCount);
        w.Bool(FromDefault);
        w.Bool(Tripped);
        w.Int(_count);
        for (int i = 0; i < _count; i++)
        {
            w.Long(_times[(_head + i) % _times.Length]);
            w.Long(_quantities[(_head + i) % _times.Length]);
        }
    }

    internal static Protection Load(StateReader r)
    {
        var p = new Protection { WindowNanos = r.Long(), MaxQuantity = r.Long(), MaxCount = r.Int(), FromDefault = r.Bool(), Tripped = r.Bool() };
        int count = r.Count(16);
        for (int i = 0; i < count; i++)
        {
            if (p._count == p._times.Length) p.Grow();
            p._times[p._count] = r.Long();
            p._quantities[p._count] = r.Long();
            p._count++;
        }
        return p;
    }
}
