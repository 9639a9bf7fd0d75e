namespace TradeX.Gateway.Sessions;

/// <summary>What the gateway must echo in the OrderMassCancelReport of one request.</summary>
internal struct PendingMassCancel
{
    public ulong ClOrdId;
    public uint Account;
    public int SecurityId;
    public byte Scope;
    public bool HasAccount;
    public bool HasSecurityId;
}

/// <summary>What the gateway must echo in the QuoteProtectionResetAck of one request.</summary>
internal struct PendingProtectionReset
{
    public ulong RequestId;
    public int SecurityId;
    public bool HasSecurityId;
}

/// <summary>
/// A session's requests of one kind in the engine (mass cancels, protection resets), oldest first
/// (single producer: the I/O thread; single consumer: the output thread). Each gives exactly one answer
/// event, published with the session's producer id, and the engine answers one producer's inputs in
/// order, so the oldest pending request is the one an answer belongs to.
/// </summary>
internal sealed class PendingRequests<T> where T : struct
{
    private readonly T[] _slots;
    private readonly int _mask;
    private long _head;
    private long _tail;

    public PendingRequests(int capacity)
    {
        int size = 1;
        while (size < capacity) size <<= 1;
        _slots = new T[size];
        _mask = size - 1;
    }

    /// <summary>I/O thread, before publishing the input: false when full.</summary>
    public bool TryAdd(in T request)
    {
        if (_tail - Volatile.Read(ref _head) >= _slots.Length) return false;
        _slots[_tail & _mask] = request;
        Volatile.Write(ref _tail, _tail + 1);
        return true;
    }

    /// <summary>I/O thread: the input just added could not be published (busy): take it back.</summary>
    public void RemoveLast() => Volatile.Write(ref _tail, _tail - 1);

    /// <summary>Output thread: the oldest request, which the engine's answer belongs to.</summary>
    public bool TryTake(out T request)
    {
        long head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            request = default;
            return false;
        }
        request = _slots[head & _mask];
        Volatile.Write(ref _head, head + 1);
        return true;
    }
}
