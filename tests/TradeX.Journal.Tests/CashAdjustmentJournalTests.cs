using TradeX.Core;

namespace TradeX.Journal.Tests;

/// <summary>The cash adjustment (schema version 3, template 22) in the journal: its documented bytes, and back.</summary>
[TestFixture]
public sealed class CashAdjustmentJournalTests
{
    [Test]
    public void A_withdrawal_is_journaled_as_template_22_of_version_3_and_reads_back_exactly()
    {
        var input = EngineInput.Of(new AdjustCash { Account = new AccountId(10), Amount = Money.Of(-20_000), Reference = Ascii16.Create("WIRE-7") });
        var buffer = new byte[64];
        int length = InputCodec.Encode(in input, buffer);

        Assert.That(length, Is.EqualTo(8 + 4 + 8 + 16), "header, account int32, amount int64 mantissa, reference char[16]");
        Assert.That(BitConverter.ToUInt16(buffer, 0), Is.EqualTo(28), "block length");
        Assert.That(BitConverter.ToUInt16(buffer, 2), Is.EqualTo(22), "template id = InputKind.AdjustCash");
        Assert.That(BitConverter.ToUInt16(buffer, 6), Is.EqualTo(3), "schema version 3 added it");
        Assert.That(BitConverter.ToInt32(buffer, 8), Is.EqualTo(10));
        Assert.That(BitConverter.ToInt64(buffer, 12), Is.EqualTo(-20_000 * FixedPoint.Scale));
        Assert.That(System.Text.Encoding.ASCII.GetString(buffer, 20, 6), Is.EqualTo("WIRE-7"));
        Assert.That(buffer[26], Is.Zero, "zero padded");

        var decoded = new EngineInput { Kind = InputKind.AdjustCash };
        Assert.That(InputCodec.TryDecode(InputKind.AdjustCash, buffer.AsSpan(0, length), ref decoded, out string? error), Is.True, error);
        Assert.That(Journals.Bytes(decoded), Is.EqualTo(Journals.Bytes(input)));
    }
}
