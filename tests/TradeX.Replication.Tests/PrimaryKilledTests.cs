using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TradeX.Core;
using TradeX.Protocol.OrderEntry;
using TradeX.Replication.Tests.Support;
using TradeX.Sim.Client;
using TradeX.Sim.Simulator;

namespace TradeX.Replication.Tests;

/// <summary>
/// A primary and a standby as two real processes (the node executable), market makers' sessions over the gateway from
/// this process, and the primary killed with SIGKILL at a random moment: in synchronous mode every order a client saw
/// acknowledged is in the standby's journal, and the standby's state is what its journal replays to.
/// </summary>
[NonParallelizable]
public sealed class PrimaryKilledTests
{
    private static readonly string SimAssembly = typeof(SimCredentials).Assembly.Location;

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    private static LineProcess Node(string config) => new(DotnetHost, $"\"{SimAssembly}\" --config \"{config}\"");

    /// <summary>Records what the gateway acknowledged: every order answered with ExecutionReportNew or Rejected.</summary>
    private sealed class Acknowledgements : IOrderEntryListener
    {
        public readonly ConcurrentBag<(uint Account, ulong ClOrdId)> Seen = [];

        public void OnExecutionNew(ExecutionReportNewDecoder m, in MessageInfo info) => Seen.Add((m.Account, m.ClOrdId));

        public void OnExecutionRejected(ExecutionReportRejectedDecoder m, in MessageInfo info) => Seen.Add((m.Account, m.ClOrdId));
    }

    [Test]
    public void Killing_the_primary_at_random_moments_in_synchronous_mode_loses_no_acknowledged_order()
    {
        int rounds = TestPaths.LongTests ? 20 : 3;
        var rng = new Random(20261208);
        for (int round = 1; round <= rounds; round++)
            KillOnce(round, killAfterMillis: 300 + rng.Next(1_200));
    }

    private static void KillOnce(int round, int killAfterMillis)
    {
        using var dir = new TempDirectory($"kill-{round}");
        using (var credentialsTool = new LineProcess(DotnetHost, $"\"{SimAssembly}\" sim-credentials \"{dir.Path}\""))
            credentialsTool.WaitFor(l => l.Contains("credentials.json", StringComparison.Ordinal), "sim-credentials wrote its files");
        string store = Path.Combine(dir.Path, "participants.json");
        var credentials = SimCredentials.Read(Path.Combine(dir.Path, "credentials.json"));
        int gatewayPort = FreePort.Next(), replicationPort = FreePort.Next();
        string primaryConfig = Path.Combine(dir.Path, "primary.json"), standbyConfig = Path.Combine(dir.Path, "standby.json");
        string primaryJournal = Path.Combine(dir.Path, "primary"), standbyJournal = Path.Combine(dir.Path, "standby");
        File.WriteAllText(primaryConfig, $$"""
            {
              "run": { "load": "none", "durationSeconds": 600 },
              "gateway": { "port": {{gatewayPort}}, "participantsFile": "{{store}}" },
              "journal": { "directory": "{{primaryJournal}}" },
              "replication": { "role": "primary", "mode": "sync", "nodeId": 1, "listen": "127.0.0.1:{{replicationPort}}" }
            }
            """);
        File.WriteAllText(standbyConfig, $$"""
            {
              "run": { "load": "none", "durationSeconds": 600 },
              "gateway": { "enabled": false },
              "journal": { "directory": "{{standbyJournal}}" },
              "replication": { "role": "standby", "mode": "sync", "nodeId": 2, "primaries": [ "127.0.0.1:{{replicationPort}}" ] }
            }
            """);

        using var standby = Node(standbyConfig);
        using var primary = Node(primaryConfig);
        primary.WaitFor(l => l.Contains("Gateway listening on", StringComparison.Ordinal), "the primary's gateway listens", TimeSpan.FromSeconds(60));
        primary.WaitFor(l => l.Contains("standby node 2", StringComparison.Ordinal) && l.Contains("connected", StringComparison.Ordinal), "the standby connected");

        var acknowledged = new Acknowledgements();
        var participants = credentials.MarketMakers.Concat(credentials.Takers).Take(3).ToList();
        using var stop = new CancellationTokenSource();
        int established = 0;
        var sessions = participants.Select((p, i) => Task.Run(() => Trade(p, i, gatewayPort, acknowledged, () => Interlocked.Increment(ref established), stop.Token))).ToArray();
        Wait.Until(() => Volatile.Read(ref established) == participants.Count || sessions.Any(t => t.IsFaulted), "every session established");
        Assert.That(sessions.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException().Message), Is.Empty, "sessions failed before the kill");
        Wait.Until(() => !acknowledged.Seen.IsEmpty, "the first order was acknowledged");
        Thread.Sleep(killAfterMillis);
        primary.Kill(); // SIGKILL, mid-stream
        stop.Cancel();
        Task.WaitAll(sessions, TimeSpan.FromSeconds(30));

        Assert.That(standby.Terminate(TimeSpan.FromSeconds(60)), Is.True, $"the standby stopped cleanly\n{standby.Tail()}");
        var held = new HashSet<(uint, ulong)>();
        foreach (var input in ReplicatedNode.JournalInputs(standbyJournal))
            if (input.Kind == InputKind.NewOrder) held.Add(((uint)input.NewOrder.Account.Value, input.NewOrder.ClientOrderId.Value));
        var lost = acknowledged.Seen.Where(a => !held.Contains(a)).ToList();
        TestContext.Progress.WriteLine($"round {round}: killed after {killAfterMillis} ms; {acknowledged.Seen.Count:N0} orders acknowledged, the standby's journal holds {held.Count:N0} orders");
        Assert.That(lost, Is.Empty, $"round {round}: acknowledged orders missing from the standby's journal (first: {(lost.Count > 0 ? lost[0].ToString() : "")})");

        string final = standby.WaitFor(l => l.Contains("State hash after", StringComparison.Ordinal), "the standby printed its state hash");
        var match = Regex.Match(final, @"State hash after ([\d,]+) inputs: ([0-9a-f]{16})");
        Assert.That(match.Success, Is.True, final);
        var options = ReplicatedNode.Configure(standbyJournal, "standby", primaries: [new IPEndPoint(IPAddress.Loopback, replicationPort)]).ToPipelineOptions().Engine;
        Assert.That(ReplicatedNode.ReplayHash(standbyJournal, options).ToString("x16", CultureInfo.InvariantCulture), Is.EqualTo(match.Groups[2].Value),
            "the standby's state is what its journal replays to");
    }

    /// <summary>One market maker's session: resting limit orders, one after another, until stopped or the primary is gone.</summary>
    private static void Trade(SimParticipant participant, int index, int port, Acknowledgements acknowledged, Action established, CancellationToken stop)
    {
        var options = new OrderEntryClientOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, port), SessionId = (ulong)(1_000 + index), ParticipantId = (uint)participant.ParticipantId,
            Credentials = Encoding.UTF8.GetBytes(participant.Secret), KeepAliveMillis = 60_000, ReconnectAttempts = 0,
        };
        using var client = new OrderEntryClient(options, acknowledged);
        uint account = (uint)participant.Accounts[0];
        ulong clOrdId = (ulong)index << 40;
        client.Connect();
        established();
        try
        {
            while (!stop.IsCancellationRequested && client.State == ClientState.Established)
            {
                bool buy = (clOrdId & 1) == 0;
                client.SendNewOrder(new NewOrderRequest(++clOrdId, account, 1, buy ? TradeX.Protocol.OrderEntry.Side.Buy : TradeX.Protocol.OrderEntry.Side.Sell, 1 + (long)(clOrdId % 50),
                    buy ? 180_000_000 : 200_000_000));
                Thread.SpinWait(20_000);
            }
        }
        catch (Exception e) when (stop.IsCancellationRequested || client.State != ClientState.Established || e is IOException or System.Net.Sockets.SocketException)
        {
            // the primary died under us
        }
    }
}
