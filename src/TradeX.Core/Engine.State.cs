namespace TradeX.Core;

public sealed partial class Engine
{
    private const ulong SnapshotMagic = 0x3130_5041_4E53_5854UL; // "TXSNAP01" little-endian
    /// <summary>
    /// 3: limits per (type, kind), exposure and buying-power holds per account with each short position's hold,
    /// instruments' market-order protection, open fill breaks and orders that ended at a venue.
    /// 2: execution ids carry the day they arrived on, with the retained days' start sequences (1 had two day maps).
    /// </summary>
    public const int SnapshotFormatVersion = 3;

    // ---- snapshot, restore, hash ----------------------------------------------------------

    /// <summary>
    /// Writes all business state, between two inputs, in a canonical binary form: the same state
    /// always gives the same bytes. Physical slot numbers are not written; orders are written by id,
    /// index maps sorted by key, and every list whose order matters (price-level FIFOs, holders) in
    /// that order. Operational counters are not state and are not written. Each component writes its
    /// own section, in this order; <see cref="Load"/> reads them back in the same order.
    /// </summary>
    public void Snapshot(StateWriter w) => WriteState(w, clientOrderDigest: false);

    private void WriteState(StateWriter w, bool clientOrderDigest)
    {
        SaveHeader(w);
        _reference.Save(w);
        _ledger.Save(w, _instruments, _reference.InstrumentCount);
        SaveOrders(w);
        for (int i = 0; i < _reference.InstrumentCount; i++) _instruments[i].Book.Save(w);
        if (clientOrderDigest)
        {
            w.Int(_clientOrders.Count);
            w.ULong(_clientOrderDigest);
        }
        else
        {
            SaveClientOrderIds(w);
        }
        _executions.Save(w);
        _protection.Save(w);
        _router.Save(w);
        _breaks.Save(w);
        _endedVenueOrders.Save(w);
        w.ULong(SnapshotMagic);
    }

    /// <summary>
    /// The state a replication checkpoint hashes (<c>StateCheckpoints</c>): every section of <see cref="Snapshot(StateWriter)"/>
    /// except that the day's client order ids, by far the largest part, are written as their count and an order-independent
    /// digest kept as ids are added (<see cref="SetClientOrder"/>) instead of sorted one by one: the copy then takes time in
    /// proportion to the open orders, positions and books, not to the day's ids (a million ids took ~0.5 s to sort and
    /// write, a pause of the engine). Which order each id names while it is open is in the orders section. Two engines
    /// give the same bytes exactly when their snapshots are equal (up to a 2^-64 digest collision); replay and recovery
    /// still check the full <see cref="StateHash"/>.
    /// </summary>
    public void CheckpointState(StateWriter w) => WriteState(w, clientOrderDigest: true);

    /// <summary>Adds or overwrites a client order id; a new one joins the day's digest (the sum of a strong mix of each key).</summary>
    private void SetClientOrder(ClientOrderKey key, int slot)
    {
        int before = _clientOrders.Count;
        _clientOrders.Set(key, slot);
        if (_clientOrders.Count != before) _clientOrderDigest += HashMix.Mix(HashMix.Mix(key.ClientOrderId) ^ ((ulong)(uint)key.AccountIndex * 0x9E3779B97F4A7C15UL));
    }

    private ulong _clientOrderDigest;

    /// <summary>Reads what <see cref="Snapshot(StateWriter)"/> wrote into this new engine, section by section in the same order.</summary>
    private void Load(StateReader r)
    {
        LoadHeader(r);
        _reference.Load(r);
        RefreshReferenceTables();
        _ledger.Load(r, _accounts, _reference.AccountCount, _instruments, _reference.InstrumentCount);
        LoadOrders(r);
        for (int i = 0; i < _reference.InstrumentCount; i++) _instruments[i].Book.Load(r, _orderIndex);
        LoadClientOrderIds(r);
        _executions.Load(r);
        _protection.Load(r);
        _router.Load(r, _reference.InstrumentCount);
        _breaks.Load(r, _ledger.Count);
        _endedVenueOrders.Load(r, _ledger.Count);
        if (r.ULong() != SnapshotMagic || !r.AtEnd) throw new InvalidDataException("snapshot corrupt: trailer missing or extra bytes");
    }

    /// <summary>The snapshot as a new byte array.</summary>
    public byte[] Snapshot()
    {
        var w = new StateWriter(EstimatedStateBytes());
        Snapshot(w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A 64-bit hash of all business state (the hash of the canonical snapshot). Two engines that
    /// applied the same inputs in the same order, or an engine and one restored from its snapshot,
    /// have equal hashes.
    /// </summary>
    public ulong StateHash()
    {
        var w = new StateWriter(EstimatedStateBytes());
        Snapshot(w);
        return StateHash64.Compute(w.WrittenSpan);
    }

    /// <summary>
    /// About the size of the snapshot, so its writer is allocated once rather than doubled (and copied) a dozen times:
    /// a day's client order ids (20 bytes each) and venue execution ids (40), the open orders and positions, and an
    /// eighth more for the rest (a 20 s main job: 7.6 MB written, 7.4 MB counted here).
    /// </summary>
    private int EstimatedStateBytes()
    {
        long counted = 65_536L + (20L * _clientOrders.Count) + (40L * _executions.Count) + (160L * _store.InUse) + (200L * _ledger.Count) +
                       (32L * _endedVenueOrders.Count);
        return (int)Math.Min(int.MaxValue / 2, counted + (counted / 8));
    }

    /// <summary>
    /// Builds an engine from a snapshot. A damaged or foreign snapshot throws
    /// <see cref="InvalidDataException"/> naming what is wrong; nothing is half-restored into a live engine.
    /// </summary>
    public static Engine Restore(ReadOnlyMemory<byte> snapshot, IEngineEventSink sink, EngineOptions? options = null)
    {
        var engine = new Engine(sink, options);
        engine.Load(new StateReader(snapshot));
        return engine;
    }

    // ---- the engine's own sections: the header, the open orders, the client order ids ----------------

    private void SaveHeader(StateWriter w)
    {
        w.ULong(SnapshotMagic);
        w.Int(SnapshotFormatVersion);
        w.Long(_events.Sequence);
        w.Long(_events.Now);
        w.Long(_nextOrderId);
        w.Long(_nextTradeId);
        w.Int(_tradingDate);
        w.Bool(_globalKill);
    }

    private void LoadHeader(StateReader r)
    {
        if (r.ULong() != SnapshotMagic) throw new InvalidDataException("not a TradeX engine snapshot (bad magic)");
        int version = r.Int();
        if (version != SnapshotFormatVersion) throw new InvalidDataException($"snapshot format {version} is not supported (expected {SnapshotFormatVersion})");
        _events.Sequence = r.Long();
        _events.Now = r.Long();
        _nextOrderId = r.Long();
        _nextTradeId = r.Long();
        _tradingDate = r.Int();
        _globalKill = r.Bool();
    }

    /// <summary>Open orders by id (which is also every account's list order), children after their parents' ids.</summary>
    // Optimised at first call: a snapshot or checkpoint runs too rarely to be tiered up, and unoptimised it took ~90 ms for 100,000 ids.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void SaveOrders(StateWriter w)
    {
        var openSlots = new List<int>(_store.InUse);
        for (int i = 0; i < _reference.AccountCount; i++)
            for (int s = _accounts[i].OrderHead; s != None; s = _orders[s].AccountNext)
            {
                openSlots.Add(s);
                if (_orders[s].Role == OrderRole.Parent)
                    for (int c = _orders[s].ChildHead; c != None; c = _orders[c].Next) openSlots.Add(c);
            }
        // Sorted by id through a key array: the generic sort of value-type keys, no comparison delegate per compare.
        var ids = new long[openSlots.Count];
        var sorted = openSlots.ToArray();
        for (int i = 0; i < sorted.Length; i++) ids[i] = _orders[sorted[i]].OrderId;
        Array.Sort(ids, sorted);
        w.Int(sorted.Length);
        foreach (int s in sorted)
        {
            ref OrderRecord o = ref _orders[s];
            w.Long(o.OrderId);
            w.ULong(o.ClientOrderId);
            w.Long(o.Price);
            w.Long(o.ReservePrice);
            w.Long(o.Quantity);
            w.Long(o.Leaves);
            w.Long(o.Filled);
            w.Long(o.AcceptedSequence);
            w.Int(o.AccountIndex);
            w.Int(o.InstrumentIndex);
            w.Int(o.Venue);
            w.Int(o.Session);
            w.Byte((byte)o.Side);
            w.Byte((byte)o.Type);
            w.Byte((byte)o.TimeInForce);
            w.Byte((byte)o.State);
            w.Bool(o.IsQuote);
            w.Byte((byte)o.Role);
            w.Long(o.Role == OrderRole.Child ? _orders[o.Parent].OrderId : 0);
            w.Long(o.ChildOpen);
            w.Byte(o.RouteAttempts);
            w.Bool(o.CancelRequested);
            w.Byte((byte)o.PendingCancelReason);
            w.ULong(o.PendingCancelRequestId);
        }
    }

    /// <summary>Restores the open orders into the store and relinks them: to their account, parent, position (quotes) and the routed parents.</summary>
    private void LoadOrders(StateReader r)
    {
        int orders = r.Count(72);
        if (orders > _store.Capacity) throw new InvalidDataException($"snapshot holds {orders} open orders; this engine is configured for {_store.Capacity}");
        for (int i = 0; i < orders; i++)
        {
            int slot = _store.Allocate();
            ref OrderRecord o = ref _orders[slot];
            o.OrderId = r.Long();
            o.ClientOrderId = r.ULong();
            o.Price = r.Long();
            o.ReservePrice = r.Long();
            o.Quantity = r.Long();
            o.Leaves = r.Long();
            o.Filled = r.Long();
            o.AcceptedSequence = r.Long();
            o.AccountIndex = r.Index(_reference.AccountCount, "account");
            o.InstrumentIndex = r.Index(_reference.InstrumentCount, "instrument");
            o.Venue = r.Int();
            o.Session = r.Int();
            o.Side = (Side)r.Byte();
            o.Type = (OrderType)r.Byte();
            o.TimeInForce = (TimeInForce)r.Byte();
            o.State = (OrderState)r.Byte();
            o.IsQuote = r.Bool();
            o.Role = (OrderRole)r.Byte();
            long parentId = r.Long();
            o.ChildOpen = r.Long();
            o.RouteAttempts = r.Byte();
            o.CancelRequested = r.Bool();
            o.PendingCancelReason = (CancelReason)r.Byte();
            o.PendingCancelRequestId = r.ULong();
            Account owner = _accounts[o.AccountIndex];
            o.Participant = owner.Participant;
            if (!_ledger.TryFind(o.AccountIndex, o.InstrumentIndex, out o.PositionIndex))
                throw new InvalidDataException($"snapshot corrupt: order {o.OrderId} has no position");
            if (_orderIndex.TryGet(o.OrderId, out _)) throw new InvalidDataException($"snapshot corrupt: order {o.OrderId} twice");
            _orderIndex.Add(o.OrderId, slot);
            if (o.Role == OrderRole.Child)
            {
                if (!_orderIndex.TryGet(parentId, out int parentSlot) || _orders[parentSlot].Role != OrderRole.Parent)
                    throw new InvalidDataException($"snapshot corrupt: child order {o.OrderId} names unknown parent {parentId}");
                o.Parent = parentSlot;
                LinkChild(parentSlot, slot);
                continue;
            }
            LinkToAccount(owner, slot);
            if (o.Role == OrderRole.Parent) _router.LinkParent(slot);
            if (o.IsQuote)
            {
                ref PositionRecord quoted = ref _positions[o.PositionIndex];
                if (o.Side == Side.Buy) quoted.BidQuote = slot;
                else quoted.AskQuote = slot;
            }
        }
    }

    /// <summary>The day's used client order ids by (account, id), each with the order it names while that order is open (0 after it ended).</summary>
    /// <remarks>
    /// Sorts the map's slot numbers (4 bytes each) rather than copies of the entries: a day's worth of ids is the
    /// largest part of the state, and the end-of-run state hash was the main job's peak of memory.
    /// </remarks>
    // Optimised at first call: a snapshot or checkpoint runs too rarely to be tiered up, and unoptimised it took ~90 ms for 100,000 ids.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void SaveClientOrderIds(StateWriter w)
    {
        var slots = new int[_clientOrders.Count];
        var keys = new UInt128[slots.Length];
        int n = 0;
        var map = _clientOrders;
        for (int s = 0; s < map.Capacity && n < slots.Length; s++)
        {
            if (!map.IsUsed(s)) continue;
            ClientOrderKey key = map.KeyAt(s);
            keys[n] = new UInt128((ulong)(uint)key.AccountIndex, key.ClientOrderId); // (account, id) order, compared as one number
            slots[n++] = s;
        }
        Array.Sort(keys, slots, 0, n);
        w.Int(n);
        foreach (int s in slots.AsSpan(0, n))
        {
            ClientOrderKey key = map.KeyAt(s);
            int slot = LiveSlot(key, map.ValueAt(s));
            w.Int(key.AccountIndex);
            w.ULong(key.ClientOrderId);
            w.Long(slot == None ? 0 : _orders[slot].OrderId);
        }
    }

    private void LoadClientOrderIds(StateReader r)
    {
        int clientOrders = r.Count(20);
        for (int i = 0; i < clientOrders; i++)
        {
            int account = r.Index(_reference.AccountCount, "account");
            ulong id = r.ULong();
            long orderId = r.Long();
            int slot = None;
            if (orderId != 0 && !_orderIndex.TryGet(orderId, out slot))
                throw new InvalidDataException($"snapshot corrupt: client order id {id} names unknown order {orderId}");
            SetClientOrder(new ClientOrderKey(account, id), slot);
        }
    }
}
