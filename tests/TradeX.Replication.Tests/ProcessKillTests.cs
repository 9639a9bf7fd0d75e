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
public sealed class ProcessKillTests
{
    private static readonly string SimAssembly = typeof(SimCredentials).Assembly.Location;

    private static string DotnetHost => TestPaths.DotnetHost;

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

    /// <summary>A pair's configuration files, journals and participant store in one temporary directory.</summary>
    private sealed class Pair : IDisposable
    {
        private readonly TempDirectory _dir;

        public Pair(string name, string mode)
        {
            _dir = new TempDirectory(name);
            using (var credentialsTool = new LineProcess(DotnetHost, $"\"{SimAssembly}\" sim-credentials \"{_dir.Path}\""))
                credentialsTool.WaitFor(l => l.Contains("credentials.json", StringComparison.Ordinal), "sim-credentials wrote its files");
            string store = Path.Combine(_dir.Path, "participants.json");
            Credentials = SimCredentials.Read(Path.Combine(_dir.Path, "credentials.json"));
            GatewayPort = FreePort.Next();
            ReplicationPort = FreePort.Next();
            PrimaryConfig = Path.Combine(_dir.Path, "primary.json");
            StandbyConfig = Path.Combine(_dir.Path, "standby.json");
            PrimaryJournal = Path.Combine(_dir.Path, "primary");
            StandbyJournal = Path.Combine(_dir.Path, "standby");
            File.WriteAllText(PrimaryConfig, $$"""
                {
                  "run": { "load": "none", "durationSeconds": 600 },
                  "gateway": { "port": {{GatewayPort}}, "participantsFile": "{{store}}" },
                  "journal": { "directory": "{{PrimaryJournal}}" },
                  "replication": { "role": "primary", "mode": "{{mode}}", "nodeId": 1, "listen": "127.0.0.1:{{ReplicationPort}}" }
                }
                """);
            File.WriteAllText(StandbyConfig, $$"""
                {
                  "run": { "load": "none", "durationSeconds": 600 },
                  "gateway": { "enabled": false },
                  "threading": { "mode": "single", "idleSpinMicros": 20 },
                  "journal": { "directory": "{{StandbyJournal}}" },
                  "replication": { "role": "standby", "mode": "{{mode}}", "nodeId": 2, "primaries": [ "127.0.0.1:{{ReplicationPort}}" ] }
                }
                """);
        }

        public SimCredentials Credentials { get; }
        public int GatewayPort { get; }
        public int ReplicationPort { get; }
        public string PrimaryConfig { get; }
        public string StandbyConfig { get; }
        public string PrimaryJournal { get; }
        public string StandbyJournal { get; }

        public void Dispose() => _dir.Dispose();
    }

    /// <summary>Three market makers' sessions trading against the primary's gateway until stopped (or the primary dies).</summary>
    private sealed class Load : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _sessions;

        public Load(Pair pair)
        {
            var participants = pair.Credentials.MarketMakers.Concat(pair.Credentials.Takers).Take(3).ToList();
            int established = 0;
            _sessions = participants.Select((p, i) => Task.Run(() => Trade(p, i, pair.GatewayPort, Acknowledged, () => Interlocked.Increment(ref established), _stop.Token))).ToArray();
            Wait.Until(() => Volatile.Read(ref established) == participants.Count || _sessions.Any(t => t.IsFaulted), "every session established");
            Assert.That(_sessions.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException().Message), Is.Empty, "sessions failed to log in");
            Wait.Until(() => !Acknowledged.Seen.IsEmpty, "the first order was acknowledged");
        }

        public Acknowledgements Acknowledged { get; } = new();

        public void Stop()
        {
            _stop.Cancel();
            Task.WaitAll(_sessions, TimeSpan.FromSeconds(30));
        }

        public void Dispose() => Stop();
    }

    private static (LineProcess Standby, LineProcess Primary) StartPair(Pair pair)
    {
        var standby = Node(pair.StandbyConfig);
        var primary = Node(pair.PrimaryConfig);
        primary.WaitFor(l => l.Contains("Gateway listening on", StringComparison.Ordinal), "the primary's gateway listens", TimeSpan.FromSeconds(60));
        primary.WaitFor(l => l.Contains("standby node 2", StringComparison.Ordinal) && l.Contains("connected", StringComparison.Ordinal), "the standby connected");
        return (standby, primary);
    }

    private static void KillOnce(int round, int killAfterMillis)
    {
        using var pair = new Pair($"kill-{round}", "sync");
        var (standby, primary) = StartPair(pair);
        using var _ = standby;
        using var __ = primary;
        string standbyJournal = pair.StandbyJournal;
        int replicationPort = pair.ReplicationPort;
        var load = new Load(pair);
        var acknowledged = load.Acknowledged;
        Thread.Sleep(killAfterMillis);
        primary.Kill(); // SIGKILL, mid-stream
        load.Stop();

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

    [Test]
    public void A_standby_process_killed_under_load_and_restarted_resumes_where_its_journal_ends_with_no_gap_and_no_duplicate()
    {
        using var pair = new Pair("standby-kill", "async");
        var (first, primary) = StartPair(pair);
        using var ___ = primary;
        using var load = new Load(pair);
        Thread.Sleep(600);
        first.Kill(); // SIGKILL: the standby's tail may be torn; start-up cuts it
        first.Dispose();
        int heldAtKill = ReplicatedNode.JournalInputs(pair.StandbyJournal).Count;
        Thread.Sleep(500); // the primary answers on (asynchronous)
        using var second = Node(pair.StandbyConfig);
        string following = second.WaitFor(l => l.Contains("following primary node 1", StringComparison.Ordinal), "the restarted standby followed again");
        Assert.That(following, Does.Contain($"this standby's at {heldAtKill:N0}"), "it asked from where its journal ends");
        Thread.Sleep(700);
        load.Stop();
        Thread.Sleep(300);
        Assert.That(second.Terminate(TimeSpan.FromSeconds(60)), Is.True, second.Tail());
        Assert.That(primary.Terminate(TimeSpan.FromSeconds(60)), Is.True, primary.Tail());

        var primaryRecords = ReplicatedNode.JournalRecords(pair.PrimaryJournal);
        var standbyRecords = ReplicatedNode.JournalRecords(pair.StandbyJournal); // the cursor proves each sequence follows the last
        Assert.That(standbyRecords.Count, Is.GreaterThan(heldAtKill + 100), "the restarted standby caught up past where it was killed");
        Assert.That(standbyRecords.Count, Is.LessThanOrEqualTo(primaryRecords.Count));
        for (int i = 0; i < standbyRecords.Count; i++)
            Assert.That(standbyRecords[i], Is.EqualTo(primaryRecords[i]), $"record {i + 1}: the standby's journal is the primary's, byte for byte");
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
