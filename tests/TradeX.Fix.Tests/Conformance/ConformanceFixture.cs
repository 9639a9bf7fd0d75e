using System.Net;
using System.Net.Sockets;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>Which side of the connection our engine plays in a scenario; the scripted peer plays the other.</summary>
public enum OurRole
{
    Acceptor,
    Initiator,
}

/// <summary>
/// One FIX session-level test case scenario against our engine in <see cref="Role"/>: our engine on a real loopback
/// socket with a real file store and the FIX44 dictionary, on a manual clock; a <see cref="ScriptedPeer"/> on the
/// other end. Our CompID is TRADEX, the peer's PEER in both roles, and after <see cref="LogOn"/> both sides have
/// used number 1, so a scenario's script after the Logon is the same bytes in both roles.
/// </summary>
public abstract class ConformanceFixture
{
    protected const string Us = "TRADEX";
    protected const string Them = "PEER";
    public const string TransactTime = "20260105-10:00:00.000";

    private Socket? _listener;

    protected ConformanceFixture(OurRole role) => Role = role;

    protected OurRole Role { get; }
    protected ManualClock Clock { get; private set; } = null!;
    protected EchoApplication App { get; private set; } = null!;
    protected OurEngine Ours { get; private set; } = null!;
    protected ScriptedPeer Peer { get; private set; } = null!;
    protected string Directory { get; private set; } = null!;

    [SetUp]
    public void StartOurEngine()
    {
        Clock = new ManualClock(DateTime.UtcNow);
        App = new EchoApplication();
        Directory = TestPaths.NewTempDirectory($"conformance-{Role}".ToLowerInvariant());
        Ours = StartOurs(App);
    }

    [TearDown]
    public void StopOurEngine()
    {
        Peer?.Dispose();
        Peer = null!;
        Ours.Dispose();
        _listener?.Dispose();
        _listener = null;
    }

    /// <summary>Starts our engine in this fixture's role (the initiator connects at once to the peer's listener).</summary>
    protected OurEngine StartOurs(EchoApplication app)
    {
        if (Role == OurRole.Acceptor)
            return OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(Directory, "store"), sender: Us, target: Them) with
            {
                FileLogPath = Path.Combine(Directory, "log"),
            }, app, Clock);
        if (_listener is null)
        {
            _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(8);
        }
        int port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        return OurEngine.Start(OurEngine.InitiatorSettings(Path.Combine(Directory, "store"), port, sender: Us, target: Them) with
        {
            FileLogPath = Path.Combine(Directory, "log"),
        }, app, Clock);
    }

    /// <summary>The peer's connection: to our acceptor, or our initiator's connection to the peer's listener.</summary>
    protected ScriptedPeer Connect()
    {
        Peer?.Dispose();
        Peer = Role == OurRole.Acceptor
            ? ScriptedPeer.Connect(Ours.EndPoint, Them, Us, () => Clock.UtcNow)
            : ScriptedPeer.Accept(_listener!, Them, Us, () => Clock.UtcNow);
        return Peer;
    }

    /// <summary>
    /// Connects and exchanges Logons numbered 1, HeartBtInt 30 (the peer's Logon as acceptor, ours as initiator):
    /// afterwards both sides send and expect number 2.
    /// </summary>
    protected void LogOn()
    {
        Connect();
        if (Role == OurRole.Acceptor)
        {
            Peer.Send("A", 1, "98=0|108=30|");
            Peer.Expect("8=FIX.4.4|9=*|35=A|34=1|49=TRADEX|52=*|56=PEER|98=0|108=30|10=*");
        }
        else
        {
            Peer.Expect("8=FIX.4.4|9=*|35=A|34=1|49=TRADEX|52=*|56=PEER|98=0|108=30|10=*");
            Peer.Send("A", 1, "98=0|108=30|");
        }
        Wait.Until(() => Ours.Session.IsLoggedOn, "our session logged on");
    }

    /// <summary>A NewOrderSingle body, fields in ascending tag order (as our echo sends it back).</summary>
    public static string Order(string clOrdId) => $"11={clOrdId}|21=1|38=100|40=1|54=1|55=IBM|60={TransactTime}|";

    /// <summary>Our echo of <see cref="Order"/>, numbered <paramref name="ourSeq"/>.</summary>
    protected static string Echo(int ourSeq, string clOrdId) => $"8=FIX.4.4|9=*|35=D|34={ourSeq}|49=TRADEX|52=*|56=PEER|{Order(clOrdId)}10=*";

    /// <summary>The resend of our echo <paramref name="ourSeq"/>: PossDupFlag, OrigSendingTime, a new SendingTime.</summary>
    protected static string ResentEcho(int ourSeq, string clOrdId, string origSendingTime = "*") =>
        $"8=FIX.4.4|9=*|35=D|34={ourSeq}|43=Y|49=TRADEX|52=*|56=PEER|122={origSendingTime}|{Order(clOrdId)}10=*";

    /// <summary>Our SequenceReset-GapFill numbered <paramref name="ourSeq"/> up to <paramref name="newSeqNo"/>.</summary>
    protected static string GapFill(int ourSeq, int newSeqNo) =>
        $"8=FIX.4.4|9=*|35=4|34={ourSeq}|43=Y|49=TRADEX|52=*|56=PEER|122=*|36={newSeqNo}|123=Y|10=*";

    /// <summary>Advances the manual clock; our engine's timer sees the new time at its next tick.</summary>
    protected void Advance(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    /// <summary>
    /// Once our session has noted when its Logout went out (the peer may read the Logout a moment before), moves
    /// the clock past the LogoutTimeout (1 s).
    /// </summary>
    protected void AdvancePastLogoutTimeout()
    {
        Wait.Until(() => Ours.Session.State == SessionState.LogoutSent, "our session waiting for the Logout answer");
        Advance(1.5);
    }

    /// <summary>
    /// The garbled message 2 is ignored without a word; 3 shows the gap, the resent 2 and the queued 3 are echoed,
    /// and the session is in sequence.
    /// </summary>
    protected void GarbledIsIgnoredAndRecovered(byte[] garbled)
    {
        Peer.SendBytes(garbled);
        Peer.Send("D", 3, Order("A3"));
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=2|49=TRADEX|52=*|56=PEER|7=2|16=0|10=*");
        Peer.SendPossDup("D", 2, Order("A2"), Peer.Clock);
        Peer.Expect(Echo(3, "A2"));
        Peer.Expect(Echo(4, "A3"));
        Peer.ExpectOnlyProbeAnswer(seq: 4, ourSeq: 5);
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2+PossDup", "A3" }));
    }

    /// <summary>
    /// The garbled message 2 with a good message 2 right behind it: both ignored (if the second were read, it would
    /// be echoed), so the TestRequest 3 shows the gap; the resent 2 is echoed, then the queued TestRequest answered.
    /// </summary>
    protected void GarbledSwallowsTheNextAndIsRecovered(byte[] garbled)
    {
        Peer.SendBytes([.. garbled, .. FixWire.Frame(Peer.Header("D", 2) + Order("BEHIND"))]);
        Peer.Send("1", 3, "112=T3|");
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=2|49=TRADEX|52=*|56=PEER|7=2|16=0|10=*");
        Peer.SendPossDup("D", 2, Order("A2"), Peer.Clock);
        Peer.Expect(Echo(3, "A2"));
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=4|49=TRADEX|52=*|56=PEER|112=T3|10=*");
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2+PossDup" }));
    }
}
