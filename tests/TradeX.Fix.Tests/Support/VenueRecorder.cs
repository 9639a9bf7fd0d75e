using System.Collections.Concurrent;
using System.Text;
using TradeX.Fix.Venue;

namespace TradeX.Fix.Tests.Support;

/// <summary>Records what a <see cref="VenueSession"/> reports, copying out of the views as the node will.</summary>
public sealed class VenueRecorder : IVenueSessionHandler
{
    public sealed record Report(string ClOrdID, string ExecID, char ExecType, char OrdStatus, long LastQty, long CumQty, long LastPx, bool PossDup, string OrigClOrdID);
    public sealed record CancelReject(string ClOrdID, string OrigClOrdID, char ResponseTo, int Reason);
    public sealed record Rejected(int RefSeqNum, string RefMsgType, int Reason, bool Business);

    public ConcurrentQueue<Report> Reports { get; } = new();
    public ConcurrentQueue<CancelReject> CancelRejects { get; } = new();
    public ConcurrentQueue<Rejected> Rejects { get; } = new();
    public ConcurrentQueue<string> Events { get; } = new();
    public int Ups => Events.Count(e => e == "up");
    public int Downs => Events.Count(e => e.StartsWith("down", StringComparison.Ordinal));

    public void OnSessionUp(VenueSession venue) => Events.Enqueue("up");
    public void OnSessionDown(VenueSession venue, string reason) => Events.Enqueue("down: " + reason);

    public void OnExecutionReport(VenueSession venue, in ExecutionReportView r)
    {
        r.TryGetLastQty(out long lastQty);
        r.TryGetCumQty(out long cumQty);
        r.TryGetLastPx(out long lastPx);
        Reports.Enqueue(new Report(S(r.ClOrdID), S(r.ExecID), (char)r.ExecType, (char)r.OrdStatus, lastQty, cumQty, lastPx, r.PossDup, S(r.OrigClOrdID)));
    }

    public void OnOrderCancelReject(VenueSession venue, in OrderCancelRejectView r) =>
        CancelRejects.Enqueue(new CancelReject(S(r.ClOrdID), S(r.OrigClOrdID), (char)r.CxlRejResponseTo, r.CxlRejReason));

    public void OnMessageRejected(VenueSession venue, in VenueRejectView r) =>
        Rejects.Enqueue(new Rejected(r.RefSeqNum, S(r.RefMsgType), r.Reason, r.IsBusinessReject));

    public List<Report> For(string clOrdId) => Reports.Where(r => r.ClOrdID == clOrdId).ToList();

    private static string S(ReadOnlySpan<byte> b) => Encoding.ASCII.GetString(b);
}
