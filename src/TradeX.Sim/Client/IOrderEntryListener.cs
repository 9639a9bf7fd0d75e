using TradeX.Protocol.OrderEntry;

namespace TradeX.Sim.Client;

/// <summary>Where and when an application message arrived.</summary>
/// <param name="SeqNum">The gateway's sequence number of the message.</param>
/// <param name="Retransmitted">True for a message replayed in answer to a RetransmitRequest.</param>
/// <param name="ReceivedTicks">Stopwatch ticks when the frame holding it was read from the socket.</param>
public readonly record struct MessageInfo(ulong SeqNum, bool Retransmitted, long ReceivedTicks);

public enum SessionEventKind
{
    Negotiated,
    NegotiationRejected,
    Established,
    EstablishmentRejected,
    /// <summary>The gateway sent Terminate (its reason code and text are in the event).</summary>
    Terminated,
    /// <summary>The transport closed without a Terminate, or the client disconnected.</summary>
    Disconnected,
    RetransmitRejected,
    /// <summary>The client found a gap in the gateway's sequence numbers and asked for the missing messages.</summary>
    RetransmitRequested,
    /// <summary>The gateway sent nothing for too long.</summary>
    PeerLapsed,
}

/// <summary>A session-level happening, with the gateway's reason code where it gave one.</summary>
public sealed record SessionEvent(SessionEventKind Kind, ushort ReasonCode = 0, string Text = "", ulong FromSeqNo = 0, uint Count = 0);

/// <summary>
/// Typed callbacks from the client's receive thread. Each application message arrives as its SBE
/// decoder over the receive buffer (valid only during the call: copy what you keep). Implement only
/// what you need; <see cref="OnMessage"/> sees every application message first, raw.
/// </summary>
public interface IOrderEntryListener
{
    void OnMessage(int templateId, ReadOnlySpan<byte> message, in MessageInfo info)
    {
    }

    void OnExecutionNew(ExecutionReportNewDecoder m, in MessageInfo info)
    {
    }

    void OnExecutionRejected(ExecutionReportRejectedDecoder m, in MessageInfo info)
    {
    }

    void OnExecutionTrade(ExecutionReportTradeDecoder m, in MessageInfo info)
    {
    }

    void OnExecutionCanceled(ExecutionReportCanceledDecoder m, in MessageInfo info)
    {
    }

    void OnExecutionReplaced(ExecutionReportReplacedDecoder m, in MessageInfo info)
    {
    }

    void OnCancelReject(OrderCancelRejectDecoder m, in MessageInfo info)
    {
    }

    void OnMassCancelReport(OrderMassCancelReportDecoder m, in MessageInfo info)
    {
    }

    void OnMassQuoteAck(MassQuoteAckDecoder m, in MessageInfo info)
    {
    }

    void OnProtectionResetAck(QuoteProtectionResetAckDecoder m, in MessageInfo info)
    {
    }

    void OnBusinessReject(BusinessMessageRejectDecoder m, in MessageInfo info)
    {
    }

    void OnSessionEvent(SessionEvent e)
    {
    }
}

/// <summary>A listener that ignores everything (for clients that only send).</summary>
public sealed class NullOrderEntryListener : IOrderEntryListener
{
    public static readonly NullOrderEntryListener Instance = new();
}
