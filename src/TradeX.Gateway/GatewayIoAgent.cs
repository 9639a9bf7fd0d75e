using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using TradeX.Core;
using TradeX.Disruptor.Agents;
using TradeX.Gateway.Participants;
using TradeX.Gateway.Protocol;
using TradeX.Gateway.Sessions;

namespace TradeX.Gateway;

/// <summary>
/// The gateway's I/O thread (an agent polled by an <see cref="AgentRunner"/>): takes accepted sockets,
/// reads every connection without blocking, delimits SOFH frames, runs each session's FIXP state
/// machine, decodes application messages straight into engine inputs and publishes them, answers what
/// the gateway itself refuses, and keeps time (keep-alives, lapses, handshake deadlines). A fault while
/// serving one connection closes that connection only.
/// </summary>
internal sealed partial class GatewayIoAgent : IAgent, IParkable
{
    private const int SessionTemplateMax = 19;
    private const int ApplicationTemplateMin = 20, ApplicationTemplateMax = 59;
    private readonly GatewayOptions _options;
    private readonly ParticipantStore _participants;
    private readonly IEngineInputPort _input;
    /// <summary>The same port when it measures response latency and the options ask for it; the sessions' requests go through it.</summary>
    private readonly IMeasuredInputPort? _measured;
    private readonly SessionRegistry _sessions;
    private readonly GatewayStatistics _stats;
    private readonly Action<string> _log;
    private readonly IGatewayClock _clock;
    private readonly ConcurrentQueue<Socket> _accepted = new();
    private readonly ConcurrentQueue<AuthenticationResult> _authenticated = new();
    private readonly Queue<AuthenticationRequest> _authenticationsWaiting = new();
    private readonly ClientConnection?[] _connections;
    private readonly GatewaySession?[] _cancelOnDisconnectPending;
    private readonly byte[] _scratch = new byte[16 * 1024];
    private readonly List<Socket> _readable;
    private readonly List<Socket> _writable;
    private readonly PollSet _pollSet;
    /// <summary>Which connections are readable, in one system call per look (null: read every connection, as off Linux).</summary>
    private readonly EpollSet? _epoll;
    private int _epollWakeFd = -1;
    /// <summary>The last park's epoll_wait already marked the ready connections: the next duty cycle need not look again.</summary>
    private bool _readyKnown;
    private int _highWater;
    private int _authenticationsRunning;
    private int _cancelOnDisconnectPendingCount;

    public GatewayIoAgent(GatewayOptions options, ParticipantStore participants, IEngineInputPort input, SessionRegistry sessions,
        GatewayStatistics stats, Action<string> log)
    {
        _options = options;
        _participants = participants;
        _input = input;
        _measured = options.MeasureInputs ? input as IMeasuredInputPort : null;
        _sessions = sessions;
        _stats = stats;
        _log = log;
        _clock = options.Clock;
        _connections = new ClientConnection?[options.MaxConnections];
        _cancelOnDisconnectPending = new GatewaySession?[options.MaxSessions];
        _readable = new List<Socket>(options.MaxConnections);
        _writable = new List<Socket>(options.MaxConnections);
        _pollSet = new PollSet(options.MaxConnections + 1);
        _epoll = options.ReadinessByEpoll && EpollSet.IsSupported ? new EpollSet(options.MaxConnections + 1) : null;
        // Bind both waits' native entry points now (the first call of an imported function allocates): with epoll
        // the poll(2) path runs only when a connection has output the kernel refused, possibly first in steady state.
        if (PollSet.IsSupported) _pollSet.Wait(0);
        _epoll?.Wait(0);
    }

    /// <summary>True when readiness comes from epoll (one system call per look) rather than a receive on every connection.</summary>
    public bool UsesEpoll => _epoll is not null;

    public string RoleName => "gateway-io";

    /// <summary>The signal of the thread this agent runs on when it shares one (null: its own thread, which polls with a timeout).</summary>
    public WakeSignal? Wake { get; set; }

    /// <summary>Accept thread: hands a new socket to the I/O thread.</summary>
    public void Offer(Socket socket)
    {
        _accepted.Enqueue(socket);
        Wake?.Signal();
    }

    /// <summary>
    /// Idle on a shared thread: one epoll_wait (or poll(2)) on every connection and the thread's eventfd together, so bytes
    /// from a client, a new connection or work from another stage all wake it, whichever comes first.
    /// </summary>
    public void Park(WakeSignal wake, int timeoutMilliseconds)
    {
        if (!_accepted.IsEmpty || !_authenticated.IsEmpty || _cancelOnDisconnectPendingCount > 0) return;
        if (!PollSet.IsSupported || wake.FileDescriptor < 0)
        {
            AwaitActivity(Math.Min(timeoutMilliseconds * 1000, _options.IdleBlockMicros));
            return;
        }
        if (_epoll is not null)
        {
            if (_epollWakeFd != wake.FileDescriptor)
            {
                if (_epollWakeFd >= 0) _epoll.Remove(_epollWakeFd);
                _epollWakeFd = _epoll.Add(wake.FileDescriptor, EpollSet.Readable, -1) ? wake.FileDescriptor : -1;
            }
            if (_epollWakeFd >= 0 && TryWaitEpoll(timeoutMilliseconds)) return;
        }
        PollConnections(wake.FileDescriptor, timeoutMilliseconds);
    }

    /// <summary>Sleeps in epoll_wait and marks what it reports, unless a connection has output waiting (then only poll(2) waits for writability).</summary>
    private bool TryWaitEpoll(int timeoutMilliseconds)
    {
        if (_epoll is null || AnyPendingOutput()) return false;
        MarkReady(_epoll.Wait(timeoutMilliseconds));
        _readyKnown = true;
        return true;
    }

    /// <summary>One poll(2) on every connection (readable, or writable when it has output waiting) and <paramref name="wakeFd"/> if any.</summary>
    private void PollConnections(int wakeFd, int timeoutMilliseconds)
    {
        _pollSet.Clear();
        if (wakeFd >= 0) _pollSet.Add(wakeFd, PollSet.Readable);
        for (int i = 0; i < _highWater; i++)
        {
            var c = _connections[i];
            if (c is null) continue;
            _pollSet.Add(c.Fd, c.HasPendingOutput ? (short)(PollSet.Readable | PollSet.Writable) : PollSet.Readable);
            c.ReadReady = true; // poll(2) does not say which: look at each once
        }
        _pollSet.Wait(timeoutMilliseconds);
    }

    public int DoWork()
    {
        long now = _clock.NowNanos();
        int work = AcceptNew(now) + CompleteAuthentications() + RetryCancelOnDisconnect();
        if (_epoll is not null && _highWater > 0)
        {
            if (!_readyKnown) MarkReady(_epoll.Wait(0));
            _readyKnown = false;
        }
        long startTicks = Stopwatch.GetTimestamp();
        for (int i = 0; i < _highWater; i++)
        {
            var c = _connections[i];
            if (c is null) continue;
            try
            {
                work += Service(c, now, startTicks);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One connection's fault ends that connection; the others keep being served.
                _log($"gateway: connection {c.Remote} failed and is closed: {ex}");
                Drop(c, GatewayReason.ConnectionLost);
            }
        }
        Interlocked.Exchange(ref _stats.ioAllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        return work;
    }

    /// <summary>Marks the connections the last epoll_wait reported (the wake eventfd is registered as -1).</summary>
    private void MarkReady(int count)
    {
        for (int i = 0; i < count; i++)
        {
            long slot = _epoll!.ReadyData(i);
            if (slot < 0 || slot >= _connections.Length) continue;
            var c = _connections[slot];
            if (c is not null) c.ReadReady = true;
        }
    }

    private bool AnyPendingOutput()
    {
        for (int i = 0; i < _highWater; i++)
        {
            if (_connections[i] is { HasPendingOutput: true }) return true;
        }
        return false;
    }

    /// <summary>
    /// Idle: block in poll(2) until a connection is readable (or has output the kernel can now take), or
    /// <paramref name="timeoutMicros"/> pass, so keep-alives, handshake deadlines and new connections are
    /// seen within that time. The socket lists are reused: nothing is allocated.
    /// </summary>
    public void AwaitActivity(int timeoutMicros)
    {
        if (!_accepted.IsEmpty || !_authenticated.IsEmpty || _cancelOnDisconnectPendingCount > 0) return;
        int timeoutMilliseconds = Math.Max(1, (timeoutMicros + 999) / 1000);
        if (_highWater > 0 && TryWaitEpoll(timeoutMilliseconds)) return;
        if (_highWater > 0 && PollSet.IsSupported)
        {
            PollConnections(-1, timeoutMilliseconds);
            return;
        }
        _readable.Clear();
        _writable.Clear();
        for (int i = 0; i < _highWater; i++)
        {
            var c = _connections[i];
            if (c is null) continue;
            _readable.Add(c.Socket);
            if (c.HasPendingOutput) _writable.Add(c.Socket);
        }
        if (_readable.Count == 0)
        {
            Thread.Sleep(Math.Max(1, timeoutMicros / 1000));
            return;
        }
        try
        {
            Socket.Select(_readable, _writable.Count > 0 ? _writable : null, null, timeoutMicros);
        }
        catch (SocketException)
        {
        }
    }

    // ---- connections ----------------------------------------------------------------------------

    private int AcceptNew(long now)
    {
        int work = 0;
        while (_accepted.TryDequeue(out var socket))
        {
            work++;
            int slot = Array.IndexOf(_connections, null);
            if (slot < 0)
            {
                Interlocked.Increment(ref _stats.connectionsRefused);
                _log($"gateway: refused a connection from {socket.RemoteEndPoint}: {_options.MaxConnections} connections are open");
                socket.Close();
                continue;
            }
            try
            {
                socket.Blocking = false;
                socket.NoDelay = true;
                if (_options.SocketSendBufferBytes > 0) socket.SendBufferSize = _options.SocketSendBufferBytes;
                if (_options.SocketReceiveBufferBytes > 0) socket.ReceiveBufferSize = _options.SocketReceiveBufferBytes;
            }
            catch (SocketException)
            {
                socket.Close();
                continue;
            }
            var connection = new ClientConnection(slot, socket, _options.ReceiveBufferBytes, _options.SendBufferBytes, now,
                now + (long)_options.HandshakeTimeout.TotalMilliseconds * 1_000_000);
            // Registered once; a socket epoll refuses is read on every duty cycle instead.
            connection.Fd = (int)socket.Handle;
            connection.ReadAlways = _epoll is null || !_epoll.Add(connection.Fd, EpollSet.Readable | EpollSet.PeerClosed, slot);
            connection.ReadReady = true; // bytes may have arrived before registration
            _connections[slot] = connection;
            _highWater = Math.Max(_highWater, slot + 1);
            Interlocked.Increment(ref _stats.connectionsAccepted);
        }
        return work;
    }

    private int Service(ClientConnection c, long now, long startTicks)
    {
        var doom = c.DoomReason;
        if (doom != 0)
        {
            bool slow = doom == GatewayReason.SlowConsumer;
            if (slow) _log($"gateway: session {c.Session?.SessionId} from {c.Remote} disconnected: its send buffer is full (slow consumer)");
            Drop(c, doom);
            // Counted after Drop counted the reason, so a reader who sees the disconnect also sees its reason.
            if (slow) Interlocked.Increment(ref _stats.slowConsumers);
            return 1;
        }
        if (c.State == ConnectionState.Closing) return ServiceClosing(c);

        int work = 0;
        var space = c.Receive.AsSpan(c.ReceiveCount);
        if (space.Length > 0 && (c.ReadReady || c.ReadAlways))
        {
            c.ReadReady = false;
            int n = c.Socket.Receive(space, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success && n > 0)
            {
                c.ReceiveCount += n;
                c.LastReceivedNanos = now;
                ProcessFrames(c, now, startTicks);
                work++;
            }
            else if (error == SocketError.Success || error != SocketError.WouldBlock)
            {
                Drop(c, GatewayReason.ConnectionLost); // the peer closed (0 bytes) or the transport failed
                return 1;
            }
        }
        if (c.State == ConnectionState.Closing || c.DoomReason != 0) return work + 1;
        KeepTime(c, now);
        if (c.HasPendingOutput && c.Flush() > 0) work++;
        return work;
    }

    private int ServiceClosing(ClientConnection c)
    {
        if (!c.ShutdownSent)
        {
            c.Flush();
            if (!c.HasPendingOutput)
            {
                try
                {
                    c.Socket.Shutdown(SocketShutdown.Send);
                }
                catch (SocketException)
                {
                }
                c.ShutdownSent = true;
            }
        }
        // Read and discard until the peer closes: closing with unread input would reset the connection
        // and could destroy the Terminate (or reject) still in flight to the peer.
        int n = c.Socket.Receive(c.Receive, SocketFlags.None, out SocketError error);
        bool peerClosed = (error == SocketError.Success && n == 0) || (error != SocketError.Success && error != SocketError.WouldBlock);
        if (peerClosed || Environment.TickCount64 > c.ClosingDeadlineMillis)
        {
            Close(c);
            return 1;
        }
        return 0;
    }

    /// <summary>Ends the connection at once (no Terminate): the peer left, the transport failed, or it is doomed.</summary>
    private void Drop(ClientConnection c, GatewayReason reason)
    {
        EndSession(c, reason, default);
        Close(c);
    }

    private void Close(ClientConnection c)
    {
        if (!c.ReadAlways && !c.Closed) _epoll!.Remove(c.Fd);
        c.CloseSocket();
        if (_connections[c.Slot] == c) _connections[c.Slot] = null;
    }

    /// <summary>Sends Terminate (after anything already queued) and starts closing.</summary>
    private void Terminate(ClientConnection c, GatewayReason reason)
    {
        var s = c.Session;
        int length = ServerMessages.Terminate(_scratch, s?.SessionId ?? 0, reason);
        if (reason != GatewayReason.Finished) _log($"gateway: session {s?.SessionId} from {c.Remote} terminated: {GatewayReasons.Text(reason)}");
        EndSession(c, reason, _scratch.AsSpan(0, length));
        StartClosing(c);
    }

    /// <summary>Sends a NegotiationReject or EstablishmentReject already encoded in the scratch buffer, then closes.</summary>
    private void RejectAndClose(ClientConnection c, int length, GatewayReason reason)
    {
        EndSession(c, reason, _scratch.AsSpan(0, length));
        StartClosing(c);
    }

    private void StartClosing(ClientConnection c)
    {
        c.State = ConnectionState.Closing;
        c.ClosingDeadlineMillis = Environment.TickCount64 + 1000;
        c.Flush();
    }

    /// <summary>
    /// The session leaves this connection: <paramref name="lastFrame"/> (a Terminate or reject) is the last
    /// thing queued on it, application messages go to the history only from now on, and an established
    /// session's cancel-on-disconnect is published.
    /// </summary>
    private void EndSession(ClientConnection c, GatewayReason reason, ReadOnlySpan<byte> lastFrame)
    {
        if (c.SessionEnded) return;
        c.SessionEnded = true;
        _stats.Count(reason);
        var s = c.Session;
        if (s is null)
        {
            if (!lastFrame.IsEmpty) c.Enqueue(lastFrame);
            return;
        }
        bool established = c.State == ConnectionState.Established;
        using (s.OutLock.Enter())
        {
            if (!lastFrame.IsEmpty) c.Enqueue(lastFrame);
            if (s.Live == c) s.Live = null;
        }
        if (s.Bound == c) s.Bound = null;
        if (established) CancelOnDisconnectOf(s);
    }

    private void CancelOnDisconnectOf(GatewaySession s)
    {
        if (s.Participant.CancelOnDisconnect == CancelOnDisconnect.None) return;
        if (PublishCancelOnDisconnect(s)) return;
        s.CancelOnDisconnectPending = true;
        _cancelOnDisconnectPending[_cancelOnDisconnectPendingCount++] = s;
    }

    private bool PublishCancelOnDisconnect(GatewaySession s)
    {
        EngineInput input = default;
        input.Kind = InputKind.MassCancel;
        input.Time = _clock.NowNanos();
        input.MassCancel.Scope = TradeX.Core.MassCancelScope.Session;
        input.MassCancel.Target = s.EngineSession;
        input.MassCancel.QuotesOnly = s.Participant.CancelOnDisconnect == CancelOnDisconnect.QuotesOnly;
        // The gateway's own producer id: the engine's answer is not a report to any session.
        if (!_input.TryPublish(in input, _options.ProducerBase)) return false;
        Interlocked.Increment(ref _stats.cancelOnDisconnects);
        Interlocked.Increment(ref _stats.inputsPublished);
        return true;
    }

    private int RetryCancelOnDisconnect()
    {
        int work = 0;
        for (int i = 0; i < _cancelOnDisconnectPendingCount; i++)
        {
            var s = _cancelOnDisconnectPending[i]!;
            if (!PublishCancelOnDisconnect(s)) continue;
            s.CancelOnDisconnectPending = false;
            _cancelOnDisconnectPending[i--] = _cancelOnDisconnectPending[--_cancelOnDisconnectPendingCount];
            _cancelOnDisconnectPending[_cancelOnDisconnectPendingCount] = null;
            work++;
        }
        return work;
    }

    /// <summary>Keep-alives: handshake deadline, the client's lapse, and the gateway's own Sequence when it has been quiet.</summary>
    private void KeepTime(ClientConnection c, long now)
    {
        if (c.State != ConnectionState.Established)
        {
            if (now > c.HandshakeDeadline) Terminate(c, GatewayReason.HandshakeTimeout);
            return;
        }
        if (c.TakeSentFlag()) c.LastSentNanos = now;
        if (now - c.LastReceivedNanos > (long)(c.KeepAliveNanos * _options.KeepAliveLapseFactor))
        {
            Terminate(c, GatewayReason.KeepAliveLapsed);
            return;
        }
        if (now - c.LastSentNanos >= c.KeepAliveNanos)
        {
            var s = c.Session!;
            using (s.OutLock.Enter())
            {
                int length = ServerMessages.Sequence(_scratch, s.NextOutSeq);
                c.Enqueue(_scratch.AsSpan(0, length));
            }
            c.LastSentNanos = now;
        }
    }

    /// <summary>
    /// Gateway shutdown (called after the I/O thread has stopped, so single-threaded): every session is
    /// terminated with GatewayShutdown, its cancel-on-disconnect published, and every socket closed.
    /// </summary>
    public void Shutdown(TimeSpan publishTimeout)
    {
        for (int i = 0; i < _highWater; i++)
        {
            var c = _connections[i];
            if (c is null) continue;
            if (c.State != ConnectionState.Closing) Terminate(c, GatewayReason.GatewayShutdown);
            c.Flush();
            Close(c);
        }
        var deadline = Stopwatch.StartNew();
        while (_cancelOnDisconnectPendingCount > 0 && deadline.Elapsed < publishTimeout)
        {
            if (RetryCancelOnDisconnect() == 0) Thread.Yield();
        }
        if (_cancelOnDisconnectPendingCount > 0) _log($"gateway: {_cancelOnDisconnectPendingCount} cancel-on-disconnect input(s) could not be published before shutdown");
        while (_accepted.TryDequeue(out var socket)) socket.Close();
    }
}
