using BenchmarkDotNet.Attributes;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// One producer thread (the benchmark thread) to one consumer thread, per event. The ring's consumer
/// is a <see cref="BatchEventProcessor{T}"/> with the yielding wait strategy (2-core machines);
/// the baseline is a bounded System.Threading.Channels channel drained by a dedicated thread.
/// </summary>
[MemoryDiagnoser]
public class RingThroughput1P1CBenchmarks
{
    private const int Events = 1 << 20;
    private const int Batch = 64;
    private RingBuffer<BenchEntry> _ring = null!;
    private StageGraph<BenchEntry> _graph = null!;
    private CountingBenchHandler _handler = null!;
    private ChannelDrainer _channel = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<BenchEntry>.CreateSingleProducer(1 << 16, new YieldingWaitStrategy());
        _graph = new StageGraph<BenchEntry>(_ring, _ => { });
        _handler = new CountingBenchHandler();
        _graph.Add("bench-consumer", _handler);
        _graph.Start(TimeSpan.FromSeconds(30));
        _channel = new ChannelDrainer(singleWriter: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _graph.Halt(TimeSpan.FromSeconds(30));
        _channel.Stop();
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Disruptor 1P-1C, claim 64 at a time")]
    public void DisruptorBatched()
    {
        long last = 0;
        for (int i = 0; i < Events; i += Batch)
        {
            long high = _ring.Claim(Batch);
            long low = high - Batch + 1;
            for (long s = low; s <= high; s++)
            {
                _ring[s].Value = s;
            }
            _ring.Publish(low, high);
            last = high;
        }
        SpinUntil.AtLeast(ref _handler.Handled, last);
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Disruptor 1P-1C, claim one at a time")]
    public void DisruptorSingle()
    {
        long last = 0;
        for (int i = 0; i < Events; i++)
        {
            last = _ring.Claim();
            _ring[last].Value = i;
            _ring.Publish(last);
        }
        SpinUntil.AtLeast(ref _handler.Handled, last);
    }

    [Benchmark(OperationsPerInvoke = Events, Baseline = true, Description = "Channel<long> bounded 1P-1C")]
    public void Channels()
    {
        long target = _channel.Read + Events;
        _channel.WriteAll(Events);
        _channel.WaitUntilRead(target);
    }
}
