using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Interop;

/// <summary>
/// QuickFIX C++ as the initiator (fixsim on its own socket, option raw) against our acceptor playing an exchange,
/// through the session-level test cases about garbled messages, resend, PossDup and reset: after each, both sides
/// are still logged on, in sequence, and every order is filled exactly as QuickFIX sent it.
/// </summary>
[NonParallelizable]
public sealed class QuickFixInitiatorConformanceTests
{
    private string _dir = null!;
    private int _port;
    private OurEngine _ours = null!;
    private QuickFixSimulator _sim = null!;

    [SetUp]
    public void SetUp()
    {
        QuickFixPrerequisites.SkipUnlessInstalled();
        _dir = TestPaths.NewTempDirectory("interop-qf-conformance");
        _port = FreePort.Next();
        _ours = OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(_dir, "ours"), sender: "EXCH", target: "TRADEX", port: _port) with
        {
            FileLogPath = Path.Combine(_dir, "ours-log"),
        }, new ExchangeApplication());
    }

    [TearDown]
    public void TearDown()
    {
        _sim?.Dispose();
        _ours.Dispose();
    }

    private void StartQuickFix(string extraSettings = "")
    {
        _sim = QuickFixSimulator.Start(Path.Combine(_dir, "sim"), "initiator", _port, sender: "TRADEX", target: "EXCH",
            extraSettings: extraSettings, options: "raw");
        _sim.WaitForCount("LOGON", 1);
        Wait.Until(() => _ours.Session.IsLoggedOn, "our acceptor logged on");
    }

    private List<SimMessage> Reports(string clOrdId) => _sim.Messages("FROMAPP", "8").Where(m => m[11] == clOrdId).ToList();

    private void WaitFilled(params string[] clOrdIds) =>
        Wait.Until(() => clOrdIds.All(id => Reports(id).Count(r => r[150] == "F") >= 1), () => $"{string.Join(", ", clOrdIds)} filled\n{_sim.Tail()}");

    private List<string> Delivered() => _ours.App.App("D").Select(m => m.GetString(Tag.ClOrdID) + (m.PossDupFlag ? "+PossDup" : "")).ToList();

    private void AssertBothUpWithoutRejects()
    {
        Assert.That(_ours.Session.IsLoggedOn, "our acceptor still logged on");
        Assert.That(_sim.Count("LOGOUT"), Is.Zero, "QuickFIX still logged on:\n" + _sim.Tail());
        Assert.That(_sim.Messages("FROMADMIN", "3"), Is.Empty, "QuickFIX rejected something we sent:\n" + _sim.Tail());
        Assert.That(_sim.Messages("TOADMIN", "3"), Is.Empty, "QuickFIX sent a Reject:\n" + _sim.Tail());
        Assert.That(_ours.App.InboundRejects.Where(r => r.Reason is not null), Is.Empty, "we rejected something QuickFIX sent");
    }

    [TestCase("checksum", TestName = "Case_3b_an_order_QuickFix_sends_with_a_wrong_CheckSum_is_asked_for_again_and_filled")]
    [TestCase("bodylength", TestName = "Case_2m_an_order_QuickFix_sends_with_a_wrong_BodyLength_is_asked_for_again_and_filled")]
    [TestCase("fieldorder", TestName = "Case_2t_an_order_QuickFix_sends_with_MsgType_before_BodyLength_is_asked_for_again_and_filled")]
    public void Garbled_order_from_QuickFix(string garble)
    {
        StartQuickFix();
        _sim.Command($"garblenext {garble}");
        _sim.Command("order G1 IBM 1 10 1");
        var garbled = _sim.WaitFor(l => l.StartsWith("GARBLED", StringComparison.Ordinal), "QuickFIX sent the garbled order");
        _sim.Command("order G2 IBM 1 20 1");
        _sim.Command("order G3 IBM 1 30 1");   // a garbled frame may take the next one with it: the one after shows the gap
        WaitFilled("G1", "G2", "G3");

        Assert.That(garbled, Does.Contain("|11=G1|"));
        var resendRequest = _sim.WaitForMessage("FROMADMIN", "2");
        var g1 = _sim.Messages("TOAPP", "D").First(m => m[11] == "G1");
        Assert.That(resendRequest[7], Is.EqualTo(g1[34]), "we asked for the garbled order's number");
        Assert.That(Delivered().Where(d => d.StartsWith("G1", StringComparison.Ordinal)), Is.EqualTo(new[] { "G1+PossDup" }), "G1 arrived once, as QuickFIX's resend");
        Assert.That(Delivered().Select(d => d[..2]), Is.EqualTo(new[] { "G1", "G2", "G3" }), "in sequence");
        AssertBothUpWithoutRejects();
    }

    [Test]
    public void Case_8_a_ResendRequest_from_QuickFix_gets_our_reports_as_PossDup_and_a_GapFill_and_trading_goes_on()
    {
        StartQuickFix();
        _sim.Command("order R1 IBM 1 10 1");
        WaitFilled("R1");
        _sim.Command("resend 1 0");
        // QuickFIX takes the resends as duplicates (below its expected number, PossDupFlag=Y): its log shows them.
        var log = Path.Combine(_sim.Directory, "log", "FIX.4.4-TRADEX-EXCH.messages.current.log");
        Wait.Until(() => File.Exists(log) && ReadShared(log).Contains("\u000135=4\u0001") && ReadShared(log).Split('\n').Count(l => l.Contains("\u000135=8\u0001") && l.Contains("\u000143=Y\u0001")) == 2,
            () => $"GapFill and two resent ExecutionReports in QuickFIX's log\n{_sim.Tail()}");
        var resent = ReadShared(log).Split('\n').Where(l => l.Contains("\u000135=8\u0001") && l.Contains("\u000143=Y\u0001")).ToList();
        Assert.That(resent, Has.All.Contains("\u0001122="), "resent with OrigSendingTime");
        _sim.Command("order R2 IBM 1 20 1");
        WaitFilled("R2");
        Assert.That(Reports("R1").Count, Is.EqualTo(2), "the resent reports were not delivered to QuickFIX's application again");
        AssertBothUpWithoutRejects();
    }

    [Test]
    public void Case_2e_orders_QuickFix_resends_with_PossDup_at_the_expected_number_are_processed_again()
    {
        StartQuickFix();
        _sim.Command("order P1 IBM 1 10 1");
        _sim.Command("order P2 IBM 1 20 1");
        WaitFilled("P1", "P2");
        _ours.Session.SetNextTargetMsgSeqNum(_ours.Session.NextTargetMsgSeqNum - 2);   // as if P1 and P2 were lost
        _sim.Command("order P3 IBM 1 30 1");
        Wait.Until(() => Delivered().Count == 5, () => $"P1, P2 resent and P3 delivered\n{_sim.Tail()}");
        Assert.That(Delivered(), Is.EqualTo(new[] { "P1", "P2", "P1+PossDup", "P2+PossDup", "P3" }));
        WaitFilled("P3");
        AssertBothUpWithoutRejects();
    }

    [Test]
    public void Case_11a_a_SequenceReset_Reset_from_QuickFix_moves_our_expected_number_and_trading_goes_on()
    {
        StartQuickFix();
        _sim.Command("seqreset 20");
        _sim.WaitFor(l => l == "SEQRESET 20", "QuickFIX sent the SequenceReset");
        _sim.Command("order S1 IBM 1 10 1");
        WaitFilled("S1");
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(21));
        AssertBothUpWithoutRejects();
    }

    [Test]
    public void Reset_a_Logon_with_ResetSeqNumFlag_from_QuickFix_restarts_both_sides_at_1()
    {
        StartQuickFix("ResetOnLogon=Y\n");
        _sim.Command("order B1 IBM 1 10 1");
        WaitFilled("B1");
        Assert.That(_ours.Session.NextSenderMsgSeqNum, Is.GreaterThan(2));
        _ours.Session.Logout("see you");
        _sim.WaitForCount("LOGOUT", 1);
        _sim.WaitForCount("LOGON", 2, TimeSpan.FromSeconds(30));   // QuickFIX reconnects with 141=Y
        Wait.Until(() => _ours.Session.IsLoggedOn, "logged on again");
        var logons = _sim.Messages("FROMADMIN", "A");
        Assert.That((logons[^1].MsgSeqNum, logons[^1][141]), Is.EqualTo((1, "Y")), "our answer restarts at 1 and says so");
        _sim.Command("order B2 IBM 1 20 1");
        WaitFilled("B2");
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(3), "QuickFIX's Logon 1 and order 2 since the reset");
        Assert.That(_ours.App.InboundRejects.Where(r => r.Reason is not null), Is.Empty);
        Assert.That(_sim.Messages("TOADMIN", "3"), Is.Empty);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
