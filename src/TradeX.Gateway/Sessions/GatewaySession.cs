using TradeX.Gateway.Framing;
using TradeX.Gateway.Participants;
using TradeX.Gateway.Protocol;

namespace TradeX.Gateway.Sessions;

/// <summary>
/// A FIXP session: one session id of one participant, for the gateway's lifetime, across connections.
/// It keeps both sequence numbers (so a reconnect resumes them), the bounded history of application
/// messages for retransmission, the engine session number its orders carry, and the tables that
/// correlate engine answers with requests. <see cref="OutLock"/> orders everything sent on the session:
/// application messages (output and I/O threads) and session messages once established.
/// </summary>
internal sealed class GatewaySession
{
    public GatewaySession(ulong sessionId, Participant participant, int engineSession, int producer, GatewayOptions options)
    {
        SessionId = sessionId;
        Participant = participant;
        EngineSession = engineSession;
        Producer = producer;
        History = new FrameHistory(options.HistoryMessages, options.HistoryBytes);
        Throttle = new MessageThrottle(participant.MessagesPerSecond);
        Quotes = new PendingMassQuotes(options.PendingMassQuotes, options.MaxQuoteEntries);
        MassCancels = new PendingRequests<PendingMassCancel>(options.PendingMassCancels);
        ProtectionResets = new PendingRequests<PendingProtectionReset>(options.PendingMassCancels);
    }

    public ulong SessionId { get; }
    public Participant Participant { get; }
    public int EngineSession { get; }
    public int Producer { get; }

    // ---- guarded by OutLock ----
    public readonly SpinGate OutLock = new();
    public ulong NextOutSeq = 1;
    public readonly FrameHistory History;
    /// <summary>The established connection application messages go to (null while disconnected: history only).</summary>
    public ClientConnection? Live;

    // ---- I/O thread only ----
    public ulong LastProcessedInSeq;
    /// <summary>The connection that negotiated this session and has not closed yet.</summary>
    public ClientConnection? Bound;
    public readonly MessageThrottle Throttle;
    public bool CancelOnDisconnectPending;

    // ---- shared by design (single producer / single consumer) ----
    public readonly PendingMassQuotes Quotes;
    public readonly PendingRequests<PendingMassCancel> MassCancels;
    public readonly PendingRequests<PendingProtectionReset> ProtectionResets;

    // ---- output thread only ----
    public bool TouchedInBatch;

    /// <summary>
    /// Sequences an application message (stamps its seqNum), keeps it for retransmission and queues it
    /// to the live connection, if any. A connection that cannot take it is doomed (slow consumer); the
    /// message stays in the history for the client to ask for after it reconnects.
    /// </summary>
    public void SendApplication(Span<byte> frame)
    {
        using (OutLock.Enter())
        {
            ulong seq = NextOutSeq++;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(frame[ServerMessages.SeqNumOffset..], seq);
            History.Append(seq, frame);
            Live?.Enqueue(frame);
        }
    }
}
