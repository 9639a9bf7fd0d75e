using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Session;

/// <summary>
/// Our acceptor against a hand-driven counterparty on a loopback socket: each test sends exactly the
/// frames a FIX 4.4 rule is about and checks our answer on the wire.
/// </summary>
public sealed class AcceptorSessionTests
{
    private OurEngine _ours = null!;
    private RawFixPeer _peer = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new ManualClock(DateTime.UtcNow);
        _ours = OurEngine.Start(OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("acceptor")), clock: _clock);
        _peer = RawFixPeer.Connect(_ours.EndPoint, "CLIENT", "EXCH", () => _clock.UtcNow);
    }

    [TearDown]
    public void TearDown()
    {
        _peer.Dispose();
        _ours.Dispose();
    }

    private FixMessage LogOn(int heartBtInt = 30)
    {
        _peer.Logon(heartBtInt);
        var logon = _peer.Expect("A");
        Wait.Until(() => _ours.Session.IsLoggedOn, "our session logged on");
        return logon;
    }

    [Test]
    public void Logon_is_answered_with_the_peers_HeartBtInt_and_a_TestRequest_with_its_TestReqID()
    {
        var logon = LogOn(heartBtInt: 17);
        Assert.That(logon.GetString(Tag.HeartBtInt), Is.EqualTo("17"));
        Assert.That(logon.MsgSeqNum, Is.EqualTo(1));
        Assert.That(logon.GetString(Tag.SenderCompID), Is.EqualTo("EXCH"));
        _peer.Send("1", "112=PING-7|");
        var hb = _peer.Expect("0");
        Assert.That(hb.GetString(Tag.TestReqID), Is.EqualTo("PING-7"));
        Assert.That(_ours.App.Logons, Is.EqualTo(1));
    }

    [Test]
    public void Silence_gets_a_Heartbeat_then_a_TestRequest_then_a_disconnect()
    {
        LogOn(heartBtInt: 10);
        _clock.Advance(TimeSpan.FromSeconds(10.5));
        Assert.That(_peer.Expect("0").Has(Tag.TestReqID), Is.False, "a plain heartbeat after HeartBtInt of our silence");
        _clock.Advance(TimeSpan.FromSeconds(2));
        var test = _peer.Expect("1");
        Assert.That(test.GetString(Tag.TestReqID), Is.EqualTo("TEST"), "QuickFIX's TestReqID");
        _clock.Advance(TimeSpan.FromSeconds(13));
        Assert.That(_peer.WaitClosed(), "no answer to the TestRequest: the link is declared dead");
        Wait.Until(() => _ours.App.Events.Any(e => e.Contains("heartbeat timeout")), "logout event naming the heartbeat timeout");
    }

    [Test]
    public void An_answered_TestRequest_keeps_the_session_up()
    {
        LogOn(heartBtInt: 10);
        _clock.Advance(TimeSpan.FromSeconds(12.5));
        var test = _peer.Expect("1");
        _peer.Send("0", $"112={test.GetString(Tag.TestReqID)}|");
        Wait.Until(() => _ours.Session.NextTargetMsgSeqNum == 3, "heartbeat consumed");
        _clock.Advance(TimeSpan.FromSeconds(5));
        Thread.Sleep(200);
        Assert.That(_ours.Session.IsLoggedOn);
    }

    [Test]
    public void A_gap_is_answered_with_a_ResendRequest_and_the_resent_messages_arrive_in_order()
    {
        LogOn();
        _peer.Send("D", Order("C2"));                 // 2
        _peer.Send("D", Order("C5"), seq: 5);         // 3 and 4 lost
        var rr = _peer.Expect("2");
        Assert.That(rr.GetString(Tag.BeginSeqNo), Is.EqualTo("3"));
        Assert.That(rr.GetString(Tag.EndSeqNo), Is.EqualTo("0"));
        _peer.Send("D", Order("C3"), seq: 3, possDup: true, origSendingTime: _clock.UtcNow.AddSeconds(-1));
        _peer.Send("D", Order("C4"), seq: 4, possDup: true, origSendingTime: _clock.UtcNow.AddSeconds(-1));
        Wait.Until(() => _ours.App.AppMessages.Count == 4, "four orders delivered");
        Assert.That(_ours.App.App("D").Select(m => m.GetString(Tag.ClOrdID)), Is.EqualTo(new[] { "C2", "C3", "C4", "C5" }));
        Assert.That(_ours.App.App("D").Select(m => m.PossDupFlag), Is.EqualTo(new[] { false, true, true, false }));
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(6));
    }

    [Test]
    public void A_gap_filled_by_SequenceReset_GapFill_skips_to_NewSeqNo()
    {
        LogOn();
        _peer.Send("D", Order("C4"), seq: 4);
        Assert.That(_peer.Expect("2").GetString(Tag.BeginSeqNo), Is.EqualTo("2"));
        _peer.SendRaw(_peer.Frame("4", 2, "123=Y|36=4|", possDup: true));
        // The number moves under the lock, the delivery follows outside it: wait for the delivery.
        Wait.Until(() => _ours.App.AppMessages.Count == 1, "gap filled and the queued order delivered");
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(5));
        Assert.That(_ours.App.App("D").Select(m => m.GetString(Tag.ClOrdID)), Is.EqualTo(new[] { "C4" }));
    }

    [Test]
    public void MsgSeqNum_too_low_without_PossDupFlag_is_answered_with_Logout_and_disconnect()
    {
        LogOn();
        _peer.Send("D", Order("C2"));
        _peer.Send("D", Order("again"), seq: 2);
        var logout = _peer.Expect("5");
        Assert.That(logout.GetString(Tag.Text), Is.EqualTo("MsgSeqNum too low, expecting 3 but received 2"));
        Assert.That(_peer.WaitClosed());
        Assert.That(_ours.App.AppMessages, Has.Count.EqualTo(1));
    }

    [Test]
    public void MsgSeqNum_too_low_with_PossDupFlag_is_ignored_as_a_duplicate()
    {
        LogOn();
        _peer.Send("D", Order("C2"));
        _peer.Send("D", Order("C2"), seq: 2, possDup: true);
        _peer.Send("1", "112=still-there|");
        Assert.That(_peer.Expect("0").GetString(Tag.TestReqID), Is.EqualTo("still-there"));
        Assert.That(_ours.App.AppMessages, Has.Count.EqualTo(1));
    }

    [Test]
    public void Garbled_frame_is_ignored_without_reject_and_its_gap_is_recovered()
    {
        LogOn();
        var bad = _peer.Frame("D", 2, Order("BAD"));
        bad[^3] = (byte)(bad[^3] == (byte)'9' ? '0' : bad[^3] + 1); // checksum off by one
        _peer.SendRaw(bad);
        _peer.SendRaw(RawFixPeer.Soh("this is not FIX at all|"));
        _peer.Send("D", Order("C3"), seq: 3);
        var rr = _peer.Expect("2");
        Assert.That(rr.GetString(Tag.BeginSeqNo), Is.EqualTo("2"), "the garbled message did not consume a sequence number");
        Assert.That(_ours.App.InboundRejects.Any(r => r.Reason is null), "reported as garbled");
        _peer.Send("D", Order("C2"), seq: 2, possDup: true, origSendingTime: _clock.UtcNow);
        Wait.Until(() => _ours.App.AppMessages.Count == 2, "both orders delivered");
        Assert.That(_ours.Session.IsLoggedOn);
    }

    [TestCase("D", "11=X|55=IBM|54=Z|60=20260105-10:00:00|38=1|40=2|", SessionRejectReason.ValueIsIncorrect, 54)]
    [TestCase("D", "55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|", SessionRejectReason.RequiredTagMissing, 11)]
    [TestCase("D", "11=X|55=IBM|54=1|60=20260105-10:00:00|38=many|40=2|", SessionRejectReason.IncorrectDataFormatForValue, 38)]
    [TestCase("D", "11=X|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|8888=?|", SessionRejectReason.InvalidTagNumber, 8888)]
    [TestCase("QQ", "58=x|", SessionRejectReason.InvalidMsgType, 0)]
    public void Invalid_message_is_rejected_with_reason_and_the_session_carries_on(string msgType, string body, SessionRejectReason reason, int refTag)
    {
        LogOn();
        int seq = _peer.Send(msgType, body);
        var reject = _peer.Expect("3");
        Assert.That(reject.GetString(Tag.RefSeqNum), Is.EqualTo(seq.ToString()));
        Assert.That(reject.GetString(Tag.SessionRejectReason), Is.EqualTo(((int)reason).ToString()));
        Assert.That(reject.GetString(Tag.RefTagID), Is.EqualTo(refTag == 0 ? null : refTag.ToString()), "an invalid MsgType names no tag (QuickFIX)");
        Assert.That(reject.GetString(Tag.RefMsgType), Is.EqualTo(msgType));
        Assert.That(_ours.App.AppMessages, Is.Empty);
        _peer.Send("D", Order("OK"));
        Wait.Until(() => _ours.App.AppMessages.Count == 1, "a valid order after the reject is delivered");
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(4), "the rejected message consumed its number");
    }

    [Test]
    public void Unsupported_application_message_gets_a_BusinessMessageReject()
    {
        _ours.App.Handler = (_, m) => m.IsMsgType("B"u8) ? ApplicationResult.Unsupported : ApplicationResult.Handled;
        LogOn();
        int seq = _peer.Send("B", "148=news|33=1|58=line|");
        var bmr = _peer.Expect("j");
        Assert.That(bmr.GetString(Tag.RefSeqNum), Is.EqualTo(seq.ToString()));
        Assert.That(bmr.GetString(Tag.RefMsgType), Is.EqualTo("B"));
        Assert.That(bmr.GetString(Tag.BusinessRejectReason), Is.EqualTo("3"));
        Assert.That(_ours.Session.IsLoggedOn);
    }

    [Test]
    public void PossDup_below_the_expected_number_without_OrigSendingTime_is_rejected_as_required_tag_missing()
    {
        LogOn();
        _peer.Send("D", Order("C2"));
        Wait.Until(() => _ours.App.AppMessages.Count == 1, "the order delivered");
        _peer.SendRaw(_peer.Frame("D", 2, "43=Y|" + Order("C2")));
        var reject = _peer.Expect("3");
        Assert.That(reject.GetString(Tag.RefSeqNum), Is.EqualTo("2"));
        Assert.That(reject.GetString(Tag.SessionRejectReason), Is.EqualTo("1"));
        Assert.That(reject.GetString(Tag.RefTagID), Is.EqualTo("122"));
        Assert.That(_ours.App.AppMessages, Has.Count.EqualTo(1), "the duplicate is not delivered");
        Assert.That(_ours.Session.IsLoggedOn && _ours.Session.NextTargetMsgSeqNum == 3, "the session goes on, nothing counted");
    }

    [Test]
    public void ResendRequest_gets_application_messages_resent_with_PossDup_and_admin_messages_gap_filled()
    {
        LogOn();                                                  // our 1: Logon
        var order = new FixOutboundMessage();
        _ours.Session.Send(order.Reset("8").Add(Tag.OrderID, "O1").Add(Tag.ExecID, "E1").AddChar(Tag.ExecType, (byte)'0')
            .AddChar(Tag.OrdStatus, (byte)'0').Add(Tag.Symbol, "IBM").AddChar(Tag.Side, (byte)'1').Add(Tag.LeavesQty, 1)
            .Add(Tag.CumQty, 0).Add(Tag.AvgPx, 0));               // our 2
        _peer.Send("1", "112=T|");                                // our 3: heartbeat
        _peer.Expect("8");
        _peer.Expect("0");
        _ours.Session.Send(order);                                // our 4
        _peer.Expect("8");
        _peer.Send("2", "7=1|16=0|");
        var gap1 = _peer.Expect("4");
        Assert.That((gap1.MsgSeqNum, gap1.GetString(Tag.GapFillFlag), gap1.GetString(Tag.NewSeqNo), gap1.PossDupFlag), Is.EqualTo((1, "Y", "2", true)));
        var resent2 = _peer.Expect("8");
        Assert.That(resent2.MsgSeqNum, Is.EqualTo(2));
        Assert.That(resent2.PossDupFlag && resent2.Has(Tag.OrigSendingTime));
        Assert.That(resent2.GetString(Tag.ExecID), Is.EqualTo("E1"));
        var gap3 = _peer.Expect("4");
        Assert.That((gap3.MsgSeqNum, gap3.GetString(Tag.NewSeqNo)), Is.EqualTo((3, "4")));
        Assert.That(_peer.Expect("8").MsgSeqNum, Is.EqualTo(4));
        Assert.That(_ours.Session.NextSenderMsgSeqNum, Is.EqualTo(5), "resends do not use new numbers");
    }

    [Test]
    public void SequenceReset_Reset_moves_the_expected_number_and_may_not_lower_it()
    {
        LogOn();
        _peer.SendRaw(_peer.Frame("4", 99, "36=20|"));
        Wait.Until(() => _ours.Session.NextTargetMsgSeqNum == 20, "expected number reset to 20");
        _peer.NextSeq = 20;
        _peer.Send("D", Order("C20"));
        Wait.Until(() => _ours.App.AppMessages.Count == 1, "order after the reset delivered");
        _peer.SendRaw(_peer.Frame("4", 21, "36=5|"));
        var reject = _peer.Expect("3");
        Assert.That(reject.GetString(Tag.SessionRejectReason), Is.EqualTo("5"));
        Assert.That(reject.GetString(Tag.RefTagID), Is.Null, "QuickFIX names no tag for a NewSeqNo below the expected number");
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(21));
    }

    [Test]
    public void Logout_from_the_peer_is_answered_and_the_connection_closed()
    {
        LogOn();
        _peer.Send("5", "58=bye|");
        Assert.That(_peer.Expect("5").MsgSeqNum, Is.EqualTo(2));
        Assert.That(_peer.WaitClosed());
        Wait.Until(() => _ours.App.Events.Any(e => e == "logout: Logout received: bye"), "logout event");
    }

    [Test]
    public void Messages_that_cross_our_Logout_are_still_delivered()
    {
        LogOn();
        _ours.Session.Logout("closing");
        Assert.That(_peer.Expect("5").GetString(Tag.Text), Is.EqualTo("closing"));
        _peer.Send("D", Order("IN-FLIGHT"));   // sent by the peer before it saw our Logout
        _peer.Send("5", "");
        Assert.That(_peer.WaitClosed());
        Assert.That(_ours.App.App("D").Select(m => m.GetString(Tag.ClOrdID)), Is.EqualTo(new[] { "IN-FLIGHT" }));
    }

    [Test]
    public void Logon_with_ResetSeqNumFlag_restarts_both_sequences_at_one()
    {
        LogOn();
        _peer.Send("D", Order("C2"));
        Wait.Until(() => _ours.Session.NextTargetMsgSeqNum == 3, "order consumed");
        _peer.Send("5", "");
        _peer.Expect("5");
        _peer.WaitClosed();
        using var again = RawFixPeer.Connect(_ours.EndPoint, "CLIENT", "EXCH", () => _clock.UtcNow);
        again.Logon(extra: "141=Y|");
        var logon = again.Expect("A");
        Assert.That(logon.MsgSeqNum, Is.EqualTo(1));
        Assert.That(logon.GetString(Tag.ResetSeqNumFlag), Is.EqualTo("Y"));
        Wait.Until(() => _ours.Session.NextTargetMsgSeqNum == 2, "expected number restarted");
    }

    [Test]
    public void First_message_other_than_Logon_closes_the_connection()
    {
        _peer.Send("D", Order("C1"));
        Assert.That(_peer.WaitClosed());
        Assert.That(_ours.App.Logons, Is.Zero);
    }

    [Test]
    public void Logon_for_an_unknown_session_closes_the_connection()
    {
        using var stranger = RawFixPeer.Connect(_ours.EndPoint, "STRANGER", "EXCH", () => _clock.UtcNow);
        stranger.Logon();
        Assert.That(stranger.WaitClosed());
        Assert.That(_ours.App.Logons, Is.Zero);
    }

    [Test]
    public void Logon_timeout_closes_a_silent_connection()
    {
        // The accept happens on another thread: keep moving the clock until the timeout has passed for it.
        bool closed = false;
        for (int i = 0; i < 50 && !closed; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            closed = _peer.WaitClosed(TimeSpan.FromMilliseconds(200));
        }
        Assert.That(closed, "a connection that never logs on is closed after LogonTimeout");
    }

    private static string Order(string id) => $"11={id}|55=IBM|54=1|60=20260105-10:00:00|38=100|40=2|44=10|";
}
