using TradeX.Core;
using TradeX.Journal;
using TradeX.Scenario;

namespace TradeX.Tools.Commands;

/// <summary>What dump selects. Unset criteria match everything; set ones must all match.</summary>
public sealed record DumpFilter(int? Account, ulong? ClientOrderId, int? Instrument, long? FromSequence, long? ToSequence, long? FromTime, long? ToTime);

/// <summary>
/// dump: the journaled inputs (and, unless --no-events, the events each caused on replay) selected by
/// account, client order id, instrument, sequence range and engine-time range, as text, JSON lines or CSV.
/// An input is shown when it matches or one of its events does; with an account, order or instrument
/// filter only the matching events are shown. A client order id also selects what refers to the engine
/// order ids it was given (fills, venue statuses) from the replay's start.
/// </summary>
public static class DumpCommand
{
    private static readonly string[] CsvColumns = ["record", "seq", "time", "engine_time", "kind", "account", "instrument", "client_order_id", "order_id", "details"];

    public static int Run(ToolContext context, string directory, DumpFilter filter, OutputFormat format, bool events)
    {
        var session = JournalSession.Open(context, directory);
        long start = Math.Max(filter.FromSequence ?? 1, 1);
        long end = filter.ToSequence ?? long.MaxValue;
        if (filter.FromTime is { } from)
        {
            long? s = session.FirstSequenceAtOrAfter(from);
            if (s is null) return ExitCodes.Ok;
            start = Math.Max(start, s.Value);
        }
        if (filter.ToTime is { } to) end = Math.Min(end, session.LastSequenceAtOrBefore(to));
        if (start > end) return ExitCodes.Ok;

        var matcher = new Matcher(filter);
        var o = context.Out;
        if (format == OutputFormat.Csv) o.Write(string.Join(',', CsvColumns) + "\r\n");
        if (!events)
        {
            using var cursor = session.Reader.ReadFrom(start);
            while (cursor.MoveNext() && cursor.Current.Sequence <= end)
            {
                if (matcher.Input(in cursor.Current)) WriteInput(o, format, in cursor.Current, cursor.EngineTime);
            }
            session.NoteTail(cursor);
            return ExitCodes.Ok;
        }

        var shown = new List<EngineEvent>();
        session.Replay("dump", snapshotAtMost: start - 1, lastSequence: end, reportFrom: 0, (cursor, caused) =>
        {
            ref readonly EngineInput input = ref cursor.Current;
            bool inputMatches = matcher.Input(in input);
            shown.Clear();
            foreach (var e in caused)
            {
                if (matcher.Event(in e)) shown.Add(e);
            }
            if (input.Sequence >= start && (inputMatches || shown.Count > 0))
            {
                WriteInput(o, format, in input, cursor.EngineTime);
                foreach (var e in shown) WriteEvent(o, format, in e, cursor.EngineTime);
            }
            return true;
        }, progress: false);
        return ExitCodes.Ok;
    }

    private static void WriteInput(TextWriter o, OutputFormat format, in EngineInput input, long engineTime)
    {
        var fields = InputFields.Of(in input);
        string kind = Enum.IsDefined(input.Kind) ? input.Kind.ToString() : ((byte)input.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (format)
        {
            case OutputFormat.Json:
            {
                long sequence = input.Sequence, time = input.Time;
                o.WriteLine(Output.JsonLine(j =>
                {
                    j.WriteNumber("seq", sequence);
                    j.WriteString("time", TimeText.Format(time));
                    j.WriteString("engineTime", TimeText.Format(engineTime));
                    j.WriteString("input", kind);
                    foreach (var f in fields) Output.Write(j, f);
                }));
                break;
            }
            case OutputFormat.Csv:
                o.Write(CsvRow("input", input.Sequence, input.Time, engineTime, kind, fields));
                break;
            default:
                o.WriteLine($"#{input.Sequence} {TimeText.Format(input.Time)} {kind}" + (fields.Count > 0 ? " " + Output.KeyValues(fields) : "") +
                    (engineTime != input.Time ? $" (engine time {TimeText.Format(engineTime)})" : ""));
                break;
        }
    }

    private static void WriteEvent(TextWriter o, OutputFormat format, in EngineEvent e, long engineTime)
    {
        switch (format)
        {
            case OutputFormat.Json:
                o.WriteLine(EventJson.Format(in e));
                break;
            case OutputFormat.Csv:
                o.Write(CsvRow("event", e.Sequence, e.Time, engineTime, e.Kind.ToString(), Output.EventFields(in e)));
                break;
            default:
                o.WriteLine($"    {e.Kind} {Output.KeyValues(Output.EventFields(in e))}");
                break;
        }
    }

    private static string CsvRow(string record, long sequence, long time, long engineTime, string kind, List<Field> fields)
    {
        string Take(string name)
        {
            int i = fields.FindIndex(f => f.Name == name);
            if (i < 0) return "";
            string text = fields[i].Text;
            fields.RemoveAt(i);
            return text;
        }
        string account = Take("account"), instrument = Take("instrument"), clientOrderId = Take("clientOrderId"), orderId = Take("orderId");
        string[] row = [record, Output.Number(sequence), TimeText.Format(time), TimeText.Format(engineTime), kind, account, instrument, clientOrderId, orderId, Output.KeyValues(fields)];
        return string.Join(',', row.Select(Output.Csv)) + "\r\n";
    }

    /// <summary>
    /// Applies a <see cref="DumpFilter"/>'s account, order and instrument criteria. A client order id
    /// also selects the engine order id it was accepted under and the client ids replaces gave it.
    /// </summary>
    private sealed class Matcher(DumpFilter filter)
    {
        private readonly HashSet<long> _orderIds = new();
        private readonly HashSet<(int, ulong)> _aliases = new();

        private bool Entity => filter.Account is not null || filter.ClientOrderId is not null || filter.Instrument is not null;

        public bool Input(in EngineInput input) => !Entity || Matches(Refs.Of(in input));

        public bool Event(in EngineEvent e)
        {
            if (!Entity) return true;
            if (filter.ClientOrderId is not null)
            {
                if (e.Kind == EventKind.OrderAccepted && IsOrder((e.OrderAccepted.Account.Value, e.OrderAccepted.ClientOrderId.Value))) _orderIds.Add(e.OrderAccepted.OrderId.Value);
                if (e.Kind == EventKind.OrderReplaced && _orderIds.Contains(e.OrderReplaced.OrderId.Value)) _aliases.Add((e.OrderReplaced.Account.Value, e.OrderReplaced.ClientOrderId.Value));
                if (e.Kind == EventKind.VenueOrderRequested && _orderIds.Contains(e.VenueOrderRequested.ParentOrderId.Value)) _orderIds.Add(e.VenueOrderRequested.OrderId.Value);
            }
            return Matches(Refs.Of(in e));
        }

        private bool IsOrder((int Account, ulong ClientOrderId) c) => c.ClientOrderId == filter.ClientOrderId && (filter.Account is null || c.Account == filter.Account);

        private bool Matches(Refs refs)
        {
            if (filter.Account is { } account && !refs.AllAccounts && !refs.Accounts.Contains(account)) return false;
            if (filter.Instrument is { } instrument && !refs.Instruments.Contains(instrument)) return false;
            if (filter.ClientOrderId is not null && !refs.ClientOrders.Any(c => IsOrder(c) || _aliases.Contains(c)) && !refs.OrderIds.Any(_orderIds.Contains)) return false;
            return true;
        }
    }
}
