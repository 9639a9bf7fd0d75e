using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 1B (session initiator, "Connect and send Logon message"), our initiator against a
/// scripted acceptor. An invalid Logon answer, or another message in its place, closes the connection without a
/// message (QuickFIX's answer to the document's choice: no number is used on a session that never started).
/// </summary>
public sealed class InitiatorLogonConformanceTests() : ConformanceFixture(OurRole.Initiator)
{
    private const string OurLogon = "8=FIX.4.4|9=*|35=A|34=1|49=TRADEX|52=*|56=PEER|98=0|108=30|10=*";

    [Test]
    public void Case_1B_a_b_c_our_initiator_connects_sends_Logon_and_a_valid_answer_logs_on()
    {
        Connect();
        Peer.Expect(OurLogon);
        Peer.SendFields($"35=A|34=1|49=PEER|52={Peer.Now}|56=TRADEX|98=0|108=30|");
        Wait.Until(() => Ours.Session.IsLoggedOn, "logged on");
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 2);
        Assert.That(App.Logons, Is.EqualTo(1));
    }

    // A gap fill past the acceptor's Logon (5), or of 1..4 only with the queued Logon counted as 5.
    [TestCase(6, TestName = "Case_1B_c_a_Logon_answer_with_MsgSeqNum_too_high_gets_a_ResendRequest")]
    [TestCase(5, TestName = "Case_1B_c_a_Logon_answer_too_high_is_counted_when_the_resend_fills_the_numbers_below_it")]
    public void Case_1B_c_Logon_answer_too_high(int gapFillTo)
    {
        Connect();
        Peer.Expect(OurLogon);
        Peer.Send("A", 5, "98=0|108=30|");
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=2|49=TRADEX|52=*|56=PEER|7=1|16=0|10=*");
        Peer.SendPossDup("4", 1, $"36={gapFillTo}|123=Y|", Peer.Clock);
        Peer.ExpectOnlyProbeAnswer(seq: 6, ourSeq: 3);
    }

    [Test]
    public void Case_1B_d_a_Logon_answer_with_a_wrong_BeginString_is_answered_with_Logout_and_the_acceptors_Logout_closes()
    {
        Connect();
        Peer.Expect(OurLogon);
        // The initiator opened the session, so it says what is wrong (QuickFIX's initiator does the same).
        Peer.SendBytes(FixWire.Frame($"35=A|34=1|49=PEER|52={Peer.Now}|56=TRADEX|98=0|108=30|", beginString: "FIX.4.2"));
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|58=Incorrect BeginString|10=*");
        Peer.Send("5", 2);
        Peer.ExpectClosed();
        Assert.That(App.Logons, Is.Zero);
    }

    [Test]
    public void Case_1B_d_a_Logon_answer_with_SendingTime_outside_MaxLatency_is_closed_without_a_message()
    {
        Connect();
        Peer.Expect(OurLogon);
        Peer.SendFields($"35=A|34=1|49=PEER|52={FixWire.Timestamp(Clock.UtcNow.AddMinutes(-10))}|56=TRADEX|98=0|108=30|");
        Peer.ExpectClosed();
        Assert.That(App.Logons, Is.Zero);
    }

    [Test]
    public void Case_1B_d_a_Logon_answer_from_the_wrong_CompID_is_closed_without_a_message()
    {
        Connect();
        Peer.Expect(OurLogon);
        Peer.SendFields($"35=A|34=1|49=OTHER|52={Peer.Now}|56=TRADEX|98=0|108=30|");
        Peer.ExpectClosed();
        Assert.That(App.Logons, Is.Zero);
    }

    [Test]
    public void Case_1B_e_a_first_answer_that_is_not_a_Logon_is_closed_without_a_message()
    {
        Connect();
        Peer.Expect(OurLogon);
        Peer.Send("0", 1);
        Peer.ExpectClosed();
        Assert.That(App.Logons, Is.Zero);
    }

    [Test]
    public void Case_2c_a_Logon_answer_with_MsgSeqNum_too_low_is_answered_with_Logout_and_closed()
    {
        LogOn();
        Peer.Send("5", 2);
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|10=*");
        Peer.ExpectClosed();

        Connect();   // our initiator reconnects, continuing its numbers
        Peer.Expect("8=FIX.4.4|9=*|35=A|34=3|49=TRADEX|52=*|56=PEER|98=0|108=30|10=*");
        Peer.Send("A", 1, "98=0|108=30|");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=4|49=TRADEX|52=*|56=PEER|58=MsgSeqNum too low, expecting 3 but received 1|10=*");
        Peer.ExpectClosed();
    }
}
