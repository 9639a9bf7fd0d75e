using System.Globalization;
using Spectre.Console;
using TradeX.Node;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Node.Load;
using TradeX.Sim.Placement;
using TradeX.Sim.Simulator;

namespace TradeX.Sim.Load;

/// <summary>
/// The main job's default load (<c>run.load</c> "simulator"): the market-maker simulator as a child process
/// (<c>sim --connect</c>, the same build), each process pinned to its own core where there are two
/// (<see cref="CorePlacement"/>), so the node's figures are not the client's. The node's gateway gets a fresh
/// participant store with random secrets, and the child the secrets, in one temporary directory (outside the
/// repository, removed after the run) with the configuration's simulator sections; the child's results come back
/// as JSON and fill the same report as the in-process simulator's.
/// </summary>
public sealed class SimulatorProcessLoad(CorePlacement placement) : INodeLoad
{
    private string? _directory;

    public string Name => "simulator";

    public bool FeedsTheRing => false;

    /// <summary>The clients the configuration's simulator section describes (for the start-up line).</summary>
    public static string DescribeClients(NodeConfig config) =>
        $"the market-maker simulator over the gateway ({config.Simulator.MarketMakers.Count} market makers quoting {config.Simulator.MassQuotesPerSecond:N0} mass quotes/s, " +
        $"{config.Simulator.Takers.Count} takers sending {config.Simulator.OrdersPerSecond:N0} requests/s)";

    public string Describe(NodeConfig config) => DescribeClients(config) + ", in a process of its own";

    public NodeParticipants? Participants(NodeConfig config) =>
        SimulatorConfiguration.TemporaryParticipants(config, "generated for the simulator process", out _, (directory, credentials) =>
        {
            credentials.Write(Path.Combine(directory, SimulatorConfiguration.CredentialsFile));
            _directory = directory;
        });

    public ThreadingSection.PlannedCores? NodeCores(NodeConfig config) =>
        placement.Resolve(config.Cores.Engine).Node is { } core ? new([core], "the main job's placement (--node-core)") : null;

    public ILoadRun Start(NodeHost node, CancellationToken stop)
    {
        string directory = _directory ?? throw new InvalidOperationException("Participants must run before Start");
        var (nodeCore, simCore, note) = placement.Resolve(node.Config.Cores.Engine);
        if (note is not null) node.Log(note);
        string config = Path.Combine(directory, "simulator-config.json"), report = Path.Combine(directory, "simulator-result.json");
        SimulatorConfiguration.WriteSimulatorSections(node.Config, config);
        var endpoint = node.Gateway!.LocalEndPoint;
        var arguments = new List<string>
        {
            "sim", "--connect", endpoint.ToString(), "--config", config, "--credentials", Path.Combine(directory, SimulatorConfiguration.CredentialsFile),
            "--report-json", report, "--until-stdin-closes",
        };
        if (simCore is { } s) arguments.AddRange(["--core", s.ToString(CultureInfo.InvariantCulture)]);
        SimulatorProcess? child = null;
        string? failure = null;
        try
        {
            // Started before the node is pinned: a child inherits the mask of the thread that starts it.
            child = SimulatorProcess.Start(arguments, node.Log);
            node.Log($"simulator process {child.Id} started: {child.CommandLine}");
        }
        catch (InvalidOperationException ex)
        {
            failure = ex.Message;
            node.Log(failure);
        }
        string nodePlacement = nodeCore is { } core
            ? ProcessAffinity.PinWholeProcess(core, $"node process {Environment.ProcessId}").Message + (node.Config.Cores.Engine is { } e && e != core ? $" (cores.engine {e} gives way)" : "")
            : $"node process {Environment.ProcessId} not pinned beyond its cores.* settings";
        node.Log(nodePlacement);
        return new SimulatorProcessRun(child, report, nodePlacement, TimeSpan.FromSeconds(node.Config.Run.DurationSeconds), node.Log, failure);
    }
}

/// <summary>One run of the simulator process: waits for it, stops it with the node, and reports what it sent back.</summary>
public sealed class SimulatorProcessRun : ILoadRun
{
    // Starting the runtime and connecting take a moment; a child still running this long after its duration is stuck.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60), StopWait = TimeSpan.FromSeconds(20);
    private readonly SimulatorProcess? _child;
    private readonly string _reportFile;
    private readonly string _nodePlacement;
    private readonly TimeSpan _duration;
    private readonly Action<string> _log;
    private string? _failure;
    private bool _stoppedByNode;

    public SimulatorProcessRun(SimulatorProcess? child, string reportFile, string nodePlacement, TimeSpan duration, Action<string> log, string? failure = null)
    {
        _child = child;
        _reportFile = reportFile;
        _nodePlacement = nodePlacement;
        _duration = duration;
        _log = log;
        _failure = failure;
    }

    public SimulatorResult? Result { get; private set; }

    /// <summary>Where the child said it ran (its pinning line), once it reported.</summary>
    public string? Placement { get; private set; }

    /// <summary>Until the child has exited, <paramref name="stop"/> fires (Ctrl-C), or it overstays its duration by a minute.</summary>
    public void Wait(TimeSpan duration, CancellationToken stop)
    {
        if (_child is null) return;
        if (WaitHandle.WaitAny([_child.Exited, stop.WaitHandle], _duration + Grace) == WaitHandle.WaitTimeout)
            _log($"simulator process {_child.Id}: still running {Grace.TotalSeconds:0} s after its {_duration.TotalSeconds:0.#} s; stopping it");
    }

    /// <summary>Stops the child if it still runs (standard input closed, then killed after 20 s) and reads its results.</summary>
    public void Join()
    {
        if (_child is null) return;
        if (!_child.HasExited)
        {
            _stoppedByNode = true;
            _child.RequestStop();
            if (!_child.WaitForExit(StopWait))
            {
                _log($"simulator process {_child.Id}: did not stop within {StopWait.TotalSeconds:0} s of being asked; killed");
                _child.Kill();
            }
        }
        _child.WaitForExit(StopWait);
        string? error = null;
        if (_child.ExitCode == 0 && SimulatorResultFile.TryRead(_reportFile, out var result, out string? placement, out error))
        {
            Result = result;
            Placement = placement;
        }
        else
        {
            _failure = $"simulator process {_child.Id} exited with code {_child.ExitCode}{Signal(_child.ExitCode)} without a report" +
                       (_child.ExitCode == 0 ? $" ({error})" : "") + (_stoppedByNode ? ", after the node asked it to stop" : ", before the node stopped");
        }
        _child.Dispose();
    }

    private static string Signal(int code) => code > 128 && code < 160 ? $" (killed by signal {code - 128})" : "";

    public void Report(IAnsiConsole console)
    {
        console.MarkupLine(Markup.Escape($"Placement: {_nodePlacement}; {Placement ?? "the simulator process did not say where it ran"}."));
        if (Result is { } r)
        {
            SimulatorReport.Write(console, r);
            return;
        }
        console.MarkupLine($"[red]Simulator failed:[/] {Markup.Escape(_failure ?? "no result")}");
        foreach (string line in _child?.LastErrors.TakeLast(10) ?? []) console.MarkupLine($"  {Markup.Escape(line)}");
    }
}
