using System.Text;
using TradeX.Fix.Dictionary;
using TradeX.Fix.Protocol;
using TradeX.Fix.Settings;
using TradeX.Fix.Store;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Session;

/// <summary>
/// One FIX 4.4 session, initiator or acceptor: Logon, heartbeats and TestRequest, sequence numbers
/// checked both ways with ResendRequest / SequenceReset recovery, resends with PossDupFlag and
/// OrigSendingTime, Reject and BusinessMessageReject for bad input, Logout, schedule. It is driven
/// by a transport (frames in, <see cref="OnTimer"/> ticks) and stays transport-agnostic; the
/// <see cref="Transport.FixEngine"/> wires it to sockets. Every entry point takes the session's lock,
/// so application threads may call <see cref="Send"/> at any time. Application callbacks are made
/// after the lock is let go, one at a time and in the order the session produced them (see
/// <see cref="IFixApplication"/>), so a callback that blocks never stops another thread's send.
/// </summary>
public sealed class FixSession : IDisposable
{
    private const int MaxMessageSize = 1 << 20;
    private readonly object _sync = new();
    // Held by the one thread making application callbacks; see DeliverPending. Lock order: gate, then _sync;
    // a thread that holds _sync never waits for the gate.
    private readonly object _delivery = new();
    private readonly CallbackQueue _callbacks = new();
    private readonly IMessageStore _store;
    private readonly MessageValidator? _validator;
    private readonly IFixApplication _app;
    private readonly IFixClock _clock;
    private readonly IFixLog _log;
    private readonly FixMessage _inbound;
    private readonly FixMessage _scratch;
    private readonly FixFrameBuilder _frames;
    private readonly FixOutboundMessage _admin = new(256);
    private readonly FixOutboundMessage _resendBody = new(1024);
    private readonly FixOutboundMessage _sendHeader = new(256);
    private readonly byte[] _beginString;
    private readonly byte[] _senderCompId;
    private readonly byte[] _targetCompId;
    private byte[] _storeBuffer = new byte[4096];
    // Messages that arrived above the expected number while a gap is being filled, by MsgSeqNum.
    private readonly SortedDictionary<int, byte[]> _queued = new();

    private IFixConnection? _connection;
    private SessionState _state;
    private DateTime _connectedUtc, _lastSentUtc, _lastReceivedUtc, _logoutSentUtc;
    private bool _testRequestPending;
    private int _heartBtInt;
    private bool _resendPending;
    // The requested range ends below _resendTarget; _resendSeen is the highest number seen above the gap
    // (MaxMessagesInResendRequest asks for the gap in chunks, the next when one is in).
    private int _resendTarget, _resendSeen;
    private bool _resetOnNextLogon;
    private bool _logonResetSent;
    private bool _logoutReceived;

    public FixSession(SessionSettings settings, IMessageStore store, DataDictionary? dictionary, IFixApplication application,
        IFixClock? clock = null, IFixLog? log = null)
    {
        Settings = settings;
        Id = settings.SessionId;
        _store = store;
        _app = application;
        _clock = clock ?? SystemFixClock.Instance;
        _log = log ?? NullFixLog.Instance;
        if (dictionary is not null)
        {
            if (dictionary.BeginString != Id.BeginString)
                throw new FixConfigurationException($"{settings.Origin}: DataDictionary {dictionary.Source} is {dictionary.BeginString}, the session is {Id.BeginString}");
            _validator = new MessageValidator(dictionary, settings.Validation);
        }
        _inbound = new FixMessage(dictionary?.DataFields);
        _scratch = new FixMessage(dictionary?.DataFields);
        _frames = new FixFrameBuilder(Id.BeginString, timestampPrecision: settings.TimestampPrecision);
        _inbound.ValidateLengthAndChecksum = settings.ValidateLengthAndChecksum;
        _beginString = Encoding.ASCII.GetBytes(Id.BeginString);
        _senderCompId = Encoding.ASCII.GetBytes(Id.SenderCompID);
        _targetCompId = Encoding.ASCII.GetBytes(Id.TargetCompID);
        _heartBtInt = settings.HeartBtInt;
    }

    public SessionId Id { get; }
    public SessionSettings Settings { get; }
    public IFixApplication Application => _app;
    public IFixClock Clock => _clock;

    public SessionState State { get { lock (_sync) return _state; } }
    public bool IsLoggedOn { get { lock (_sync) return _state == SessionState.LoggedOn; } }
    public bool IsConnected { get { lock (_sync) return _connection is not null; } }
    public int NextSenderMsgSeqNum { get { lock (_sync) return _store.NextSenderMsgSeqNum; } }
    public int NextTargetMsgSeqNum { get { lock (_sync) return _store.NextTargetMsgSeqNum; } }
    /// <summary>The heartbeat interval in force (ours as initiator, the peer's as acceptor).</summary>
    public int HeartBtInt { get { lock (_sync) return _heartBtInt; } }

    /// <summary>
    /// Sends an application message: header added, sequence number assigned, stored for resends, written.
    /// Optional header fields go in <see cref="FixOutboundMessage.Header"/> (PossResend, OnBehalfOf/DeliverTo,
    /// MessageEncoding...); setting one the session writes (CompIDs, MsgSeqNum, SendingTime, PossDupFlag...)
    /// is refused with an <see cref="ArgumentException"/>. Allocates nothing. Fails with
    /// <see cref="SendResult.NotLoggedOn"/> (no number used) when down.
    /// </summary>
    public SendResult Send(FixOutboundMessage message) => Send(message, out _);

    /// <summary>As <see cref="Send(FixOutboundMessage)"/>, also giving the MsgSeqNum used (0 when none): a Reject's RefSeqNum names it.</summary>
    public SendResult Send(FixOutboundMessage message, out int msgSeqNum)
    {
        if (MsgTypes.IsAdmin(message.MsgType))
            throw new ArgumentException("session-level messages are sent by the session itself", nameof(message));
        var header = message.HeaderFields;
        if (!header.IsEmpty && HeaderFieldsProblem(header) is { } problem) throw new ArgumentException(problem, nameof(message));
        lock (_sync)
        {
            msgSeqNum = 0;
            if (_state != SessionState.LoggedOn) return SendResult.NotLoggedOn;
            msgSeqNum = _store.NextSenderMsgSeqNum;
            if (Settings.EnableLastMsgSeqNumProcessed)
            {
                _sendHeader.Reset(message.MsgType).AddRaw(header);
                AddLastProcessed(_sendHeader);
                header = _sendHeader.Body;
            }
            return SendNext(message.MsgType, message.Body, header);
        }
    }

    /// <summary>Starts a graceful logout: Logout sent, the connection closes on the peer's answer or the LogoutTimeout.</summary>
    public void Logout(string? text = null)
    {
        lock (_sync)
        {
            if (_state == SessionState.LoggedOn) SendLogout(text);
            else if (_connection is not null) DisconnectLocked("Logout requested before logon completed");
        }
    }

    /// <summary>
    /// Closes the connection at once, without Logout (the peer sees a dropped connection). The OnLogout is
    /// made on the connection's receive thread, not on the caller's.
    /// </summary>
    public void Disconnect(string reason)
    {
        lock (_sync) DisconnectLocked(reason);
    }

    /// <summary>The next Logon we send carries ResetSeqNumFlag=Y: both sides restart at 1.</summary>
    public void ResetSequenceNumbersOnNextLogon()
    {
        lock (_sync) _resetOnNextLogon = true;
    }

    /// <summary>
    /// Disaster recovery: sends SequenceReset-Reset so the peer expects <paramref name="newSeqNo"/> next,
    /// and continues our numbering from there.
    /// </summary>
    public void SendSequenceReset(int newSeqNo)
    {
        lock (_sync)
        {
            if (_state != SessionState.LoggedOn) throw new InvalidOperationException("SequenceReset needs a logged-on session");
            if (newSeqNo <= _store.NextSenderMsgSeqNum) throw new ArgumentOutOfRangeException(nameof(newSeqNo), "NewSeqNo must be above the next sequence number");
            _admin.Reset(MsgTypes.SequenceReset).Add(Tag.NewSeqNo, newSeqNo).AddChar(Tag.GapFillFlag, (byte)'N');
            PrepareAdmin();
            var now = _clock.UtcNow;
            var frame = _frames.Build(MsgTypes.SequenceReset, _senderCompId, _targetCompId, _store.NextSenderMsgSeqNum, now, _admin.Body,
                extraHeader: _admin.HeaderFields);
            WriteFrame(frame, now);
            _store.SetNextSenderMsgSeqNum(newSeqNo);
        }
    }

    /// <summary>Operator override of the next number we send (also on the next Logon).</summary>
    public void SetNextSenderMsgSeqNum(int value)
    {
        lock (_sync) _store.SetNextSenderMsgSeqNum(value);
    }

    /// <summary>Operator override of the next number we expect.</summary>
    public void SetNextTargetMsgSeqNum(int value)
    {
        lock (_sync) _store.SetNextTargetMsgSeqNum(value);
    }

    /// <summary>Whether an initiator should be connected now (inside the session schedule).</summary>
    public bool IsInSchedule() => Settings.Schedule.IsInSession(_clock.UtcNow);

    // ---- transport entry points ----

    /// <summary>
    /// A transport connected this session. Returns false (and the transport must close the socket)
    /// when the session already has a connection.
    /// </summary>
    public bool OnConnected(IFixConnection connection)
    {
        lock (_sync)
        {
            if (_connection is not null) return false;
            var now = _clock.UtcNow;
            _connection = connection;
            _connectedUtc = _lastReceivedUtc = _lastSentUtc = now;
            _testRequestPending = false;
            _logoutReceived = false;
            _queued.Clear();
            _resendPending = false;
            _log.Event($"connected {connection.RemoteEndPoint}", now);
            if (!Settings.Schedule.IsSameSession(_store.CreationTime, now))
            {
                _log.Event("new session period: sequence numbers reset", now);
                _store.Reset(now);
            }
            if (Settings.ConnectionType == ConnectionType.Initiator) SendLogon(now, isResponse: false);
            else _state = SessionState.AwaitingLogon;
            return true;
        }
    }

    /// <summary>
    /// The transport's connection ended (peer closed, error, or closed by the session): a transport calls it
    /// once its receive loop for the connection has ended, also when the session closed the connection, and
    /// the callbacks still owed (an OnLogout) are made here, on the receive thread.
    /// </summary>
    public void OnDisconnected(IFixConnection connection, string reason)
    {
        lock (_sync)
        {
            if (ReferenceEquals(connection, _connection)) DisconnectLocked(reason);
        }
        DeliverPending();
    }

    /// <summary>One frame from the transport (already split by <see cref="FixFramer"/>). Returns the parse status so the transport can resynchronise after garbage.</summary>
    public FixParseStatus OnFrame(IFixConnection connection, ReadOnlySpan<byte> frame)
    {
        FixParseStatus status;
        // The receive thread is the one thread that waits for the delivery gate. The callbacks it owes
        // refer to _inbound, so it must not parse the next frame into it before they are made; and the
        // thread of a new connection must not overtake the callbacks of the one before.
        Monitor.Enter(_delivery);
        try
        {
            lock (_sync) status = Receive(connection, frame);
            Deliver();
            // Messages queued above a gap: one per lock hold, each delivered before the next is parsed
            // into _inbound. Re-parsing into one reused message (rather than copying frames aside for
            // delivery) keeps the path allocation-free and the order trivially the sequence order.
            while (ProcessNextQueued(connection)) Deliver();
        }
        finally
        {
            Monitor.Exit(_delivery);
        }
        DeliverPending();
        return status;
    }

    /// <summary>Parses and processes one frame from the transport. Caller holds the lock.</summary>
    private FixParseStatus Receive(IFixConnection connection, ReadOnlySpan<byte> frame)
    {
        if (!ReferenceEquals(connection, _connection)) return FixParseStatus.Ok;
        var now = _clock.UtcNow;
        _log.Incoming(frame, now);
        var status = _inbound.Parse(frame);
        if (status != FixParseStatus.Ok)
        {
            // FIX 4.4: a garbled message is ignored whole; the sequence gap it leaves triggers a ResendRequest.
            // A garbled Logon is the exception (QuickFIX's rule): there is no session to recover, so close.
            if (LooksLikeLogon(frame))
            {
                DisconnectLocked($"garbled Logon: {status}");
                return status;
            }
            _log.Event($"garbled message ignored: {status}", now);
            _callbacks.Enqueue(new PendingCallback(CallbackKind.InboundRejected, Text: $"garbled: {status}"));
            return status;
        }
        // Only a message that parses is news from the peer (a stream of garbage is not a live counterparty).
        _lastReceivedUtc = now;
        _testRequestPending = false;
        if (_state is SessionState.AwaitingLogon or SessionState.LogonSent)
        {
            if (!_inbound.IsMsgType(MsgTypes.Logon))
            {
                // A Logout instead of a Logon is how a venue refuses ours: keep its reason.
                DisconnectLocked(_inbound.IsMsgType(MsgTypes.Logout)
                    ? $"Logon refused: {_inbound.GetString(Tag.Text)}"
                    : "first message was not a Logon");
                return FixParseStatus.Ok;
            }
            OnLogonMessage(_inbound, now);
        }
        else if (_state is SessionState.LoggedOn or SessionState.LogoutSent)
        {
            Process(_inbound, now);
        }
        return FixParseStatus.Ok;
    }

    private static bool LooksLikeLogon(ReadOnlySpan<byte> frame) => frame.IndexOf("\u000135=A\u0001"u8) >= 0;

    /// <summary>Periodic tick from the transport: heartbeats, TestRequest, timeouts, schedule end.</summary>
    public void OnTimer()
    {
        bool closed;
        lock (_sync)
        {
            var connection = _connection;
            Tick();
            closed = connection is not null && _connection is null;
        }
        // The timer thread serves every session: it never waits for the gate, and it leaves the OnLogout of
        // a connection it has just closed to that connection's receive thread (a handler may block in
        // OnLogout). It makes only what is still owed at a later tick, if no callback is running: callbacks
        // whose receive thread never came by (a transport that does not report the end of its loop).
        if (!closed) DeliverPending();
    }

    /// <summary>One timer tick. Caller holds the lock.</summary>
    private void Tick()
    {
        _log.Flush();
        if (_connection is null) return;
        var now = _clock.UtcNow;
        switch (_state)
        {
            case SessionState.AwaitingLogon or SessionState.LogonSent:
                if (now - _connectedUtc >= Settings.LogonTimeout) DisconnectLocked("logon timeout");
                return;
            case SessionState.LogoutSent:
                if (now - _logoutSentUtc >= Settings.LogoutTimeout) DisconnectLocked("logout timeout");
                return;
            case SessionState.LoggedOn:
                if (!Settings.Schedule.IsInSession(now))
                {
                    SendLogout("End of session time");
                    return;
                }
                if (_heartBtInt <= 0) return;
                var interval = TimeSpan.FromSeconds(_heartBtInt);
                var silence = now - _lastReceivedUtc;
                // FIX 4.4: after HeartBtInt plus a reasonable transmission time (20%) of silence, send a
                // TestRequest; if the peer stays silent for another interval, the link is dead.
                if (_testRequestPending && silence >= interval * 2.4)
                {
                    DisconnectLocked("heartbeat timeout: no answer to TestRequest");
                    return;
                }
                if (!_testRequestPending && silence >= interval * 1.2)
                {
                    // QuickFIX's TestReqID; the answer is recognised by any traffic, not by the id.
                    _admin.Reset(MsgTypes.TestRequest).Add(Tag.TestReqID, "TEST"u8);
                    SendAdmin();
                    _testRequestPending = true;
                    _log.Event("TestRequest sent: no message for 1.2 x HeartBtInt", now);
                }
                else if (!_testRequestPending && now - _lastSentUtc >= interval)
                {
                    _admin.Reset(MsgTypes.Heartbeat);
                    SendAdmin();
                }
                return;
        }
    }

    // ---- inbound processing ----
    //
    // The order of checks follows FIX 4.4 Volume 2 and, where it leaves the choice, QuickFIX (the engine
    // every exchange's FIX desk compares against): framing (garbled: ignored whole), BeginString, the
    // standard header and the dictionary (Reject, the session goes on), SendingTime accuracy and CompIDs
    // (Reject, then Logout), then the sequence number (too high: queued and asked for; too low: a PossDup is
    // ignored once its OrigSendingTime is checked, anything else ends the session). Logout, ResendRequest,
    // SequenceReset-Reset and a Logon asking for a reset are acted on whatever their sequence number.

    private void OnLogonMessage(FixMessage m, DateTime now)
    {
        // Problems with a Logon are answered by closing the connection without a word (QuickFIX's choice: a
        // Reject or Logout would consume a sequence number of a session that never started). The one answer
        // in words is "MsgSeqNum too low", which tells the peer what to fix.
        if (Settings.RefreshOnLogon) _store.Refresh();
        if (!m.ValueEquals(Tag.BeginString, _beginString))
        {
            if (Settings.ConnectionType == ConnectionType.Initiator)
            {
                // The answer to our Logon is in another version: say so (the session was ours to open), and
                // close on the acceptor's Logout or the LogoutTimeout.
                SendLogout("Incorrect BeginString");
                _state = SessionState.LogoutSent;
                _logoutSentUtc = now;
                return;
            }
            DisconnectLocked("Logon with wrong BeginString");
            return;
        }
        if (!m.HasMsgSeqNum)
        {
            DisconnectLocked("Logon without MsgSeqNum");
            return;
        }
        var invalid = ValidateHeaderAndBody(m);
        if (!invalid.IsValid)
        {
            DisconnectLocked($"invalid Logon: {invalid}");
            return;
        }
        bool acceptor = Settings.ConnectionType == ConnectionType.Acceptor;
        if (acceptor && !Settings.Schedule.IsInSession(now))
        {
            DisconnectLocked("Logon outside session time");
            return;
        }
        bool peerReset = m.ValueEquals(Tag.ResetSeqNumFlag, "Y"u8);
        if (peerReset && !_logonResetSent)
        {
            // The peer restarts at 1 (its Logon is number 1): so do we, and our answer says so.
            _log.Event("Logon with ResetSeqNumFlag=Y: sequence numbers reset to 1", now);
            _store.Reset(now);
        }
        else if (acceptor && Settings.ResetOnLogon) _store.Reset(now);
        if (Settings.CheckLatency && !SendingTimeAccurate(m, now))
        {
            DisconnectLocked("Logon with SendingTime outside the tolerance (MaxLatency)");
            return;
        }
        if (Settings.CheckCompID && !CompIdsMatch(m))
        {
            DisconnectLocked("Logon with wrong CompIDs");
            return;
        }
        if (!Settings.ValidateSequenceNumbers) _store.SetNextTargetMsgSeqNum(m.MsgSeqNum);
        if (m.MsgSeqNum < _store.NextTargetMsgSeqNum)
        {
            TooLow(m);
            return;
        }
        if (acceptor)
        {
            if (!m.TryGetInt(Tag.HeartBtInt, out int hb) || hb < 0)
            {
                DisconnectLocked("Logon with invalid HeartBtInt");
                return;
            }
            if (!_app.OnLogonRequest(this, m))
            {
                SendLogout("Logon rejected");
                DisconnectLocked("Logon rejected by the application");
                return;
            }
            _heartBtInt = hb;
        }
        int expected = _store.NextTargetMsgSeqNum;
        bool gap = m.MsgSeqNum > expected && !peerReset;
        if (!gap) _store.SetNextTargetMsgSeqNum(m.MsgSeqNum + 1);   // before the answer: its LastMsgSeqNumProcessed names the Logon
        if (acceptor || (peerReset && !_logonResetSent))
        {
            // Answer a Logon (an acceptor), or a reset the acceptor made on its own (an initiator: the answer
            // confirms it). ResetSeqNumFlag=Y only when the peer asked: with ResetOnLogon the numbers restart
            // here too, but an initiator must not read our answer as a reset it did not request.
            _logonResetSent = peerReset;
            SendLogon(now, isResponse: true);
        }
        _logonResetSent = false;

        _state = SessionState.LoggedOn;
        LogonCount++;
        _log.Event($"logged on (HeartBtInt {_heartBtInt}s, next out {_store.NextSenderMsgSeqNum}, next in {_store.NextTargetMsgSeqNum})", now);
        _callbacks.Enqueue(new PendingCallback(CallbackKind.Logon));
        if (gap)
        {
            // The Logon itself is counted when the gap below it is filled (ProcessNextQueued).
            _queued[m.MsgSeqNum] = m.Frame.ToArray();
            RequestResend(expected, m.MsgSeqNum, now);
        }
    }

    private void Process(FixMessage m, DateTime now)
    {
        bool isLogout = m.IsMsgType(MsgTypes.Logout);
        if (!m.ValueEquals(Tag.BeginString, _beginString))
        {
            if (isLogout)
            {
                OnLogout(m);
                return;
            }
            // FIX 4.4: a message with another BeginString gets a Logout; the session waits for the peer's answer
            // (or the LogoutTimeout).
            if (m.HasMsgSeqNum && m.MsgSeqNum == _store.NextTargetMsgSeqNum) Advance(m.MsgSeqNum);
            if (_state == SessionState.LoggedOn) SendLogout("Incorrect BeginString");
            return;
        }
        if (!m.HasMsgSeqNum)
        {
            // FIX 4.4: a message without MsgSeqNum cannot be placed in the sequence: Logout, disconnect.
            const string text = "MsgSeqNum(34) missing or invalid";
            SendLogout(text);
            DisconnectLocked(text);
            return;
        }
        int seq = m.MsgSeqNum;
        // ValidateSequenceNumbers=N: whatever number comes is the expected one (no gap, nothing too low).
        if (!Settings.ValidateSequenceNumbers && seq > 0) _store.SetNextTargetMsgSeqNum(seq);
        int expected = _store.NextTargetMsgSeqNum;

        // The standard header and the dictionary. A missing or empty CompID is a missing or empty tag, not a
        // CompID problem: Reject, and the session goes on.
        var invalid = ValidateHeaderAndBody(m);
        if (!invalid.IsValid)
        {
            SendReject(m, invalid.Reason, invalid.RefTagId);
            return;
        }
        bool isSequenceReset = m.IsMsgType(MsgTypes.SequenceReset);
        bool gapFill = isSequenceReset && m.ValueEquals(Tag.GapFillFlag, "Y"u8);
        bool isLogon = m.IsMsgType(MsgTypes.Logon);
        if (isLogon && !m.ValueEquals(Tag.ResetSeqNumFlag, "Y"u8))
        {
            // A second Logon on a logged-on session without a reset: not a valid state (QuickFIX closes).
            DisconnectLocked("Logon received while logged on");
            return;
        }
        if (Settings.CheckLatency && !SendingTimeAccurate(m, now))
        {
            SendReject(m, SessionRejectReason.SendingTimeAccuracyProblem, 0);
            SendLogout(null);
            return;
        }
        if (Settings.CheckCompID && !CompIdsMatch(m))
        {
            SendReject(m, SessionRejectReason.CompIdProblem, 0);
            SendLogout(null);
            return;
        }

        // Acted on whatever their sequence number (and counted only when it is the expected one).
        if (isLogout)
        {
            if (seq == expected) Advance(expected);
            OnLogout(m);
            return;
        }
        if (m.IsMsgType(MsgTypes.ResendRequest))
        {
            // Served at once, even above a gap of our own, so two sides with gaps cannot deadlock; not queued
            // (the peer gap-fills it, an admin message, when it answers ours). A gap it reveals is asked for
            // with the next message (QuickFIX's choice).
            OnResendRequest(m, now);
            if (seq == expected) Advance(expected);
            NotifyAdmin(m);
            return;
        }
        if (isSequenceReset && !gapFill)
        {
            // SequenceReset-Reset (disaster recovery) is processed whatever its MsgSeqNum, even 0.
            OnSequenceReset(m, gapFill: false);
            return;
        }
        if (isLogon)
        {
            // A Logon with ResetSeqNumFlag=Y on a logged-on session: both sides restart at 1, whatever its number.
            _log.Event("Logon with ResetSeqNumFlag=Y while logged on: sequence numbers reset to 1", now);
            _store.Reset(now);
            _queued.Clear();
            _resendPending = false;
            _resendSeen = 0;
            _logonResetSent = true;
            SendLogon(now, isResponse: true);
            _logonResetSent = false;
            _store.SetNextTargetMsgSeqNum(seq + 1);
            NotifyAdmin(m);
            return;
        }

        if (seq > expected)
        {
            if (!_queued.ContainsKey(seq)) _queued[seq] = m.Frame.ToArray();
            if (!_resendPending || Settings.SendRedundantResendRequests) RequestResend(expected, seq, now);
            else if (seq > _resendSeen) _resendSeen = seq;
            return;
        }
        if (seq < expected)
        {
            if (m.PossDupFlag)
            {
                if (PossDupTimesValid(m)) _log.Event($"duplicate {seq} (PossDupFlag) ignored", now);
                return;
            }
            TooLow(m);
            return;
        }

        if (gapFill)
        {
            OnSequenceReset(m, gapFill: true);
            return;
        }
        var type = m.MsgType;
        Advance(expected);
        if (!MsgTypes.IsAdmin(type))
        {
            // Also after our Logout went out: fills sent before the venue saw it must still be delivered.
            _callbacks.Enqueue(new PendingCallback(CallbackKind.Message, m, _connection));
            return;
        }
        if (m.IsMsgType(MsgTypes.TestRequest))
        {
            _admin.Reset(MsgTypes.Heartbeat).Add(Tag.TestReqID, m.GetValue(Tag.TestReqID));
            SendAdmin();
        }
        NotifyAdmin(m);
    }

    private bool CompIdsMatch(FixMessage m) =>
        m.ValueEquals(Tag.SenderCompID, _targetCompId) && m.ValueEquals(Tag.TargetCompID, _senderCompId);

    /// <summary>The standard header (present, with values) and, with a dictionary, the whole message.</summary>
    private ValidationResult ValidateHeaderAndBody(FixMessage m)
    {
        // The header fields the session relies on, also without a dictionary (QuickFIX checks them first).
        foreach (int tag in RequiredHeaderTags)
        {
            if (!m.TryGetValue(tag, out var value)) return ValidationResult.Reject(SessionRejectReason.RequiredTagMissing, tag);
            if (value.IsEmpty) return ValidationResult.Reject(SessionRejectReason.TagSpecifiedWithoutAValue, tag);
        }
        return _validator is null ? ValidationResult.Valid : _validator.Validate(m);
    }

    private static readonly int[] RequiredHeaderTags = [Tag.SenderCompID, Tag.TargetCompID, Tag.SendingTime];

    /// <summary>
    /// A message below the expected number with PossDupFlag=Y must say when it was first sent
    /// (RequiresOrigSendingTime), and not later than it is being sent now: otherwise Reject (and, for the
    /// time, Logout). SequenceReset is exempt (FIX 4.4). Either way the message itself is not processed again.
    /// </summary>
    private bool PossDupTimesValid(FixMessage m)
    {
        if (m.IsMsgType(MsgTypes.SequenceReset)) return true;
        if (!m.TryGetValue(Tag.OrigSendingTime, out _))
        {
            if (!Settings.RequiresOrigSendingTime) return true;
            SendReject(m, SessionRejectReason.RequiredTagMissing, Tag.OrigSendingTime);
            return false;
        }
        if (m.TryGetUtcTimestamp(Tag.OrigSendingTime, out var orig) && m.TryGetUtcTimestamp(Tag.SendingTime, out var sent) && orig > sent)
        {
            SendReject(m, SessionRejectReason.SendingTimeAccuracyProblem, 0);
            SendLogout(null);
            return false;
        }
        return true;
    }

    private void NotifyAdmin(FixMessage m) => _callbacks.Enqueue(new PendingCallback(CallbackKind.AdminMessage, m));

    /// <summary>The message numbered <paramref name="expected"/> is processed: expect the next.</summary>
    private void Advance(int expected) => MoveExpected(expected + 1);

    /// <summary>Sets the next expected number and, when that completes the range asked for, asks for the next chunk.</summary>
    private void MoveExpected(int next)
    {
        _store.SetNextTargetMsgSeqNum(next);
        if (!_resendPending || next < _resendTarget) return;
        _resendPending = false;
        _log.Event($"ResendRequest satisfied: next expected {next}", _clock.UtcNow);
        // MaxMessagesInResendRequest: the gap was asked for in chunks; ask for the next unless it is already here.
        if (_resendSeen > next && !_queued.ContainsKey(next)) RequestResend(next, _resendSeen, _clock.UtcNow);
        else _resendSeen = 0;
    }

    /// <summary>Processes the next message queued above a gap if it is now in sequence; false when there is none.</summary>
    private bool ProcessNextQueued(IFixConnection connection)
    {
        lock (_sync)
        {
            while (_queued.Count > 0 && ReferenceEquals(connection, _connection) && _state is SessionState.LoggedOn or SessionState.LogoutSent)
            {
                var first = _queued.First();
                int expected = _store.NextTargetMsgSeqNum;
                if (first.Key > expected) return false;
                _queued.Remove(first.Key);
                if (first.Key < expected) continue;
                if (_inbound.Parse(first.Value) != FixParseStatus.Ok) continue;
                if (_inbound.IsMsgType(MsgTypes.Logon))
                {
                    // A Logon above a gap was acted on when it came (QuickFIX's rule): now only its number is taken.
                    Advance(expected);
                    continue;
                }
                Process(_inbound, _clock.UtcNow);
                return true;
            }
            return false;
        }
    }

    private void OnSequenceReset(FixMessage m, bool gapFill)
    {
        int expected = _store.NextTargetMsgSeqNum;
        if (!m.TryGetInt(Tag.NewSeqNo, out int newSeqNo) || newSeqNo <= 0)
        {
            SendReject(m, m.Has(Tag.NewSeqNo) ? SessionRejectReason.IncorrectDataFormatForValue : SessionRejectReason.RequiredTagMissing, Tag.NewSeqNo);
            return;
        }
        _log.Event($"SequenceReset-{(gapFill ? "GapFill" : "Reset")}: next expected {expected} -> {newSeqNo}", _clock.UtcNow);
        if (newSeqNo > expected)
        {
            foreach (var stale in _queued.Keys.Where(k => k < newSeqNo).ToList()) _queued.Remove(stale);
            MoveExpected(newSeqNo);
        }
        else if (newSeqNo < expected)
        {
            // FIX 4.4: a SequenceReset may never lower the expected number (QuickFIX names no tag here).
            SendReject(m, SessionRejectReason.ValueIsIncorrect, 0);
            return;
        }
        NotifyAdmin(m);
    }

    private void OnLogout(FixMessage m)
    {
        _logoutReceived = true;
        if (_state != SessionState.LogoutSent) SendLogout(null);
        string text = m.GetString(Tag.Text) ?? "";
        NotifyAdmin(m);
        DisconnectLocked(text.Length == 0 ? "Logout received" : $"Logout received: {text}");
    }

    private void TooLow(FixMessage m)
    {
        string text = $"MsgSeqNum too low, expecting {_store.NextTargetMsgSeqNum} but received {m.MsgSeqNum}";
        SendLogout(text);
        DisconnectLocked(text);
    }

    private bool SendingTimeAccurate(FixMessage m, DateTime now)
    {
        if (!m.TryGetUtcTimestamp(Tag.SendingTime, out var sent)) return true; // the validator reports the format
        return (now - sent).Duration() <= Settings.MaxLatency;
    }

    // ---- resends ----

    private void RequestResend(int from, int seen, DateTime now)
    {
        _resendPending = true;
        _resendSeen = Math.Max(_resendSeen, seen);
        // EndSeqNo 0 means "everything after BeginSeqNo", as FIX 4.4 recommends; MaxMessagesInResendRequest
        // asks for at most that many at a time (the next chunk once this one is in).
        int max = Settings.MaxMessagesInResendRequest;
        int end = max > 0 ? Math.Min(from + max - 1, seen - 1) : 0;
        _resendTarget = end == 0 ? seen : end + 1;
        _log.Event($"gap: expected {from}, received {seen}: ResendRequest {from}..{end}", now);
        _admin.Reset(MsgTypes.ResendRequest).Add(Tag.BeginSeqNo, from).Add(Tag.EndSeqNo, end);
        SendAdmin();
    }

    private void OnResendRequest(FixMessage m, DateTime now)
    {
        if (!m.TryGetInt(Tag.BeginSeqNo, out int begin) || !m.TryGetInt(Tag.EndSeqNo, out int end) || begin < 1 || end < 0)
        {
            SendReject(m, SessionRejectReason.ValueIsIncorrect, Tag.BeginSeqNo);
            return;
        }
        int last = _store.NextSenderMsgSeqNum - 1;
        if (end == 0 || end > last) end = last;
        _log.Event($"ResendRequest {begin}..{end}", now);
        int gapStart = 0;
        for (int seq = begin; seq <= end; seq++)
        {
            int length = Settings.PersistMessages ? _store.TryRead(seq, ref _storeBuffer) : -1;
            bool resend = length > 0 && _scratch.Parse(_storeBuffer.AsSpan(0, length)) == FixParseStatus.Ok && !MsgTypes.IsAdmin(_scratch.MsgType);
            if (!resend)
            {
                if (gapStart == 0) gapStart = seq;
                continue;
            }
            if (gapStart != 0)
            {
                SendGapFill(gapStart, seq, now);
                gapStart = 0;
            }
            Resend(_scratch, now);
        }
        if (gapStart != 0) SendGapFill(gapStart, end + 1, now);
    }

    /// <summary>
    /// Sends a stored message again under its own number: PossDupFlag=Y, OrigSendingTime its first
    /// SendingTime, the rest of its header (routing, PossResend...) and its body as they were.
    /// </summary>
    private void Resend(FixMessage stored, DateTime now)
    {
        _resendBody.Reset(stored.MsgType);
        for (int i = 3; i < stored.FieldCount; i++)
        {
            int tag = stored.TagAt(i);
            if (IsWrittenBySession(tag)) continue;
            (FixMessage.IsHeaderTag(tag) ? _resendBody.Header : _resendBody).Add(tag, stored.ValueAt(i));
        }
        stored.TryGetUtcTimestamp(Tag.SendingTime, out var original);
        AddLastProcessed(_resendBody.Header);
        var frame = _frames.Build(stored.MsgType, _senderCompId, _targetCompId, stored.MsgSeqNum, now, _resendBody.Body,
            possDup: true, origSendingTime: original == default ? now : original, extraHeader: _resendBody.HeaderFields);
        WriteFrame(frame, now);
    }

    private void SendGapFill(int seq, int newSeqNo, DateTime now)
    {
        _admin.Reset(MsgTypes.SequenceReset).Add(Tag.NewSeqNo, newSeqNo).AddChar(Tag.GapFillFlag, (byte)'Y');
        PrepareAdmin();
        var frame = _frames.Build(MsgTypes.SequenceReset, _senderCompId, _targetCompId, seq, now, _admin.Body, possDup: true,
            origSendingTime: now, extraHeader: _admin.HeaderFields);
        WriteFrame(frame, now);
    }

    // ---- outbound ----

    private void SendLogon(DateTime now, bool isResponse)
    {
        if (!isResponse)
        {
            _logonResetSent = Settings.ResetOnLogon || _resetOnNextLogon;
            _resetOnNextLogon = false;
            if (_logonResetSent) _store.Reset(now);
            _heartBtInt = Settings.HeartBtInt;
        }
        _admin.Reset(MsgTypes.Logon).Add(Tag.EncryptMethod, 0).Add(Tag.HeartBtInt, _heartBtInt);
        if (_logonResetSent) _admin.AddChar(Tag.ResetSeqNumFlag, (byte)'Y');
        if (!isResponse)
        {
            if (Settings.Username is { } user) _admin.Add(Tag.Username, user);
            if (Settings.Password is { } password) _admin.Add(Tag.Password, password);
        }
        SendAdmin();
        if (!isResponse) _state = SessionState.LogonSent;
    }

    private void SendLogout(string? text)
    {
        if (_connection is null) return;
        _admin.Reset(MsgTypes.Logout);
        if (!string.IsNullOrEmpty(text)) _admin.Add(Tag.Text, Printable(text));
        SendAdmin();
        if (_state == SessionState.LoggedOn)
        {
            _state = SessionState.LogoutSent;
            _logoutSentUtc = _clock.UtcNow;
        }
    }

    /// <summary>
    /// Reject(3) of <paramref name="m"/>, laid out as QuickFIX does: RefSeqNum(45) whenever the message had a
    /// MsgSeqNum, Text(58) the reason's text, RefTagID(371) when a tag is at fault, RefMsgType(372),
    /// SessionRejectReason(373); the routing header reversed. A rejected message that was the expected one
    /// (not a Logon or SequenceReset) is counted as received.
    /// </summary>
    private void SendReject(FixMessage m, SessionRejectReason reason, int refTag)
    {
        string text = SessionRejectReasonText.Of(reason);
        bool namesTag = ValidationResult.Reject(reason, refTag).HasRefTag;   // the validator's rule for RefTagID(371)
        _log.Event($"Reject {m.MsgSeqNum}: {(int)reason} {text}{(namesTag ? $" (tag {refTag})" : "")}", _clock.UtcNow);
        _admin.Reset(MsgTypes.Reject);
        if (m.HasMsgSeqNum) _admin.Add(Tag.RefSeqNum, m.MsgSeqNum);
        _admin.Add(Tag.Text, text);
        if (namesTag) _admin.Add(Tag.RefTagID, refTag);
        if (!m.MsgType.IsEmpty) _admin.Add(Tag.RefMsgType, m.MsgType);
        _admin.Add(Tag.SessionRejectReason, (int)reason);
        ReverseRoute(m, _admin.Header);
        // Counted before the Reject goes out (its LastMsgSeqNumProcessed names it); a chunk of a resend this
        // completes is asked for after it.
        bool counted = m.HasMsgSeqNum && m.MsgSeqNum == _store.NextTargetMsgSeqNum && !m.IsMsgType(MsgTypes.Logon) && !m.IsMsgType(MsgTypes.SequenceReset);
        if (counted) _store.SetNextTargetMsgSeqNum(m.MsgSeqNum + 1);
        SendAdmin();
        if (counted) MoveExpected(m.MsgSeqNum + 1);
        _callbacks.Enqueue(new PendingCallback(CallbackKind.InboundRejected, Text: text, Reason: reason, RefTagId: namesTag ? refTag : 0));
    }

    // Routing header pairs a Reject answers with the other way round: OnBehalfOf <-> DeliverTo (CompID, SubID,
    // LocationID). Empty values are not copied. Sender/Target SubID and LocationID are not carried over (QuickFIX
    // 1.15 drops them too: they name the peer's own desk, not a party routed through it).
    private static readonly (int From, int To)[] ReverseRoutes =
    [
        (OnBehalfOfCompIdTag, DeliverToCompIdTag), (DeliverToCompIdTag, OnBehalfOfCompIdTag),
        (OnBehalfOfSubIdTag, DeliverToSubIdTag), (DeliverToSubIdTag, OnBehalfOfSubIdTag),
        (OnBehalfOfLocationIdTag, DeliverToLocationIdTag), (DeliverToLocationIdTag, OnBehalfOfLocationIdTag),
    ];

    private static void ReverseRoute(FixMessage m, FixOutboundMessage header)
    {
        foreach (var (from, to) in ReverseRoutes)
            if (m.TryGetValue(from, out var value) && !value.IsEmpty) header.Add(to, value);
    }

    /// <summary>
    /// BusinessMessageReject(j), laid out as QuickFIX does: RefSeqNum(45), Text(58), RefMsgType(372),
    /// BusinessRejectReason(380). FIX 4.4's BusinessMessageReject has no RefTagID: a tag at fault is named
    /// in the text, "text (tag)".
    /// </summary>
    private void SendBusinessReject(FixMessage m, ApplicationResult result)
    {
        string text = result.Text.Length > 0 ? Printable(result.Text) : BusinessRejectText(result.Reason);
        if (result.RefTagId != 0) text = $"{text} ({result.RefTagId})";
        _admin.Reset(MsgTypes.BusinessMessageReject);
        if (m.HasMsgSeqNum) _admin.Add(Tag.RefSeqNum, m.MsgSeqNum);
        _admin.Add(Tag.Text, text).Add(Tag.RefMsgType, m.MsgType).Add(Tag.BusinessRejectReason, (int)result.Reason);
        AddLastProcessed(_admin.Header);
        SendNext(MsgTypes.BusinessMessageReject, _admin.Body, _admin.HeaderFields);
    }

    /// <summary>QuickFIX's texts for BusinessRejectReason(380).</summary>
    private static string BusinessRejectText(BusinessRejectReason reason) => reason switch
    {
        BusinessRejectReason.Other => "Other",
        BusinessRejectReason.UnknownId => "Unknown ID",
        BusinessRejectReason.UnknownSecurity => "Unknown Security",
        BusinessRejectReason.UnsupportedMessageType => "Unsupported Message Type",
        BusinessRejectReason.ApplicationNotAvailable => "Application Not Available",
        BusinessRejectReason.ConditionallyRequiredFieldMissing => "Conditionally Required Field Missing",
        BusinessRejectReason.NotAuthorized => "Not authorized",
        BusinessRejectReason.DeliverToFirmNotAvailable => "DeliverTo firm not available at this time",
        _ => "Other",
    };

    /// <summary>
    /// Offers the admin message in <see cref="_admin"/> to the application's outbound hook, then adds what
    /// the session adds to every header. A hook that throws, or sets a field the session owns, is logged and
    /// its header additions dropped: the session's own message still goes out.
    /// </summary>
    private void PrepareAdmin()
    {
        try
        {
            _app.ToAdmin(this, _admin);
            if (HeaderFieldsProblem(_admin.HeaderFields) is { } problem) throw new InvalidOperationException(problem);
        }
        catch (Exception e)
        {
            _log.Event($"ToAdmin failed on {Encoding.ASCII.GetString(_admin.MsgType)}: {e.Message}", _clock.UtcNow);
            _admin.Header.Reset(_admin.MsgType);
        }
        AddLastProcessed(_admin.Header);
    }

    /// <summary>Sends the admin message in <see cref="_admin"/> with the next number, after the outbound hook.</summary>
    private void SendAdmin()
    {
        PrepareAdmin();
        SendNext(_admin.MsgType, _admin.Body, _admin.HeaderFields);
    }

    /// <summary>EnableLastMsgSeqNumProcessed: every message we send says the last number we processed (369).</summary>
    private void AddLastProcessed(FixOutboundMessage header)
    {
        if (Settings.EnableLastMsgSeqNumProcessed) header.Add(LastMsgSeqNumProcessedTag, _store.NextTargetMsgSeqNum - 1);
    }

    /// <summary>Frames with the next sequence number, stores, writes. Caller holds the lock.</summary>
    private SendResult SendNext(ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> body, ReadOnlySpan<byte> header = default)
    {
        var now = _clock.UtcNow;
        int seq = _store.NextSenderMsgSeqNum;
        var frame = _frames.Build(msgType, _senderCompId, _targetCompId, seq, now, body, extraHeader: header);
        if (Settings.PersistMessages) _store.StoreSent(seq, frame);
        else _store.SetNextSenderMsgSeqNum(seq + 1);
        return WriteFrame(frame, now) ? SendResult.Sent : SendResult.ConnectionLost;
    }

    private bool WriteFrame(ReadOnlySpan<byte> frame, DateTime now)
    {
        var connection = _connection;
        if (connection is null) return false;
        _log.Outgoing(frame, now);
        _lastSentUtc = now;
        if (connection.Send(frame)) return true;
        DisconnectLocked("write failed");
        return false;
    }

    private void DisconnectLocked(string reason)
    {
        var connection = _connection;
        if (connection is null) return;
        var now = _clock.UtcNow;
        bool wasUp = _state is SessionState.LoggedOn or SessionState.LogoutSent;
        bool loggedOut = _state == SessionState.LogoutSent || _logoutReceived;
        _connection = null;
        _state = SessionState.Disconnected;
        _queued.Clear();
        _resendPending = false;
        connection.Close();
        _log.Event($"disconnected: {reason}", now);
        if (Settings.ResetOnDisconnect || (loggedOut && Settings.ResetOnLogout)) _store.Reset(now);
        if (wasUp) _callbacks.Enqueue(new PendingCallback(CallbackKind.Logout, Text: reason));
    }

    // ---- application callbacks, made outside the lock ----

    // Callbacks are made by the receive thread: in OnFrame for what the frame caused, and in OnDisconnected
    // for the OnLogout of a connection closed by any thread (a timeout, a failed write, Disconnect). Threads
    // that call into the session (senders, the timer) therefore never run application code, which may
    // block on them: a node's connector waits in OnLogout for room in the input ring that only its engine,
    // fed by those same senders, can make. The timer and Dispose make only what is still owed after that.

    /// <summary>
    /// Makes the callbacks owed, unless another thread holds the delivery gate (it makes them: it checks
    /// again after letting go, so none is left behind), or this thread is inside a callback of this session
    /// (the delivery it is part of goes on with what the callback caused, in order, instead of nesting).
    /// Never called with the session's lock held.
    /// </summary>
    private void DeliverPending()
    {
        while (_callbacks.Count > 0 && !Monitor.IsEntered(_delivery) && Monitor.TryEnter(_delivery))
        {
            try { Deliver(); }
            finally { Monitor.Exit(_delivery); }
        }
    }

    /// <summary>Makes every callback owed, in order. The caller holds the delivery gate and not the lock.</summary>
    private void Deliver()
    {
        while (_callbacks.Count > 0)
        {
            PendingCallback callback;
            lock (_sync) _callbacks.TryDequeue(out callback);
            Invoke(in callback);
        }
    }

    private void Invoke(in PendingCallback c)
    {
        try
        {
            switch (c.Kind)
            {
                case CallbackKind.Message: DeliverApplicationMessage(c.Message!, c.Connection); break;
                case CallbackKind.AdminMessage: _app.OnAdminMessage(this, c.Message!); break;
                case CallbackKind.Logon: _app.OnLogon(this); break;
                case CallbackKind.Logout: _app.OnLogout(this, c.Text!); break;
                case CallbackKind.InboundRejected: _app.OnInboundRejected(this, c.Reason, c.RefTagId, c.Text!); break;
            }
        }
        catch (Exception e) { LogEvent($"application callback failed: {e}"); }
    }

    private void DeliverApplicationMessage(FixMessage m, IFixConnection? connection)
    {
        ApplicationResult result;
        try { result = _app.OnMessage(this, m); }
        catch (Exception e)
        {
            LogEvent($"application failed on message {m.MsgSeqNum}: {e}");
            result = ApplicationResult.Reject(BusinessRejectReason.ApplicationNotAvailable, "Application error");
        }
        if (!result.IsRejected) return;
        lock (_sync)
        {
            // The answer belongs on the connection the message came on, if the session is still up on it.
            if (ReferenceEquals(connection, _connection) && _state is SessionState.LoggedOn or SessionState.LogoutSent)
                SendBusinessReject(m, result);
        }
    }

    /// <summary>Writes to the session's event log from outside the session (the transport: failed connects).</summary>
    internal void LogEvent(string text)
    {
        lock (_sync)
        {
            try { _log.Event(text, _clock.UtcNow); }
            catch (ObjectDisposedException) { }   // the session was disposed while the callback ran
        }
    }

    private static string Printable(string text)
    {
        foreach (char c in text) if (c is < ' ' or > '~') return new string(text.Select(ch => ch is < ' ' or > '~' ? '?' : ch).ToArray());
        return text;
    }

    internal static int MaxFrameSize => MaxMessageSize;

    // Header tags not (yet) named in Tag.
    private const int OnBehalfOfCompIdTag = 115, OnBehalfOfSubIdTag = 116, DeliverToCompIdTag = 128, DeliverToSubIdTag = 129;
    private const int OnBehalfOfLocationIdTag = 144, DeliverToLocationIdTag = 145;
    private const int LastMsgSeqNumProcessedTag = 369;

    /// <summary>The fields the session writes into every frame itself (a resend writes them anew).</summary>
    private static bool IsWrittenBySession(int tag) =>
        tag is Tag.BeginString or Tag.BodyLength or Tag.MsgType or Tag.SenderCompID or Tag.TargetCompID or Tag.MsgSeqNum
            or Tag.SendingTime or Tag.PossDupFlag or Tag.OrigSendingTime or Tag.CheckSum or LastMsgSeqNumProcessedTag;

    /// <summary>What is wrong with header fields an application set (a tag the session writes, a body tag), or null.</summary>
    private static string? HeaderFieldsProblem(ReadOnlySpan<byte> fields)
    {
        for (int pos = 0; pos < fields.Length;)
        {
            int end = ExtraHeaderFields.NextField(fields, pos, out int tag);
            if (end < 0) return "malformed header fields";
            if (IsWrittenBySession(tag)) return $"header tag {tag} is written by the session";
            if (!FixMessage.IsHeaderTag(tag)) return $"tag {tag} is not a FIX 4.4 header field";
            pos = end;
        }
        return null;
    }

    /// <summary>
    /// The session's lock. Code that builds a message in a shared buffer and then sends it (the venue
    /// session) takes this same lock rather than a second one; no callback is ever made while it is held,
    /// so a thread waiting for it never waits for application code.
    /// </summary>
    internal object SyncRoot => _sync;

    /// <summary>How many times this session has logged on; the reconnect back-off restarts after a logon.</summary>
    internal int LogonCount { get; private set; }

    public void Dispose()
    {
        lock (_sync)
        {
            DisconnectLocked("session disposed");
            _store.Dispose();
            _log.Dispose();
        }
        DeliverPending();
    }
}
