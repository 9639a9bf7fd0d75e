namespace TradeX.Disruptor;

/// <summary>
/// One stage of a <see cref="StageGraph{T}"/>: a handler and either its <see cref="BatchEventProcessor{T}"/> on
/// a named (optionally pinned) thread of its own, or — a polled stage — its <see cref="StageAgent{T}"/>, which
/// a composite agent runs on a thread shared with other stages. Can be halted and restarted on its own.
/// </summary>
public sealed class Stage<T>
    where T : struct
{
    private readonly Action<string>? _log;
    private PinnedThread? _thread;

    internal Stage(BatchEventProcessor<T> processor, ThreadPlacement placement, IReadOnlyList<Stage<T>> upstream, Action<string>? log)
    {
        Processor = processor;
        Placement = placement;
        Upstream = upstream;
        _log = log;
        Name = processor.Name;
        Sequence = processor.Sequence;
    }

    internal Stage(StageAgent<T> agent, IReadOnlyList<Stage<T>> upstream)
    {
        Agent = agent;
        Placement = new ThreadPlacement(agent.RoleName, null);
        Upstream = upstream;
        Name = agent.RoleName;
        Sequence = agent.Sequence;
    }

    /// <summary>The stage's name (also its thread's name).</summary>
    public string Name { get; }

    /// <summary>The loop that runs the handler on the stage's own thread (null for a polled stage).</summary>
    public BatchEventProcessor<T> Processor => field ?? throw new InvalidOperationException($"stage '{Name}' is polled by a composite agent: it has no processor of its own");

    /// <summary>The polled stage's agent (null for a stage on its own thread).</summary>
    public StageAgent<T>? Agent { get; }

    /// <summary>True when a composite agent runs this stage on a shared thread.</summary>
    public bool IsPolled => Agent is not null;

    /// <summary>The exception that halted the stage last time, or null.</summary>
    public Exception? Fault => Agent is { } agent ? agent.Fault : Processor.Fault;

    /// <summary>The last sequence this stage has finished with.</summary>
    public Sequence Sequence { get; }

    /// <summary>Where the stage's thread runs.</summary>
    public ThreadPlacement Placement { get; }

    /// <summary>The stages this one is gated on (empty: it follows the producers directly).</summary>
    public IReadOnlyList<Stage<T>> Upstream { get; }

    /// <summary>What pinning achieved the last time the stage started (default before the first start).</summary>
    public AffinityResult Affinity => _thread?.Affinity ?? default;

    /// <summary>True while the stage's loop runs.</summary>
    public bool IsRunning => Agent is { } agent ? agent.IsRunning : Processor.IsRunning;

    /// <summary>
    /// Starts (or restarts) the stage on its own thread and returns once its loop is running.
    /// Returns false if it did not start within <paramref name="timeout"/>.
    /// </summary>
    public bool Start(TimeSpan timeout)
    {
        if (Agent is { } agent)
        {
            if (agent.IsRunning) throw new InvalidOperationException($"stage '{Name}' is already running");
            agent.Resume(); // its composite's thread does the work
            return true;
        }
        if (Processor.IsRunning)
        {
            throw new InvalidOperationException($"stage '{Name}' is already running");
        }
        // After a halt the loop has returned but its thread may still be finishing: let it end first.
        if (_thread is { IsAlive: true } && !_thread.Join(timeout))
        {
            return false;
        }
        _thread = PinnedThread.Start(Placement, Processor.Run, _log);
        return SpinUntil(() => Processor.IsRunning || !_thread.IsAlive, timeout) && Processor.IsRunning;
    }

    /// <summary>Halts the stage after its current batch and waits for its thread; false on timeout.</summary>
    public bool Halt(TimeSpan timeout)
    {
        if (Agent is { } agent)
        {
            return agent.Halt(timeout);
        }
        Processor.Halt();
        return _thread is null || _thread.Join(timeout);
    }

    internal static bool SpinUntil(Func<bool> condition, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }
            Thread.Sleep(1);
        }
        return true;
    }
}
