using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TradeX.Fix.Dictionary;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Store;

namespace TradeX.Fix.Transport;

/// <summary>
/// Runs a set of sessions over TCP, the way a QuickFIX SocketInitiator/SocketAcceptor does: initiators
/// connect (and reconnect with back-off) inside their schedule, acceptors listen and route each
/// incoming Logon to the session whose CompIDs it names. One thread per connection (blocking I/O for
/// the lowest latency), one timer thread for heartbeats. Create from a settings file with
/// <see cref="FromFile"/> (its <c>configure</c> callback adjusts what the file says, e.g. a port chosen at run
/// time) or from settings made in code with <see cref="FromSettings"/>; call <see cref="Start"/>, and
/// <see cref="Stop"/> (graceful) or <see cref="Dispose"/> at the end.
/// </summary>
public sealed class FixEngine : IDisposable
{
    private readonly FixEngineOptions _options;
    private readonly List<FixSession> _sessions = new();
    private readonly Dictionary<(string Host, int Port), List<FixSession>> _acceptorGroups = new();
    private readonly Dictionary<FixSession, Socket> _listenerBySession = new();
    private readonly List<Socket> _listeners = new();
    private readonly ConcurrentDictionary<SocketConnection, byte> _connections = new();
    // Accepted connections that have not yet sent a Logon naming a session, with their accept time.
    private readonly ConcurrentDictionary<SocketConnection, (DateTime Accepted, TimeSpan Timeout)> _unidentified = new();
    private readonly List<Thread> _threads = new();
    private readonly ManualResetEventSlim _stopping = new(false);
    private bool _started;

    /// <summary>The same as <see cref="FromSettings"/>.</summary>
    public FixEngine(IEnumerable<SessionSettings> settings, Func<SessionSettings, IFixApplication> applications, FixEngineOptions? options = null)
        : this(settings, applications, options, []) { }

    private FixEngine(IEnumerable<SessionSettings> settings, Func<SessionSettings, IFixApplication> applications, FixEngineOptions? options,
        IReadOnlyList<string> settingsWarnings)
    {
        _options = options ?? FixEngineOptions.Default;
        var all = settings.ToList();
        foreach (var s in all)
            if (SessionSettingsRules.FirstProblem(s, anyFreePort: true) is { } broken)
                throw new FixConfigurationException($"{s.Origin}: session {s.SessionId} key '{broken.Key}': {broken.Problem}");
        if (all.GroupBy(s => s.SessionId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FixConfigurationException($"session {twice.Key} is defined more than once ({string.Join(", ", twice.Select(s => s.Origin))})");
        var dictionaries = new Dictionary<string, DataDictionary>(StringComparer.Ordinal);
        foreach (var s in all)
        {
            DataDictionary? dictionary = null;
            if (s.DataDictionary is { } path)
            {
                if (!dictionaries.TryGetValue(path, out dictionary))
                {
                    try { dictionary = DataDictionaryLoader.Load(path); }
                    catch (Exception e) when (e is IOException or InvalidDataException)
                    { throw new FixConfigurationException($"{s.Origin} key 'DataDictionary': {e.Message}"); }
                    dictionaries[path] = dictionary;
                }
            }
            var store = _options.StoreFactory?.Invoke(s) ?? CreateStore(s, _options.Clock.UtcNow);
            IFixLog log = s.FileLogPath is { } logPath ? new FileFixLog(logPath, s.SessionId) : NullFixLog.Instance;
            foreach (var warning in settingsWarnings) log.Event(warning, _options.Clock.UtcNow);
            var session = new FixSession(s, store, dictionary, applications(s), _options.Clock, log);
            _sessions.Add(session);
            if (s.ConnectionType == ConnectionType.Acceptor)
            {
                var key = (s.SocketAcceptHost, s.SocketAcceptPort);
                if (!_acceptorGroups.TryGetValue(key, out var group)) _acceptorGroups[key] = group = new List<FixSession>();
                group.Add(session);
            }
        }
    }

    /// <summary>
    /// Reads a QuickFIX-format settings file (see <see cref="SessionSettingsReader"/>) and builds the engine.
    /// <paramref name="configure"/> adjusts each session before it is checked, so code may set what the file
    /// leaves out or override it: <c>configure: s =&gt; s with { SocketAcceptPort = port }</c>. The file's
    /// warnings go to <see cref="FixEngineOptions.SettingsWarning"/> and to each session's event log.
    /// Throws <see cref="FixConfigurationException"/> on an unknown key, a bad value or a missing one.
    /// </summary>
    public static FixEngine FromFile(string settingsPath, Func<SessionSettings, IFixApplication> applications, FixEngineOptions? options = null,
        Func<SessionSettings, SessionSettings>? configure = null)
    {
        var read = SessionSettingsReader.Read(settingsPath, options?.SettingsWarning, configure);
        return new FixEngine(read.Sessions, applications, options, read.Warnings);
    }

    /// <summary>
    /// Builds the engine from settings made in code (an object initialiser, or <see cref="SessionSettingsReader"/>
    /// output changed with <c>with</c>). They are checked as a file would be (ports, hosts, ranges, one
    /// definition per session), except that an acceptor's SocketAcceptPort may be 0: any free port, see
    /// <see cref="AcceptorEndPoint"/>. Throws <see cref="FixConfigurationException"/> naming the session and key.
    /// </summary>
    public static FixEngine FromSettings(IEnumerable<SessionSettings> settings, Func<SessionSettings, IFixApplication> applications, FixEngineOptions? options = null) =>
        new(settings, applications, options);

    public IReadOnlyList<FixSession> Sessions => _sessions;

    public FixSession Session(SessionId id) => _sessions.First(s => s.Id == id);

    public FixSession Session(string senderCompId, string targetCompId) =>
        _sessions.First(s => s.Id.SenderCompID == senderCompId && s.Id.TargetCompID == targetCompId);

    /// <summary>The address an acceptor session listens on (the real port when SocketAcceptPort was 0 in code).</summary>
    public IPEndPoint AcceptorEndPoint(FixSession session) => (IPEndPoint)_listenerBySession[session].LocalEndPoint!;

    private static IMessageStore CreateStore(SessionSettings s, DateTime now) =>
        s.FileStorePath is { } dir
            ? new FileMessageStore(dir, s.SessionId.FileName, s.FileStoreSync, now)
            : new MemoryMessageStore(now, s.PersistMessages);

    public void Start()
    {
        if (_started) throw new InvalidOperationException("already started");
        _started = true;
        foreach (var ((host, port), group) in _acceptorGroups)
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try { listener.Bind(new IPEndPoint(IPAddress.Parse(host), port)); }
            catch (SocketException e)
            {
                listener.Dispose();
                throw new FixConfigurationException($"{group[0].Settings.Origin} key 'SocketAcceptPort': cannot listen on {host}:{port}: {e.Message}");
            }
            listener.Listen(16);
            _listeners.Add(listener);
            foreach (var s in group) _listenerBySession[s] = listener;
            StartThread($"fix-accept-{port}", () => AcceptLoop(listener, group));
        }
        foreach (var s in _sessions.Where(s => s.Settings.ConnectionType == ConnectionType.Initiator))
            StartThread($"fix-{s.Id.SenderCompID}-{s.Id.TargetCompID}", () => InitiatorLoop(s));
        StartThread("fix-timer", TimerLoop);
    }

    /// <summary>Graceful stop: Logout on every logged-on session, wait for the answers (up to LogoutTimeout), close.</summary>
    public void Stop()
    {
        foreach (var s in _sessions) s.Logout("Engine stopping");
        var deadline = DateTime.UtcNow + _sessions.Select(s => s.Settings.LogoutTimeout).DefaultIfEmpty(TimeSpan.Zero).Max();
        while (DateTime.UtcNow < deadline && _sessions.Any(s => s.IsConnected)) Thread.Sleep(10);
        Shutdown();
    }

    /// <summary>
    /// Stops at once without Logout, as a crash would: connections dropped, stores closed with whatever
    /// they had written. Used by tests that restart a side from its store.
    /// </summary>
    public void Abort() => Shutdown();

    private void Shutdown()
    {
        if (_stopping.IsSet) return;
        _stopping.Set();
        foreach (var l in _listeners) l.Dispose();
        foreach (var c in _connections.Keys) c.Close();
        foreach (var s in _sessions) s.Disconnect("engine stopped");
        foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(5));
        foreach (var s in _sessions) s.Dispose();
    }

    public void Dispose()
    {
        if (_started) Stop();
        else foreach (var s in _sessions) s.Dispose();
    }

    private void StartThread(string name, Action body)
    {
        var t = new Thread(() => body()) { IsBackground = true, Name = name };
        _threads.Add(t);
        t.Start();
    }

    private void TimerLoop()
    {
        while (!_stopping.Wait(_options.TimerInterval))
        {
            foreach (var s in _sessions) s.OnTimer();
            var now = _options.Clock.UtcNow;
            foreach (var (connection, (accepted, timeout)) in _unidentified)
                if (now - accepted >= timeout && _unidentified.TryRemove(connection, out _)) connection.Close();
        }
    }

    private void InitiatorLoop(FixSession session)
    {
        var settings = session.Settings;
        var addresses = Addresses(settings);
        int failures = 0, next = 0;
        while (!_stopping.IsSet)
        {
            if (!session.IsInSchedule())
            {
                _stopping.Wait(TimeSpan.FromSeconds(1));
                continue;
            }
            // Failover (SocketConnectHost<n>/SocketConnectPort<n>): each attempt that does not end in a logon moves
            // to the next address, round and round; a logon sends the next attempt back to the first.
            var (host, port) = addresses[next];
            next = (next + 1) % addresses.Length;
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (!socket.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(10)))
                    throw new TimeoutException("connect timed out");
            }
            catch (Exception e) when (e is SocketException or AggregateException or TimeoutException)
            {
                socket.Dispose();
                session.LogEvent($"connect to {host}:{port} failed: {(e as AggregateException)?.InnerException?.Message ?? e.Message}");
                failures++;
                _stopping.Wait(Backoff(settings, failures));
                continue;
            }
            int logonsBefore = session.LogonCount;
            var connection = new SocketConnection(socket, settings.SocketNodelay, _options.ReceiveSpin, _options.SendTimeout);
            _connections[connection] = 0;
            string reason = "not accepted by the session";
            if (session.OnConnected(connection))
                reason = connection.ReceiveLoop((c, frame) => session.OnFrame(c, frame));
            connection.Close();
            session.OnDisconnected(connection, reason);
            _connections.TryRemove(connection, out _);
            bool loggedOn = session.LogonCount > logonsBefore;
            if (loggedOn) next = 0;
            failures = loggedOn ? 1 : failures + 1;
            _stopping.Wait(Backoff(settings, failures));
        }
    }

    /// <summary>The initiator's addresses in the order it tries them: SocketConnectHost/Port, then the numbered alternates.</summary>
    internal static (string Host, int Port)[] Addresses(SessionSettings s) =>
        [(s.SocketConnectHost!, s.SocketConnectPort), .. s.SocketConnectAlternates.Select(a => (a.Host, a.Port))];

    /// <summary>ReconnectInterval after the first failure, doubling each further failure, capped at ReconnectIntervalMax.</summary>
    internal static TimeSpan Backoff(SessionSettings s, int failures)
    {
        var wait = s.ReconnectInterval;
        for (int i = 1; i < failures && wait < s.ReconnectIntervalMax; i++) wait *= 2;
        return wait > s.ReconnectIntervalMax ? s.ReconnectIntervalMax : wait;
    }

    private void AcceptLoop(Socket listener, List<FixSession> group)
    {
        while (!_stopping.IsSet)
        {
            Socket client;
            try { client = listener.Accept(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            var connection = new SocketConnection(client, group[0].Settings.SocketNodelay, _options.ReceiveSpin, _options.SendTimeout);
            _connections[connection] = 0;
            _unidentified[connection] = (_options.Clock.UtcNow, group[0].Settings.LogonTimeout);
            var t = new Thread(() => ServeAcceptedConnection(connection, group)) { IsBackground = true, Name = "fix-acceptor-connection" };
            t.Start();
        }
    }

    private void ServeAcceptedConnection(SocketConnection connection, List<FixSession> group)
    {
        FixSession? session = null;
        // ValidateLengthAndChecksum=N on a session sharing the port: its Logon may have a wrong CheckSum too.
        var first = new FixMessage { ValidateLengthAndChecksum = group.All(s => s.Settings.ValidateLengthAndChecksum) };
        string reason = connection.ReceiveLoop((c, frame) =>
        {
            if (session is not null)
            {
                session.OnFrame(c, frame);
                return;
            }
            _unidentified.TryRemove(connection, out _);
            // FIX 4.4: the first message on an accepted connection must be a valid Logon, else disconnect.
            if (first.Parse(frame) != FixParseStatus.Ok || !first.IsMsgType(MsgTypes.Logon))
            {
                c.Close();
                return;
            }
            var match = group.FirstOrDefault(s => first.ValueEquals(Tag.BeginString, System.Text.Encoding.ASCII.GetBytes(s.Id.BeginString))
                && first.ValueEquals(Tag.SenderCompID, System.Text.Encoding.ASCII.GetBytes(s.Id.TargetCompID))
                && first.ValueEquals(Tag.TargetCompID, System.Text.Encoding.ASCII.GetBytes(s.Id.SenderCompID)));
            if (match is null || !match.OnConnected(c))
            {
                c.Close();
                return;
            }
            session = match;
            session.OnFrame(c, frame);
        });
        connection.Close();
        session?.OnDisconnected(connection, reason);
        _connections.TryRemove(connection, out _);
        _unidentified.TryRemove(connection, out _);
    }
}
