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
    private int _testRequestCounter;
    private int _heartBtInt;
    private bool _resendPending;
    private int _resendTarget;
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
        _frames = new FixFrameBuilder(Id.BeginString);
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
    /// Allocates nothing. Fails with <see cref="SendResult.NotLoggedOn"/> (no number used) when down.
    /// </summary>
    public SendResult Send(FixOutboundMessage message) => Send(message, out _);

    /// <summary>As <see cref="Send(FixOutboundMessage)"/>, also giving the MsgSeqNum used (0 when none): a Reject's RefSeqNum names it.</summary>
    public SendResult Send(FixOutboundMessage message, out int msgSeqNum)
    {
        if (MsgTypes.IsAdmin(message.MsgType))
            throw new ArgumentException("session-level messages are sent by the session itself", nameof(message));
        lock (_sync)
        {
            msgSeqNum = 0;
            if (_state != SessionState.LoggedOn) return SendResult.NotLoggedOn;
            msgSeqNum = _store.NextSenderMsgSeqNum;
            return SendNext(message.MsgType, message.Body);
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
            _admin.Reset(MsgTypes.SequenceReset).AddChar(Tag.GapFillFlag, (byte)'N').Add(Tag.NewSeqNo, newSeqNo);
            var now = _clock.UtcNow;
            var frame = _frames.Build(MsgTypes.SequenceReset, _senderCompId, _targetCompId, _store.NextSenderMsgSeqNum, now, _admin.Body);
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
        _lastReceivedUtc = now;
        _testRequestPending = false;
        _log.Incoming(frame, now);
        var status = _inbound.Parse(frame);
        if (status != FixParseStatus.Ok)
        {
            // FIX 4.4: a garbled message is ignored; the sequence gap it leaves triggers a ResendRequest.
            _log.Event($"garbled message ignored: {status}", now);
            _callbacks.Enqueue(new PendingCallback(CallbackKind.InboundRejected, Text: $"garbled: {status}"));
            return status;
        }
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
                    _admin.Reset(MsgTypes.TestRequest);
                    _testRequestCounter++;
                    Span<byte> id = stackalloc byte[24];
                    "TEST-"u8.CopyTo(id);
                    int n = 5 + FixValues.WriteInt(id[5..], _testRequestCounter);
                    _admin.Add(Tag.TestReqID, id[..n]);
                    SendNext(MsgTypes.TestRequest, _admin.Body);
                    _testRequestPending = true;
                }
                if (now - _lastSentUtc >= interval)
                {
                    _admin.Reset(MsgTypes.Heartbeat);
                    SendNext(MsgTypes.Heartbeat, _admin.Body);
                }
                return;
        }
    }

    // ---- inbound processing ----

    private void OnLogonMessage(FixMessage m, DateTime now)
    {
        if (!m.ValueEquals(Tag.BeginString, _beginString))
        {
            DisconnectLocked("Logon with wrong BeginString");
            return;
        }
        if (Settings.CheckCompID && (!m.ValueEquals(Tag.SenderCompID, _targetCompId) || !m.ValueEquals(Tag.TargetCompID, _senderCompId)))
        {
            DisconnectLocked("Logon with wrong CompIDs");
            return;
        }
        if (_validator is not null)
        {
            var v = _validator.Validate(m);
            if (!v.IsValid)
            {
                SendLogout($"Invalid Logon: {v.Text} (tag {v.RefTagId})");
                DisconnectLocked($"invalid Logon: {v}");
                return;
            }
        }
        if (!m.HasMsgSeqNum)
        {
            DisconnectLocked("Logon without MsgSeqNum");
            return;
        }
        bool peerReset = m.ValueEquals(Tag.ResetSeqNumFlag, "Y"u8);
        if (Settings.ConnectionType == ConnectionType.Acceptor)
        {
            if (!Settings.Schedule.IsInSession(now))
            {
                SendLogout("Logon outside session time");
                DisconnectLocked("Logon outside session time");
                return;
            }
            if (!m.TryGetInt(Tag.HeartBtInt, out int hb) || hb < 0)
            {
                SendLogout("Logon with invalid HeartBtInt");
                DisconnectLocked("Logon with invalid HeartBtInt");
                return;
            }
            _heartBtInt = hb;
            bool reset = peerReset || Settings.ResetOnLogon;
            if (reset) _store.Reset(now);
            if (!_app.OnLogonRequest(this, m))
            {
                SendLogout("Logon rejected");
                DisconnectLocked("Logon rejected by the application");
                return;
            }
            if (m.MsgSeqNum < _store.NextTargetMsgSeqNum)
            {
                TooLow(m);
                return;
            }
            _logonResetSent = reset;
            SendLogon(now, isResponse: true);
        }
        else if (peerReset && !_logonResetSent)
        {
            // The acceptor reset its numbers on its own: its Logon is number 1.
            _store.SetNextTargetMsgSeqNum(1);
        }
        else if (m.MsgSeqNum < _store.NextTargetMsgSeqNum)
        {
            TooLow(m);
            return;
        }

        _state = SessionState.LoggedOn;
        LogonCount++;
        _log.Event($"logged on (HeartBtInt {_heartBtInt}s, next out {_store.NextSenderMsgSeqNum}, next in {_store.NextTargetMsgSeqNum})", now);
        int expected = _store.NextTargetMsgSeqNum;
        if (m.MsgSeqNum > expected) RequestResend(expected, m.MsgSeqNum, now);
        else _store.SetNextTargetMsgSeqNum(expected + 1);
        _callbacks.Enqueue(new PendingCallback(CallbackKind.Logon));
    }

    private void Process(FixMessage m, DateTime now)
    {
        if (!m.ValueEquals(Tag.BeginString, _beginString))
        {
            SendLogout("Incorrect BeginString");
            DisconnectLocked("incorrect BeginString");
            return;
        }
        if (!m.HasMsgSeqNum)
        {
            SendLogout("MsgSeqNum(34) missing or invalid");
            DisconnectLocked("MsgSeqNum missing");
            return;
        }
        bool isSequenceReset = m.IsMsgType(MsgTypes.SequenceReset);
        if (isSequenceReset && !m.ValueEquals(Tag.GapFillFlag, "Y"u8))
        {
            // SequenceReset-Reset is processed whatever its MsgSeqNum (FIX 4.4 disaster recovery).
            OnSequenceReset(m, gapFill: false);
            return;
        }

        int expected = _store.NextTargetMsgSeqNum;
        int seq = m.MsgSeqNum;
        if (seq > expected)
        {
            // Answer the peer's own ResendRequest first so two sides with gaps cannot deadlock.
            // It is not queued: the peer gap-fills it (an admin message) when it answers our ResendRequest.
            if (m.IsMsgType(MsgTypes.ResendRequest)) OnResendRequest(m, now);
            else if (m.IsMsgType(MsgTypes.Logout))
            {
                OnLogout(m);
                return;
            }
            else if (!_queued.ContainsKey(seq)) _queued[seq] = m.Frame.ToArray();
            if (!_resendPending) RequestResend(expected, seq, now);
            return;
        }
        if (seq < expected)
        {
            if (m.PossDupFlag)
            {
                _log.Event($"duplicate {seq} (PossDupFlag) ignored", now);
                return;
            }
            TooLow(m);
            return;
        }

        if (Settings.CheckCompID && (!m.ValueEquals(Tag.SenderCompID, _targetCompId) || !m.ValueEquals(Tag.TargetCompID, _senderCompId)))
        {
            SendReject(m, SessionRejectReason.CompIdProblem, m.ValueEquals(Tag.SenderCompID, _targetCompId) ? Tag.TargetCompID : Tag.SenderCompID, null);
            _store.SetNextTargetMsgSeqNum(expected + 1);
            SendLogout("CompID problem");
            return;
        }
        if (Settings.CheckLatency && !SendingTimeAccurate(m, now))
        {
            SendReject(m, SessionRejectReason.SendingTimeAccuracyProblem, Tag.SendingTime, null);
            _store.SetNextTargetMsgSeqNum(expected + 1);
            SendLogout("SendingTime accuracy problem");
            return;
        }
        if (m.PossDupFlag && !isSequenceReset && !m.Has(Tag.OrigSendingTime))
        {
            SendReject(m, SessionRejectReason.RequiredTagMissing, Tag.OrigSendingTime, null);
            Advance(expected);
            return;
        }
        if (_validator is not null)
        {
            var v = _validator.Validate(m);
            if (!v.IsValid)
            {
                SendReject(m, v.Reason, v.RefTagId, v.Text);
                Advance(expected);
                return;
            }
        }

        if (isSequenceReset)
        {
            OnSequenceReset(m, gapFill: true);
            return;
        }
        var type = m.MsgType;
        if (!MsgTypes.IsAdmin(type))
        {
            Advance(expected);
            // Also after our Logout went out: fills sent before the venue saw it must still be delivered.
            if (_state is not (SessionState.LoggedOn or SessionState.LogoutSent)) return;
            _callbacks.Enqueue(new PendingCallback(CallbackKind.Message, m, _connection));
            return;
        }
        Advance(expected);
        switch (type[0])
        {
            case (byte)'0':
                break;
            case (byte)'1':
                _admin.Reset(MsgTypes.Heartbeat).Add(Tag.TestReqID, m.GetValue(Tag.TestReqID));
                SendNext(MsgTypes.Heartbeat, _admin.Body);
                break;
            case (byte)'2':
                OnResendRequest(m, now);
                break;
            case (byte)'5':
                OnLogout(m);
                return;
            case (byte)'A':
                SendLogout("Logon received while logged on");
                DisconnectLocked("Logon received while logged on");
                return;
        }
        NotifyAdmin(m);
    }

    private void NotifyAdmin(FixMessage m) => _callbacks.Enqueue(new PendingCallback(CallbackKind.AdminMessage, m));

    private void Advance(int expected)
    {
        _store.SetNextTargetMsgSeqNum(expected + 1);
        if (_resendPending && expected + 1 > _resendTarget) _resendPending = false;
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
            SendReject(m, SessionRejectReason.IncorrectDataFormatForValue, Tag.NewSeqNo, null);
            if (gapFill) Advance(expected);
            return;
        }
        if (newSeqNo < expected || (gapFill && newSeqNo == expected))
        {
            // FIX 4.4: a SequenceReset may never lower the expected number.
            SendReject(m, SessionRejectReason.ValueIsIncorrect, Tag.NewSeqNo, "NewSeqNo would lower the expected MsgSeqNum");
            if (gapFill) Advance(expected);
            return;
        }
        _log.Event($"SequenceReset-{(gapFill ? "GapFill" : "Reset")}: next expected {expected} -> {newSeqNo}", _clock.UtcNow);
        _store.SetNextTargetMsgSeqNum(newSeqNo);
        if (_resendPending && newSeqNo > _resendTarget) _resendPending = false;
        foreach (var stale in _queued.Keys.Where(k => k < newSeqNo).ToList()) _queued.Remove(stale);
        NotifyAdmin(m);
    }

    private void OnLogout(FixMessage m)
    {
        _logoutReceived = true;
        if (_state != SessionState.LogoutSent) SendLogout(null);
        string text = m.GetString(Tag.Text) ?? "";
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
        _resendTarget = seen;
        _log.Event($"gap: expected {from}, received {seen}: ResendRequest {from}..0", now);
        // EndSeqNo 0 means "everything after BeginSeqNo", as FIX 4.4 recommends.
        _admin.Reset(MsgTypes.ResendRequest).Add(Tag.BeginSeqNo, from).Add(Tag.EndSeqNo, 0);
        SendNext(MsgTypes.ResendRequest, _admin.Body);
    }

    private void OnResendRequest(FixMessage m, DateTime now)
    {
        if (!m.TryGetInt(Tag.BeginSeqNo, out int begin) || !m.TryGetInt(Tag.EndSeqNo, out int end) || begin < 1 || end < 0)
        {
            SendReject(m, SessionRejectReason.ValueIsIncorrect, Tag.BeginSeqNo, "Invalid ResendRequest range");
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

    private void Resend(FixMessage stored, DateTime now)
    {
        _resendBody.Reset(stored.MsgType);
        for (int i = 3; i < stored.FieldCount; i++)
        {
            int tag = stored.TagAt(i);
            if (tag is Tag.SenderCompID or Tag.TargetCompID or Tag.MsgSeqNum or Tag.PossDupFlag or Tag.SendingTime
                or Tag.OrigSendingTime or Tag.PossResend or Tag.CheckSum) continue;
            _resendBody.Add(tag, stored.ValueAt(i));
        }
        stored.TryGetUtcTimestamp(Tag.SendingTime, out var original);
        var frame = _frames.Build(stored.MsgType, _senderCompId, _targetCompId, stored.MsgSeqNum, now, _resendBody.Body,
            possDup: true, origSendingTime: original == default ? now : original);
        WriteFrame(frame, now);
    }

    private void SendGapFill(int seq, int newSeqNo, DateTime now)
    {
        _admin.Reset(MsgTypes.SequenceReset).AddChar(Tag.GapFillFlag, (byte)'Y').Add(Tag.NewSeqNo, newSeqNo);
        var frame = _frames.Build(MsgTypes.SequenceReset, _senderCompId, _targetCompId, seq, now, _admin.Body, possDup: true, origSendingTime: now);
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
        SendNext(MsgTypes.Logon, _admin.Body);
        if (!isResponse) _state = SessionState.LogonSent;
    }

    private void SendLogout(string? text)
    {
        if (_connection is null) return;
        _admin.Reset(MsgTypes.Logout);
        if (!string.IsNullOrEmpty(text)) _admin.Add(Tag.Text, Printable(text));
        SendNext(MsgTypes.Logout, _admin.Body);
        if (_state == SessionState.LoggedOn)
        {
            _state = SessionState.LogoutSent;
            _logoutSentUtc = _clock.UtcNow;
        }
    }

    private void SendReject(FixMessage m, SessionRejectReason reason, int refTag, string? text)
    {
        text ??= SessionRejectReasonText.Of(reason);
        _log.Event($"Reject {m.MsgSeqNum}: {(int)reason} {text} (tag {refTag})", _clock.UtcNow);
        _admin.Reset(MsgTypes.Reject).Add(Tag.RefSeqNum, m.MsgSeqNum);
        if (refTag > 0) _admin.Add(Tag.RefTagID, refTag);
        if (!m.MsgType.IsEmpty) _admin.Add(Tag.RefMsgType, m.MsgType);
        _admin.Add(Tag.SessionRejectReason, (int)reason).Add(Tag.Text, text);
        SendNext(MsgTypes.Reject, _admin.Body);
        _callbacks.Enqueue(new PendingCallback(CallbackKind.InboundRejected, Text: text, Reason: reason, RefTagId: refTag));
    }

    private void SendBusinessReject(FixMessage m, ApplicationResult result)
    {
        _admin.Reset(MsgTypes.BusinessMessageReject).Add(Tag.RefSeqNum, m.MsgSeqNum).Add(Tag.RefMsgType, m.MsgType);
        if (result.RefTagId > 0) _admin.Add(Tag.RefTagID, result.RefTagId);
        _admin.Add(Tag.BusinessRejectReason, (int)result.Reason);
        if (result.Text.Length > 0) _admin.Add(Tag.Text, Printable(result.Text));
        SendNext(MsgTypes.BusinessMessageReject, _admin.Body);
    }

    /// <summary>Frames with the next sequence number, stores, writes. Caller holds the lock.</summary>
    private SendResult SendNext(ReadOnlySpan<byte> msgType, ReadOnlySpan<byte> body)
    {
        var now = _clock.UtcNow;
        int seq = _store.NextSenderMsgSeqNum;
        var frame = _frames.Build(msgType, _senderCompId, _targetCompId, seq, now, body);
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

    private void LogEvent(string text)
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
