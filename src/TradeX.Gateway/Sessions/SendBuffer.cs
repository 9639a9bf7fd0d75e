namespace TradeX.Gateway.Sessions;

/// <summary>
/// A bounded byte queue of encoded frames waiting for the socket. Appends never grow it: a frame that
/// does not fit is refused, and the caller treats that as a slow consumer. Not thread-safe: the
/// connection's send lock guards it.
/// </summary>
internal sealed class SendBuffer(int capacity)
{
    private readonly byte[] _bytes = new byte[capacity];
    private int _start;
    private int _end;

    public int Capacity => _bytes.Length;
    public int Count => _end - _start;
    public int Free => _bytes.Length - Count;
    public bool IsEmpty => _end == _start;

    public ReadOnlySpan<byte> Pending => _bytes.AsSpan(_start, _end - _start);

    public bool TryAppend(ReadOnlySpan<byte> frame)
    {
        if (!Reserve(frame.Length)) return false;
        frame.CopyTo(_bytes.AsSpan(_end));
        _end += frame.Length;
        return true;
    }

    /// <summary>Room for <paramref name="length"/> more bytes, compacting if needed; the caller then writes at <see cref="Tail"/> and calls <see cref="Advance"/>.</summary>
    public bool Reserve(int length)
    {
        if (_bytes.Length - _end >= length) return true;
        if (Free < length) return false;
        Buffer.BlockCopy(_bytes, _start, _bytes, 0, _end - _start);
        _end -= _start;
        _start = 0;
        return true;
    }

    public Span<byte> Tail => _bytes.AsSpan(_end);

    public void Advance(int length) => _end += length;

    public void Consume(int length)
    {
        _start += length;
        if (_start == _end) _start = _end = 0;
    }

    public void Clear() => _start = _end = 0;
}
