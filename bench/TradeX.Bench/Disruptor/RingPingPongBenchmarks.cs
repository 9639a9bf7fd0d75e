using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using TradeX.Disruptor;

namespace TradeX.Bench.Disruptor;

/// <summary>
/// Round-trip latency between two threads: the benchmark thread publishes a ping and waits on the pong
/// ring's barrier, an echo stage answers on the pong ring; both sides wait with the strategy under test.
/// The time per operation is one full round trip (two hand-offs). Baseline: the same with two channels,
/// polled (100 spins, then yield). The distribution is bimodal: for its percentiles run
/// <c>TradeX.Bench.dll ring-harness --only pingpong</c>, which records every round trip in an HDR histogram.
/// </summary>
[MemoryDiagnoser]
public class RingPingPongBenchmarks
{
    private const int RoundTrips = 20_000;
    private RingBuffer<BenchEntry> _ping = null!;
    private RingBuffer<BenchEntry> _pong = null!;
    private SequenceBarrier _pongBarrier = null!;
    private readonly Sequence _pongRead = new();
    private StageGraph<BenchEntry> _echo = null!;
    private Channel<long> _channelPing = null!;
    private Channel<long> _channelPong = null!;
    private Thread _channelEcho = null!;
    private volatile bool _running;

    [Params("busy-spin", "yielding", "blocking")]
    public string Strategy { get; set; } = "yielding";

    private sealed class Echo(RingBuffer<BenchEntry> pong) : IEventHandler<BenchEntry>
    {
        public void OnEvent(ref BenchEntry data, long sequence, bool endOfBatch)
        {
            long s = pong.Claim();
            pong[s].Value = data.Value;
            pong.Publish(s);
        }
    }

    // Each side's echo thread exists only while that side runs: on two cores the other side's idle
    // echo, polling and yielding, would take time from the one being measured.
    [GlobalSetup(Target = nameof(DisruptorRing))]
    public void SetupRing()
    {
        _ping = RingBuffer<BenchEntry>.CreateSingleProducer(1024, RingHarness.CreateStrategy(Strategy));
        _pong = RingBuffer<BenchEntry>.CreateSingleProducer(1024, RingHarness.CreateStrategy(Strategy));
        _pong.AddGatingSequences(_pongRead);
        _pongBarrier = _pong.NewBarrier();
        _echo = new StageGraph<BenchEntry>(_ping, _ => { });
        _echo.Add("echo", new Echo(_pong));
        _echo.Start(TimeSpan.FromSeconds(30));
    }

    [GlobalCleanup(Target = nameof(DisruptorRing))]
    public void CleanupRing() => _echo.Halt(TimeSpan.FromSeconds(30));

    [GlobalSetup(Target = nameof(Channels))]
    public void SetupChannel()
    {
        var options = new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true };
        _channelPing = System.Threading.Channels.Channel.CreateBounded<long>(options);
        _channelPong = System.Threading.Channels.Channel.CreateBounded<long>(options);
        _running = true;
        _channelEcho = new Thread(ChannelEcho) { IsBackground = true, Name = "channel-echo" };
        _channelEcho.Start();
    }

    [GlobalCleanup(Target = nameof(Channels))]
    public void CleanupChannel()
    {
        _running = false;
        _channelEcho.Join();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Description = "Disruptor ping-pong round trip")]
    public long DisruptorRing()
    {
        long sum = 0;
        for (int i = 0; i < RoundTrips; i++)
        {
            long s = _ping.Claim();
            _ping[s].Value = i;
            _ping.Publish(s);
            long expected = _pongRead.Value + 1;
            while (_pongBarrier.WaitFor(expected) < expected)
            {
            }
            sum += _pong[expected].Value;
            _pongRead.Value = expected;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = RoundTrips, Baseline = true, Description = "Channel<long> ping-pong round trip")]
    public long Channels()
    {
        long sum = 0;
        ChannelWriter<long> writer = _channelPing.Writer;
        ChannelReader<long> reader = _channelPong.Reader;
        for (int i = 0; i < RoundTrips; i++)
        {
            writer.TryWrite(i);
            long value;
            int spins = 0;
            while (!reader.TryRead(out value))
            {
                if (++spins > 100)
                {
                    Thread.Yield();
                }
            }
            sum += value;
        }
        return sum;
    }

    private void ChannelEcho()
    {
        ChannelReader<long> reader = _channelPing.Reader;
        ChannelWriter<long> writer = _channelPong.Writer;
        int spins = 0;
        while (_running)
        {
            if (reader.TryRead(out long value))
            {
                writer.TryWrite(value);
                spins = 0;
            }
            else if (++spins > 100)
            {
                Thread.Yield();
            }
        }
    }
}
