namespace TradeX.Core;

public sealed partial class Engine
{
    // ---- quotes --------------------------------------------------------------------------

    private void OnQuote(in Quote q)
    {
        Account? account = FindAccount(q.Account.Value);
        if (account is null) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, RejectReason.UnknownAccount); return; }
        if (_globalKill || account.KillSwitch) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, RejectReason.KillSwitchActive); return; }
        Instrument? instrument = FindInstrument(q.Instrument.Value);
        if (instrument is null) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, RejectReason.UnknownInstrument); return; }
        if (_protection.IsTripped(account.Participant, instrument.Id))
        {
            PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, RejectReason.ProtectionTripped);
            return;
        }
        RejectReason invalid = ValidateQuoteSide(instrument, q.BidPrice, q.BidSize);
        if (invalid == RejectReason.None) invalid = ValidateQuoteSide(instrument, q.AskPrice, q.AskSize);
        if (invalid == RejectReason.None && q.BidSize.Units > 0 && q.AskSize.Units > 0 && q.BidPrice >= q.AskPrice) invalid = RejectReason.CrossedQuote;
        long bidNotional = 0, askNotional = 0;
        if (invalid == RejectReason.None)
        {
            if (Money.TryNotional(q.BidPrice, q.BidSize, out Money bid) && Money.TryNotional(q.AskPrice, q.AskSize, out Money ask))
            {
                bidNotional = bid.Raw;
                askNotional = ask.Raw;
            }
            else
            {
                invalid = RejectReason.NotionalOverflow;
            }
        }
        if (invalid != RejectReason.None) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, invalid); return; }
        int positionSlot = _ledger.FindOrCreate(account, instrument);
        if (positionSlot == None) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, RejectReason.PositionCapacity); return; }
        ref PositionRecord p = ref _positions[positionSlot];
        int newSides = (q.BidSize.Units > 0 && p.BidQuote == None ? 1 : 0) + (q.AskSize.Units > 0 && p.AskQuote == None ? 1 : 0);
        if (newSides > _store.Available) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, RejectReason.OrderCapacity); return; }

        // Both sides are checked together, against what the whole quote changes: one unit.
        long buyQuantity = q.BidSize.Units - (p.BidQuote == None ? 0 : _orders[p.BidQuote].Leaves);
        long buyNotional = bidNotional - (p.BidQuote == None ? 0 : _orders[p.BidQuote].Leaves * _orders[p.BidQuote].ReservePrice);
        long sellQuantity = q.AskSize.Units - (p.AskQuote == None ? 0 : _orders[p.AskQuote].Leaves);
        long sellNotional = askNotional - (p.AskQuote == None ? 0 : _orders[p.AskQuote].Leaves * _orders[p.AskQuote].ReservePrice);
        var request = new RiskRequest
        {
            OrderQuantity = Quantity.Of(Math.Max(q.BidSize.Units, q.AskSize.Units)), OrderNotional = new Money(Math.Max(bidNotional, askNotional)),
            BuyQuantity = Quantity.Of(buyQuantity), BuyNotional = new Money(buyNotional),
            SellQuantity = Quantity.Of(sellQuantity), SellNotional = new Money(sellNotional),
        };
        RejectReason risk = CheckRisk(account, ref p, in request, out int softBreaches);
        if (risk != RejectReason.None) { PublishQuoteStatus(in q, QuoteEntryStatus.Rejected, risk); return; }

        ApplyQuoteSide(account, instrument, positionSlot, Side.Buy, q.BidPrice.Raw, q.BidSize.Units, in q);
        ApplyQuoteSide(account, instrument, positionSlot, Side.Sell, q.AskPrice.Raw, q.AskSize.Units, in q);
        bool removed = q.BidSize.Units == 0 && q.AskSize.Units == 0;
        PublishQuoteStatus(in q, removed ? QuoteEntryStatus.Removed : QuoteEntryStatus.Accepted, RejectReason.None);
        if (softBreaches != 0) _risk.PublishSoftBreaches(account, softBreaches);
        PublishExposure(account);
    }

    private static RejectReason ValidateQuoteSide(Instrument instrument, Price price, Quantity size)
    {
        if (size.Units < 0) return RejectReason.InvalidQuantity;
        if (size.Units == 0) return RejectReason.None;
        if (size.Units % instrument.LotSize != 0) return RejectReason.LotSize;
        if (price.Raw <= 0) return RejectReason.InvalidPrice;
        if (price.Raw % instrument.TickSize != 0) return RejectReason.TickSize;
        if (price.Raw < instrument.CollarLow || price.Raw > instrument.CollarHigh) return RejectReason.PriceCollar;
        return RejectReason.None;
    }

    /// <summary>
    /// Puts one side of a quote in place: pulls it (size 0), changes the resting side (a lower size at
    /// the same price keeps priority; a new price or a larger size goes to the back and may trade), or
    /// enters a new side, which may trade on arrival like any order.
    /// </summary>
    private void ApplyQuoteSide(Account account, Instrument instrument, int positionSlot, Side side, long price, long size, in Quote q)
    {
        ref PositionRecord p = ref _positions[positionSlot];
        int slot = side == Side.Buy ? p.BidQuote : p.AskQuote;
        if (size == 0)
        {
            if (slot != None) CancelOrder(slot, CancelReason.QuotePulled, default);
            return;
        }
        if (slot != None)
        {
            ref OrderRecord o = ref _orders[slot];
            OrderBook book = instrument.Book;
            bool loses = price != o.Price || size > o.Leaves;
            _ledger.ReleaseDeferringRisk(account, ref o, o.Leaves);
            if (loses)
            {
                book.Remove(slot);
                o.Price = o.ReservePrice = price;
                o.Leaves = size;
            }
            else
            {
                book.Reduce(slot, o.Leaves - size);
            }
            o.Quantity = o.Filled + size;
            o.ClientOrderId = q.QuoteId;
            o.Session = q.Session;
            _ledger.Reserve(account, ref o);
            PublishReplaced(slot, q.QuoteId, loses);
            if (loses) MatchIncoming(slot, instrument);
            return;
        }
        slot = _store.Allocate();
        ref OrderRecord r = ref _orders[slot];
        r.OrderId = _nextOrderId++;
        r.ClientOrderId = q.QuoteId;
        r.Price = r.ReservePrice = price;
        r.Quantity = r.Leaves = size;
        r.AcceptedSequence = _events.Sequence;
        r.AccountIndex = account.Index;
        r.InstrumentIndex = instrument.Index;
        r.PositionIndex = positionSlot;
        r.Participant = account.Participant;
        r.Session = q.Session;
        r.Side = side;
        r.Type = OrderType.Limit;
        r.TimeInForce = TimeInForce.Day;
        r.State = OrderState.Incoming;
        r.IsQuote = true;
        _orderIndex.Add(r.OrderId, slot);
        LinkToAccount(account, slot);
        _ledger.Reserve(account, ref r);
        if (side == Side.Buy) p.BidQuote = slot;
        else p.AskQuote = slot;
        _counters.OrdersAccepted++;
        PublishAccepted(slot, TimeInForce.Day);
        MatchIncoming(slot, instrument);
    }

    private void PublishQuoteStatus(in Quote q, QuoteEntryStatus status, RejectReason reason)
    {
        EngineEvent e = default;
        ref QuoteStatus x = ref e.QuoteStatus;
        x.QuoteId = q.QuoteId;
        x.Account = q.Account;
        x.Instrument = q.Instrument;
        x.Session = q.Session;
        x.Status = status;
        x.Reason = reason;
        Publish(ref e, EventKind.QuoteStatus);
    }

    // ---- market-maker protection ---------------------------------------------------------

    private void ProcessPendingTrips()
    {
        for (int t = 0; t < _protection.PendingCount; t++)
        {
            var (participant, instrumentIndex, quantity, count) = _protection.Pending(t);
            int pulled = 0;
            for (int i = 0; i < _reference.AccountCount; i++)
            {
                Account a = _accounts[i];
                if (a.Participant != participant) continue;
                if (!_ledger.TryFind(a.Index, instrumentIndex, out int slot)) continue;
                if (_positions[slot].BidQuote != None) { CancelOrder(_positions[slot].BidQuote, CancelReason.ProtectionTripped, default); pulled++; }
                if (_positions[slot].AskQuote != None) { CancelOrder(_positions[slot].AskQuote, CancelReason.ProtectionTripped, default); pulled++; }
                if (pulled > 0) PublishExposure(a);
            }
            EngineEvent e = default;
            ref ProtectionTripped x = ref e.ProtectionTripped;
            x.Participant = new ParticipantId(participant);
            x.Instrument = new InstrumentId(_instruments[instrumentIndex].Id);
            x.FilledQuantity = quantity;
            x.FillCount = count;
            x.PulledQuoteSides = pulled;
            Publish(ref e, EventKind.ProtectionTripped);
        }
        _protection.ClearPending();
    }

    private void OnSetProtection(in SetProtection s)
    {
        long subject = s.Participant.Value;
        if (s.Participant.Value <= 0 || s.WindowNanos < 0 || s.MaxQuantity < 0 || s.MaxCount < 0 || s.Instrument.Value < 0 ||
            (s.Instrument.Value != 0 && FindInstrument(s.Instrument.Value) is null))
        {
            RejectInput(InputKind.SetProtection, RejectReason.InvalidProtection, subject);
            return;
        }
        _protection.Set(in s);
        AcceptInput(InputKind.SetProtection, subject);
    }

    private void OnResetProtection(in ResetProtection r)
    {
        if (r.Participant.Value <= 0)
        {
            RejectInput(InputKind.ResetProtection, RejectReason.InvalidProtection, r.Participant.Value);
            return;
        }
        if (r.Instrument.Value != 0 && FindInstrument(r.Instrument.Value) is null)
        {
            RejectInput(InputKind.ResetProtection, RejectReason.UnknownInstrument, r.Instrument.Value);
            return;
        }
        _protection.Reset(r.Participant.Value, r.Instrument.Value);
        EngineEvent e = default;
        e.ProtectionReset.Participant = r.Participant;
        e.ProtectionReset.Instrument = r.Instrument;
        Publish(ref e, EventKind.ProtectionReset);
    }
}
