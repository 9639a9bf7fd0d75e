namespace TradeX.Core.Risk;

/// <summary>
/// Exact sliding one-second window of accepted order times (engine time): a ring of the last N
/// acceptance times, where N is the highest order-rate threshold set on the account (soft, hard and
/// emergency thresholds share the ring). An order is within a threshold of L when fewer than L were
/// accepted in the last second. The ring is sized when a threshold is set (an admin input), never per order.
/// </summary>
internal sealed class OrderRateWindow
{
    public const long WindowNanos = 1_000_000_000L;
    private long[] _times = [];
    private int _head;
    private int _count;

    /// <summary>How many acceptance times the ring remembers (the highest threshold).</summary>
    public int Capacity => _times.Length;

    /// <summary>Resizes the ring, keeping the most recent acceptances that still fit.</summary>
    public void SetCapacity(int perSecond)
    {
        perSecond = Math.Max(0, perSecond);
        if (perSecond == _times.Length) return;
        var times = perSecond > 0 ? new long[perSecond] : [];
        int keep = Math.Min(_count, perSecond);
        for (int i = 0; i < keep; i++) times[i] = _times[(_head + _count - keep + i) % _times.Length];
        _times = times;
        _head = 0;
        _count = keep;
    }

    /// <summary>Orders accepted in the second ending at <paramref name="now"/>.</summary>
    public int CountInWindow(long now)
    {
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            long t = _times[(_head + i) % _times.Length];
            if (t > now - WindowNanos) n++;
        }
        return n;
    }

    /// <summary>True when accepting one more order now would make more than <paramref name="limit"/> in the last second.</summary>
    public bool WouldExceed(int limit, long now)
    {
        if (limit <= 0 || _count < limit) return false;
        // The limit-th most recent acceptance must have left the window.
        return _times[(_head + _count - limit) % _times.Length] > now - WindowNanos;
    }

    public void Record(long now)
    {
        if (_times.Length == 0) return;
        if (_count < _times.Length)
        {
            _times[(_head + _count) % _times.Length] = now;
            _count++;
        }
        else
        {
            _times[_head] = now;
            _head = (_head + 1) % _times.Length;
        }
    }

    internal void Save(StateWriter w)
    {
        w.Int(_times.Length);
        w.Int(_count);
        for (int i = 0; i < _count; i++) w.Long(_times[(_head + i) % _times.Length]);
    }

    internal void Load(StateReader r)
    {
        int capacity = r.Int();
        if (capacity < 0 || capacity > Engine.MaxOrderRate) throw new InvalidDataException($"snapshot corrupt: order-rate window of {capacity}");
        _times = capacity > 0 ? new long[capacity] : [];
        _head = 0;
        _count = 0;
        int count = r.Int();
        if (count < 0 || count > capacity) throw new InvalidDataException($"snapshot corrupt: {count} order times in a window of {capacity}");
        for (int i = 0; i < count; i++) Record(r.Long());
    }
}
