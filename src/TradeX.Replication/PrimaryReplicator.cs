using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Disruptor.Agents;
using TradeX.Journal;
using TradeX.Pipeline;
using TradeX.Protocol.Replication;
using TradeX.Replication.Transport;

namespace TradeX.Replication;

/// <summary>
/// The primary's side of replication, in two parts on the pipeline's terms:
/// <list type="bullet">
/// <item>the replication stage's handler (<see cref="Replicate"/>): each input, with the engine time after it, goes into
/// an in-memory history (<see cref="InputHistory"/>), published per batch; the stage never waits for the network;</item>
/// <item>an agent (<see cref="DoWork"/>, on the input thread in shared and single modes, on its own thread in dedicated
/// mode): accepts the standby, answers its Hello, streams journal records from where the standby's journal ends — from
/// the journal's files while it is behind what the history holds, then from the history — reads its acknowledgements,
/// and sends heartbeats and state-hash checkpoints.</item>
/// </list>
/// In synchronous mode <see cref="ReleaseGate"/> is the ring sequence the standby has made durable: the engine stage waits
/// for it, so no response to input N exists before the standby holds N. One standby at a time.
/// </summary>
public sealed class PrimaryReplicator : IReplicator, IAgent, IDisposable
{
    private readonly ReplicationOptions _options;
    private readonly NodeEpoch _epoch;
    private readonly Socket _listener;
    private readonly InputHistory _history;
    private readonly long _sequenceBase;
    private readonly string? _journalDirectory;
    private readonly StateCheckpoints? _checkpoints;
    private readonly Action<string> _log;
    private readonly Sequence _gate;
    private readonly FragmentHandler _onHandshake;
    private readonly FragmentHandler _onMessage;
    private readonly long _heartbeatTicks;
    private readonly long _timeoutTicks;
    private Action _wakeEngine = () => { };

    // Replication stage (its thread only).
    private long _engineTime;
    private long _batchTicks;
    private int _unpublished;

    // Agent (its thread only, except the volatile counters).
    private TcpDuplex? _pending;
    private long _pendingSince;
    private TcpDuplex? _standby;
    private uint _standbyNode;
    private long _next;
    private JournalCursor? _cursor;
    private long _nextAcceptCheck;
    private long _nextReceive;
    private long _checkpointIndex;
    private long _acked = -1;
    private long _applied;
    private long _recordsSent;
    private long _recordsFromFiles;
    private long _connections;
    private long _lastLagTicks;
    private volatile bool _fenced;
    private volatile string _standbyState = "none";
    private bool _disposed;

    /// <param name="listen">Where standbys connect (the port may be 0: see <see cref="ListenEndPoint"/>).</param>
    /// <param name="sequenceBase">The engine sequence the journal was recovered to: the first input replicated live is the next one.</param>
    /// <param name="initialEngineTime">The recovered engine's time (the engine time before the first live input, as the journal has it).</param>
    /// <param name="journalDirectory">The journal's directory, to serve a standby that is behind the history; null for an in-memory journal.</param>
    /// <param name="checkpoints">The engine's state checkpoints to send, or null.</param>
    public PrimaryReplicator(ReplicationOptions options, NodeEpoch epoch, IPEndPoint listen, long sequenceBase, long initialEngineTime,
        string? journalDirectory, StateCheckpoints? checkpoints, Action<string>? log = null)
    {
        options.Validate();
        _options = options;
        _epoch = epoch;
        _sequenceBase = sequenceBase;
        _engineTime = initialEngineTime;
        _journalDirectory = journalDirectory;
        _checkpoints = checkpoints;
        _log = log ?? (_ => { });
        _history = new InputHistory(options.HistoryInputs);
        _gate = new Sequence();
        _onHandshake = OnHandshake;
        _onMessage = OnMessage;
        _heartbeatTicks = options.HeartbeatMillis * Stopwatch.Frequency / 1000;
        _timeoutTicks = options.TimeoutMillis * Stopwatch.Frequency / 1000;
        _listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(listen);
            _listener.Listen(4);
            _listener.Blocking = false;
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        ListenEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _log($"replication: primary (node {options.NodeId}, epoch {epoch.Value}, {Describe(options.Mode)}) listening on {ListenEndPoint}");
    }

    public string RoleName => "replication";

    public IPEndPoint ListenEndPoint { get; }

    public ReplicationMode Mode => _options.Mode;

    /// <summary>Wakes the agent when it sleeps on its own thread (dedicated mode); the stage signals it after each batch.</summary>
    public WakeSignal Wake { get; } = new();

    /// <summary>True once a node of a newer epoch has been seen: this node was superseded and must not act as primary.</summary>
    public bool IsFenced => _fenced;

    // ---------------------------------------------------------------- replication stage

    public void Replicate(ref InputEntry entry, long sequence, bool endOfBatch)
    {
        ref EngineInput input = ref entry.Input;
        _engineTime = Math.Max(_engineTime, input.Time);
        if (_batchTicks == 0) _batchTicks = Stopwatch.GetTimestamp();
        _history.Write(in input, _engineTime, _batchTicks);
        if (endOfBatch || ++_unpublished >= InputHistory.MaxUnpublished)
        {
            _history.Publish(input.Sequence);
            _unpublished = 0;
        }
        if (endOfBatch)
        {
            _batchTicks = 0;
            // Asynchronous: the engine may go as far as replication has (the gate only stops it once fenced).
            if (_options.Mode == ReplicationMode.Asynchronous && !_fenced) _gate.Value = sequence;
            Wake.Signal();
        }
    }

    /// <summary>The ring sequence the standby has acknowledged durable (-1 before any).</summary>
    public long AcknowledgedSequence => Math.Max(-1, Volatile.Read(ref _acked) - _sequenceBase - 1);

    /// <summary>
    /// The engine's release gate. Synchronous: the ring sequence the standby has acknowledged durable. Asynchronous: what the
    /// replication stage has handled. In both modes it stops for good once this node is fenced (a node of a newer epoch
    /// exists), so a superseded primary releases no further output.
    /// </summary>
    public Sequence? ReleaseGate => _gate;

    public void BindEngineWake(Action wake) => _wakeEngine = wake;

    // ---------------------------------------------------------------- agent

    public int DoWork()
    {
        int work = 0;
        long now = Stopwatch.GetTimestamp();
        if (now >= _nextAcceptCheck)
        {
            _nextAcceptCheck = now + Stopwatch.Frequency / 1000;
            work += Accept(now);
        }
        if (_pending is { } pending)
        {
            work += pending.Poll(_onHandshake, 1);
            if (_pending == pending && (!pending.IsConnected || now - _pendingSince > _timeoutTicks))
            {
                _log($"replication: connection from {pending.Remote} ended before its Hello ({pending.CloseReason ?? "no Hello in time"})");
                pending.Dispose();
                _pending = null;
            }
            else if (_pending == pending && pending.PendingBytes > 0)
            {
                pending.Flush();
            }
        }
        if (_standby is { } standby)
        {
            work += Stream(standby, now);
        }
        return work;
    }

    private int Stream(TcpDuplex standby, long now)
    {
        int work = SendRecords(standby);
        bool waitingForAck = _options.Mode == ReplicationMode.Synchronous && !_fenced && Volatile.Read(ref _acked) < _next - 1;
        if (waitingForAck || now >= _nextReceive)
        {
            _nextReceive = now + Stopwatch.Frequency / 5000; // 200 µs: acknowledgements only decide something in synchronous mode
            work += standby.Poll(_onMessage, 64);
        }
        work += SendCheckpoints(standby);
        if (now - standby.LastSentTicks > _heartbeatTicks) ReplicationMessages.Heartbeat(standby, _epoch.Value, LastSequence);
        if (now - standby.LastReceivedTicks > _timeoutTicks) standby.Close($"the standby sent nothing for {_options.TimeoutMillis} ms");
        standby.Flush();
        if (!standby.IsConnected)
        {
            DropStandby(standby.CloseReason ?? "closed");
            return work;
        }
        // Synchronous mode: keep the thread polling while an acknowledgement is due (a round trip of tens of microseconds);
        // after a timeout without one, sleep as usual (the standby is gone, and the timeout will drop it).
        if (waitingForAck && now - standby.LastReceivedTicks < _timeoutTicks) work++;
        return work;
    }

    /// <summary>The last sequence this primary has: the history's, or the recovered journal's before the first live input.</summary>
    private long LastSequence => Math.Max(_history.Published, _sequenceBase);

    private int Accept(long now)
    {
        if (!_listener.Poll(0, SelectMode.SelectRead)) return 0;
        Socket socket;
        try
        {
            socket = _listener.Accept();
        }
        catch (SocketException)
        {
            return 0;
        }
        if (_pending is not null)
        {
            _log($"replication: {socket.RemoteEndPoint} refused: another connection is still saying Hello");
            socket.Dispose();
            return 1;
        }
        _pending = new TcpDuplex(socket, ReplicationOptions.MaxMessageBytes, _options.SendBufferBytes);
        _pendingSince = now;
        return 1;
    }

    private void OnHandshake(ReadOnlySpan<byte> message)
    {
        var connection = _pending!;
        int template = ReplicationMessages.TemplateOf(message, out string? error);
        if (template != HelloDecoder.SbeTemplateId || !HelloDecoder.TryWrap(message, 0, out var hello, out _))
        {
            Refuse(connection, ReplicationReason.ProtocolError, error ?? $"the first message must be Hello (template {HelloDecoder.SbeTemplateId}), not template {template}");
            return;
        }
        ulong epoch = _epoch.Value;
        long last = LastSequence;
        if (hello.Epoch > epoch)
        {
            _fenced = true;
            _log($"replication: ALARM node {hello.NodeId} is at epoch {hello.Epoch}, this primary at {epoch}: a newer primary exists; this node is fenced " +
                 $"and releases no output after ring sequence {_gate.Value:N0}");
            Refuse(connection, ReplicationReason.NotPrimary, $"node {_options.NodeId} is at epoch {epoch}, older than yours ({hello.Epoch})");
            return;
        }
        if (_fenced)
        {
            Refuse(connection, ReplicationReason.NotPrimary, $"node {_options.NodeId} is fenced: a node of a newer epoch exists");
            return;
        }
        if (hello.NodeId == _options.NodeId)
        {
            Refuse(connection, ReplicationReason.NodeIdClash, $"both nodes have node id {hello.NodeId}");
            return;
        }
        if (_standby is { } current && _standbyNode != hello.NodeId)
        {
            Refuse(connection, ReplicationReason.StandbyAlreadyConnected, $"node {_standbyNode} is the standby of this primary");
            return;
        }
        if (hello.LastSequence > last)
        {
            _log($"replication: ALARM standby node {hello.NodeId} holds inputs up to {hello.LastSequence:N0}, this primary only up to {last:N0}: it has inputs this primary lost (promote it, or rebuild it from this primary)");
            Refuse(connection, ReplicationReason.StandbyAhead, $"your journal ends at {hello.LastSequence}, the primary's at {last}");
            return;
        }
        long first = hello.LastSequence + 1;
        if (first < _history.Oldest && _journalDirectory is null && first <= last)
        {
            Refuse(connection, ReplicationReason.HistoryUnavailable, $"the primary keeps inputs from {_history.Oldest} in memory and has no journal files");
            return;
        }
        if (_standby is { } replaced) DropStandby($"replaced by a new connection from node {hello.NodeId}");
        ReplicationMessages.Welcome(connection, _options.NodeId, epoch, _options.Mode, first, last, _checkpoints?.Every ?? 0);
        _pending = null;
        _standby = connection;
        _standbyNode = hello.NodeId;
        _next = first;
        _cursor = null;
        // What this standby holds (a fresh one holds less than the one before it). The release gate is not moved back:
        // what it let through is durable on the standby that acknowledged it.
        Volatile.Write(ref _acked, hello.LastSequence);
        _lastLagTicks = 0;
        _checkpointIndex = Math.Max(0, (_checkpoints?.Count ?? 0) - 8);
        Interlocked.Increment(ref _connections);
        _standbyState = first <= last ? "catching up" : "live"; // a diverged standby that connects again has been rebuilt
        _log($"replication: standby node {hello.NodeId} ({connection.Remote}, epoch {hello.Epoch}) connected; its journal ends at {hello.LastSequence:N0}, this primary's at {last:N0}: sending from {first:N0}");
    }

    private void Refuse(TcpDuplex connection, ReplicationReason reason, string text)
    {
        _log($"replication: refused {connection.Remote}: {reason} ({text})");
        ReplicationMessages.Reject(connection, _options.NodeId, _epoch.Value, reason, text);
        connection.Flush();
        connection.Dispose();
        if (_pending == connection) _pending = null;
    }

    private void DropStandby(string reason)
    {
        var standby = _standby;
        if (standby is null) return;
        _standby = null;
        _cursor?.Dispose();
        _cursor = null;
        standby.Dispose();
        if (_standbyState != "diverged") _standbyState = "disconnected";
        _log($"replication: standby node {_standbyNode} disconnected at sequence {_next - 1:N0} sent, {Volatile.Read(ref _acked):N0} acknowledged: {reason}");
    }

    private const int RecordsOffset = RecordBatchEncoder.SbeHeaderLength + RecordBatchEncoder.SbeBlockLength + 4;

    private int SendRecords(TcpDuplex standby)
    {
        int batches = 0;
        while (batches < 8 && _next <= LastSequence)
        {
            Span<byte> room = standby.TryClaim(_options.MaxBatchBytes + RecordsOffset);
            if (room.IsEmpty) break; // back pressure: the standby reads slower than we send
            long first = _next;
            int at = RecordsOffset;
            int count = _next >= _history.Oldest ? FromHistory(room, ref at) : FromFiles(room, ref at);
            if (count == 0)
            {
                standby.Abort();
                break;
            }
            var batch = RecordBatchEncoder.WrapAndApplyHeader(room);
            batch.Epoch = _epoch.Value;
            batch.FirstSequence = first;
            batch.Count = (uint)count;
            BinaryPrimitives.WriteUInt32LittleEndian(room[(RecordsOffset - 4)..], (uint)(at - RecordsOffset));
            standby.Commit(at);
            Interlocked.Add(ref _recordsSent, count);
            batches++;
        }
        if (_next > LastSequence && _standbyState == "catching up") _standbyState = "live";
        return batches;
    }

    private int FromHistory(Span<byte> room, ref int at)
    {
        int count = 0;
        long published = _history.Published;
        while (_next <= published && room.Length - at >= RecordFormat.MaxLength)
        {
            if (!_history.TryRead(_next, out EngineInput input, out long engineTime, out _)) break; // lapped: the files have it
            at += RecordFormat.Write(in input, engineTime, room[at..]);
            _next++;
            count++;
        }
        return count;
    }

    private int FromFiles(Span<byte> room, ref int at)
    {
        if (_journalDirectory is null) return 0;
        int count = 0;
        try
        {
            _cursor ??= JournalReader.Open(_journalDirectory).ReadFrom(_next);
            while (_next < _history.Oldest && room.Length - at >= RecordFormat.MaxLength)
            {
                if (!_cursor.MoveNext())
                {
                    // The end of what has been written so far: open again next time (new records, a new segment).
                    _cursor.Dispose();
                    _cursor = null;
                    break;
                }
                ref readonly EngineInput input = ref _cursor.Current;
                if (input.Sequence < _next) continue;
                if (input.Sequence != _next) throw new JournalFormatException($"the journal gave sequence {input.Sequence} where {_next} was due");
                // The journal's own bytes (frame and CRC already verified by the cursor): no second encoding.
                ReadOnlySpan<byte> record = _cursor.CurrentRecord;
                record.CopyTo(room[at..]);
                at += record.Length;
                _next++;
                count++;
            }
        }
        catch (Exception e) when (e is IOException or JournalCorruptException or JournalFormatException or UnauthorizedAccessException)
        {
            _cursor?.Dispose();
            _cursor = null;
            _standby?.Close($"reading the journal for catch-up at {_next}: {e.Message}");
            return 0;
        }
        Interlocked.Add(ref _recordsFromFiles, count);
        return count;
    }

    private int SendCheckpoints(TcpDuplex standby)
    {
        if (_checkpoints is null) return 0;
        int sent = 0;
        long count = _checkpoints.Count;
        if (_checkpointIndex < count - 60) _checkpointIndex = count - 60; // overwritten: send what is still kept
        while (_checkpointIndex < count && _checkpoints.TryGet(_checkpointIndex, out long sequence, out ulong hash))
        {
            if (sequence >= _next) break; // the standby must have the records before it can compare
            if (!ReplicationMessages.Checkpoint(standby, _epoch.Value, sequence, hash)) break;
            _checkpointIndex++;
            sent++;
        }
        return sent;
    }

    private void OnMessage(ReadOnlySpan<byte> message)
    {
        var standby = _standby!;
        int template = ReplicationMessages.TemplateOf(message, out string? error);
        switch (template)
        {
            case AckDecoder.SbeTemplateId when AckDecoder.TryWrap(message, 0, out var ack, out _):
                if (ack.Epoch < _epoch.Value) break; // from before this primary's epoch: ignore
                OnAck(ack.DurableSequence, ack.AppliedSequence);
                break;
            case HeartbeatDecoder.SbeTemplateId:
                break; // arrival is what counts (LastReceivedTicks)
            case RejectDecoder.SbeTemplateId when RejectDecoder.TryWrap(message, 0, out var reject, out _):
                string text = reject.GetTextString();
                var reason = (ReplicationReason)reject.Reason;
                if (reason == ReplicationReason.StateHashMismatch) _standbyState = "diverged";
                _log($"replication: ALARM standby node {_standbyNode} stopped following: {reason} ({text})");
                standby.Close($"the standby refused: {reason}");
                break;
            default:
                standby.Close($"unexpected message from the standby: {error ?? $"template {template}"}");
                break;
        }
    }

    private void OnAck(long durable, long applied)
    {
        _applied = applied;
        if (durable <= _acked) return;
        long sent = _next - 1;
        if (durable > sent) durable = sent; // never trust an acknowledgement beyond what was sent
        Volatile.Write(ref _acked, durable);
        if (_history.TryTicks(durable, out long ticks)) Volatile.Write(ref _lastLagTicks, Stopwatch.GetTimestamp() - ticks);
        if (_options.Mode == ReplicationMode.Synchronous && !_fenced)
        {
            long ring = durable - _sequenceBase - 1;
            if (ring > _gate.Value)
            {
                _gate.Value = ring;
                _wakeEngine();
            }
        }
    }

    /// <summary>What an operator's status line and the metrics show.</summary>
    public ReplicationStatus Status()
    {
        long last = LastSequence;
        long acked = Volatile.Read(ref _acked);
        return new ReplicationStatus
        {
            Role = _fenced ? "primary (fenced)" : "primary",
            Mode = _options.Mode,
            Epoch = _epoch.Value,
            NodeId = _options.NodeId,
            Peer = _standby is null ? "no standby" : $"standby node {_standbyNode}",
            PeerState = _standbyState,
            LastSequence = last,
            PeerDurableSequence = Math.Max(0, acked),
            PeerAppliedSequence = _applied,
            LagRecords = acked < 0 ? last : last - acked,
            LagMicros = Volatile.Read(ref _lastLagTicks) * 1_000_000 / Stopwatch.Frequency,
            RecordsSent = Interlocked.Read(ref _recordsSent),
            RecordsFromFiles = Interlocked.Read(ref _recordsFromFiles),
            Connections = Interlocked.Read(ref _connections),
        };
    }

    internal static string Describe(ReplicationMode mode) => mode == ReplicationMode.Synchronous
        ? "synchronous: a response waits for the standby's acknowledgement"
        : "asynchronous: responses wait only for this node's journal";

    /// <summary>Sleeps (dedicated mode, on the agent's own thread) until a socket is ready, the stage signals, or the timeout.</summary>
    public IParkable Parking => new OwnThreadParking(this);

    private sealed class OwnThreadParking(PrimaryReplicator owner) : IParkable
    {
        private readonly PollSet _set = new(4);

        public void Park(WakeSignal wake, int timeoutMilliseconds)
        {
            if (!PollSet.IsSupported)
            {
                wake.Wait(Math.Min(timeoutMilliseconds, 1));
                return;
            }
            _set.Clear();
            _set.Add(wake.FileDescriptor, PollSet.Readable);
            _set.Add((int)owner._listener.Handle, PollSet.Readable);
            if (owner._pending is { IsConnected: true } p) _set.Add(p.FileDescriptor, PollSet.Readable);
            if (owner._standby is { IsConnected: true } s) _set.Add(s.FileDescriptor, s.PendingBytes > 0 ? (short)(PollSet.Readable | PollSet.Writable) : PollSet.Readable);
            _set.Wait(timeoutMilliseconds);
            wake.Drain();
            owner._nextAcceptCheck = 0;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _pending?.Dispose();
        DropStandby("the primary stopped");
        _listener.Dispose();
        Wake.Dispose();
    }
}
