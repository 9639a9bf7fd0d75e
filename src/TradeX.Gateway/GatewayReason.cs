namespace TradeX.Gateway;

/// <summary>
/// The gateway's own reason codes, on the wire in NegotiationReject, EstablishmentReject, Terminate,
/// RetransmitReject, BusinessMessageReject and the reason fields of ExecutionReportRejected,
/// OrderCancelReject, OrderMassCancelReport and MassQuoteAck. They start at 1000 so they never collide
/// with the engine's <see cref="TradeX.Core.RejectReason"/> codes, which share those fields. Stable:
/// never renumber; add new codes at the end of their range. docs/gateway.md lists them.
/// </summary>
public enum GatewayReason : ushort
{
    // ---- session (1000-1099) ----------------------------------------------------------------
    /// <summary>The session ended normally (either side sent Terminate).</summary>
    Finished = 1000,
    UnknownParticipant = 1001,
    InvalidCredentials = 1002,
    /// <summary>The session id is bound to another live connection, or belongs to another participant.</summary>
    SessionInUse = 1003,
    UnsupportedFlow = 1004,
    SessionCapacity = 1005,
    /// <summary>A second Negotiate on a connection.</summary>
    AlreadyNegotiated = 1006,
    /// <summary>Establish (or anything but Negotiate) before a successful Negotiate.</summary>
    NotNegotiated = 1007,
    /// <summary>An application message before Establish.</summary>
    NotEstablished = 1008,
    AlreadyEstablished = 1009,
    SessionIdMismatch = 1010,
    InvalidKeepAlive = 1011,
    /// <summary>Establish announced a next sequence number at or below one the gateway already processed.</summary>
    NextSeqNoTooLow = 1012,
    /// <summary>A client sequence number skipped ahead of the one expected.</summary>
    SequenceGap = 1013,
    /// <summary>Nothing was received for the keep-alive interval times the lapse factor.</summary>
    KeepAliveLapsed = 1014,
    /// <summary>Negotiate and Establish did not complete within the handshake timeout.</summary>
    HandshakeTimeout = 1015,
    /// <summary>A frame whose length cannot be right (below the header or above the maximum): the stream cannot be delimited any more.</summary>
    UndelimitableFrame = 1016,
    /// <summary>The client did not read its responses and its bounded send buffer filled.</summary>
    SlowConsumer = 1017,
    GatewayShutdown = 1018,
    /// <summary>A session message with a value the gateway cannot accept (session id 0, count 0, ...).</summary>
    InvalidSessionMessage = 1019,
    /// <summary>The session's previous connection is still being cleaned up (its cancel-on-disconnect is not yet in the engine); retry.</summary>
    CleanupPending = 1020,
    /// <summary>Retransmission asked for messages older than the bounded history still holds.</summary>
    RetransmitBeyondHistory = 1021,
    /// <summary>Retransmission asked for messages not sent yet.</summary>
    RetransmitBeyondLastSent = 1022,
    /// <summary>Retransmission asked for more messages than one request may (or than fit the send buffer): ask in smaller pieces.</summary>
    RetransmitTooLarge = 1023,
    /// <summary>The transport failed (reset by the peer, a socket error).</summary>
    ConnectionLost = 1024,

    // ---- business (1100-1199) ---------------------------------------------------------------
    /// <summary>The SOFH encoding type is not 0xEB50 (SBE 1.0 little-endian).</summary>
    UnsupportedEncoding = 1100,
    WrongSchema = 1101,
    /// <summary>The message claims a schema version newer than the gateway's.</summary>
    UnsupportedVersion = 1102,
    UnknownTemplate = 1103,
    /// <summary>The SBE message does not decode (truncated block, group or var data; count or length out of range): the text names the element.</summary>
    MalformedMessage = 1104,
    /// <summary>The SBE message is shorter or longer than its frame.</summary>
    LengthMismatch = 1105,
    /// <summary>A field holds a value the schema does not allow (an enum code it does not list, an id out of range).</summary>
    InvalidValue = 1106,
    /// <summary>The account is not one of the participant's accounts.</summary>
    AccountNotPermitted = 1107,
    /// <summary>The session sent more messages per second than its participant's throttle allows.</summary>
    Throttled = 1108,
    /// <summary>The engine's input ring is full: nothing was queued; send again.</summary>
    EngineBusy = 1109,
    /// <summary>A mass cancel scope the engine cannot carry out for one participant (Instrument).</summary>
    UnsupportedScope = 1110,
    TooManyQuoteEntries = 1111,
    NoQuoteEntries = 1112,
    /// <summary>A server-to-client message (an execution report, an acknowledgement) sent by the client.</summary>
    UnexpectedMessage = 1113,
    /// <summary>Too many mass quotes or mass cancels of this session await the engine's answer.</summary>
    TooManyPending = 1114,
}

/// <summary>Human text for each <see cref="GatewayReason"/> (constant strings: no allocation).</summary>
public static class GatewayReasons
{
    public static string Text(GatewayReason reason) => reason switch
    {
        GatewayReason.Finished => "session finished",
        GatewayReason.UnknownParticipant => "unknown participant",
        GatewayReason.InvalidCredentials => "invalid credentials",
        GatewayReason.SessionInUse => "session id in use by another connection or participant",
        GatewayReason.UnsupportedFlow => "client flow must be idempotent or recoverable",
        GatewayReason.SessionCapacity => "no more sessions can be created",
        GatewayReason.AlreadyNegotiated => "session already negotiated on this connection",
        GatewayReason.NotNegotiated => "negotiate first",
        GatewayReason.NotEstablished => "establish the session before sending application messages",
        GatewayReason.AlreadyEstablished => "session already established",
        GatewayReason.SessionIdMismatch => "session id differs from the negotiated one",
        GatewayReason.InvalidKeepAlive => "keep-alive interval must be positive",
        GatewayReason.NextSeqNoTooLow => "next sequence number is at or below one already processed",
        GatewayReason.SequenceGap => "sequence gap",
        GatewayReason.KeepAliveLapsed => "keep-alive interval lapsed",
        GatewayReason.HandshakeTimeout => "negotiate and establish took too long",
        GatewayReason.UndelimitableFrame => "frame length out of range: the stream cannot be delimited",
        GatewayReason.SlowConsumer => "send buffer full: the client is not reading",
        GatewayReason.GatewayShutdown => "gateway shutting down",
        GatewayReason.InvalidSessionMessage => "invalid session message",
        GatewayReason.CleanupPending => "previous connection still being cleaned up; retry",
        GatewayReason.RetransmitBeyondHistory => "requested messages are older than the retransmission history",
        GatewayReason.RetransmitBeyondLastSent => "requested messages were not sent yet",
        GatewayReason.RetransmitTooLarge => "retransmission request too large; ask for fewer messages",
        GatewayReason.ConnectionLost => "connection lost",
        GatewayReason.UnsupportedEncoding => "SOFH encoding type must be 0xEB50 (SBE 1.0 little-endian)",
        GatewayReason.WrongSchema => "wrong schema id",
        GatewayReason.UnsupportedVersion => "schema version newer than the gateway's",
        GatewayReason.UnknownTemplate => "unknown template id",
        GatewayReason.MalformedMessage => "malformed message",
        GatewayReason.LengthMismatch => "message length differs from the frame length",
        GatewayReason.InvalidValue => "value out of range",
        GatewayReason.AccountNotPermitted => "account not permitted for this participant",
        GatewayReason.Throttled => "throttle limit exceeded",
        GatewayReason.EngineBusy => "engine busy: input ring full, nothing queued",
        GatewayReason.UnsupportedScope => "mass cancel scope not supported",
        GatewayReason.TooManyQuoteEntries => "too many quote entries",
        GatewayReason.NoQuoteEntries => "mass quote has no entries",
        GatewayReason.UnexpectedMessage => "message not accepted from clients",
        GatewayReason.TooManyPending => "too many requests awaiting the engine",
        _ => "unknown reason",
    };

    /// <summary>Text for a code on the wire: the gateway's own, or else the engine's.</summary>
    public static string Describe(ushort code) =>
        code >= 1000 ? Text((GatewayReason)code) : TradeX.Core.RejectReasons.Text((TradeX.Core.RejectReason)code);
}
