using V1 = TradeX.Sbe.Tests.Evolution.V1;
using V2 = TradeX.Sbe.Tests.Evolution.V2;

namespace TradeX.Sbe.Tests.Codecs;

/// <summary>
/// Schema evolution both ways (SBE 1.0 §5) with Schemas/evolution-v1.xml (version 0) and
/// evolution-v2.xml (version 1, same schema id): a newer decoder reports what an older message
/// lacks as absent; an older decoder uses the wire blockLengths to skip what it does not know.
/// </summary>
[TestFixture]
public sealed class VersionEvolutionTests
{
    [Test]
    public void A_v2_decoder_reads_a_v1_order_with_the_new_fields_absent()
    {
        var buffer = new byte[256];
        var order = V1.OrderEncoder.WrapAndApplyHeader(buffer);
        order.OrderId = 77;
        order.Qty = 500;
        order.Side = V1.Side.Sell;
        var legs = order.LegsCount(2);
        legs.Next();
        legs.Px = 1_000_000;
        legs.Next();
        legs.Px = 2_000_000;
        order.SetNote("first");
        int length = order.Finish();

        var decoded = V2.OrderDecoder.Wrap(buffer.AsSpan(0, length));

        Assert.That(decoded.ActingVersion, Is.EqualTo(0));
        Assert.That(decoded.OrderId, Is.EqualTo(77UL));
        Assert.That(decoded.Qty, Is.EqualTo(500));
        Assert.That(decoded.Side, Is.EqualTo(V2.Side.Sell));
        Assert.That(decoded.VenueInActingVersion, Is.False);
        Assert.That(decoded.HasVenue, Is.False);
        Assert.That(decoded.Venue, Is.EqualTo(V2.OrderDecoder.VenueNullValue));
        var px = new List<long>();
        var ratiosPresent = new List<bool>();
        foreach (var leg in decoded.Legs())
        {
            px.Add(leg.Px);
            ratiosPresent.Add(leg.HasRatio || leg.RatioInActingVersion);
        }

        Assert.That(px, Is.EqualTo(new long[] { 1_000_000, 2_000_000 }));
        Assert.That(ratiosPresent, Is.EqualTo(new[] { false, false }));
        Assert.That(decoded.GetNoteString(), Is.EqualTo("first"));
        Assert.That(decoded.Memo().Length, Is.EqualTo(0), "var data added in version 1 is absent from a version 0 message");
        Assert.That(V2.OrderDecoder.TryValidate(buffer, 0, out int validated, out _), Is.True);
        Assert.That(validated, Is.EqualTo(length));
    }

    [Test]
    public void A_v1_decoder_reads_a_v2_order_skipping_what_it_does_not_know()
    {
        var buffer = new byte[256];
        var order = V2.OrderEncoder.WrapAndApplyHeader(buffer);
        order.OrderId = 78;
        order.Qty = 600;
        order.Side = V2.Side.SellShort;
        order.Venue = 9;
        var legs = order.LegsCount(2);
        legs.Next();
        legs.Px = 3;
        legs.Ratio = -1;
        legs.Next();
        legs.Px = 4;
        legs.Ratio = 2;
        order.SetNote("second");
        order.SetMemo("only v2 knows this");
        int length = order.Finish();

        var decoded = V1.OrderDecoder.Wrap(buffer.AsSpan(0, length));

        Assert.That(decoded.ActingVersion, Is.EqualTo(1));
        Assert.That(decoded.ActingBlockLength, Is.EqualTo(V2.OrderDecoder.SbeBlockLength));
        Assert.That(decoded.ActingBlockLength, Is.GreaterThan(V1.OrderDecoder.SbeBlockLength));
        Assert.That(decoded.OrderId, Is.EqualTo(78UL));
        Assert.That(decoded.Qty, Is.EqualTo(600));
        Assert.That(decoded.Side, Is.EqualTo(V1.Side.Unknown), "a value added after this decoder's version");
        Assert.That(decoded.SideRaw, Is.EqualTo((byte)3));
        var legDecoder = decoded.Legs();
        Assert.That(legDecoder.ActingBlockLength, Is.EqualTo(V2.OrderDecoder.LegsDecoder.SbeBlockLength));
        var px = new List<long>();
        while (legDecoder.MoveNext())
        {
            px.Add(legDecoder.Px);
        }

        Assert.That(px, Is.EqualTo(new long[] { 3, 4 }));
        Assert.That(decoded.GetNoteString(), Is.EqualTo("second"));
        Assert.That(V1.OrderDecoder.TryValidate(buffer, 0, out int validated, out _), Is.True);
        Assert.That(validated, Is.LessThan(length), "version 0 knows nothing after the note");
        Assert.That(decoded.ToString(), Is.EqualTo("Order{orderId=78, qty=600, side=Unknown(3), legs=[{px=3}, {px=4}], note=\"second\"}"));
    }

    [Test]
    public void A_v2_decoder_reads_a_v1_basket_without_the_added_group()
    {
        var buffer = new byte[128];
        var basket = V1.BasketEncoder.WrapAndApplyHeader(buffer);
        basket.BasketId = 5;
        var items = basket.ItemsCount(1);
        items.Next();
        items.Qty = 10;
        int length = basket.Finish();

        var decoded = V2.BasketDecoder.Wrap(buffer.AsSpan(0, length));

        Assert.That(decoded.BasketId, Is.EqualTo(5UL));
        Assert.That(decoded.Items().Count, Is.EqualTo(1));
        Assert.That(decoded.Extras().Count, Is.EqualTo(0), "a group added in version 1 is absent from a version 0 message");
        Assert.That(decoded.ToString(), Is.EqualTo("Basket{basketId=5, items=[{qty=10}]}"));
    }

    [Test]
    public void A_v1_decoder_reads_a_v2_basket_and_ignores_the_added_group()
    {
        var buffer = new byte[128];
        var basket = V2.BasketEncoder.WrapAndApplyHeader(buffer);
        basket.BasketId = 6;
        var items = basket.ItemsCount(2);
        items.Next();
        items.Qty = 11;
        items.Next();
        items.Qty = 12;
        var extras = basket.ExtrasCount(1);
        extras.Next();
        extras.Code = 99;
        int length = basket.Finish();

        var decoded = V1.BasketDecoder.Wrap(buffer.AsSpan(0, length));

        var quantities = new List<int>();
        foreach (var item in decoded.Items())
        {
            quantities.Add(item.Qty);
        }

        Assert.That(decoded.BasketId, Is.EqualTo(6UL));
        Assert.That(quantities, Is.EqualTo(new[] { 11, 12 }));
    }

    [Test]
    public void Transcoding_a_v1_message_with_the_v2_codecs_upgrades_it_and_v1_still_reads_the_result()
    {
        var buffer = new byte[256];
        var order = V1.OrderEncoder.WrapAndApplyHeader(buffer);
        order.OrderId = 79;
        order.Qty = 1;
        order.Side = V1.Side.Buy;
        var legs = order.LegsCount(1);
        legs.Next();
        legs.Px = 42;
        order.SetNote("upgrade me");
        int length = order.Finish();
        var upgraded = new byte[256];

        int upgradedLength = V2.V2Schema.Transcode(buffer.AsSpan(0, length), upgraded);

        var v2 = V2.OrderDecoder.Wrap(upgraded.AsSpan(0, upgradedLength));
        Assert.That(v2.ActingVersion, Is.EqualTo(1));
        Assert.That(v2.VenueInActingVersion, Is.True);
        Assert.That(v2.HasVenue, Is.False, "added optional fields are null after the upgrade");
        Assert.That(v2.ToString(), Is.EqualTo("Order{orderId=79, qty=1, side=Buy, venue=null, legs=[{px=42, ratio=null}], note=\"upgrade me\", memo=\"\"}"));
        var v1 = V1.OrderDecoder.Wrap(upgraded.AsSpan(0, upgradedLength));
        Assert.That(v1.ToString(), Is.EqualTo("Order{orderId=79, qty=1, side=Buy, legs=[{px=42}], note=\"upgrade me\"}"));
    }
}
