using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>The consumer of the throughput benchmarks: sums the payload and publishes how far it got.</summary>
internal sealed class CountingBenchHandler : IEventHandler<BenchEntry>
{
    public long Handled = -1;
    public long Sum;

    public void OnEvent(ref BenchEntry data, long sequence, bool endOfBatch)
    {
        Sum += data.Value;
        if (endOfBatch)
        {
            Volatile.Write(ref Handled, sequence);
        }
    }
}
