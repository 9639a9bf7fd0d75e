using BenchmarkDotNet.Attributes;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// Three producer threads to one consumer through a multi-producer ring (the input ring's shape),
/// per event, beside a bounded multi-writer channel. On a 2-core machine the five threads (3
/// producers, consumer, benchmark thread waiting) share two cores: this measures contention too.
/// </summary>
[MemoryDiagnoser]
public class RingThroughput3P1CBenchmarks
{
    private const int Producers = 3;
    private const int PerProducer = 1 << 18;
    private const int Batch = 16;
    private RingBuffer<BenchEntry> _ring = null!;
    private StageGraph<BenchEntry> _graph = null!;
    private CountingBenchHandler _handler = null!;
    private ChannelDrainer _channel = null!;
    private Thread[] _producers = null!;
    private long _round;
    private int _mode;
    private volatile bool _running;

    [GlobalSetup]
    public void Setup()
    {
        _ring = RingBuffer<BenchEntry>.CreateMultiProducer(1 << 16, new YieldingWaitStrategy());
        _graph = new StageGraph<BenchEntry>(_ring, _ => { });
        _handler = new CountingBenchHandler();
        _graph.Add("bench-consumer", _handler);
        _graph.Start(TimeSpan.FromSeconds(30));
        _channel = new ChannelDrainer(singleWriter: false);
        _running = true;
        _producers = [.. Enumerable.Range(0, Producers).Select(p => new Thread(ProducerLoop) { IsBackground = true, Name = $"producer-{p}" })];
        foreach (Thread t in _producers)
        {
            t.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _running = false;
        foreach (Thread t in _producers)
        {
            t.Join();
        }
        _channel.Stop();
        _graph.Halt(TimeSpan.FromSeconds(30));
    }

    [Benchmark(OperationsPerInvoke = Producers * PerProducer, Description = "Disruptor 3P-1C, claim 16 at a time")]
    public void DisruptorBatched() => RunRound(0);

    [Benchmark(OperationsPerInvoke = Producers * PerProducer, Description = "Disruptor 3P-1C, claim one at a time")]
    public void DisruptorSingle() => RunRound(1);

    [Benchmark(OperationsPerInvoke = Producers * PerProducer, Baseline = true, Description = "Channel<long> bounded 3P-1C")]
    public void Channels() => RunRound(2);

    private void RunRound(int mode)
    {
        long ringTarget = _ring.Cursor + (mode < 2 ? Producers * PerProducer : 0);
        long channelTarget = _channel.Read + (mode == 2 ? Producers * PerProducer : 0);
        _mode = mode;
        Interlocked.Increment(ref _round); // releases the producers for one round
        if (mode < 2)
        {
            SpinUntil.AtLeast(ref _handler.Handled, ringTarget);
        }
        else
        {
            _channel.WaitUntilRead(channelTarget);
        }
    }

    private void ProducerLoop()
    {
        long seen = 0;
        while (_running)
        {
            long round = Volatile.Read(ref _round);
            if (round == seen)
            {
                Thread.Yield();
                continue;
            }
            seen = round;
            switch (Volatile.Read(ref _mode))
            {
                case 0:
                    for (int i = 0; i < PerProducer; i += Batch)
                    {
                        long high = _ring.Claim(Batch);
                        for (long s = high - Batch + 1; s <= high; s++)
                        {
                            _ring[s].Value = s;
                        }
                        _ring.Publish(high - Batch + 1, high);
                    }
                    break;
                case 1:
                    for (int i = 0; i < PerProducer; i++)
                    {
                        long s = _ring.Claim();
                        _ring[s].Value = i;
                        _ring.Publish(s);
                    }
                    break;
                default:
                    _channel.WriteAll(PerProducer);
                    break;
            }
        }
    }
}
