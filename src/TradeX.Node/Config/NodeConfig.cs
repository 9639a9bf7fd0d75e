using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Pipeline;

namespace TradeX.Node.Config;

/// <summary>
/// The node's configuration file (JSON with comments). <see cref="Load"/> starts from the embedded
/// default (<c>default-config.json</c>, documented field by field) and overlays a file if given.
/// Unknown fields and invalid values fail with a message naming the file and the field.
/// </summary>
public sealed class NodeConfig
{
    public RunSection Run { get; set; } = new();
    public RingSection Rings { get; set; } = new();
    public CoreSection Cores { get; set; } = new();
    public ThreadingSection Threading { get; set; } = new();
    public EngineSection Engine { get; set; } = new();
    public GeneratorSection Generator { get; set; } = new();
    public JournalSection Journal { get; set; } = new();
    public ReplicationSection Replication { get; set; } = new();
    public GatewaySection Gateway { get; set; } = new();
    public SimulatorSection Simulator { get; set; } = new();
    public List<OperatorConfig> Operators { get; set; } = [];
    public List<InstrumentConfig> Instruments { get; set; } = [];
    public List<AccountConfig> Accounts { get; set; } = [];
    public List<VenueConfig> Venues { get; set; } = [];

    public sealed class RunSection
    {
        public double DurationSeconds { get; set; } = 20;
        public int TimerTickMillis { get; set; } = 10;
        /// <summary>What feeds the node: <c>simulator</c> (market makers and takers over the gateway, a process of their own), <c>simulator-inprocess</c> (the same in the node's process), <c>generator</c> (in-process order flow) or <c>none</c>.</summary>
        public string Load { get; set; } = "simulator";
    }

    /// <summary>The market-maker gateway (SBE over TCP, docs/gateway.md).</summary>
    public sealed class GatewaySection
    {
        public bool Enabled { get; set; } = true;
        public string Address { get; set; } = "127.0.0.1";
        /// <summary>TCP port; 0 picks a free one (printed at start).</summary>
        public int Port { get; set; }
        /// <summary>The participant store (outside the repository); null = the TRADEX_PARTICIPANTS environment variable, or with the simulator a fresh temporary one.</summary>
        public string? ParticipantsFile { get; set; }
        public int MaxSessions { get; set; } = 256;
        public int SendBufferKilobytes { get; set; } = 256;
        public int? IoCore { get; set; }
    }

    /// <summary>The market-maker simulator the main job runs against the gateway when <c>run.load</c> is <c>simulator</c>.</summary>
    public sealed class SimulatorSection
    {
        /// <summary>Participant ids that stream two-sided MassQuotes in every instrument.</summary>
        public List<int> MarketMakers { get; set; } = [];
        /// <summary>Participant ids that send orders (IOC takers, resting orders, cancels, replaces).</summary>
        public List<int> Takers { get; set; } = [];
        public double OrdersPerSecond { get; set; } = 20_000;
        public double MassQuotesPerSecond { get; set; } = 2_000;
        public int EntriesPerMassQuote { get; set; } = 4;
        public long QuoteSize { get; set; } = 100;
        public double WarmupSeconds { get; set; } = 2;
        /// <summary>What the gateway cancels when a simulated session drops: none | quotes | all.</summary>
        public string CancelOnDisconnect { get; set; } = "quotes";
        /// <summary>Per-session throttle written into the simulator's participant file (0 = none).</summary>
        public int MessagesPerSecond { get; set; }
        /// <summary>Market-maker protection for every market maker in every instrument: fills within the window beyond a quantity or a count pull the quotes.</summary>
        public ProtectionConfig? Protection { get; set; }
        public int Seed { get; set; } = 20260105;
    }

    public sealed class ProtectionConfig
    {
        public int WindowMillis { get; set; } = 1_000;
        public long MaxQuantity { get; set; }
        public int MaxFills { get; set; }
    }

    public sealed class RingSection
    {
        public int InputSize { get; set; } = 1 << 16;
        public int OutputSize { get; set; } = 1 << 15;
        public string InputWaitStrategy { get; set; } = "yielding";
        public string OutputWaitStrategy { get; set; } = "yielding";
    }

    public sealed class CoreSection
    {
        public int? Engine { get; set; }
        public int? Journal { get; set; }
        public int? Replication { get; set; }
        public int? Publisher { get; set; }
        public int? Producers { get; set; }
    }

    public sealed class EngineSection
    {
        // The capacities: null derives each from the instruments, accounts, venues and the load (EngineCapacities, docs/pipeline.md, "Capacities").
        /// <summary>Orders (and replaces) a trading day is sized for; null = the load's rate × run.durationSeconds × 1.25.</summary>
        public int? OrdersPerDay { get; set; }
        public int? MaxOpenOrders { get; set; }
        public int? MaxPositions { get; set; }
        public int? ClientOrderIdsPerDay { get; set; }
        public int? VenueFillsPerDay { get; set; }
        public int? VenueOrdersPerDay { get; set; }
        public int CircuitBreakerViolations { get; set; } = 5;
        public double CircuitBreakerWindowSeconds { get; set; } = 60;
        /// <summary>"default", "all-limits", or a list of reject reason names (a JSON string or array).</summary>
        public JsonElement? CircuitBreakerReasons { get; set; }
        public int DefaultMarketProtectionBps { get; set; } = 500;
        public int MaxOpenBreaks { get; set; } = 4_096;
        public long InMemoryJournalCapacity { get; set; } = 1 << 21;

        /// <summary>The circuit breaker's reasons, or an error text naming what is wrong.</summary>
        public IReadOnlyList<RejectReason> BreakerReasons(out string? error)
        {
            error = null;
            if (CircuitBreakerReasons is not { } value || value.ValueKind == JsonValueKind.Null) return CircuitBreakerReasonSets.Default;
            if (value.ValueKind == JsonValueKind.String)
            {
                switch (value.GetString())
                {
                    case "default": return CircuitBreakerReasonSets.Default;
                    case "all-limits": return CircuitBreakerReasonSets.AllLimits;
                    default:
                        error = $"'{value.GetString()}' is not \"default\", \"all-limits\" or a list of reject reasons";
                        return CircuitBreakerReasonSets.Default;
                }
            }
            if (value.ValueKind != JsonValueKind.Array)
            {
                error = "must be \"default\", \"all-limits\" or a list of reject reason names";
                return CircuitBreakerReasonSets.Default;
            }
            var reasons = new List<RejectReason>();
            foreach (var item in value.EnumerateArray())
            {
                string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (name is null || !Enum.TryParse(name, ignoreCase: false, out RejectReason reason) || !CircuitBreakerReasonSets.IsLimitReason(reason))
                {
                    error = $"'{item}' is not a limit reject reason ({string.Join(", ", Enum.GetValues<RejectReason>().Where(CircuitBreakerReasonSets.IsLimitReason))})";
                    return CircuitBreakerReasonSets.Default;
                }
                reasons.Add(reason);
            }
            return reasons;
        }
    }

    public sealed class JournalSection
    {
        /// <summary>Segment directory; "{utc}" becomes the start time (a fresh journal per run); null = in memory only.</summary>
        public string? Directory { get; set; } = "journal/run-{utc}";
        public string Sync { get; set; } = "none";
        public int SyncIntervalMillis { get; set; } = 10;
        public int SegmentMegabytes { get; set; } = 64;
        public long SnapshotEveryInputs { get; set; } = 1_000_000;
    }

    /// <summary>Hot standby replication (docs/replication.md).</summary>
    public sealed class ReplicationSection
    {
        /// <summary>none | primary | standby.</summary>
        public string Role { get; set; } = "none";
        /// <summary>async | sync.</summary>
        public string Mode { get; set; } = "async";
        public int NodeId { get; set; } = 1;
        public string Listen { get; set; } = "127.0.0.1:9701";
        public List<string> Primaries { get; set; } = ["127.0.0.1:9701"];
        public int HeartbeatMillis { get; set; } = 100;
        public int TimeoutMillis { get; set; } = 1_000;
        public long CheckpointEveryInputs { get; set; } = 1_000_000;
        public int HistoryInputs { get; set; } = 1 << 18;

        public bool IsPrimary => Role == "primary";
        public bool IsStandby => Role == "standby";

        public TradeX.Replication.ReplicationOptions ToOptions() => new()
        {
            NodeId = (uint)NodeId,
            Mode = Mode == "sync" ? TradeX.Replication.ReplicationMode.Synchronous : TradeX.Replication.ReplicationMode.Asynchronous,
            HeartbeatMillis = HeartbeatMillis,
            TimeoutMillis = TimeoutMillis,
            CheckpointEveryInputs = CheckpointEveryInputs,
            HistoryInputs = HistoryInputs,
        };

        /// <summary>An address and port ("127.0.0.1:9701"; port 0 picks a free one).</summary>
        public static bool TryEndpoint(string text, out System.Net.IPEndPoint endpoint) => System.Net.IPEndPoint.TryParse(text, out endpoint!);

        internal void Validate(Action<string, string> fail, int inputRingSize)
        {
            if (Role is not ("none" or "primary" or "standby")) fail("replication.role", $"'{Role}' is not none, primary or standby");
            if (Mode is not ("async" or "sync")) fail("replication.mode", $"'{Mode}' is not async or sync");
            if (NodeId is <= 0) fail("replication.nodeId", "must be positive");
            if (!TryEndpoint(Listen, out _)) fail("replication.listen", $"'{Listen}' is not an IP address and port");
            if (IsStandby && Primaries.Count == 0) fail("replication.primaries", "a standby needs at least one primary address");
            for (int i = 0; i < Primaries.Count; i++)
                if (!System.Net.IPEndPoint.TryParse(Primaries[i], out var p) || p.Port == 0) fail($"replication.primaries[{i}]", $"'{Primaries[i]}' is not an IP address and port");
            if (HeartbeatMillis <= 0) fail("replication.heartbeatMillis", "must be positive");
            if (TimeoutMillis <= HeartbeatMillis) fail("replication.timeoutMillis", "must exceed heartbeatMillis");
            if (CheckpointEveryInputs < 0) fail("replication.checkpointEveryInputs", "must be zero (never) or positive");
            if (!IsPowerOfTwo(HistoryInputs) || HistoryInputs < 2 * inputRingSize)
                fail("replication.historyInputs", $"{HistoryInputs} must be a power of two of at least twice rings.inputSize ({2 * inputRingSize})");
        }
    }

    public sealed class GeneratorSection
    {
        public int Producers { get; set; } = 1;
        public double OrdersPerSecond { get; set; } = 100_000;
        public int Seed { get; set; } = 20260105;
    }

    public sealed class OperatorConfig
    {
        public string Name { get; set; } = "";
        public bool CanReenable { get; set; }
    }

    public sealed class InstrumentConfig
    {
        public int Id { get; set; }
        public string Symbol { get; set; } = "";
        public string Tick { get; set; } = "0.01";
        public long Lot { get; set; } = 1;
        public string Reference { get; set; } = "";
        public int BandBps { get; set; } = 1000;
        /// <summary>Market-order protection band in ticks, or in basis points (at most one; neither: the engine's default).</summary>
        public int ProtectionTicks { get; set; }
        public int ProtectionBps { get; set; }
    }

    public sealed class VenueConfig
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public string Fee { get; set; } = "0";
        public double LatencyMicros { get; set; }
        public bool Enabled { get; set; } = true;
        /// <summary>A QuickFIX-format settings file for the venue's FIX session (one [SESSION]); none = routing reference data only.</summary>
        public string? FixSettings { get; set; }
    }

    public sealed class AccountConfig
    {
        public int Id { get; set; }
        public int Participant { get; set; }
        public string Cash { get; set; } = "0";
        public string? GrossExposure { get; set; }
        public string? NetExposure { get; set; }
        public long MaxOrderQuantity { get; set; }
        public string? MaxOrderNotional { get; set; }
        public long MaxPosition { get; set; }
        public string? DailyLoss { get; set; }
        public int OrdersPerSecond { get; set; }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
    };

    /// <summary>The embedded default, overlaid with <paramref name="file"/> when given.</summary>
    public static NodeConfig Load(string? file = null)
    {
        var config = Parse(EmbeddedDefault(), "embedded default-config.json", new NodeConfig());
        if (file is not null)
        {
            if (!File.Exists(file)) throw new ConfigException($"configuration file '{file}' does not exist");
            // Sections the file names overlay the default field by field; lists it names replace the default's.
            config = Parse(File.ReadAllText(file), file, config);
        }
        config.Validate(file ?? "embedded default-config.json");
        return config;
    }

    public static string EmbeddedDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TradeX.Node.default-config.json")
            ?? throw new InvalidOperationException("default-config.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static NodeConfig Parse(string json, string source, NodeConfig target)
    {
        try
        {
            var populated = JsonSerializer.Deserialize<NodeConfig>(json, Json) ?? throw new ConfigException($"{source}: empty configuration");
            return Merge(target, populated, json);
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{source}: {ex.Message}");
        }
    }

    // Deserialize creates a fresh object; copy over only the sections the JSON named.
    private static NodeConfig Merge(NodeConfig target, NodeConfig parsed, string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        if (root.TryGetProperty("run", out _)) target.Run = PopulateFrom(target.Run, root.GetProperty("run"));
        if (root.TryGetProperty("rings", out _)) target.Rings = PopulateFrom(target.Rings, root.GetProperty("rings"));
        if (root.TryGetProperty("cores", out _)) target.Cores = PopulateFrom(target.Cores, root.GetProperty("cores"));
        if (root.TryGetProperty("threading", out _)) target.Threading = PopulateFrom(target.Threading, root.GetProperty("threading"));
        if (root.TryGetProperty("engine", out _)) target.Engine = PopulateFrom(target.Engine, root.GetProperty("engine"));
        if (root.TryGetProperty("generator", out _)) target.Generator = PopulateFrom(target.Generator, root.GetProperty("generator"));
        if (root.TryGetProperty("journal", out _)) target.Journal = PopulateFrom(target.Journal, root.GetProperty("journal"));
        if (root.TryGetProperty("replication", out _)) target.Replication = PopulateFrom(target.Replication, root.GetProperty("replication"));
        if (root.TryGetProperty("gateway", out _)) target.Gateway = PopulateFrom(target.Gateway, root.GetProperty("gateway"));
        if (root.TryGetProperty("simulator", out _)) target.Simulator = PopulateFrom(target.Simulator, root.GetProperty("simulator"));
        if (root.TryGetProperty("operators", out _)) target.Operators = parsed.Operators;
        if (root.TryGetProperty("instruments", out _)) target.Instruments = parsed.Instruments;
        if (root.TryGetProperty("accounts", out _)) target.Accounts = parsed.Accounts;
        if (root.TryGetProperty("venues", out _)) target.Venues = parsed.Venues;
        return target;
    }

    private static T PopulateFrom<T>(T existing, JsonElement element) where T : class
    {
        // Serialize the current values, overlay the named fields, read back: fields not named keep their values.
        var merged = JsonSerializer.SerializeToNode(existing, Json)!.AsObject();
        foreach (var property in element.EnumerateObject())
            merged[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
        return merged.Deserialize<T>(Json)!;
    }

    /// <summary>Validates again after command-line options changed fields.</summary>
    public void Revalidate(string? file) => Validate((file ?? "embedded default-config.json") + " with the command-line options");

    private void Validate(string source)
    {
        void Fail(string field, string message) => throw new ConfigException($"{source}: {field}: {message}");
        void RequireNumber(string field, string text, string what)
        {
            if (!FixedPoint.TryParse(text, out _, out NumberFault fault)) Fail(field, $"'{text}' is not {what}: {FixedPoint.Describe(fault)}");
        }
        if (Run.DurationSeconds <= 0) Fail("run.durationSeconds", "must be positive");
        if (Run.TimerTickMillis <= 0) Fail("run.timerTickMillis", "must be positive");
        if (!IsPowerOfTwo(Rings.InputSize)) Fail("rings.inputSize", $"{Rings.InputSize} is not a power of two");
        if (!IsPowerOfTwo(Rings.OutputSize)) Fail("rings.outputSize", $"{Rings.OutputSize} is not a power of two");
        if (Rings.OutputSize < 1024) Fail("rings.outputSize", $"{Rings.OutputSize} is below the minimum of 1024");
        if (!WaitStrategies.TryParse(Rings.InputWaitStrategy, out _, out string? error)) Fail("rings.inputWaitStrategy", error);
        if (!WaitStrategies.TryParse(Rings.OutputWaitStrategy, out _, out error)) Fail("rings.outputWaitStrategy", error);
        Threading.Validate(Fail);
        foreach (var (name, value) in new[]
                 {
                     ("ordersPerDay", Engine.OrdersPerDay), ("maxOpenOrders", Engine.MaxOpenOrders), ("maxPositions", Engine.MaxPositions),
                     ("clientOrderIdsPerDay", Engine.ClientOrderIdsPerDay), ("venueFillsPerDay", Engine.VenueFillsPerDay), ("venueOrdersPerDay", Engine.VenueOrdersPerDay),
                 })
            if (value is <= 0 or > 1 << 30) Fail($"engine.{name}", "must be null (derived) or 1 to 1,073,741,824");
        if (Engine.CircuitBreakerViolations <= 0) Fail("engine.circuitBreakerViolations", "must be positive");
        Engine.BreakerReasons(out string? reasonsError);
        if (reasonsError is not null) Fail("engine.circuitBreakerReasons", reasonsError);
        if (Engine.DefaultMarketProtectionBps is < 0 or > 1_000_000) Fail("engine.defaultMarketProtectionBps", "must be 0 to 1,000,000 basis points");
        if (Engine.MaxOpenBreaks <= 0) Fail("engine.maxOpenBreaks", "must be positive");
        if (Generator.Producers <= 0) Fail("generator.producers", "must be positive");
        if (Run.Load is not ("simulator" or "simulator-inprocess" or "generator" or "none")) Fail("run.load", $"'{Run.Load}' is not simulator, simulator-inprocess, generator or none");
        if (Run.Load is "simulator" or "simulator-inprocess" && !Gateway.Enabled) Fail("run.load", "the simulator needs the gateway (gateway.enabled is false)");
        if (!System.Net.IPAddress.TryParse(Gateway.Address, out _)) Fail("gateway.address", $"'{Gateway.Address}' is not an IP address");
        if (Gateway.Port is < 0 or > 65535) Fail("gateway.port", $"{Gateway.Port} is not a TCP port");
        if (Gateway.MaxSessions <= 0) Fail("gateway.maxSessions", "must be positive");
        if (Gateway.SendBufferKilobytes < 16) Fail("gateway.sendBufferKilobytes", "must be at least 16");
        if (Gateway.ParticipantsFile is not null && !File.Exists(Gateway.ParticipantsFile)) Fail("gateway.participantsFile", $"'{Gateway.ParticipantsFile}' does not exist");
        if (Simulator.OrdersPerSecond < 0) Fail("simulator.ordersPerSecond", "must be zero or positive");
        if (Simulator.MassQuotesPerSecond < 0) Fail("simulator.massQuotesPerSecond", "must be zero or positive");
        if (Simulator.EntriesPerMassQuote <= 0) Fail("simulator.entriesPerMassQuote", "must be positive");
        if (Simulator.QuoteSize <= 0) Fail("simulator.quoteSize", "must be positive");
        if (Simulator.WarmupSeconds < 0 || Simulator.WarmupSeconds >= Run.DurationSeconds) Fail("simulator.warmupSeconds", "must be zero or more and shorter than run.durationSeconds");
        if (Simulator.CancelOnDisconnect is not ("none" or "quotes" or "all")) Fail("simulator.cancelOnDisconnect", $"'{Simulator.CancelOnDisconnect}' is not none, quotes or all");
        if (Simulator.MessagesPerSecond < 0) Fail("simulator.messagesPerSecond", "must be zero (no throttle) or positive");
        if (Simulator.Protection is { } protection && (protection.WindowMillis <= 0 || protection.MaxQuantity < 0 || protection.MaxFills < 0))
            Fail("simulator.protection", "windowMillis must be positive, maxQuantity and maxFills zero (off) or positive");
        if (Instruments.Count == 0) Fail("instruments", "at least one instrument is needed");
        if (Accounts.Count == 0) Fail("accounts", "at least one account is needed");
        for (int i = 0; i < Instruments.Count; i++)
        {
            var x = Instruments[i];
            RequireNumber($"instruments[{i}].tick", x.Tick, "a price");
            RequireNumber($"instruments[{i}].reference", x.Reference, "a price");
            if (!Ascii16.TryCreate(x.Symbol, out _)) Fail($"instruments[{i}].symbol", $"'{x.Symbol}' must be 1-16 printable ASCII characters");
            if (x.ProtectionTicks < 0 || x.ProtectionBps < 0 || (x.ProtectionTicks > 0 && x.ProtectionBps > 0))
                Fail($"instruments[{i}]", "protectionTicks and protectionBps are zero or positive, and at most one of them is set");
        }
        for (int i = 0; i < Accounts.Count; i++)
        {
            var a = Accounts[i];
            foreach (var (name, value) in new[] { ("cash", a.Cash), ("grossExposure", a.GrossExposure), ("netExposure", a.NetExposure), ("maxOrderNotional", a.MaxOrderNotional), ("dailyLoss", a.DailyLoss) })
                if (value is not null) RequireNumber($"accounts[{i}].{name}", value, "an amount");
        }
        for (int i = 0; i < Venues.Count; i++)
        {
            var v = Venues[i];
            if (v.Id <= 0) Fail($"venues[{i}].id", "must be positive");
            if (!Ascii16.TryCreate(v.Name, out _)) Fail($"venues[{i}].name", $"'{v.Name}' must be 1-16 printable ASCII characters");
            RequireNumber($"venues[{i}].fee", v.Fee, "a price");
            if (v.FixSettings is not null && !File.Exists(v.FixSettings)) Fail($"venues[{i}].fixSettings", $"'{v.FixSettings}' does not exist");
        }
        for (int i = 0; i < Operators.Count; i++)
            if (!Ascii16.TryCreate(Operators[i].Name, out _)) Fail($"operators[{i}].name", $"'{Operators[i].Name}' must be 1-16 printable ASCII characters");
        if (Run.Load is "simulator" or "simulator-inprocess")
        {
            if (Simulator.MarketMakers.Count + Simulator.Takers.Count == 0) Fail("simulator", "name at least one market maker or taker participant");
            foreach (int p in Simulator.MarketMakers.Concat(Simulator.Takers))
                if (!Accounts.Any(a => a.Participant == p)) Fail("simulator", $"participant {p} has no account in accounts");
            if (Simulator.MarketMakers.Intersect(Simulator.Takers).Any()) Fail("simulator", "a participant is either a market maker or a taker");
        }
        if (Journal.Sync is not ("every-batch" or "group" or "interval" or "none")) Fail("journal.sync", $"'{Journal.Sync}' is not every-batch, group, interval or none");
        if (Journal.SegmentMegabytes <= 0) Fail("journal.segmentMegabytes", "must be positive");
        if (Journal.SyncIntervalMillis <= 0) Fail("journal.syncIntervalMillis", "must be positive");
        if (Journal.SnapshotEveryInputs < 0) Fail("journal.snapshotEveryInputs", "must be zero (no snapshots) or positive");
        if (Generator.OrdersPerSecond < 0) Fail("generator.ordersPerSecond", "must be zero (as fast as possible) or positive");
        Replication.Validate(Fail, Rings.InputSize);
        if (Replication.IsStandby && Journal.Directory is not null && Journal.Directory.Contains("{utc}", StringComparison.Ordinal))
            Fail("journal.directory", "a standby needs a fixed journal directory (without {utc}) so that it resumes where it stopped");
    }

    private static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    public TradeX.Journal.JournalOptions ToJournalOptions() => new()
    {
        SegmentBytes = (long)Journal.SegmentMegabytes << 20,
        Sync = Journal.Sync switch
        {
            "every-batch" => TradeX.Journal.JournalSyncPolicy.EveryBatch,
            "group" => TradeX.Journal.JournalSyncPolicy.Group,
            "interval" => TradeX.Journal.JournalSyncPolicy.Interval,
            _ => TradeX.Journal.JournalSyncPolicy.None,
        },
        SyncIntervalMillis = Journal.SyncIntervalMillis,
    };

    /// <summary>The engine's table sizes: the <c>engine</c> section's, each one it leaves null derived from the rest of the configuration.</summary>
    public EngineCapacities Capacities() => EngineCapacities.For(this);

    public PipelineOptions ToPipelineOptions() => ToPipelineOptions(Capacities());

    private PipelineOptions ToPipelineOptions(EngineCapacities capacities) => new()
    {
        InputRingSize = Rings.InputSize,
        OutputRingSize = Rings.OutputSize,
        InputWaitStrategy = Rings.InputWaitStrategy,
        OutputWaitStrategy = Rings.OutputWaitStrategy,
        EngineCore = Cores.Engine,
        JournalCore = Cores.Journal,
        ReplicationCore = Cores.Replication,
        PublisherCore = Cores.Publisher,
        Threading = Threading.Resolve().Mode,
        IdleSpinMicros = Threading.IdleSpinMicros,
        IdleTimeoutMillis = Math.Min(Threading.IdleTimeoutMillis, Run.TimerTickMillis),
        InMemoryJournalCapacity = Engine.InMemoryJournalCapacity,
        Engine = EngineOptions.Default with
        {
            MaxOpenOrders = capacities.MaxOpenOrders,
            MaxPositions = capacities.MaxPositions,
            ExpectedClientOrderIdsPerDay = capacities.ClientOrderIdsPerDay,
            ExpectedVenueFillsPerDay = capacities.VenueFillsPerDay,
            ExpectedVenueOrdersPerDay = capacities.VenueOrdersPerDay,
            CircuitBreakerViolations = Engine.CircuitBreakerViolations,
            CircuitBreakerWindowNanos = (long)(Engine.CircuitBreakerWindowSeconds * 1e9),
            CircuitBreakerReasons = Engine.BreakerReasons(out _),
            DefaultMarketProtectionBps = Engine.DefaultMarketProtectionBps,
            MaxOpenBreaks = Engine.MaxOpenBreaks,
        },
    };

    /// <summary>The reference-data inputs that set the engine up (instruments, accounts, operators), in order.</summary>
    public IEnumerable<EngineInput> ReferenceData()
    {
        foreach (var op in Operators)
            yield return EngineInput.Of(new DefineOperator { Operator = Ascii16.Create(op.Name), CanReenable = op.CanReenable });
        foreach (var x in Instruments)
            yield return EngineInput.Of(new DefineInstrument
            {
                Instrument = new InstrumentId(x.Id), Symbol = Ascii16.Create(x.Symbol), TickSize = Price.Parse(x.Tick), LotSize = Quantity.Of(x.Lot),
                ReferencePrice = Price.Parse(x.Reference), PriceBandBps = x.BandBps,
                MarketProtectionTicks = x.ProtectionTicks, MarketProtectionBps = x.ProtectionBps,
            });
        foreach (var v in Venues)
            yield return EngineInput.Of(new DefineVenue
            {
                Venue = new VenueId(v.Id), Name = Ascii16.Create(v.Name), FeePerUnit = Price.Parse(v.Fee), LatencyNanos = (long)(v.LatencyMicros * 1_000),
                Enabled = v.Enabled,
            });
        foreach (var a in Accounts)
            yield return EngineInput.Of(new DefineAccount
            {
                Account = new AccountId(a.Id), Participant = new ParticipantId(a.Participant), Cash = Money.Parse(a.Cash),
                MaxGrossExposure = a.GrossExposure is null ? Money.Zero : Money.Parse(a.GrossExposure),
                MaxNetExposure = a.NetExposure is null ? Money.Zero : Money.Parse(a.NetExposure),
                MaxOrderQuantity = Quantity.Of(a.MaxOrderQuantity),
                MaxOrderNotional = a.MaxOrderNotional is null ? Money.Zero : Money.Parse(a.MaxOrderNotional),
                MaxPosition = Quantity.Of(a.MaxPosition),
                DailyLossLimit = a.DailyLoss is null ? Money.Zero : Money.Parse(a.DailyLoss),
                MaxOrdersPerSecond = a.OrdersPerSecond,
            });
    }
}

public sealed class ConfigException(string message) : Exception(message);
