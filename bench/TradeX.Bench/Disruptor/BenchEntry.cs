namespace TradeX.Bench.Disruptor;

/// <summary>A small struct entry, about the size of a sequenced input header.</summary>
public struct BenchEntry
{
    public long Value;
    public long Stamp;
}
