using FsCheck;
using FsCheck.Fluent;
using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;

namespace TradeX.Sbe.Tests.OrderEntry;

/// <summary>The order-entry codecs through their typed API: what the gateway and its clients will call.</summary>
[TestFixture]
public sealed class OrderEntryCodecTests
{
    [Test]
    public void The_order_entry_header_is_8_bytes_of_blockLength_templateId_schemaId_version()
    {
        var buffer = new byte[128];
        OrderEntrySamples.NewOrderSingle(buffer, 1, 1);

        Assert.That(OrderEntrySchema.HeaderLength, Is.EqualTo(8));
        Assert.That(BitConverter.ToUInt16(buffer, 0), Is.EqualTo(NewOrderSingleDecoder.SbeBlockLength));
        Assert.That(BitConverter.ToUInt16(buffer, 2), Is.EqualTo(20));
        Assert.That(BitConverter.ToUInt16(buffer, 4), Is.EqualTo(OrderEntrySchema.Id));
        Assert.That(BitConverter.ToUInt16(buffer, 6), Is.EqualTo(OrderEntrySchema.Version));
    }

    [Test]
    public void Enum_codes_on_the_wire_equal_the_engine_codes()
    {
        Assert.That((int)Side.Buy, Is.EqualTo(1));
        Assert.That((int)Side.Sell, Is.EqualTo(2));
        Assert.That((int)OrdType.Market, Is.EqualTo(1));
        Assert.That((int)OrdType.Limit, Is.EqualTo(2));
        Assert.That((int)TimeInForce.Day, Is.EqualTo(0));
        Assert.That((int)TimeInForce.GoodTillCancel, Is.EqualTo(1));
        Assert.That((int)TimeInForce.ImmediateOrCancel, Is.EqualTo(3));
        Assert.That((int)TimeInForce.FillOrKill, Is.EqualTo(4));
        var buffer = new byte[128];
        var order = NewOrderSingleEncoder.WrapAndApplyHeader(buffer);
        order.Side = Side.Sell;
        order.OrdType = OrdType.Market;
        order.TimeInForce = TimeInForce.FillOrKill;
        int length = order.Finish();
        var decoded = NewOrderSingleDecoder.Wrap(buffer.AsSpan(0, length));
        Assert.That(decoded.SideRaw, Is.EqualTo((byte)2));
        Assert.That(decoded.OrdTypeRaw, Is.EqualTo((byte)1));
        Assert.That(decoded.TimeInForceRaw, Is.EqualTo((byte)4));
    }

    [Test]
    public void A_market_order_carries_a_null_price_that_is_INT64_MIN_with_exponent_minus_6()
    {
        var buffer = new byte[128];
        var order = NewOrderSingleEncoder.WrapAndApplyHeader(buffer);
        order.OrdType = OrdType.Market;
        int length = order.Finish();

        var decoded = NewOrderSingleDecoder.Wrap(buffer.AsSpan(0, length));

        Assert.That(decoded.Price.IsNull, Is.True, "an optional price not set is null");
        Assert.That(decoded.Price.Mantissa, Is.EqualTo(long.MinValue));
        Assert.That(decoded.Price.Exponent, Is.EqualTo((sbyte)-6));
        Assert.That(decoded.ToString(), Does.Contain("price={mantissa=null, exponent=-6}"));
    }

    [Test]
    public void NewOrderSingle_round_trips_any_values()
    {
        Gen<(ulong, long, long, uint, int, Side, TimeInForce)> values =
            from clOrdId in ArbMap.Default.GeneratorFor<ulong>()
            from price in ArbMap.Default.GeneratorFor<long>()
            from quantity in ArbMap.Default.GeneratorFor<long>()
            from account in ArbMap.Default.GeneratorFor<uint>()
            from security in ArbMap.Default.GeneratorFor<int>()
            from side in Gen.Elements(Side.Buy, Side.Sell)
            from tif in Gen.Elements(TimeInForce.Day, TimeInForce.GoodTillCancel, TimeInForce.ImmediateOrCancel, TimeInForce.FillOrKill)
            select (clOrdId, price, quantity, account, security, side, tif);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true), Prop.ForAll(values.ToArbitrary(), v =>
        {
            var buffer = new byte[NewOrderSingleEncoder.SbeHeaderLength + NewOrderSingleEncoder.SbeBlockLength];
            var order = NewOrderSingleEncoder.WrapAndApplyHeader(buffer);
            order.ClOrdId = v.Item1;
            order.Price.SetMantissa(v.Item2);
            order.OrderQty = v.Item3;
            order.Account = v.Item4;
            order.SecurityId = v.Item5;
            order.Side = v.Item6;
            order.TimeInForce = v.Item7;
            int length = order.Finish();

            var decoded = NewOrderSingleDecoder.Wrap(buffer.AsSpan(0, length));
            return length == buffer.Length && decoded.ClOrdId == v.Item1 && decoded.Price.Mantissa == v.Item2 &&
                decoded.OrderQty == v.Item3 && decoded.Account == v.Item4 && decoded.SecurityId == v.Item5 &&
                decoded.Side == v.Item6 && decoded.TimeInForce == v.Item7;
        }));
    }

    [Test]
    public void A_20_entry_mass_quote_round_trips_and_zero_sizes_survive_as_pulls()
    {
        var buffer = new byte[4096];
        int length = OrderEntrySamples.MassQuote(buffer, 77, 20);
        var encoder = MassQuoteEncoder.WrapAndApplyHeader(buffer.AsSpan(length, 256));
        var group = encoder.QuoteEntriesCount(1);
        group.Next();
        group.SecurityId = 5;
        group.BidSize = 0;
        group.OfferPx.SetMantissa(1);
        group.OfferSize = 3;
        int pullLength = encoder.Finish();

        var quote = MassQuoteDecoder.Wrap(buffer.AsSpan(0, length));
        var securities = new List<int>();
        foreach (var entry in quote.QuoteEntries())
        {
            securities.Add(entry.SecurityId);
            Assert.That(entry.BidPx.Mantissa, Is.EqualTo(100_000_000 - entry.Index));
            Assert.That(entry.OfferSize, Is.EqualTo(10 + entry.Index));
        }

        Assert.That(securities, Is.EqualTo(Enumerable.Range(1, 20)));
        Assert.That(length, Is.EqualTo(8 + MassQuoteDecoder.SbeBlockLength + 4 + (20 * MassQuoteDecoder.QuoteEntriesDecoder.SbeBlockLength)));
        var pull = MassQuoteDecoder.Wrap(buffer.AsSpan(length, pullLength)).QuoteEntries();
        Assert.That(pull.MoveNext(), Is.True);
        Assert.That(pull.BidSize, Is.Zero);
        Assert.That(pull.BidPx.IsNull, Is.True, "a pulled side's price stays null when not set");
    }

    [Test]
    public void Reject_text_is_written_and_read_as_UTF8_var_data()
    {
        var buffer = new byte[256];
        var reject = BusinessMessageRejectEncoder.WrapAndApplyHeader(buffer);
        reject.RefSeqNum = 12;
        reject.RefTemplateId = NewOrderSingleDecoder.SbeTemplateId;
        reject.ReasonCode = 3;
        reject.SetText("price outside the band — rejected");
        int length = reject.Finish();

        var decoded = BusinessMessageRejectDecoder.Wrap(buffer.AsSpan(0, length));

        Assert.That(decoded.RefSeqNum, Is.EqualTo(12UL));
        Assert.That(decoded.RefTemplateId, Is.EqualTo((ushort)20));
        Assert.That(decoded.HasRefId, Is.False);
        Assert.That(decoded.GetTextString(), Is.EqualTo("price outside the band — rejected"));
    }

    [Test]
    public void Text_longer_than_the_schema_maximum_is_refused_by_the_encoder()
    {
        var buffer = new byte[4096];

        var error = Assert.Throws<SbeEncodeException>(() => Encode(buffer, new string('x', 1025)));

        Assert.That(error!.Error.Code, Is.EqualTo(SbeErrorCode.ValueOutOfRange));
        Assert.That(error.Error.Element, Is.EqualTo("BusinessMessageReject.text"));
        Assert.That(error.Error.Limit, Is.EqualTo(1024));
    }

    [Test]
    public void An_encoder_never_writes_past_a_buffer_that_is_too_small()
    {
        var buffer = new byte[NewOrderSingleEncoder.SbeHeaderLength + NewOrderSingleEncoder.SbeBlockLength + 8];

        var error = Assert.Throws<SbeEncodeException>(() => NewOrderSingleEncoder.WrapAndApplyHeader(buffer.AsSpan(0, buffer.Length - 9)));

        Assert.That(error!.Error.Code, Is.EqualTo(SbeErrorCode.BufferTooSmall));
        Assert.That(buffer, Is.All.EqualTo((byte)0), "nothing was written");
    }

    private static void Encode(byte[] buffer, string text)
    {
        var reject = BusinessMessageRejectEncoder.WrapAndApplyHeader(buffer);
        reject.SetText(text);
    }
}
