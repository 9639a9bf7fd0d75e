using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Disruptor.Agents;

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
    /// <summary>How the stages map onto threads (see <see cref="ThreadingMode"/>).</summary>
    public ThreadingMode Threading { get; init; } = ThreadingMode.Dedicated;
    /// <summary>Shared and single modes: how long a thread keeps polling after its last work before it sleeps in the kernel.</summary>
    public int IdleSpinMicros { get; init; } = 200;
    /// <summary>Shared and single modes: the longest sleep (the agents' timers are checked at least this often).</summary>
    public int IdleTimeoutMillis { get; init; } = 10;
}

/// <summary>
/// How the node's stages map onto threads, after Aeron's media driver. In every mode the engine sees an
/// input only after the journal (and replication) stage has finished with it, so no response leaves before
/// its input is durable, and the engine applies inputs in sequence on one thread: same inputs, same state.
/// </summary>
public enum ThreadingMode
{
    /// <summary>A thread per stage (journal, replication, engine, each publisher, the gateway's I/O), each pinnable; for a core per stage.</summary>
    Dedicated = 0,
    /// <summary>
    /// Two threads: the input side (the gateway's I/O, the timer, journal, replication) composed as agents on one,
    /// the engine and the output ring's publishers on the other; idle threads sleep in the kernel. For two or three cores.
    /// </summary>
    Shared = 1,
    /// <summary>Every stage on one thread: for a one-core machine and for deterministic latency tests.</summary>
    Single = 2,
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

        Threading = options.Threading;
        _options = options;
        // Polled stages take all that is there, as the dedicated threads' batch processors do: on a shared thread a
        // stage that takes less than its producers publish in a cycle falls behind for good (the engine emits ~3
        // events an input; at 100k/s in single mode a 1,024 cap gave 51 ms at p99 from applied to publisher).
        _inputGraph = new StageGraph<InputEntry>(InputRing, Log) { PolledMaxBatch = options.InputRingSize };
        _outputGraph = new StageGraph<OutputEntry>(OutputRing, Log) { PolledMaxBatch = options.OutputRingSize };
        if (Threading != ThreadingMode.Dedicated)
        {
            _engineThread = new CompositeAgent(Threading == ThreadingMode.Single ? "node" : "node-engine", Log);
            _inputThread = Threading == ThreadingMode.Single ? _engineThread : new CompositeAgent("node-input", Log);
            Publisher.Wake = _inputThread.Wake;
            EngineStage.WhenOutputFull = RunOutputAgents;
        }
        var journalStage = AddInput("journal", new JournalStage(Journal, InputRing), options.JournalCore, _inputThread);
        var replicationStage = AddInput("replication", new ReplicationStage(Replicator), options.ReplicationCore, _inputThread);
        // The engine must never skip an input: any failure halts it (state stays consistent up to the previous input).
        Sequence[] gates = [.. new[] { Journal.ReleaseGate, Replicator.ReleaseGate }.OfType<Sequence>()];
        EngineStageHandle = AddInput("engine", EngineStage, options.EngineCore, _engineThread, [journalStage, replicationStage], gates);
        var engineWake = _engineThread?.Wake;
        var inputRingWait = InputRing.WaitStrategy;
        Action wakeEngine = () =>
        {
            engineWake?.Signal();
            inputRingWait.SignalAllWhenBlocking();
        };
        Journal.BindEngineWake(wakeEngine);
        Replicator.BindEngineWake(wakeEngine);
        if (_inputThread != _engineThread && _engineThread is not null)
        {
            // The engine sleeps on its own thread: the input side's progress wakes it.
            journalStage.Agent!.Downstream = _engineThread.Wake;
            replicationStage.Agent!.Downstream = _engineThread.Wake;
        }

        Statistics = new OutputStatistics(alerts: Log);
        AddOutput("publisher", Statistics, ExceptionDecision.Skip, options.PublisherCore);
        foreach (var (name, handler) in publishers ?? [])
            AddOutput(name, handler, ExceptionDecision.Skip, null);
    }

    private readonly PipelineOptions _options;
    private readonly CompositeAgent? _inputThread;
    private readonly CompositeAgent? _engineThread;
    private readonly List<StageAgent<OutputEntry>> _outputAgents = [];
    private readonly List<AgentRunner> _runners = [];

    /// <summary>How the stages map onto threads.</summary>
    public ThreadingMode Threading { get; }

    /// <summary>The threads that run agents (shared and single modes; empty in dedicated mode), for a report.</summary>
    public IReadOnlyList<CompositeAgent> AgentThreads =>
        _engineThread is null ? [] : _inputThread == _engineThread ? [_engineThread] : [_inputThread!, _engineThread];

    private Stage<InputEntry> AddInput(string name, IEventHandler<InputEntry> handler, int? core, CompositeAgent? thread) =>
        AddInput(name, handler, core, thread, [], []);

    private Stage<InputEntry> AddInput(string name, IEventHandler<InputEntry> handler, int? core, CompositeAgent? thread, Stage<InputEntry>[] after, Sequence[] gates)
    {
        var exceptions = new LoggingExceptionHandler<InputEntry>(name, ExceptionDecision.Halt, Log);
        if (thread is null) return _inputGraph.Add(name, handler, exceptions, core, after, gates);
        var stage = _inputGraph.AddPolled(name, handler, exceptions, after, gates);
        thread.Add(stage.Agent!);
        return stage;
    }

    private void AddOutput(string name, IEventHandler<OutputEntry> handler, ExceptionDecision onError, int? core)
    {
        var exceptions = new LoggingExceptionHandler<OutputEntry>(name, onError, Log);
        if (_engineThread is null)
        {
            _outputGraph.Add(name, handler, exceptions, core);
            return;
        }
        var stage = _outputGraph.AddPolled(name, handler, exceptions);
        _outputAgents.Add(stage.Agent!);
        _engineThread.Add(stage.Agent!);
    }

    // The engine's thread runs the publishers: while the output ring is full, it lets them make room.
    private void RunOutputAgents()
    {
        foreach (var agent in _outputAgents) agent.DoWork();
    }

    /// <summary>
    /// Runs <paramref name="agent"/> on the thread that reads the input ring (shared and single modes), e.g. the
    /// gateway's I/O or the timer; its inputs then wake nobody. False in dedicated mode: the caller runs it itself.
    /// May be called after <see cref="Start"/>.
    /// </summary>
    public bool TryHostInputAgent(IAgent agent)
    {
        if (_inputThread is null) return false;
        _inputThread.Add(agent);
        return true;
    }

    /// <summary>Stops running an agent given to <see cref="TryHostInputAgent"/> (its OnClose runs); false on timeout.</summary>
    public bool RemoveInputAgent(IAgent agent, TimeSpan timeout) => _inputThread is null || _inputThread.Remove(agent, timeout);

    /// <summary>The composite that reads the input ring (shared and single modes), where input agents such as the gateway's I/O join; null in dedicated mode.</summary>
    public CompositeAgent? InputThread => _inputThread;

    /// <summary>The thread's wake-up signal for an input agent that is woken from elsewhere (null in dedicated mode).</summary>
    public WakeSignal? InputWake => _inputThread?.Wake;

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
        AddOutput(name, handler, ExceptionDecision.Skip, null);
    }

    public void Start()
    {
        if (!_outputGraph.Start(StageTimeout) || !_inputGraph.Start(StageTimeout))
            throw new InvalidOperationException("the pipeline's stages did not start");
        foreach (var thread in AgentThreads)
        {
            int? core = thread == _inputThread && thread != _engineThread ? _options.JournalCore : _options.EngineCore;
            var idle = new ParkingIdleStrategy(thread.Wake, thread, _options.IdleSpinMicros, _options.IdleTimeoutMillis);
            _runners.Add(AgentRunner.Start(thread, idle, core, Log));
        }
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
        bool threads = true;
        foreach (var runner in _runners)
        {
            threads &= runner.Close(StageTimeout);
        }
        _runners.Clear();
        return input && output && threads;
    }

    public void Dispose() => Stop();
}
