using TradeX.Core;

namespace TradeX.Node.Demo;

/// <summary>Gathers what the demo summary shows: counts by kind and reason, trades, alerts, kill switch changes, notes.</summary>
public sealed class DemoSink : IEngineEventSink
{
    public readonly Dictionary<EventKind, long> ByKind = new();
    public readonly Dictionary<RejectReason, long> RejectsByReason = new();
    public readonly Dictionary<CancelReason, long> CancelsByReason = new();
    public readonly List<(long Time, InputRejected Reject)> InputRejects = new();
    public readonly List<(long Time, LimitAlert Alert)> Alerts = new();
    /// <summary>Venue fills refused or quarantined as breaks (operator alerts).</summary>
    public long FillBreaks;
    public readonly List<(long Time, KillSwitchChanged Change)> KillSwitches = new();
    public readonly List<(long Time, string Text)> Notes = new();
    public long InternalTrades, InternalQuantity, InternalNotional, VenueFills, VenueQuantity, DuplicateFills;
    private readonly List<VenueOrderRequested> _venueRequests = new();

    public void Publish(in EngineEvent e)
    {
        ByKind[e.Kind] = ByKind.GetValueOrDefault(e.Kind) + 1;
        switch (e.Kind)
        {
            case EventKind.OrderRejected:
                RejectsByReason[e.OrderRejected.Reason] = RejectsByReason.GetValueOrDefault(e.OrderRejected.Reason) + 1;
                break;
            case EventKind.CancelRejected:
                RejectsByReason[e.CancelRejected.Reason] = RejectsByReason.GetValueOrDefault(e.CancelRejected.Reason) + 1;
                break;
            case EventKind.InputRejected:
                InputRejects.Add((e.Time, e.InputRejected));
                break;
            case EventKind.OrderCanceled:
                CancelsByReason[e.OrderCanceled.Reason] = CancelsByReason.GetValueOrDefault(e.OrderCanceled.Reason) + 1;
                break;
            case EventKind.Trade:
                if (e.Trade.Venue.IsInternal)
                {
                    InternalTrades++;
                    InternalQuantity += e.Trade.Quantity.Units;
                    InternalNotional += Money.Notional(e.Trade.Price, e.Trade.Quantity).Raw;
                }
                else
                {
                    VenueFills++;
                    VenueQuantity += e.Trade.Quantity.Units;
                }
                break;
            case EventKind.DuplicateFillIgnored:
                DuplicateFills++;
                break;
            case EventKind.FillBreak when e.FillBreak.Status is FillBreakStatus.Refused or FillBreakStatus.Opened:
                FillBreaks++;
                break;
            case EventKind.LimitAlert:
                Alerts.Add((e.Time, e.LimitAlert));
                break;
            case EventKind.KillSwitchChanged:
                KillSwitches.Add((e.Time, e.KillSwitchChanged));
                break;
            case EventKind.VenueOrderRequested:
                _venueRequests.Add(e.VenueOrderRequested);
                break;
        }
    }

    public void Note(long time, string text) => Notes.Add((time, text));

    public List<VenueOrderRequested> TakeVenueRequests()
    {
        var list = new List<VenueOrderRequested>(_venueRequests);
        _venueRequests.Clear();
        return list;
    }
}
