using Spectre.Console;
using TradeX.Node;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Node.Load;
using TradeX.Sim.Simulator;

namespace TradeX.Sim.Load;

/// <summary>
/// The market-maker simulator inside the node's process (<c>run.load</c> "simulator-inprocess"): the market makers
/// and takers of the configuration's <c>simulator</c> section, over real TCP sessions to the node's gateway on
/// loopback, their threads beside the node's. Use it to compare with the default, the simulator as its own process
/// (<see cref="SimulatorProcessLoad"/>). They get a fresh participant store with random secrets, in a temporary
/// directory removed after the run.
/// </summary>
public sealed class SimulatorLoad : INodeLoad
{
    private SimCredentials _credentials = new([], []);

    public string Name => "simulator-inprocess";

    public bool FeedsTheRing => false;

    public string Describe(NodeConfig config) => SimulatorProcessLoad.DescribeClients(config) + ", in the node's process";

    public NodeParticipants? Participants(NodeConfig config) =>
        SimulatorConfiguration.TemporaryParticipants(config, "generated for the simulator", out _credentials);

    public ILoadRun Start(NodeHost node, CancellationToken stop) =>
        new SimulatorRun(SimulatorConfiguration.Options(node.Config, node.Gateway!.LocalEndPoint, _credentials), stop, node.Log);
}

/// <summary>The market-maker simulator running on its own thread for the main job, and its part of the report.</summary>
public sealed class SimulatorRun : ILoadRun
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _done = new(false);

    public SimulatorRun(SimulatorOptions options, CancellationToken cancel, Action<string> log)
    {
        _thread = new Thread(() =>
        {
            try
            {
                Result = MarketMakerSimulator.Run(options, cancel);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                Failure = ex.Message;
                log($"simulator: {ex.Message}");
            }
            finally
            {
                _done.Set();
            }
        })
        { Name = "simulator", IsBackground = true };
        _thread.Start();
    }

    public SimulatorResult? Result { get; private set; }
    public string? Failure { get; private set; }

    /// <summary>Until the simulator has finished its run (warm-up and measured time) or <paramref name="stop"/> fires.</summary>
    public void Wait(TimeSpan duration, CancellationToken stop) => WaitHandle.WaitAny([_done.WaitHandle, stop.WaitHandle]);

    public void Join() => _thread.Join(TimeSpan.FromSeconds(30));

    public void Report(IAnsiConsole console)
    {
        if (Result is { } r) SimulatorReport.Write(console, r);
        else console.MarkupLine($"[red]Simulator failed:[/] {Markup.Escape(Failure ?? "no result")}");
    }
}
