using System.Diagnostics;
using System.Text;
using RejectReason = TradeX.Core.RejectReason;
using TradeX.Metrics;
using TradeX.Protocol.OrderEntry;
using TradeX.Sim.Client;

namespace TradeX.Sim.Simulator;

/// <summary>
/// One simulated session: its client, the listener that measures send-to-response latency (from each
/// request's due time, recorded by the driver before sending) and counts what comes back, and the
/// taker's resting orders it may later cancel or replace.
/// </summary>
internal sealed class SimSession : IOrderEntryListener
{
    private const int DueSlots = 1 << 16;
    private readonly long[] _orderDue = new long[DueSlots];
    private readonly long[] _quoteDue = new long[DueSlots];
    private readonly Dictionary<ushort, long> _rejects = new();
    private readonly bool _resetTripped;
    private long _lastResetTicks;

    public SimSession(SimParticipant participant, OrderEntryClientOptions options, bool marketMaker, bool resetTripped)
    {
        Participant = participant;
        MarketMaker = marketMaker;
        _resetTripped = resetTripped;
        Client = new OrderEntryClient(options, this);
    }

    public SimParticipant Participant { get; }
    public bool MarketMaker { get; }
    public OrderEntryClient Client { get; }
    public HdrHistogram OrderLatency { get; } = new(1, 60_000_000_000L, 3);
    public HdrHistogram QuoteLatency { get; } = new(1, 60_000_000_000L, 3);

    /// <summary>Cleared before results are read, so a late response does not write a histogram being merged.</summary>
    public volatile bool Recording = true;

    public ulong NextId;
    public int Reconnecting;

    // Resting orders the driver may cancel or replace (driver thread only).
    public readonly (ulong ClOrdId, uint Account, int SecurityId, Side Side, long Price, long Quantity)[] Resting = new (ulong, uint, int, Side, long, long)[256];
    public int RestingCount;

    public long ExecutionReports, Fills, OrdersRejected, QuoteAcks, QuoteEntriesRejected, CancelRejects, BusinessRejects, Disconnects, ProtectionResets;

    public IReadOnlyDictionary<ushort, long> Rejects
    {
        get
        {
            lock (_rejects) return new Dictionary<ushort, long>(_rejects);
        }
    }

    /// <summary>Driver: the due time of order <paramref name="clOrdId"/> (0 = not measured).</summary>
    public void ExpectOrder(ulong clOrdId, long dueTicks) => Volatile.Write(ref _orderDue[(int)(clOrdId & (DueSlots - 1))], dueTicks);

    public void ExpectQuote(ulong quoteId, long dueTicks) => Volatile.Write(ref _quoteDue[(int)(quoteId & (DueSlots - 1))], dueTicks);

    private void Answered(long[] due, HdrHistogram histogram, ulong id, long receivedTicks)
    {
        ref long slot = ref due[(int)(id & (DueSlots - 1))];
        long dueTicks = Interlocked.Exchange(ref slot, 0);
        if (dueTicks == 0 || !Recording) return;
        long nanos = (long)((receivedTicks - dueTicks) * (1e9 / Stopwatch.Frequency));
        histogram.RecordValue(Math.Clamp(nanos, 1, histogram.HighestTrackableValue));
    }

    private void CountReject(ushort reason)
    {
        lock (_rejects) _rejects[reason] = _rejects.GetValueOrDefault(reason) + 1;
    }

    public void OnExecutionNew(ExecutionReportNewDecoder m, in MessageInfo info)
    {
        Interlocked.Increment(ref ExecutionReports);
        Answered(_orderDue, OrderLatency, m.ClOrdId, info.ReceivedTicks);
    }

    public void OnExecutionRejected(ExecutionReportRejectedDecoder m, in MessageInfo info)
    {
        Interlocked.Increment(ref ExecutionReports);
        Interlocked.Increment(ref OrdersRejected);
        CountReject(m.RejectReason);
        Answered(_orderDue, OrderLatency, m.ClOrdId, info.ReceivedTicks);
    }

    public void OnExecutionTrade(ExecutionReportTradeDecoder m, in MessageInfo info)
    {
        Interlocked.Increment(ref ExecutionReports);
        Interlocked.Increment(ref Fills);
    }

    public void OnExecutionCanceled(ExecutionReportCanceledDecoder m, in MessageInfo info) => Interlocked.Increment(ref ExecutionReports);

    public void OnExecutionReplaced(ExecutionReportReplacedDecoder m, in MessageInfo info) => Interlocked.Increment(ref ExecutionReports);

    public void OnCancelReject(OrderCancelRejectDecoder m, in MessageInfo info)
    {
        Interlocked.Increment(ref CancelRejects);
        CountReject(m.RejectReason);
    }

    public void OnBusinessReject(BusinessMessageRejectDecoder m, in MessageInfo info)
    {
        Interlocked.Increment(ref BusinessRejects);
        CountReject(m.ReasonCode);
    }

    public void OnMassQuoteAck(MassQuoteAckDecoder m, in MessageInfo info)
    {
        Interlocked.Increment(ref QuoteAcks);
        Answered(_quoteDue, QuoteLatency, m.QuoteId, info.ReceivedTicks);
        foreach (var entry in m.QuoteEntries())
        {
            if (entry.EntryStatus != TradeX.Protocol.OrderEntry.QuoteEntryStatus.Rejected) continue;
            Interlocked.Increment(ref QuoteEntriesRejected);
            CountReject(entry.RejectReason);
            if (entry.RejectReason == (ushort)RejectReason.ProtectionTripped) RequestReset(entry.SecurityId);
        }
    }

    public void OnSessionEvent(SessionEvent e)
    {
        if (e.Kind is SessionEventKind.Disconnected or SessionEventKind.Terminated) Interlocked.Increment(ref Disconnects);
    }

    private void RequestReset(int instrument)
    {
        if (!_resetTripped) return;
        long now = Stopwatch.GetTimestamp();
        long last = Volatile.Read(ref _lastResetTicks);
        if (now - last < Stopwatch.Frequency / 10 || Interlocked.CompareExchange(ref _lastResetTicks, now, last) != last) return;
        if (Client.SendProtectionReset((ulong)now, instrument) != 0) Interlocked.Increment(ref ProtectionResets);
    }

    public static byte[] SecretBytes(SimParticipant p) => Encoding.UTF8.GetBytes(p.Secret);
}
