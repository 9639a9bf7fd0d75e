using System.Net.Sockets;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Transport;

namespace TradeX.Fix.Tests.Settings;

/// <summary>An application sets what it knows only at run time (a port) in code, on top of the file or instead of it.</summary>
public sealed class CodeConfigurationTests
{
    private const string Acceptor = """
        [DEFAULT]
        ConnectionType=acceptor
        SocketAcceptHost=127.0.0.1
        NonStopSession=Y
        [SESSION]
        BeginString=FIX.4.4
        SenderCompID=EXCH
        TargetCompID=CLIENT
        """;

    private static string Write(string content, string? dir = null) => SettingsFiles.Write(content, "acceptor.cfg", dir);

    [Test]
    public void The_acceptor_port_can_be_set_in_code_when_the_file_leaves_it_out()
    {
        int port = FreePort.Next();
        using var engine = FixEngine.FromFile(Write(Acceptor), _ => new RecordingApplication(), configure: s => s with { SocketAcceptPort = port });
        engine.Start();
        Assert.That(engine.AcceptorEndPoint(engine.Sessions[0]).Port, Is.EqualTo(port));
        using var client = new TcpClient();
        client.Connect("127.0.0.1", port);
        Assert.That(client.Connected, "the engine listens on the port set in code");
    }

    [Test]
    public void A_port_set_in_code_overrides_the_file()
    {
        var read = SessionSettingsReader.Read(Write(Acceptor + "\nSocketAcceptPort=9881\n"), configure: s => s with { SocketAcceptPort = 19881 });
        Assert.That(read.Sessions.Single().SocketAcceptPort, Is.EqualTo(19881));
    }

    [Test]
    public void A_bad_port_set_in_code_is_refused_naming_file_section_and_key()
    {
        var path = Write(Acceptor);
        var e = Assert.Throws<FixConfigurationException>(() =>
            FixEngine.FromFile(path, _ => new RecordingApplication(), configure: s => s with { SocketAcceptPort = 70000 }))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: [SESSION] #1 (line 5) key 'SocketAcceptPort': 70000 is not a port in 1..65535"));
    }

    [Test]
    public void Without_a_port_in_the_file_or_in_code_the_acceptor_is_refused()
    {
        var path = Write(Acceptor);
        var e = Assert.Throws<FixConfigurationException>(() => FixEngine.FromFile(path, _ => new RecordingApplication()))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: [SESSION] #1 (line 5) key 'SocketAcceptPort': required setting is missing"));
    }

    [Test]
    public void Settings_built_in_code_are_checked_like_a_file()
    {
        var initiator = new SessionSettings
        {
            SessionId = new SessionId("FIX.4.4", "TRADEX", "EXCH"), ConnectionType = ConnectionType.Initiator, SocketConnectHost = "127.0.0.1",
        };
        var e = Assert.Throws<FixConfigurationException>(() => FixEngine.FromSettings([initiator], _ => new RecordingApplication()))!;
        Assert.That(e.Message, Is.EqualTo("code: session FIX.4.4:TRADEX->EXCH key 'SocketConnectPort': required setting is missing"));

        e = Assert.Throws<FixConfigurationException>(() => FixEngine.FromSettings([initiator with { SocketConnectPort = 9880, TimestampPrecision = 4 }], _ => new RecordingApplication()))!;
        Assert.That(e.Message, Does.Contain("key 'TimestampPrecision': 4 is not 0, 3, 6 or 9"));

        var acceptor = new SessionSettings { SessionId = new SessionId("FIX.4.4", "EXCH", "C"), ConnectionType = ConnectionType.Acceptor, SocketAcceptHost = "localhost" };
        e = Assert.Throws<FixConfigurationException>(() => new FixEngine([acceptor], _ => new RecordingApplication()))!;
        Assert.That(e.Message, Does.Contain("key 'SocketAcceptHost': 'localhost' is not an IP address"));

        e = Assert.Throws<FixConfigurationException>(() => FixEngine.FromSettings([initiator with { SocketConnectPort = 1 }, initiator with { SocketConnectPort = 2 }], _ => new RecordingApplication()))!;
        Assert.That(e.Message, Does.Contain("session FIX.4.4:TRADEX->EXCH is defined more than once"));
    }

    [Test]
    public void Settings_built_in_code_may_take_any_free_acceptor_port()
    {
        var acceptor = new SessionSettings { SessionId = new SessionId("FIX.4.4", "EXCH", "C"), ConnectionType = ConnectionType.Acceptor, SocketAcceptHost = "127.0.0.1" };
        using var engine = FixEngine.FromSettings([acceptor], _ => new RecordingApplication());
        engine.Start();
        Assert.That(engine.AcceptorEndPoint(engine.Sessions[0]).Port, Is.GreaterThan(0));
    }

    [Test]
    public void Warnings_reach_the_callers_logger_and_each_session_event_log_once()
    {
        var dir = TestPaths.NewTempDirectory("code-config-warnings");
        var path = Write(Acceptor + "\nSocketAcceptPort=9881\nFileLogPath=log\nSocketReuseAddress=Y\n", dir);
        var logged = new List<string>();
        using (FixEngine.FromFile(path, _ => new RecordingApplication(), new FixEngineOptions { SettingsWarning = logged.Add })) { }

        var warning = $"{path}:11: SocketReuseAddress has no effect in TradeX.Fix; ignored";
        Assert.That(logged, Is.EqualTo(new[] { warning }));
        var events = File.ReadAllLines(Path.Combine(dir, "log", "FIX.4.4-EXCH-CLIENT.event.log"));
        Assert.That(events.Count(l => l.EndsWith(warning, StringComparison.Ordinal)), Is.EqualTo(1));
    }
}
