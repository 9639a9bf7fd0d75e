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
}
