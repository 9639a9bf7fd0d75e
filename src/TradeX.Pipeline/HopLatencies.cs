using System.Diagnostics;
using TradeX.Metrics;

namespace TradeX.Pipeline;

/// <summary>
/// Where the time of a response goes inside the node, hop by hop, as HDR histograms in nanoseconds: from
/// the input's receipt (the gateway's read of its bytes) to its journal batch being durable, from durable to
/// the engine having applied it, from applied to the first event reaching the statistics publisher, and —
/// recorded by the gateway's publisher after its per-batch socket write — from receipt and from applied to
/// the response written to the client's socket. Each histogram has one writer thread; read them only when
/// the pipeline has stopped.
/// </summary>
public sealed class HopLatencies
{
    public HopLatencies(long highestTrackableNanos = 60_000_000_000L, int significantDigits = 3)
    {
        HdrHistogram New() => new(1, highestTrackableNanos, significantDigits);
        ReceiptToDurable = New();
        DurableToApplied = New();
        AppliedToPublished = New();
        ReceiptToWritten = New();
        AppliedToWritten = New();
    }

    public HdrHistogram ReceiptToDurable { get; }
    public HdrHistogram DurableToApplied { get; }
    public HdrHistogram AppliedToPublished { get; }
    /// <summary>Receipt to the response written to the socket (the gateway's publisher thread).</summary>
    public HdrHistogram ReceiptToWritten { get; }
    public HdrHistogram AppliedToWritten { get; }

    /// <summary>The hops in order, with names for reports: (name, histogram).</summary>
    public IReadOnlyList<(string Name, HdrHistogram Histogram)> Hops =>
    [
        ("receipt → journal durable", ReceiptToDurable),
        ("durable → engine applied", DurableToApplied),
        ("applied → publisher", AppliedToPublished),
        ("applied → response written", AppliedToWritten),
        ("receipt → response written", ReceiptToWritten),
    ];

    /// <summary>On the statistics publisher: the first event of a measured input arrived at <paramref name="nowTicks"/>.</summary>
    internal void RecordPublished(ref OutputEntry data, long nowTicks)
    {
        if (data.DurableTicks != 0)
        {
            Record(ReceiptToDurable, data.DurableTicks - data.StartTicks);
            if (data.AppliedTicks != 0) Record(DurableToApplied, data.AppliedTicks - data.DurableTicks);
        }
        if (data.AppliedTicks != 0) Record(AppliedToPublished, nowTicks - data.AppliedTicks);
    }

    /// <summary>On the gateway's publisher, after it wrote a batch's responses: one measured response of that batch.</summary>
    public void RecordWritten(long startTicks, long appliedTicks, long writtenTicks)
    {
        Record(ReceiptToWritten, writtenTicks - startTicks);
        if (appliedTicks != 0) Record(AppliedToWritten, writtenTicks - appliedTicks);
    }

    private static void Record(HdrHistogram histogram, long ticks) =>
        histogram.RecordValue(Math.Max(1, NodeClock.TicksToNanos(Math.Max(0, ticks))));

    /// <summary>Now, in the ticks every hop is stamped with.</summary>
    public static long Now() => Stopwatch.GetTimestamp();
}
