using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TradeX.Core;
using TradeX.Gateway.Participants;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Sim.Simulator;

namespace TradeX.Sim.Load;

/// <summary>
/// The simulator as the node configuration describes it (the <c>simulator</c> section, the instruments, the
/// participants' accounts), shared by the in-process load, the simulator process the main job starts, and
/// <c>sim</c> on its own: who logs in with which secret, and what the clients do.
/// </summary>
public static class SimulatorConfiguration
{
    public const string StoreFile = "participants.json", CredentialsFile = "credentials.json";

    /// <summary>
    /// Gives the configuration's market makers and takers fresh random secrets: writes the gateway's store
    /// (salted hashes, <see cref="StoreFile"/>) into <paramref name="directory"/> and returns the secrets in clear.
    /// </summary>
    public static SimCredentials WriteParticipants(NodeConfig config, string directory)
    {
        var sim = config.Simulator;
        var protection = sim.Protection is { } p && (p.MaxQuantity > 0 || p.MaxFills > 0)
            ? new[] { new ProtectionSetting(0, p.WindowMillis * 1_000_000L, p.MaxQuantity, p.MaxFills) }
            : [];
        var cancelOnDisconnect = sim.CancelOnDisconnect switch
        {
            "none" => CancelOnDisconnect.None,
            "all" => CancelOnDisconnect.All,
            _ => CancelOnDisconnect.QuotesOnly,
        };
        var ids = sim.MarketMakers.Concat(sim.Takers).ToList();
        var participants = SimulatorSetup.WriteParticipantFile(Path.Combine(directory, StoreFile),
            ids.Select(id => (id, (IReadOnlyList<int>)config.Accounts.Where(a => a.Participant == id).Select(a => a.Id).ToList())),
            cancelOnDisconnect, sim.MessagesPerSecond, protection);
        return new SimCredentials(participants.Where(x => sim.MarketMakers.Contains(x.ParticipantId)).ToList(),
            participants.Where(x => sim.Takers.Contains(x.ParticipantId)).ToList());
    }

    /// <summary>
    /// The participants the gateway admits while the simulator drives it: a store with fresh secrets in a new
    /// temporary directory (outside the repository), removed with the returned <see cref="NodeParticipants"/>.
    /// </summary>
    /// <param name="alsoWrite">Writes more into the directory before the store is handed over (the process load: the credentials for its child).</param>
    public static NodeParticipants TemporaryParticipants(NodeConfig config, string description, out SimCredentials credentials, Action<string, SimCredentials>? alsoWrite = null)
    {
        var temporary = Directory.CreateTempSubdirectory("tradex-participants-");
        try
        {
            credentials = WriteParticipants(config, temporary.FullName);
            alsoWrite?.Invoke(temporary.FullName, credentials);
            var store = ParticipantStore.Load(Path.Combine(temporary.FullName, StoreFile));
            return NodeParticipants.Temporary(store, temporary, $"{description} ({store.Participants.Count} participants, random secrets, temporary file)");
        }
        catch
        {
            temporary.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>What the clients do, from the configuration: rates, quotes, warm-up, and the measured rest of <c>run.durationSeconds</c>.</summary>
    public static SimulatorOptions Options(NodeConfig config, IPEndPoint endpoint, SimCredentials credentials) => new()
    {
        Endpoint = endpoint,
        MarketMakers = credentials.MarketMakers,
        Takers = credentials.Takers,
        Instruments = config.Instruments.Select(i => new SimInstrument(i.Id, Price.Parse(i.Reference).Raw, Price.Parse(i.Tick).Raw)).ToList(),
        OrdersPerSecond = config.Simulator.OrdersPerSecond,
        MassQuotesPerSecond = config.Simulator.MassQuotesPerSecond,
        EntriesPerMassQuote = config.Simulator.EntriesPerMassQuote,
        QuoteSize = config.Simulator.QuoteSize,
        Warmup = TimeSpan.FromSeconds(config.Simulator.WarmupSeconds),
        Duration = TimeSpan.FromSeconds(config.Run.DurationSeconds - config.Simulator.WarmupSeconds),
        Seed = config.Simulator.Seed,
    };

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>
    /// Writes the sections the simulator reads (<c>run</c>, <c>simulator</c>, <c>instruments</c>, <c>accounts</c>) as
    /// a configuration file that overlays the embedded default, so a simulator process does exactly what the node's
    /// configuration, with its command-line changes, says.
    /// </summary>
    public static void WriteSimulatorSections(NodeConfig config, string path)
    {
        var run = new NodeConfig.RunSection { DurationSeconds = config.Run.DurationSeconds, TimerTickMillis = config.Run.TimerTickMillis, Load = "simulator" };
        var json = new JsonObject
        {
            ["run"] = JsonSerializer.SerializeToNode(run, Json),
            ["simulator"] = JsonSerializer.SerializeToNode(config.Simulator, Json),
            ["instruments"] = JsonSerializer.SerializeToNode(config.Instruments, Json),
            ["accounts"] = JsonSerializer.SerializeToNode(config.Accounts, Json),
        };
        File.WriteAllText(path, json.ToJsonString(Json));
    }
}
