namespace TradeX.Disruptor.Agents;

/// <summary>
/// An agent that may sleep in the kernel on more than its <see cref="WakeSignal"/>: the gateway's I/O agent
/// waits in <c>poll(2)</c> on its sockets and the signal's eventfd together.
/// </summary>
public interface IParkable
{
    /// <summary>Sleeps until one of the agent's own sources is ready, <paramref name="wake"/> is signalled, or the timeout passes.</summary>
    void Park(WakeSignal wake, int timeoutMilliseconds);
}

/// <summary>
/// Several agents on one thread (Aeron's composite agent): each duty cycle runs every member's
/// <see cref="IAgent.DoWork"/> in turn and reports the sum, so one idle strategy serves them all. Members
/// can be added and removed while the runner runs (the gateway joins after the pipeline has started);
/// a member's <see cref="IAgent.OnStart"/> and <see cref="IAgent.OnClose"/> run on the composite's thread.
/// An exception from one member is counted and logged and the others run on.
/// </summary>
public sealed class CompositeAgent : IAgent, IParkable
{
    private readonly object _gate = new();
    private readonly Action<string> _log;
    private Member[] _members = [];
    private readonly List<string> _everNames = [];
    private long _errors;
    private volatile bool _onThread;

    /// <summary>Creates an empty composite named <paramref name="roleName"/> (its thread's name).</summary>
    public CompositeAgent(string roleName, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleName);
        RoleName = roleName;
        _log = log ?? Console.Error.WriteLine;
    }

    /// <inheritdoc/>
    public string RoleName { get; }

    /// <summary>Wakes this composite's thread when it sleeps; producers of its members' work signal it.</summary>
    public WakeSignal Wake { get; } = new();

    /// <summary>The members' role names, in duty-cycle order.</summary>
    public IReadOnlyList<string> MemberNames => [.. Volatile.Read(ref _members).Select(m => m.Agent.RoleName)];

    /// <summary>Every agent that ever joined, in the order they joined (a report after members left, e.g. a stopped gateway's I/O).</summary>
    public IReadOnlyList<string> EverMemberNames
    {
        get
        {
            lock (_gate) return [.. _everNames];
        }
    }

    /// <summary>How many times a member's <see cref="IAgent.DoWork"/> threw.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Adds <paramref name="agent"/> at the end of the duty cycle (it starts on the composite's thread).</summary>
    public void Add(IAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        lock (_gate)
        {
            Volatile.Write(ref _members, [.. _members, new Member(agent)]);
            if (!_everNames.Contains(agent.RoleName)) _everNames.Add(agent.RoleName);
        }
        Wake.Wake();
    }

    /// <summary>
    /// Removes <paramref name="agent"/>: once its last duty cycle has ended its <see cref="IAgent.OnClose"/> runs
    /// (on the composite's thread while it runs) and it gets no more work. False if that took longer than <paramref name="timeout"/>.
    /// </summary>
    public bool Remove(IAgent agent, TimeSpan timeout)
    {
        Member? member = Array.Find(Volatile.Read(ref _members), m => ReferenceEquals(m.Agent, agent));
        if (member is null)
        {
            return true;
        }
        member.RemoveRequested = true;
        Wake.Wake();
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!member.Closed)
        {
            if (!_onThread)
            {
                CloseMember(member); // the composite is not running: close it here
                break;
            }
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }
            Thread.Sleep(1);
        }
        lock (_gate)
        {
            Volatile.Write(ref _members, Array.FindAll(_members, m => !ReferenceEquals(m, member)));
        }
        return true;
    }

    /// <inheritdoc/>
    public void OnStart() => _onThread = true;

    /// <inheritdoc/>
    public int DoWork()
    {
        Member[] members = Volatile.Read(ref _members);
        int work = 0;
        for (int i = 0; i < members.Length; i++)
        {
            Member member = members[i];
            if (member.Closed)
            {
                continue;
            }
            if (member.RemoveRequested)
            {
                CloseMember(member);
                continue;
            }
            if (!member.Started)
            {
                member.Started = true;
                member.Agent.OnStart();
            }
            try
            {
                work += member.Agent.DoWork();
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref _errors);
                _log($"agent '{member.Agent.RoleName}' in '{RoleName}': DoWork failed (the agents run on): {exception}");
            }
        }
        return work;
    }

    /// <inheritdoc/>
    public void OnClose()
    {
        foreach (Member member in Volatile.Read(ref _members))
        {
            CloseMember(member);
        }
        _onThread = false;
    }

    /// <summary>Sleeps in the first parkable member's kernel wait (sockets and signal together), else on the signal alone.</summary>
    public void Park(WakeSignal wake, int timeoutMilliseconds)
    {
        foreach (Member member in Volatile.Read(ref _members))
        {
            if (member.Agent is IParkable parkable && member.Started && !member.Closed)
            {
                parkable.Park(wake, timeoutMilliseconds);
                return;
            }
        }
        wake.Wait(timeoutMilliseconds);
    }

    private void CloseMember(Member member)
    {
        lock (member)
        {
            if (member.Closed)
            {
                return;
            }
            member.Closed = true;
            if (member.Started)
            {
                try
                {
                    member.Agent.OnClose();
                }
                catch (Exception exception)
                {
                    _log($"agent '{member.Agent.RoleName}' in '{RoleName}': OnClose failed: {exception}");
                }
            }
        }
    }

    private sealed class Member(IAgent agent)
    {
        public IAgent Agent { get; } = agent;
        public bool Started;
        public volatile bool RemoveRequested;
        public volatile bool Closed;
    }
}
