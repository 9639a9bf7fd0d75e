using TradeX.Fix.Protocol;
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
    [TestCase("ZZ", "11=A|", SessionRejectReason.InvalidMsgType, 35, TestName = "Unknown MsgType is reason 11")]
    [TestCase("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|43=Y|", SessionRejectReason.TagSpecifiedOutOfRequiredOrder, 43, TestName = "Header field after the body is reason 14")]
    [TestCase("8", "37=O|17=E|150=0|39=0|55=X|54=1|151=0|14=0|6=0|18=1 #|", SessionRejectReason.ValueIsIncorrect, 18, TestName = "One bad value in a multiple-value string is reason 5")]
    public void Invalid_message_gets_the_FIX44_reject_reason(string msgType, string body, SessionRejectReason reason, int refTag)
    {
        var r = Validate(msgType, body);
        Assert.That(r.IsValid, Is.False);
        Assert.That(r.Reason, Is.EqualTo(reason), r.ToString());
        Assert.That(r.RefTagId, Is.EqualTo(refTag), r.ToString());
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
