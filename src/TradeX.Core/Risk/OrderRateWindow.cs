namespace TradeX.Core.Risk;

/// <summary>
/// Exact sliding one-second window of accepted order times (engine time): a ring of the last N
/// acceptance times, where N is the limit. An order is allowed when fewer than N were accepted in
/// the last second. The ring is allocated when the limit is set (an admin input), never per order.
/// </summary>
internal sealed class OrderRateWindow
{
    public const long WindowNanos = 1_000_000_000L;
    private long[] _times = [];
    private int _head;
    private int _count;

    public int Limit => _times.Length;

    public void SetLimit(int perSecond)
    {
        _times = perSecond > 0 ? new long[perSecond] : [];
        _head = 0;
        _count = 0;
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

    public bool WouldExceed(long now)
    {
        if (_times.Length == 0 || _count < _times.Length) return false;
        // The ring is full: the oldest of the last N acceptances must have left the window.
        return _times[_head] > now - WindowNanos;
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
        SetLimit(r.Int());
        int count = r.Int();
        for (int i = 0; i < count; i++) Record(r.Long());
    }
}
