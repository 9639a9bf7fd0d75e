using System.Buffers.Binary;
using TradeX.Core;
using TradeX.Gateway.Protocol;
using TradeX.Gateway.Sessions;
using TradeX.Protocol.OrderEntry;
using CoreMassCancelScope = TradeX.Core.MassCancelScope;

namespace TradeX.Gateway;

internal sealed partial class GatewayIoAgent
{
    // Wire codes the schema lists (equal to the engine's): anything else is out of range.
    private static bool ValidSide(byte raw) => raw is 1 or 2;
    private static bool ValidOrdType(byte raw) => raw is 1 or 2;
    private static bool ValidTimeInForce(byte raw) => raw is 0 or 1 or 3 or 4;

    /// <summary>
    /// An application message on an established session: idempotent sequencing (an old number is a
    /// duplicate and is not applied again; a number ahead of the expected one is a gap and ends the
    /// session), the throttle, then the message's own handler.
    /// </summary>
    private void OnApplication(ClientConnection c, int template, ReadOnlySpan<byte> message, long now, long startTicks)
    {
        if (c.State != ConnectionState.Established)
        {
            Terminate(c, c.State == ConnectionState.Negotiated ? GatewayReason.NotEstablished : GatewayReason.NotNegotiated);
            return;
        }
        var s = c.Session!;
        ulong seq = BinaryPrimitives.ReadUInt64LittleEndian(message[OrderEntrySchema.HeaderLength..]);
        ulong expected = s.LastProcessedInSeq + 1;
        if (seq < expected)
        {
            Interlocked.Increment(ref _stats.duplicatesIgnored);
            return;
        }
        if (seq > expected)
        {
            Terminate(c, GatewayReason.SequenceGap);
            return;
        }
        s.LastProcessedInSeq = seq;
        bool throttled = !s.Throttle.TryAcquire(now);
        if (throttled) Interlocked.Increment(ref _stats.throttled);
        switch (template)
        {
            case NewOrderSingleDecoder.SbeTemplateId: OnNewOrder(s, NewOrderSingleDecoder.Wrap(message), throttled, now, startTicks); break;
            case OrderCancelRequestDecoder.SbeTemplateId: OnCancel(s, OrderCancelRequestDecoder.Wrap(message), throttled, now, startTicks); break;
            case OrderCancelReplaceRequestDecoder.SbeTemplateId: OnReplace(s, OrderCancelReplaceRequestDecoder.Wrap(message), throttled, now, startTicks); break;
            case OrderMassCancelRequestDecoder.SbeTemplateId: OnMassCancel(s, OrderMassCancelRequestDecoder.Wrap(message), throttled, now, startTicks); break;
            case MassQuoteDecoder.SbeTemplateId: OnMassQuote(s, MassQuoteDecoder.Wrap(message), throttled, now, startTicks); break;
            case QuoteProtectionResetDecoder.SbeTemplateId: OnProtectionReset(s, QuoteProtectionResetDecoder.Wrap(message), throttled, now, startTicks); break;
        }
    }

    private bool Publish(GatewaySession s, ref EngineInput input, long now, long startTicks)
    {
        input.Time = now;
        bool published = _measured is not null ? _measured.TryPublish(in input, s.Producer, startTicks) : _input.TryPublish(in input, s.Producer);
        if (!published)
        {
            Interlocked.Increment(ref _stats.engineBusy);
            return false;
        }
        Interlocked.Increment(ref _stats.inputsPublished);
        return true;
    }

    /// <summary>Sends a refusal the gateway encoded in the scratch buffer, counted under its reason.</summary>
    private void Refuse(GatewaySession s, int length, GatewayReason reason)
    {
        Interlocked.Increment(ref _stats.businessRejects);
        _stats.Count(reason);
        s.SendApplication(_scratch.AsSpan(0, length));
    }

    private void OnNewOrder(GatewaySession s, NewOrderSingleDecoder m, bool throttled, long now, long startTicks)
    {
        byte side = m.SideRaw, ordType = m.OrdTypeRaw, timeInForce = m.TimeInForceRaw;
        if (!ValidSide(side) || !ValidOrdType(ordType) || !ValidTimeInForce(timeInForce))
        {
            BusinessReject(s, m.SeqNum, true, m.ClOrdId, NewOrderSingleDecoder.SbeTemplateId, GatewayReason.InvalidValue, default);
            return;
        }
        bool nullPrice = m.Price.IsNull;
        long price = nullPrice ? 0 : m.Price.Mantissa;
        GatewayReason refusal = throttled ? GatewayReason.Throttled : !s.Participant.Owns(m.Account) ? GatewayReason.AccountNotPermitted : 0;
        if (refusal == 0)
        {
            EngineInput input = default;
            input.Kind = InputKind.NewOrder;
            ref NewOrder o = ref input.NewOrder;
            o.ClientOrderId = new ClientOrderId(m.ClOrdId);
            o.Price = new Price(price);
            o.Quantity = Quantity.Of(m.OrderQty);
            o.Account = new AccountId((int)m.Account);
            o.Instrument = new InstrumentId(m.SecurityId);
            o.Session = s.EngineSession;
            o.Side = (TradeX.Core.Side)side;
            o.Type = (OrderType)ordType;
            o.TimeInForce = (TradeX.Core.TimeInForce)timeInForce;
            if (Publish(s, ref input, now, startTicks)) return;
            refusal = GatewayReason.EngineBusy;
        }
        Refuse(s, ServerMessages.ExecutionRejected(_scratch, m.ClOrdId, price, nullPrice, m.OrderQty, now, m.Account, m.SecurityId,
            (ushort)refusal, side, ordType, timeInForce), refusal);
    }

    private void OnCancel(GatewaySession s, OrderCancelRequestDecoder m, bool throttled, long now, long startTicks)
    {
        if (!ValidSide(m.SideRaw) || (m.HasOrderId && m.OrderId > long.MaxValue))
        {
            BusinessReject(s, m.SeqNum, true, m.ClOrdId, OrderCancelRequestDecoder.SbeTemplateId, GatewayReason.InvalidValue, default);
            return;
        }
        long orderId = m.HasOrderId ? (long)m.OrderId : 0;
        GatewayReason refusal = throttled ? GatewayReason.Throttled : !s.Participant.Owns(m.Account) ? GatewayReason.AccountNotPermitted : 0;
        if (refusal == 0)
        {
            EngineInput input = default;
            input.Kind = InputKind.CancelOrder;
            ref CancelOrder x = ref input.CancelOrder;
            x.OrigClientOrderId = new ClientOrderId(m.OrigClOrdId);
            x.ClientOrderId = new ClientOrderId(m.ClOrdId);
            x.OrderId = new OrderId(orderId);
            x.Account = new AccountId((int)m.Account);
            x.Session = s.EngineSession;
            x.Instrument = new InstrumentId(m.SecurityId);
            if (Publish(s, ref input, now, startTicks)) return;
            refusal = GatewayReason.EngineBusy;
        }
        Refuse(s, ServerMessages.CancelReject(_scratch, m.ClOrdId, m.OrigClOrdId, orderId, now, m.Account, m.SecurityId, (ushort)refusal, replace: false), refusal);
    }

    private void OnReplace(GatewaySession s, OrderCancelReplaceRequestDecoder m, bool throttled, long now, long startTicks)
    {
        byte side = m.SideRaw, ordType = m.OrdTypeRaw, timeInForce = m.TimeInForceRaw;
        if (!ValidSide(side) || !ValidOrdType(ordType) || !ValidTimeInForce(timeInForce) || (m.HasOrderId && m.OrderId > long.MaxValue))
        {
            BusinessReject(s, m.SeqNum, true, m.ClOrdId, OrderCancelReplaceRequestDecoder.SbeTemplateId, GatewayReason.InvalidValue, default);
            return;
        }
        long orderId = m.HasOrderId ? (long)m.OrderId : 0;
        GatewayReason refusal = throttled ? GatewayReason.Throttled : !s.Participant.Owns(m.Account) ? GatewayReason.AccountNotPermitted : 0;
        if (refusal == 0)
        {
            EngineInput input = default;
            input.Kind = InputKind.ReplaceOrder;
            ref ReplaceOrder x = ref input.ReplaceOrder;
            x.OrigClientOrderId = new ClientOrderId(m.OrigClOrdId);
            x.ClientOrderId = new ClientOrderId(m.ClOrdId);
            x.OrderId = new OrderId(orderId);
            x.Price = new Price(m.Price.IsNull ? 0 : m.Price.Mantissa); // null keeps the price
            x.Quantity = Quantity.Of(m.OrderQty);
            x.Account = new AccountId((int)m.Account);
            x.Session = s.EngineSession;
            x.Instrument = new InstrumentId(m.SecurityId);
            if (Publish(s, ref input, now, startTicks)) return;
            refusal = GatewayReason.EngineBusy;
        }
        Refuse(s, ServerMessages.CancelReject(_scratch, m.ClOrdId, m.OrigClOrdId, orderId, now, m.Account, m.SecurityId, (ushort)refusal, replace: true), refusal);
    }

    private void OnMassCancel(GatewaySession s, OrderMassCancelRequestDecoder m, bool throttled, long now, long startTicks)
    {
        byte scope = m.ScopeRaw;
        if (scope is not ((byte)TradeX.Protocol.OrderEntry.MassCancelScope.Account or (byte)TradeX.Protocol.OrderEntry.MassCancelScope.Instrument
            or (byte)TradeX.Protocol.OrderEntry.MassCancelScope.Participant))
        {
            BusinessReject(s, m.SeqNum, true, m.ClOrdId, OrderMassCancelRequestDecoder.SbeTemplateId, GatewayReason.InvalidValue, default);
            return;
        }
        var request = new PendingMassCancel
        {
            ClOrdId = m.ClOrdId, Account = m.Account, HasAccount = m.HasAccount, SecurityId = m.SecurityId, HasSecurityId = m.HasSecurityId, Scope = scope,
        };
        EngineInput input = default;
        input.Kind = InputKind.MassCancel;
        GatewayReason refusal = 0;
        if (throttled) refusal = GatewayReason.Throttled;
        else if (scope == (byte)TradeX.Protocol.OrderEntry.MassCancelScope.Account)
        {
            if (!m.HasAccount) refusal = GatewayReason.InvalidValue;
            else if (!s.Participant.Owns(m.Account)) refusal = GatewayReason.AccountNotPermitted;
            input.MassCancel.Scope = CoreMassCancelScope.Account;
            input.MassCancel.Target = (int)m.Account;
        }
        else if (scope == (byte)TradeX.Protocol.OrderEntry.MassCancelScope.Participant)
        {
            input.MassCancel.Scope = CoreMassCancelScope.Participant;
            input.MassCancel.Target = s.Participant.Id;
        }
        else
        {
            // The engine's Instrument scope is every participant's orders (an operator's tool); a market maker's
            // "cancel everything of mine in X" is the Participant scope narrowed to the instrument.
            if (!m.HasSecurityId || m.SecurityId == 0) refusal = GatewayReason.InvalidValue;
            input.MassCancel.Scope = CoreMassCancelScope.Participant;
            input.MassCancel.Target = s.Participant.Id;
            input.MassCancel.Instrument = new InstrumentId(m.SecurityId);
        }
        if (refusal == 0 && !s.MassCancels.TryAdd(in request)) refusal = GatewayReason.TooManyPending;
        if (refusal == 0)
        {
            if (Publish(s, ref input, now, startTicks)) return;
            s.MassCancels.RemoveLast();
            refusal = GatewayReason.EngineBusy;
        }
        Refuse(s, ServerMessages.MassCancelReport(_scratch, m.ClOrdId, now, 0, m.HasAccount, m.Account, m.HasSecurityId, m.SecurityId,
            (ushort)refusal, scope), refusal);
    }

    /// <summary>
    /// Re-arms the participant's own protection (never another participant's): a journaled ResetProtection
    /// input; the acknowledgement follows the engine's answer, like a mass cancel's report.
    /// </summary>
    private void OnProtectionReset(GatewaySession s, QuoteProtectionResetDecoder m, bool throttled, long now, long startTicks)
    {
        var request = new PendingProtectionReset { RequestId = m.RequestId, SecurityId = m.SecurityId, HasSecurityId = m.HasSecurityId };
        GatewayReason refusal = throttled ? GatewayReason.Throttled
            : m.HasSecurityId && m.SecurityId == 0 ? GatewayReason.InvalidValue
            : !s.ProtectionResets.TryAdd(in request) ? GatewayReason.TooManyPending
            : 0;
        if (refusal == 0)
        {
            EngineInput input = default;
            input.Kind = InputKind.ResetProtection;
            input.ResetProtection.Participant = new ParticipantId(s.Participant.Id);
            input.ResetProtection.Instrument = new InstrumentId(m.HasSecurityId ? m.SecurityId : 0);
            if (Publish(s, ref input, now, startTicks)) return;
            s.ProtectionResets.RemoveLast();
            refusal = GatewayReason.EngineBusy;
        }
        Refuse(s, ServerMessages.ProtectionResetAck(_scratch, m.RequestId, now, m.HasSecurityId, m.SecurityId, (ushort)refusal), refusal);
    }

    /// <summary>
    /// One Quote input per entry, in order. The acknowledgement is built from the entries' QuoteStatus
    /// events as they come back (<see cref="PendingMassQuotes"/>); entries refused as busy are rejected in
    /// it with EngineBusy, and a quote refused as a whole is answered here at once.
    /// </summary>
    private void OnMassQuote(GatewaySession s, MassQuoteDecoder m, bool throttled, long now, long startTicks)
    {
        var entries = m.QuoteEntries();
        int count = entries.Count;
        GatewayReason refusal = throttled ? GatewayReason.Throttled
            : count == 0 ? GatewayReason.NoQuoteEntries
            : count > _options.MaxQuoteEntries ? GatewayReason.TooManyQuoteEntries
            : !s.Participant.Owns(m.Account) ? GatewayReason.AccountNotPermitted
            : 0;
        PendingMassQuote? pending = null;
        if (refusal == 0)
        {
            pending = s.Quotes.TryBegin();
            if (pending is null) refusal = GatewayReason.TooManyPending;
        }
        if (refusal != 0)
        {
            RefuseMassQuote(s, m, count > _options.MaxQuoteEntries ? 0 : count, refusal, now);
            return;
        }
        pending!.QuoteId = m.QuoteId;
        pending.Account = m.Account;
        pending.EntryCount = count;
        int i = 0;
        foreach (var entry in entries) pending.SecurityIds[i++] = entry.SecurityId;
        s.Quotes.Commit();

        int published = 0;
        EngineInput input = default;
        input.Kind = InputKind.Quote;
        ref Quote q = ref input.Quote;
        q.QuoteId = m.QuoteId;
        q.Account = new AccountId((int)m.Account);
        q.Session = s.EngineSession;
        foreach (var entry in m.QuoteEntries())
        {
            q.BidPrice = new Price(entry.BidPx.IsNull ? 0 : entry.BidPx.Mantissa);
            q.BidSize = Quantity.Of(entry.BidSize);
            q.AskPrice = new Price(entry.OfferPx.IsNull ? 0 : entry.OfferPx.Mantissa);
            q.AskSize = Quantity.Of(entry.OfferSize);
            q.Instrument = new InstrumentId(entry.SecurityId);
            if (!Publish(s, ref input, now, startTicks)) break;
            published++;
        }
        for (int k = published; k < count; k++)
        {
            pending.Statuses[k] = (byte)TradeX.Core.QuoteEntryStatus.Rejected;
            pending.Reasons[k] = (ushort)GatewayReason.EngineBusy;
        }
        if (PendingMassQuotes.Finish(pending, published))
        {
            // Every published entry is already answered (or none was published): this thread acknowledges.
            s.SendApplication(_scratch.AsSpan(0, ResponseWriter.MassQuoteAck(_scratch, pending, now)));
        }
    }

    private void RefuseMassQuote(GatewaySession s, MassQuoteDecoder m, int entries, GatewayReason reason, long now)
    {
        Span<int> securityIds = stackalloc int[entries];
        Span<byte> statuses = stackalloc byte[entries];
        Span<ushort> reasons = stackalloc ushort[entries];
        int i = 0;
        if (entries > 0)
        {
            foreach (var entry in m.QuoteEntries())
            {
                securityIds[i] = entry.SecurityId;
                statuses[i] = (byte)TradeX.Core.QuoteEntryStatus.Rejected;
                reasons[i] = (ushort)reason;
                i++;
            }
        }
        Refuse(s, ServerMessages.MassQuoteAck(_scratch, m.QuoteId, now, m.Account, entries, securityIds, statuses, reasons, (ushort)reason), reason);
    }
}
