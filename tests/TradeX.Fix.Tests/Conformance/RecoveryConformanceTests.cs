namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 8 ("Receive Resend Request"), 9 ("Synchronize sequence numbers"), 10 ("Receive
/// Sequence Reset (Gap Fill)"), 11 ("Receive Sequence Reset (Reset)") and 20 ("Simultaneous Resend request"), plus
/// the Logon ResetSeqNumFlag reset, in both roles. Our application messages (the echoes) are resent with their
/// numbers, PossDupFlag and OrigSendingTime; a run of admin messages becomes one SequenceReset-GapFill.
/// </summary>
[TestFixture(OurRole.Acceptor)]
[TestFixture(OurRole.Initiator)]
public sealed class RecoveryConformanceTests(OurRole role) : ConformanceFixture(role)
{
    [Test]
    public void Case_8_a_ResendRequest_over_admin_and_application_messages_resends_the_orders_and_gap_fills_the_rest()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        var echo2 = Peer.Expect(Echo(2, "A2"));
        Peer.Send("D", 3, Order("A3"));
        var echo3 = Peer.Expect(Echo(3, "A3"));
        Peer.Send("1", 4, "112=T4|");
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=4|49=TRADEX|52=*|56=PEER|112=T4|10=*");
        Peer.Send("D", 5, Order("A5"));
        var echo5 = Peer.Expect(Echo(5, "A5"));
        Advance(1);
        Peer.Send("2", 6, "7=1|16=0|");
        Peer.Expect(GapFill(1, 2));
        Peer.Expect(ResentEcho(2, "A2", echo2[52]!));
        Peer.Expect(ResentEcho(3, "A3", echo3[52]!));
        Peer.Expect(GapFill(4, 5));
        Peer.Expect(ResentEcho(5, "A5", echo5[52]!));
        Peer.ExpectOnlyProbeAnswer(seq: 7, ourSeq: 6);
    }

    [Test]
    public void Case_8_a_ResendRequest_over_admin_messages_only_is_one_GapFill()
    {
        LogOn();
        Peer.Send("2", 2, "7=1|16=0|");
        Peer.Expect(GapFill(1, 2));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 2);
    }

    [Test]
    public void Case_8_a_ResendRequest_over_application_messages_only_resends_them()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        var echo2 = Peer.Expect(Echo(2, "A2"));
        Peer.Send("D", 3, Order("A3"));
        var echo3 = Peer.Expect(Echo(3, "A3"));
        Advance(1);
        Peer.Send("2", 4, "7=2|16=3|");
        Peer.Expect(ResentEcho(2, "A2", echo2[52]!));
        Peer.Expect(ResentEcho(3, "A3", echo3[52]!));
        Peer.ExpectOnlyProbeAnswer(seq: 5, ourSeq: 4);
    }

    [Test]
    public void Case_8_a_ResendRequest_with_MsgSeqNum_too_low_is_served_all_the_same()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        var echo2 = Peer.Expect(Echo(2, "A2"));
        Peer.Send("2", 2, "7=2|16=0|");
        Peer.Expect(ResentEcho(2, "A2", echo2[52]!));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_9_our_SequenceReset_Reset_moves_the_peers_expected_number()
    {
        LogOn();
        Ours.Session.SendSequenceReset(10);
        Peer.Expect("8=FIX.4.4|9=*|35=4|34=2|49=TRADEX|52=*|56=PEER|36=10|123=N|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 10);
    }

    [Test]
    public void Case_10a_a_GapFill_above_the_expected_number_gets_a_ResendRequest_first()
    {
        LogOn();
        Peer.Send("4", 5, "36=10|123=Y|");
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=2|49=TRADEX|52=*|56=PEER|7=2|16=0|10=*");
        Peer.SendPossDup("4", 2, "36=5|123=Y|", Peer.Clock);
        Peer.ExpectOnlyProbeAnswer(seq: 10, ourSeq: 3);
    }

    [Test]
    public void Case_10b_a_GapFill_at_the_expected_number_moves_it_to_NewSeqNo()
    {
        LogOn();
        Peer.Send("4", 2, "36=10|123=Y|");
        Peer.ExpectOnlyProbeAnswer(seq: 10, ourSeq: 2);
    }

    [Test]
    public void Case_10c_a_GapFill_below_the_expected_number_with_PossDupFlag_is_ignored()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.SendPossDup("4", 2, "36=3|123=Y|", Peer.Clock);
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_10d_a_GapFill_below_the_expected_number_without_PossDupFlag_is_logged_out()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.Send("4", 2, "36=3|123=Y|");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|58=MsgSeqNum too low, expecting 3 but received 2|10=*");
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_10e_a_GapFill_whose_NewSeqNo_is_not_above_its_MsgSeqNum_is_rejected_and_not_counted()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.Send("D", 3, Order("A3"));
        Peer.Expect(Echo(3, "A3"));
        Peer.Send("4", 4, "36=2|123=Y|");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=4|49=TRADEX|52=*|56=PEER|45=4|58=Value is incorrect (out of range) for this tag|372=4|373=5|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 4, ourSeq: 5);
    }

    [Test]
    public void Case_11a_a_SequenceReset_Reset_above_the_expected_number_moves_it()
    {
        LogOn();
        Peer.Send("4", 2, "36=10|");
        Peer.ExpectOnlyProbeAnswer(seq: 10, ourSeq: 2);
    }

    [Test]
    public void Case_11a_a_SequenceReset_Reset_is_acted_on_whatever_its_MsgSeqNum()
    {
        LogOn();
        Peer.Send("4", 0, "36=10|123=N|");
        Peer.ExpectOnlyProbeAnswer(seq: 10, ourSeq: 2);
    }

    [Test]
    public void Case_11b_a_SequenceReset_Reset_to_the_expected_number_changes_nothing()
    {
        LogOn();
        Peer.Send("4", 2, "36=2|");
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 2);
    }

    [Test]
    public void Case_11c_a_SequenceReset_Reset_below_the_expected_number_is_rejected_and_the_session_continues()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.Send("D", 3, Order("A3"));
        Peer.Expect(Echo(3, "A3"));
        Peer.Send("4", 4, "36=2|");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=4|49=TRADEX|52=*|56=PEER|45=4|58=Value is incorrect (out of range) for this tag|372=4|373=5|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 4, ourSeq: 5);
    }

    [Test]
    public void Case_20_a_ResendRequest_crossing_ours_is_served_and_both_gaps_are_filled()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        var echo2 = Peer.Expect(Echo(2, "A2"));
        Peer.Send("D", 4, Order("A4"));                 // 3 is lost: we ask for it
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=3|49=TRADEX|52=*|56=PEER|7=3|16=0|10=*");
        Peer.Send("2", 5, "7=2|16=0|");                 // the peer asks too, before answering ours: served at once
        Peer.Expect(ResentEcho(2, "A2", echo2[52]!));
        Peer.Expect(GapFill(3, 4));
        Peer.SendPossDup("D", 3, Order("A3"), Peer.Clock);
        Peer.Expect(Echo(4, "A3"));
        Peer.Expect(Echo(5, "A4"));
        // The peer's ResendRequest (5) was served above our gap, not queued: its number is asked for with the next.
        Peer.Send("1", 6, "112=T20|");
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=6|49=TRADEX|52=*|56=PEER|7=5|16=0|10=*");
        Peer.SendPossDup("4", 5, "36=6|123=Y|", Peer.Clock);
        Peer.Expect("8=FIX.4.4|9=*|35=0|34=7|49=TRADEX|52=*|56=PEER|112=T20|10=*");
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2", "A3+PossDup", "A4" }));
    }

    [Test]
    public void Reset_a_Logon_with_ResetSeqNumFlag_on_a_logged_on_session_restarts_both_sides_at_1()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.Send("A", 1, "98=0|108=30|141=Y|");
        Peer.Expect("8=FIX.4.4|9=*|35=A|34=1|49=TRADEX|52=*|56=PEER|98=0|108=30|141=Y|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 2, ourSeq: 2);
    }

    [Test]
    public void Reset_a_Logon_without_ResetSeqNumFlag_on_a_logged_on_session_is_closed()
    {
        LogOn();
        Peer.Send("A", 2, "98=0|108=30|");
        Peer.ExpectClosed();
    }
}
