using System.Runtime.CompilerServices;

namespace TradeX.Core;

public sealed partial class Engine
{
    // ---- new orders ----------------------------------------------------------------------

    private void OnNewOrder(in NewOrder o)
    {
        Account? account = FindAccount(o.Account.Value);
        if (account is null) { RejectOrder(in o, RejectReason.UnknownAccount); return; }
        if (_globalKill || account.KillSwitch) { RejectOrder(in o, RejectReason.KillSwitchActive); return; }
        Instrument? instrument = FindInstrument(o.Instrument.Value);
        if (instrument is null) { RejectOrder(in o, RejectReason.UnknownInstrument); return; }

        RejectReason invalid = ValidateNewOrder(in o, instrument);
        if (invalid != RejectReason.None) { RejectOrder(in o, invalid); return; }
        long reservePrice = o.Type == OrderType.Limit ? o.Price.Raw : MarketProtectionPrice(in o, instrument);
        if (!Money.TryNotional(new Price(reservePrice), o.Quantity, out Money notional))
        {
            RejectOrder(in o, RejectReason.NotionalOverflow);
            return;
        }
        if (_clientOrders.ContainsKey(new ClientOrderKey(account.Index, o.ClientOrderId.Value)))
        {
            RejectOrder(in o, RejectReason.DuplicateClientOrderId);
            return;
        }
        if (_store.IsFull || ClientOrderIdsFull) { RejectOrder(in o, RejectReason.OrderCapacity); return; }
        int positionSlot = _ledger.FindOrCreate(account, instrument);
        if (positionSlot == None) { RejectOrder(in o, RejectReason.PositionCapacity); return; }

        // The check and the reservation are one step on one thread: nothing can slip between them.
        var request = RiskRequest.NewOrder(o.Side, o.Quantity, notional);
        RejectReason risk = CheckRisk(account, ref _positions[positionSlot], in request, out int softBreaches);
        if (risk != RejectReason.None)
        {
            RejectOrder(in o, risk);
            return;
        }

        int slot = _store.Allocate();
        ref OrderRecord r = ref _orders[slot];
        r.OrderId = _nextOrderId++;
        r.ClientOrderId = o.ClientOrderId.Value;
        r.Price = o.Type == OrderType.Limit ? o.Price.Raw : 0;
        r.ReservePrice = reservePrice;
        r.Quantity = o.Quantity.Units;
        r.Leaves = o.Quantity.Units;
        r.AcceptedSequence = _events.Sequence;
        r.AccountIndex = account.Index;
        r.InstrumentIndex = instrument.Index;
        r.PositionIndex = positionSlot;
        r.Participant = account.Participant;
        r.Venue = o.Venue.Value;
        r.Session = o.Session;
        r.Side = o.Side;
        r.Type = o.Type;
        // A market order never rests: unless fill-or-kill, it behaves as immediate-or-cancel.
        r.TimeInForce = o.Type == OrderType.Market && o.TimeInForce != TimeInForce.FillOrKill
            ? TimeInForce.ImmediateOrCancel
            : o.TimeInForce;
        r.State = o.Venue.IsInternal ? OrderState.Incoming : OrderState.AtVenue;

        _orderIndex.Add(r.OrderId, slot);
        SetClientOrder(new ClientOrderKey(account.Index, r.ClientOrderId), slot);
        LinkToAccount(account, slot);
        _ledger.Reserve(account, ref r);
        account.Rate.Record(_events.Now);
        _counters.OrdersAccepted++;

        PublishAccepted(slot, o.TimeInForce);
        if (softBreaches != 0) _risk.PublishSoftBreaches(account, softBreaches);

        if (r.State == OrderState.AtVenue)
        {
            PublishVenueOrderRequested(slot);
        }
        else
        {
            MatchIncoming(slot, instrument, route: o.Routing == RoutingPolicy.SmartRoute);
        }
        PublishExposure(account);
    }

    private static RejectReason ValidateNewOrder(in NewOrder o, Instrument instrument)
    {
        if (o.Side != Side.Buy && o.Side != Side.Sell) return RejectReason.InvalidSide;
        if (o.Type != OrderType.Limit && o.Type != OrderType.Market) return RejectReason.InvalidOrderType;
        if (o.TimeInForce != TimeInForce.Day && o.TimeInForce != TimeInForce.GoodTillCancel &&
            o.TimeInForce != TimeInForce.ImmediateOrCancel && o.TimeInForce != TimeInForce.FillOrKill)
            return RejectReason.InvalidTimeInForce;
        if (o.Quantity.Units <= 0) return RejectReason.InvalidQuantity;
        if (o.Quantity.Units % instrument.LotSize != 0) return RejectReason.LotSize;
        if (o.Venue.Value < 0) return RejectReason.InvalidVenue;
        if (o.Routing != RoutingPolicy.Internal &&
            (o.Routing != RoutingPolicy.SmartRoute || !o.Venue.IsInternal || o.TimeInForce == TimeInForce.FillOrKill))
            return RejectReason.RoutingNotSupported;
        if (o.Type == OrderType.Limit)
        {
            long price = o.Price.Raw;
            if (price <= 0) return RejectReason.InvalidPrice;
            if (price % instrument.TickSize != 0) return RejectReason.TickSize;
            if (price < instrument.CollarLow || price > instrument.CollarHigh) return RejectReason.PriceCollar;
        }
        return RejectReason.None;
    }

    /// <summary>
    /// A market order is protected: it trades, and reserves, no further than its protection price (see
    /// <see cref="Instrument.ProtectionPrice"/>) from the best opposite price it can execute against — the
    /// internal book for an internal order, the book and every routable venue's displayed price for a
    /// smart-routed one, the target venue's displayed price (else the book) for a directed one.
    /// </summary>
    private long MarketProtectionPrice(in NewOrder o, Instrument instrument)
    {
        bool buy = o.Side == Side.Buy;
        long best = 0;
        if (!o.Venue.IsInternal)
        {
            best = _router.DisplayedOpposite(o.Venue.Value, instrument.Index, buy);
        }
        else if (o.Routing == RoutingPolicy.SmartRoute)
        {
            best = _router.BestDisplayedOpposite(instrument.Index, buy);
        }
        if (best == 0 || o.Venue.IsInternal)
        {
            if (instrument.Book.TryGetBest(buy ? Side.Sell : Side.Buy, out long bookBest, out _)) best = SmartRouter.BetterPrice(best, bookBest, buy);
        }
        return instrument.ProtectionPrice(o.Side, best, _options.DefaultMarketProtectionBps);
    }

    private void RejectOrder(in NewOrder o, RejectReason reason)
    {
        _counters.OrdersRejected++;
        EngineEvent e = default;
        ref OrderRejected x = ref e.OrderRejected;
        x.ClientOrderId = o.ClientOrderId;
        x.Account = o.Account;
        x.Instrument = o.Instrument;
        x.Side = o.Side;
        x.Price = o.Price;
        x.Quantity = o.Quantity;
        x.Session = o.Session;
        x.Reason = reason;
        x.Type = o.Type;
        x.TimeInForce = o.TimeInForce;
        Publish(ref e, EventKind.OrderRejected);
    }

    private void PublishAccepted(int slot, TimeInForce requested)
    {
        ref OrderRecord r = ref _orders[slot];
        EngineEvent e = default;
        ref OrderAccepted x = ref e.OrderAccepted;
        x.OrderId = new OrderId(r.OrderId);
        x.ClientOrderId = new ClientOrderId(r.ClientOrderId);
        x.Account = new AccountId(_accounts[r.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[r.InstrumentIndex].Id);
        x.Side = r.Side;
        x.Type = r.Type;
        x.TimeInForce = requested;
        x.Price = new Price(r.Price);
        x.Quantity = new Quantity(r.Quantity);
        x.Venue = new VenueId(r.Venue);
        x.Session = r.Session;
        x.IsQuote = r.IsQuote;
        Publish(ref e, EventKind.OrderAccepted);
    }

    /// <summary>
    /// Asks a venue's session to send an order working there: a directed order, or a routed parent's child with what
    /// routing saw (its rank in the sweep, 0 for a resting child; the venue's displayed price, size and fee).
    /// </summary>
    private void PublishVenueOrderRequested(int slot, long parentOrderId = 0, byte rank = 0, long displayedPrice = 0, long displayedSize = 0, long feePerUnit = 0)
    {
        ref OrderRecord r = ref _orders[slot];
        EngineEvent e = default;
        ref VenueOrderRequested x = ref e.VenueOrderRequested;
        x.OrderId = new OrderId(r.OrderId);
        x.ClientOrderId = new ClientOrderId(r.ClientOrderId);
        x.ParentOrderId = new OrderId(parentOrderId);
        x.Account = new AccountId(_accounts[r.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[r.InstrumentIndex].Id);
        x.Venue = new VenueId(r.Venue);
        x.Side = r.Side;
        // A market order goes to the venue as what it is here: immediate-or-cancel, limited at its protection price,
        // so the venue cannot fill it beyond what it reserved.
        x.Type = OrderType.Limit;
        x.TimeInForce = r.TimeInForce;
        x.Price = new Price(r.Type == OrderType.Market ? r.ReservePrice : r.Price);
        x.Quantity = new Quantity(r.Leaves);
        x.DisplayedPrice = new Price(displayedPrice);
        x.DisplayedSize = new Quantity(displayedSize);
        x.FeePerUnit = new Price(feePerUnit);
        x.Rank = rank;
        Publish(ref e, EventKind.VenueOrderRequested);
    }

    // ---- matching ------------------------------------------------------------------------

    /// <summary>
    /// Matches an incoming (or re-prioritised) order against the opposite side in price-time
    /// priority, at the resting orders' prices; then rests, or cancels, what is left.
    /// </summary>
    private void MatchIncoming(int slot, Instrument instrument, bool route = false)
    {
        ref OrderRecord o = ref _orders[slot];
        o.State = OrderState.Incoming;
        OrderBook book = instrument.Book;
        long limit = o.Type == OrderType.Market ? o.ReservePrice : o.Price;

        if (o.TimeInForce == TimeInForce.FillOrKill && !book.CanFill(o.Side, limit, o.Participant, o.Leaves))
        {
            CancelOrder(slot, CancelReason.FillOrKill, default);
            return;
        }

        bool selfTrade = false;
        while (o.Leaves > 0)
        {
            int head = book.BestMatch(o.Side, limit, out long levelPrice);
            if (head == None) break;
            if (_orders[head].Participant == o.Participant)
            {
                // Self-trade prevention: cancel the incoming remainder; the resting order keeps its place.
                selfTrade = true;
                break;
            }
            long quantity = Math.Min(o.Leaves, _orders[head].Leaves);
            Cross(slot, head, book, quantity, levelPrice, instrument);
        }

        if (o.Leaves == 0)
        {
            CloseOrder(slot);
            return;
        }
        if (selfTrade) CancelOrder(slot, CancelReason.SelfTradePrevention, default);
        else if (route) BecomeParent(slot);
        else if (o.Type == OrderType.Market) CancelOrder(slot, CancelReason.MarketProtection, default);
        else if (o.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill) CancelOrder(slot, CancelReason.ImmediateOrCancel, default);
        else
        {
            o.State = OrderState.Resting;
            book.Rest(slot);
        }
    }

    /// <summary>One internal trade between the aggressor and the resting order at the head of a level.</summary>
    private void Cross(int aggressorSlot, int restingSlot, OrderBook book, long quantity, long price, Instrument instrument)
    {
        ref OrderRecord a = ref _orders[aggressorSlot];
        ref OrderRecord r = ref _orders[restingSlot];
        Account aggressorAccount = _accounts[a.AccountIndex];
        Account restingAccount = _accounts[r.AccountIndex];

        book.Reduce(restingSlot, quantity);
        r.Filled += quantity;
        _ledger.ReleaseDeferringRisk(restingAccount, ref r, quantity);
        a.Leaves -= quantity;
        a.Filled += quantity;
        _ledger.ReleaseDeferringRisk(aggressorAccount, ref a, quantity);

        ApplyFill(aggressorAccount, a.PositionIndex, a.Side == Side.Buy ? quantity : -quantity, price, a.ReservePrice);
        ApplyFill(restingAccount, r.PositionIndex, r.Side == Side.Buy ? quantity : -quantity, price, r.ReservePrice);
        _counters.Trades++;

        EngineEvent e = default;
        ref Trade t = ref e.Trade;
        t.TradeId = new TradeId(_nextTradeId++);
        t.Instrument = new InstrumentId(instrument.Id);
        t.Price = new Price(price);
        t.Quantity = new Quantity(quantity);
        t.AggressorSide = a.Side;
        ref OrderRecord buy = ref a.Side == Side.Buy ? ref a : ref r;
        ref OrderRecord sell = ref a.Side == Side.Buy ? ref r : ref a;
        t.BuyOrderId = new OrderId(buy.OrderId);
        t.BuyClientOrderId = new ClientOrderId(buy.ClientOrderId);
        t.BuyAccount = new AccountId(_accounts[buy.AccountIndex].Id);
        t.BuyLeaves = new Quantity(buy.Leaves);
        t.BuyCumQuantity = new Quantity(buy.Quantity - buy.Leaves);
        t.SellOrderId = new OrderId(sell.OrderId);
        t.SellClientOrderId = new ClientOrderId(sell.ClientOrderId);
        t.SellAccount = new AccountId(_accounts[sell.AccountIndex].Id);
        t.SellLeaves = new Quantity(sell.Leaves);
        t.SellCumQuantity = new Quantity(sell.Quantity - sell.Leaves);
        t.BuySession = buy.Session;
        t.SellSession = sell.Session;
        t.BuyIsQuote = buy.IsQuote;
        t.SellIsQuote = sell.IsQuote;
        Publish(ref e, EventKind.Trade);
        if (a.IsQuote) _protection.RecordQuoteFill(a.Participant, instrument, quantity, _events.Now);
        if (r.IsQuote) _protection.RecordQuoteFill(r.Participant, instrument, quantity, _events.Now);

        PublishPosition(a.PositionIndex);
        PublishPosition(r.PositionIndex);
        if (r.Leaves == 0)
        {
            book.Remove(restingSlot);
            CloseOrder(restingSlot);
        }
        PublishExposure(restingAccount);
    }

    // ---- reservations and order lifecycle -------------------------------------------------

    private void LinkToAccount(Account account, int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        o.AccountPrev = account.OrderTail;
        o.AccountNext = None;
        if (account.OrderTail != None) _orders[account.OrderTail].AccountNext = slot;
        else account.OrderHead = slot;
        account.OrderTail = slot;
        account.OpenOrders++;
    }

    private void UnlinkFromAccount(Account account, int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        if (o.AccountPrev != None) _orders[o.AccountPrev].AccountNext = o.AccountNext;
        else account.OrderHead = o.AccountNext;
        if (o.AccountNext != None) _orders[o.AccountNext].AccountPrev = o.AccountPrev;
        else account.OrderTail = o.AccountPrev;
        account.OpenOrders--;
    }

    /// <summary>Forgets a finished order (filled or cancelled, not in a level); its client order id stays used for the day.</summary>
    private void CloseOrder(int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        Account account = _accounts[o.AccountIndex];
        UnlinkFromAccount(account, slot);
        _orderIndex.Remove(o.OrderId);
        if (o.Role == OrderRole.Parent) _router.UnlinkParent(slot);
        else if (o.Venue != 0) RememberEndedVenueOrder(ref o);
        if (o.IsQuote)
        {
            ref PositionRecord p = ref _positions[o.PositionIndex];
            if (p.BidQuote == slot) p.BidQuote = None;
            if (p.AskQuote == slot) p.AskQuote = None;
        }
        // A client order id stays used for the day; its index entry is not touched here (one cache miss
        // saved per closed order): entries are checked against the slot they name (LiveSlot).
        _store.Free(slot);
    }

    /// <summary>
    /// Cancels what is left of an order that is not in a level (incoming) or is resting: releases its
    /// reservation, publishes OrderCanceled and closes it.
    /// </summary>
    private void CancelOrder(int slot, CancelReason reason, ClientOrderId requestId)
    {
        ref OrderRecord o = ref _orders[slot];
        Account account = _accounts[o.AccountIndex];
        if (o.State == OrderState.Resting) _instruments[o.InstrumentIndex].Book.Remove(slot);
        long canceled = o.Leaves;
        _ledger.Release(account, ref o, canceled);
        o.Leaves = 0;

        EngineEvent e = default;
        ref OrderCanceled x = ref e.OrderCanceled;
        x.OrderId = new OrderId(o.OrderId);
        x.ClientOrderId = new ClientOrderId(o.ClientOrderId);
        x.RequestClientOrderId = requestId;
        x.Account = new AccountId(account.Id);
        x.Instrument = new InstrumentId(_instruments[o.InstrumentIndex].Id);
        x.Side = o.Side;
        x.CanceledQuantity = new Quantity(canceled);
        x.FilledQuantity = new Quantity(o.Filled);
        x.Reason = reason;
        x.Session = o.Session;
        x.IsQuote = o.IsQuote;
        Publish(ref e, EventKind.OrderCanceled);
        CloseOrder(slot);
    }

    /// <summary>Asks the venue to cancel an order working there; the reservation stays until the venue confirms.</summary>
    private void RequestVenueCancel(int slot, CancelReason reason)
    {
        ref OrderRecord o = ref _orders[slot];
        o.State = OrderState.VenueCancelPending;
        EngineEvent e = default;
        ref VenueCancelRequested x = ref e.VenueCancelRequested;
        x.OrderId = new OrderId(o.OrderId);
        x.Account = new AccountId(_accounts[o.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[o.InstrumentIndex].Id);
        x.Venue = new VenueId(o.Venue);
        x.Reason = reason;
        Publish(ref e, EventKind.VenueCancelRequested);
    }

    /// <summary>Cancels every open order of an account (internal ones at once, venue ones by request).</summary>
    private int CancelAccountOrders(Account account, CancelReason reason, int instrumentIndexOrAll = None, int sessionOrAll = 0, bool quotesOnly = false)
    {
        int count = 0;
        int slot = account.OrderHead;
        while (slot != None)
        {
            int next = _orders[slot].AccountNext;
            ref OrderRecord o = ref _orders[slot];
            if ((instrumentIndexOrAll == None || o.InstrumentIndex == instrumentIndexOrAll) &&
                (sessionOrAll == 0 || o.Session == sessionOrAll) && (!quotesOnly || o.IsQuote))
            {
                if (o.State == OrderState.Resting)
                {
                    CancelOrder(slot, reason, default);
                    count++;
                }
                else if (o.State == OrderState.AtVenue)
                {
                    RequestVenueCancel(slot, reason);
                    count++;
                }
                else if (o.State == OrderState.Routed)
                {
                    CancelParent(slot, reason, default);
                    count++;
                }
            }
            slot = next;
        }
        if (count > 0) PublishExposure(account);
        return count;
    }

    // ---- cancel, replace, mass cancel ------------------------------------------------------

    /// <summary>Finds an open order of an account by engine id, or else by client order id; -1 when none.</summary>
    private int FindOpenOrder(Account account, OrderId orderId, ClientOrderId clientOrderId)
    {
        if (!orderId.IsNone)
        {
            return _orderIndex.TryGet(orderId.Value, out int bySlot) && _orders[bySlot].AccountIndex == account.Index
                ? bySlot
                : None;
        }
        var key = new ClientOrderKey(account.Index, clientOrderId.Value);
        return _clientOrders.TryGetValue(key, out int slot) ? LiveSlot(key, slot) : None;
    }

    /// <summary>
    /// The slot a client-order-id entry names, if that slot still holds the order it was made for; -1 when
    /// the order has ended (its slot is free, or holds another order: every other live order has another
    /// account or client order id, since duplicates are refused while the entry exists).
    /// </summary>
    private int LiveSlot(ClientOrderKey key, int slot)
    {
        if (slot == None) return None;
        ref OrderRecord o = ref _orders[slot];
        return o.State != OrderState.Free && !o.IsQuote && o.Role != OrderRole.Child &&
               o.AccountIndex == key.AccountIndex && o.ClientOrderId == key.ClientOrderId
            ? slot
            : None;
    }

    private void OnCancel(in CancelOrder c)
    {
        Account? account = FindAccount(c.Account.Value);
        if (account is null) { RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, c.OrderId, RejectReason.UnknownAccount, false, c.Session, c.Instrument); return; }
        int slot = FindOpenOrder(account, c.OrderId, c.OrigClientOrderId);
        if (slot == None) { RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, c.OrderId, RejectReason.UnknownOrder, false, c.Session, c.Instrument); return; }
        ref OrderRecord o = ref _orders[slot];
        switch (o.State)
        {
            case OrderState.Resting:
                CancelOrder(slot, CancelReason.ClientRequest, c.ClientOrderId);
                PublishExposure(account);
                break;
            case OrderState.AtVenue:
                RequestVenueCancel(slot, CancelReason.ClientRequest);
                break;
            case OrderState.Routed:
                CancelParent(slot, CancelReason.ClientRequest, c.ClientOrderId);
                PublishExposure(account);
                break;
            default:
                RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, new OrderId(o.OrderId), RejectReason.CancelPending, false, c.Session, c.Instrument);
                break;
        }
    }

    private void RejectCancel(AccountId account, ClientOrderId id, ClientOrderId origId, OrderId orderId, RejectReason reason, bool wasReplace, int session, InstrumentId instrument)
    {
        EngineEvent e = default;
        ref CancelRejected x = ref e.CancelRejected;
        x.Account = account;
        x.ClientOrderId = id;
        x.OrigClientOrderId = origId;
        x.OrderId = orderId;
        x.Reason = reason;
        x.WasReplace = wasReplace;
        x.Session = session;
        x.Instrument = instrument;
        Publish(ref e, EventKind.CancelRejected);
    }

    private void OnReplace(in ReplaceOrder c)
    {
        Account? account = FindAccount(c.Account.Value);
        if (account is null) { RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, c.OrderId, RejectReason.UnknownAccount, true, c.Session, c.Instrument); return; }
        int slot = FindOpenOrder(account, c.OrderId, c.OrigClientOrderId);
        if (slot == None) { RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, c.OrderId, RejectReason.UnknownOrder, true, c.Session, c.Instrument); return; }
        ref OrderRecord o = ref _orders[slot];
        if (o.Role == OrderRole.Parent)
        {
            ReplaceParent(in c, account, slot);
            return;
        }
        RejectReason reason = ValidateReplace(in c, account, ref o, out long newPrice);
        long newLeaves = c.Quantity.Units - o.Filled;
        long orderNotional = 0;
        if (reason == RejectReason.None)
        {
            if (Money.TryNotional(new Price(newPrice), c.Quantity, out Money notional)) orderNotional = notional.Raw;
            else reason = RejectReason.NotionalOverflow;
        }
        int softBreaches = 0;
        if (reason == RejectReason.None)
        {
            var request = RiskRequest.Change(o.Side, c.Quantity, new Money(orderNotional), new Quantity(newLeaves - o.Leaves),
                new Money(newLeaves * newPrice - o.Leaves * o.ReservePrice));
            reason = CheckRisk(account, ref _positions[o.PositionIndex], in request, out softBreaches);
        }
        if (reason != RejectReason.None)
        {
            RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, new OrderId(o.OrderId), reason, true, c.Session, c.Instrument);
            return;
        }

        Instrument instrument = _instruments[o.InstrumentIndex];
        OrderBook book = instrument.Book;
        ulong oldClientOrderId = o.ClientOrderId;
        bool loses = newPrice != o.Price || c.Quantity.Units > o.Quantity;
        _ledger.ReleaseDeferringRisk(account, ref o, o.Leaves);
        if (loses)
        {
            book.Remove(slot);
            o.Price = newPrice;
            o.ReservePrice = newPrice;
            o.Leaves = newLeaves;
        }
        else
        {
            book.Reduce(slot, o.Leaves - newLeaves);
        }
        o.Quantity = c.Quantity.Units;
        _ledger.Reserve(account, ref o);
        if (c.ClientOrderId.Value != 0 && c.ClientOrderId.Value != oldClientOrderId)
        {
            SetClientOrder(new ClientOrderKey(account.Index, oldClientOrderId), None);
            SetClientOrder(new ClientOrderKey(account.Index, c.ClientOrderId.Value), slot);
            o.ClientOrderId = c.ClientOrderId.Value;
        }

        PublishReplaced(slot, oldClientOrderId, loses);
        if (softBreaches != 0) _risk.PublishSoftBreaches(account, softBreaches);

        // Losing priority is re-entry: the order may now cross, and rests at the back of its level.
        if (loses) MatchIncoming(slot, instrument);
        PublishExposure(account);
    }

    /// <summary>
    /// Resizes a routed parent. The new quantity may not go below what is filled plus what its children
    /// have working (that would need cancels first: the client cancels instead); a price change is not
    /// supported for routed orders. More quantity is routed at once; less shrinks what is not yet placed.
    /// </summary>
    private void ReplaceParent(in ReplaceOrder c, Account account, int slot)
    {
        ref OrderRecord o = ref _orders[slot];
        Instrument instrument = _instruments[o.InstrumentIndex];
        RejectReason reason = RejectReason.None;
        if (o.State != OrderState.Routed) reason = RejectReason.CancelPending;
        else if (c.Price.Raw != 0 && c.Price.Raw != o.Price) reason = RejectReason.ReplaceNotSupported;
        else if (c.Quantity.Units <= 0) reason = RejectReason.InvalidQuantity;
        else if (c.Quantity.Units % instrument.LotSize != 0) reason = RejectReason.LotSize;
        else if (c.Quantity.Units <= o.Filled) reason = RejectReason.ReplaceBelowFilled;
        else if (c.Quantity.Units < o.Filled + o.ChildOpen) reason = RejectReason.ReplaceBelowCommitted;
        else if (c.ClientOrderId.Value != 0 && c.ClientOrderId.Value != o.ClientOrderId &&
                 _clientOrders.ContainsKey(new ClientOrderKey(account.Index, c.ClientOrderId.Value)))
            reason = RejectReason.DuplicateClientOrderId;
        else if (c.ClientOrderId.Value != 0 && c.ClientOrderId.Value != o.ClientOrderId && ClientOrderIdsFull) reason = RejectReason.OrderCapacity;
        long newLeaves = c.Quantity.Units - o.Filled;
        long addQuantity = newLeaves - o.Leaves;
        if (reason == RejectReason.None && !Money.TryNotional(new Price(o.ReservePrice), c.Quantity, out _)) reason = RejectReason.NotionalOverflow;
        int softBreaches = 0;
        if (reason == RejectReason.None)
        {
            var request = RiskRequest.Change(o.Side, c.Quantity, new Money(c.Quantity.Units * o.ReservePrice), new Quantity(addQuantity),
                new Money(addQuantity * o.ReservePrice));
            reason = CheckRisk(account, ref _positions[o.PositionIndex], in request, out softBreaches);
        }
        if (reason != RejectReason.None)
        {
            RejectCancel(c.Account, c.ClientOrderId, c.OrigClientOrderId, new OrderId(o.OrderId), reason, true, c.Session, c.Instrument);
            return;
        }
        ulong oldClientOrderId = o.ClientOrderId;
        _ledger.ReleaseDeferringRisk(account, ref o, o.Leaves);
        o.Quantity = c.Quantity.Units;
        o.Leaves = newLeaves;
        _ledger.Reserve(account, ref o);
        if (c.ClientOrderId.Value != 0 && c.ClientOrderId.Value != oldClientOrderId)
        {
            SetClientOrder(new ClientOrderKey(account.Index, oldClientOrderId), None);
            SetClientOrder(new ClientOrderKey(account.Index, c.ClientOrderId.Value), slot);
            o.ClientOrderId = c.ClientOrderId.Value;
        }
        PublishReplaced(slot, oldClientOrderId, priorityLost: false);
        if (softBreaches != 0) _risk.PublishSoftBreaches(account, softBreaches);
        if (addQuantity > 0) Route(slot, sweep: true);
        PublishExposure(account);
    }

    private void PublishReplaced(int slot, ulong origClientOrderId, bool priorityLost)
    {
        ref OrderRecord o = ref _orders[slot];
        EngineEvent e = default;
        ref OrderReplaced x = ref e.OrderReplaced;
        x.OrderId = new OrderId(o.OrderId);
        x.OrigClientOrderId = new ClientOrderId(origClientOrderId);
        x.ClientOrderId = new ClientOrderId(o.ClientOrderId);
        x.Account = new AccountId(_accounts[o.AccountIndex].Id);
        x.Instrument = new InstrumentId(_instruments[o.InstrumentIndex].Id);
        x.Side = o.Side;
        x.Price = new Price(o.Price);
        x.Quantity = new Quantity(o.Quantity);
        x.Leaves = new Quantity(o.Leaves);
        x.PriorityLost = priorityLost;
        x.Session = o.Session;
        x.IsQuote = o.IsQuote;
        x.Type = o.Type;
        x.TimeInForce = o.TimeInForce;
        Publish(ref e, EventKind.OrderReplaced);
    }

    private RejectReason ValidateReplace(in ReplaceOrder c, Account account, ref OrderRecord o, out long newPrice)
    {
        newPrice = c.Price.Raw == 0 ? o.Price : c.Price.Raw;
        if (o.State != OrderState.Resting || o.IsQuote)
            return o.State == OrderState.VenueCancelPending ? RejectReason.CancelPending : RejectReason.ReplaceNotSupported;
        Instrument instrument = _instruments[o.InstrumentIndex];
        if (c.Quantity.Units <= 0) return RejectReason.InvalidQuantity;
        if (c.Quantity.Units % instrument.LotSize != 0) return RejectReason.LotSize;
        if (newPrice <= 0) return RejectReason.InvalidPrice;
        if (newPrice % instrument.TickSize != 0) return RejectReason.TickSize;
        if (newPrice < instrument.CollarLow || newPrice > instrument.CollarHigh) return RejectReason.PriceCollar;
        if (c.Quantity.Units <= o.Filled) return RejectReason.ReplaceBelowFilled;
        if (c.ClientOrderId.Value != 0 && c.ClientOrderId.Value != o.ClientOrderId &&
            _clientOrders.ContainsKey(new ClientOrderKey(account.Index, c.ClientOrderId.Value)))
            return RejectReason.DuplicateClientOrderId;
        if (c.ClientOrderId.Value != 0 && c.ClientOrderId.Value != o.ClientOrderId && ClientOrderIdsFull) return RejectReason.OrderCapacity;
        return RejectReason.None;
    }

    private void OnMassCancel(in MassCancel m)
    {
        int count = 0;
        int within = None;
        if (m.Instrument.Value != 0)
        {
            if (m.Scope == MassCancelScope.Instrument) { RejectInput(InputKind.MassCancel, RejectReason.InvalidScope, m.Target); return; }
            Instrument? narrowed = FindInstrument(m.Instrument.Value);
            if (narrowed is null) { RejectInput(InputKind.MassCancel, RejectReason.UnknownInstrument, m.Instrument.Value); return; }
            within = narrowed.Index;
        }
        switch (m.Scope)
        {
            case MassCancelScope.Account:
                Account? account = FindAccount(m.Target);
                if (account is null) { RejectInput(InputKind.MassCancel, RejectReason.UnknownAccount, m.Target); return; }
                count = CancelAccountOrders(account, CancelReason.MassCancel, within, quotesOnly: m.QuotesOnly);
                break;
            case MassCancelScope.Participant:
                for (int i = 0; i < _reference.AccountCount; i++)
                    if (_accounts[i].Participant == m.Target) count += CancelAccountOrders(_accounts[i], CancelReason.MassCancel, within, quotesOnly: m.QuotesOnly);
                break;
            case MassCancelScope.Instrument:
                Instrument? instrument = FindInstrument(m.Target);
                if (instrument is null) { RejectInput(InputKind.MassCancel, RejectReason.UnknownInstrument, m.Target); return; }
                for (int i = 0; i < _reference.AccountCount; i++)
                    count += CancelAccountOrders(_accounts[i], CancelReason.MassCancel, instrument.Index, quotesOnly: m.QuotesOnly);
                break;
            case MassCancelScope.Session:
                if (m.Target <= 0) { RejectInput(InputKind.MassCancel, RejectReason.InvalidScope, m.Target); return; }
                for (int i = 0; i < _reference.AccountCount; i++)
                    count += CancelAccountOrders(_accounts[i], CancelReason.MassCancel, within, sessionOrAll: m.Target, quotesOnly: m.QuotesOnly);
                break;
            default:
                RejectInput(InputKind.MassCancel, RejectReason.InvalidScope, m.Target);
                return;
        }
        AcceptInput(InputKind.MassCancel, m.Target, count);
    }

    /// <summary>The day's client order ids are used up: the index stays within its size, so it never grows on this thread.</summary>
    private bool ClientOrderIdsFull
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _clientOrders.Count >= _clientOrderIdLimit;
    }
}
