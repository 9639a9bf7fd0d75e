using TradeX.Disruptor;
using TradeX.Node;
using TradeX.Node.Config;
using TradeX.Node.Load;

namespace TradeX.Sim.Load;

/// <summary>
/// The in-process order flow (<c>run.load</c> "generator"): <c>generator.producers</c> threads of
/// <see cref="OrderFlowGenerator"/> publishing straight into the input ring, open loop at
/// <c>generator.ordersPerSecond</c> over all of them, latency timed from each input's due time.
/// </summary>
public sealed class GeneratorLoad : INodeLoad
{
    public string Name => "generator";

    public bool FeedsTheRing => true;

    public string Describe(NodeConfig config) =>
        $"{config.Generator.Producers} generator thread(s) offering " +
        (config.Generator.OrdersPerSecond > 0 ? $"{config.Generator.OrdersPerSecond:N0} inputs/s" : "as fast as the ring takes");

    public ILoadRun Start(NodeHost node, CancellationToken stop)
    {
        var config = node.Config;
        var generators = Enumerable.Range(0, config.Generator.Producers)
            .Select(i => new OrderFlowGenerator(config, node.Pipeline.Publisher, RunCommand.ProducerGeneratorBase + i, config.Generator.Seed + i,
                config.Generator.OrdersPerSecond / config.Generator.Producers, node.SequenceBase))
            .ToList();
        var threads = generators.Select((g, i) => PinnedThread.Start(new ThreadPlacement($"generator-{i}", config.Cores.Producers), () => g.Run(stop), node.Log)).ToList();
        return new GeneratorRun(generators, threads);
    }

    private sealed class GeneratorRun(List<OrderFlowGenerator> generators, List<PinnedThread> threads) : ILoadRun
    {
        public void Wait(TimeSpan duration, CancellationToken stop) => stop.WaitHandle.WaitOne(duration);

        public void Join()
        {
            foreach (var t in threads) t.Join(TimeSpan.FromSeconds(10));
        }

        public long RefusedBusy => generators.Sum(g => g.Busy);

        public string InputsClause(double seconds)
        {
            long sent = generators.Sum(g => g.Sent);
            return $"generator inputs accepted into the ring {sent:N0} ({sent / seconds:N0}/s), refused busy {RefusedBusy:N0}; ";
        }

        public string? LatencyOrigin => "generator's due time to first event at the publisher (coordinated omission corrected)";
    }
}
