using TradeX.Core;

namespace TradeX.Tools.Commands;

/// <summary>
/// state --at SEQ|TIME: positions, P&amp;L, exposure and open orders of an account (or of every account)
/// as they were right after input SEQ, or after the last input whose engine time is at or before TIME:
/// the newest valid snapshot at or before that point, then the journal up to it.
/// </summary>
public static class StateCommand
{
    public static int Run(ToolContext context, string directory, string at, int? account, OutputFormat format)
    {
        var session = JournalSession.Open(context, directory);
        long last = session.LastSequence();
        long target;
        string what;
        if (long.TryParse(at, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long sequence))
        {
            if (sequence > last) throw new ToolException(ExitCodes.BadArguments, $"--at {sequence}: the journal ends at sequence {last}");
            target = sequence;
            what = $"sequence {sequence}";
        }
        else if (TimeText.TryParse(at, out long time))
        {
            target = session.LastSequenceAtOrBefore(time);
            what = $"time {TimeText.Format(time)}";
        }
        else
        {
            throw new ToolException(ExitCodes.BadArguments, $"--at '{at}' is neither a sequence number nor a time (e.g. 2026-01-05T09:30:00.5Z)");
        }
        if (target < session.FirstSequence - 1)
        {
            throw new ToolException(ExitCodes.BadArguments, $"--at {at}: the journal starts at sequence {session.FirstSequence}");
        }

        Engine engine = session.Replay("state", snapshotAtMost: target, lastSequence: target, reportFrom: long.MaxValue, onInput: null);
        var accounts = engine.Accounts().Where(a => account is null || a.Account.Value == account).ToList();
        if (account is not null && accounts.Count == 0)
        {
            throw new ToolException(ExitCodes.NotFound, $"account {account} is not defined at sequence {engine.LastSequence}");
        }
        ulong hash = engine.StateHash();

        if (format == OutputFormat.Json)
        {
            context.Out.WriteLine(Output.JsonLine(j =>
            {
                j.WriteString("at", what);
                j.WriteNumber("sequence", engine.LastSequence);
                j.WriteString("engineTime", TimeText.Format(engine.Now));
                j.WriteString("stateHash", Output.Hash(hash));
                j.WriteStartArray("accounts");
                foreach (var a in accounts)
                {
                    j.WriteStartObject();
                    foreach (var f in AccountFields(a)) Output.Write(j, f);
                    j.WriteStartArray("positions");
                    foreach (var p in engine.Positions(a.Account))
                    {
                        j.WriteStartObject();
                        foreach (var f in PositionFields(p)) Output.Write(j, f);
                        j.WriteEndObject();
                    }
                    j.WriteEndArray();
                    j.WriteStartArray("openOrders");
                    foreach (var order in engine.OpenOrders(a.Account))
                    {
                        j.WriteStartObject();
                        foreach (var f in OrderFields(order)) Output.Write(j, f);
                        j.WriteEndObject();
                    }
                    j.WriteEndArray();
                    j.WriteEndObject();
                }
                j.WriteEndArray();
            }));
            return ExitCodes.Ok;
        }

        var o = context.Out;
        o.WriteLine($"state at {what}: after sequence {engine.LastSequence}, engine time {TimeText.Format(engine.Now)}, state hash {Output.Hash(hash)}");
        foreach (var a in accounts)
        {
            o.WriteLine($"account {Output.KeyValues(AccountFields(a))}");
            foreach (var p in engine.Positions(a.Account)) o.WriteLine($"  position {Output.KeyValues(PositionFields(p))}");
            foreach (var order in engine.OpenOrders(a.Account)) o.WriteLine($"  open order {Output.KeyValues(OrderFields(order))}");
        }
        return ExitCodes.Ok;
    }

    private static decimal M(long raw) => InputFields.Money(raw);

    public static List<Field> AccountFields(AccountView a) =>
    [
        new("account", (long)a.Account.Value), new("participant", (long)a.Participant.Value), new("cash", M(a.Cash.Raw)),
        new("reservedBuy", M(a.ReservedBuy.Raw)), new("reservedSell", M(a.ReservedSell.Raw)), new("long", M(a.Long.Raw)), new("short", M(a.Short.Raw)),
        new("gross", M(a.Gross.Raw)), new("net", M(a.Net.Raw)), new("buyingPower", M(a.BuyingPower.Raw)), new("realizedPnl", M(a.RealizedPnl.Raw)),
        new("unrealizedPnl", M(a.UnrealizedPnl.Raw)), new("dailyPnl", M(a.DailyPnl.Raw)), new("killSwitch", a.KillSwitch), new("openOrderCount", (long)a.OpenOrders),
    ];

    public static List<Field> PositionFields(PositionView p) =>
    [
        new("instrument", (long)p.Instrument.Value), new("qty", p.Quantity.Units), new("cost", M(p.CostBasis.Raw)), new("avgCost", M(p.AverageCost.Raw)),
        new("mark", M(p.Mark.Raw)), new("value", M(p.Value.Raw)), new("realizedPnl", M(p.RealizedPnl.Raw)), new("unrealizedPnl", M(p.UnrealizedPnl.Raw)),
        new("dailyPnl", M(p.DailyPnl.Raw)), new("openBuyQty", p.OpenBuyQuantity.Units), new("openSellQty", p.OpenSellQuantity.Units),
    ];

    public static List<Field> OrderFields(OrderView o) =>
    [
        new("orderId", o.OrderId.Value), new("clientOrderId", o.ClientOrderId.Value), new("instrument", (long)o.Instrument.Value),
        new("side", o.Side.ToString()), new("type", o.Type.ToString()), new("tif", o.TimeInForce.ToString()), new("price", M(o.Price.Raw)),
        new("qty", o.Quantity.Units), new("leaves", o.Leaves.Units), new("filled", o.Filled.Units), new("venue", (long)o.Venue.Value),
        new("state", o.State), new("acceptedSeq", o.AcceptedSequence),
    ];
}
