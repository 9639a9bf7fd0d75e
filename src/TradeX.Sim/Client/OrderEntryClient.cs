using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using TradeX.Gateway;
using TradeX.Gateway.Framing;
using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;

namespace TradeX.Sim.Client;

public enum ClientState
{
    Disconnected,
    Connected,
    Negotiated,
    Established,
    Terminated,
}

/// <summary>
/// A market maker's connection to the TradeX gateway: TCP, SOFH framing, the FIXP-style session
/// (Negotiate, Establish, Sequence heartbeats, Terminate), order entry and quoting, and recovery — after
/// <see cref="Reconnect"/> with the same session id it resends its own messages the gateway had not
/// processed and asks for the responses it missed. Sends are synchronous on the caller's thread (one
/// lock); responses arrive on the client's receive thread as typed callbacks to the listener.
/// </summary>
public sealed class OrderEntryClient : IDisposable
{
    private const int RetransmitChunk = 1000;
    private readonly OrderEntryClientOptions _options;
    private readonly IOrderEntryListener _listener;
    private readonly Lock _sendLock = new();
    private readonly byte[] _sendScratch = new byte[64 * 1024];
    private readonly FrameHistory _sent;
    private readonly ManualResetEventSlim _handshake = new();
    private readonly Queue<(ulong From, uint Count)> _retransmitQueue = new();
    private Socket? _socket;
    private Timer? _timer;
    private int _generation;
    private volatile ClientState _state;
    private ulong _nextSeq = 1;
    private ulong _expectedIn = 1;
    private long _replayRemaining;
    private bool _retransmitInFlight;
    private long _lastSentTicks;
    private long _lastReceivedTicks;
    private bool _terminateSent;
    private ushort _handshakeReason;
    private string _handshakeText = "";
    private bool _handshakeAccepted;
    private ulong _ackNextSeq;
    private ulong _ackLastProcessed;
    private uint _ackKeepAlive;
    private long _heartbeats;

    public OrderEntryClient(OrderEntryClientOptions options, IOrderEntryListener? listener = null)
    {
        _options = options;
        _listener = listener ?? NullOrderEntryListener.Instance;
        _sent = new FrameHistory(RoundUpPowerOfTwo(options.SentHistoryMessages), options.SentHistoryBytes);
    }

    public ClientState State => _state;
    public ulong SessionId => _options.SessionId;

    /// <summary>The keep-alive interval the gateway enforces (from EstablishmentAck).</summary>
    public uint KeepAliveMillis { get; private set; }

    /// <summary>The sequence number the next application message will carry.</summary>
    public ulong NextSeqNo
    {
        get
        {
            lock (_sendLock) return _nextSeq;
        }
    }

    /// <summary>The gateway's sequence number the client expects next.</summary>
    public ulong ExpectedSeqNo => Interlocked.Read(ref _expectedIn);

    /// <summary>From the last EstablishmentAck: the last client sequence number the gateway had processed.</summary>
    public ulong LastProcessedByGateway => _ackLastProcessed;

    /// <summary>From the last EstablishmentAck: the gateway's next sequence number at that moment.</summary>
    public ulong GatewayNextSeqNoAtEstablish => _ackNextSeq;

    /// <summary>Reason code of the gateway's Terminate (0 when none came).</summary>
    public ushort TerminateReason { get; private set; }

    /// <summary>Own messages the gateway had not processed that could no longer be resent (dropped from the bounded history).</summary>
    public long UnresendableMessages { get; private set; }

    public long DuplicatesDropped { get; private set; }

    /// <summary>Sequence messages (heartbeats) received from the gateway.</summary>
    public long HeartbeatsReceived => Interlocked.Read(ref _heartbeats);

    // ---- session -----------------------------------------------------------------------------

    /// <summary>Connects, negotiates and establishes; throws <see cref="OrderEntrySessionException"/> when the gateway refuses.</summary>
    public void Connect()
    {
        ConnectTransport();
        try
        {
            Negotiate();
            Establish();
        }
        catch
        {
            Disconnect();
            throw;
        }
    }

    /// <summary>Only the TCP connection (tests drive the handshake themselves, or send raw frames).</summary>
    public void ConnectTransport()
    {
        var socket = new Socket(_options.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (_options.SocketReceiveBufferBytes > 0) socket.ReceiveBufferSize = _options.SocketReceiveBufferBytes;
        socket.Connect(_options.Endpoint);
        if (_options.BusyPollReceive) socket.Blocking = false;
        int generation = Interlocked.Increment(ref _generation);
        _socket = socket;
        _terminateSent = false;
        TerminateReason = 0;
        _replayRemaining = 0;
        lock (_retransmitQueue)
        {
            _retransmitQueue.Clear();
            _retransmitInFlight = false;
        }
        _lastReceivedTicks = _lastSentTicks = Stopwatch.GetTimestamp();
        _state = ClientState.Connected;
        if (_options.ReceivePoller is { } poller)
        {
            socket.Blocking = false;
            poller.Add(new Receiver(this, socket, generation));
            return;
        }
        var thread = new Thread(() => ReceiveLoop(socket, generation)) { Name = $"oe-client-{_options.SessionId}", IsBackground = true };
        thread.Start();
    }

    public void Negotiate()
    {
        _handshake.Reset();
        lock (_sendLock)
        {
            var m = NegotiateEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SessionId = _options.SessionId;
            m.Timestamp = WallClockNanos();
            m.ParticipantId = _options.ParticipantId;
            m.ClientFlow = FlowType.Idempotent;
            m.SetCredentials(_options.Credentials);
            SendFrameLocked(Seal(m.Finish()));
        }
        AwaitHandshake("NegotiationResponse");
        _state = ClientState.Negotiated;
    }

    /// <summary>
    /// Establishes with the next own sequence number, then resends every own message the gateway reports it
    /// had not processed, and (with AutoRetransmit) asks for the responses sent while the client was away.
    /// </summary>
    public void Establish()
    {
        _handshake.Reset();
        lock (_sendLock)
        {
            var m = EstablishEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SessionId = _options.SessionId;
            m.Timestamp = WallClockNanos();
            m.KeepAliveInterval = _options.KeepAliveMillis;
            m.NextSeqNo = _nextSeq;
            SendFrameLocked(Seal(m.Finish()));
        }
        AwaitHandshake("EstablishmentAck");
        KeepAliveMillis = _ackKeepAlive;
        lock (_sendLock)
        {
            // Idempotent flow: resend what the gateway had not processed, with the original numbers.
            for (ulong seq = _ackLastProcessed + 1; seq < _nextSeq; seq++)
            {
                if (!_sent.Contains(seq))
                {
                    UnresendableMessages++;
                    continue;
                }
                int length = _sent.CopyTo(seq, _sendScratch);
                SendFrameLocked(length);
            }
            _state = ClientState.Established;
        }
        long period = Math.Max(10, KeepAliveMillis / 4);
        _timer?.Dispose();
        _timer = new Timer(_ => KeepTime(), null, period, period);
    }

    private void AwaitHandshake(string what)
    {
        if (!_handshake.Wait(_options.HandshakeTimeout))
        {
            throw new OrderEntrySessionException($"no {what} within {_options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        if (!_handshakeAccepted)
        {
            throw new OrderEntrySessionException($"{what} refused: {_handshakeReason} {_handshakeText}", _handshakeReason);
        }
    }

    /// <summary>Ends the session with Terminate and waits (briefly) for the gateway's Terminate.</summary>
    public void Terminate()
    {
        var socket = _socket;
        if (socket is null || _state is ClientState.Disconnected or ClientState.Terminated) return;
        lock (_sendLock)
        {
            _terminateSent = true;
            var m = TerminateEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SessionId = _options.SessionId;
            m.ReasonCode = (ushort)GatewayReason.Finished;
            m.SetReason("finished");
            SendFrameLocked(Seal(m.Finish()));
        }
        var deadline = Stopwatch.StartNew();
        while (_state is not (ClientState.Terminated or ClientState.Disconnected) && deadline.Elapsed < TimeSpan.FromSeconds(2)) Thread.Sleep(1);
        Disconnect();
    }

    /// <summary>Closes the transport at once (no Terminate): what a crash or a cable pull looks like to the gateway.</summary>
    public void Disconnect()
    {
        _timer?.Dispose();
        _timer = null;
        var socket = Interlocked.Exchange(ref _socket, null);
        if (socket is null) return;
        try
        {
            socket.Close();
        }
        catch (SocketException)
        {
        }
        if (_state != ClientState.Terminated) _state = ClientState.Disconnected;
    }

    /// <summary>
    /// A new connection for the same session: Negotiate (retried while the gateway still holds the old
    /// connection or is cancelling its orders), Establish with the next own sequence number, resend what
    /// was not processed, ask for what was missed.
    /// </summary>
    public void Reconnect()
    {
        Disconnect();
        for (int attempt = 1; ; attempt++)
        {
            ConnectTransport();
            try
            {
                Negotiate();
                Establish();
                return;
            }
            catch (OrderEntrySessionException e) when (attempt < _options.ReconnectAttempts &&
                                                       e.ReasonCode is (ushort)GatewayReason.SessionInUse or (ushort)GatewayReason.CleanupPending)
            {
                Disconnect();
                Thread.Sleep(20);
            }
            catch
            {
                Disconnect();
                throw;
            }
        }
    }

    public void Dispose()
    {
        if (_state == ClientState.Established) Terminate();
        Disconnect();
        _handshake.Dispose();
    }

    // ---- application messages -------------------------------------------------------------------

    /// <summary>Sends a NewOrderSingle; returns its sequence number, or 0 when the session is not established (nothing sent).</summary>
    public ulong SendNewOrder(in NewOrderRequest r)
    {
        lock (_sendLock)
        {
            if (_state != ClientState.Established) return 0;
            var m = NewOrderSingleEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SeqNum = _nextSeq;
            m.ClOrdId = r.ClOrdId;
            if (r.Price is { } price) m.Price.SetMantissa(price);
            else m.Price.SetNull();
            m.OrderQty = r.Quantity;
            m.TransactTime = WallClockNanos();
            m.Account = r.Account;
            m.SecurityId = r.SecurityId;
            m.Side = r.Side;
            m.OrdType = r.OrdType;
            m.TimeInForce = r.TimeInForce;
            return SendSequencedLocked(m.Finish());
        }
    }

    public ulong SendCancel(in CancelRequest r)
    {
        lock (_sendLock)
        {
            if (_state != ClientState.Established) return 0;
            var m = OrderCancelRequestEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SeqNum = _nextSeq;
            m.ClOrdId = r.ClOrdId;
            m.OrigClOrdId = r.OrigClOrdId;
            if (r.OrderId is { } orderId) m.OrderId = orderId;
            m.TransactTime = WallClockNanos();
            m.Account = r.Account;
            m.SecurityId = r.SecurityId;
            m.Side = r.Side;
            return SendSequencedLocked(m.Finish());
        }
    }

    public ulong SendReplace(in ReplaceRequest r)
    {
        lock (_sendLock)
        {
            if (_state != ClientState.Established) return 0;
            var m = OrderCancelReplaceRequestEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SeqNum = _nextSeq;
            m.ClOrdId = r.ClOrdId;
            m.OrigClOrdId = r.OrigClOrdId;
            if (r.OrderId is { } orderId) m.OrderId = orderId;
            if (r.Price is { } price) m.Price.SetMantissa(price);
            else m.Price.SetNull();
            m.OrderQty = r.Quantity;
            m.TransactTime = WallClockNanos();
            m.Account = r.Account;
            m.SecurityId = r.SecurityId;
            m.Side = r.Side;
            m.OrdType = r.OrdType;
            m.TimeInForce = r.TimeInForce;
            return SendSequencedLocked(m.Finish());
        }
    }

    /// <summary>Sends an OrderMassCancelRequest (Account needs <paramref name="account"/>; Instrument needs <paramref name="securityId"/>).</summary>
    public ulong SendMassCancel(ulong clOrdId, MassCancelScope scope, uint? account = null, int? securityId = null)
    {
        lock (_sendLock)
        {
            if (_state != ClientState.Established) return 0;
            var m = OrderMassCancelRequestEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SeqNum = _nextSeq;
            m.ClOrdId = clOrdId;
            m.TransactTime = WallClockNanos();
            if (account is { } a) m.Account = a;
            if (securityId is { } s) m.SecurityId = s;
            m.Scope = scope;
            return SendSequencedLocked(m.Finish());
        }
    }

    /// <summary>
    /// Sends a QuoteProtectionReset: re-arms this participant's tripped market-maker protection in one
    /// instrument (or every instrument when <paramref name="securityId"/> is null). Answered by a QuoteProtectionResetAck.
    /// </summary>
    public ulong SendProtectionReset(ulong requestId, int? securityId = null)
    {
        lock (_sendLock)
        {
            if (_state != ClientState.Established) return 0;
            var m = QuoteProtectionResetEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SeqNum = _nextSeq;
            m.RequestId = requestId;
            m.TransactTime = WallClockNanos();
            if (securityId is { } s) m.SecurityId = s;
            return SendSequencedLocked(m.Finish());
        }
    }

    /// <summary>Sends a MassQuote: each entry replaces the account's quote in its instrument (zero sizes pull).</summary>
    public ulong SendMassQuote(ulong quoteId, uint account, ReadOnlySpan<QuoteEntry> entries)
    {
        lock (_sendLock)
        {
            if (_state != ClientState.Established) return 0;
            var m = MassQuoteEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
            m.SeqNum = _nextSeq;
            m.QuoteId = quoteId;
            m.TransactTime = WallClockNanos();
            m.Account = account;
            var group = m.QuoteEntriesCount(entries.Length);
            foreach (ref readonly var e in entries)
            {
                group.Next();
                if (e.BidSize > 0) group.BidPx.SetMantissa(e.BidPrice);
                group.BidSize = e.BidSize;
                if (e.OfferSize > 0) group.OfferPx.SetMantissa(e.OfferPrice);
                group.OfferSize = e.OfferSize;
                group.SecurityId = e.SecurityId;
            }
            return SendSequencedLocked(m.Finish());
        }
    }

    /// <summary>Asks for the gateway's messages <paramref name="from"/> .. from + count − 1 (done automatically on gaps with AutoRetransmit).</summary>
    public void RequestRetransmission(ulong from, uint count)
    {
        lock (_sendLock) SendRetransmitRequestLocked(from, count);
    }

    /// <summary>Takes the next sequence number without sending anything: for tests that write their own (malformed) application frames.</summary>
    public ulong TakeSeqNo()
    {
        lock (_sendLock) return _nextSeq++;
    }

    /// <summary>Sends bytes exactly as given (a whole SOFH frame, or garbage): for tests of the gateway's handling of bad input.</summary>
    public void SendRaw(ReadOnlySpan<byte> bytes)
    {
        lock (_sendLock) SendAllLocked(bytes);
    }

    // ---- sending internals ----------------------------------------------------------------------

    private static int Seal(int messageLength)
    {
        return Sofh.HeaderLength + messageLength;
    }

    private ulong SendSequencedLocked(int messageLength)
    {
        int length = Seal(messageLength);
        Sofh.Write(_sendScratch, length);
        ulong seq = _nextSeq++;
        var frame = _sendScratch.AsSpan(0, length);
        _sent.Append(seq, frame);
        SendAllLocked(frame);
        return seq;
    }

    private void SendFrameLocked(int length)
    {
        Sofh.Write(_sendScratch, length);
        SendAllLocked(_sendScratch.AsSpan(0, length));
    }

    private void SendRetransmitRequestLocked(ulong from, uint count)
    {
        // Runs on the receive thread too: every use of _sendScratch holds _sendLock, as this caller does.
        var m = RetransmitRequestEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
        m.SessionId = _options.SessionId;
        m.Timestamp = WallClockNanos();
        m.FromSeqNo = from;
        m.Count = count;
        SendFrameLocked(Seal(m.Finish()));
    }

    private void SendAllLocked(ReadOnlySpan<byte> bytes)
    {
        var socket = _socket;
        if (socket is null) return;
        try
        {
            while (!bytes.IsEmpty)
            {
                int n = socket.Send(bytes, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock)
                {
                    Thread.Yield();
                    continue;
                }
                if (error != SocketError.Success) return; // the receive thread reports the disconnect
                bytes = bytes[n..];
            }
            _lastSentTicks = Stopwatch.GetTimestamp();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void KeepTime()
    {
        if (_state != ClientState.Established) return;
        long now = Stopwatch.GetTimestamp();
        long interval = KeepAliveMillis * Stopwatch.Frequency / 1000;
        if (_options.SendHeartbeats && now - Volatile.Read(ref _lastSentTicks) >= interval)
        {
            lock (_sendLock)
            {
                var m = SequenceEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
                m.NextSeqNo = _nextSeq;
                SendFrameLocked(Seal(m.Finish()));
            }
        }
        if (_options.DetectPeerLapse && now - Volatile.Read(ref _lastReceivedTicks) > 3 * interval)
        {
            _listener.OnSessionEvent(new SessionEvent(SessionEventKind.PeerLapsed));
            Disconnect();
        }
    }

    private static ulong WallClockNanos() => (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    private static int RoundUpPowerOfTwo(int n)
    {
        int size = 16;
        while (size < n) size <<= 1;
        return size;
    }

    // ---- receiving ----------------------------------------------------------------------------

    private void ReceiveLoop(Socket socket, int generation)
    {
        if (_options.ReceiveCore is not null) TradeX.Disruptor.CpuAffinity.PinCurrentThread(_options.ReceiveCore, $"oe-client-{_options.SessionId}");
        var receiver = new Receiver(this, socket, generation);
        while (true)
        {
            int work = receiver.Pump();
            if (work < 0) return;
            if (work == 0) Thread.Yield(); // busy-poll: nothing yet
        }
    }

    /// <summary>
    /// One connection's receiving side: the buffer, SOFH delimiting and the frames handed to the session. Pumped
    /// by the client's own thread, or with every other client's by a <see cref="ClientReceivePoller"/>.
    /// </summary>
    internal sealed class Receiver(OrderEntryClient owner, Socket socket, int generation)
    {
        private readonly byte[] _buffer = new byte[256 * 1024];
        private int _count;
        private bool _ended;

        public Socket Socket => socket;

        /// <summary>True when the client has let go of this connection (closed it, or connected again).</summary>
        public bool Abandoned => !ReferenceEquals(Volatile.Read(ref owner._socket), socket);

        /// <summary>
        /// Reads once (blocking or not, as the socket is) and handles every whole frame: 1 if bytes came, 0 if
        /// none were there, -1 once the connection has ended (the client is told; later calls return -1).
        /// </summary>
        public int Pump()
        {
            if (_ended) return -1;
            string? failure = null;
            try
            {
                int n = socket.Receive(_buffer.AsSpan(_count), SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock) return 0;
                if (error == SocketError.Success && n > 0)
                {
                    long ticks = Stopwatch.GetTimestamp();
                    Volatile.Write(ref owner._lastReceivedTicks, ticks);
                    _count += n;
                    int position = 0;
                    while (_count - position >= Sofh.HeaderLength)
                    {
                        Sofh.TryRead(_buffer.AsSpan(position), out uint length, out _);
                        if (length < Sofh.HeaderLength + OrderEntrySchema.HeaderLength || length > _buffer.Length)
                        {
                            failure = $"undelimitable frame of length {length} from the gateway";
                            goto Ended;
                        }
                        if (_count - position < length) break;
                        owner.HandleFrame(_buffer.AsSpan(position + Sofh.HeaderLength, (int)length - Sofh.HeaderLength), ticks);
                        position += (int)length;
                    }
                    Buffer.BlockCopy(_buffer, position, _buffer, 0, _count - position);
                    _count -= position;
                    return 1;
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            Ended:
            _ended = true;
            owner.ReceiveEnded(socket, generation, failure);
            return -1;
        }
    }

    private void ReceiveEnded(Socket socket, int generation, string? failure)
    {
        if (Volatile.Read(ref _generation) != generation) return;
        if (_state != ClientState.Terminated) _state = ClientState.Disconnected;
        _handshake.Set();
        _listener.OnSessionEvent(new SessionEvent(SessionEventKind.Disconnected, 0, failure ?? "connection closed"));
        try
        {
            socket.Close();
        }
        catch (SocketException)
        {
        }
    }

    private void HandleFrame(ReadOnlySpan<byte> message, long ticks)
    {
        if (!OrderEntrySchema.TryReadHeader(message, 0, out SbeMessageHeader header, out _)) return;
        switch (header.TemplateId)
        {
            case NegotiationResponseDecoder.SbeTemplateId:
                _handshakeAccepted = true;
                _handshake.Set();
                _listener.OnSessionEvent(new SessionEvent(SessionEventKind.Negotiated));
                return;
            case NegotiationRejectDecoder.SbeTemplateId:
            {
                var m = NegotiationRejectDecoder.Wrap(message);
                HandshakeRefused(m.ReasonCode, m.GetReasonString(), SessionEventKind.NegotiationRejected);
                return;
            }
            case EstablishmentAckDecoder.SbeTemplateId:
            {
                var m = EstablishmentAckDecoder.Wrap(message);
                _ackNextSeq = m.NextSeqNo;
                _ackLastProcessed = m.LastProcessedSeqNo;
                _ackKeepAlive = m.KeepAliveInterval;
                ulong expected = Interlocked.Read(ref _expectedIn);
                if (m.NextSeqNo > expected) Gap(expected, m.NextSeqNo - expected);
                _handshakeAccepted = true;
                _handshake.Set();
                _listener.OnSessionEvent(new SessionEvent(SessionEventKind.Established));
                return;
            }
            case EstablishmentRejectDecoder.SbeTemplateId:
            {
                var m = EstablishmentRejectDecoder.Wrap(message);
                HandshakeRefused(m.ReasonCode, m.GetReasonString(), SessionEventKind.EstablishmentRejected);
                return;
            }
            case SequenceDecoder.SbeTemplateId:
            {
                Interlocked.Increment(ref _heartbeats);
                ulong next = SequenceDecoder.Wrap(message).NextSeqNo;
                ulong expected = Interlocked.Read(ref _expectedIn);
                if (next > expected && _replayRemaining == 0) Gap(expected, next - expected);
                return;
            }
            case TerminateDecoder.SbeTemplateId:
            {
                var m = TerminateDecoder.Wrap(message);
                TerminateReason = m.ReasonCode;
                _state = ClientState.Terminated;
                if (!_terminateSent)
                {
                    lock (_sendLock)
                    {
                        _terminateSent = true;
                        var reply = TerminateEncoder.WrapAndApplyHeader(_sendScratch, Sofh.HeaderLength);
                        reply.SessionId = _options.SessionId;
                        reply.ReasonCode = (ushort)GatewayReason.Finished;
                        SendFrameLocked(Seal(reply.Finish()));
                    }
                }
                _handshakeAccepted = false;
                _handshakeReason = m.ReasonCode;
                _handshakeText = m.GetReasonString();
                _handshake.Set();
                _listener.OnSessionEvent(new SessionEvent(SessionEventKind.Terminated, m.ReasonCode, m.GetReasonString()));
                return;
            }
            case RetransmissionDecoder.SbeTemplateId:
                _replayRemaining = RetransmissionDecoder.Wrap(message).Count;
                return;
            case RetransmitRejectDecoder.SbeTemplateId:
            {
                var m = RetransmitRejectDecoder.Wrap(message);
                _listener.OnSessionEvent(new SessionEvent(SessionEventKind.RetransmitRejected, m.ReasonCode, m.GetReasonString()));
                RetransmitDone();
                return;
            }
        }
        if (header.TemplateId < ExecutionReportNewDecoder.SbeTemplateId || message.Length < OrderEntrySchema.HeaderLength + 8) return;
        ulong seq = BinaryPrimitives.ReadUInt64LittleEndian(message[OrderEntrySchema.HeaderLength..]);
        bool replayed = false;
        if (_replayRemaining > 0)
        {
            replayed = true;
            if (--_replayRemaining == 0) RetransmitDone();
        }
        else
        {
            ulong expected = Interlocked.Read(ref _expectedIn);
            if (seq < expected)
            {
                DuplicatesDropped++;
                return;
            }
            if (seq > expected) Gap(expected, seq - expected);
            Interlocked.Exchange(ref _expectedIn, seq + 1);
        }
        Dispatch(header.TemplateId, message, new MessageInfo(seq, replayed, ticks));
    }

    private void Dispatch(int template, ReadOnlySpan<byte> message, in MessageInfo info)
    {
        _listener.OnMessage(template, message, in info);
        switch (template)
        {
            case ExecutionReportNewDecoder.SbeTemplateId: _listener.OnExecutionNew(ExecutionReportNewDecoder.Wrap(message), in info); break;
            case ExecutionReportRejectedDecoder.SbeTemplateId: _listener.OnExecutionRejected(ExecutionReportRejectedDecoder.Wrap(message), in info); break;
            case ExecutionReportTradeDecoder.SbeTemplateId: _listener.OnExecutionTrade(ExecutionReportTradeDecoder.Wrap(message), in info); break;
            case ExecutionReportCanceledDecoder.SbeTemplateId: _listener.OnExecutionCanceled(ExecutionReportCanceledDecoder.Wrap(message), in info); break;
            case ExecutionReportReplacedDecoder.SbeTemplateId: _listener.OnExecutionReplaced(ExecutionReportReplacedDecoder.Wrap(message), in info); break;
            case OrderCancelRejectDecoder.SbeTemplateId: _listener.OnCancelReject(OrderCancelRejectDecoder.Wrap(message), in info); break;
            case OrderMassCancelReportDecoder.SbeTemplateId: _listener.OnMassCancelReport(OrderMassCancelReportDecoder.Wrap(message), in info); break;
            case MassQuoteAckDecoder.SbeTemplateId: _listener.OnMassQuoteAck(MassQuoteAckDecoder.Wrap(message), in info); break;
            case QuoteProtectionResetAckDecoder.SbeTemplateId: _listener.OnProtectionResetAck(QuoteProtectionResetAckDecoder.Wrap(message), in info); break;
            case BusinessMessageRejectDecoder.SbeTemplateId: _listener.OnBusinessReject(BusinessMessageRejectDecoder.Wrap(message), in info); break;
        }
    }

    private void HandshakeRefused(ushort reason, string text, SessionEventKind kind)
    {
        _handshakeAccepted = false;
        _handshakeReason = reason;
        _handshakeText = text;
        _handshake.Set();
        _listener.OnSessionEvent(new SessionEvent(kind, reason, text));
    }

    /// <summary>Messages from..from+count−1 never arrived: ask for them, one chunk at a time (each reply must fit the gateway's send buffer).</summary>
    private void Gap(ulong from, ulong count)
    {
        Interlocked.Exchange(ref _expectedIn, from + count);
        if (!_options.AutoRetransmit) return;
        _listener.OnSessionEvent(new SessionEvent(SessionEventKind.RetransmitRequested, 0, "", from, (uint)Math.Min(count, uint.MaxValue)));
        lock (_retransmitQueue)
        {
            for (ulong at = from; at < from + count; at += RetransmitChunk)
                _retransmitQueue.Enqueue((at, (uint)Math.Min(RetransmitChunk, from + count - at)));
        }
        SendNextRetransmitRequest();
    }

    private void RetransmitDone()
    {
        lock (_retransmitQueue) _retransmitInFlight = false;
        SendNextRetransmitRequest();
    }

    private void SendNextRetransmitRequest()
    {
        (ulong From, uint Count) next;
        lock (_retransmitQueue)
        {
            if (_retransmitInFlight || !_retransmitQueue.TryDequeue(out next)) return;
            _retransmitInFlight = true;
        }
        RequestRetransmission(next.From, next.Count);
    }
}
