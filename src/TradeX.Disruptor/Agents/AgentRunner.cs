namespace TradeX.Disruptor.Agents;

/// <summary>
/// Runs an <see cref="IAgent"/> on its own named (optionally pinned) thread until closed. An exception
/// from <see cref="IAgent.DoWork"/> is logged and counted and the loop goes on, so one bad frame does not
/// stop a session poller; the error count is there for a metric.
/// </summary>
public sealed class AgentRunner
{
    private readonly IAgent _agent;
    private readonly IIdleStrategy _idle;
    private readonly Action<string> _log;
    private readonly PinnedThread _thread;
    private volatile bool _running = true;
    private long _errors;

    private AgentRunner(IAgent agent, IIdleStrategy idle, int? core, Action<string>? log)
    {
        _agent = agent;
        _idle = idle;
        _log = log ?? Console.Error.WriteLine;
        _thread = PinnedThread.Start(new ThreadPlacement(agent.RoleName, core), Loop, _log);
    }

    /// <summary>The agent this runner runs.</summary>
    public IAgent Agent => _agent;

    /// <summary>How many times <see cref="IAgent.DoWork"/> threw.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>What pinning achieved.</summary>
    public AffinityResult Affinity => _thread.Affinity;

    /// <summary>Starts <paramref name="agent"/> on a new thread.</summary>
    public static AgentRunner Start(IAgent agent, IIdleStrategy idle, int? core = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(idle);
        return new AgentRunner(agent, idle, core, log);
    }

    /// <summary>Stops the loop after the current duty cycle and waits; false if it did not stop within <paramref name="timeout"/>.</summary>
    public bool Close(TimeSpan timeout)
    {
        _running = false;
        // A composite may be asleep in the kernel (ParkingIdleStrategy): wake it to see the stop.
        (_agent as CompositeAgent)?.Wake.Wake();
        return _thread.Join(timeout);
    }

    private void Loop()
    {
        _agent.OnStart();
        try
        {
            while (_running)
            {
                int work;
                try
                {
                    work = _agent.DoWork();
                }
                catch (Exception exception)
                {
                    Interlocked.Increment(ref _errors);
                    _log($"agent '{_agent.RoleName}': DoWork failed (the agent runs on): {exception}");
                    work = 0;
                }
                _idle.Idle(work);
            }
        }
        finally
        {
            _agent.OnClose();
        }
    }
}
