namespace TradeX.Core;

// Read-only views of the engine's state for tools, tests and operators: built on request (they allocate),
// never on the hot path, and apart from the snapshot code.
public sealed partial class Engine
{
    public bool GlobalKillSwitch => _globalKill;

    public IReadOnlyList<AccountView> Accounts()
    {
        var list = new List<AccountView>(_reference.AccountCount);
        for (int i = 0; i < _reference.AccountCount; i++) list.Add(View(_accounts[i]));
        list.Sort((x, y) => x.Account.Value.CompareTo(y.Account.Value));
        return list;
    }

    public AccountView? GetAccount(AccountId account) => FindAccount(account.Value) is { } a ? View(a) : null;

    private static AccountView View(Account a) => new(
        new AccountId(a.Id), new ParticipantId(a.Participant), new Money(a.Cash), new Money(a.ReservedBuy), new Money(a.ReservedSell),
        new Money(a.Long), new Money(a.Short), new Money(a.Gross), new Money(a.Net), new Money(a.BuyingPower),
        new Money(a.Unrealized), new Money(a.Realized), new Money(a.DailyPnl), a.KillSwitch, a.OpenOrders);

    public IReadOnlyList<InstrumentView> Instruments()
    {
        var list = new List<InstrumentView>(_reference.InstrumentCount);
        for (int i = 0; i < _reference.InstrumentCount; i++)
        {
            Instrument x = _instruments[i];
            list.Add(new InstrumentView(new InstrumentId(x.Id), x.Symbol.ToString(), new Price(x.TickSize), new Quantity(x.LotSize),
                new Price(x.ReferencePrice), x.PriceBandBps, new Price(x.Mark), x.HolderCount));
        }
        list.Sort((x, y) => x.Instrument.Value.CompareTo(y.Instrument.Value));
        return list;
    }

    public IReadOnlyList<PositionView> Positions(AccountId account)
    {
        var list = new List<PositionView>();
        if (FindAccount(account.Value) is not { } a) return list;
        for (int s = a.PositionHead; s != None; s = _positions[s].AccountNext) list.Add(View(s));
        list.Sort((x, y) => x.Instrument.Value.CompareTo(y.Instrument.Value));
        return list;
    }

    public PositionView? GetPosition(AccountId account, InstrumentId instrument)
    {
        if (FindAccount(account.Value) is not { } a || FindInstrument(instrument.Value) is not { } x) return null;
        return _ledger.TryFind(a.Index, x.Index, out int s) ? View(s) : null;
    }

    private PositionView View(int slot)
    {
        ref PositionRecord p = ref _positions[slot];
        Instrument x = _instruments[p.InstrumentIndex];
        return new PositionView(new AccountId(_accounts[p.AccountIndex].Id), new InstrumentId(x.Id), new Quantity(p.Quantity),
            new Money(p.Cost), new Price(p.Quantity == 0 ? 0 : p.Cost / p.Quantity), new Price(x.Mark), new Money(p.Value),
            new Money(p.Realized), new Money(p.Unrealized), new Money(p.DailyPnl),
            new Quantity(p.OpenBuyQuantity), new Quantity(p.OpenSellQuantity));
    }

    public IReadOnlyList<OrderView> OpenOrders(AccountId account)
    {
        var list = new List<OrderView>();
        if (FindAccount(account.Value) is not { } a) return list;
        for (int s = a.OrderHead; s != None; s = _orders[s].AccountNext) list.Add(View(ref _orders[s]));
        return list;
    }

    public OrderView? GetOrder(OrderId orderId) =>
        _orderIndex.TryGet(orderId.Value, out int s) ? View(ref _orders[s]) : null;

    /// <summary>An open order by the client's id within an account.</summary>
    public OrderView? GetOrder(AccountId account, ClientOrderId clientOrderId) =>
        FindAccount(account.Value) is { } a && FindOpenOrder(a, default, clientOrderId) is var s && s != None
            ? View(ref _orders[s])
            : null;

    private OrderView View(ref OrderRecord o) => new(
        new OrderId(o.OrderId), new ClientOrderId(o.ClientOrderId), new AccountId(_accounts[o.AccountIndex].Id),
        new InstrumentId(_instruments[o.InstrumentIndex].Id), o.Side, o.Type, o.TimeInForce, new Price(o.Price),
        new Quantity(o.Quantity), new Quantity(o.Leaves), new Quantity(o.Filled), new VenueId(o.Venue), o.State.ToString(), o.AcceptedSequence);

    /// <summary>Up to <paramref name="maxLevels"/> levels of one side, best first.</summary>
    public IReadOnlyList<LevelView> Depth(InstrumentId instrument, Side side, int maxLevels = int.MaxValue)
    {
        var list = new List<LevelView>();
        if (FindInstrument(instrument.Value) is not { } x) return list;
        for (int d = 0; d < maxLevels && x.Book.TryGetLevel(side, d, out long price, out long quantity, out int orders, out _); d++)
            list.Add(new LevelView(new Price(price), new Quantity(quantity), orders));
        return list;
    }

    /// <summary>The orders resting at one price, in queue (time priority) order.</summary>
    public IReadOnlyList<OrderView> QueueAt(InstrumentId instrument, Side side, Price price)
    {
        var list = new List<OrderView>();
        if (FindInstrument(instrument.Value) is not { } x) return list;
        for (int d = 0; x.Book.TryGetLevel(side, d, out long levelPrice, out _, out _, out int head); d++)
        {
            if (levelPrice != price.Raw) continue;
            for (int s = head; s != None; s = x.Book.NextInQueue(s)) list.Add(View(ref _orders[s]));
            break;
        }
        return list;
    }

    /// <summary>The best level of one side without allocating: false when the side is empty.</summary>
    public bool TryGetBest(InstrumentId instrument, Side side, out Price price, out Quantity quantity)
    {
        price = default;
        quantity = default;
        if (FindInstrument(instrument.Value) is not { } x || !x.Book.TryGetBest(side, out long best, out long size)) return false;
        price = new Price(best);
        quantity = new Quantity(size);
        return true;
    }

    /// <summary>The open fill breaks, oldest first.</summary>
    public IReadOnlyList<FillBreakView> OpenBreaks()
    {
        var list = new List<FillBreakView>(_breaks.Count);
        for (int i = 0; i < _breaks.Count; i++)
        {
            var b = _breaks[i];
            ref PositionRecord p = ref _positions[b.PositionIndex];
            list.Add(new FillBreakView(b.Id, b.Sequence, new VenueId(b.Venue), b.ExecutionId, new OrderId(b.OrderId), new ClientOrderId(b.ClientOrderId),
                new AccountId(_accounts[p.AccountIndex].Id), new InstrumentId(_instruments[p.InstrumentIndex].Id), b.Side,
                new Quantity(b.Quantity), new Price(b.Price), b.Reason));
        }
        return list;
    }

    /// <summary>The children of a routed parent, in the order they were sent.</summary>
    public IReadOnlyList<OrderView> ChildOrders(OrderId parent)
    {
        var list = new List<OrderView>();
        if (!_orderIndex.TryGet(parent.Value, out int slot) || _orders[slot].Role != OrderRole.Parent) return list;
        for (int c = _orders[slot].ChildHead; c != None; c = _orders[c].Next) list.Add(View(ref _orders[c]));
        return list;
    }

    /// <summary>A parent's quantity committed to its children (working, cancel pending or unknown), and what is not yet placed.</summary>
    public (Quantity Committed, Quantity Unplaced)? RoutingState(OrderId parent)
    {
        if (!_orderIndex.TryGet(parent.Value, out int slot) || _orders[slot].Role != OrderRole.Parent) return null;
        ref OrderRecord p = ref _orders[slot];
        return (new Quantity(p.ChildOpen), new Quantity(p.Leaves - p.ChildOpen));
    }
}
