namespace TradeX.Sim.Load;

/// <summary>The loads TradeX.Sim hosts the node with; fresh instances, one set per run.</summary>
public static class MainJobLoads
{
    public static IReadOnlyList<TradeX.Node.Load.INodeLoad> Create() => [new SimulatorLoad(), new GeneratorLoad()];
}
