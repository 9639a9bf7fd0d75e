using TradeX.Disruptor.Agents;

namespace TradeX.Pipeline;

/// <summary>
/// An agent that works beside the input ring's stages (replication, a feed handler): in the shared and single threading
/// modes it joins the thread that reads the input ring, in dedicated mode it gets a thread of its own that sleeps on the
/// agent's own signal and sockets. <see cref="Dispose"/> stops it either way.
/// </summary>
public sealed class HostedAgent : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly NodePipeline _pipeline;
    private readonly AgentRunner? _runner;
    private bool _stopped;

    private HostedAgent(NodePipeline pipeline, IAgent agent, AgentRunner? runner)
    {
        _pipeline = pipeline;
        Agent = agent;
        _runner = runner;
    }

    public IAgent Agent { get; }

    /// <summary>True when the agent has a thread of its own (dedicated mode).</summary>
    public bool OwnThread => _runner is not null;

    /// <param name="wake">What wakes the agent on a thread of its own (its producers signal it).</param>
    /// <param name="parking">Where it sleeps on a thread of its own (its sockets with <paramref name="wake"/>), or null for the signal alone.</param>
    /// <param name="core">The core for a thread of its own.</param>
    public static HostedAgent Start(NodePipeline pipeline, IAgent agent, WakeSignal wake, IParkable? parking, int? core)
    {
        if (pipeline.TryHostInputAgent(agent)) return new HostedAgent(pipeline, agent, null);
        var idle = new ParkingIdleStrategy(wake, parking, spinMicroseconds: 50, timeoutMilliseconds: 10);
        return new HostedAgent(pipeline, agent, AgentRunner.Start(agent, idle, core, pipeline.Log));
    }

    /// <summary>Stops the agent (its OnClose runs on its thread); false on timeout.</summary>
    public bool Stop()
    {
        if (_stopped) return true;
        _stopped = true;
        return _runner?.Close(StopTimeout) ?? _pipeline.RemoveInputAgent(Agent, StopTimeout);
    }

    public void Dispose() => Stop();
}
