using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using TradeX.Core;
using TradeX.Gateway.Participants;
using TradeX.Node;
using TradeX.Sim.Load;
using TradeX.Sim.Simulator;

namespace TradeX.Sim;

/// <summary>
/// Command line. Without a command: the main job (<c>./run.sh</c>) — the node hosted here with the loads
/// that drive it (<see cref="MainJobLoads"/>: the market-maker simulator, the order-flow generator), and
/// the node's own commands (demo, scenario, config; see <see cref="NodeCommandLine"/>). <c>simulate</c> runs the
/// market-maker simulator against a running gateway; <c>hash-secret</c> prints the salted hash of a secret
/// for a participant file. Exit codes: 0 success, 2 bad arguments or files, 1 the simulator could not connect.
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

        var endpoint = new Option<string>("--endpoint") { Description = "The gateway's address, host:port.", Required = true };
        var credentials = new Option<FileInfo>("--credentials")
        {
            Description = "JSON file (outside the repository) with the sessions' secrets: {\"marketMakers\": [{\"participant\": 1, \"secret\": \"...\", \"accounts\": [101]}], \"takers\": [...]}.",
            Required = true,
        };
        var instruments = new Option<string>("--instruments") { Description = "Instruments as id:reference:tick, comma separated (e.g. 1:190.00:0.01,2:410.00:0.01).", Required = true };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds.", DefaultValueFactory = _ => 20 };
        var quoteRate = new Option<double>("--quotes-per-second") { Description = "MassQuotes per second over all market makers.", DefaultValueFactory = _ => 2_000 };
        var orderRate = new Option<double>("--orders-per-second") { Description = "Orders per second over all takers.", DefaultValueFactory = _ => 20_000 };
        var simulate = new Command("simulate", "Run market makers and takers against a running gateway and print latency as they see it.")
        {
            endpoint, credentials, instruments, seconds, quoteRate, orderRate,
        };
        simulate.SetAction(r =>
        {
            SimulatorOptions options;
            try
            {
                var (makers, takers) = ReadCredentials(r.GetValue(credentials)!);
                options = new SimulatorOptions
                {
                    Endpoint = IPEndPoint.Parse(r.GetValue(endpoint)!),
                    MarketMakers = makers,
                    Takers = takers,
                    Instruments = ParseInstruments(r.GetValue(instruments)!),
                    Duration = TimeSpan.FromSeconds(r.GetValue(seconds)),
                    MassQuotesPerSecond = r.GetValue(quoteRate),
                    OrdersPerSecond = r.GetValue(orderRate),
                };
            }
            catch (Exception ex) when (ex is FormatException or IOException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            try
            {
                Console.Out.Write(MarketMakerSimulator.Run(options, cancel.Token).Describe());
                return 0;
            }
            catch (Exception ex) when (ex is Client.OrderEntrySessionException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });

        var root = NodeCommandLine.Create(MainJobLoads.Create);
        root.Add(simulate);
        root.Add(hash);
        return NodeCommandLine.Invoke(root, args);
    }

    private static IReadOnlyList<SimInstrument> ParseInstruments(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            var parts = item.Split(':');
            if (parts.Length != 3) throw new FormatException($"instrument '{item}' is not id:reference:tick");
            return new SimInstrument(int.Parse(parts[0], CultureInfo.InvariantCulture), Price.Parse(parts[1]).Raw, Price.Parse(parts[2]).Raw);
        }).ToList();

    private static (List<SimParticipant> Makers, List<SimParticipant> Takers) ReadCredentials(FileInfo file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file.FullName));
        List<SimParticipant> Read(string name) => document.RootElement.TryGetProperty(name, out var list)
            ? list.EnumerateArray().Select(e => new SimParticipant(
                e.GetProperty("participant").GetInt32(), e.GetProperty("secret").GetString() ?? "",
                e.GetProperty("accounts").EnumerateArray().Select(a => a.GetInt32()).ToList())).ToList()
            : [];
        return (Read("marketMakers"), Read("takers"));
    }
}
