using TradeX.Protocol.OrderEntry;

namespace TradeX.Sbe.Tests.OrderEntry;

/// <summary>Typical order-entry messages, written with the generated encoders as a gateway would.</summary>
internal static class OrderEntrySamples
{
    public static int NewOrderSingle(Span<byte> buffer, ulong clOrdId, long priceRaw)
    {
        var order = NewOrderSingleEncoder.WrapAndApplyHeader(buffer);
        order.SeqNum = clOrdId;
        order.ClOrdId = clOrdId;
        order.Price.SetMantissa(priceRaw);
        order.OrderQty = 100;
        order.TransactTime = 1_700_000_000_000_000_000UL + clOrdId;
        order.Account = 42;
        order.SecurityId = 7;
        order.Side = Side.Buy;
        order.OrdType = OrdType.Limit;
        order.TimeInForce = TimeInForce.Day;
        return order.Finish();
    }

    public static int ExecutionReportTrade(Span<byte> buffer, ulong execId)
    {
        var trade = ExecutionReportTradeEncoder.WrapAndApplyHeader(buffer);
        trade.SeqNum = execId;
        trade.OrderId = 9_000 + execId;
        trade.ClOrdId = execId;
        trade.ExecId = execId;
        trade.LastPx.SetMantissa(101_250_000);
        trade.LastQty = 10;
        trade.LeavesQty = 90;
        trade.CumQty = 10;
        trade.TransactTime = 1_700_000_000_000_000_000UL;
        trade.Account = 42;
        trade.SecurityId = 7;
        trade.Side = Side.Sell;
        trade.OrdStatus = OrdStatus.PartiallyFilled;
        trade.AggressorIndicator = BooleanFlag.True;
        return trade.Finish();
    }

    public static int MassQuote(Span<byte> buffer, ulong quoteId, int entries)
    {
        var quote = MassQuoteEncoder.WrapAndApplyHeader(buffer);
        quote.SeqNum = quoteId;
        quote.QuoteId = quoteId;
        quote.TransactTime = 1_700_000_000_000_000_000UL;
        quote.Account = 42;
        var group = quote.QuoteEntriesCount(entries);
        for (int i = 0; i < entries; i++)
        {
            group.Next();
            group.SecurityId = i + 1;
            group.BidPx.SetMantissa(100_000_000 - i);
            group.BidSize = 10 + i;
            group.OfferPx.SetMantissa(100_010_000 + i);
            group.OfferSize = 10 + i;
        }

        return quote.Finish();
    }

    public static int MassQuoteAck(Span<byte> buffer, ulong quoteId, int entries)
    {
        var ack = MassQuoteAckEncoder.WrapAndApplyHeader(buffer);
        ack.SeqNum = quoteId;
        ack.QuoteId = quoteId;
        ack.TransactTime = 1_700_000_000_000_000_000UL;
        ack.Account = 42;
        ack.QuoteStatus = QuoteStatus.Accepted;
        var group = ack.QuoteEntriesCount(entries);
        for (int i = 0; i < entries; i++)
        {
            group.Next();
            group.SecurityId = i + 1;
            group.EntryStatus = (i & 1) == 0 ? QuoteEntryStatus.Accepted : QuoteEntryStatus.Rejected;
            group.RejectReason = (ushort)((i & 1) * 12);
        }

        ack.SetText("partially accepted");
        return ack.Finish();
    }
}
