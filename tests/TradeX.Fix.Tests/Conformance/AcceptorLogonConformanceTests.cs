using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 1S (session acceptor, "Logon and session initiation"), our acceptor against a
/// scripted initiator. A Logon with a problem is answered by closing the connection without a message (a Reject
/// or Logout would use a sequence number of a session that never started), as QuickFIX does.
/// </summary>
public sealed class AcceptorLogonConformanceTests() : ConformanceFixture(OurRole.Acceptor)
{
    [Test]
    public void Case_1a_a_valid_Logon_is_answered_with_a_Logon_and_the_session_is_up()
    {
        Connect();
        Peer.SendFields($"35=A|34=1|49=PEER|52={Peer.Now}|56=TRADEX|98=0|108=30|");
        Peer.Expect("8=FIX.4.4|9=*|35=A|34=1|49=TRADEX|52=*|56=PEER|98=0|108=30|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 2);
        Assert.That(App.Logons, Is.EqualTo(1));
    }

    // The peer's answer: 1..5 were all admin (its Logon is 5), one gap fill past them; or a gap fill of 1..4 only,
    // and the queued Logon is counted as number 5. Either way the session goes on at 6.
    [TestCase(6, TestName = "Case_1a_a_Logon_with_MsgSeqNum_too_high_is_answered_with_a_Logon_then_a_ResendRequest")]
    [TestCase(5, TestName = "Case_1a_a_Logon_too_high_is_counted_when_the_resend_fills_the_numbers_below_it")]
    public void Case_1a_Logon_too_high(int gapFillTo)
    {
        Connect();
        Peer.Send("A", 5, "98=0|108=30|");
        Peer.Expect("8=FIX.4.4|9=*|35=A|34=1|49=TRADEX|52=*|56=PEER|98=0|108=30|10=*");
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=2|49=TRADEX|52=*|56=PEER|7=1|16=0|10=*");
        Peer.SendPossDup("4", 1, $"36={gapFillTo}|123=Y|", Peer.Clock);
        Peer.ExpectOnlyProbeAnswer(seq: 6, ourSeq: 3);
    }

    [Test]
    public void Case_1b_a_second_connection_for_a_logged_on_session_is_closed_without_a_message()
    {
        LogOn();
        using var second = ScriptedPeer.Connect(Ours.EndPoint, Them, Us, () => Clock.UtcNow);
        second.Send("A", 2, "98=0|108=30|");
        second.ExpectClosed();
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 2);
    }

    [TestCase("49=OTHER|", "56=TRADEX|", TestName = "Case_1c_a_Logon_from_an_unknown_SenderCompID_is_closed_without_a_message")]
    [TestCase("49=PEER|", "56=OTHER|", TestName = "Case_1c_a_Logon_to_an_unknown_TargetCompID_is_closed_without_a_message")]
    public void Case_1c_unconfigured_CompIDs(string sender, string target)
    {
        Connect();
        Peer.SendFields($"35=A|34=1|{sender}52={Peer.Now}|{target}98=0|108=30|");
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_1d_a_Logon_with_SendingTime_outside_MaxLatency_is_closed_without_a_message()
    {
        Connect();
        Peer.SendFields($"35=A|34=1|49=PEER|52={FixWire.Timestamp(Clock.UtcNow.AddMinutes(-10))}|56=TRADEX|98=0|108=30|");
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_1d_a_Logon_with_the_wrong_BeginString_is_closed_without_a_message()
    {
        Connect();
        Peer.SendBytes(FixWire.Frame(Peer.Header("A", 1) + "98=0|108=30|", beginString: "FIX.4.2"));
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_1d_a_Logon_with_a_wrong_BodyLength_is_closed_without_a_message()
    {
        Connect();
        Peer.SendBytes(Garbled.BodyLengthShort(Peer.Header("A", 1) + "98=0|108=30|"));
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_1e_a_first_message_that_is_not_a_Logon_is_closed_without_a_message()
    {
        Connect();
        Peer.Send("D", 1, Order("A1"));
        Peer.ExpectClosed();
        Assert.That(App.AppMessages, Is.Empty);
    }

    [Test]
    public void Case_2c_a_Logon_with_MsgSeqNum_too_low_is_answered_with_Logout_and_closed()
    {
        LogOn();
        Peer.Send("5", 2);
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|10=*");
        Peer.ExpectClosed();
        Wait.Until(() => !Ours.Session.IsConnected, "our session down");

        Connect();
        Peer.Send("A", 1, "98=0|108=30|");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|58=MsgSeqNum too low, expecting 3 but received 1|10=*");
        Peer.ExpectClosed();
    }
}
