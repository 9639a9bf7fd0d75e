using System.CommandLine;
using TradeX.Gateway.Participants;
using TradeX.Node;
using TradeX.Sim.Load;
using TradeX.Sim.Placement;

namespace TradeX.Sim;

/// <summary>
/// Command line. Without a command: the main job (<c>./run.sh</c>) — the node hosted here with the loads
/// that drive it (<see cref="MainJobLoads"/>: the market-maker simulator, the order-flow generator), and
/// the node's own commands (demo, scenario, config; see <see cref="NodeCommandLine"/>). <c>sim --connect</c> runs the
/// market-maker simulator as its own process against a running gateway (the main job starts it so), and
/// <c>sim-credentials</c> writes the participants for it (<see cref="SimCommand"/>); <c>hash-secret</c> prints the
/// salted hash of a secret for a participant file. Exit codes: 0 success, 2 bad arguments or files, 1 the simulator
/// could not connect.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var secret = new Option<string>("--secret") { Description = "The secret to hash; '-' reads it from standard input (keeps it out of shell history).", Required = true };
        var iterations = new Option<int>("--iterations") { Description = "PBKDF2 iterations.", DefaultValueFactory = _ => SecretHash.DefaultIterations };
        var hash = new Command("hash-secret", "Print the salted PBKDF2 hash of a secret, for the 'secret' field of a participant file.") { secret, iterations };
        hash.SetAction(r =>
        {
            string value = r.GetValue(secret)!;
            if (value == "-") value = Console.In.ReadLine() ?? "";
            if (value.Length == 0)
            {
                Console.Error.WriteLine("error: empty secret");
                return 2;
            }
            Console.Out.WriteLine(SecretHash.Create(value, r.GetValue(iterations)));
            return 0;
        });

        var placement = new CorePlacement();
        var root = NodeCommandLine.Create(() => MainJobLoads.Create(placement));
        var nodeCore = new Option<string?>("--node-core") { Description = "With the simulator process: the core the whole node process is pinned to (a number, auto or none; auto = the first of two or more cores)." };
        var simCore = new Option<string?>("--sim-core") { Description = "With the simulator process: the core it is pinned to (a number, auto or none; auto = the next core after the node's)." };
        root.Add(nodeCore);
        root.Add(simCore);
        root.Add(SimCommand.Create());
        root.Add(SimCommand.CreateCredentials());
        root.Add(hash);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0 && parsed.CommandResult.Command == root &&
            (!placement.TrySet("--node-core", parsed.GetValue(nodeCore), out string? error) || !placement.TrySet("--sim-core", parsed.GetValue(simCore), out error)))
        {
            Console.Error.WriteLine($"error: {error}");
            return 2;
        }
        return NodeCommandLine.Invoke(root, args);
    }
}
