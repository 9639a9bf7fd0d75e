using TradeX.Core.Collections;

namespace TradeX.Core.Routing;

/// <summary>
/// Smart order routing's state and decisions: the venues (reference data and session state), each venue's displayed
/// prices per instrument, the ranking of venues for a sweep, the home venue for a resting remainder, and the list of
/// routed parents. It chooses where quantity goes; the engine creates the child orders, commits their quantity and
/// publishes the requests, so the parent's filled + committed never exceeds what it was given.
/// </summary>
internal sealed class SmartRouter
{
    private const int None = OrderStore.None;
    private readonly OrderRecord[] _orders;
    private readonly List<VenueRecord> _venues = new();
    private readonly OpenHashMap<IntKey> _venueIndex = new(64);
    /// <summary>(venue index, instrument index) → slot in the market data arrays.</summary>
    private readonly OpenHashMap<LongKey> _marketIndex = new(1024);
    private long[] _mdBid = new long[64], _mdBidSize = new long[64], _mdAsk = new long[64], _mdAskSize = new long[64];
    private int _mdCount;
    /// <summary>Scratch for one routing decision, sorted in place (no allocation).</summary>
    private Candidate[] _candidates = new Candidate[16];
    /// <summary>Head and tail of the list of routed parents, in order-id order (parents are made when their order arrives).</summary>
    private int _parentHead = None, _parentTail = None;

    /// <summary>A venue showing liquidity a sweep can take: its displayed price and size, and its price after fees (lower is better, both sides).</summary>
    public readonly record struct Candidate(VenueRecord Venue, long Price, long Size, long Effective);

    public SmartRouter(OrderRecord[] orders) => _orders = orders;

    private static LongKey MarketKey(int venueIndex, int instrumentIndex) => new(((long)venueIndex << 32) | (uint)instrumentIndex);

    // ---- venues and their market data --------------------------------------------------------

    /// <summary>Defines a venue, or changes the reference data of a known one (its session state stays).</summary>
    public VenueRecord Upsert(in DefineVenue d)
    {
        VenueRecord venue;
        if (_venueIndex.TryGetValue(new IntKey(d.Venue.Value), out int index)) venue = _venues[index];
        else
        {
            venue = new VenueRecord { Id = d.Venue.Value, Index = _venues.Count };
            _venues.Add(venue);
            _venueIndex.Set(new IntKey(venue.Id), venue.Index);
            if (_candidates.Length < _venues.Count) Array.Resize(ref _candidates, _venues.Count * 2);
        }
        venue.Name = d.Name;
        venue.FeePerUnit = d.FeePerUnit.Raw;
        venue.LatencyNanos = d.LatencyNanos;
        venue.Enabled = d.Enabled;
        return venue;
    }

    public VenueRecord? Find(int id) => _venueIndex.TryGetValue(new IntKey(id), out int index) ? _venues[index] : null;

    /// <summary>A venue's latest displayed prices and sizes in one instrument.</summary>
    public void StoreMarketData(VenueRecord venue, int instrumentIndex, long bid, long bidSize, long ask, long askSize) =>
        Store(MarketKey(venue.Index, instrumentIndex), bid, bidSize, ask, askSize);

    private void Store(LongKey key, long bid, long bidSize, long ask, long askSize)
    {
        if (!_marketIndex.TryGetValue(key, out int slot))
        {
            slot = _mdCount++;
            if (slot == _mdBid.Length)
            {
                Array.Resize(ref _mdBid, slot * 2);
                Array.Resize(ref _mdBidSize, slot * 2);
                Array.Resize(ref _mdAsk, slot * 2);
                Array.Resize(ref _mdAskSize, slot * 2);
            }
            _marketIndex.Set(key, slot);
        }
        _mdBid[slot] = bid;
        _mdBidSize[slot] = bidSize;
        _mdAsk[slot] = ask;
        _mdAskSize[slot] = askSize;
    }

    /// <summary>A venue's displayed price on the side a buy (its ask) or a sell (its bid) would take; 0 when it shows none.</summary>
    public long DisplayedOpposite(int venueId, int instrumentIndex, bool buy)
    {
        if (!_venueIndex.TryGetValue(new IntKey(venueId), out int venueIndex)) return 0;
        return Displayed(venueIndex, instrumentIndex, buy, out long price) > 0 ? price : 0;
    }

    /// <summary>The best price a buy (or sell) could take on any enabled venue whose session is up; 0 when none shows one.</summary>
    public long BestDisplayedOpposite(int instrumentIndex, bool buy)
    {
        long best = 0;
        foreach (VenueRecord venue in _venues)
            if (venue.Enabled && venue.Up && Displayed(venue.Index, instrumentIndex, buy, out long price) > 0) best = BetterPrice(best, price, buy);
        return best;
    }

    /// <summary>The better of two prices for a buy (lower) or a sell (higher), where 0 or less means no price.</summary>
    public static long BetterPrice(long current, long candidate, bool buy) =>
        candidate <= 0 ? current : current <= 0 ? candidate : buy ? Math.Min(current, candidate) : Math.Max(current, candidate);

    /// <summary>The size a venue displays on the side a buy (or sell) would take, with its price; 0 when it shows nothing.</summary>
    private long Displayed(int venueIndex, int instrumentIndex, bool buy, out long price)
    {
        if (!_marketIndex.TryGetValue(MarketKey(venueIndex, instrumentIndex), out int md))
        {
            price = 0;
            return 0;
        }
        price = buy ? _mdAsk[md] : _mdBid[md];
        return buy ? _mdAskSize[md] : _mdBidSize[md];
    }

    // ---- routing decisions --------------------------------------------------------------------

    /// <summary>
    /// Ranks the enabled, reachable venues showing liquidity at or better than the limit: best effective price first
    /// (price plus fee for a buy, less fee for a sell), then larger displayed size, then lower latency, then venue id.
    /// Returns how many; read them with <see cref="CandidateAt"/>.
    /// </summary>
    public int RankVenues(int instrumentIndex, bool buy, long limit)
    {
        int n = 0;
        foreach (VenueRecord venue in _venues)
        {
            if (!venue.Enabled || !venue.Up) continue;
            long size = Displayed(venue.Index, instrumentIndex, buy, out long price);
            if (size <= 0 || price <= 0 || (buy ? price > limit : price < limit)) continue;
            // Effective price: what a unit really costs (buy) or yields (sell) after the venue's fee. Lower is better for both after the sign flip.
            _candidates[n] = new Candidate(venue, price, size, buy ? price + venue.FeePerUnit : -(price - venue.FeePerUnit));
            // Insertion sort: a handful of venues, deterministic ties.
            int i = n++;
            while (i > 0 && Better(in _candidates[i], in _candidates[i - 1]))
            {
                (_candidates[i], _candidates[i - 1]) = (_candidates[i - 1], _candidates[i]);
                i--;
            }
        }
        return n;
    }

    public ref readonly Candidate CandidateAt(int rank) => ref _candidates[rank];

    private static bool Better(in Candidate a, in Candidate b)
    {
        if (a.Effective != b.Effective) return a.Effective < b.Effective;
        if (a.Size != b.Size) return a.Size > b.Size;
        if (a.Venue.LatencyNanos != b.Venue.LatencyNanos) return a.Venue.LatencyNanos < b.Venue.LatencyNanos;
        return a.Venue.Id < b.Venue.Id;
    }

    /// <summary>Where a resting remainder goes: the enabled, reachable venue with the lowest fee, then latency, then id.</summary>
    public VenueRecord? HomeVenue()
    {
        VenueRecord? best = null;
        foreach (VenueRecord v in _venues)
        {
            if (!v.Enabled || !v.Up) continue;
            if (best is null || v.FeePerUnit < best.FeePerUnit || (v.FeePerUnit == best.FeePerUnit &&
                (v.LatencyNanos < best.LatencyNanos || (v.LatencyNanos == best.LatencyNanos && v.Id < best.Id))))
                best = v;
        }
        return best;
    }

    // ---- routed parents -----------------------------------------------------------------------

    /// <summary>The first routed parent (walk on with <see cref="OrderRecord.ParentNext"/>); <see cref="OrderStore.None"/> when there is none.</summary>
    public int FirstParent => _parentHead;

    public void LinkParent(int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        o.ParentNext = None;
        o.ParentPrev = _parentTail;
        if (_parentTail != None) _orders[_parentTail].ParentNext = slot;
        else _parentHead = slot;
        _parentTail = slot;
    }

    public void UnlinkParent(int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        if (o.ParentPrev != None) _orders[o.ParentPrev].ParentNext = o.ParentNext;
        else _parentHead = o.ParentNext;
        if (o.ParentNext != None) _orders[o.ParentNext].ParentPrev = o.ParentPrev;
        else _parentTail = o.ParentPrev;
        o.ParentPrev = o.ParentNext = None;
    }

    // ---- snapshot section: the venues in definition order, then market data by (venue, instrument) ----

    public void Save(StateWriter w)
    {
        w.Int(_venues.Count);
        foreach (var v in _venues)
        {
            w.Int(v.Id);
            w.Ascii(v.Name);
            w.Long(v.FeePerUnit);
            w.Long(v.LatencyNanos);
            w.Bool(v.Enabled);
            w.Bool(v.Up);
        }
        var market = new List<(long Key, int Slot)>(_mdCount);
        for (int s = 0; s < _marketIndex.Capacity; s++)
            if (_marketIndex.IsUsed(s)) market.Add((_marketIndex.KeyAt(s).Value, _marketIndex.ValueAt(s)));
        market.Sort();
        w.Int(market.Count);
        foreach (var (key, slot) in market)
        {
            w.Long(key);
            w.Long(_mdBid[slot]);
            w.Long(_mdBidSize[slot]);
            w.Long(_mdAsk[slot]);
            w.Long(_mdAskSize[slot]);
        }
    }

    public void Load(StateReader r, int instrumentCount)
    {
        int venues = r.Count(38);
        for (int i = 0; i < venues; i++)
        {
            var d = new DefineVenue { Venue = new VenueId(r.Int()), Name = r.Ascii(), FeePerUnit = new Price(r.Long()), LatencyNanos = r.Long(), Enabled = r.Bool() };
            Upsert(in d).Up = r.Bool();
        }
        int marketCount = r.Count(40);
        for (int i = 0; i < marketCount; i++)
        {
            long key = r.Long();
            int venueIndex = (int)(key >> 32), instrumentIndex = (int)key;
            if (venueIndex < 0 || venueIndex >= _venues.Count || instrumentIndex < 0 || instrumentIndex >= instrumentCount)
                throw new InvalidDataException($"snapshot corrupt: market data for venue index {venueIndex}, instrument index {instrumentIndex}");
            Store(new LongKey(key), r.Long(), r.Long(), r.Long(), r.Long());
        }
    }
}
