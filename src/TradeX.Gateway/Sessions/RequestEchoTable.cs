namespace TradeX.Gateway.Sessions;

/// <summary>
/// Request fields the engine's answer does not carry but the response message must echo (instrument
/// and side of a rejected cancel, order type and time in force of a rejected or replaced order),
/// keyed by the request's client order id. Written by the I/O thread before the input is published,
/// read by the output thread when the answer comes; a per-slot sequence lock makes a read that races a
/// newer request in the same slot a miss (the response then carries defaults) rather than a torn value.
/// </summary>
internal sealed class RequestEchoTable
{
    private readonly Slot[] _slots;
    private readonly int _mask;

    public RequestEchoTable(int capacity)
    {
        _slots = new Slot[capacity];
        _mask = capacity - 1;
    }

    public void Write(ulong clOrdId, int securityId, byte side, byte ordType, byte timeInForce)
    {
        ref Slot slot = ref _slots[(int)(clOrdId & (ulong)_mask)];
        int version = slot.Version + 1;
        Volatile.Write(ref slot.Version, version);
        slot.ClOrdId = clOrdId;
        slot.SecurityId = securityId;
        slot.Side = side;
        slot.OrdType = ordType;
        slot.TimeInForce = timeInForce;
        Volatile.Write(ref slot.Version, version + 1);
    }

    public bool TryRead(ulong clOrdId, out int securityId, out byte side, out byte ordType, out byte timeInForce)
    {
        ref Slot slot = ref _slots[(int)(clOrdId & (ulong)_mask)];
        int before = Volatile.Read(ref slot.Version);
        ulong id = slot.ClOrdId;
        securityId = slot.SecurityId;
        side = slot.Side;
        ordType = slot.OrdType;
        timeInForce = slot.TimeInForce;
        Interlocked.MemoryBarrier();
        int after = Volatile.Read(ref slot.Version);
        return (before & 1) == 0 && before == after && id == clOrdId;
    }

    private struct Slot
    {
        public int Version;
        public ulong ClOrdId;
        public int SecurityId;
        public byte Side;
        public byte OrdType;
        public byte TimeInForce;
    }
}
