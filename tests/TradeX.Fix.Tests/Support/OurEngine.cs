using System.Net;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Transport;

namespace TradeX.Fix.Tests.Support;

/// <summary>Our engine with one session, on real loopback sockets and a real file store.</summary>
public sealed class OurEngine : IDisposable
{
    private OurEngine(FixEngine engine, RecordingApplication app, string storeDir)
    {
        Engine = engine;
        App = app;
        StoreDir = storeDir;
        Session = engine.Sessions[0];
    }

    public FixEngine Engine { get; }
    public FixSession Session { get; }
    public RecordingApplication App { get; }
    public string StoreDir { get; }
    public IPEndPoint EndPoint => Engine.AcceptorEndPoint(Session);

    public static SessionSettings AcceptorSettings(string storeDir, string sender = "EXCH", string target = "CLIENT", int port = 0) => new()
    {
        SessionId = new SessionId("FIX.4.4", sender, target),
        ConnectionType = ConnectionType.Acceptor,
        SocketAcceptHost = "127.0.0.1",
        SocketAcceptPort = port,
        DataDictionary = TestPaths.Fix44Dictionary,
        FileStorePath = storeDir,
        LogonTimeout = TimeSpan.FromSeconds(5),
        LogoutTimeout = TimeSpan.FromSeconds(1),
    };

    public static SessionSettings InitiatorSettings(string storeDir, int port, string sender = "CLIENT", string target = "EXCH") => new()
    {
        SessionId = new SessionId("FIX.4.4", sender, target),
        ConnectionType = ConnectionType.Initiator,
        SocketConnectHost = "127.0.0.1",
        SocketConnectPort = port,
        HeartBtInt = 30,
        DataDictionary = TestPaths.Fix44Dictionary,
        FileStorePath = storeDir,
        ReconnectInterval = TimeSpan.FromMilliseconds(200),
        ReconnectIntervalMax = TimeSpan.FromSeconds(1),
        LogonTimeout = TimeSpan.FromSeconds(5),
        LogoutTimeout = TimeSpan.FromSeconds(1),
    };

    public static OurEngine Start(SessionSettings settings, RecordingApplication? app = null, IFixClock? clock = null, TimeSpan? sendTimeout = null)
    {
        app ??= new RecordingApplication();
        var engine = new FixEngine([settings], _ => app, new FixEngineOptions
        {
            Clock = clock ?? SystemFixClock.Instance,
            TimerInterval = TimeSpan.FromMilliseconds(20),
            SendTimeout = sendTimeout ?? TimeSpan.FromSeconds(10),
        });
        engine.Start();
        return new OurEngine(engine, app, settings.FileStorePath ?? "");
    }

    public void Dispose() => Engine.Dispose();
}
