namespace TradeX.Disruptor.Agents;

/// <summary>
/// A duty-cycle loop body (Agrona style) for I/O pollers and timers: <see cref="DoWork"/> does a bounded
/// amount of work and says how much, and the <see cref="AgentRunner"/>'s <see cref="IIdleStrategy"/>
/// decides how to idle when it did none. Threads and back-off are policy, not code in the agent.
/// </summary>
public interface IAgent
{
    /// <summary>The agent's role, used as its thread's name.</summary>
    string RoleName { get; }

    /// <summary>Does some work; returns how much (0 means idle, so the runner may back off).</summary>
    int DoWork();

    /// <summary>Called on the agent's thread before the first <see cref="DoWork"/>.</summary>
    void OnStart()
    {
    }

    /// <summary>Called on the agent's thread after the last <see cref="DoWork"/>.</summary>
    void OnClose()
    {
    }
}
