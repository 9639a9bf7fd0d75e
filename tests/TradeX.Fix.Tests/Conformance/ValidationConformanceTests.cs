namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// FIX session-level test cases 14 ("Receive application or administrative message": the Reject reasons), 15
/// (header and body fields in another order), 18 (third-party addressing, reversed on a Reject), 19 (PossResend)
/// and QuickFIX's 21 (a repeating group of zero), in both roles. A Reject is laid out 45, 58, 371, 372, 373 and
/// counts the rejected message, so the session goes on at the next number.
/// </summary>
[TestFixture(OurRole.Acceptor)]
[TestFixture(OurRole.Initiator)]
public sealed class ValidationConformanceTests(OurRole role) : ConformanceFixture(role)
{
    private const string Start = "11=A2|21=1|38=100|40=1|";

    [TestCase("14a", Start + "54=1|55=IBM|60=" + TransactTime + "|999=X|", "45=2|58=Invalid tag number|371=999|372=D|373=0|",
        TestName = "Case_14a_a_tag_not_defined_in_the_specification_is_rejected_as_invalid_tag_number")]
    [TestCase("14a", Start + "54=1|55=IBM|60=" + TransactTime + "|-7=X|", "45=2|58=Invalid tag number|371=-7|372=D|373=0|",
        TestName = "Case_14a_a_negative_tag_is_rejected_as_invalid_tag_number")]
    [TestCase("14b", "21=1|38=100|40=1|54=1|55=IBM|60=" + TransactTime + "|", "45=2|58=Required tag missing|371=11|372=D|373=1|",
        TestName = "Case_14b_a_required_tag_missing_is_rejected")]
    [TestCase("14c", Start + "54=1|55=IBM|60=" + TransactTime + "|112=X|", "45=2|58=Tag not defined for this message type|371=112|372=D|373=2|",
        TestName = "Case_14c_a_tag_not_defined_for_the_message_type_is_rejected")]
    [TestCase("14d", "1=|" + Start + "54=1|55=IBM|60=" + TransactTime + "|", "45=2|58=Tag specified without a value|371=1|372=D|373=4|",
        TestName = "Case_14d_a_tag_without_a_value_is_rejected")]
    [TestCase("14e", Start + "54=Z|55=IBM|60=" + TransactTime + "|", "45=2|58=Value is incorrect (out of range) for this tag|371=54|372=D|373=5|",
        TestName = "Case_14e_a_value_outside_the_enumeration_is_rejected")]
    [TestCase("14f", "11=A2|21=1|38=abc|40=1|54=1|55=IBM|60=" + TransactTime + "|", "45=2|58=Incorrect data format for value|371=38|372=D|373=6|",
        TestName = "Case_14f_a_value_in_the_wrong_data_format_is_rejected")]
    [TestCase("14h", Start + "54=1|55=IBM|55=IBM|60=" + TransactTime + "|", "45=2|58=Tag appears more than once|371=55|372=D|373=13|",
        TestName = "Case_14h_a_tag_repeated_outside_a_group_is_rejected")]
    [TestCase("14i", Start + "54=1|55=IBM|60=" + TransactTime + "|453=2|448=P1|447=D|452=1|", "45=2|58=Incorrect NumInGroup count for repeating group|371=453|372=D|373=16|",
        TestName = "Case_14i_a_repeating_group_count_that_does_not_match_is_rejected")]
    [TestCase("14j", Start + "54=1|55=IBM|60=" + TransactTime + "|453=1|447=D|448=P1|452=1|", "45=2|58=Repeating group fields out of order|371=447|372=D|373=15|",
        TestName = "Case_14j_a_group_instance_not_opened_by_its_delimiter_is_rejected")]
    public void Case_14_invalid_messages_are_rejected_with_the_reason_and_the_session_continues(string scenario, string body, string reject)
    {
        LogOn();
        Peer.Send("D", 2, body);
        Peer.Expect($"8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|{reject}10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
        Assert.That(App.AppMessages, Is.Empty, scenario);
    }

    [Test]
    public void Case_14g_a_header_field_after_a_body_field_is_rejected_as_out_of_order()
    {
        LogOn();
        Peer.SendFields($"35=D|49=PEER|52={Peer.Now}|56=TRADEX|11=A2|21=1|34=2|38=100|40=1|54=1|55=IBM|60={TransactTime}|");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|45=2|58=Tag specified out of required order|371=34|372=D|373=14|10=*");
        Peer.ExpectOnlyProbeAnswer(seq: 3, ourSeq: 3);
    }

    [Test]
    public void Case_14k_a_SOH_inside_a_value_that_is_not_data_makes_the_message_garbled()
    {
        LogOn();
        // A field 'words' without '=': QuickFIX cannot tell it from any garbled frame, nor can we (no Reject 17).
        GarbledIsIgnoredAndRecovered(FixWire.Frame(Peer.Header("D", 2) + Order("A2") + "58=two|words|"));
    }

    [Test]
    public void Case_15_header_and_body_fields_in_other_orders_are_accepted()
    {
        LogOn();
        Peer.SendFields($"35=D|52={Peer.Now}|56=TRADEX|34=2|49=PEER|60={TransactTime}|55=IBM|54=1|40=1|38=100|21=1|11=A2|");
        Peer.Expect(Echo(2, "A2"));
        Peer.SendFields($"35=D|56=TRADEX|49=PEER|34=3|52={Peer.Now}|38=100|11=A3|55=IBM|21=1|60={TransactTime}|40=1|54=1|");
        Peer.Expect(Echo(3, "A3"));
        Peer.ExpectOnlyProbeAnswer(seq: 4, ourSeq: 4);
    }

    [Test]
    public void Case_18_a_Reject_reverses_the_third_party_routing_of_the_rejected_message()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=PEER|52={Peer.Now}|56=TRADEX|115=ORIGIN|116=OSUB|128=DEST|129=DSUB|144=OLOC|145=DLOC|{Start}54=Z|55=IBM|60={TransactTime}|");
        Peer.Expect("8=FIX.4.4|9=*|35=3|34=2|49=TRADEX|52=*|56=PEER|115=DEST|116=DSUB|128=ORIGIN|129=OSUB|144=DLOC|145=OLOC|" +
                    "45=2|58=Value is incorrect (out of range) for this tag|371=54|372=D|373=5|10=*");
    }

    [Test]
    public void Case_19a_a_PossResend_the_application_has_seen_is_delivered_and_dropped_by_it()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2"));
        Peer.Expect(Echo(2, "A2"));
        Peer.SendFields($"35=D|34=3|49=PEER|52={Peer.Now}|56=TRADEX|97=Y|{Order("A2")}");
        Peer.ExpectOnlyProbeAnswer(seq: 4, ourSeq: 3);
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2", "A2+PossResend" }));
    }

    [Test]
    public void Case_19b_a_PossResend_the_application_has_not_seen_is_processed()
    {
        LogOn();
        Peer.SendFields($"35=D|34=2|49=PEER|52={Peer.Now}|56=TRADEX|97=Y|{Order("A2")}");
        Peer.Expect(Echo(2, "A2"));
        Assert.That(App.Delivered(), Is.EqualTo(new[] { "A2+PossResend" }));
    }

    [Test]
    public void Case_21_a_repeating_group_with_a_count_of_zero_is_accepted()
    {
        LogOn();
        Peer.Send("D", 2, Order("A2") + "453=0|");
        Peer.Expect($"8=FIX.4.4|9=*|35=D|34=2|49=TRADEX|52=*|56=PEER|{Order("A2")}453=0|10=*");
    }
}
