using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;

namespace TradeX.Gateway.Tests.Support;

/// <summary>
/// One application message as received: template, sequence number, whether it was a replay, the bytes,
/// and the fields tests ask about most (the request id it answers, its reason code and text).
/// </summary>
public sealed record Received(int Template, ulong Seq, bool Retransmitted, byte[] Message, ulong Id, ushort Reason, string Text)
{
    public ExecutionReportNewDecoder New() => ExecutionReportNewDecoder.Wrap(Message);
    public ExecutionReportTradeDecoder Trade() => ExecutionReportTradeDecoder.Wrap(Message);
    public ExecutionReportCanceledDecoder Canceled() => ExecutionReportCanceledDecoder.Wrap(Message);
    public ExecutionReportReplacedDecoder Replaced() => ExecutionReportReplacedDecoder.Wrap(Message);
    public ExecutionReportRejectedDecoder Rejected() => ExecutionReportRejectedDecoder.Wrap(Message);
    public OrderCancelRejectDecoder CancelReject() => OrderCancelRejectDecoder.Wrap(Message);
    public OrderMassCancelReportDecoder MassCancelReport() => OrderMassCancelReportDecoder.Wrap(Message);
    public MassQuoteAckDecoder Ack() => MassQuoteAckDecoder.Wrap(Message);
    public BusinessMessageRejectDecoder BusinessReject() => BusinessMessageRejectDecoder.Wrap(Message);
    public QuoteProtectionResetAckDecoder ResetAck() => QuoteProtectionResetAckDecoder.Wrap(Message);

    public override string ToString() => $"#{Seq}{(Retransmitted ? " (replayed)" : "")} {OrderEntrySchema.Describe(Message)}";
}

/// <summary>Keeps everything a client receives, for assertions; waits poll it (tests never assert on speed).</summary>
public sealed class RecordingListener : IOrderEntryListener
{
    private readonly List<Received> _messages = new();
    private readonly List<SessionEvent> _events = new();

    public IReadOnlyList<Received> Messages
    {
        get
        {
            lock (_messages) return _messages.ToArray();
        }
    }

    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_events) return _events.ToArray();
        }
    }

    public void Clear()
    {
        lock (_messages) _messages.Clear();
    }

    public void OnMessage(int templateId, ReadOnlySpan<byte> message, in MessageInfo info)
    {
        var (id, reason, text) = Summarise(templateId, message);
        lock (_messages) _messages.Add(new Received(templateId, info.SeqNum, info.Retransmitted, message.ToArray(), id, reason, text));
    }

    public void OnSessionEvent(SessionEvent e)
    {
        lock (_events) _events.Add(e);
    }

    private static (ulong Id, ushort Reason, string Text) Summarise(int template, ReadOnlySpan<byte> message) => template switch
    {
        ExecutionReportNewDecoder.SbeTemplateId => (ExecutionReportNewDecoder.Wrap(message).ClOrdId, 0, ""),
        ExecutionReportRejectedDecoder.SbeTemplateId => Rejected(message),
        ExecutionReportTradeDecoder.SbeTemplateId => (ExecutionReportTradeDecoder.Wrap(message).ClOrdId, 0, ""),
        ExecutionReportCanceledDecoder.SbeTemplateId => (ExecutionReportCanceledDecoder.Wrap(message).ClOrdId, ExecutionReportCanceledDecoder.Wrap(message).CancelReason, ""),
        ExecutionReportReplacedDecoder.SbeTemplateId => (ExecutionReportReplacedDecoder.Wrap(message).ClOrdId, 0, ""),
        OrderCancelRejectDecoder.SbeTemplateId => CancelRejected(message),
        OrderMassCancelReportDecoder.SbeTemplateId => MassCancel(message),
        MassQuoteAckDecoder.SbeTemplateId => Ack(message),
        QuoteProtectionResetAckDecoder.SbeTemplateId => ProtectionReset(message),
        BusinessMessageRejectDecoder.SbeTemplateId => Business(message),
        _ => (0, 0, ""),
    };

    private static (ulong, ushort, string) Rejected(ReadOnlySpan<byte> message)
    {
        var m = ExecutionReportRejectedDecoder.Wrap(message);
        return (m.ClOrdId, m.RejectReason, m.GetTextString());
    }

    private static (ulong, ushort, string) CancelRejected(ReadOnlySpan<byte> message)
    {
        var m = OrderCancelRejectDecoder.Wrap(message);
        return (m.ClOrdId, m.RejectReason, m.GetTextString());
    }

    private static (ulong, ushort, string) MassCancel(ReadOnlySpan<byte> message)
    {
        var m = OrderMassCancelReportDecoder.Wrap(message);
        return (m.ClOrdId, m.RejectReason, m.GetTextString());
    }

    private static (ulong, ushort, string) Ack(ReadOnlySpan<byte> message)
    {
        var m = MassQuoteAckDecoder.Wrap(message);
        return (m.QuoteId, m.RejectReason, m.GetTextString());
    }

    private static (ulong, ushort, string) ProtectionReset(ReadOnlySpan<byte> message)
    {
        var m = QuoteProtectionResetAckDecoder.Wrap(message);
        return (m.RequestId, m.RejectReason, m.GetTextString());
    }

    private static (ulong, ushort, string) Business(ReadOnlySpan<byte> message)
    {
        var m = BusinessMessageRejectDecoder.Wrap(message);
        return (m.HasRefId ? m.RefId : 0, m.ReasonCode, m.GetTextString());
    }

    /// <summary>Waits for the first message matching <paramref name="match"/> and returns it.</summary>
    public Received WaitFor(Func<Received, bool> match, string what, TimeSpan? timeout = null)
    {
        Received? found = null;
        Wait.Until(() => (found = Messages.FirstOrDefault(match)) is not null, () => $"{what}; received so far:\n  {string.Join("\n  ", Messages.TakeLast(20))}", timeout);
        return found!;
    }

    public Received WaitFor(int template, ulong id, string what) => WaitFor(m => m.Template == template && m.Id == id, what);

    public SessionEvent WaitForEvent(SessionEventKind kind, string what)
    {
        SessionEvent? found = null;
        Wait.Until(() => (found = Events.FirstOrDefault(e => e.Kind == kind)) is not null, () => $"{what}; session events: {string.Join(", ", Events)}");
        return found!;
    }
}
