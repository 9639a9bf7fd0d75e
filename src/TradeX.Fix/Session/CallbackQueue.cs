using TradeX.Fix.Protocol;

namespace TradeX.Fix.Session;

/// <summary>Which <see cref="IFixApplication"/> method a <see cref="PendingCallback"/> calls.</summary>
internal enum CallbackKind : byte
{
    Logon,
    Message,
    AdminMessage,
    Logout,
    InboundRejected,
}

/// <summary>
/// One application callback a session owes: recorded under the session's lock, made after it is let go.
/// <see cref="Message"/> is the session's inbound message, which is not parsed again until this callback
/// has been made; <see cref="Connection"/> is the connection it came on (a BusinessMessageReject for it
/// goes only there).
/// </summary>
internal readonly record struct PendingCallback(
    CallbackKind Kind,
    FixMessage? Message = null,
    IFixConnection? Connection = null,
    string? Text = null,
    SessionRejectReason? Reason = null,
    int RefTagId = 0);

/// <summary>
/// The callbacks a session owes its application, first in, first out. Filled under the session's lock by
/// whichever thread produced them; emptied by the one thread that holds the session's delivery gate.
/// A ring that doubles when full, so a session in steady state allocates nothing. Not thread-safe: the
/// session's lock guards it, except <see cref="Count"/>, which the gate holder may read without it.
/// </summary>
internal sealed class CallbackQueue
{
    private PendingCallback[] _items = new PendingCallback[16];
    private int _head;
    private int _count;

    /// <summary>Read without the lock: more than zero means there is something to deliver (only the gate holder takes items out).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Enqueue(in PendingCallback callback)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = callback;
        Volatile.Write(ref _count, _count + 1);
    }

    public bool TryDequeue(out PendingCallback callback)
    {
        if (_count == 0)
        {
            callback = default;
            return false;
        }
        callback = _items[_head];
        _items[_head] = default;   // let go of the reason string and the connection
        _head = (_head + 1) & (_items.Length - 1);
        Volatile.Write(ref _count, _count - 1);
        return true;
    }

    private void Grow()
    {
        var bigger = new PendingCallback[_items.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
