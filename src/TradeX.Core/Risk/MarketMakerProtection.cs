using TradeX.Core.Collections;

namespace TradeX.Core.Risk;

/// <summary>
/// Market-maker protection for every participant: its <see cref="Protection"/> per instrument (and its default,
/// instrument 0, which an instrument's first quote fill copies and then follows), and the trips found while an input
/// matched. A trip is acted on once the input's own work is done — the engine pulls the participant's quotes in the
/// instrument and publishes <c>ProtectionTripped</c> — so matching never re-enters itself.
/// </summary>
internal sealed class MarketMakerProtection
{
    /// <summary>(participant, instrument id or 0 for the participant's default) → index in the lists below.</summary>
    private readonly OpenHashMap<LongKey> _index = new(256);
    private readonly List<Protection> _protections = new();
    private readonly List<long> _keys = new();
    /// <summary>Protections that tripped during the current input, acted on when it is done (no allocation: fixed size).</summary>
    private readonly PendingTrip[] _pending = new PendingTrip[64];
    private int _pendingCount;

    /// <summary>One protection that tripped: whose, where, and what its window held when it did.</summary>
    public readonly record struct PendingTrip(int Participant, int InstrumentIndex, long Quantity, int Count);

    private static long Key(int participant, int instrumentId) => ((long)participant << 32) | (uint)instrumentId;

    private static int ParticipantOf(long key) => (int)(key >> 32);

    /// <summary>Trips found during the current input, not yet acted on.</summary>
    public int PendingCount => _pendingCount;

    public ref readonly PendingTrip Pending(int index) => ref _pending[index];

    /// <summary>Forgets the pending trips once the engine has acted on them.</summary>
    public void ClearPending() => _pendingCount = 0;

    public bool IsTripped(int participant, int instrumentId) => Find(participant, instrumentId) is { Tripped: true };

    private Protection? Find(int participant, int instrumentId) =>
        _index.TryGetValue(new LongKey(Key(participant, instrumentId)), out int index) ? _protections[index] : null;

    private void Add(long key, Protection protection)
    {
        _index.Set(new LongKey(key), _protections.Count);
        _protections.Add(protection);
        _keys.Add(key);
    }

    /// <summary>A quote of <paramref name="participant"/> traded <paramref name="quantity"/>: count it against its protection in that instrument.</summary>
    public void RecordQuoteFill(int participant, Instrument instrument, long quantity, long now)
    {
        Protection? protection = Find(participant, instrument.Id);
        if (protection is null)
        {
            // First fill in this instrument: the participant's default applies, if it set one.
            if (Find(participant, 0) is not { } fallback) return;
            protection = new Protection { WindowNanos = fallback.WindowNanos, MaxQuantity = fallback.MaxQuantity, MaxCount = fallback.MaxCount, FromDefault = true };
            Add(Key(participant, instrument.Id), protection);
        }
        if (protection.RecordFill(now, quantity, out long windowQuantity, out int windowCount) && _pendingCount < _pending.Length)
            _pending[_pendingCount++] = new PendingTrip(participant, instrument.Index, windowQuantity, windowCount);
    }

    /// <summary>Sets a participant's bounds in one instrument, or its default (instrument 0), which the instruments that follow it pick up.</summary>
    public void Set(in SetProtection s)
    {
        Protection? existing = Find(s.Participant.Value, s.Instrument.Value);
        if (existing is null) Add(Key(s.Participant.Value, s.Instrument.Value), existing = new Protection());
        existing.WindowNanos = s.WindowNanos;
        existing.MaxQuantity = s.MaxQuantity;
        existing.MaxCount = s.MaxCount;
        existing.FromDefault = false;
        if (s.Instrument.Value != 0)
            return;
        for (int i = 0; i < _protections.Count; i++)
        {
            if (!_protections[i].FromDefault || ParticipantOf(_keys[i]) != s.Participant.Value) continue;
            _protections[i].WindowNanos = s.WindowNanos;
            _protections[i].MaxQuantity = s.MaxQuantity;
            _protections[i].MaxCount = s.MaxCount;
        }
    }

    /// <summary>Resets a participant's protections: in one instrument, or in all of them (<paramref name="instrumentId"/> 0).</summary>
    public void Reset(int participant, int instrumentId)
    {
        for (int i = 0; i < _protections.Count; i++)
        {
            long key = _keys[i];
            if (ParticipantOf(key) != participant) continue;
            if (instrumentId != 0 && (int)key != instrumentId) continue;
            _protections[i].Reset();
        }
    }

    // ---- snapshot section: the protections in key order (their list order is history) ----

    public void Save(StateWriter w)
    {
        var order = Enumerable.Range(0, _protections.Count).OrderBy(i => _keys[i]).ToList();
        w.Int(order.Count);
        foreach (int i in order)
        {
            w.Long(_keys[i]);
            _protections[i].Save(w);
        }
    }

    public void Load(StateReader r)
    {
        int protections = r.Count(34); // key 8 + window 8 + quantity 8 + count 4 + 2 flags + fills 4
        for (int i = 0; i < protections; i++) Add(r.Long(), Protection.Load(r));
    }
}
