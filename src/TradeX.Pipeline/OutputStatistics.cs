using System.Diagnostics;
using TradeX.Core;
using TradeX.Disruptor;
using TradeX.Metrics;

namespace TradeX.Pipeline;

/// <summary>
/// A publisher on the output ring: counts events by kind and rejects by reason (arrays, no allocation)
/// and records the response latency of measured inputs — from the input's start timestamp to the moment
/// this publisher receives the first event that input caused — in an HDR histogram. Every venue fill
/// the engine refused or quarantined as a break (and every break an operator resolved) is an operator
/// alert: one line to the alert log, and counted by status.
/// </summary>
public sealed class OutputStatistics : IEventHandler<OutputEntry>
{
    private readonly long[] _byKind = new long[32];
    private readonly long[] _rejects = new long[64];
    private readonly long[] _cancels = new long[32];
    private readonly long[] _breaks = new long[8];
    private readonly Action<string>? _alerts;

    public OutputStatistics(long highestTrackableNanos = 60_000_000_000L, int significantDigits = 3, Action<string>? alerts = null)
    {
        Latency = new HdrHistogram(1, highestTrackableNanos, significantDigits);
        Hops = new HopLatencies(highestTrackableNanos, significantDigits);
        _alerts = alerts;
    }

    /// <summary>Response latency in nanoseconds. Read it only when the pipeline is halted (single writer).</summary>
    public HdrHistogram Latency { get; }

    /// <summary>The same responses split hop by hop (the written hops are recorded by the gateway's publisher).</summary>
    public HopLatencies Hops { get; }

    public long Events { get; private set; }
    public long Responses { get; private set; }

    public void OnEvent(ref OutputEntry data, long sequence, bool endOfBatch)
    {
        Events++;
        ref EngineEvent e = ref data.Event;
        int kind = (int)e.Kind;
        if ((uint)kind < (uint)_byKind.Length) _byKind[kind]++;
        if (e.Kind == EventKind.OrderRejected) Count(_rejects, (int)e.OrderRejected.Reason);
        else if (e.Kind == EventKind.CancelRejected) Count(_rejects, (int)e.CancelRejected.Reason);
        else if (e.Kind == EventKind.OrderCanceled) Count(_cancels, (int)e.OrderCanceled.Reason);
        else if (e.Kind == EventKind.FillBreak) OnFillBreak(in e.FillBreak, e.Sequence);
        if (data.FirstOfInput && data.Measure)
        {
            Responses++;
            long now = Stopwatch.GetTimestamp();
            long nanos = NodeClock.TicksToNanos(now - data.StartTicks);
            Latency.RecordValue(Math.Max(1, nanos));
            Hops.RecordPublished(ref data, now);
        }
    }

    /// <summary>Rare by nature (a venue break), so the line may allocate: it is off every hot path.</summary>
    private void OnFillBreak(in FillBreak b, long sequence)
    {
        Count(_breaks, (int)b.Status);
        if (_alerts is null) return;
        string what = b.Status switch
        {
            FillBreakStatus.Refused => "venue fill REFUSED",
            FillBreakStatus.Opened => $"venue fill QUARANTINED as break {b.BreakId} (book or bust it: ResolveBreak)",
            FillBreakStatus.Booked => $"break {b.BreakId} BOOKED by {b.Operator}",
            _ => $"break {b.BreakId} BUSTED by {b.Operator}",
        };
        _alerts($"ALERT input {sequence}: {what}: venue {b.Venue} exec {b.ExecutionId} order {b.OrderId} account {b.Account} instrument {b.Instrument} " +
                $"{b.Side} {b.Quantity} @ {b.Price} (order had {b.Leaves} left) — {(int)b.Reason} {RejectReasons.Text(b.Reason)}");
    }

    /// <summary>Fill breaks seen, by status (refused, opened, booked, busted).</summary>
    public long BreaksOf(FillBreakStatus status) => _breaks[(int)status];

    private static void Count(long[] counters, int code)
    {
        if ((uint)code < (uint)counters.Length) counters[code]++;
    }

    public long EventsOf(EventKind kind) => _byKind[(int)kind];

    public IEnumerable<(RejectReason Reason, long Count)> RejectsByReason() =>
        Enumerable.Range(0, _rejects.Length).Where(i => _rejects[i] > 0).Select(i => ((RejectReason)i, _rejects[i]));

    public IEnumerable<(CancelReason Reason, long Count)> CancelsByReason() =>
        Enumerable.Range(0, _cancels.Length).Where(i => _cancels[i] > 0).Select(i => ((CancelReason)i, _cancels[i]));
}
