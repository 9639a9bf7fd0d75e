using TradeX.Gateway.Framing;
using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;

namespace TradeX.Gateway.Protocol;

/// <summary>
/// Encodes the gateway's messages, SOFH header included, into a caller's scratch buffer and returns
/// the frame length. Application messages are written with seqNum 0: the session stamps the number
/// when it sequences the frame (<see cref="SeqNumOffset"/>). Reason texts are constant strings, so
/// nothing here allocates.
/// </summary>
internal static class ServerMessages
{
    /// <summary>Where every application message's seqNum sits in its frame (SOFH, SBE header, then the first field).</summary>
    public const int SeqNumOffset = Sofh.HeaderLength + OrderEntrySchema.HeaderLength;

    private const int At = Sofh.HeaderLength;

    private static int Seal(Span<byte> frame, int messageLength)
    {
        int length = Sofh.HeaderLength + messageLength;
        Sofh.Write(frame, length);
        return length;
    }

    private static string Text(ushort code) => GatewayReasons.Describe(code);

    // ---- session --------------------------------------------------------------------------

    public static int NegotiationResponse(Span<byte> frame, ulong sessionId, ulong requestTimestamp, uint participant)
    {
        var m = NegotiationResponseEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.RequestTimestamp = requestTimestamp;
        m.ParticipantId = participant;
        m.ServerFlow = FlowType.Recoverable;
        return Seal(frame, m.Finish());
    }

    public static int NegotiationReject(Span<byte> frame, ulong sessionId, ulong requestTimestamp, GatewayReason reason)
    {
        var m = NegotiationRejectEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.RequestTimestamp = requestTimestamp;
        m.ReasonCode = (ushort)reason;
        m.SetReason(GatewayReasons.Text(reason));
        return Seal(frame, m.Finish());
    }

    public static int EstablishmentAck(Span<byte> frame, ulong sessionId, ulong requestTimestamp, uint keepAliveMillis, ulong nextSeqNo, ulong lastProcessed)
    {
        var m = EstablishmentAckEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.RequestTimestamp = requestTimestamp;
        m.KeepAliveInterval = keepAliveMillis;
        m.NextSeqNo = nextSeqNo;
        m.LastProcessedSeqNo = lastProcessed;
        return Seal(frame, m.Finish());
    }

    public static int EstablishmentReject(Span<byte> frame, ulong sessionId, ulong requestTimestamp, GatewayReason reason)
    {
        var m = EstablishmentRejectEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.RequestTimestamp = requestTimestamp;
        m.ReasonCode = (ushort)reason;
        m.SetReason(GatewayReasons.Text(reason));
        return Seal(frame, m.Finish());
    }

    public static int Sequence(Span<byte> frame, ulong nextSeqNo)
    {
        var m = SequenceEncoder.WrapAndApplyHeader(frame, At);
        m.NextSeqNo = nextSeqNo;
        return Seal(frame, m.Finish());
    }

    public static int Terminate(Span<byte> frame, ulong sessionId, GatewayReason reason)
    {
        var m = TerminateEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.ReasonCode = (ushort)reason;
        m.SetReason(GatewayReasons.Text(reason));
        return Seal(frame, m.Finish());
    }

    public static int Retransmission(Span<byte> frame, ulong sessionId, ulong requestTimestamp, ulong nextSeqNo, uint count)
    {
        var m = RetransmissionEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.RequestTimestamp = requestTimestamp;
        m.NextSeqNo = nextSeqNo;
        m.Count = count;
        return Seal(frame, m.Finish());
    }

    public static int RetransmitReject(Span<byte> frame, ulong sessionId, ulong requestTimestamp, GatewayReason reason)
    {
        var m = RetransmitRejectEncoder.WrapAndApplyHeader(frame, At);
        m.SessionId = sessionId;
        m.RequestTimestamp = requestTimestamp;
        m.ReasonCode = (ushort)reason;
        m.SetReason(GatewayReasons.Text(reason));
        return Seal(frame, m.Finish());
    }

    // ---- application --------------------------------------------------------------------------

    public static int ExecutionNew(Span<byte> frame, long orderId, ulong clOrdId, long price, bool market, long quantity, long leaves, long cum,
        long time, int account, int securityId, byte side, byte ordType, byte timeInForce)
    {
        var m = ExecutionReportNewEncoder.WrapAndApplyHeader(frame, At);
        m.OrderId = (ulong)orderId;
        m.ClOrdId = clOrdId;
        if (market) m.Price.SetNull();
        else m.Price.SetMantissa(price);
        m.OrderQty = quantity;
        m.LeavesQty = leaves;
        m.CumQty = cum;
        m.TransactTime = (ulong)time;
        m.Account = (uint)account;
        m.SecurityId = securityId;
        m.SideRaw = side;
        m.OrdTypeRaw = ordType;
        m.TimeInForceRaw = timeInForce;
        m.OrdStatus = OrdStatus.New;
        return Seal(frame, m.Finish());
    }

    public static int ExecutionRejected(Span<byte> frame, ulong clOrdId, long price, bool nullPrice, long quantity, long time, uint account, int securityId,
        ushort reason, byte side, byte ordType, byte timeInForce)
    {
        var m = ExecutionReportRejectedEncoder.WrapAndApplyHeader(frame, At);
        m.ClOrdId = clOrdId;
        if (nullPrice) m.Price.SetNull();
        else m.Price.SetMantissa(price);
        m.OrderQty = quantity;
        m.TransactTime = (ulong)time;
        m.Account = account;
        m.SecurityId = securityId;
        m.RejectReason = reason;
        m.SideRaw = side;
        m.OrdTypeRaw = ordType;
        m.TimeInForceRaw = timeInForce;
        m.OrdStatus = OrdStatus.Rejected;
        m.SetText(Text(reason));
        return Seal(frame, m.Finish());
    }

    public static int ExecutionTrade(Span<byte> frame, long orderId, ulong clOrdId, long execId, long price, long lastQty, long leaves, long cum,
        long time, int account, int securityId, byte side, bool aggressor)
    {
        var m = ExecutionReportTradeEncoder.WrapAndApplyHeader(frame, At);
        m.OrderId = (ulong)orderId;
        m.ClOrdId = clOrdId;
        m.ExecId = (ulong)execId;
        m.LastPx.SetMantissa(price);
        m.LastQty = lastQty;
        m.LeavesQty = leaves;
        m.CumQty = cum;
        m.TransactTime = (ulong)time;
        m.Account = (uint)account;
        m.SecurityId = securityId;
        m.SideRaw = side;
        m.OrdStatus = leaves == 0 ? OrdStatus.Filled : OrdStatus.PartiallyFilled;
        m.AggressorIndicator = aggressor ? BooleanFlag.True : BooleanFlag.False;
        return Seal(frame, m.Finish());
    }

    public static int ExecutionCanceled(Span<byte> frame, long orderId, ulong clOrdId, ulong origClOrdId, bool onRequest, long cum, long time,
        int account, int securityId, ushort cancelReason, byte side)
    {
        var m = ExecutionReportCanceledEncoder.WrapAndApplyHeader(frame, At);
        m.OrderId = (ulong)orderId;
        m.ClOrdId = clOrdId;
        if (onRequest) m.OrigClOrdId = origClOrdId;
        m.CumQty = cum;
        m.TransactTime = (ulong)time;
        m.Account = (uint)account;
        m.SecurityId = securityId;
        m.CancelReason = cancelReason;
        m.SideRaw = side;
        m.OrdStatus = OrdStatus.Canceled;
        return Seal(frame, m.Finish());
    }

    public static int ExecutionReplaced(Span<byte> frame, long orderId, ulong clOrdId, ulong origClOrdId, long price, long quantity, long leaves, long cum,
        long time, int account, int securityId, byte side, byte ordType, byte timeInForce)
    {
        var m = ExecutionReportReplacedEncoder.WrapAndApplyHeader(frame, At);
        m.OrderId = (ulong)orderId;
        m.ClOrdId = clOrdId;
        m.OrigClOrdId = origClOrdId;
        m.Price.SetMantissa(price);
        m.OrderQty = quantity;
        m.LeavesQty = leaves;
        m.CumQty = cum;
        m.TransactTime = (ulong)time;
        m.Account = (uint)account;
        m.SecurityId = securityId;
        m.SideRaw = side;
        m.OrdTypeRaw = ordType;
        m.TimeInForceRaw = timeInForce;
        m.OrdStatus = OrdStatus.Replaced;
        return Seal(frame, m.Finish());
    }

    public static int CancelReject(Span<byte> frame, ulong clOrdId, ulong origClOrdId, long orderId, long time, uint account, int securityId,
        ushort reason, bool replace)
    {
        var m = OrderCancelRejectEncoder.WrapAndApplyHeader(frame, At);
        m.ClOrdId = clOrdId;
        m.OrigClOrdId = origClOrdId;
        if (orderId > 0) m.OrderId = (ulong)orderId;
        m.TransactTime = (ulong)time;
        m.Account = account;
        m.SecurityId = securityId;
        m.RejectReason = reason;
        m.CxlRejResponseTo = replace ? CxlRejResponseTo.OrderCancelReplaceRequest : CxlRejResponseTo.OrderCancelRequest;
        m.SetText(Text(reason));
        return Seal(frame, m.Finish());
    }

    public static int MassCancelReport(Span<byte> frame, ulong clOrdId, long time, long affected, bool hasAccount, uint account, bool hasSecurityId, int securityId,
        ushort reason, byte scope)
    {
        var m = OrderMassCancelReportEncoder.WrapAndApplyHeader(frame, At);
        m.ClOrdId = clOrdId;
        m.TransactTime = (ulong)time;
        m.TotalAffectedOrders = (uint)Math.Clamp(affected, 0, uint.MaxValue);
        if (hasAccount) m.Account = account;
        if (hasSecurityId) m.SecurityId = securityId;
        m.RejectReason = reason;
        m.ScopeRaw = scope;
        m.Status = reason == 0 ? RequestStatus.Accepted : RequestStatus.Rejected;
        m.SetText(reason == 0 ? "accepted" : Text(reason));
        return Seal(frame, m.Finish());
    }

    public static int ProtectionResetAck(Span<byte> frame, ulong requestId, long time, bool hasSecurityId, int securityId, ushort reason)
    {
        var m = QuoteProtectionResetAckEncoder.WrapAndApplyHeader(frame, At);
        m.RequestId = requestId;
        m.TransactTime = (ulong)time;
        if (hasSecurityId) m.SecurityId = securityId;
        m.RejectReason = reason;
        m.Status = reason == 0 ? RequestStatus.Accepted : RequestStatus.Rejected;
        m.SetText(reason == 0 ? "protection reset" : Text(reason));
        return Seal(frame, m.Finish());
    }

    /// <summary>A MassQuoteAck from the entries' outcomes (QuoteEntryStatus codes); Rejected as a whole when no entry was applied.</summary>
    public static int MassQuoteAck(Span<byte> frame, ulong quoteId, long time, uint account, int entries, ReadOnlySpan<int> securityIds,
        ReadOnlySpan<byte> statuses, ReadOnlySpan<ushort> reasons, ushort wholeReason)
    {
        var m = MassQuoteAckEncoder.WrapAndApplyHeader(frame, At);
        m.QuoteId = quoteId;
        m.TransactTime = (ulong)time;
        m.Account = account;
        int rejected = 0;
        ushort firstReason = 0;
        for (int i = 0; i < entries; i++)
        {
            if (statuses[i] != (byte)QuoteEntryStatus.Rejected) continue;
            if (rejected++ == 0) firstReason = reasons[i];
        }
        bool allRejected = wholeReason != 0 || (entries > 0 && rejected == entries);
        ushort reason = wholeReason != 0 ? wholeReason : allRejected ? firstReason : (ushort)0;
        m.RejectReason = reason;
        m.QuoteStatus = allRejected ? QuoteStatus.Rejected : QuoteStatus.Accepted;
        var group = m.QuoteEntriesCount(entries);
        for (int i = 0; i < entries; i++)
        {
            group.Next();
            group.SecurityId = securityIds[i];
            group.RejectReason = reasons[i];
            group.EntryStatusRaw = statuses[i];
        }
        m.SetText(allRejected ? Text(reason) : rejected > 0 ? "some entries rejected" : "accepted");
        return Seal(frame, m.Finish());
    }

    public static int BusinessReject(Span<byte> frame, ulong refSeqNum, bool hasRefId, ulong refId, long time, ushort refTemplateId, GatewayReason reason, in SbeError error)
    {
        var m = BusinessMessageRejectEncoder.WrapAndApplyHeader(frame, At);
        m.RefSeqNum = refSeqNum;
        if (hasRefId) m.RefId = refId;
        m.TransactTime = (ulong)time;
        m.RefTemplateId = refTemplateId;
        m.ReasonCode = (ushort)reason;
        // The decode error names the element and offset: worth its allocation on this (bad input) path.
        if (error.IsError) m.SetText(GatewayReasons.Text(reason) + ": " + error.ToString());
        else m.SetText(GatewayReasons.Text(reason));
        return Seal(frame, m.Finish());
    }
}
