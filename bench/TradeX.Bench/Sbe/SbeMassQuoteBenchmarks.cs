using BenchmarkDotNet.Attributes;
using TradeX.Protocol.OrderEntry;

namespace TradeX.Bench.Sbe;

/// <summary>Encode and decode of a 20-entry MassQuote (two-sided quotes over 20 instruments).</summary>
[MemoryDiagnoser]
public class SbeMassQuoteBenchmarks
{
    private const int Entries = 20;
    private readonly byte[] _encodeBuffer = new byte[2048];
    private readonly byte[] _decodeBuffer = new byte[2048];
    private int _length;
    private ulong _quoteId;

    [GlobalSetup]
    public void Setup()
    {
        _quoteId = 1;
        _length = Encode();
        _encodeBuffer.AsSpan(0, _length).CopyTo(_decodeBuffer);
    }

    [Benchmark]
    public int Encode()
    {
        var quote = MassQuoteEncoder.WrapAndApplyHeader(_encodeBuffer);
        quote.SeqNum = _quoteId;
        quote.QuoteId = _quoteId++;
        quote.TransactTime = 1_700_000_000_000_000_000UL;
        quote.Account = 42;
        var entries = quote.QuoteEntriesCount(Entries);
        for (int i = 0; i < Entries; i++)
        {
            entries.Next();
            entries.SecurityId = i + 1;
            entries.BidPx.SetMantissa(100_000_000 - i);
            entries.BidSize = 10;
            entries.OfferPx.SetMantissa(100_010_000 + i);
            entries.OfferSize = 10;
        }

        return quote.Finish();
    }

    [Benchmark]
    public long Decode()
    {
        var quote = MassQuoteDecoder.Wrap(_decodeBuffer.AsSpan(0, _length));
        long sum = (long)quote.SeqNum + (long)quote.QuoteId + (long)quote.TransactTime + quote.Account;
        foreach (var entry in quote.QuoteEntries())
        {
            sum += entry.SecurityId + entry.BidPx.Mantissa + entry.BidSize + entry.OfferPx.Mantissa + entry.OfferSize;
        }

        return sum;
    }
}
