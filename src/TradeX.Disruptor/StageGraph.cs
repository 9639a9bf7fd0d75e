namespace TradeX.Disruptor;

/// <summary>
/// Wires the stages that consume one ring into a graph and runs them: stages added without
/// upstream stages read the ring in parallel; a stage added "after" others sees an entry only once
/// all of them are done with it. The ring is gated on the graph's last stages, so producers can
/// never overwrite an entry some stage has not finished with. For the node's input ring:
/// <code>
/// var graph   = new StageGraph&lt;Input&gt;(inputRing);
/// var journal = graph.Add("journal", journalHandler, core: 2);
/// var replica = graph.Add("replication", replicationHandler);
/// var engine  = graph.Add("engine", engineHandler, core: 1, after: [journal, replica]);
/// graph.Start(TimeSpan.FromSeconds(5));
/// ...
/// graph.DrainAndHalt(TimeSpan.FromSeconds(5));   // after producers have stopped
/// </code>
/// Build the whole graph before the first publish.
/// </summary>
public sealed class StageGraph<T>
    where T : struct
{
    private readonly RingBuffer<T> _ring;
    private readonly Action<string>? _log;
    private readonly List<Stage<T>> _stages = [];

    /// <summary>Creates an empty graph over <paramref name="ring"/>; <paramref name="log"/> receives affinity warnings (default: standard error).</summary>
    /// <summary>
    /// The most entries a polled stage added from now on hands over in one duty cycle (default 1,024). A stage
    /// downstream of one that emits several entries per entry it consumes needs more, or it falls behind
    /// whenever they share a thread: the node's output publishers take a whole ring's worth.
    /// </summary>
    public int PolledMaxBatch { get; set; } = 1024;

    public StageGraph(RingBuffer<T> ring, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        _ring = ring;
        _log = log;
    }

    /// <summary>The stages in the order they were added.</summary>
    public IReadOnlyList<Stage<T>> Stages => _stages;

    /// <summary>
    /// Adds a stage that runs <paramref name="handler"/> on a thread named <paramref name="name"/>
    /// (pinned to <paramref name="core"/> if given), gated on every stage in <paramref name="after"/>.
    /// Without <paramref name="exceptionHandler"/>, a failing entry is logged and halts the stage.
    /// </summary>
    public Stage<T> Add(string name, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null, int? core = null, params Stage<T>[] after) =>
        Add(name, handler, exceptionHandler, core, after, gates: []);

    /// <summary>
    /// As <see cref="Add(string, IEventHandler{T}, IExceptionHandler{T}?, int?, Stage{T}[])"/>, also gated on sequences that
    /// are not stages of this graph (<paramref name="gates"/>): e.g. the ring sequence a hot standby has acknowledged,
    /// which its replication agent advances. An entry reaches the stage only once every stage and every gate has passed it.
    /// </summary>
    public Stage<T> Add(string name, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler, int? core, Stage<T>[] after, Sequence[] gates)
    {
        SequenceBarrier barrier = NewStageBarrier(name, after, gates);
        var processor = new BatchEventProcessor<T>(name, _ring, barrier, handler, exceptionHandler);
        return Register(new Stage<T>(processor, new ThreadPlacement(name, core), [.. after], _log), after);
    }

    /// <summary>
    /// Adds a polled stage: its <see cref="Stage{T}.Agent"/> does the work when a composite agent (see
    /// <see cref="Agents.CompositeAgent"/>) runs it on a thread shared with other agents; <see cref="Start"/>
    /// only lets it work. Gating is the same as for a stage on its own thread.
    /// </summary>
    public Stage<T> AddPolled(string name, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler = null, params Stage<T>[] after) =>
        AddPolled(name, handler, exceptionHandler, after, gates: []);

    /// <summary>A polled stage also gated on sequences outside the graph (see the gated <c>Add</c>).</summary>
    public Stage<T> AddPolled(string name, IEventHandler<T> handler, IExceptionHandler<T>? exceptionHandler, Stage<T>[] after, Sequence[] gates)
    {
        SequenceBarrier barrier = NewStageBarrier(name, after, gates);
        var agent = new StageAgent<T>(name, _ring, barrier, handler, exceptionHandler, PolledMaxBatch);
        return Register(new Stage<T>(agent, [.. after]), after);
    }

    private SequenceBarrier NewStageBarrier(string name, Stage<T>[] after, Sequence[] gates)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(gates);
        foreach (Stage<T> upstream in after)
        {
            if (!_stages.Contains(upstream))
            {
                throw new ArgumentException($"stage '{upstream.Name}' belongs to another graph", nameof(after));
            }
        }
        if (_stages.Exists(s => s.Name == name))
        {
            throw new ArgumentException($"a stage named '{name}' already exists", nameof(name));
        }
        return _ring.NewBarrier([.. after.Select(s => s.Sequence), .. gates]);
    }

    private Stage<T> Register(Stage<T> stage, Stage<T>[] after)
    {
        // Producers gate on the graph's leaves: a stage with a follower is implied by its follower.
        _ring.AddGatingSequences(stage.Sequence);
        foreach (Stage<T> upstream in after)
        {
            _ring.RemoveGatingSequence(upstream.Sequence);
        }
        _stages.Add(stage);
        return stage;
    }

    /// <summary>Starts every stage that is not running; false if one did not start within <paramref name="timeout"/>.</summary>
    public bool Start(TimeSpan timeout)
    {
        bool all = true;
        foreach (Stage<T> stage in _stages)
        {
            if (!stage.IsRunning)
            {
                all &= stage.Start(timeout);
            }
        }
        return all;
    }

    /// <summary>
    /// Waits until every stage has handled everything published up to now (call it after the producers
    /// stop). False on timeout or when a stage halted (for example on a fault) before getting there.
    /// </summary>
    public bool WaitUntilDrained(TimeSpan timeout)
    {
        long target = _ring.Cursor;
        return Stage<T>.SpinUntil(
            () => _stages.TrueForAll(s => s.Sequence.Value >= target || !s.IsRunning),
            timeout) && _stages.TrueForAll(s => s.Sequence.Value >= target);
    }

    /// <summary>Halts every stage after its current batch and waits for their threads; unhandled entries stay in the ring for a restart.</summary>
    public bool Halt(TimeSpan timeout)
    {
        foreach (Stage<T> stage in _stages)
        {
            if (!stage.IsPolled)
            {
                stage.Processor.Halt();
            }
        }
        bool all = true;
        foreach (Stage<T> stage in _stages)
        {
            all &= stage.Halt(timeout);
        }
        return all;
    }

    /// <summary>The clean shutdown: <see cref="WaitUntilDrained"/>, then <see cref="Halt"/>. False if either timed out.</summary>
    public bool DrainAndHalt(TimeSpan timeout)
    {
        bool drained = WaitUntilDrained(timeout);
        return Halt(timeout) && drained;
    }
}
