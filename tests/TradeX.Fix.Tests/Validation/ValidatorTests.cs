using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Protocol;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Tests.Validation;

public sealed class ValidatorTests
{
    private static ValidationResult Validate(string msgType, string body, ValidationOptions? options = null)
    {
        var m = new FixMessage(SharedDictionary.Fix44.DataFields);
        Assert.That(m.Parse(Messages.Frame(msgType, body)), Is.EqualTo(FixParseStatus.Ok));
        return new MessageValidator(SharedDictionary.Fix44, options).Validate(m);
    }

    [Test]
    public void Standard_messages_are_valid()
    {
        Assert.That(Validate("D", Messages.NewOrderSingleBody).IsValid, Validate("D", Messages.NewOrderSingleBody).ToString());
        Assert.That(Validate("8", Messages.ExecutionReportBody).IsValid, Validate("8", Messages.ExecutionReportBody).ToString());
        Assert.That(Validate("D", "11=A|453=2|448=P1|447=D|452=1|448=P2|447=D|452=3|55=X|54=1|60=20260105-10:00:00|40=1|").IsValid);
        Assert.That(Validate("B", "148=h|33=1|58=x|354=5|355=a|b|c|").IsValid);
    }

    [TestCase("D", "1=ACC|55=IBM|54=1|60=20260105-10:00:00|38=100|40=2|", SessionRejectReason.RequiredTagMissing, 11, TestName = "Missing ClOrdID is reason 1")]
    [TestCase("D", "11=A|55=IBM|54=Z|60=20260105-10:00:00|38=100|40=2|", SessionRejectReason.ValueIsIncorrect, 54, TestName = "Side Z is reason 5")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=lots|40=2|", SessionRejectReason.IncorrectDataFormatForValue, 38, TestName = "OrderQty not a number is reason 6")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260145-10:00:00|38=1|40=2|", SessionRejectReason.IncorrectDataFormatForValue, 60, TestName = "Impossible TransactTime is reason 6")]
    [TestCase("D", "11=|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|", SessionRejectReason.TagSpecifiedWithoutAValue, 11, TestName = "Empty ClOrdID is reason 4")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|9999=x|", SessionRejectReason.InvalidTagNumber, 9999, TestName = "Unknown tag is reason 0")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|150=F|", SessionRejectReason.TagNotDefinedForThisMessageType, 150, TestName = "ExecType in an order is reason 2")]
    [TestCase("D", "11=A|55=IBM|54=1|54=2|60=20260105-10:00:00|38=1|40=2|", SessionRejectReason.TagAppearsMoreThanOnce, 54, TestName = "Side twice is reason 13")]
    [TestCase("D", "11=A|453=3|448=P1|447=D|452=1|448=P2|55=X|54=1|60=20260105-10:00:00|40=1|", SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, 453, TestName = "NoPartyIDs 3 with 2 instances is reason 16")]
    [TestCase("D", "11=A|453=1|447=D|448=P1|55=X|54=1|60=20260105-10:00:00|40=1|", SessionRejectReason.RepeatingGroupFieldsOutOfOrder, 447, TestName = "Group instance not opened by its delimiter is reason 15")]
    [TestCase("D", "11=A|453=1|448=P1|452=x|55=X|54=1|60=20260105-10:00:00|40=1|", SessionRejectReason.IncorrectDataFormatForValue, 452, TestName = "Bad value inside a group is reason 6")]
    [TestCase("ZZ", "11=A|", SessionRejectReason.InvalidMsgType, 0, TestName = "Unknown MsgType is reason 11 naming no tag")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|43=Y|", SessionRejectReason.TagSpecifiedOutOfRequiredOrder, 43, TestName = "Header field after the body is reason 14")]
    [TestCase("8", "37=O|17=E|150=0|39=0|55=X|54=1|151=0|14=0|6=0|18=1 #|", SessionRejectReason.ValueIsIncorrect, 18, TestName = "One bad value in a multiple-value string is reason 5")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|0=x|", SessionRejectReason.InvalidTagNumber, 0, TestName = "Tag 0 is reason 0 on tag 0")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|-1=x|", SessionRejectReason.InvalidTagNumber, -1, TestName = "A negative tag is reason 0 on that tag")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|9999=|", SessionRejectReason.TagSpecifiedWithoutAValue, 9999, TestName = "An unknown tag without a value is reason 4 first")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|31=abc|", SessionRejectReason.IncorrectDataFormatForValue, 31, TestName = "A bad format is reason 6 before the tag is found foreign to the message")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|453=-1|", SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, 453, TestName = "A negative NumInGroup is a count that does not match, reason 16")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|93=3|89=abc|58=late|", SessionRejectReason.TagSpecifiedOutOfRequiredOrder, 58, TestName = "A body field after the trailer's is reason 14 on the body field")]
    public void Invalid_message_gets_the_FIX44_reject_reason(string msgType, string body, SessionRejectReason reason, int refTag)
    {
        var r = Validate(msgType, body);
        Assert.That(r.IsValid, Is.False);
        Assert.That(r.Reason, Is.EqualTo(reason), r.ToString());
        Assert.That(r.RefTagId, Is.EqualTo(refTag), r.ToString());
        Assert.That(r.HasRefTag, Is.EqualTo(reason != SessionRejectReason.InvalidMsgType), r.ToString());
    }

    private static ValidationResult ValidateRaw(string fieldsFrom35, ValidationOptions? options = null)
    {
        var m = new FixMessage(SharedDictionary.Fix44.DataFields);
        Assert.That(m.Parse(RawFrame.Wrap(fieldsFrom35)), Is.EqualTo(FixParseStatus.Ok));
        return new MessageValidator(SharedDictionary.Fix44, options).Validate(m);
    }

    private const string Header = "34=3|49=TW|52=20260105-10:00:00|56=ISLD|";

    private static void AssertReject(ValidationResult r, SessionRejectReason reason, int refTag)
    {
        Assert.That(r.IsValid, Is.False, "rejected");
        Assert.That((r.Reason, r.RefTagId), Is.EqualTo((reason, refTag)), r.ToString());
    }

    [Test]
    public void A_header_field_after_a_body_field_is_out_of_order_on_that_header_field()
    {
        // QuickFIX's acceptance test 14g.
        AssertReject(ValidateRaw("35=D|55=MSFT|34=3|49=TW|52=20260105-10:00:00|56=ISLD|11=ID|21=1|40=1|54=1|60=20260105-10:00:00|"),
            SessionRejectReason.TagSpecifiedOutOfRequiredOrder, Tag.MsgSeqNum);
    }

    [Test]
    public void A_CheckSum_before_the_end_is_out_of_order_on_the_field_after_it()
    {
        AssertReject(ValidateRaw("35=0|" + Header + "10=000|112=x|"), SessionRejectReason.TagSpecifiedOutOfRequiredOrder, 112);
    }

    [Test]
    public void The_structure_is_checked_before_the_MsgType()
    {
        AssertReject(ValidateRaw("35=ZZ|55=MSFT|34=3|49=TW|52=20260105-10:00:00|56=ISLD|"), SessionRejectReason.TagSpecifiedOutOfRequiredOrder, Tag.MsgSeqNum);
        AssertReject(ValidateRaw("35=ZZ|55=MSFT|34=3|49=TW|52=20260105-10:00:00|56=ISLD|", new ValidationOptions { FieldsOutOfOrder = false }),
            SessionRejectReason.InvalidMsgType, 0);
    }

    [Test]
    public void The_MsgType_is_checked_before_required_fields()
    {
        var r = ValidateRaw("35=ZZ|34=3|49=TW|56=ISLD|");
        AssertReject(r, SessionRejectReason.InvalidMsgType, 0);
        Assert.That(r.HasRefTag, Is.False, "an invalid MsgType names no tag");
    }

    [Test]
    public void Required_fields_are_checked_before_the_values_of_fields()
    {
        AssertReject(ValidateRaw("35=D|" + Header + "54=Z|55=IBM|60=20260105-10:00:00|40=1|"), SessionRejectReason.RequiredTagMissing, Tag.ClOrdID);
        AssertReject(ValidateRaw("35=D|" + Header + "11=A|55=IBM|60=20260105-10:00:00|40=1|9999=x|"), SessionRejectReason.RequiredTagMissing, Tag.Side);
    }

    [Test]
    public void Of_several_required_fields_missing_the_lowest_tag_is_named()
    {
        // NewOrderSingle lists TransactTime(60) before OrdType(40); QuickFIX keeps required tags in tag order.
        AssertReject(ValidateRaw("35=D|" + Header + "11=A|55=IBM|54=1|"), SessionRejectReason.RequiredTagMissing, Tag.OrdType);
    }

    [Test]
    public void Header_required_fields_come_before_the_body_ones()
    {
        AssertReject(ValidateRaw("35=D|34=3|49=TW|56=ISLD|55=IBM|54=1|60=20260105-10:00:00|40=1|"), SessionRejectReason.RequiredTagMissing, Tag.SendingTime);
        AssertReject(ValidateRaw("35=D|49=TW|52=20260105-10:00:00|56=ISLD|55=IBM|54=1|40=1|"), SessionRejectReason.RequiredTagMissing, Tag.MsgSeqNum);
    }

    [Test]
    public void Required_fields_of_a_group_instance_come_after_those_of_the_body()
    {
        // TradeCaptureReport: each NoSides(552) instance needs OrderID(37) besides its delimiter Side(54).
        const string body = "571=T1|570=N|55=X|32=1|31=1|60=20260105-10:00:00|552=1|54=1|";
        AssertReject(ValidateRaw("35=AE|" + Header + body), SessionRejectReason.RequiredTagMissing, 75);
        AssertReject(ValidateRaw("35=AE|" + Header + "75=20260105|" + body), SessionRejectReason.RequiredTagMissing, Tag.OrderID);
        Assert.That(ValidateRaw("35=AE|" + Header + "75=20260105|" + body + "37=O1|").IsValid, Is.True);
    }

    [Test]
    public void A_group_instance_not_opened_by_its_delimiter_is_a_structure_problem_before_required_fields()
    {
        AssertReject(ValidateRaw("35=V|" + Header + "262=R1|263=0|267=1|269=0|146=1|48=X|"), SessionRejectReason.RepeatingGroupFieldsOutOfOrder, 48);
    }

    [Test]
    public void A_group_with_a_count_of_zero_and_no_instances_is_valid()
    {
        // QuickFIX's acceptance test 21.
        Assert.That(Validate("D", "11=A|453=0|55=X|54=1|60=20260105-10:00:00|40=1|").IsValid, Is.True);
    }

    [TestCase("0")]
    [TestCase("-4")]
    public void MsgSeqNum_zero_or_negative_passes_the_validator_for_the_session_to_judge(string seq)
    {
        Assert.That(ValidateRaw("35=4|34=" + seq + "|49=TW|52=20260105-10:00:00|56=ISLD|123=N|36=5|").IsValid, Is.True);
    }

    [Test]
    public void An_empty_header_value_is_a_tag_without_a_value()
    {
        AssertReject(ValidateRaw("35=0|34=3|49=TW|52=20260105-10:00:00|56=|"), SessionRejectReason.TagSpecifiedWithoutAValue, Tag.TargetCompID);
    }

    [Test]
    public void The_first_field_problem_in_wire_order_is_named()
    {
        AssertReject(ValidateRaw("35=D|" + Header + "11=A|55=IBM|54=Z|60=20260105-10:00:00|38=lots|40=1|"), SessionRejectReason.ValueIsIncorrect, Tag.Side);
    }

    [TestCase(SessionRejectReason.InvalidTagNumber, 0, true)]
    [TestCase(SessionRejectReason.InvalidTagNumber, 9999, true)]
    [TestCase(SessionRejectReason.RequiredTagMissing, 11, true)]
    [TestCase(SessionRejectReason.Other, 0, false)]
    [TestCase(SessionRejectReason.CompIdProblem, 49, false)]
    [TestCase(SessionRejectReason.SendingTimeAccuracyProblem, 52, false)]
    [TestCase(SessionRejectReason.InvalidMsgType, 35, false)]
    public void A_Reject_names_its_RefTagID_when_a_tag_is_at_fault(SessionRejectReason reason, int refTag, bool named)
    {
        var r = ValidationResult.Reject(reason, refTag);
        Assert.That(r.HasRefTag, Is.EqualTo(named));
        Assert.That(r.ToString(), named ? Does.Contain($"(tag {refTag})") : Does.Not.Contain("(tag"));
        Assert.That(ValidationResult.Valid.HasRefTag, Is.False);
    }

    [TestCase(SessionRejectReason.InvalidTagNumber, "Invalid tag number")]
    [TestCase(SessionRejectReason.RequiredTagMissing, "Required tag missing")]
    [TestCase(SessionRejectReason.TagNotDefinedForThisMessageType, "Tag not defined for this message type")]
    [TestCase(SessionRejectReason.UndefinedTag, "Undefined Tag")]
    [TestCase(SessionRejectReason.TagSpecifiedWithoutAValue, "Tag specified without a value")]
    [TestCase(SessionRejectReason.ValueIsIncorrect, "Value is incorrect (out of range) for this tag")]
    [TestCase(SessionRejectReason.IncorrectDataFormatForValue, "Incorrect data format for value")]
    [TestCase(SessionRejectReason.DecryptionProblem, "Decryption problem")]
    [TestCase(SessionRejectReason.SignatureProblem, "Signature problem")]
    [TestCase(SessionRejectReason.CompIdProblem, "CompID problem")]
    [TestCase(SessionRejectReason.SendingTimeAccuracyProblem, "SendingTime accuracy problem")]
    [TestCase(SessionRejectReason.InvalidMsgType, "Invalid MsgType")]
    [TestCase(SessionRejectReason.TagAppearsMoreThanOnce, "Tag appears more than once")]
    [TestCase(SessionRejectReason.TagSpecifiedOutOfRequiredOrder, "Tag specified out of required order")]
    [TestCase(SessionRejectReason.RepeatingGroupFieldsOutOfOrder, "Repeating group fields out of order")]
    [TestCase(SessionRejectReason.IncorrectNumInGroupCountForRepeatingGroup, "Incorrect NumInGroup count for repeating group")]
    [TestCase(SessionRejectReason.NonDataValueIncludesFieldDelimiter, "Non Data value includes field delimiter (SOH character)")]
    [TestCase(SessionRejectReason.Other, "Other")]
    public void Reject_texts_are_QuickFIXs(SessionRejectReason reason, string text)
    {
        Assert.That(SessionRejectReasonText.Of(reason), Is.EqualTo(text));
        Assert.That(ValidationResult.Reject(reason, 1).Text, Is.EqualTo(text));
    }

    [Test]
    public void Options_relax_what_QuickFIX_users_can_relax()
    {
        Assert.That(Validate("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|9999=x|", new ValidationOptions { UserDefinedFields = false }).IsValid);
        Assert.That(Validate("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|43=Y|", new ValidationOptions { FieldsOutOfOrder = false }).IsValid);
        Assert.That(Validate("D", "11=A|58=|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|", new ValidationOptions { FieldsHaveValues = false }).IsValid);
        Assert.That(Validate("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|150=F|", new ValidationOptions { AllowUnknownMessageFields = true }).IsValid);
    }

    [Test]
    public void Dictionary_expands_components_and_knows_groups()
    {
        var d = SharedDictionary.Fix44;
        Assert.That(d.BeginString, Is.EqualTo("FIX.4.4"));
        var nos = d.Message("D")!;
        Assert.That(nos.Body.RequiredTags, Is.SupersetOf(new[] { 11, 54, 60, 40 }));
        Assert.That(nos.Body.Contains(55), "Symbol comes from the Instrument component");
        Assert.That(nos.Body.GroupFor(453)!.DelimiterTag, Is.EqualTo(448));
        Assert.That(d.Header.RequiredTags, Is.SupersetOf(new[] { 8, 9, 35, 49, 56, 34, 52 }));
        Assert.That(d.DataFields.DataTagFor(354), Is.EqualTo(355));
    }
}
