using TradeX.Core;
using TradeX.Disruptor;

namespace TradeX.Pipeline;

/// <summary>How a <see cref="NodePipeline"/> is built: ring sizes, idle policy, cores, the engine's capacities.</summary>
public sealed record PipelineOptions
{
    public int InputRingSize { get; init; } = 1 << 16;
    public int OutputRingSize { get; init; } = 1 << 18;
    /// <summary>Wait strategy of the input ring's stages (see <see cref="WaitStrategies.AcceptedNames"/>).</summary>
    public string InputWaitStrategy { get; init; } = "yielding";
    public string OutputWaitStrategy { get; init; } = "yielding";
    public int? EngineCore { get; init; }
    public int? JournalCore { get; init; }
    public int? ReplicationCore { get; init; }
    public int? PublisherCore { get; init; }
    public EngineOptions Engine { get; init; } = EngineOptions.Default;
    public long InMemoryJournalCapacity { get; init; } = 1 << 20;
}

/// <summary>
/// The node's pipeline: producers → input ring (multi-producer) → journal and replication stages in
/// parallel → engine stage (gated on both) → output ring → publishers. A response for input N can
/// only be published after N has passed the journal and the replication stage, because the engine
/// stage that produces it only sees N then.
/// </summary>
public sealed class NodePipeline : IDisposable
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(10);
    private readonly StageGraph<InputEntry> _inputGraph;
    private readonly StageGraph<OutputEntry> _outputGraph;
    private bool _running;

    public NodePipeline(PipelineOptions options, IJournal? journal = null, IReplicator? replicator = null,
        IEnumerable<(string Name, IEventHandler<OutputEntry> Handler)>? publishers = null, Action<string>? log = null,
        Func<IEngineEventSink, Engine>? engineFactory = null, long sequenceBase = 0)
    {
        Log = log ?? Console.Error.WriteLine;
        if (!WaitStrategies.TryParse(options.InputWaitStrategy, out var inputWait, out string? error) ||
            !WaitStrategies.TryParse(options.OutputWaitStrategy, out var outputWait, out error))
            throw new ArgumentException(error);
        InputRing = RingBuffer<InputEntry>.CreateMultiProducer(options.InputRingSize, inputWait);
        OutputRing = RingBuffer<OutputEntry>.CreateSingleProducer(options.OutputRingSize, outputWait);
        Journal = journal ?? new InMemoryJournal(options.InMemoryJournalCapacity);
        Replicator = replicator ?? new NoReplication();
        EngineStage = engineFactory is null ? new EngineStage(OutputRing, options.Engine) : new EngineStage(OutputRing, engineFactory);
        Publisher = new InputPublisher(InputRing, sequenceBase);

        _inputGraph = new StageGraph<InputEntry>(InputRing, Log);
        var journalStage = _inputGraph.Add("journal", new JournalStage(Journal),
            new LoggingExceptionHandler<InputEntry>("journal", ExceptionDecision.Halt, Log), options.JournalCore);
        var replicationStage = _inputGraph.Add("replication", new ReplicationStage(Replicator),
            new LoggingExceptionHandler<InputEntry>("replication", ExceptionDecision.Halt, Log), options.ReplicationCore);
        // The engine must never skip an input: any failure halts it (state stays consistent up to the previous input).
        EngineStageHandle = _inputGraph.Add("engine", EngineStage,
            new LoggingExceptionHandler<InputEntry>("engine", ExceptionDecision.Halt, Log), options.EngineCore, journalStage, replicationStage);

        _outputGraph = new StageGraph<OutputEntry>(OutputRing, Log);
        Statistics = new OutputStatistics(alerts: Log);
        _outputGraph.Add("publisher", Statistics, new LoggingExceptionHandler<OutputEntry>("publisher", ExceptionDecision.Skip, Log), options.PublisherCore);
        foreach (var (name, handler) in publishers ?? [])
            _outputGraph.Add(name, handler, new LoggingExceptionHandler<OutputEntry>(name, ExceptionDecision.Skip, Log));
    }

    public Action<string> Log { get; }
    public RingBuffer<InputEntry> InputRing { get; }
    public RingBuffer<OutputEntry> OutputRing { get; }
    public IJournal Journal { get; }
    public IReplicator Replicator { get; }
    public EngineStage EngineStage { get; }
    public Stage<InputEntry> EngineStageHandle { get; }
    public Engine Engine => EngineStage.Engine;
    public InputPublisher Publisher { get; }
    public OutputStatistics Statistics { get; }
    public IReadOnlyList<Stage<InputEntry>> InputStages => _inputGraph.Stages;

    /// <summary>Adds a publisher on the output ring (before <see cref="Start"/>): e.g. venue sessions, gateways.</summary>
    public void AddPublisher(string name, IEventHandler<OutputEntry> handler)
    {
        if (_running) throw new InvalidOperationException("publishers are added before the pipeline starts");
        _outputGraph.Add(name, handler, new LoggingExceptionHandler<OutputEntry>(name, ExceptionDecision.Skip, Log));
    }

    public void Start()
    {
        if (!_outputGraph.Start(StageTimeout) || !_inputGraph.Start(StageTimeout))
            throw new InvalidOperationException("the pipeline's stages did not start");
        _running = true;
    }

    /// <summary>
    /// Stops cleanly after the producers have stopped: every published input is journaled, replicated
    /// and applied, every event published, then the stage threads end. False if a stage did not finish in time.
    /// </summary>
    public bool Stop()
    {
        if (!_running) return true;
        _running = false;
        bool input = _inputGraph.DrainAndHalt(StageTimeout);
        bool output = _outputGraph.DrainAndHalt(StageTimeout);
        return input && output;
    }

    public void Dispose() => Stop();
}
