using TradeX.Core;

namespace TradeX.Journal.Tests;

/// <summary>
/// Journal schema version 4 appends the instrument a cancel or replace request named (the engine echoes it in a
/// CancelRejected): older records still decode, with no instrument; new ones carry it.
/// </summary>
public sealed class CancelInstrumentJournalTests
{
    [Test]
    public void A_version_2_cancel_written_before_the_instrument_field_existed_reads_with_no_instrument()
    {
        // Header (blockLength 32, template 5, schema 2, version 2), then origClientOrderId, clientOrderId, orderId, account, session.
        byte[] v2 = [32, 0, 5, 0, 2, 0, 2, 0, 11, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 7, 0, 0, 0];
        var decoded = default(EngineInput);

        Assert.That(InputCodec.TryDecode(InputKind.CancelOrder, v2, ref decoded, out string? error), Is.True, error);

        Assert.That((decoded.CancelOrder.OrigClientOrderId.Value, decoded.CancelOrder.ClientOrderId.Value), Is.EqualTo((11UL, 12UL)));
        Assert.That((decoded.CancelOrder.Account.Value, decoded.CancelOrder.Session), Is.EqualTo((10, 7)));
        Assert.That(decoded.CancelOrder.Instrument.Value, Is.Zero);
    }

    [Test]
    public void Cancels_and_replaces_are_written_as_version_4_with_the_instrument_appended()
    {
        var cancel = EngineInput.Of(new CancelOrder { Account = new AccountId(10), ClientOrderId = new ClientOrderId(12), Instrument = new InstrumentId(9) });
        var replace = EngineInput.Of(new ReplaceOrder { Account = new AccountId(10), ClientOrderId = new ClientOrderId(13), Quantity = Quantity.Of(5), Instrument = new InstrumentId(9) });
        var buffer = new byte[128];

        int cancelLength = InputCodec.Encode(in cancel, buffer);
        Assert.That(cancelLength, Is.EqualTo(8 + 36), "the 4-byte instrument follows the version-2 block");
        Assert.That(BitConverter.ToUInt16(buffer, 6), Is.EqualTo(4));
        Assert.That(BitConverter.ToInt32(buffer, 8 + 32), Is.EqualTo(9));

        int replaceLength = InputCodec.Encode(in replace, buffer);
        Assert.That(replaceLength, Is.EqualTo(8 + 52));
        Assert.That(BitConverter.ToUInt16(buffer, 6), Is.EqualTo(4));
        Assert.That(BitConverter.ToInt32(buffer, 8 + 48), Is.EqualTo(9));
    }
}
