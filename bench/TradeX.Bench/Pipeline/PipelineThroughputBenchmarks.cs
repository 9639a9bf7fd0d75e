using BenchmarkDotNet.Attributes;
using TradeX.Core;
using TradeX.Pipeline;

namespace TradeX.Bench.Pipeline;

/// <summary>
/// Throughput of the whole in-process pipeline (input ring → in-memory journal and replication stages →
/// engine → output ring → publisher) for a mixed flow: one producer publishes N pre-generated inputs as
/// fast as the ring takes them and the benchmark ends when the engine has applied the last one. In the
/// shared and single threading modes the producer is an agent on the input thread (as the gateway's I/O
/// is in the node); in dedicated mode it is the benchmark thread on core 0.
/// Figures are per input; inputs/s = 10^9 / ns.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
public class PipelineThroughputBenchmarks
{
    private const int N = 1_000_000;
    private NodePipeline _pipeline = null!;
    private EngineInput[] _inputs = [];

    /// <summary>The threading mode, and for dedicated the wait strategy of its stages.</summary>
    [Params("dedicated/yielding", "dedicated/busy-spin", "shared", "single")]
    public string Mode { get; set; } = "dedicated/yielding";

    [IterationSetup]
    public void Setup()
    {
        string wait = Mode.StartsWith("dedicated/", StringComparison.Ordinal) ? Mode["dedicated/".Length..] : "yielding";
        var threading = Mode switch { "shared" => ThreadingMode.Shared, "single" => ThreadingMode.Single, _ => ThreadingMode.Dedicated };
        _pipeline = new NodePipeline(new PipelineOptions
        {
            InputRingSize = 1 << 16,
            OutputRingSize = 1 << 18,
            InputWaitStrategy = wait,
            OutputWaitStrategy = wait,
            Threading = threading,
            // The engine owns core 1; the producer and the light stages share core 0 (2-core machine). Shared: the
            // input thread on core 0, the engine thread on core 1; single: the one thread on core 1.
            EngineCore = 1,
            JournalCore = 0,
            ReplicationCore = 0,
            PublisherCore = 0,
            Engine = Engine.EngineBench.Options(N),
            InMemoryJournalCapacity = N + 1_000,
        }, log: _ => { });
        _pipeline.Start();
        TradeX.Disruptor.CpuAffinity.PinCurrentThread(0, "bench-producer");
        foreach (var input in ReferenceData())
            while (!_pipeline.Publisher.TryPublish(in input, 1)) Thread.Yield();
        _inputs = MixedFlow(N, seed: 42);
        // Shared and single: the producer is an agent on the input thread, as the gateway's I/O is in the node.
        _agent = new ProducerAgent(_pipeline.Publisher);
        if (!_pipeline.TryHostInputAgent(_agent)) _agent = null;
    }

    private ProducerAgent? _agent;

    /// <summary>Publishes the inputs it is given, as many per duty cycle as the ring takes (at most 256).</summary>
    private sealed class ProducerAgent(InputPublisher publisher) : TradeX.Disruptor.Agents.IAgent
    {
        private EngineInput[] _inputs = [];
        private int _next;

        public string RoleName => "bench-producer";

        public void Give(EngineInput[] inputs)
        {
            _next = 0;
            Volatile.Write(ref _inputs, inputs);
        }

        public int DoWork()
        {
            var inputs = Volatile.Read(ref _inputs);
            int done = 0;
            while (_next < inputs.Length && done < 256 && publisher.TryPublish(in inputs[_next], 10))
            {
                _next++;
                done++;
            }
            return done;
        }
    }

    /// <summary>4 instruments and 8 accounts (12 inputs) for the mixed flow.</summary>
    internal static List<EngineInput> ReferenceData()
    {
        var feeder = new List<EngineInput>();
        for (int i = 1; i <= 4; i++)
            feeder.Add(EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(i), Symbol = Ascii16.Create($"S{i}"), TickSize = Price.Parse("0.01"), LotSize = Quantity.Of(1),
                ReferencePrice = Price.Of(100), PriceBandBps = 5000,
            }));
        for (int a = 1; a <= 8; a++)
            feeder.Add(EngineInput.Of(new DefineAccount { Account = new AccountId(a), Participant = new ParticipantId(a), Cash = Money.Of(1_000_000_000_000) }));
        return feeder;
    }

    /// <summary>45% resting limit orders, 15% IOC takers, 30% cancels, 10% replaces, across 4 instruments and 8 accounts.</summary>
    internal static EngineInput[] MixedFlow(int count, int seed)
    {
        var rng = new Random(seed);
        var inputs = new EngineInput[count];
        var open = new List<(int Account, ulong Id)>();
        ulong next = 1;
        for (int i = 0; i < count; i++)
        {
            int roll = rng.Next(100);
            int account = 1 + rng.Next(8);
            long price = 100_000_000L + rng.Next(-20, 21) * 10_000L;
            if (roll < 30 && open.Count > 0)
            {
                int k = rng.Next(open.Count);
                var (a, id) = open[k];
                open[k] = open[^1];
                open.RemoveAt(open.Count - 1);
                inputs[i] = EngineInput.Of(new CancelOrder { Account = new AccountId(a), OrigClientOrderId = new ClientOrderId(id) });
            }
            else if (roll < 40 && open.Count > 0)
            {
                var (a, id) = open[rng.Next(open.Count)];
                inputs[i] = EngineInput.Of(new ReplaceOrder { Account = new AccountId(a), OrigClientOrderId = new ClientOrderId(id), Price = new Price(price), Quantity = Quantity.Of(1 + rng.Next(500)) });
            }
            else
            {
                bool ioc = roll >= 85;
                ulong id = next++;
                if (!ioc) open.Add((account, id));
                inputs[i] = EngineInput.Of(new NewOrder
                {
                    Account = new AccountId(account), Instrument = new InstrumentId(1 + rng.Next(4)), Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell,
                    Type = OrderType.Limit, TimeInForce = ioc ? TimeInForce.ImmediateOrCancel : TimeInForce.Day, Price = new Price(price),
                    Quantity = Quantity.Of(1 + rng.Next(500)), ClientOrderId = new ClientOrderId(id),
                });
            }
        }
        return inputs;
    }

    [IterationCleanup]
    public void Cleanup() => _pipeline.Stop();

    [Benchmark(OperationsPerInvoke = N, Description = "pipeline, mixed flow, 1 producer")]
    public void MixedFlowThroughPipeline()
    {
        var publisher = _pipeline.Publisher;
        var inputs = _inputs;
        if (_agent is not null)
        {
            _agent.Give(inputs);
            _pipeline.InputWake!.Wake();
        }
        else
        {
            for (int i = 0; i < inputs.Length; i++)
                while (!publisher.TryPublish(in inputs[i], 10)) Thread.Yield(); // the producer shares core 0 with the journal stage: give it the core
        }
        // The engine stage's sequence (a volatile read) reaches the last ring slot once everything is applied.
        long lastSlot = 12 + (long)inputs.Length - 1;
        var engineStage = _pipeline.EngineStageHandle;
        while (engineStage.Sequence.Value < lastSlot) Thread.SpinWait(8);
    }
}

/// <summary>
/// The same mixed flow applied straight to an engine on the benchmark thread (events counted, not
/// copied): the ceiling the pipeline's engine stage can reach on this machine.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10, invocationCount: 1)]
public class EngineMixedFlowBenchmarks
{
    private const int N = 1_000_000;
    private Engine.EngineBench.Feeder _feeder = null!;
    private EngineInput[] _inputs = [];

    [IterationSetup]
    public void Setup()
    {
        TradeX.Disruptor.CpuAffinity.PinCurrentThread(1, "bench-engine");
        _feeder = new Engine.EngineBench.Feeder(new TradeX.Core.Engine(new Engine.NullSink(), Engine.EngineBench.Options(N)));
        foreach (var input in PipelineThroughputBenchmarks.ReferenceData()) _feeder.Apply(input);
        _inputs = PipelineThroughputBenchmarks.MixedFlow(N, seed: 42);
        _feeder.Number(_inputs);
    }

    [Benchmark(OperationsPerInvoke = N, Description = "engine only, mixed flow")]
    public void MixedFlowThroughEngine()
    {
        var engine = _feeder.Engine;
        var inputs = _inputs;
        for (int i = 0; i < inputs.Length; i++) engine.Apply(in inputs[i]);
    }
}
