using TradeX.Node.Load;
using TradeX.Sim.Placement;

namespace TradeX.Sim.Load;

/// <summary>The loads TradeX.Sim hosts the node with; fresh instances, one set per run.</summary>
public static class MainJobLoads
{
    /// <param name="placement">Where the simulator process and the node go; null: the default ("auto" for both, see <see cref="CorePlacement"/>).</param>
    public static IReadOnlyList<INodeLoad> Create(CorePlacement? placement = null) =>
        [new SimulatorProcessLoad(placement ?? new CorePlacement()), new SimulatorLoad(), new GeneratorLoad()];
}
