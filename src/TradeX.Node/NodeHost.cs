using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Gateway;
using TradeX.Gateway.Participants;
using TradeX.Journal;
using TradeX.Node.Config;
using TradeX.Node.Gateway;
using TradeX.Node.Load;
using TradeX.Pipeline;
using TradeX.Replication;
using TradeX.Venues;

namespace TradeX.Node;

/// <summary>
/// The node built from its configuration: the journal recovered (newest snapshot + replay) and appended
/// after, the pipeline, the FIX venue sessions and the market-maker gateway. <see cref="Build"/>,
/// <see cref="Start"/>, then the producers and loads run, then <see cref="Stop"/>; disposing releases the
/// journal, snapshots and participant store. Used by the main job and by whatever hosts the node with a load.
/// </summary>
public sealed class NodeHost : IDisposable
{
    private readonly List<TradeX.Fix.Transport.FixEngine> _fixEngines = new();
    private FileJournal? _fileJournal;
    private SnapshotWriter? _snapshots;
    private NodeParticipants? _participants;
    private OrderEntryGateway? _gateway;
    private NodePipeline? _pipeline;
    private StateCheckpoints? _checkpoints;
    private NodeEpoch? _epoch;
    private PrimaryReplicator? _primary;
    private StandbyReplica? _standby;
    private HostedAgent? _replicationAgent;

    private NodeHost(NodeConfig config, Action<string> log)
    {
        Config = config;
        Log = log;
        Options = config.ToPipelineOptions();
    }

    public NodeConfig Config { get; }
    public Action<string> Log { get; }
    public PipelineOptions Options { get; }
    public NodePipeline Pipeline => _pipeline!;
    /// <summary>The engine sequence the journal was recovered to (0 for a fresh engine).</summary>
    public long SequenceBase { get; private set; }
    /// <summary>The journal directory (with <c>{utc}</c> replaced), or null when the journal is kept in memory.</summary>
    public string? JournalDirectory { get; private set; }
    public FileJournal? FileJournal => _fileJournal;
    public SnapshotWriter? Snapshots => _snapshots;
    /// <summary>The gateway, or null when it is disabled or has no participant store.</summary>
    public OrderEntryGateway? Gateway => _gateway;
    public NodeParticipants? Participants => _participants;
    /// <summary>The primary's replication (role primary), or null.</summary>
    public PrimaryReplicator? Primary => _primary;
    /// <summary>The standby's replica (role standby), or null.</summary>
    public StandbyReplica? Standby => _standby;
    /// <summary>The engine's state checkpoints (when replicating), or null.</summary>
    public StateCheckpoints? Checkpoints => _checkpoints;

    /// <summary>Replication's role, mode, epoch and lag, or null for a standalone node.</summary>
    public ReplicationStatus? ReplicationStatus() => _primary?.Status() ?? _standby?.Status();

    /// <summary>Builds the node (nothing runs yet).</summary>
    /// <param name="load">What will drive it (it may bring its own participants), or null for external clients only.</param>
    /// <exception cref="NodeStartException">A journal, venue or participant store cannot be used (the message names it).</exception>
    public static NodeHost Build(NodeConfig config, INodeLoad? load, Action<string> log)
    {
        var host = new NodeHost(config, log);
        try
        {
            host.OpenJournal();
            if (config.Replication.IsStandby) return host; // a standby runs no gateway, venue sessions or timer: its only producer is the primary
            host.AddVenues();
            host.AddGateway(load);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private void OpenJournal()
    {
        Func<IEngineEventSink, Engine>? engineFactory = null;
        long engineTime = 0;
        JournalDirectory = Config.Journal.Directory?.Replace("{utc}", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        if (JournalDirectory is not null)
        {
            try
            {
                var forward = new ForwardingSink();
                var recovered = JournalRecovery.Recover(JournalDirectory, forward, Options.Engine, Log);
                SequenceBase = recovered.LastSequence;
                engineTime = recovered.Engine.Now;
                if (SequenceBase > 0)
                    Log($"journal {JournalDirectory}: recovered to sequence {SequenceBase:N0}, state hash {recovered.StateHash:x16}");
                var writer = JournalWriter.Open(JournalDirectory, Config.ToJournalOptions(), Log, recovered.Engine.Now);
                EngineSettingsFile.Write(JournalDirectory, Options.Engine);
                _fileJournal = new FileJournal(writer, SequenceBase);
                _snapshots = new SnapshotWriter(JournalDirectory, Log);
                engineFactory = sink =>
                {
                    forward.Target = sink;
                    return recovered.Engine;
                };
            }
            catch (Exception ex) when (ex is JournalCorruptException or JournalFormatException or IOException)
            {
                throw new NodeStartException($"journal {JournalDirectory}: {ex.Message}");
            }
        }
        var replication = Config.Replication;
        IReplicator? replicator = null;
        if (replication.Role != "none")
        {
            try
            {
                _epoch = NodeEpoch.Open(JournalDirectory);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw new NodeStartException($"replication: {ex.Message}");
            }
            if (replication.CheckpointEveryInputs > 0) _checkpoints = new StateCheckpoints(replication.CheckpointEveryInputs, Log);
        }
        if (replication.IsPrimary)
        {
            NodeConfig.ReplicationSection.TryEndpoint(replication.Listen, out var listen);
            try
            {
                replicator = _primary = new PrimaryReplicator(replication.ToOptions(), _epoch!, listen, SequenceBase, engineTime, JournalDirectory, _checkpoints, Log);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new NodeStartException($"replication.listen {replication.Listen}: {ex.Message}");
            }
        }
        _pipeline = new NodePipeline(Options, _fileJournal, replicator, log: Log, engineFactory: engineFactory, sequenceBase: SequenceBase);
        _pipeline.EngineStage.Checkpoints = _checkpoints;
        _checkpoints?.WarmUp(_pipeline.Engine); // the engine thread does not run yet
        if (replication.IsStandby)
        {
            var pipeline = _pipeline;
            long sequenceBase = SequenceBase;
            var fileJournal = _fileJournal;
            _standby = new StandbyReplica(replication.ToOptions(), _epoch!, [.. replication.Primaries.Select(System.Net.IPEndPoint.Parse)], pipeline.Publisher, SequenceBase,
                durableSequence: () => fileJournal?.Writer.DurableSequence ?? pipeline.Journal.DurableSequence + sequenceBase + 1,
                appliedSequence: () => pipeline.EngineStageHandle.Sequence.Value + sequenceBase + 1,
                _checkpoints, Log);
        }
        if (_snapshots is not null && Config.Journal.SnapshotEveryInputs > 0)
        {
            _pipeline.EngineStage.Snapshots = _snapshots;
            _pipeline.EngineStage.SnapshotEveryInputs = Config.Journal.SnapshotEveryInputs;
        }
    }

    private void AddVenues()
    {
        var withSessions = Config.Venues.Where(v => v.FixSettings is not null).ToList();
        if (withSessions.Count == 0) return;
        var connector = new VenueConnector(Pipeline.Publisher, Config.Instruments.ToDictionary(i => i.Id, i => i.Symbol), Log);
        Pipeline.AddPublisher("venues", connector);
        foreach (var v in withSessions)
        {
            var session = connector.Add(v.Id, v.Name);
            try
            {
                var engine = TradeX.Fix.Transport.FixEngine.FromFile(v.FixSettings!, _ => session,
                    new TradeX.Fix.Transport.FixEngineOptions { SettingsWarning = w => Log($"venue {v.Id} ({v.Name}): {w}") });
                session.Bind(engine.Sessions[0]);
                _fixEngines.Add(engine);
            }
            catch (TradeX.Fix.Settings.FixConfigurationException ex)
            {
                throw new NodeStartException($"venue {v.Id} ({v.Name}): {ex.Message}");
            }
        }
    }

    private void AddGateway(INodeLoad? load)
    {
        if (!Config.Gateway.Enabled) return;
        if (load is { FeedsTheRing: true } && Config.Gateway.ParticipantsFile is null &&
            string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ParticipantStore.EnvironmentVariable)))
        {
            Log($"gateway: not started (no participant store: set gateway.participantsFile or {ParticipantStore.EnvironmentVariable}); the {load.Name} feeds the node");
            return;
        }
        try
        {
            _participants = load?.Participants(Config) ?? NodeParticipants.Configured(Config);
        }
        catch (ParticipantStoreException ex)
        {
            throw new NodeStartException($"gateway participants: {ex.Message}");
        }
        _gateway = NodeGatewayFactory.Create(Config, Pipeline, _participants.Store, Log);
    }

    /// <summary>
    /// Starts the stages and the venue sessions, publishes the reference data (a recovered engine has it
    /// from the journal) and opens the gateway.
    /// </summary>
    /// <exception cref="NodeStartException">The gateway cannot listen (the pipeline is stopped again).</exception>
    public void Start()
    {
        Pipeline.Start();
        if (_primary is not null) _replicationAgent = HostedAgent.Start(Pipeline, _primary, _primary.Wake, _primary.Parking, Options.ReplicationCore);
        if (_standby is not null)
        {
            _standbyWake = new TradeX.Disruptor.Agents.WakeSignal();
            _replicationAgent = HostedAgent.Start(Pipeline, _standby, _standbyWake, _standby, Options.ReplicationCore);
            return; // the primary's journal brings the reference data
        }
        foreach (var engine in _fixEngines) engine.Start();
        foreach (var stage in Pipeline.InputStages)
            if (stage.Affinity.Outcome is AffinityOutcome.CoreUnavailable or AffinityOutcome.Failed or AffinityOutcome.NotSupported)
                Log($"stage '{stage.Name}': {stage.Affinity}");
        foreach (var input in SequenceBase == 0 ? Config.ReferenceData() : [])
        {
            var stamped = input;
            stamped.Time = NodeClock.NowNanos();
            while (!Pipeline.Publisher.TryPublish(in stamped, RunCommand.ProducerReferenceData)) Thread.Yield();
        }
        if (_gateway is null) return;
        try
        {
            _gateway.Start();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            Pipeline.Stop();
            throw new NodeStartException($"gateway {Config.Gateway.Address}:{Config.Gateway.Port}: {ex.Message}");
        }
    }

    /// <summary>
    /// Stops after the producers have: the gateway first (its cancel-on-disconnect inputs still reach the
    /// engine), the venue sessions, then the pipeline drains; then waits for a snapshot being written.
    /// False if a stage did not stop cleanly.
    /// </summary>
    public bool Stop()
    {
        _gateway?.Stop();
        foreach (var engine in _fixEngines) engine.Stop();
        // A standby stops taking records first; a primary keeps serving its standby while the pipeline drains (in
        // synchronous mode the last responses wait for its acknowledgements).
        if (_standby is not null) _replicationAgent?.Stop();
        bool clean = Pipeline.Stop();
        _replicationAgent?.Stop();
        _snapshots?.WaitUntilIdle(TimeSpan.FromSeconds(30));
        return clean;
    }

    private TradeX.Disruptor.Agents.WakeSignal? _standbyWake;

    public void Dispose()
    {
        _replicationAgent?.Stop();
        _primary?.Dispose();
        _standby?.Dispose();
        _standbyWake?.Dispose();
        _gateway?.Dispose();
        _participants?.Dispose();
        _pipeline?.Dispose();
        _snapshots?.Dispose();
        _fileJournal?.Dispose();
        _checkpoints?.Dispose();
    }
}

/// <summary>The node cannot start as configured; the message names the journal, venue, store or address at fault.</summary>
public sealed class NodeStartException(string message) : Exception(message);
