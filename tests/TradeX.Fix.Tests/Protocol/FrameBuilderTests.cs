using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Protocol;

/// <summary>The header layout QuickFIX writes, which a venue's conformance test compares field by field.</summary>
public sealed class FrameBuilderTests
{
    private static readonly DateTime Sent = new(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
    private static readonly DateTime FirstSent = new(2026, 3, 4, 5, 0, 0, 125, DateTimeKind.Utc);

    private static byte[] Build(string extraHeader, bool possDup = false, string body = "11=ID|55=IBM|", int precision = 3) =>
        new FixFrameBuilder("FIX.4.4", timestampPrecision: precision).Build("D"u8, "ISLD"u8, "TW"u8, 2, Sent, RawFixPeer.Soh(body),
            possDup, possDup ? FirstSent : default, RawFixPeer.Soh(extraHeader)).ToArray();

    [Test]
    public void A_resend_is_laid_out_as_QuickFIX_lays_it_out()
    {
        var frame = RawFrame.Text(Build("", possDup: true));
        Assert.That(frame, Does.Match(@"^8=FIX\.4\.4\|9=\d+\|35=D\|34=2\|43=Y\|49=ISLD\|52=20260304-05:06:07\.890\|56=TW\|122=20260304-05:00:00\.125\|11=ID\|55=IBM\|10=\d{3}\|$"));
    }

    [Test]
    public void Optional_header_fields_take_their_place_in_ascending_tag_order_whatever_order_they_come_in()
    {
        var frame = Build("369=1|128=DEST|97=Y|115=ON|129=DSUB|347=UTF-8|50=SSUB|", possDup: true);
        Assert.That(RawFrame.Tags(frame), Is.EqualTo(new[] { 8, 9, 35, 34, 43, 49, 50, 52, 56, 97, 115, 122, 128, 129, 347, 369, 11, 55, 10 }));
        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok), "BodyLength and CheckSum cover the merged header");
        Assert.That(m.GetString(128), Is.EqualTo("DEST"));
        Assert.That(m.BodyStart, Is.EqualTo(16));
    }

    [Test]
    public void Without_PossDup_the_header_is_34_49_52_56_and_the_extras_between()
    {
        Assert.That(RawFrame.Tags(Build("97=N|57=TSUB|")), Is.EqualTo(new[] { 8, 9, 35, 34, 49, 52, 56, 57, 97, 11, 55, 10 }));
        Assert.That(RawFrame.Tags(Build("")), Is.EqualTo(new[] { 8, 9, 35, 34, 49, 52, 56, 11, 55, 10 }));
    }

    [Test]
    public void Repeated_optional_header_tags_keep_their_given_order()
    {
        var text = RawFrame.Text(Build("115=SECOND|97=Y|115=THIRD|"));
        Assert.That(text, Does.Contain("|56=TW|97=Y|115=SECOND|115=THIRD|11=ID|"));
    }

    [Test]
    public void The_NoHops_group_stays_whole_at_the_place_of_its_count()
    {
        var text = RawFrame.Text(Build("627=2|628=HOP1|630=R1|628=HOP2|629=20260304-05:06:00|369=4|97=Y|"));
        Assert.That(text, Does.Contain("|56=TW|97=Y|369=4|627=2|628=HOP1|630=R1|628=HOP2|629=20260304-05:06:00|11=ID|"));
    }

    [Test]
    public void A_header_data_field_stays_behind_its_length_even_when_it_holds_SOH()
    {
        var header = new FixOutboundMessage().Reset("D");
        header.Header.Add(369, 9).AddData(Tag.XmlDataLen, Tag.XmlData, "<a>\u0001369=1\u0001</a>"u8).Add(97, "Y");
        var frame = new FixFrameBuilder("FIX.4.4").Build("D"u8, "ISLD"u8, "TW"u8, 2, Sent, RawFixPeer.Soh("11=ID|"), extraHeader: header.HeaderFields);
        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(RawFrame.Tags(frame), Is.EqualTo(new[] { 8, 9, 35, 34, 49, 52, 56, 97, 212, 213, 369, 11, 10 }));
        Assert.That(m.GetValue(Tag.XmlData).ToArray(), Is.EqualTo("<a>\u0001369=1\u0001</a>"u8.ToArray()));
    }

    [Test]
    public void Bytes_in_the_extra_header_that_are_not_fields_go_last_as_they_are()
    {
        var text = RawFrame.Text(Build("97=Y|garbage"));
        Assert.That(text, Does.Contain("|56=TW|97=Y|garbage11=ID|"));
    }

    [TestCase(0, "20260304-05:06:07", "20260304-05:00:00")]
    [TestCase(3, "20260304-05:06:07.890", "20260304-05:00:00.125")]
    [TestCase(6, "20260304-05:06:07.890123", "20260304-05:00:00.125000")]
    [TestCase(9, "20260304-05:06:07.890123400", "20260304-05:00:00.125000000")]
    public void SendingTime_and_OrigSendingTime_carry_the_configured_digits_of_the_second(int precision, string sending, string original)
    {
        var builder = new FixFrameBuilder("FIX.4.4", timestampPrecision: precision);
        var frame = builder.Build("D"u8, "ISLD"u8, "TW"u8, 2, Sent.AddTicks(1234), RawFixPeer.Soh("11=ID|"), possDup: true, origSendingTime: FirstSent);
        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.GetString(Tag.SendingTime), Is.EqualTo(sending));
        Assert.That(m.GetString(Tag.OrigSendingTime), Is.EqualTo(original));
        Assert.That(builder.TimestampPrecision, Is.EqualTo(precision));
        Assert.That(FixValues.TryParseUtcTimestamp(m.GetValue(Tag.SendingTime), out _), "our own parser reads every precision");
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(-3)]
    public void Timestamp_precisions_other_than_0_3_6_9_are_refused(int precision)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FixFrameBuilder("FIX.4.4", timestampPrecision: precision));
    }

    [Test]
    public void The_default_precision_is_milliseconds()
    {
        var frame = new FixFrameBuilder("FIX.4.4").Build("0"u8, "A"u8, "B"u8, 1, Sent, default);
        Assert.That(Encoding.ASCII.GetString(frame), Does.Contain("52=20260304-05:06:07.890\u0001"));
    }
}
