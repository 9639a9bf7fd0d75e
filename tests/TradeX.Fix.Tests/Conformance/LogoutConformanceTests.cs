namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 12 ("Initiate logout process") and 13 ("Receive Logout message"), in both roles:
/// our Logout waits for the peer's answer or the LogoutTimeout (1 s here); the peer's Logout is answered with a
/// plain Logout whatever its number, and the connection closes.
/// </summary>
[TestFixture(OurRole.Acceptor)]
[TestFixture(OurRole.Initiator)]
public sealed class LogoutConformanceTests(OurRole role) : ConformanceFixture(role)
{
    [Test]
    public void Case_12_our_Logout_unanswered_closes_after_the_LogoutTimeout()
    {
        LogOn();
        Ours.Session.Logout("end of day");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|58=end of day|10=*");
        AdvancePastLogoutTimeout();
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_12_an_order_that_crosses_our_Logout_is_still_delivered()
    {
        LogOn();
        Ours.Session.Logout("end of day");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|58=end of day|10=*");
        Peer.Send("D", 2, Order("A2"));
        Peer.Send("5", 3);
        Peer.ExpectClosed();
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2" }));
    }

    [Test]
    public void Case_13a_the_Logout_answering_ours_closes_without_another_message()
    {
        LogOn();
        Ours.Session.Logout("end of day");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|58=end of day|10=*");
        Peer.Send("5", 2);
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_13b_an_unsolicited_Logout_is_answered_with_a_Logout_and_closed()
    {
        LogOn();
        Peer.Send("5", 2, "58=going home|");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|10=*");
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_13b_an_unsolicited_Logout_with_MsgSeqNum_too_low_is_answered_all_the_same()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.Send("5", 2);
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|10=*");
        Peer.ExpectClosed();
    }
}
