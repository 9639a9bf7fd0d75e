using Spectre.Console;
using TradeX.Node.Config;
using TradeX.Node.Gateway;

namespace TradeX.Node.Load;

/// <summary>
/// What drives the node in the main job besides the timer and external clients (<c>run.load</c>,
/// <c>--load</c>). The node carries no load of its own: the market-maker simulator and the order-flow
/// generator live in TradeX.Sim, whose executable hosts the node with them (<c>./run.sh</c>), so a
/// production node never contains a simulator. Implement it for a new kind of load; one method per
/// phase of the run. An instance serves one run (it may keep what <see cref="Participants"/> made for <see cref="Start"/>).
/// </summary>
public interface INodeLoad
{
    /// <summary>The name <c>run.load</c> and <c>--load</c> select it by.</summary>
    string Name { get; }

    /// <summary>What the start-up line says feeds the node.</summary>
    string Describe(NodeConfig config);

    /// <summary>True when the load publishes into the input ring itself, so the node may run without its gateway.</summary>
    bool FeedsTheRing { get; }

    /// <summary>The participants the gateway admits while this load drives it (the simulator makes its own); null for the configured store.</summary>
    /// <exception cref="TradeX.Gateway.Participants.ParticipantStoreException">The store cannot be made.</exception>
    NodeParticipants? Participants(NodeConfig config) => null;

    /// <summary>
    /// The cores this load will pin the node's whole process to when it starts, and by what (null: it leaves the
    /// node where it is), so the threading mode "auto" is chosen for them.
    /// </summary>
    ThreadingSection.PlannedCores? NodeCores(NodeConfig config) => null;

    /// <summary>Starts driving the node once it runs: the pipeline started, the reference data in, the gateway listening.</summary>
    ILoadRun Start(NodeHost node, CancellationToken stop);
}

/// <summary>One run of an <see cref="INodeLoad"/>, from its start to its part of the report.</summary>
public interface ILoadRun
{
    /// <summary>Until the load has finished, <paramref name="duration"/> has passed, or <paramref name="stop"/> fires.</summary>
    void Wait(TimeSpan duration, CancellationToken stop);

    /// <summary>After the run was stopped: until the load's threads have ended.</summary>
    void Join();

    /// <summary>Inputs the load offered the ring itself that were refused "busy" (a row of the rejects table when above 0).</summary>
    long RefusedBusy => 0;

    /// <summary>The load's clause of the report's inputs line ("... accepted into the ring N; "), or empty.</summary>
    string InputsClause(double seconds) => "";

    /// <summary>How the in-node latency is timed when the load stamps its inputs ("... due time to first event at the publisher"); null when the gateway does.</summary>
    string? LatencyOrigin => null;

    /// <summary>The load's own section of the report, after the gateway's line.</summary>
    void Report(IAnsiConsole console)
    {
    }
}
