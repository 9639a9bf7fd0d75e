using TradeX.Core;
using TradeX.Gateway.Protocol;
using TradeX.Gateway.Sessions;

namespace TradeX.Gateway;

/// <summary>
/// The output side, on the output ring's publisher thread: turns the engine's events about gateway
/// sessions into execution reports, cancel rejects, mass cancel reports and MassQuoteAcks, sequences
/// them on their session and flushes each touched session once per batch. Events about other
/// producers' orders are skipped at the first field read. Nothing here allocates in steady state.
/// </summary>
internal sealed class ResponseWriter
{
    private readonly SessionRegistry _sessions;
    private readonly GatewayStatistics _stats;
    private readonly byte[] _scratch = new byte[16 * 1024];
    private readonly GatewaySession[] _touched;
    private int _touchedCount;

    public ResponseWriter(SessionRegistry sessions, GatewayStatistics stats, GatewayOptions options)
    {
        _sessions = sessions;
        _stats = stats;
        _touched = new GatewaySession[options.MaxSessions];
    }

    public void OnEvent(in EngineEvent e, int producer, bool endOfBatch)
    {
        Interlocked.Increment(ref _stats.outputEvents);
        switch (e.Kind)
        {
            case EventKind.OrderAccepted: OnAccepted(in e.OrderAccepted, e.Time); break;
            case EventKind.OrderRejected: OnRejected(in e.OrderRejected, e.Time); break;
            case EventKind.Trade: OnTrade(in e.Trade, e.Time); break;
            case EventKind.OrderCanceled: OnCanceled(in e.OrderCanceled, e.Time); break;
            case EventKind.OrderReplaced: OnReplaced(in e.OrderReplaced, e.Time); break;
            case EventKind.CancelRejected: OnCancelRejected(in e.CancelRejected, e.Time); break;
            case EventKind.QuoteStatus: OnQuoteStatus(in e.QuoteStatus, e.Time); break;
            case EventKind.InputAccepted when e.InputAccepted.Input == InputKind.MassCancel:
                OnMassCancelAnswer(producer, e.InputAccepted.Count, 0, e.Time);
                break;
            case EventKind.InputRejected when e.InputRejected.Input == InputKind.MassCancel:
                OnMassCancelAnswer(producer, 0, (ushort)e.InputRejected.Reason, e.Time);
                break;
            case EventKind.ProtectionTripped: Interlocked.Increment(ref _stats.protectionTrips); break;
            case EventKind.ProtectionReset:
                Interlocked.Increment(ref _stats.protectionResets);
                OnProtectionResetAnswer(producer, 0, e.Time);
                break;
            case EventKind.InputRejected when e.InputRejected.Input == InputKind.ResetProtection:
                OnProtectionResetAnswer(producer, (ushort)e.InputRejected.Reason, e.Time);
                break;
        }
        if (endOfBatch) FlushTouched();
    }

    /// <summary>The session an order event names, if it is ours and the account is its participant's.</summary>
    private GatewaySession? Resolve(int engineSession, AccountId account)
    {
        if (engineSession == 0) return null;
        var session = _sessions.FindByNumber(engineSession);
        if (session is null) return null;
        if (!session.Participant.Owns(account.Value))
        {
            // An order from before a restart can name a number this gateway gave to someone else: never deliver it.
            Interlocked.Increment(ref _stats.foreignSessionEvents);
            return null;
        }
        return session;
    }

    private void OnAccepted(in OrderAccepted a, long time)
    {
        var session = Resolve(a.Session, a.Account);
        if (session is null) return;
        if (a.IsQuote) return; // quote sides are acknowledged by the MassQuoteAck
        int length = ServerMessages.ExecutionNew(_scratch, a.OrderId.Value, a.ClientOrderId.Value, a.Price.Raw, a.Type == OrderType.Market,
            a.Quantity.Units, a.Quantity.Units, 0, time, a.Account.Value, a.Instrument.Value, (byte)a.Side, (byte)a.Type, (byte)a.TimeInForce);
        Send(session, length);
    }

    private void OnRejected(in OrderRejected r, long time)
    {
        var session = Resolve(r.Session, r.Account);
        if (session is null) return;
        int length = ServerMessages.ExecutionRejected(_scratch, r.ClientOrderId.Value, r.Price.Raw, r.Type == OrderType.Market, r.Quantity.Units, time,
            (uint)r.Account.Value, r.Instrument.Value, (ushort)r.Reason, (byte)r.Side, (byte)r.Type, (byte)r.TimeInForce);
        Send(session, length);
    }

    private void OnTrade(in Trade t, long time)
    {
        var buyer = Resolve(t.BuySession, t.BuyAccount);
        if (buyer is not null)
        {
            int length = ServerMessages.ExecutionTrade(_scratch, t.BuyOrderId.Value, t.BuyClientOrderId.Value, t.TradeId.Value, t.Price.Raw, t.Quantity.Units,
                t.BuyLeaves.Units, t.BuyCumQuantity.Units, time, t.BuyAccount.Value, t.Instrument.Value, (byte)Side.Buy, t.AggressorSide == Side.Buy);
            Send(buyer, length);
        }
        var seller = Resolve(t.SellSession, t.SellAccount);
        if (seller is not null)
        {
            int length = ServerMessages.ExecutionTrade(_scratch, t.SellOrderId.Value, t.SellClientOrderId.Value, t.TradeId.Value, t.Price.Raw, t.Quantity.Units,
                t.SellLeaves.Units, t.SellCumQuantity.Units, time, t.SellAccount.Value, t.Instrument.Value, (byte)Side.Sell, t.AggressorSide == Side.Sell);
            Send(seller, length);
        }
    }

    private void OnCanceled(in OrderCanceled c, long time)
    {
        var session = Resolve(c.Session, c.Account);
        if (session is null) return;
        // A side pulled or replaced by the market maker's own MassQuote is answered by the MassQuoteAck.
        if (c.IsQuote && c.Reason == CancelReason.QuotePulled) return;
        bool onRequest = c.RequestClientOrderId.Value != 0;
        int length = ServerMessages.ExecutionCanceled(_scratch, c.OrderId.Value, onRequest ? c.RequestClientOrderId.Value : c.ClientOrderId.Value,
            c.ClientOrderId.Value, onRequest, c.FilledQuantity.Units, time, c.Account.Value, c.Instrument.Value,
            onRequest && c.Reason == CancelReason.ClientRequest ? (ushort)0 : (ushort)c.Reason, (byte)c.Side);
        Send(session, length);
    }

    private void OnReplaced(in OrderReplaced r, long time)
    {
        var session = Resolve(r.Session, r.Account);
        if (session is null) return;
        if (r.IsQuote) return;
        int length = ServerMessages.ExecutionReplaced(_scratch, r.OrderId.Value, r.ClientOrderId.Value, r.OrigClientOrderId.Value, r.Price.Raw,
            r.Quantity.Units, r.Leaves.Units, r.Quantity.Units - r.Leaves.Units, time, r.Account.Value, r.Instrument.Value, (byte)r.Side, (byte)r.Type, (byte)r.TimeInForce);
        Send(session, length);
    }

    private void OnCancelRejected(in CancelRejected x, long time)
    {
        var session = Resolve(x.Session, x.Account);
        if (session is null) return;
        int length = ServerMessages.CancelReject(_scratch, x.ClientOrderId.Value, x.OrigClientOrderId.Value, x.OrderId.Value, time, (uint)x.Account.Value,
            x.Instrument.Value, (ushort)x.Reason, x.WasReplace);
        Send(session, length);
    }

    private void OnQuoteStatus(in TradeX.Core.QuoteStatus q, long time)
    {
        var session = Resolve(q.Session, q.Account);
        if (session is null) return;
        var pending = session.Quotes.Current();
        if (pending is null)
        {
            Interlocked.Increment(ref _stats.unmatchedEngineAnswers);
            return;
        }
        if (session.Quotes.Record(pending, (byte)q.Status, (ushort)q.Reason))
        {
            Send(session, MassQuoteAck(_scratch, pending, time));
            session.Quotes.Retire(pending);
        }
    }

    /// <summary>Encodes the acknowledgement of a completed pending MassQuote (either thread, its own scratch).</summary>
    public static int MassQuoteAck(Span<byte> scratch, PendingMassQuote q, long time) =>
        ServerMessages.MassQuoteAck(scratch, q.QuoteId, time, q.Account, q.EntryCount, q.SecurityIds, q.Statuses, q.Reasons, 0);

    private void OnMassCancelAnswer(int producer, long affected, ushort reason, long time)
    {
        var session = _sessions.FindByProducer(producer);
        if (session is null) return; // the gateway's own cancel-on-disconnect, or another producer's
        if (!session.MassCancels.TryTake(out var request))
        {
            Interlocked.Increment(ref _stats.unmatchedEngineAnswers);
            return;
        }
        int length = ServerMessages.MassCancelReport(_scratch, request.ClOrdId, time, affected, request.HasAccount, request.Account,
            request.HasSecurityId, request.SecurityId, reason, request.Scope);
        Send(session, length);
    }

    private void OnProtectionResetAnswer(int producer, ushort reason, long time)
    {
        var session = _sessions.FindByProducer(producer);
        if (session is null) return; // an operator's reset through OrderEntryGateway.ResetProtection, or another producer's
        if (!session.ProtectionResets.TryTake(out var request))
        {
            Interlocked.Increment(ref _stats.unmatchedEngineAnswers);
            return;
        }
        Send(session, ServerMessages.ProtectionResetAck(_scratch, request.RequestId, time, request.HasSecurityId, request.SecurityId, reason));
    }

    private void Send(GatewaySession session, int length)
    {
        session.SendApplication(_scratch.AsSpan(0, length));
        if (!session.TouchedInBatch)
        {
            session.TouchedInBatch = true;
            _touched[_touchedCount++] = session;
        }
    }

    private void FlushTouched()
    {
        for (int i = 0; i < _touchedCount; i++)
        {
            var session = _touched[i];
            session.TouchedInBatch = false;
            _touched[i] = null!;
            Volatile.Read(ref session.Live)?.Flush();
        }
        _touchedCount = 0;
        Interlocked.Exchange(ref _stats.outputAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
    }
}
