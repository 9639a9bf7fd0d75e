using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;
using TradeX.Sbe.Tests.OrderEntry;

namespace TradeX.Sbe.Tests.Codecs;

/// <summary>
/// Truncated and oversized input is answered with one error naming the element and the offset,
/// from the non-throwing and the throwing API alike.
/// </summary>
[TestFixture]
public sealed class BoundsTests
{
    [Test]
    public void Every_truncation_of_a_mass_quote_ack_is_reported_with_the_element_and_offset()
    {
        var buffer = new byte[512];
        int length = OrderEntrySamples.MassQuoteAck(buffer, 1, 3);

        for (int cut = 0; cut < length; cut++)
        {
            byte[] truncated = buffer[..cut];

            Assert.That(OrderEntrySchema.TryValidate(truncated, out _, out SbeError error), Is.False, $"cut at {cut}");
            Assert.That(error.Code, Is.EqualTo(SbeErrorCode.Truncated), $"cut at {cut}: {error}");
            Assert.That(error.Limit, Is.EqualTo(cut));
            Assert.That(error.Offset, Is.LessThanOrEqualTo(cut));
            Assert.That(error.Element, Is.EqualTo(ExpectedElement(cut)), $"cut at {cut}: {error}");
            var thrown = Assert.Throws<SbeDecodeException>(() => Transcode(truncated));
            Assert.That(thrown!.Error, Is.EqualTo(error));
        }
    }

    private static string ExpectedElement(int cut)
    {
        int header = 8;
        int block = header + MassQuoteAckDecoder.SbeBlockLength;
        int group = block + 4 + (3 * MassQuoteAckDecoder.QuoteEntriesDecoder.SbeBlockLength);
        return cut < header ? "messageHeader" : cut < block ? "MassQuoteAck" : cut < group ? "MassQuoteAck.quoteEntries" : "MassQuoteAck.text";
    }

    [Test]
    public void A_group_count_larger_than_the_buffer_is_reported_at_the_group_not_read_past_the_end()
    {
        var buffer = new byte[512];
        int length = OrderEntrySamples.MassQuote(buffer, 1, 3);
        int dimension = 8 + MassQuoteDecoder.SbeBlockLength;
        buffer[dimension + 2] = 20;

        Assert.That(MassQuoteDecoder.TryValidate(buffer.AsSpan(0, length), 0, out _, out SbeError error), Is.False);

        Assert.That(error.Code, Is.EqualTo(SbeErrorCode.Truncated));
        Assert.That(error.Element, Is.EqualTo("MassQuote.quoteEntries"));
        Assert.That(error.Offset, Is.EqualTo(dimension + 4));
        Assert.That(error.Value, Is.EqualTo(20 * MassQuoteDecoder.QuoteEntriesDecoder.SbeBlockLength));
        var quote = MassQuoteDecoder.Wrap(buffer.AsSpan(0, length));
        string message = "";
        try
        {
            quote.QuoteEntries();
        }
        catch (SbeDecodeException e)
        {
            message = e.Message;
        }

        Assert.That(message, Does.Contain("MassQuote.quoteEntries").And.Contain($"offset {dimension + 4}"));
    }

    [Test]
    public void A_var_data_length_above_the_schema_maximum_is_refused_before_reading()
    {
        var buffer = new byte[4096];
        var reject = BusinessMessageRejectEncoder.WrapAndApplyHeader(buffer);
        reject.SetText("ok");
        int length = reject.Finish();
        int lengthField = 8 + BusinessMessageRejectDecoder.SbeBlockLength;
        buffer[lengthField] = 0xff;
        buffer[lengthField + 1] = 0x0f;

        Assert.That(OrderEntrySchema.TryValidate(buffer, out _, out SbeError error), Is.False);

        Assert.That(error.Code, Is.EqualTo(SbeErrorCode.LengthOutOfRange));
        Assert.That(error.Element, Is.EqualTo("BusinessMessageReject.text"));
        Assert.That(error.Offset, Is.EqualTo(lengthField));
        Assert.That(error.Value, Is.EqualTo(0x0fff));
        Assert.That(error.Limit, Is.EqualTo(1024));
        Assert.That(length, Is.LessThan(buffer.Length));
    }

    [Test]
    public void A_block_length_too_short_for_the_version_is_refused()
    {
        var buffer = new byte[128];
        int length = OrderEntrySamples.NewOrderSingle(buffer, 1, 1);
        buffer[0] = 10;

        Assert.That(NewOrderSingleDecoder.TryWrap(buffer.AsSpan(0, length), 0, out _, out SbeError error), Is.False);

        Assert.That(error.Code, Is.EqualTo(SbeErrorCode.BlockLengthTooSmall));
        Assert.That(error.Element, Is.EqualTo("NewOrderSingle"));
        Assert.That(error.Value, Is.EqualTo(10));
        Assert.That(error.Limit, Is.EqualTo(NewOrderSingleDecoder.SbeBlockLength));
    }

    [Test]
    public void A_message_of_another_template_or_schema_is_refused_by_a_specific_decoder()
    {
        var buffer = new byte[128];
        int length = OrderEntrySamples.NewOrderSingle(buffer, 1, 1);

        Assert.That(ExecutionReportNewDecoder.TryWrap(buffer.AsSpan(0, length), 0, out _, out SbeError wrongTemplate), Is.False);
        buffer[4] = 99;
        Assert.That(NewOrderSingleDecoder.TryWrap(buffer.AsSpan(0, length), 0, out _, out SbeError wrongSchema), Is.False);

        Assert.That(wrongTemplate.Code, Is.EqualTo(SbeErrorCode.WrongTemplateId));
        Assert.That(wrongTemplate.Element, Is.EqualTo("ExecutionReportNew.messageHeader.templateId"));
        Assert.That(wrongSchema.Code, Is.EqualTo(SbeErrorCode.WrongSchemaId));
        Assert.That(wrongSchema.Offset, Is.EqualTo(4));
    }

    private static void Transcode(byte[] source) => OrderEntrySchema.Transcode(source, new byte[1024]);
}
