using BenchmarkDotNet.Attributes;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// One producer thread (the benchmark thread) to one consumer thread, per event. The ring's consumer
/// is a <see cref="BatchEventProcessor{T}"/> (through <see cref="StageGraph{T}"/>, as the pipeline builds
/// it) with each wait strategy; the baseline is a bounded System.Threading.Channels channel drained by a
/// dedicated thread (the same for every strategy: it has none). bench/ring-vs-java.sh runs the same
/// shapes beside LMAX's Java Disruptor.
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

    [Params("busy-spin", "yielding", "blocking")]
    public string Strategy { get; set; } = "yielding";

    // Each side's threads exist only while that side runs: on two cores an idle consumer of the other
    // side, polling and yielding, would take time from the one being measured.
    [GlobalSetup(Targets = [nameof(DisruptorBatched), nameof(DisruptorSingle)])]
    public void SetupRing()
    {
        _ring = RingBuffer<BenchEntry>.CreateSingleProducer(1 << 16, RingHarness.CreateStrategy(Strategy));
        _graph = new StageGraph<BenchEntry>(_ring, _ => { });
        _handler = new CountingBenchHandler();
        _graph.Add("bench-consumer", _handler);
        _graph.Start(TimeSpan.FromSeconds(30));
    }

    [GlobalCleanup(Targets = [nameof(DisruptorBatched), nameof(DisruptorSingle)])]
    public void CleanupRing() => _graph.Halt(TimeSpan.FromSeconds(30));

    [GlobalSetup(Target = nameof(Channels))]
    public void SetupChannel() => _channel = new ChannelDrainer(singleWriter: true);

    [GlobalCleanup(Target = nameof(Channels))]
    public void CleanupChannel() => _channel.Stop();

    [Benchmark(OperationsPerInvoke = Events, Description = "Disruptor 1P-1C, claim 64 at a time")]
    public void DisruptorBatched() => SpinUntil.AtLeast(ref _handler.Handled, RingThroughputRun.ProduceBatched(_ring, Events, Batch));

    [Benchmark(OperationsPerInvoke = Events, Description = "Disruptor 1P-1C, claim one at a time")]
    public void DisruptorSingle() => SpinUntil.AtLeast(ref _handler.Handled, RingThroughputRun.ProduceOneAtATime(_ring, Events));

    [Benchmark(OperationsPerInvoke = Events, Baseline = true, Description = "Channel<long> bounded 1P-1C")]
    public void Channels()
    {
        long target = _channel.Read + Events;
        _channel.WriteAll(Events);
        _channel.WaitUntilRead(target);
    }
}
