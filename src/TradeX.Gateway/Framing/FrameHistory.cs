namespace TradeX.Gateway.Framing;

/// <summary>
/// Recent sequenced frames by sequence number, exactly as sent (SOFH header included), for
/// retransmission: the gateway keeps each session's application messages to the client (a request for
/// dropped ones gets RetransmitReject, RetransmitBeyondHistory), and the client library keeps its own
/// messages to resend what the gateway had not processed before a reconnect. Bounded by a message
/// count and a byte count; when either is reached the oldest frames are dropped. Not thread-safe.
/// </summary>
public sealed class FrameHistory
{
    private readonly byte[] _bytes;
    private readonly long[] _starts;
    private readonly int[] _lengths;
    private readonly int _mask;
    private long _written;
    private ulong _first = 1;
    private ulong _next = 1;

    public FrameHistory(int messages, int bytes)
    {
        _bytes = new byte[bytes];
        _starts = new long[messages];
        _lengths = new int[messages];
        _mask = messages - 1;
    }

    /// <summary>Oldest sequence number still held (equal to <see cref="Next"/> when empty).</summary>
    public ulong First => _first;

    /// <summary>The sequence number the next message will have.</summary>
    public ulong Next => _next;

    /// <summary>Keeps <paramref name="frame"/> as number <paramref name="seq"/>; numbers skipped since the last one are held as absent.</summary>
    public void Append(ulong seq, ReadOnlySpan<byte> frame)
    {
        if (seq < _next) throw new InvalidOperationException($"history expects sequence {_next} or later, got {seq}");
        if (seq - _next >= (ulong)_starts.Length)
        {
            _first = _next = seq;
        }
        while (_next < seq)
        {
            if (_next - _first >= (ulong)_starts.Length) _first++;
            _lengths[(int)(_next & (ulong)_mask)] = -1;
            _starts[(int)(_next & (ulong)_mask)] = _written;
            _next++;
        }
        if (frame.Length > _bytes.Length)
        {
            // Cannot be kept at all: the history restarts after it.
            _first = _next = seq + 1;
            return;
        }
        while (_next - _first >= (ulong)_starts.Length || (_next > _first && _written + frame.Length - _starts[(int)(_first & (ulong)_mask)] > _bytes.Length))
            _first++;
        int slot = (int)(seq & (ulong)_mask);
        _starts[slot] = _written;
        _lengths[slot] = frame.Length;
        int at = (int)(_written % _bytes.Length);
        int head = Math.Min(frame.Length, _bytes.Length - at);
        frame[..head].CopyTo(_bytes.AsSpan(at));
        frame[head..].CopyTo(_bytes);
        _written += frame.Length;
        _next = seq + 1;
    }

    /// <summary>Length of the held frame <paramref name="seq"/> (the caller checked First ≤ seq &lt; Next); 0 for a number skipped.</summary>
    public int LengthOf(ulong seq) => Math.Max(0, _lengths[(int)(seq & (ulong)_mask)]);

    /// <summary>Whether frame <paramref name="seq"/> is held (not dropped, not skipped).</summary>
    public bool Contains(ulong seq) => seq >= _first && seq < _next && _lengths[(int)(seq & (ulong)_mask)] >= 0;

    /// <summary>Copies the held frame <paramref name="seq"/> to <paramref name="destination"/>; returns its length.</summary>
    public int CopyTo(ulong seq, Span<byte> destination)
    {
        int slot = (int)(seq & (ulong)_mask);
        int length = Math.Max(0, _lengths[slot]);
        int at = (int)(_starts[slot] % _bytes.Length);
        int head = Math.Min(length, _bytes.Length - at);
        _bytes.AsSpan(at, head).CopyTo(destination);
        _bytes.AsSpan(0, length - head).CopyTo(destination[head..]);
        return length;
    }
}
