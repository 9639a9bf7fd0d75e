using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TradeX.Core;
using TradeX.Disruptor.Agents;
using TradeX.Journal;
using TradeX.Pipeline;
using TradeX.Protocol.Replication;
using TradeX.Replication.Transport;

namespace TradeX.Replication;

/// <summary>
/// The hot standby's side: an agent that connects to the primary (trying each configured endpoint in turn), says Hello
/// with the last input it holds, and publishes every journal record it receives into its own pipeline's input ring —
/// the standby's journal stage makes it durable and its engine applies it, exactly as on the primary. It acknowledges
/// its journal's durable sequence as it moves, answers heartbeats, and compares the primary's state-hash checkpoints
/// with its own engine's: on a difference it stops applying, raises an alarm and refuses promotion.
/// <para>
/// Every record is checked before it is applied: its frame and CRC32C, and that its sequence is exactly the next one.
/// A damaged record, a gap or a repeat ends the connection; the Hello on the next connection asks again from the last
/// input published, so the record is sent again and nothing is applied twice. When the input ring is full, the rest of
/// a batch waits here and the socket is not read (TCP pushes back on the primary, which never waits for us).
/// </para>
/// The standby must be its pipeline's only producer (no gateway, venue sessions or timer run on a standby), so the ring
/// gives each record the same sequence the primary gave it; that is checked on every input.
/// </summary>
public sealed class StandbyReplica : IAgent, IParkable, IDisposable
{
    /// <summary>The producer id the standby's inputs carry in the ring.</summary>
    public const int Producer = 90;

    private const int KeptCheckpoints = 64;
    private readonly ReplicationOptions _options;
    private readonly NodeEpoch _epoch;
    private readonly IReadOnlyList<IPEndPoint> _primaries;
    private readonly InputPublisher _publisher;
    private readonly Func<long> _durable;
    private readonly Func<long> _applied;
    private readonly StateCheckpoints? _own;
    private readonly Action<string> _log;
    private readonly ControlledFragmentHandler _onMessage;
    private readonly long _heartbeatTicks;
    private readonly long _timeoutTicks;
    private readonly byte[] _pending = new byte[ReplicationOptions.MaxMessageBytes];
    private int _pendingStart;
    private int _pendingEnd;
    private readonly long[] _primarySequences = new long[KeptCheckpoints];
    private readonly ulong[] _primaryHashes = new ulong[KeptCheckpoints];
    private int _primaryCheckpoints;

    private Socket? _connecting;
    private Task? _connect;
    private int _endpoint;
    private TcpDuplex? _connection;
    private bool _welcomed;
    private long _reconnectAt;
    private int _failedConnects;
    private long _lastPublished;
    private long _primaryLast;
    private long _ackedDurable = -1;
    private long _ackedApplied = -1;
    private long _received;
    private long _corrupt;
    private long _compared;
    private long _checkpointsReceived;
    private long _connections;
    private volatile string _state = "connecting";
    private volatile string? _alarm;
    private volatile bool _stopped;

    /// <param name="primaries">Where the primary may be: tried in turn until one answers.</param>
    /// <param name="publisher">The standby pipeline's input publisher (the replica is its only producer).</param>
    /// <param name="lastSequence">The last input the standby's journal holds (what it was recovered to).</param>
    /// <param name="durableSequence">The last engine sequence its journal holds durably.</param>
    /// <param name="appliedSequence">The last engine sequence its engine has applied.</param>
    /// <param name="checkpoints">The standby engine's own state checkpoints, compared with the primary's (null: no comparison).</param>
    public StandbyReplica(ReplicationOptions options, NodeEpoch epoch, IReadOnlyList<IPEndPoint> primaries, InputPublisher publisher,
        long lastSequence, Func<long> durableSequence, Func<long> appliedSequence, StateCheckpoints? checkpoints, Action<string>? log = null)
    {
        options.Validate();
        if (primaries.Count == 0) throw new ArgumentException("a standby needs at least one primary endpoint", nameof(primaries));
        _options = options;
        _epoch = epoch;
        _primaries = primaries;
        _publisher = publisher;
        _lastPublished = lastSequence;
        _durable = durableSequence;
        _applied = appliedSequence;
        _own = checkpoints;
        _log = log ?? (_ => { });
        _onMessage = OnMessage;
        _heartbeatTicks = options.HeartbeatMillis * Stopwatch.Frequency / 1000;
        _timeoutTicks = options.TimeoutMillis * Stopwatch.Frequency / 1000;
        _log($"replication: standby (node {options.NodeId}, epoch {epoch.Value}) following {string.Join(", ", primaries)} from sequence {lastSequence + 1:N0}");
    }

    public string RoleName => "replication-standby";

    /// <summary>The last input handed to the standby's pipeline.</summary>
    public long LastPublished => Volatile.Read(ref _lastPublished);

    /// <summary>Set when the standby must not be promoted: its state differs from the primary's, or it was refused.</summary>
    public string? Alarm => _alarm;

    /// <summary>True once the standby stopped following (an alarm, or <see cref="Stop"/> for a promotion).</summary>
    public bool IsStopped => _stopped;

    public int DoWork()
    {
        long now = Stopwatch.GetTimestamp();
        if (_stopped) return Linger(now);
        if (_connection is null) return Connect(now);
        var connection = _connection;
        int work = DeliverPending();
        if (_pendingStart == _pendingEnd && !_stopped) work += connection.ControlledPoll(_onMessage, 16);
        if (_stopped) return work;
        work += CompareCheckpoints();
        if (_welcomed) SendAck(connection);
        if (now - connection.LastSentTicks > _heartbeatTicks) ReplicationMessages.Heartbeat(connection, _epoch.Value, _durable());
        if (now - connection.LastReceivedTicks > _timeoutTicks) connection.Close($"the primary sent nothing for {_options.TimeoutMillis} ms");
        connection.Flush();
        if (!connection.IsConnected)
        {
            Disconnected(connection.CloseReason ?? "closed", now);
            return work;
        }
        // Records handed to the pipeline and not yet durable: keep polling so the acknowledgement leaves as soon as the
        // journal has them (in synchronous mode the primary's responses wait for it; nothing else would wake this thread).
        if (_ackedDurable < _lastPublished && now - connection.LastReceivedTicks < _timeoutTicks) work++;
        return work;
    }

    private int Connect(long now)
    {
        if (_connect is null)
        {
            if (now < _reconnectAt) return 0;
            var endpoint = _primaries[_endpoint % _primaries.Count];
            _connecting = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _connect = _connecting.ConnectAsync(endpoint);
            return 1;
        }
        if (!_connect.IsCompleted) return 0;
        var socket = _connecting!;
        var endpointTried = _primaries[_endpoint % _primaries.Count];
        bool connected = _connect.Status == TaskStatus.RanToCompletion;
        string? failure = connected ? null : _connect.Exception?.GetBaseException().Message ?? "connect failed";
        _connect = null;
        _connecting = null;
        if (!connected)
        {
            socket.Dispose();
            _endpoint++;
            if (_failedConnects++ % 50 == 0) _log($"replication: cannot reach the primary at {endpointTried}: {failure} (trying again every {_options.ReconnectMillis} ms)");
            _reconnectAt = now + _options.ReconnectMillis * Stopwatch.Frequency / 1000;
            _state = "connecting";
            return 0;
        }
        _failedConnects = 0;
        _connection = new TcpDuplex(socket, ReplicationOptions.MaxMessageBytes, 256 * 1024);
        _welcomed = false;
        _ackedDurable = _ackedApplied = -1;
        _state = "saying hello";
        ReplicationMessages.Hello(_connection, _options.NodeId, _epoch.Value, _lastPublished);
        _connection.Flush();
        Interlocked.Increment(ref _connections);
        return 1;
    }

    private void Disconnected(string reason, long now)
    {
        var connection = _connection;
        if (connection is null) return;
        _connection = null;
        connection.Dispose();
        _pendingStart = _pendingEnd = 0;
        _welcomed = false;
        if (!_stopped) _state = "reconnecting";
        _reconnectAt = now + _options.ReconnectMillis * Stopwatch.Frequency / 1000;
        _log($"replication: connection to the primary {connection.Remote} ended after sequence {_lastPublished:N0}: {reason}");
    }

    private ControlledAction OnMessage(ReadOnlySpan<byte> message)
    {
        Handle(message);
        // A batch the ring could not take whole waits in _pending: read nothing more until it is published.
        return _pendingStart != _pendingEnd ? ControlledAction.Break : ControlledAction.Continue;
    }

    private void Handle(ReadOnlySpan<byte> message)
    {
        var connection = _connection!;
        int template = ReplicationMessages.TemplateOf(message, out string? error);
        switch (template)
        {
            case RecordBatchDecoder.SbeTemplateId when RecordBatchDecoder.TryWrap(message, 0, out var batch, out _):
                if (!_welcomed || !CheckEpoch(batch.Epoch, connection)) return;
                OnRecords(batch.FirstSequence, batch.Records());
                break;
            case WelcomeDecoder.SbeTemplateId when WelcomeDecoder.TryWrap(message, 0, out var welcome, out _):
                if (!CheckEpoch(welcome.Epoch, connection)) return;
                if (welcome.FirstSequence != _lastPublished + 1)
                {
                    connection.Close($"the primary offered records from {welcome.FirstSequence}, the standby needs {_lastPublished + 1}");
                    return;
                }
                _welcomed = true;
                _primaryLast = welcome.PrimaryLastSequence;
                _state = _primaryLast > _lastPublished ? "catching up" : "live";
                _log($"replication: following primary node {welcome.NodeId} at {connection.Remote} (epoch {welcome.Epoch}, {welcome.Mode}); " +
                     $"its journal ends at {welcome.PrimaryLastSequence:N0}, this standby's at {_lastPublished:N0}");
                break;
            case HeartbeatDecoder.SbeTemplateId when HeartbeatDecoder.TryWrap(message, 0, out var heartbeat, out _):
                if (!CheckEpoch(heartbeat.Epoch, connection)) return;
                _primaryLast = Math.Max(_primaryLast, heartbeat.LastSequence);
                if (_primaryLast <= _lastPublished && _welcomed) _state = "live";
                break;
            case CheckpointDecoder.SbeTemplateId when CheckpointDecoder.TryWrap(message, 0, out var checkpoint, out _):
                if (!CheckEpoch(checkpoint.Epoch, connection)) return;
                _checkpointsReceived++;
                int slot = _primaryCheckpoints++ % KeptCheckpoints;
                _primarySequences[slot] = checkpoint.Sequence;
                _primaryHashes[slot] = checkpoint.StateHash;
                break;
            case RejectDecoder.SbeTemplateId when RejectDecoder.TryWrap(message, 0, out var reject, out _):
                var reason = (ReplicationReason)reject.Reason;
                string text = reject.GetTextString();
                _log($"replication: ALARM the primary at {connection.Remote} refused this standby: {reason} ({text})");
                if (reason is ReplicationReason.StandbyAhead or ReplicationReason.NodeIdClash or ReplicationReason.HistoryUnavailable)
                {
                    // Asking again cannot help: an operator decides (promote this node, or rebuild it from the primary).
                    _alarm = $"refused by the primary: {reason} ({text}); the standby stopped following";
                    _state = "refused";
                    _stopped = true;
                }
                connection.Close($"refused: {reason}");
                break;
            default:
                connection.Close($"unexpected message from the primary: {error ?? $"template {template}"}");
                break;
        }
    }

    private bool CheckEpoch(ulong epoch, TcpDuplex connection)
    {
        ulong mine = _epoch.Value;
        if (epoch < mine)
        {
            ReplicationMessages.Reject(connection, _options.NodeId, mine, ReplicationReason.StaleEpoch, $"this standby is at epoch {mine}, the primary at {epoch}: it has been superseded");
            connection.Close($"the primary is at epoch {epoch}, older than this node's {mine} (fenced)");
            _endpoint++; // try the others first
            return false;
        }
        if (epoch > mine)
        {
            _epoch.Raise(epoch);
            _log($"replication: following epoch {epoch} (was {mine})");
        }
        return true;
    }

    private void OnRecords(long first, ReadOnlySpan<byte> records)
    {
        if (first != _lastPublished + 1)
        {
            _connection!.Close($"a batch from sequence {first} where {_lastPublished + 1} was due ({(first <= _lastPublished ? "a repeat" : "a gap")})");
            return;
        }
        int consumed = Publish(records);
        if (consumed < records.Length && !_stopped && _connection is { IsConnected: true })
        {
            // The ring is full: keep the rest, stop reading until the pipeline has made room.
            records[consumed..].CopyTo(_pending);
            _pendingStart = 0;
            _pendingEnd = records.Length - consumed;
        }
    }

    private int DeliverPending()
    {
        if (_pendingStart == _pendingEnd) return 0;
        int consumed = Publish(_pending.AsSpan(_pendingStart, _pendingEnd - _pendingStart));
        _pendingStart += consumed;
        if (_pendingStart == _pendingEnd) _pendingStart = _pendingEnd = 0;
        return consumed > 0 ? 1 : 0;
    }

    /// <summary>Checks and publishes records until the ring is full or the data ends; returns the bytes consumed.</summary>
    private int Publish(ReadOnlySpan<byte> records)
    {
        int at = 0;
        EngineInput input = default;
        while (at < records.Length)
        {
            var rest = records[at..];
            string? damage = RecordFormat.CheckFrame(rest, out int length, out _);
            if (damage is null && !RecordFormat.TryDecode(rest[..length], ref input, out damage)) damage ??= "the message does not decode";
            if (damage is not null)
            {
                Interlocked.Increment(ref _corrupt);
                _connection?.Close($"damaged record after sequence {_lastPublished:N0} ({damage}): asking for it again");
                return records.Length;
            }
            if (input.Sequence != _lastPublished + 1)
            {
                _connection?.Close($"record sequence {input.Sequence} where {_lastPublished + 1} was due");
                return records.Length;
            }
            using (var claim = _publisher.TryClaim(Producer))
            {
                if (!claim.IsClaimed) return at;
                if (claim.Sequence != input.Sequence)
                {
                    // Published all the same (a claim must be): an unknown input the engine rejects, then we stop.
                    Diverge($"the standby's pipeline would give record {input.Sequence} sequence {claim.Sequence}: another producer is feeding it");
                    return records.Length;
                }
                claim.Input = input;
            }
            _lastPublished = input.Sequence;
            _received++;
            at += length;
        }
        if (_welcomed && _lastPublished >= _primaryLast) _state = "live";
        return at;
    }

    private void SendAck(TcpDuplex connection)
    {
        long durable = _durable();
        long applied = _applied();
        if (durable == _ackedDurable && applied == _ackedApplied) return;
        if (durable == _ackedDurable && Stopwatch.GetTimestamp() - connection.LastSentTicks < Stopwatch.Frequency / 1000) return; // applied alone: at most every ms
        if (ReplicationMessages.Ack(connection, _epoch.Value, durable, applied))
        {
            _ackedDurable = durable;
            _ackedApplied = applied;
        }
    }

    private int _comparedUpTo; // primary checkpoints examined so far

    private int CompareCheckpoints()
    {
        if (_own is null) return 0;
        int work = 0;
        while (_comparedUpTo < _primaryCheckpoints)
        {
            if (_primaryCheckpoints - _comparedUpTo > KeptCheckpoints) _comparedUpTo = _primaryCheckpoints - KeptCheckpoints;
            int slot = _comparedUpTo % KeptCheckpoints;
            long sequence = _primarySequences[slot];
            if (_own.TryFind(sequence, out ulong mine))
            {
                if (mine != _primaryHashes[slot])
                {
                    Diverge($"after input {sequence:N0} this standby's state hash is 0x{mine:x16}, the primary's 0x{_primaryHashes[slot]:x16}");
                    return work;
                }
                _compared++;
            }
            else if (_own.LatestSequence <= sequence)
            {
                break; // not applied or not hashed here yet: look again later
            }
            _comparedUpTo++; // compared, or skipped on this side (a later one is recorded): move on
            work++;
        }
        return work;
    }

    private void Diverge(string why)
    {
        _alarm = $"state differs from the primary: {why}; the standby stopped applying and must not be promoted";
        _state = "diverged";
        _log($"replication: ALARM {_alarm}");
        _stopped = true;
        if (_connection is { } connection)
        {
            // Tell the primary, then let it close: closing at once with its records unread would reset the connection
            // and could destroy the Reject before the primary reads it.
            ReplicationMessages.Reject(connection, _options.NodeId, _epoch.Value, ReplicationReason.StateHashMismatch, why);
            connection.Flush();
            _lingerUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        }
    }

    private long _lingerUntil;
    private static readonly ControlledFragmentHandler Discard = _ => ControlledAction.Continue;

    // Stopped with a connection still open (after a Reject): read and drop what arrives until the primary closes, or a second.
    private int Linger(long now)
    {
        if (_connection is not { } connection) return 0;
        connection.Flush();
        connection.ControlledPoll(Discard, 64);
        if (!connection.IsConnected || now > _lingerUntil) Disconnected(connection.CloseReason ?? "the standby stopped following", now);
        return 0;
    }

    /// <summary>Stops following (before a promotion): the connection is closed; inputs already published still reach the journal and engine.</summary>
    public void Stop()
    {
        _stopped = true;
        _state = "stopped";
        _lingerUntil = 0;
    }

    public void OnClose()
    {
        Disconnected("the standby stopped", Stopwatch.GetTimestamp());
        _connecting?.Dispose();
    }

    public void Park(WakeSignal wake, int timeoutMilliseconds)
    {
        int timeout = _pendingStart != _pendingEnd ? 1 : timeoutMilliseconds;
        if (_connection is not { IsConnected: true } connection || !PollSet.IsSupported)
        {
            wake.Wait(_connect is not null ? 1 : timeout);
            return;
        }
        _parkSet.Clear();
        _parkSet.Add(wake.FileDescriptor, PollSet.Readable);
        if (_pendingStart == _pendingEnd) _parkSet.Add(connection.FileDescriptor, PollSet.Readable);
        _parkSet.Wait(timeout);
        wake.Drain();
    }

    private readonly PollSet _parkSet = new(2);

    public ReplicationStatus Status() => new()
    {
        Role = "standby",
        Mode = _options.Mode,
        Epoch = _epoch.Value,
        NodeId = _options.NodeId,
        Peer = $"primary {_primaries[_endpoint % _primaries.Count]}",
        PeerState = _state,
        LastSequence = Volatile.Read(ref _lastPublished),
        PeerDurableSequence = _durable(),
        PeerAppliedSequence = _applied(),
        LagRecords = Math.Max(0, Volatile.Read(ref _primaryLast) - _durable()),
        RecordsReceived = Volatile.Read(ref _received),
        CorruptRecords = Interlocked.Read(ref _corrupt),
        CheckpointsCompared = Volatile.Read(ref _compared),
        CheckpointsReceived = Volatile.Read(ref _checkpointsReceived),
        Connections = Interlocked.Read(ref _connections),
        Alarm = _alarm,
    };

    public void Dispose()
    {
        _connection?.Dispose();
        _connecting?.Dispose();
    }
}
