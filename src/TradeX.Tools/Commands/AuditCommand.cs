using TradeX.Core;
using TradeX.Journal;

namespace TradeX.Tools.Commands;

/// <summary>
/// audit ORDER: the lifecycle of one client order, in sequence order, from a replay of the whole
/// journal: received, the risk decision (accepted, or rejected with the reason code and text), routing
/// to a venue, fills and trades, replaces, cancel requests and cancels (with who or what cancelled),
/// venue statuses, refused cancels or replaces, and venue fills refused or quarantined as breaks (with the
/// operator who later booked or busted each break). The order is followed through the engine order id it
/// was given and through the client ids a replace gives it. A client order id may be reused on a later
/// trading day or by another account: every such order is listed (narrow with --account).
/// </summary>
public static class AuditCommand
{
    private sealed record Entry(long Sequence, long Time, string Step, string Source, List<Field> Fields);

    public static int Run(ToolContext context, string directory, ulong clientOrderId, int? account, OutputFormat format)
    {
        var session = JournalSession.Open(context, directory);
        var entries = new List<Entry>();
        var orderIds = new HashSet<long>();
        var aliases = new HashSet<(int Account, ulong ClientOrderId)>();
        bool Root((int Account, ulong ClientOrderId) c) => c.ClientOrderId == clientOrderId && (account is null || c.Account == account);
        bool About(Refs r) => r.ClientOrders.Any(c => Root(c) || aliases.Contains(c)) || r.OrderIds.Any(orderIds.Contains);

        session.Replay("audit", snapshotAtMost: 0, lastSequence: long.MaxValue, reportFrom: 0, (cursor, events) =>
        {
            ref readonly EngineInput input = ref cursor.Current;
            var inputRefs = Refs.Of(in input);
            // Follow the order: its engine id from acceptance, its new client ids from replaces.
            foreach (var e in events)
            {
                if (e.Kind == EventKind.OrderAccepted && Root((e.OrderAccepted.Account.Value, e.OrderAccepted.ClientOrderId.Value))) orderIds.Add(e.OrderAccepted.OrderId.Value);
                if (e.Kind == EventKind.OrderReplaced && orderIds.Contains(e.OrderReplaced.OrderId.Value)) aliases.Add((e.OrderReplaced.Account.Value, e.OrderReplaced.ClientOrderId.Value));
                // A smart-routed order's children at venues are part of its lifecycle.
                if (e.Kind == EventKind.VenueOrderRequested && orderIds.Contains(e.VenueOrderRequested.ParentOrderId.Value)) orderIds.Add(e.VenueOrderRequested.OrderId.Value);
            }
            bool inputAbout = input.Kind switch
            {
                InputKind.NewOrder => Root((input.NewOrder.Account.Value, input.NewOrder.ClientOrderId.Value)),
                InputKind.CancelOrder or InputKind.ReplaceOrder or InputKind.VenueFill or InputKind.VenueOrderStatus => About(inputRefs),
                _ => false,
            };
            var about = events.Where(e => e.Kind is not (EventKind.PositionChanged or EventKind.ExposureChanged or EventKind.LimitAlert) && About(Refs.Of(in e))).ToList();
            if (!inputAbout && about.Count == 0) return true;
            entries.Add(new Entry(input.Sequence, input.Time, InputStep(in input, inputAbout), "input:" + input.Kind, InputFields.Of(in input)));
            foreach (var e in about) entries.Add(new Entry(e.Sequence, e.Time, EventStep(in e), "event:" + e.Kind, Output.EventFields(in e)));
            return true;
        });

        if (!entries.Any(e => e.Source == "input:NewOrder"))
        {
            throw new ToolException(ExitCodes.NotFound, $"no order with client order id {clientOrderId}{(account is null ? "" : $" in account {account}")} in the journal");
        }
        if (format == OutputFormat.Json)
        {
            foreach (var entry in entries)
            {
                context.Out.WriteLine(Output.JsonLine(j =>
                {
                    j.WriteNumber("seq", entry.Sequence);
                    j.WriteString("time", TimeText.Format(entry.Time));
                    j.WriteString("step", entry.Step);
                    string[] source = entry.Source.Split(':');
                    j.WriteString(source[0], source[1]);
                    foreach (var f in entry.Fields) Output.Write(j, f);
                }));
            }
            return ExitCodes.Ok;
        }
        context.Out.WriteLine($"audit of client order id {clientOrderId}{(account is null ? "" : $" (account {account})")}: {entries.Count} entries, engine order ids {string.Join(", ", orderIds.Order())}");
        foreach (var entry in entries)
        {
            string source = entry.Source.Split(':')[1];
            context.Out.WriteLine($"#{entry.Sequence} {TimeText.Format(entry.Time)} {entry.Step,-22} {source} {Output.KeyValues(entry.Fields)}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The input's step: what it asked for when it names the order, else what it was that caused an event of the order.</summary>
    private static string InputStep(in EngineInput input, bool about) => (input.Kind, about) switch
    {
        (InputKind.NewOrder, true) => "received",
        (InputKind.CancelOrder, true) => "cancel requested",
        (InputKind.ReplaceOrder, true) => "replace requested",
        (InputKind.VenueFill, true) => "venue fill received",
        (InputKind.VenueOrderStatus, true) => "venue status received",
        (InputKind.MassCancel, _) => "mass cancel",
        (InputKind.KillSwitch, _) => "kill switch",
        (InputKind.StartOfDay, _) => "start of day",
        (InputKind.ResolveBreak, _) => "operator resolved break",
        _ => "caused by " + input.Kind,
    };

    private static string EventStep(in EngineEvent e) => e.Kind switch
    {
        EventKind.OrderAccepted => "risk: accepted",
        EventKind.OrderRejected => "risk: rejected",
        EventKind.VenueOrderRequested => e.VenueOrderRequested.ParentOrderId.IsNone ? "routed to venue" : "child order to venue",
        EventKind.Trade => "fill",
        EventKind.OrderCanceled => "canceled",
        EventKind.OrderReplaced => "replaced",
        EventKind.CancelRejected => e.CancelRejected.WasReplace ? "replace rejected" : "cancel rejected",
        EventKind.VenueCancelRequested => "cancel sent to venue",
        EventKind.DuplicateFillIgnored => "duplicate fill ignored",
        EventKind.ChildOrderClosed => "child order closed",
        EventKind.FillBreak => e.FillBreak.Status switch
        {
            FillBreakStatus.Refused => "venue fill refused",
            FillBreakStatus.Opened => "fill break opened",
            FillBreakStatus.Booked => "fill break booked",
            _ => "fill break busted",
        },
        _ => e.Kind.ToString(),
    };
}
