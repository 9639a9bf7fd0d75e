using System.CommandLine;
using TradeX.Node.Demo;

namespace TradeX.Node;

/// <summary>
/// TradeX node entry point. Exit codes: 0 success; 1 the run completed but some input was refused
/// (a scenario line that could not be parsed); 2 bad arguments or a missing file.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the demo's order flow (the same seed gives the same day).", DefaultValueFactory = _ => 20260105 };
        var orders = new Option<int>("--orders") { Description = "Approximate number of client orders in the demo day.", DefaultValueFactory = _ => 5_000 };

        var demo = new Command("demo", "Run the built-in demo trading day through the engine and print a summary.") { seed, orders };
        demo.SetAction(r => DemoCommand.Run(r.GetValue(seed), r.GetValue(orders), Console.Out));

        var file = new Argument<FileInfo>("file") { Description = "A scenario file (one input per line; see README 'Scenario files')." };
        var scenario = new Command("scenario", "Apply a scenario file to a fresh engine and print every event as one JSON line.") { file };
        scenario.SetAction(r => ScenarioCommand.Run(r.GetValue(file)!, Console.Out, Console.Error));

        var root = new RootCommand("TradeX.Core node. Without a command it runs the main job (the demo trading day).") { demo, scenario, seed, orders };
        root.SetAction(r => DemoCommand.Run(r.GetValue(seed), r.GetValue(orders), Console.Out));

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
