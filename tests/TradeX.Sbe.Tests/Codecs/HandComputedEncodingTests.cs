using System.Text;
using TradeX.Sbe.Runtime;
using TradeX.Sbe.Tests.EveryFeature;

namespace TradeX.Sbe.Tests.Codecs;

/// <summary>
/// Schemas/every-feature.xml encoded by hand from the SBE 1.0 specification, byte by byte, and
/// compared with what the generated encoder writes and the generated decoder reads.
/// </summary>
[TestFixture]
public sealed class HandComputedEncodingTests
{
    // Worked out from the specification, little-endian throughout:
    private static readonly byte[] Expected =
    {
        // §3.2 message header: blockLength 26 (the blockLength attribute), templateId 5, schemaId 900, version 0.
        0x1a, 0x00, 0x05, 0x00, 0x84, 0x03, 0x00, 0x00,
        // Root block, 26 bytes (§3.3.3: packed except where an offset or blockLength says otherwise).
        0x04, 0x03, 0x02, 0x01,             //  0 id uint32 = 0x01020304
        0x00, 0x00, 0x00, 0x80,             //  4 maybe: optional int32 null = INT32_MIN (§2.4.3)
                                            //    tag: constant 7, not on the wire (§2.2.5)
        0x47,                               //  8 color: char enum, 'G' (§2.12)
        0x09,                               //  9 flags: set bits 0 (Fast) and 3 (Safe) (§2.13)
        0x45, 0x55, 0x52,                   // 10 price.currency "EUR"
        0x39, 0x30, 0x00, 0x00,             // 13 price.mantissa int32 12345 (exponent -2 is constant)
        0x00, 0x00, 0x00,                   // 17 padding up to the explicit offset 20 (zeros)
        0x41, 0x42, 0x00, 0x00,             // 20 code char[4] "AB", NUL-padded (§2.7.2)
        0x00, 0x00,                         // 24 block padding to blockLength 26
        // §3.4 group legs: dimension blockLength 2, numInGroup 2.
        0x02, 0x00, 0x02, 0x00,
        0xfe, 0xff,                         //   legs[0].ratio int16 -2
        0x02, 0x00, 0x02, 0x00,             //   legs[0].fills: blockLength 2, 2 entries (depth-first, §3.4.5)
        0x05, 0x00, 0x06, 0x00,             //     qty 5, qty 6
        0x02, 0x00, 0x68, 0x69,             //   legs[0].note: length 2, "hi" (§2.7.3)
        0x03, 0x00,                         //   legs[1].ratio 3
        0x02, 0x00, 0x00, 0x00,             //   legs[1].fills: empty, but its dimension is still sent (§3.4.6)
        0x00, 0x00,                         //   legs[1].note: empty
        0x02, 0x00, 0x6f, 0x6b,             // memo: length 2, "ok"
    };

    [Test]
    public void The_encoder_writes_exactly_the_hand_computed_bytes()
    {
        var buffer = new byte[128];

        int length = Encode(buffer);

        Assert.That(buffer.AsSpan(0, length).ToArray(), Is.EqualTo(Expected));
    }

    [Test]
    public void The_decoder_reads_every_value_from_the_hand_computed_bytes()
    {
        var message = EverythingDecoder.Wrap(Expected);

        Assert.That(message.Id, Is.EqualTo(0x01020304u));
        Assert.That(message.HasMaybe, Is.False);
        Assert.That(message.Maybe, Is.EqualTo(int.MinValue));
        Assert.That(message.Tag, Is.EqualTo((byte)7));
        Assert.That(message.Color, Is.EqualTo(Color.Green));
        Assert.That(message.Flags, Is.EqualTo(Flags.Fast | Flags.Safe));
        Assert.That(message.Price.GetCurrencyString(), Is.EqualTo("EUR"));
        Assert.That(message.Price.Mantissa, Is.EqualTo(12345));
        Assert.That(message.Price.Exponent, Is.EqualTo((sbyte)-2));
        Assert.That(message.GetCodeString(), Is.EqualTo("AB"));
        var legs = message.Legs();
        Assert.That(legs.Count, Is.EqualTo(2));
        Assert.That(legs.MoveNext(), Is.True);
        Assert.That(legs.Ratio, Is.EqualTo((short)-2));
        var fills = legs.Fills();
        var quantities = new List<ushort>();
        while (fills.MoveNext())
        {
            quantities.Add(fills.Qty);
        }

        Assert.That(quantities, Is.EqualTo(new ushort[] { 5, 6 }));
        Assert.That(legs.GetNoteString(), Is.EqualTo("hi"));
        Assert.That(legs.MoveNext(), Is.True);
        Assert.That(legs.Ratio, Is.EqualTo((short)3));
        Assert.That(legs.Fills().Count, Is.EqualTo(0));
        Assert.That(legs.Note().Length, Is.EqualTo(0));
        Assert.That(legs.MoveNext(), Is.False);
        Assert.That(message.GetMemoString(), Is.EqualTo("ok"));
    }

    [Test]
    public void The_dump_shows_every_feature()
    {
        Assert.That(EverythingDecoder.Wrap(Expected).ToString(), Is.EqualTo(
            "Everything{id=16909060, maybe=null, tag=7, color=Green, flags={Fast, Safe}, price={currency=\"EUR\", mantissa=12345, exponent=-2}, " +
            "code=\"AB\", legs=[{ratio=-2, fills=[{qty=5}, {qty=6}], note=\"hi\"}, {ratio=3, fills=[], note=\"\"}], memo=\"ok\"}"));
    }

    [Test]
    public void Skipped_groups_and_var_data_are_written_empty_by_Finish()
    {
        var buffer = new byte[128];
        var message = EverythingEncoder.WrapAndApplyHeader(buffer);
        message.Id = 1;

        int length = message.Finish();

        // header 8 + block 26 + empty legs dimension 4 + empty memo length 2
        Assert.That(length, Is.EqualTo(8 + 26 + 4 + 2));
        var decoded = EverythingDecoder.Wrap(buffer.AsSpan(0, length));
        Assert.That(decoded.Legs().Count, Is.EqualTo(0));
        Assert.That(decoded.Memo().Length, Is.EqualTo(0));
        Assert.That(decoded.HasMaybe, Is.False, "an optional field not set is null, not zero");
        Assert.That(EverythingDecoder.TryValidate(buffer, 0, out int validated, out _), Is.True);
        Assert.That(validated, Is.EqualTo(length));
    }

    [Test]
    public void Writing_var_data_before_an_earlier_group_is_rejected_as_out_of_order()
    {
        var buffer = new byte[128];
        var message = EverythingEncoder.WrapAndApplyHeader(buffer);
        message.SetMemo("late");

        SbeEncodeException? error = null;
        try
        {
            message.LegsCount(1);
        }
        catch (SbeEncodeException e)
        {
            error = e;
        }

        Assert.That(error?.Error.Code, Is.EqualTo(SbeErrorCode.OutOfOrder));
        Assert.That(error!.Error.Element, Is.EqualTo("Everything.legs"));
    }

    [Test]
    public void Finishing_a_group_with_fewer_entries_than_declared_is_rejected()
    {
        var buffer = new byte[128];
        var message = EverythingEncoder.WrapAndApplyHeader(buffer);
        var legs = message.LegsCount(2);
        legs.Next();

        SbeEncodeException? error = null;
        try
        {
            message.Finish();
        }
        catch (SbeEncodeException e)
        {
            error = e;
        }

        Assert.That(error?.Error.Code, Is.EqualTo(SbeErrorCode.IncompleteGroup));
        Assert.That(error!.Error.Element, Is.EqualTo("Everything.legs"));
        Assert.That(error.Error.Value, Is.EqualTo(1));
    }

    [Test]
    public void Groups_and_var_data_can_be_read_in_any_order()
    {
        var message = EverythingDecoder.Wrap(Expected);

        Assert.That(message.GetMemoString(), Is.EqualTo("ok"), "var data after a group that was never iterated");
        var legs = message.Legs();
        legs.MoveNext();
        Assert.That(legs.GetNoteString(), Is.EqualTo("hi"), "entry var data before the entry's nested group");
        Assert.That(legs.Fills().Count, Is.EqualTo(2));
        Assert.That(message.GetMemoString(), Is.EqualTo("ok"), "after abandoning the group half way");
    }

    [Test]
    public void Reading_other_elements_in_the_middle_of_a_group_does_not_disturb_its_iteration()
    {
        var message = EverythingDecoder.Wrap(Expected);
        var legs = message.Legs();
        var seen = new List<string>();

        while (legs.MoveNext())
        {
            seen.Add(legs.GetNoteString());
            seen.Add(message.GetMemoString());
            var fills = legs.Fills();
            while (fills.MoveNext())
            {
                seen.Add(fills.Qty.ToString(System.Globalization.CultureInfo.InvariantCulture));
                seen.Add(legs.GetNoteString());
                seen.Add(message.GetMemoString());
            }

            seen.Add("ratio " + legs.Ratio.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.That(seen, Is.EqualTo(new[] { "hi", "ok", "5", "hi", "ok", "6", "hi", "ok", "ratio -2", string.Empty, "ok", "ratio 3" }));
        Assert.That(message.GetMemoString(), Is.EqualTo("ok"));
        Assert.That(message.Legs().Count, Is.EqualTo(2));
    }

    private static int Encode(Span<byte> buffer)
    {
        var message = EverythingEncoder.WrapAndApplyHeader(buffer);
        message.Id = 0x01020304;
        message.Color = Color.Green;
        message.Flags = Flags.Fast | Flags.Safe;
        message.Price.SetCurrency("EUR").SetMantissa(12345);
        message.SetCode("AB");
        var legs = message.LegsCount(2);
        legs.Next();
        legs.Ratio = -2;
        var fills = legs.FillsCount(2);
        fills.Next();
        fills.Qty = 5;
        fills.Next();
        fills.Qty = 6;
        legs.SetNote("hi");
        legs.Next();
        legs.Ratio = 3;
        legs.FillsCount(0);
        legs.SetNote(Encoding.UTF8.GetBytes(string.Empty));
        message.SetMemo("ok");
        return message.Finish();
    }
}
