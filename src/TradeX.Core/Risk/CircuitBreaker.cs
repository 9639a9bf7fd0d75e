namespace TradeX.Core.Risk;

/// <summary>
/// Counts hard limit violations of one account in a sliding window of engine time; when the
/// configured number falls inside the window, the breaker trips the account's kill switch.
/// </summary>
internal sealed class CircuitBreaker
{
    private readonly long[] _times;
    private readonly long _window;
    private int _head;
    private int _count;

    public CircuitBreaker(int violations, long windowNanos)
    {
        _times = new long[Math.Max(1, violations)];
        _window = windowNanos;
    }

    /// <summary>Records a violation; true when this one trips the breaker.</summary>
    public bool RecordViolation(long now)
    {
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
        return _count == _times.Length && _times[_head] > now - _window;
    }

    public void Reset()
    {
        _head = 0;
        _count = 0;
    }

    internal void Save(StateWriter w)
    {
        w.Int(_count);
        for (int i = 0; i < _count; i++) w.Long(_times[(_head + i) % _times.Length]);
    }

    internal void Load(StateReader r)
    {
        Reset();
        int count = r.Int();
        for (int i = 0; i < count; i++) RecordViolation(r.Long());
    }
}
