using System.Collections.Concurrent;

namespace TradeX.Gateway;

/// <summary>A refused Negotiate, as recorded: when, who claimed to be whom, from where, and why.</summary>
public sealed record NegotiationRejection(DateTime TimeUtc, long ParticipantId, ulong SessionId, string Remote, GatewayReason Reason);

/// <summary>
/// What the gateway counts (every bounded resource and every refusal has a counter). Counters are
/// written with atomic increments from the I/O and output threads and may be read at any time.
/// </summary>
public sealed class GatewayStatistics
{
    private const int RecentRejectionsKept = 256;
    private readonly long[] _byReason = new long[200];
    private readonly ConcurrentQueue<NegotiationRejection> _recentRejections = new();

    internal long connectionsAccepted, connectionsRefused, negotiations, negotiationRejects, establishments, establishmentRejects,
        malformedFrames, businessRejects, throttled, engineBusy, duplicatesIgnored, inputsPublished, slowConsumers,
        cancelOnDisconnects, protectionTrips, protectionResets, foreignSessionEvents, unmatchedEngineAnswers, retransmissions, retransmitRejects,
        ioAllocatedBytes, outputAllocatedBytes, outputEvents;

    public long ConnectionsAccepted => Interlocked.Read(ref connectionsAccepted);
    /// <summary>Connections closed at once because MaxConnections were open.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref connectionsRefused);
    public long Negotiations => Interlocked.Read(ref negotiations);
    public long NegotiationRejects => Interlocked.Read(ref negotiationRejects);
    public long Establishments => Interlocked.Read(ref establishments);
    public long EstablishmentRejects => Interlocked.Read(ref establishmentRejects);
    /// <summary>Frames refused before their content was used (framing, schema, template, decode errors).</summary>
    public long MalformedFrames => Interlocked.Read(ref malformedFrames);
    public long BusinessRejects => Interlocked.Read(ref businessRejects);
    public long Throttled => Interlocked.Read(ref throttled);
    /// <summary>Messages refused because the engine's input ring was full.</summary>
    public long EngineBusy => Interlocked.Read(ref engineBusy);
    /// <summary>Application messages with a sequence number already processed (idempotent flow: not applied again).</summary>
    public long DuplicatesIgnored => Interlocked.Read(ref duplicatesIgnored);
    public long InputsPublished => Interlocked.Read(ref inputsPublished);
    public long SlowConsumerDisconnects => Interlocked.Read(ref slowConsumers);
    public long CancelOnDisconnects => Interlocked.Read(ref cancelOnDisconnects);
    public long ProtectionTrips => Interlocked.Read(ref protectionTrips);
    public long ProtectionResets => Interlocked.Read(ref protectionResets);
    /// <summary>Engine events naming one of this gateway's session numbers for an account its participant does not own (not delivered).</summary>
    public long ForeignSessionEvents => Interlocked.Read(ref foreignSessionEvents);
    /// <summary>Quote statuses or mass-cancel answers with no pending request (e.g. from before a restart): ignored.</summary>
    public long UnmatchedEngineAnswers => Interlocked.Read(ref unmatchedEngineAnswers);
    public long Retransmissions => Interlocked.Read(ref retransmissions);
    public long RetransmitRejects => Interlocked.Read(ref retransmitRejects);
    public long OutputEvents => Interlocked.Read(ref outputEvents);

    /// <summary>Bytes the I/O thread had allocated, as of its last duty cycle (GC.GetAllocatedBytesForCurrentThread).</summary>
    public long IoThreadAllocatedBytes => Interlocked.Read(ref ioAllocatedBytes);

    /// <summary>Bytes the output (response) thread had allocated, as of its last batch.</summary>
    public long OutputThreadAllocatedBytes => Interlocked.Read(ref outputAllocatedBytes);

    /// <summary>
    /// How often the gateway answered or ended something with <paramref name="reason"/>: sessions ended or
    /// refused (1000-1099: Terminate, NegotiationReject, EstablishmentReject, connection closed) and
    /// messages refused (1100-1199: BusinessMessageReject or the message's own reject type).
    /// </summary>
    public long ByReason(GatewayReason reason)
    {
        int i = (int)reason - 1000;
        return (uint)i < (uint)_byReason.Length ? Interlocked.Read(ref _byReason[i]) : 0;
    }

    /// <summary>The most recent refused negotiations (bounded).</summary>
    public IReadOnlyList<NegotiationRejection> RecentNegotiationRejections => _recentRejections.ToArray();

    internal void Count(GatewayReason reason)
    {
        int i = (int)reason - 1000;
        if ((uint)i < (uint)_byReason.Length) Interlocked.Increment(ref _byReason[i]);
    }

    internal void RecordNegotiationRejection(NegotiationRejection rejection)
    {
        Interlocked.Increment(ref negotiationRejects);
        Count(rejection.Reason);
        _recentRejections.Enqueue(rejection);
        while (_recentRejections.Count > RecentRejectionsKept) _recentRejections.TryDequeue(out _);
    }
}
