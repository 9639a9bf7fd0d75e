using TradeX.Protocol.OrderEntry;
using TradeX.Sbe.Runtime;

namespace TradeX.Sbe.Tests.OrderEntry;

/// <summary>
/// The generated flyweights never allocate: 100,000 rounds of encoding and decoding the hot
/// order-entry messages (with groups and text var data) leave the thread's allocation counter
/// where it was.
/// </summary>
[TestFixture]
public sealed class ZeroAllocationTests
{
    private const int Rounds = 100_000;

    [Test]
    public void Encoding_and_decoding_100000_rounds_of_order_entry_messages_allocates_nothing()
    {
        var buffer = new byte[4096];
        long warm = RunRounds(buffer, 2_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        long checksum = RunRounds(buffer, Rounds);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, $"{allocated} bytes allocated over {Rounds} rounds");
        Assert.That(checksum, Is.Not.EqualTo(warm), "the rounds did real work");
    }

    private static long RunRounds(byte[] buffer, int rounds)
    {
        long checksum = 0;
        for (int i = 0; i < rounds; i++)
        {
            ulong id = (ulong)i;
            int length = OrderEntrySamples.NewOrderSingle(buffer, id, 100_000_000 + i);
            var order = NewOrderSingleDecoder.Wrap(buffer.AsSpan(0, length));
            checksum += order.Price.Mantissa + order.OrderQty + (long)order.ClOrdId + (int)order.Side + (int)order.TimeInForce;

            length = OrderEntrySamples.ExecutionReportTrade(buffer, id);
            var trade = ExecutionReportTradeDecoder.Wrap(buffer.AsSpan(0, length));
            checksum += trade.LastPx.Mantissa + trade.LastQty + (long)trade.ExecId + (int)trade.OrdStatus;

            length = OrderEntrySamples.MassQuote(buffer, id, 20);
            var quote = MassQuoteDecoder.Wrap(buffer.AsSpan(0, length));
            foreach (var entry in quote.QuoteEntries())
            {
                checksum += entry.BidPx.Mantissa + entry.OfferSize + entry.SecurityId;
            }

            length = OrderEntrySamples.MassQuoteAck(buffer, id, 5);
            var ack = MassQuoteAckDecoder.Wrap(buffer.AsSpan(0, length));
            foreach (var entry in ack.QuoteEntries())
            {
                checksum += entry.RejectReason + (int)entry.EntryStatus;
            }

            checksum += ack.Text().Length;
            checksum += OrderEntrySchema.TryValidate(buffer.AsSpan(0, length), out int validated, out SbeError _) ? validated : -1;
        }

        return checksum;
    }
}
