using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using TradeX.Core;
using TradeX.Gateway.Participants;
using TradeX.Pipeline;
using TradeX.Sim.Client;

namespace TradeX.Gateway.Tests.Support;

/// <summary>
/// A real node pipeline (journal, replication, engine, output ring) with the gateway on loopback, two
/// instruments and accounts of four participants, and the participant file written to a temporary
/// directory at run time. Every test builds its own, so no state leaks between tests.
/// </summary>
public sealed class GatewayHarness : IDisposable
{
    public const int Acme = 1, Beta = 2;
    public static readonly long AcmeRef = Price.Parse("100.00").Raw, BetaRef = Price.Parse("50.00").Raw, Tick = Price.Parse("0.01").Raw;

    /// <summary>A market maker: accounts 11 and 12, cancel-on-disconnect of quotes only.</summary>
    public static readonly ParticipantDefinition MarketMaker = new(1, "mm-one-secret", [11, 12]) { Name = "mm-one", HashIterations = 1_000 };

    /// <summary>A taker: accounts 21 and 22, nothing cancelled on disconnect.</summary>
    public static readonly ParticipantDefinition Taker = new(2, "taker-two-secret", [21, 22])
    {
        Name = "taker-two", HashIterations = 1_000, CancelOnDisconnect = CancelOnDisconnect.None,
    };

    /// <summary>A second market maker: account 31, cancel-on-disconnect of everything.</summary>
    public static readonly ParticipantDefinition MarketMakerAll = new(3, "mm-three-secret", [31])
    {
        Name = "mm-three", HashIterations = 1_000, CancelOnDisconnect = CancelOnDisconnect.All,
    };

    /// <summary>A throttled participant: account 41, 10 messages per second.</summary>
    public static readonly ParticipantDefinition Throttled = new(4, "slow-four-secret", [41])
    {
        Name = "slow-four", HashIterations = 1_000, MessagesPerSecond = 10, CancelOnDisconnect = CancelOnDisconnect.None,
    };

    /// <summary>The fuzzer's participant: account 51, which the fuzz test's kill switch keeps from ever trading.</summary>
    public static readonly ParticipantDefinition Fuzzer = new(5, "fuzz-five-secret", [51])
    {
        Name = "fuzz-five", HashIterations = 1_000, MessagesPerSecond = 500, CancelOnDisconnect = CancelOnDisconnect.All,
    };

    private static int _nextSession = 1;
    private readonly DirectoryInfo _directory;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<OrderEntryClient> _clients = new();

    public GatewayHarness(IReadOnlyList<ParticipantDefinition>? participants = null, Func<GatewayOptions, GatewayOptions>? configure = null,
        bool manualClock = false, IJournal? journal = null, int inputRing = 1 << 12, ThreadingMode threading = ThreadingMode.Dedicated,
        bool readinessByEpoll = true)
    {
        _directory = Directory.CreateTempSubdirectory("tradex-gateway-test-");
        ParticipantFile = Path.Combine(_directory.FullName, "participants.json");
        ParticipantStoreFile.Write(ParticipantFile, participants ?? [MarketMaker, Taker, MarketMakerAll, Throttled]);
        Store = ParticipantStore.Load(ParticipantFile);
        Journal = journal ?? new InMemoryJournal(1 << 16);
        Pipeline = new NodePipeline(new PipelineOptions
        {
            InputRingSize = inputRing,
            OutputRingSize = 1 << 14,
            InputWaitStrategy = "yielding",
            OutputWaitStrategy = "yielding",
            Engine = EngineOptions.Small,
            InMemoryJournalCapacity = 1 << 16,
            Threading = threading,
        }, journal: Journal, log: Log);
        Clock = manualClock ? new ManualClock(NodeClock.NowNanos()) : null;
        var options = new GatewayOptions { Clock = Clock ?? (IGatewayClock)new DelegateGatewayClock(NodeClock.NowNanos), MaxKeepAliveMillis = 600_000, ReadinessByEpoll = readinessByEpoll };
        Options = (configure is null ? options : configure(options)) with { IoHost = Pipeline.InputThread };
        Gateway = new OrderEntryGateway(Options, Store, TradeX.Node.Gateway.GatewayBindings.InputPort(Pipeline), Log);
        Pipeline.AddPublisher("gateway", TradeX.Node.Gateway.GatewayBindings.OutputHandler(Gateway));
        Pipeline.Start();
        foreach (var input in ReferenceData()) PublishOrWait(input);
        Gateway.Start();
    }

    public string ParticipantFile { get; }
    public ParticipantStore Store { get; }
    public IJournal Journal { get; }
    public NodePipeline Pipeline { get; }
    public OrderEntryGateway Gateway { get; }
    public GatewayOptions Options { get; }

    /// <summary>The gateway's clock when the harness was built with a manual one.</summary>
    public ManualClock? Clock { get; }

    public IReadOnlyList<string> LogLines => _log.ToArray();

    private void Log(string line) => _log.Enqueue(line);

    public static ulong NewSessionId() => 0x7E57_0000_0000UL + (ulong)Interlocked.Increment(ref _nextSession);

    private static IEnumerable<EngineInput> ReferenceData()
    {
        yield return EngineInput.Of(new DefineInstrument
        {
            Instrument = new InstrumentId(Acme), Symbol = Ascii16.Create("ACME"), TickSize = new Price(Tick), LotSize = Quantity.Of(1),
            ReferencePrice = new Price(AcmeRef), PriceBandBps = 1000,
        });
        yield return EngineInput.Of(new DefineInstrument
        {
            Instrument = new InstrumentId(Beta), Symbol = Ascii16.Create("BETA"), TickSize = new Price(Tick), LotSize = Quantity.Of(1),
            ReferencePrice = new Price(BetaRef), PriceBandBps = 1000,
        });
        foreach (var (account, participant) in new[] { (11, 1), (12, 1), (21, 2), (22, 2), (31, 3), (41, 4), (51, 5) })
        {
            yield return EngineInput.Of(new DefineAccount
            {
                Account = new AccountId(account), Participant = new ParticipantId(participant), Cash = Money.Of(1_000_000_000),
            });
        }
    }

    public void PublishOrWait(EngineInput input)
    {
        input.Time = NodeClock.NowNanos();
        var deadline = Stopwatch.StartNew();
        while (!Pipeline.Publisher.TryPublish(in input, 1))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) Assert.Fail("the input ring stayed full");
            Thread.Yield();
        }
    }

    public OrderEntryClientOptions ClientOptions(ParticipantDefinition participant, ulong? sessionId = null, string? secret = null) => new()
    {
        Endpoint = Gateway.LocalEndPoint,
        SessionId = sessionId ?? NewSessionId(),
        ParticipantId = (uint)participant.Id,
        Credentials = Encoding.UTF8.GetBytes(secret ?? participant.Secret),
        KeepAliveMillis = 60_000,
    };

    /// <summary>A client (not yet connected); disposed with the harness.</summary>
    public OrderEntryClient Client(OrderEntryClientOptions options, IOrderEntryListener listener)
    {
        var client = new OrderEntryClient(options, listener);
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>A client of <paramref name="participant"/>, connected, negotiated and established, with a recorder.</summary>
    public (OrderEntryClient Client, RecordingListener Received) Connect(ParticipantDefinition participant, ulong? sessionId = null,
        Func<OrderEntryClientOptions, OrderEntryClientOptions>? configure = null)
    {
        var received = new RecordingListener();
        var options = ClientOptions(participant, sessionId);
        var client = Client(configure is null ? options : configure(options), received);
        client.Connect();
        return (client, received);
    }

    /// <summary>Every input the journal recorded, in sequence.</summary>
    public IReadOnlyList<EngineInput> Journaled() => ((InMemoryJournal)Journal).Inputs().ToList();

    public void Dispose()
    {
        lock (_clients)
        {
            foreach (var client in _clients) client.Disconnect();
        }
        Gateway.Stop();
        Pipeline.Stop();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
