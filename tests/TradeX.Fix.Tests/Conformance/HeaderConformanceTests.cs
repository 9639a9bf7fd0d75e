namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 2 ("Receive Message Standard Header") and 3 ("Receive Message Standard
/// Trailer"), in both roles, after the Logons numbered 1. A garbled frame is ignored whole and uses no number:
/// the next good message shows the gap, which is asked for with a ResendRequest.
/// </summary>
[TestFixture(OurRole.Acceptor)]
[TestFixture(OurRole.Initiator)]
public sealed class HeaderConformanceTests(OurRole role) : ConformanceFixture(role)
{
    [Test]
    public void Case_2a_a_message_with_the_expected_MsgSeqNum_is_accepted()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2h_2j_2l_2p_2s_3a_BeginString_CompIDs_BodyLength_MsgType_first_three_fields_and_CheckSum_as_expected_are_accepted()
    {
        LogOn();
        string fields = $"35=D|34=2|49=PEER|52={Peer.Now}|56=TRADEX|{Order("A2")}";
        var frame = FixWire.Frame(fields);
        Assert.That(FixWire.Visible(frame), Does.StartWith($"8=FIX.4.4|9={FixWire.Bytes(fields).Length}|35=D|34=2|"));
        Peer.SendBytes(frame);
        Peer.Expect(Echo(2, "A2"));
    }

    [Test]
    public void Case_2b_MsgSeqNum_too_high_gets_a_ResendRequest_and_the_queued_message_is_processed_after_the_gap()
    {
        LogOn();
        Peer.Send("D", 5, Order("A5"));
        Peer.Expect("8=FIX.4.4|9=*|35=2|34=2|49=TRADEX|52=*|56=PEER|7=2|16=0|10=*");
        var first = Peer.Clock.AddSeconds(-1);
        Peer.SendPossDup("D", 2, Order("A2"), first);
        Peer.SendPossDup("D", 3, Order("A3"), first);
        Peer.SendPossDup("D", 4, Order("A4"), first);
        Peer.Expect(Echo(3, "A2"));
        Peer.Expect(Echo(4, "A3"));
        Peer.Expect(Echo(5, "A4"));
        Peer.Expect(Echo(6, "A5"));
        Peer.ExpectOnlyProbeAnswer(seq: 6, ourSeq: 7);
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2+PossDup", "A3+PossDup", "A4+PossDup", "A5" }));
    }

    [Test]
    public void Case_2c_MsgSeqNum_too_low_without_PossDupFlag_is_answered_with_Logout_and_closed()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.Send("D", 2, Order("AGAIN"));
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|58=MsgSeqNum too low, expecting 3 but received 2|10=*");
        Peer.ExpectClosed();
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2" }));
    }

    [Test]
    public void Case_2d_a_garbled_message_is_ignored_and_its_number_asked_for_again()
    {
        LogOn();
        GarbledIsIgnoredAndRecovered(Garbled.FieldWithoutEquals(Peer.Header("D", 2), Order("A2")));
    }

    [Test]
    public void Case_2e_PossDup_of_a_message_already_received_is_ignored()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.SendPossDup("D", 2, Order("A2"), Peer.Clock.AddSeconds(-1));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2" }));
    }

    [Test]
    public void Case_2e_PossDup_of_a_message_not_yet_received_is_processed()
    {
        LogOn();
        Peer.SendPossDup("D", 2, Order("A2"), Peer.Clock.AddSeconds(-1));
        Peer.Expect(Echo(2, "A2"));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2+PossDup" }));
    }

    [Test]
    public void Case_2f_PossDup_with_OrigSendingTime_after_SendingTime_is_rejected_then_logged_out()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.SendPossDup("D", 2, Order("A2"), Peer.Clock.AddMinutes(1));
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=3|49=TRADEX|52=*|56=PEER|45=2|58=SendingTime accuracy problem|372=D|373=10|10=*");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=4|49=TRADEX|52=*|56=PEER|10=*");
        Peer.Send("5", 3);
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_2f_at_the_expected_number_a_PossDup_is_processed_without_its_times_checked()
    {
        // The document checks OrigSendingTime on every PossDup; QuickFIX only on one below the expected
        // number (a duplicate to be ignored). We follow QuickFIX.
        LogOn();
        Peer.SendPossDup("D", 2, Order("A2"), Peer.Clock.AddMinutes(1));
        Peer.Expect(Echo(2, "A2"));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2g_PossDup_without_OrigSendingTime_is_rejected_and_the_session_continues()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.SendFields($"35=D|34=2|43=Y|49=PEER|52={Peer.Now}|56=TRADEX|{Order("A2")}");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=3|49=TRADEX|52=*|56=PEER|45=2|58=Required tag missing|371=122|372=D|373=1|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 4);
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2" }));
    }

    [Test]
    public void Case_2i_an_unexpected_BeginString_is_answered_with_Logout_and_the_peers_Logout_closes()
    {
        LogOn();
        Peer.SendBytes(FixWire.Frame(Peer.Header("D", 2) + Order("A2"), beginString: "FIX.4.2"));
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|58=Incorrect BeginString|10=*");
        Peer.Send("5", 3);
        Peer.ExpectClosed();
        Assert.That(App.AppMessages, Is.Empty);
    }

    [Test]
    public void Case_2i_an_unexpected_BeginString_is_answered_with_Logout_and_the_LogoutTimeout_closes()
    {
        LogOn();
        Peer.SendBytes(FixWire.Frame(Peer.Header("D", 2) + Order("A2"), beginString: "FIX.4.2"));
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=2|49=TRADEX|52=*|56=PEER|58=Incorrect BeginString|10=*");
        AdvancePastLogoutTimeout();
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_2k_a_wrong_SenderCompID_is_rejected_then_logged_out()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=OTHER|52={Peer.Now}|56=TRADEX|{Order("A2")}");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=CompID problem|372=D|373=9|10=*");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|10=*");
        Peer.Send("5", 3);
        Peer.ExpectClosed();
        Assert.That(App.AppMessages, Is.Empty);
    }

    [Test]
    public void Case_2k_a_wrong_TargetCompID_is_rejected_then_logged_out()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=PEER|52={Peer.Now}|56=OTHER|{Order("A2")}");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=CompID problem|372=D|373=9|10=*");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|10=*");
        AdvancePastLogoutTimeout();
        Peer.ExpectClosed();
    }

    [Test]
    public void Case_2k_a_missing_SenderCompID_is_rejected_as_required_and_the_session_continues()
    {
        // QuickFIX 1.15 answers an application message without SenderCompID with BusinessMessageReject 380=5
        // "Conditionally Required Field Missing (49)"; the test case document (14b) and we: Reject 373=1.
        LogOn();
        Peer.SendFields($"35=D|34=2|52={Peer.Now}|56=TRADEX|{Order("A2")}");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=Required tag missing|371=49|372=D|373=1|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2k_a_missing_SenderCompID_on_an_admin_message_is_rejected_as_required_and_the_session_continues()
    {
        LogOn();
        Peer.SendFields($"35=1|34=2|52={Peer.Now}|56=TRADEX|112=X|");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=Required tag missing|371=49|372=1|373=1|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2k_an_empty_TargetCompID_is_rejected_as_without_a_value_and_the_session_continues()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=PEER|52={Peer.Now}|56=|{Order("A2")}");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=Tag specified without a value|371=56|372=D|373=4|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2m_a_BodyLength_too_short_makes_the_message_garbled_and_ignored()
    {
        LogOn();
        GarbledIsIgnoredAndRecovered(Garbled.BodyLengthShort(Peer.Header("D", 2) + Order("A2")));
    }

    [Test]
    public void Case_2m_a_BodyLength_too_long_swallows_the_next_message_and_both_are_ignored()
    {
        LogOn();
        GarbledSwallowsTheNextAndIsRecovered(Garbled.BodyLengthLong(Peer.Header("D", 2) + Order("A2")));
    }

    [Test]
    public void Case_2n_a_SendingTime_within_MaxLatency_is_accepted()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=PEER|52={FixWire.Timestamp(Clock.UtcNow.AddSeconds(-100))}|56=TRADEX|{Order("A2")}");
        Peer.Expect(Echo(2, "A2"));
    }

    [Test]
    public void Case_2o_a_SendingTime_outside_MaxLatency_is_rejected_then_logged_out()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=PEER|52={FixWire.Timestamp(Clock.UtcNow.AddMinutes(-10))}|56=TRADEX|{Order("A2")}");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=SendingTime accuracy problem|372=D|373=10|10=*");
        Peer.Expect("8=FIX.4.4|9=*|35=5|34=3|49=TRADEX|52=*|56=PEER|10=*");
        Peer.Send("5", 3);
        Peer.ExpectClosed();
        Assert.That(App.AppMessages, Is.Empty);
    }

    [Test]
    public void Case_2q_an_invalid_MsgType_is_rejected_and_the_session_continues()
    {
        LogOn();
        Peer.Send("*", 2);
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=Invalid MsgType|372=*|373=11|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2r_a_valid_but_unsupported_application_message_gets_a_BusinessMessageReject()
    {
        LogOn();
        Peer.Send("8", 2, "6=0|14=0|17=E1|37=O1|39=0|54=1|55=IBM|150=0|151=100|");
        Peer.Expect("8=FIX.4.4|9=*|35=j|34=2|49=TRADEX|52=*|56=PEER|45=2|58=Unsupported Message Type|372=8|380=3|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_2t_MsgType_before_BodyLength_is_garbled_and_swallows_the_message_behind_it()
    {
        // BodyLength counts from the end of the BodyLength field wherever it stands (QuickFIX): with MsgType
        // before it the frame ends 5 bytes late, past its CheckSum, and takes in the next message.
        LogOn();
        GarbledSwallowsTheNextAndIsRecovered(Garbled.MsgTypeBeforeBodyLength(Peer.Header("D", 2) + Order("A2")));
    }

    [Test]
    public void Case_3b_an_invalid_CheckSum_is_garbled_and_ignored()
    {
        LogOn();
        GarbledIsIgnoredAndRecovered(Garbled.WrongCheckSum(Peer.Header("D", 2) + Order("A2")));
    }

    [Test]
    public void Case_3c_garbage_between_messages_is_ignored_and_uses_no_number()
    {
        LogOn();
        Peer.SendBytes(FixWire.Bytes("this is not FIX at all|"));
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_3c_a_CheckSum_that_is_not_a_number_is_garbled_and_ignored()
    {
        LogOn();
        GarbledIsIgnoredAndRecovered(Garbled.CheckSumNotANumber(Peer.Header("D", 2) + Order("A2")));
    }
}
