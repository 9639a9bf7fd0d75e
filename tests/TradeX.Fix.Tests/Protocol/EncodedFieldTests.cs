using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Validation;

namespace TradeX.Fix.Tests.Protocol;

/// <summary>Text that is not ASCII travels in length-delimited encoded fields, and comes back byte for byte.</summary>
public sealed class EncodedFieldTests
{
    // Shift_JIS for "東京" (0x93 0x8C 0x8B 0x9E) with an SOH, an '=' and a checksum lookalike in the middle: data
    // fields are delimited by their length, so any byte may be in them.
    private static readonly byte[] ShiftJisLike = [0x93, 0x8C, 0x01, (byte)'=', 0x8B, 0x9E, 0x01, (byte)'1', (byte)'0', (byte)'=', (byte)'1', 0x01];

    private static byte[] News(FixOutboundMessage news) =>
        new FixFrameBuilder("FIX.4.4").Build("B"u8, "CLIENT"u8, "EXCH"u8, 2, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            news.Body, extraHeader: news.HeaderFields).ToArray();

    private static FixOutboundMessage NewsWithText() =>
        new FixOutboundMessage().Reset("B").Add(148, "headline").Add(33, 1).Add(Tag.Text, "plain");

    [Test]
    public void UTF8_text_round_trips_through_EncodedText()
    {
        const string text = "東京証券取引所 — café";
        var news = NewsWithText().AddEncoded(354, 355, text, Encoding.UTF8);
        news.Header.Add(347, "UTF-8");
        var frame = News(news);

        var m = new FixMessage(SharedDictionary.Fix44.DataFields);
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.GetString(354), Is.EqualTo(Encoding.UTF8.GetByteCount(text).ToString()));
        Assert.That(Encoding.UTF8.GetString(m.GetValue(355)), Is.EqualTo(text));
        Assert.That(new MessageValidator(SharedDictionary.Fix44).Validate(m).IsValid, Is.True);
    }

    [Test]
    public void Encoded_bytes_with_SOH_inside_round_trip_with_the_dictionary_map_and_the_standard_one()
    {
        var frame = News(NewsWithText().AddEncoded(354, 355, ShiftJisLike));
        foreach (var map in new[] { SharedDictionary.Fix44.DataFields, DataFieldMap.Fix44 })
        {
            var m = new FixMessage(map);
            Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
            Assert.That(m.GetValue(355).ToArray(), Is.EqualTo(ShiftJisLike));
            Assert.That(m.TagAt(m.FieldCount - 1), Is.EqualTo(Tag.CheckSum));
        }
        Assert.That(FixFramer.Find(frame, 4096), Is.EqualTo(frame.Length), "the checksum lookalike inside does not cut the frame");
    }

    [Test]
    public void Raw_data_round_trips_through_RawData()
    {
        byte[] raw = [0, 1, 2, 0xFF, (byte)'=', 1];
        var logon = new FixOutboundMessage().Reset("A").Add(Tag.EncryptMethod, 0).Add(Tag.HeartBtInt, 30).AddData(Tag.RawDataLength, Tag.RawData, raw);
        var frame = new FixFrameBuilder("FIX.4.4").Build("A"u8, "CLIENT"u8, "EXCH"u8, 1, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), logon.Body);
        var m = new FixMessage(SharedDictionary.Fix44.DataFields);
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        Assert.That(m.GetString(Tag.RawDataLength), Is.EqualTo("6"));
        Assert.That(m.GetValue(Tag.RawData).ToArray(), Is.EqualTo(raw));
        Assert.That(new MessageValidator(SharedDictionary.Fix44).Validate(m).IsValid, Is.True);
    }

    [Test]
    public void A_non_ASCII_string_value_is_refused_and_the_refusal_names_the_way_to_send_it()
    {
        var m = new FixOutboundMessage().Reset("B");
        var e = Assert.Throws<ArgumentException>(() => m.Add(Tag.Text, "café"));
        Assert.That(e!.Message, Does.Contain("AddEncoded"));
        Assert.That(e.Message, Does.Contain("58"));
        Assert.Throws<ArgumentException>(() => m.Add(Tag.Text, "a\u0001b"), "SOH is no value of a string field");
        Assert.That(m.Body.IsEmpty, "nothing was written");
    }

    [Test]
    public void An_empty_encoded_value_is_a_zero_length_pair()
    {
        var news = NewsWithText().AddEncoded(354, 355, "", Encoding.UTF8);
        Assert.That(RawFrame.Text(news.Body), Does.EndWith("|354=0|355=|"));
    }
}
