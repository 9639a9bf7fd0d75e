namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 4 ("Send Heartbeat"), 5 ("Receive Heartbeat"), 6 ("Send Test Request") and 7
/// ("Receive Reject"), in both roles, HeartBtInt 30 s on the manual clock: a Heartbeat after 30 s of our silence,
/// a TestRequest 112=TEST after 36 s (1.2 x HeartBtInt) of the peer's, no Heartbeat while it is unanswered, and
/// the link declared dead at 72 s (2.4 x HeartBtInt).
/// </summary>
[TestFixture(OurRole.Acceptor)]
[TestFixture(OurRole.Initiator)]
public sealed class HeartbeatConformanceTests(OurRole role) : ConformanceFixture(role)
{
    [Test]
    public void Case_4a_no_data_sent_for_HeartBtInt_sends_a_Heartbeat()
    {
        LogOn();
        Advance(30);
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=2|49=TRADEX|52=*|56=PEER|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 3);
    }

    [Test]
    public void Case_4b_a_TestRequest_is_answered_with_a_Heartbeat_carrying_its_TestReqID()
    {
        LogOn();
        Peer.Send("1", 2, "112=T-4b|");
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=2|49=TRADEX|52=*|56=PEER|112=T-4b|10=*");
    }

    [Test]
    public void Case_5_a_Heartbeat_is_accepted_without_an_answer()
    {
        LogOn();
        Peer.Send("0", 2);
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 2);
    }

    [Test]
    public void Case_6_a_silent_peer_gets_a_TestRequest_and_its_Heartbeat_keeps_the_session_up()
    {
        LogOn();
        Advance(30);
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=2|49=TRADEX|52=*|56=PEER|10=*");
        Advance(6.5);
        Peer.Expect("8=FIX.4.4|9=*|35=1|34=3|49=TRADEX|52=*|56=PEER|112=TEST|10=*");
        Peer.Send("0", 2, "112=TEST|");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 4);
    }

    [Test]
    public void Case_6_an_unanswered_TestRequest_is_followed_by_nothing_but_the_disconnect()
    {
        LogOn();
        Advance(30);
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=2|49=TRADEX|52=*|56=PEER|10=*");
        Advance(6.5);
        Peer.Expect("8=FIX.4.4|9=*|35=1|34=3|49=TRADEX|52=*|56=PEER|112=TEST|10=*");
        Advance(30.5);          // 30.5 s since our TestRequest: a Heartbeat would be due, but it is unanswered
        Ours.Session.OnTimer(); // a tick at this time, whatever the engine's timer did meanwhile
        Advance(6);             // 73 s of silence: the link is dead
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_7_a_Reject_from_the_peer_is_counted_and_the_session_continues()
    {
        LogOn();
        Peer.Send("3", 2, "45=1|58=Value is incorrect (out of range) for this tag|371=108|372=A|373=5|");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 2);
    }
}
