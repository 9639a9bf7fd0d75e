using System.Diagnostics;
using System.Net;
using TradeX.Core;
using TradeX.Journal;
using TradeX.Node;
using TradeX.Node.Config;
using TradeX.Pipeline;

namespace TradeX.Replication.Tests.Support;

/// <summary>
/// A node built exactly as the node executable builds it (NodeHost from a NodeConfig), without a gateway: a primary that
/// the test feeds through its input publisher, or a standby that follows a primary over real loopback TCP. Both keep
/// their journal in a directory of their own.
/// </summary>
public sealed class ReplicatedNode : IDisposable
{
    private const int Producer = 5;
    private static long _nextClientOrder;
    private readonly List<string> _log;
    private bool _stopped;

    private ReplicatedNode(NodeHost host, NodeConfig config, string directory, List<string> log)
    {
        _log = log;
        Host = host;
        Config = config;
        Directory = directory;
    }

    public NodeHost Host { get; }
    public NodeConfig Config { get; }
    public string Directory { get; }
    public NodePipeline Pipeline => Host.Pipeline;
    public Engine Engine => Host.Pipeline.Engine;

    /// <summary>The node's log lines so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log) return [.. _log];
        }
    }

    /// <summary>The last engine sequence the node's engine has applied.</summary>
    public long Applied => Pipeline.EngineStageHandle.Sequence.Value + Host.SequenceBase + 1;

    /// <summary>The last engine sequence durable in the node's journal.</summary>
    public long Durable => Host.FileJournal!.Writer.DurableSequence;

    public static NodeConfig Configure(string directory, string role, string mode = "async", int nodeId = 1, string listen = "127.0.0.1:0",
        IEnumerable<IPEndPoint>? primaries = null, string threading = "shared", string sync = "none", long checkpointEvery = 500, int history = 1 << 12)
    {
        var c = NodeConfig.Load();
        c.Gateway.Enabled = false;
        c.Run.Load = "none";
        c.Journal.Directory = directory;
        c.Journal.Sync = sync;
        c.Journal.SnapshotEveryInputs = 0;
        c.Rings.InputSize = 1024;
        c.Rings.OutputSize = 4096;
        c.Threading.Mode = threading;
        c.Engine.OrdersPerDay = 200_000;
        c.Engine.MaxOpenOrders = 100_000;
        c.Engine.MaxPositions = 1_000;
        c.Engine.ClientOrderIdsPerDay = 400_000;
        c.Engine.VenueFillsPerDay = 1_000;
        c.Engine.VenueOrdersPerDay = 1_000;
        c.Replication = new NodeConfig.ReplicationSection
        {
            Role = role,
            Mode = mode,
            NodeId = nodeId,
            Listen = listen,
            Primaries = [.. (primaries ?? []).Select(p => p.ToString())],
            HeartbeatMillis = 50,
            TimeoutMillis = 1_000,
            CheckpointEveryInputs = checkpointEvery,
            HistoryInputs = history,
        };
        if (role == "standby" && c.Replication.Primaries.Count == 0) c.Replication.Primaries = ["127.0.0.1:9"];
        c.Revalidate(null);
        return c;
    }

    public static ReplicatedNode Start(NodeConfig config)
    {
        var lines = new List<string>();
        var host = NodeHost.Build(config, load: null, line =>
        {
            lock (lines) lines.Add(line);
            TestContext.Progress.WriteLine($"[node {config.Replication.NodeId} {config.Replication.Role}] {line}");
        });
        var node = new ReplicatedNode(host, config, config.Journal.Directory!, lines);
        host.Start();
        return node;
    }

    public static ReplicatedNode Primary(string directory, string mode = "async", string threading = "shared", int history = 1 << 12, string sync = "none", long checkpointEvery = 500) =>
        Start(Configure(directory, "primary", mode, nodeId: 1, threading: threading, history: history, sync: sync, checkpointEvery: checkpointEvery));

    public static ReplicatedNode Standby(string directory, IPEndPoint primary, string threading = "shared", long checkpointEvery = 500) =>
        Start(Configure(directory, "standby", nodeId: 2, primaries: [primary], threading: threading, checkpointEvery: checkpointEvery));

    /// <summary>Where a standby reaches this primary.</summary>
    public IPEndPoint Endpoint => Host.Primary!.ListenEndPoint;

    /// <summary>Publishes <paramref name="count"/> orders (resting and crossing, with cancels) across the configuration's instruments and accounts.</summary>
    public void PublishOrders(int count, int seed = 1)
    {
        var rng = new Random(seed);
        var open = new List<(AccountId, ClientOrderId)>();
        for (int i = 0; i < count; i++)
        {
            var account = new AccountId(Config.Accounts[rng.Next(Config.Accounts.Count)].Id);
            if (open.Count > 0 && rng.Next(4) == 0)
            {
                int k = rng.Next(open.Count);
                var (a, id) = open[k];
                open.RemoveAt(k);
                Publish(EngineInput.Of(new CancelOrder { Account = a, OrigClientOrderId = id }));
                continue;
            }
            var instrument = Config.Instruments[rng.Next(Config.Instruments.Count)];
            long reference = Price.Parse(instrument.Reference).Raw;
            var id2 = new ClientOrderId((ulong)Interlocked.Increment(ref _nextClientOrder));
            open.Add((account, id2));
            Publish(EngineInput.Of(new NewOrder
            {
                Account = account, Instrument = new InstrumentId(instrument.Id), Side = rng.Next(2) == 0 ? Side.Buy : Side.Sell, Type = OrderType.Limit,
                TimeInForce = rng.Next(5) == 0 ? TimeInForce.ImmediateOrCancel : TimeInForce.Day,
                Price = new Price(reference + rng.Next(-5, 6) * 10_000L), Quantity = Quantity.Of(1 + rng.Next(100)), ClientOrderId = id2,
            }));
        }
    }

    public void Publish(EngineInput input)
    {
        input.Time = NodeClock.NowNanos();
        var clock = Stopwatch.StartNew();
        while (!Pipeline.Publisher.TryPublish(in input, Producer))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail("the input ring stayed full for 30 s");
            Thread.Yield();
        }
    }

    /// <summary>The last sequence published to this node.</summary>
    public long Published => Pipeline.InputRing.Cursor + Host.SequenceBase + 1;

    /// <summary>Stops cleanly (drains); the engine is then idle and can be hashed.</summary>
    public bool Stop()
    {
        if (_stopped) return true;
        _stopped = true;
        return Host.Stop();
    }

    /// <summary>Every journal record of the node, byte for byte as its journal holds them (re-encoded from the verified cursor).</summary>
    public static List<byte[]> JournalRecords(string directory)
    {
        var records = new List<byte[]>();
        using var cursor = JournalReader.Open(directory).ReadAll();
        var buffer = new byte[RecordFormat.MaxLength];
        while (cursor.MoveNext())
        {
            int length = RecordFormat.Write(in cursor.Current, cursor.EngineTime, buffer);
            records.Add(buffer[..length]);
        }
        return records;
    }

    /// <summary>Every input of the journal in <paramref name="directory"/>, in sequence.</summary>
    public static List<EngineInput> JournalInputs(string directory) => JournalReader.Open(directory).ReadAllInputs(out _);

    /// <summary>The state hash of a fresh engine that replays the journal in <paramref name="directory"/>.</summary>
    public static ulong ReplayHash(string directory, EngineOptions options)
    {
        var engine = new Engine(new ForwardingSink(), options);
        using var cursor = JournalReader.Open(directory).ReadAll();
        while (cursor.MoveNext()) engine.Apply(in cursor.Current);
        return engine.StateHash();
    }

    /// <summary>Stops both nodes cleanly and checks that the standby's engine holds the primary's state.</summary>
    public static void StopAndAssertSameState(ReplicatedNode primary, ReplicatedNode standby)
    {
        Assert.That(primary.Stop(), Is.True, "the primary stopped cleanly");
        Assert.That(standby.Stop(), Is.True, "the standby stopped cleanly");
        Assert.That(standby.Engine.StateHash(), Is.EqualTo(primary.Engine.StateHash()), "the standby's engine holds the primary's state");
    }

    public void Dispose()
    {
        Stop();
        Host.Dispose();
    }
}
