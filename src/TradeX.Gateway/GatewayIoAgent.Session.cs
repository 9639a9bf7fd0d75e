using System.Buffers.Binary;
using TradeX.Gateway.Framing;
using TradeX.Gateway.Participants;
using TradeX.Gateway.Protocol;
using TradeX.Gateway.Sessions;
using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;

namespace TradeX.Gateway;

internal sealed partial class GatewayIoAgent
{
    private sealed record AuthenticationRequest(ClientConnection Connection, ulong SessionId, uint ParticipantId, Participant? Participant, byte[] Credentials, ulong Timestamp);

    private sealed record AuthenticationResult(AuthenticationRequest Request, bool Verified);

    // ---- framing ----------------------------------------------------------------------------------

    /// <summary>Delimits and handles every complete frame received; keeps a partial one for the next read.</summary>
    private void ProcessFrames(ClientConnection c, long now, long startTicks)
    {
        byte[] buffer = c.Receive;
        int position = 0;
        int end = c.ReceiveCount;
        while (end - position >= Sofh.HeaderLength && c.State != ConnectionState.Closing && c.DoomReason == 0)
        {
            Sofh.TryRead(buffer.AsSpan(position, end - position), out uint length, out ushort encoding);
            if (length < Sofh.HeaderLength || length > (uint)_options.MaxFrameLength)
            {
                // The length cannot be trusted, so neither can anything after it: no later frame can be found.
                Interlocked.Increment(ref _stats.malformedFrames);
                Terminate(c, GatewayReason.UndelimitableFrame);
                return;
            }
            if (end - position < length) break;
            HandleFrame(c, buffer.AsSpan(position + Sofh.HeaderLength, (int)length - Sofh.HeaderLength), encoding, now, startTicks);
            position += (int)length;
        }
        if (c.State == ConnectionState.Closing)
        {
            c.ReceiveCount = 0;
            return;
        }
        if (position > 0)
        {
            Buffer.BlockCopy(buffer, position, buffer, 0, end - position);
            c.ReceiveCount = end - position;
        }
    }

    private void HandleFrame(ClientConnection c, ReadOnlySpan<byte> message, ushort encoding, long now, long startTicks)
    {
        if (encoding != Sofh.SbeLittleEndian)
        {
            RejectFrame(c, GatewayReason.UnsupportedEncoding, message, default, ourSchema: false);
            return;
        }
        if (!OrderEntrySchema.TryReadHeader(message, 0, out SbeMessageHeader header, out SbeError error))
        {
            RejectFrame(c, error.Code == SbeErrorCode.WrongSchemaId ? GatewayReason.WrongSchema : GatewayReason.MalformedMessage, message, error,
                ourSchema: false);
            return;
        }
        if (header.Version > OrderEntrySchema.Version)
        {
            RejectFrame(c, GatewayReason.UnsupportedVersion, message, default, ourSchema: true);
            return;
        }
        int template = header.TemplateId;
        bool fromClient = template is NegotiateDecoder.SbeTemplateId or EstablishDecoder.SbeTemplateId or SequenceDecoder.SbeTemplateId
            or TerminateDecoder.SbeTemplateId or RetransmitRequestDecoder.SbeTemplateId or (>= NewOrderSingleDecoder.SbeTemplateId and <= QuoteProtectionResetDecoder.SbeTemplateId);
        if (!OrderEntrySchema.TryValidate(message, 0, out int messageLength, out error))
        {
            RejectFrame(c, error.Code == SbeErrorCode.UnknownTemplateId ? GatewayReason.UnknownTemplate : GatewayReason.MalformedMessage, message, error,
                ourSchema: true);
            return;
        }
        if (!fromClient)
        {
            RejectFrame(c, GatewayReason.UnexpectedMessage, message, default, ourSchema: true);
            return;
        }
        if (messageLength != message.Length)
        {
            RejectFrame(c, GatewayReason.LengthMismatch, message, default, ourSchema: true);
            return;
        }
        if (template > SessionTemplateMax)
        {
            OnApplication(c, template, message, now, startTicks);
            return;
        }
        switch (template)
        {
            case NegotiateDecoder.SbeTemplateId: OnNegotiate(c, NegotiateDecoder.Wrap(message)); break;
            case EstablishDecoder.SbeTemplateId: OnEstablish(c, EstablishDecoder.Wrap(message), now); break;
            case SequenceDecoder.SbeTemplateId: OnSequence(c, SequenceDecoder.Wrap(message)); break;
            case TerminateDecoder.SbeTemplateId: Terminate(c, GatewayReason.Finished); break;
            case RetransmitRequestDecoder.SbeTemplateId: OnRetransmitRequest(c, RetransmitRequestDecoder.Wrap(message)); break;
        }
    }

    /// <summary>
    /// A frame that cannot be used. Before establishment it ends the connection (Terminate with the
    /// reason); afterwards it is answered with a BusinessMessageReject and the session goes on. Every
    /// application message of the schema (template ids 20-59, known to this version or not) starts with
    /// seqNum, then the client order id or quote id: when the frame is of this schema and they can be read,
    /// the reject names them, and a seqNum that is the one expected is used up, so the client's next
    /// message is not a gap. Frames of another encoding or schema say nothing the gateway can trust.
    /// </summary>
    private void RejectFrame(ClientConnection c, GatewayReason reason, ReadOnlySpan<byte> message, in SbeError error, bool ourSchema)
    {
        Interlocked.Increment(ref _stats.malformedFrames);
        if (c.State != ConnectionState.Established)
        {
            Terminate(c, reason);
            return;
        }
        var s = c.Session!;
        ushort template = ourSchema && message.Length >= 4 ? BinaryPrimitives.ReadUInt16LittleEndian(message[2..]) : (ushort)0;
        bool application = template is >= ApplicationTemplateMin and <= ApplicationTemplateMax;
        int body = OrderEntrySchema.HeaderLength;
        ulong refSeq = application && message.Length >= body + 8 ? BinaryPrimitives.ReadUInt64LittleEndian(message[body..]) : 0;
        bool hasRefId = application && message.Length >= body + 16;
        ulong refId = hasRefId ? BinaryPrimitives.ReadUInt64LittleEndian(message[(body + 8)..]) : 0;
        if (refSeq != 0 && refSeq == s.LastProcessedInSeq + 1) s.LastProcessedInSeq = refSeq;
        BusinessReject(s, refSeq, hasRefId, refId, template, reason, error);
    }

    private void BusinessReject(GatewaySession s, ulong refSeq, bool hasRefId, ulong refId, ushort template, GatewayReason reason, in SbeError error)
    {
        Interlocked.Increment(ref _stats.businessRejects);
        _stats.Count(reason);
        int length = ServerMessages.BusinessReject(_scratch, refSeq, hasRefId, refId, _clock.NowNanos(), template, reason, in error);
        s.SendApplication(_scratch.AsSpan(0, length));
    }

    // ---- negotiation --------------------------------------------------------------------------

    private void OnNegotiate(ClientConnection c, NegotiateDecoder m)
    {
        if (c.State != ConnectionState.AwaitingNegotiate)
        {
            Terminate(c, GatewayReason.AlreadyNegotiated);
            return;
        }
        Interlocked.Increment(ref _stats.negotiations);
        c.NegotiateTimestamp = m.Timestamp;
        if (m.SessionId == 0)
        {
            RejectNegotiation(c, m.SessionId, m.ParticipantId, GatewayReason.InvalidSessionMessage);
            return;
        }
        if (m.ClientFlow is not (FlowType.Idempotent or FlowType.Recoverable))
        {
            RejectNegotiation(c, m.SessionId, m.ParticipantId, GatewayReason.UnsupportedFlow);
            return;
        }
        c.State = ConnectionState.Authenticating;
        var request = new AuthenticationRequest(c, m.SessionId, m.ParticipantId, _participants.Find(m.ParticipantId), m.Credentials().ToArray(), m.Timestamp);
        _authenticationsWaiting.Enqueue(request);
        StartAuthentications();
    }

    /// <summary>PBKDF2 takes milliseconds: it runs on the thread pool, a few at a time, so other sessions are never held up.</summary>
    private void StartAuthentications()
    {
        while (_authenticationsRunning < _options.MaxConcurrentAuthentications && _authenticationsWaiting.TryDequeue(out var request))
        {
            _authenticationsRunning++;
            ThreadPool.UnsafeQueueUserWorkItem(r =>
            {
                bool verified;
                try
                {
                    // An unknown participant costs as much as a known one, so timing does not tell which ids exist.
                    verified = SecretHash.Verify(r.Credentials, r.Participant?.SecretHash ?? UnknownParticipantHash);
                    verified &= r.Participant is not null;
                }
                catch (Exception)
                {
                    verified = false;
                }
                _authenticated.Enqueue(new AuthenticationResult(r, verified));
                Wake?.Signal();
            }, request, preferLocal: false);
        }
    }

    private static readonly string UnknownParticipantHash = SecretHash.Create("unknown participant", SecretHash.DefaultIterations);

    private int CompleteAuthentications()
    {
        int work = 0;
        while (_authenticated.TryDequeue(out var result))
        {
            work++;
            _authenticationsRunning--;
            var request = result.Request;
            var c = request.Connection;
            if (_connections[c.Slot] != c || c.State != ConnectionState.Authenticating) continue; // gone meanwhile
            if (!result.Verified)
            {
                RejectNegotiation(c, request.SessionId, request.ParticipantId,
                    request.Participant is null ? GatewayReason.UnknownParticipant : GatewayReason.InvalidCredentials);
                continue;
            }
            var participant = request.Participant!;
            var session = _sessions.FindById(request.SessionId);
            if (session is not null)
            {
                if (session.Participant.Id != participant.Id || session.Bound is not null)
                {
                    RejectNegotiation(c, request.SessionId, request.ParticipantId, GatewayReason.SessionInUse);
                    continue;
                }
                if (session.CancelOnDisconnectPending)
                {
                    RejectNegotiation(c, request.SessionId, request.ParticipantId, GatewayReason.CleanupPending);
                    continue;
                }
            }
            else
            {
                session = _sessions.Create(request.SessionId, participant);
                if (session is null)
                {
                    RejectNegotiation(c, request.SessionId, request.ParticipantId, GatewayReason.SessionCapacity);
                    continue;
                }
            }
            session.Bound = c;
            c.Session = session;
            c.State = ConnectionState.Negotiated;
            int length = ServerMessages.NegotiationResponse(_scratch, request.SessionId, request.Timestamp, request.ParticipantId);
            c.Enqueue(_scratch.AsSpan(0, length));
            c.Flush();
        }
        StartAuthentications();
        return work;
    }

    private void RejectNegotiation(ClientConnection c, ulong sessionId, uint participantId, GatewayReason reason)
    {
        _stats.RecordNegotiationRejection(new NegotiationRejection(DateTime.UtcNow, participantId, sessionId, c.Remote?.ToString() ?? "?", reason));
        _log($"gateway: negotiation rejected: participant {participantId}, session {sessionId}, from {c.Remote}: {GatewayReasons.Text(reason)}");
        int length = ServerMessages.NegotiationReject(_scratch, sessionId, c.NegotiateTimestamp, reason);
        c.SessionEnded = true; // counted by the rejection record, no session to end
        c.Enqueue(_scratch.AsSpan(0, length));
        StartClosing(c);
    }

    // ---- establishment and the established session --------------------------------------------

    private void OnEstablish(ClientConnection c, EstablishDecoder m, long now)
    {
        GatewayReason reason;
        switch (c.State)
        {
            case ConnectionState.Established:
                Terminate(c, GatewayReason.AlreadyEstablished);
                return;
            case ConnectionState.Negotiated:
                var s = c.Session!;
                if (m.SessionId != s.SessionId) reason = GatewayReason.SessionIdMismatch;
                else if (m.KeepAliveInterval == 0) reason = GatewayReason.InvalidKeepAlive;
                else if (m.NextSeqNo <= s.LastProcessedInSeq) reason = GatewayReason.NextSeqNoTooLow;
                else
                {
                    uint keepAlive = (uint)Math.Clamp(m.KeepAliveInterval, (uint)_options.MinKeepAliveMillis, (uint)_options.MaxKeepAliveMillis);
                    c.KeepAliveNanos = keepAlive * 1_000_000L;
                    using (s.OutLock.Enter())
                    {
                        int length = ServerMessages.EstablishmentAck(_scratch, s.SessionId, m.Timestamp, keepAlive, s.NextOutSeq, s.LastProcessedInSeq);
                        c.Enqueue(_scratch.AsSpan(0, length));
                        s.Live = c;
                    }
                    c.State = ConnectionState.Established;
                    c.LastSentNanos = now;
                    Interlocked.Increment(ref _stats.establishments);
                    return;
                }
                break;
            default:
                reason = GatewayReason.NotNegotiated;
                break;
        }
        Interlocked.Increment(ref _stats.establishmentRejects);
        _stats.Count(reason);
        _log($"gateway: establishment rejected: session {m.SessionId} from {c.Remote}: {GatewayReasons.Text(reason)}");
        int rejectLength = ServerMessages.EstablishmentReject(_scratch, m.SessionId, m.Timestamp, reason);
        RejectAndClose(c, rejectLength, reason);
    }

    private void OnSequence(ClientConnection c, SequenceDecoder m)
    {
        if (c.State != ConnectionState.Established)
        {
            Terminate(c, c.State == ConnectionState.Negotiated ? GatewayReason.NotEstablished : GatewayReason.NotNegotiated);
            return;
        }
        // A heartbeat announcing more than the gateway has seen means messages were lost in between.
        if (m.NextSeqNo > c.Session!.LastProcessedInSeq + 1) Terminate(c, GatewayReason.SequenceGap);
    }

    private void OnRetransmitRequest(ClientConnection c, RetransmitRequestDecoder m)
    {
        if (c.State != ConnectionState.Established)
        {
            Terminate(c, c.State == ConnectionState.Negotiated ? GatewayReason.NotEstablished : GatewayReason.NotNegotiated);
            return;
        }
        var s = c.Session!;
        ulong from = m.FromSeqNo;
        uint count = m.Count;
        GatewayReason reason = 0;
        using (s.OutLock.Enter())
        {
            if (m.SessionId != s.SessionId) reason = GatewayReason.SessionIdMismatch;
            else if (from == 0 || count == 0) reason = GatewayReason.InvalidSessionMessage;
            else if (count > (uint)_options.MaxRetransmitCount) reason = GatewayReason.RetransmitTooLarge;
            else if (from >= s.NextOutSeq || count > s.NextOutSeq - from) reason = GatewayReason.RetransmitBeyondLastSent;
            else if (from < s.History.First) reason = GatewayReason.RetransmitBeyondHistory;
            else
            {
                int length = ServerMessages.Retransmission(_scratch, s.SessionId, m.Timestamp, from, count);
                if (c.TryEnqueueReplay(_scratch.AsSpan(0, length), s.History, from, count)) Interlocked.Increment(ref _stats.retransmissions);
                else reason = GatewayReason.RetransmitTooLarge;
            }
            if (reason != 0)
            {
                Interlocked.Increment(ref _stats.retransmitRejects);
                int length = ServerMessages.RetransmitReject(_scratch, m.SessionId, m.Timestamp, reason);
                c.Enqueue(_scratch.AsSpan(0, length));
            }
        }
    }
}
