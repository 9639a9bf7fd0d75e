using System.CommandLine;
using TradeX.Node.Config;
using TradeX.Node.Demo;
using TradeX.Node.Load;

namespace TradeX.Node;

/// <summary>
/// The node's commands: without one, the main job (<see cref="RunCommand"/>); <c>demo</c>, <c>scenario FILE</c>,
/// <c>config</c>. An executable that hosts the node with loads (TradeX.Sim) builds the same command line with them
/// and adds its own commands. Exit codes: 0 success; 1 the run completed but some input was refused (a scenario
/// line that could not be parsed); 2 bad arguments or a missing file.
/// </summary>
public static class NodeCommandLine
{
    /// <param name="createLoads">The loads <c>--load</c> may name, fresh for each run.</param>
    public static RootCommand Create(Func<IReadOnlyList<INodeLoad>> createLoads)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the demo's order flow (the same seed gives the same day).", DefaultValueFactory = _ => 20260105 };
        var orders = new Option<int>("--orders") { Description = "Approximate number of client orders in the demo day.", DefaultValueFactory = _ => 5_000 };

        var demo = new Command("demo", "Run the built-in demo trading day through the engine and print a summary.") { seed, orders };
        demo.SetAction(r => DemoCommand.Run(r.GetValue(seed), r.GetValue(orders), Console.Out));

        var file = new Argument<FileInfo>("file") { Description = "A scenario file (one input per line; see README 'Scenario files')." };
        var scenario = new Command("scenario", "Apply a scenario file to a fresh engine and print every event as one JSON line.") { file };
        scenario.SetAction(r => ScenarioCommand.Run(r.GetValue(file)!, Console.Out, Console.Error));

        var config = new Option<string?>("--config") { Description = "A node configuration file (JSON); the embedded default is used where it is silent." };
        var duration = new Option<double?>("--duration") { Description = "Seconds to run (default from the configuration: 20)." };
        var rate = new Option<double?>("--rate") { Description = "Requests per second offered: the simulator's takers, or the generator's inputs (0 = as fast as the ring takes)." };
        var names = createLoads().Select(l => l.Name).Prepend("none").ToArray();
        var load = new Option<string?>("--load")
        {
            Description = "What feeds the node: simulator (market makers over the gateway, the default), generator (in-process order flow) or none (external clients only)." +
                          (names.Length == 1 ? " The node executable alone serves external clients only: the simulator and the generator are TradeX.Sim's (./run.sh)." : ""),
        };
        load.AcceptOnlyFromAmong(names);
        var printConfig = new Command("config", "Print the embedded default configuration (documented JSON).");
        printConfig.SetAction(_ =>
        {
            Console.Out.Write(NodeConfig.EmbeddedDefault());
            return 0;
        });

        var root = new RootCommand("TradeX.Core node. Without a command it runs the main job: the node on its configuration with its gateway, fed by the market-maker simulator over loopback TCP.")
        {
            demo, scenario, printConfig, config, duration, rate, load,
        };
        root.SetAction(r => RunCommand.Run(r.GetValue(config), r.GetValue(duration), r.GetValue(rate), Console.Out, Console.Error, r.GetValue(load), createLoads()));

        return root;
    }

    /// <summary>Parses and runs; a parse error is printed and exits 2.</summary>
    public static int Invoke(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run with --help for usage.");
            return 2;
        }
        return parsed.Invoke();
    }
}
