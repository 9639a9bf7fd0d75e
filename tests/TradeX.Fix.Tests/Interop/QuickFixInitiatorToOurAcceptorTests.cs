using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Interop;

/// <summary>
/// The QuickFIX C++ simulator as initiator (an order-sending client) against our acceptor, which plays
/// a small exchange (<see cref="ExchangeApplication"/>), over loopback with file stores on both sides.
/// </summary>
[NonParallelizable]
public sealed class QuickFixInitiatorToOurAcceptorTests
{
    private string _dir = null!;
    private int _port;
    private OurEngine _ours = null!;
    private QuickFixSimulator _sim = null!;

    private OurEngine StartOurs(ExchangeApplication? app = null) =>
        OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(_dir, "ours"), sender: "EXCH", target: "TRADEX", port: _port) with
        {
            FileLogPath = Path.Combine(_dir, "ours-log"),
        }, app ?? new ExchangeApplication());

    [SetUp]
    public void SetUp()
    {
        _dir = TestPaths.NewTempDirectory("interop-qf-initiator");
        _port = FreePort.Next();
        _ours = StartOurs();
        // The simulator is the client: it is TRADEX and we are EXCH.
        _sim = QuickFixSimulator.Start(Path.Combine(_dir, "sim"), "initiator", _port, sender: "TRADEX", target: "EXCH");
        _sim.WaitForCount("LOGON", 1);
        Wait.Until(() => _ours.Session.IsLoggedOn, "our acceptor logged on");
    }

    [TearDown]
    public void TearDown()
    {
        _sim.Dispose();
        _ours.Dispose();
    }

    private void AssertNoRejects()
    {
        Assert.That(_sim.Messages("FROMADMIN", "3"), Is.Empty, "QuickFIX rejected something we sent:\n" + _sim.Tail());
        Assert.That(_ours.App.InboundRejects, Is.Empty, "we rejected something QuickFIX sent");
    }

    private List<SimMessage> Reports(string clOrdId) => _sim.Messages("FROMAPP", "8").Where(m => m[11] == clOrdId).ToList();

    [Test]
    public void QuickFix_logs_on_and_orders_are_filled_by_our_acceptor()
    {
        var logon = _sim.WaitForMessage("FROMADMIN", "A");
        Assert.That((logon[49], logon[108], logon.MsgSeqNum), Is.EqualTo(("EXCH", "30", 1)));
        _sim.Command("order C1 IBM 1 100 10.25");
        _sim.Command("order C2 MSFT 2 5 300");
        Wait.Until(() => Reports("C2").Count == 2, () => "both orders acknowledged and filled\n" + _sim.Tail());
        var c1 = Reports("C1");
        Assert.That(c1.Select(m => (m[150], m[39])), Is.EqualTo(new[] { ("0", "0"), ("F", "2") }));
        Assert.That((c1[1][32], c1[1][31], c1[1][14]), Is.EqualTo(("100", "10.25", "100")));
        Assert.That(_ours.App.App("D").Select(m => m.GetString(Tag.ClOrdID)), Is.EqualTo(new[] { "C1", "C2" }));
        AssertNoRejects();
    }

    [Test]
    public void Logout_both_ways()
    {
        _ours.Session.Logout("closing");
        _sim.WaitForCount("LOGOUT", 1);
        Assert.That(_sim.WaitForMessage("FROMADMIN", "5")[58], Is.EqualTo("closing"));
        Wait.Until(() => _ours.App.Logouts == 1, "our side down");

        _sim.WaitForCount("LOGON", 2, TimeSpan.FromSeconds(30)); // QuickFIX reconnects after ReconnectInterval
        Wait.Until(() => _ours.Session.IsLoggedOn, "logged on again");
        _sim.Command("logout");
        Wait.Until(() => _ours.App.Logouts == 2, () => "logout initiated by QuickFIX\n" + _sim.Tail());
        Assert.That(_ours.App.Events.Last(), Does.Contain("simulator logout"));
        Wait.Until(() => _sim.Messages("FROMADMIN", "5").Count == 2, () => "we answered QuickFIX's Logout\n" + _sim.Tail());
        AssertNoRejects();
    }

    [Test]
    public void Our_acceptor_killed_and_restarted_gets_the_orders_sent_meanwhile_by_resend()
    {
        _sim.Command("order K1 IBM 1 10 1");
        Wait.Until(() => Reports("K1").Count == 2, "filled before the crash");
        int expectedBefore = _ours.Session.NextTargetMsgSeqNum;
        var app = (ExchangeApplication)_ours.App;
        _ours.Engine.Abort();
        _sim.WaitForCount("LOGOUT", 1);
        _sim.Command("order K2 IBM 1 20 1"); // stored by QuickFIX while we are down
        _sim.Command("order K3 IBM 1 30 1");
        _sim.WaitFor(l => l.StartsWith("TOAPP", StringComparison.Ordinal) && l.Contains("|11=K3|"), "QuickFIX stored K3");

        _ours = StartOurs(app);
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(expectedBefore), "expected number recovered from our store");
        _sim.WaitForCount("LOGON", 2, TimeSpan.FromSeconds(30));
        Wait.Until(() => Reports("K3").Count == 2 && Reports("K2").Count == 2, () => "orders sent while we were down were resent and filled\n" + _sim.Tail());
        var resent = _ours.App.App("D").Where(m => m.PossDupFlag).Select(m => m.GetString(Tag.ClOrdID)).ToList();
        Assert.That(resent, Is.EquivalentTo(new[] { "K2", "K3" }), "they arrived as PossDup resends");
        Assert.That(_sim.Messages("FROMADMIN", "2").Single()[7], Is.EqualTo(expectedBefore.ToString()), "we asked for everything from our recovered number");
        Assert.That(_sim.Messages("TOADMIN", "2"), Is.Empty, "QuickFIX saw no gap in our numbers");
        AssertNoRejects();
    }

    [Test]
    public void Garbled_messages_from_a_QuickFix_initiator_are_rejected_and_the_session_stays_up()
    {
        _sim.Command("garble");
        var rejects = new List<SimMessage>();
        Wait.Until(() => (rejects = _sim.Messages("FROMADMIN", "3")).Count == 3, () => "three rejects\n" + _sim.Tail());
        Assert.That(rejects.Select(r => r[373]), Is.EqualTo(new[] { "5", "1", "6" }));
        Assert.That(_sim.WaitForMessage("FROMAPP", "j")[380], Is.EqualTo("3"), "ExecutionReports and News are not for an exchange: unsupported");
        _sim.Command("order AFTER IBM 1 1 1");
        Wait.Until(() => Reports("AFTER").Count == 2, "still trading");
        Assert.That(_ours.Session.IsLoggedOn);
    }
}
