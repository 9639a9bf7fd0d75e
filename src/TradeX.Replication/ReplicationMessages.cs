using TradeX.Protocol.Replication;
using TradeX.Replication.Transport;
using TradeX.Sbe.Runtime;

namespace TradeX.Replication;

/// <summary>Encodes the small control messages of schemas/replication.xml straight into a publication's claimed room.</summary>
internal static class ReplicationMessages
{
    private const int ControlRoom = 256;

    public static bool Heartbeat(IPublication publication, ulong epoch, long lastSequence)
    {
        Span<byte> room = publication.TryClaim(ControlRoom);
        if (room.IsEmpty) return false;
        var m = HeartbeatEncoder.WrapAndApplyHeader(room);
        m.Epoch = epoch;
        m.LastSequence = lastSequence;
        m.SendingTime = UnixNanos();
        publication.Commit(m.Finish());
        return true;
    }

    public static bool Ack(IPublication publication, ulong epoch, long durable, long applied)
    {
        Span<byte> room = publication.TryClaim(ControlRoom);
        if (room.IsEmpty) return false;
        var m = AckEncoder.WrapAndApplyHeader(room);
        m.Epoch = epoch;
        m.DurableSequence = durable;
        m.AppliedSequence = applied;
        publication.Commit(m.Finish());
        return true;
    }

    public static bool Checkpoint(IPublication publication, ulong epoch, long sequence, ulong hash)
    {
        Span<byte> room = publication.TryClaim(ControlRoom);
        if (room.IsEmpty) return false;
        var m = CheckpointEncoder.WrapAndApplyHeader(room);
        m.Epoch = epoch;
        m.Sequence = sequence;
        m.StateHash = hash;
        publication.Commit(m.Finish());
        return true;
    }

    public static bool Hello(IPublication publication, uint nodeId, ulong epoch, long lastSequence)
    {
        Span<byte> room = publication.TryClaim(ControlRoom);
        if (room.IsEmpty) return false;
        var m = HelloEncoder.WrapAndApplyHeader(room);
        m.NodeId = nodeId;
        m.Epoch = epoch;
        m.Role = Role.Standby;
        m.LastSequence = lastSequence;
        m.LastStateHash = 0;
        m.SendingTime = UnixNanos();
        publication.Commit(m.Finish());
        return true;
    }

    public static bool Welcome(IPublication publication, uint nodeId, ulong epoch, ReplicationMode mode, long firstSequence, long primaryLast, long checkpointEvery)
    {
        Span<byte> room = publication.TryClaim(ControlRoom);
        if (room.IsEmpty) return false;
        var m = WelcomeEncoder.WrapAndApplyHeader(room);
        m.NodeId = nodeId;
        m.Epoch = epoch;
        m.Mode = mode == ReplicationMode.Synchronous ? Protocol.Replication.ReplicationMode.Synchronous : Protocol.Replication.ReplicationMode.Asynchronous;
        m.FirstSequence = firstSequence;
        m.PrimaryLastSequence = primaryLast;
        m.CheckpointEveryInputs = checkpointEvery;
        m.SendingTime = UnixNanos();
        publication.Commit(m.Finish());
        return true;
    }

    public static bool Reject(IPublication publication, uint nodeId, ulong epoch, ReplicationReason reason, string text)
    {
        Span<byte> room = publication.TryClaim(ControlRoom + 1100);
        if (room.IsEmpty) return false;
        var m = RejectEncoder.WrapAndApplyHeader(room);
        m.NodeId = nodeId;
        m.Epoch = epoch;
        m.Reason = (ushort)reason;
        m.SetText(text.Length > 1000 ? text[..1000] : text);
        publication.Commit(m.Finish());
        return true;
    }

    /// <summary>The template id of a message, or -1 (with the reason) when it is not a message of this schema.</summary>
    public static int TemplateOf(ReadOnlySpan<byte> message, out string? error)
    {
        if (!ReplicationSchema.TryReadHeader(message, 0, out SbeMessageHeader header, out SbeError e))
        {
            error = e.ToString();
            return -1;
        }
        error = null;
        return header.TemplateId;
    }

    /// <summary>Wall-clock time for the sendingTime fields (information only: nothing decides on it).</summary>
    public static ulong UnixNanos() => (ulong)((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);
}
