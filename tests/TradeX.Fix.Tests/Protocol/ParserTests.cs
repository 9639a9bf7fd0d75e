using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Protocol;

public sealed class ParserTests
{
    private static byte[] Build(string msgType, string body, int seq = 7) =>
        new FixFrameBuilder("FIX.4.4").Build(Encoding.ASCII.GetBytes(msgType), "BUY"u8, "SELL"u8, seq,
            new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), RawFixPeer.Soh(body)).ToArray();

    [Test]
    public void Built_frame_has_exact_BodyLength_and_CheckSum_and_parses_back_field_by_field()
    {
        var frame = Build("D", "11=ORD1|55=IBM|54=1|38=100|40=2|44=12.5|");
        var text = Encoding.ASCII.GetString(frame).Replace('\u0001', '|');
        Assert.That(text, Does.StartWith("8=FIX.4.4|9="));
        int bodyStart = text.IndexOf("35=", StringComparison.Ordinal);
        int checksumAt = text.LastIndexOf("10=", StringComparison.Ordinal);
        Assert.That(text, Does.Contain($"|9={checksumAt - bodyStart}|"));
        int sum = frame.Take(checksumAt).Sum(b => b) % 256;
        Assert.That(text[(checksumAt + 3)..^1], Is.EqualTo(sum.ToString("D3")));

        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.MsgType.SequenceEqual("D"u8));
        Assert.That(m.MsgSeqNum, Is.EqualTo(7));
        Assert.That(m.GetString(Tag.ClOrdID), Is.EqualTo("ORD1"));
        Assert.That(m.TryGetDecimal(Tag.Price, 4, out long px) && px == 125000);
        Assert.That(m.TryGetUtcTimestamp(Tag.SendingTime, out var sent) && sent == new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc));
        Assert.That(m.TagAt(m.FieldCount - 1), Is.EqualTo(Tag.CheckSum));
    }

    [Test]
    public void Wrong_checksum_is_garbled()
    {
        var frame = Build("0", "");
        frame[^2] = (byte)(frame[^2] == '9' ? '0' : frame[^2] + 1);
        Assert.That(new FixMessage().Parse(frame), Is.EqualTo(FixParseStatus.BadCheckSum));
    }

    [Test]
    public void BodyLength_that_does_not_match_is_garbled()
    {
        var text = Encoding.ASCII.GetString(Build("0", "112=abc|")).Replace('\u0001', '|');
        var lying = text.Replace("|9=", "|9=1");
        Assert.That(new FixMessage().Parse(RawFixPeer.Soh(lying)), Is.EqualTo(FixParseStatus.BadBodyLength));
        var lying2 = Encoding.ASCII.GetString(Build("0", "112=abc|")).Replace('\u0001', '|');
        int at = lying2.IndexOf("|9=", StringComparison.Ordinal) + 3;
        lying2 = lying2[..at] + "5" + lying2[lying2.IndexOf('|', at)..];
        Assert.That(new FixMessage().Parse(RawFixPeer.Soh(lying2)), Is.Not.EqualTo(FixParseStatus.Ok));
    }

    [Test]
    public void MsgType_must_be_the_third_field()
    {
        var body = RawFixPeer.Soh("49=A|35=0|56=B|34=1|52=20260101-00:00:00|");
        var head = Encoding.ASCII.GetBytes($"8=FIX.4.4\u00019={body.Length}\u0001");
        var msg = head.Concat(body).ToArray();
        var frame = msg.Concat(Encoding.ASCII.GetBytes($"10={msg.Sum(b => b) % 256:D3}\u0001")).ToArray();
        Assert.That(new FixMessage().Parse(frame), Is.EqualTo(FixParseStatus.MsgTypeNotThird));
    }

    [Test]
    public void Data_field_may_contain_SOH_when_its_length_is_announced()
    {
        var frame = Build("B", "148=h|33=1|58=x|354=5|355=a|b|c|");
        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.GetValue(355).ToArray(), Is.EqualTo(RawFixPeer.Soh("a|b|c")));
    }

    [Test]
    public void Data_length_that_overruns_the_frame_is_garbled()
    {
        var frame = Build("B", "148=h|354=50|355=abc|");
        Assert.That(new FixMessage().Parse(frame), Is.EqualTo(FixParseStatus.BadDataLength));
    }

    [Test]
    public void Empty_value_parses_and_is_left_to_the_validator()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(Build("D", "11=|55=IBM|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.Has(Tag.ClOrdID) && m.GetValue(Tag.ClOrdID).IsEmpty);
    }

    [Test]
    public void Repeating_group_instances_are_found_in_wire_order()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(Build("D", "11=A|453=2|448=P1|447=D|452=1|448=P2|447=D|452=3|55=X|")), Is.EqualTo(FixParseStatus.Ok));
        int first = m.FindNext(448, 0);
        int second = m.FindNext(448, first + 1);
        Assert.That(Encoding.ASCII.GetString(m.ValueAt(first)), Is.EqualTo("P1"));
        Assert.That(Encoding.ASCII.GetString(m.ValueAt(second)), Is.EqualTo("P2"));
        Assert.That(m.FindNext(448, second + 1), Is.EqualTo(-1));
    }

    [Test]
    public void Reusing_one_message_for_many_parses_forgets_the_previous_fields()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(Build("D", "11=A|55=X|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.Parse(Build("0", "")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.Has(Tag.ClOrdID), Is.False);
        Assert.That(m.Has(Tag.Symbol), Is.False);
    }

    [Test]
    public void Large_user_defined_tags_are_found_by_scan()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(Build("D", "11=A|20001=custom|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.GetString(20001), Is.EqualTo("custom"));
    }

    [TestCase(0)]
    [TestCase(-3)]
    [TestCase(1)]
    public void Any_integer_MsgSeqNum_is_a_number_the_session_gets_to_judge(int seq)
    {
        var m = new FixMessage();
        Assert.That(m.Parse(Build("4", "36=5|", seq)), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.HasMsgSeqNum, Is.True);
        Assert.That(m.MsgSeqNum, Is.EqualTo(seq));
    }

    [Test]
    public void MsgSeqNum_that_is_not_a_number_is_no_MsgSeqNum()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(RawFrame.Wrap("35=0|34=x7|49=A|52=20260105-10:00:00|56=B|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.HasMsgSeqNum, Is.False);
        Assert.That(m.MsgSeqNum, Is.EqualTo(0));
        Assert.That(m.Parse(RawFrame.Wrap("35=0|49=A|52=20260105-10:00:00|56=B|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.HasMsgSeqNum, Is.False);
    }

    [TestCase("0=x|", 0)]
    [TestCase("-1=x|", -1)]
    [TestCase("-1234=x|", -1234)]
    public void Tag_zero_and_negative_tags_are_fields_left_to_the_validator(string field, int tag)
    {
        var m = new FixMessage();
        Assert.That(m.Parse(Build("D", "11=A|" + field)), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.TagAt(m.FieldCount - 2), Is.EqualTo(tag));
        Assert.That(m.GetString(tag), Is.EqualTo("x"));
    }

    [TestCase("a1=x|")]
    [TestCase("-=x|")]
    [TestCase("1-2=x|")]
    [TestCase("=x|")]
    public void Tag_that_is_not_a_number_is_garbled(string field)
    {
        Assert.That(new FixMessage().Parse(Build("D", "11=A|" + field)), Is.EqualTo(FixParseStatus.MalformedField));
    }

    [Test]
    public void With_ValidateLengthAndChecksum_off_wrong_BodyLength_and_CheckSum_values_are_accepted()
    {
        var body = "35=0|34=3|49=A|52=20260105-10:00:00|56=B|";
        var wrongSum = RawFrame.Wrap(body, checkSum: 7);
        var wrongLength = RawFrame.Wrap(body, bodyLength: 3);
        var strict = new FixMessage();
        Assert.That(strict.Parse(wrongSum), Is.EqualTo(FixParseStatus.BadCheckSum), "validated by default");
        Assert.That(strict.Parse(wrongLength), Is.EqualTo(FixParseStatus.BadBodyLength), "validated by default");

        var lenient = new FixMessage { ValidateLengthAndChecksum = false };
        Assert.That(lenient.Parse(wrongSum), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(lenient.MsgSeqNum, Is.EqualTo(3));
        Assert.That(lenient.Parse(wrongLength), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(lenient.GetString(Tag.SenderCompID), Is.EqualTo("A"));
        Assert.That(lenient.Parse(RawFixPeer.Soh("8=FIX.4.4|9=x|35=0|10=000|")), Is.EqualTo(FixParseStatus.BadBodyLength), "BodyLength must still be a number");
        Assert.That(lenient.Parse(RawFixPeer.Soh("8=FIX.4.4|9=5|35=0|34=1|")), Is.EqualTo(FixParseStatus.MissingCheckSum), "the frame must still end with CheckSum");
    }

    [Test]
    public void Framing_fields_with_leading_zeros_are_not_framing_fields()
    {
        // The framer finds frames by "8=", "9=" and "<SOH>10=": the parser agrees with it.
        var good = RawFrame.Text(RawFrame.Wrap("35=0|34=3|49=A|52=20260105-10:00:00|56=B|"));
        Assert.That(new FixMessage().Parse(RawFixPeer.Soh(good)), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(new FixMessage().Parse(RawFixPeer.Soh("0" + good)), Is.EqualTo(FixParseStatus.BadBeginString));
        Assert.That(new FixMessage().Parse(RawFixPeer.Soh(good.Replace("|9=", "|09="))), Is.EqualTo(FixParseStatus.BadBodyLength));
        Assert.That(new FixMessage().Parse(RawFixPeer.Soh(good.Replace("|10=", "|010="))), Is.Not.EqualTo(FixParseStatus.Ok));
        Assert.That(new FixMessage { ValidateLengthAndChecksum = false }.Parse(RawFixPeer.Soh(good.Replace("|10=", "|010="))), Is.EqualTo(FixParseStatus.MissingCheckSum));
    }

    [Test]
    public void A_CheckSum_field_before_the_end_is_a_field_out_of_place_not_the_end()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(RawFrame.Wrap("35=0|34=3|49=A|52=20260105-10:00:00|56=B|10=123|112=x|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.TagAt(m.FieldCount - 1), Is.EqualTo(Tag.CheckSum));
        Assert.That(m.GetString(112), Is.EqualTo("x"));
    }

    [Test]
    public void Header_body_and_trailer_sections_are_known_by_index()
    {
        var body = new FixOutboundMessage().Reset("D").Add(Tag.ClOrdID, "A").Add(Tag.Symbol, "IBM").AddData(Tag.SignatureLength, Tag.Signature, "sig"u8);
        body.Header.Add(115, "ON").Add(97, "Y");
        var frame = new FixFrameBuilder("FIX.4.4").Build("D"u8, "S"u8, "T"u8, 5, DateTime.UnixEpoch, body.Body, extraHeader: body.HeaderFields);
        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.TagAt(m.BodyStart), Is.EqualTo(Tag.ClOrdID));
        Assert.That(m.TagAt(m.TrailerStart), Is.EqualTo(Tag.SignatureLength));
        Assert.That(m.TrailerStart, Is.EqualTo(m.FieldCount - 3));
        for (int i = 0; i < m.FieldCount; i++)
        {
            Assert.That(m.IsHeaderIndex(i), Is.EqualTo(FixMessage.IsHeaderTag(m.TagAt(i))), $"index {i} tag {m.TagAt(i)}");
            Assert.That(m.IsTrailerIndex(i), Is.EqualTo(FixMessage.IsTrailerTag(m.TagAt(i))), $"index {i} tag {m.TagAt(i)}");
        }
    }

    [Test]
    public void A_header_tag_out_of_place_is_in_the_body_by_position()
    {
        var m = new FixMessage();
        Assert.That(m.Parse(RawFrame.Wrap("35=D|55=MSFT|34=3|49=A|52=20260105-10:00:00|56=B|11=ID|")), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.BodyStart, Is.EqualTo(3));
        Assert.That(m.IsHeaderIndex(m.IndexOf(Tag.MsgSeqNum)), Is.False);
        Assert.That(FixMessage.IsHeaderTag(Tag.MsgSeqNum), Is.True);
    }

    [Test]
    public void The_standard_header_and_trailer_tags_are_FIX44s()
    {
        int[] header = [8, 9, 35, 49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116, 144, 129, 145, 43, 97, 52, 122, 212, 213, 347, 369, 627, 628, 629, 630];
        var all = Enumerable.Range(-5, 6000);
        Assert.That(all.Where(FixMessage.IsHeaderTag), Is.EquivalentTo(header));
        Assert.That(all.Where(FixMessage.IsTrailerTag), Is.EquivalentTo(new[] { 93, 89, 10 }));
    }
}
