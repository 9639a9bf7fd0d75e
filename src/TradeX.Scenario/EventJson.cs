using System.Text;
using System.Text.Json;
using TradeX.Core;

namespace TradeX.Scenario;

/// <summary>
/// Writes engine events (and inputs) as one JSON object per line. Prices and money are exact JSON
/// numbers in currency units (from the fixed-point values, never via floating point); enums are
/// names, and reject reasons also carry their stable numeric code and text. For tools, not the hot path.
/// </summary>
public static class EventJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    public static string Format(in EngineEvent e, int? line = null)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", e.Sequence);
            if (line is not null) w.WriteNumber("line", line.Value);
            w.WriteString("time", TimeText(e.Time));
            w.WriteString("event", e.Kind.ToString());
            WriteBody(w, in e);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Nanoseconds since the epoch as ISO-8601 UTC with nanoseconds.</summary>
    public static string TimeText(long nanos)
    {
        long seconds = Math.DivRem(nanos, 1_000_000_000, out long rem);
        if (rem < 0) { rem += 1_000_000_000; seconds--; }
        var dt = DateTime.UnixEpoch.AddSeconds(seconds);
        return $"{dt:yyyy-MM-ddTHH:mm:ss}.{rem:D9}Z";
    }

    private static void Price(Utf8JsonWriter w, string name, Price p) => w.WriteNumber(name, decimal.Parse(p.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    private static void Money(Utf8JsonWriter w, string name, Money m) => w.WriteNumber(name, decimal.Parse(m.ToString(), System.Globalization.CultureInfo.InvariantCulture));

    private static void Session(Utf8JsonWriter w, int session)
    {
        if (session != 0) w.WriteNumber("session", session);
    }

    private static void Reason(Utf8JsonWriter w, RejectReason reason)
    {
        w.WriteString("reason", reason.ToString());
        w.WriteNumber("reasonCode", (int)reason);
        w.WriteString("reasonText", RejectReasons.Text(reason));
    }

    private static void WriteBody(Utf8JsonWriter w, in EngineEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.OrderAccepted:
            {
                var x = e.OrderAccepted;
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteNumber("clientOrderId", x.ClientOrderId.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("side", x.Side.ToString());
                w.WriteString("type", x.Type.ToString());
                w.WriteString("tif", x.TimeInForce.ToString());
                if (x.Type == OrderType.Limit) Price(w, "price", x.Price);
                w.WriteNumber("qty", x.Quantity.Units);
                if (!x.Venue.IsInternal) w.WriteNumber("venue", x.Venue.Value);
                Session(w, x.Session);
                if (x.IsQuote) w.WriteBoolean("quote", true);
                break;
            }
            case EventKind.OrderRejected:
            {
                var x = e.OrderRejected;
                w.WriteNumber("clientOrderId", x.ClientOrderId.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("side", x.Side.ToString());
                Price(w, "price", x.Price);
                w.WriteNumber("qty", x.Quantity.Units);
                Session(w, x.Session);
                Reason(w, x.Reason);
                break;
            }
            case EventKind.Trade:
            {
                var x = e.Trade;
                w.WriteNumber("tradeId", x.TradeId.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                Price(w, "price", x.Price);
                w.WriteNumber("qty", x.Quantity.Units);
                w.WriteString("aggressor", x.AggressorSide.ToString());
                if (!x.Venue.IsInternal) w.WriteNumber("venue", x.Venue.Value);
                if (x.BuyAccount.Value != 0)
                {
                    w.WriteNumber("buyAccount", x.BuyAccount.Value);
                    w.WriteNumber("buyOrderId", x.BuyOrderId.Value);
                    w.WriteNumber("buyClientOrderId", x.BuyClientOrderId.Value);
                    w.WriteNumber("buyLeaves", x.BuyLeaves.Units);
                    if (x.BuySession != 0) w.WriteNumber("buySession", x.BuySession);
                    if (x.BuyIsQuote) w.WriteBoolean("buyQuote", true);
                }
                if (x.SellAccount.Value != 0)
                {
                    w.WriteNumber("sellAccount", x.SellAccount.Value);
                    w.WriteNumber("sellOrderId", x.SellOrderId.Value);
                    w.WriteNumber("sellClientOrderId", x.SellClientOrderId.Value);
                    w.WriteNumber("sellLeaves", x.SellLeaves.Units);
                    if (x.SellSession != 0) w.WriteNumber("sellSession", x.SellSession);
                    if (x.SellIsQuote) w.WriteBoolean("sellQuote", true);
                }
                break;
            }
            case EventKind.OrderCanceled:
            {
                var x = e.OrderCanceled;
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteNumber("clientOrderId", x.ClientOrderId.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("side", x.Side.ToString());
                w.WriteNumber("canceledQty", x.CanceledQuantity.Units);
                w.WriteNumber("filledQty", x.FilledQuantity.Units);
                w.WriteString("reason", x.Reason.ToString());
                w.WriteNumber("reasonCode", (int)x.Reason);
                Session(w, x.Session);
                if (x.IsQuote) w.WriteBoolean("quote", true);
                break;
            }
            case EventKind.OrderReplaced:
            {
                var x = e.OrderReplaced;
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteNumber("origClientOrderId", x.OrigClientOrderId.Value);
                w.WriteNumber("clientOrderId", x.ClientOrderId.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                Price(w, "price", x.Price);
                w.WriteNumber("qty", x.Quantity.Units);
                w.WriteNumber("leaves", x.Leaves.Units);
                w.WriteBoolean("priorityLost", x.PriorityLost);
                Session(w, x.Session);
                if (x.IsQuote) w.WriteBoolean("quote", true);
                break;
            }
            case EventKind.CancelRejected:
            {
                var x = e.CancelRejected;
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("clientOrderId", x.ClientOrderId.Value);
                w.WriteNumber("origClientOrderId", x.OrigClientOrderId.Value);
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteBoolean("replace", x.WasReplace);
                Session(w, x.Session);
                Reason(w, x.Reason);
                break;
            }
            case EventKind.PositionChanged:
            {
                var x = e.PositionChanged;
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteNumber("qty", x.Quantity.Units);
                Money(w, "cost", x.CostBasis);
                Price(w, "mark", x.Mark);
                Money(w, "realizedPnl", x.RealizedPnl);
                Money(w, "unrealizedPnl", x.UnrealizedPnl);
                Money(w, "dailyPnl", x.DailyPnl);
                break;
            }
            case EventKind.ExposureChanged:
            {
                var x = e.ExposureChanged;
                w.WriteNumber("account", x.Account.Value);
                Money(w, "long", x.Long);
                Money(w, "short", x.Short);
                Money(w, "gross", x.Gross);
                Money(w, "net", x.Net);
                Money(w, "cash", x.Cash);
                Money(w, "buyingPower", x.BuyingPower);
                Money(w, "unrealizedPnl", x.UnrealizedPnl);
                Money(w, "dailyPnl", x.DailyPnl);
                break;
            }
            case EventKind.LimitAlert:
            {
                var x = e.LimitAlert;
                w.WriteNumber("account", x.Account.Value);
                w.WriteString("limit", x.Type.ToString());
                w.WriteString("kind", x.Kind.ToString());
                w.WriteString("level", x.Level.ToString());
                w.WriteString("previous", x.Previous.ToString());
                bool money = x.Type is not (LimitType.MaxOrderQuantity or LimitType.MaxPosition or LimitType.OrderRate or LimitType.Concentration);
                if (money)
                {
                    Money(w, "value", new Money(x.Value));
                    Money(w, "limitValue", new Money(x.LimitValue));
                }
                else
                {
                    w.WriteNumber("value", x.Value);
                    w.WriteNumber("limitValue", x.LimitValue);
                }
                w.WriteNumber("utilisationBps", x.UtilisationBps);
                break;
            }
            case EventKind.KillSwitchChanged:
            {
                var x = e.KillSwitchChanged;
                w.WriteString("scope", x.Scope.ToString());
                if (x.Scope == KillSwitchScope.Account) w.WriteNumber("account", x.Account.Value);
                w.WriteBoolean("active", x.Active);
                w.WriteString("cause", x.Cause.ToString());
                w.WriteString("operator", x.Operator.ToString());
                break;
            }
            case EventKind.VenueOrderRequested:
            {
                var x = e.VenueOrderRequested;
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteNumber("venue", x.Venue.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("side", x.Side.ToString());
                w.WriteString("type", x.Type.ToString());
                w.WriteString("tif", x.TimeInForce.ToString());
                Price(w, "price", x.Price);
                w.WriteNumber("qty", x.Quantity.Units);
                if (!x.ParentOrderId.IsNone)
                {
                    w.WriteNumber("parentOrderId", x.ParentOrderId.Value);
                    w.WriteNumber("rank", x.Rank);
                    if (!x.DisplayedSize.IsZero)
                    {
                        Price(w, "displayedPrice", x.DisplayedPrice);
                        w.WriteNumber("displayedSize", x.DisplayedSize.Units);
                    }
                    Price(w, "feePerUnit", x.FeePerUnit);
                }
                break;
            }
            case EventKind.ChildOrderClosed:
            {
                var x = e.ChildOrderClosed;
                w.WriteNumber("childOrderId", x.ChildOrderId.Value);
                w.WriteNumber("parentOrderId", x.ParentOrderId.Value);
                w.WriteNumber("venue", x.Venue.Value);
                w.WriteString("reason", x.Reason.ToString());
                w.WriteNumber("filled", x.Filled.Units);
                w.WriteNumber("released", x.Released.Units);
                break;
            }
            case EventKind.VenueSessionChanged:
            {
                var x = e.VenueSessionChanged;
                w.WriteNumber("venue", x.Venue.Value);
                w.WriteBoolean("up", x.Up);
                w.WriteNumber("unknownChildren", x.UnknownChildren);
                break;
            }
            case EventKind.VenueCancelRequested:
            {
                var x = e.VenueCancelRequested;
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteNumber("venue", x.Venue.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("reason", x.Reason.ToString());
                break;
            }
            case EventKind.DuplicateFillIgnored:
            {
                var x = e.DuplicateFillIgnored;
                w.WriteNumber("venue", x.Venue.Value);
                w.WriteString("exec", x.ExecutionId.ToString());
                w.WriteNumber("orderId", x.OrderId.Value);
                break;
            }
            case EventKind.InputAccepted:
            {
                var x = e.InputAccepted;
                w.WriteString("input", x.Input.ToString());
                w.WriteNumber("subject", x.Subject);
                if (x.Count != 0) w.WriteNumber("count", x.Count);
                break;
            }
            case EventKind.QuoteStatus:
            {
                var x = e.QuoteStatus;
                w.WriteNumber("quoteId", x.QuoteId);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("status", x.Status.ToString());
                Session(w, x.Session);
                if (x.Reason != RejectReason.None) Reason(w, x.Reason);
                break;
            }
            case EventKind.ProtectionTripped:
            {
                var x = e.ProtectionTripped;
                w.WriteNumber("participant", x.Participant.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteNumber("filledQty", x.FilledQuantity);
                w.WriteNumber("fills", x.FillCount);
                w.WriteNumber("pulledQuoteSides", x.PulledQuoteSides);
                break;
            }
            case EventKind.ProtectionReset:
            {
                var x = e.ProtectionReset;
                w.WriteNumber("participant", x.Participant.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                break;
            }
            case EventKind.InputRejected:
            {
                var x = e.InputRejected;
                w.WriteString("input", x.Input.ToString());
                w.WriteNumber("subject", x.Subject);
                Reason(w, x.Reason);
                break;
            }
            case EventKind.FillBreak:
            {
                var x = e.FillBreak;
                w.WriteString("status", x.Status.ToString());
                if (x.BreakId != 0) w.WriteNumber("breakId", x.BreakId);
                w.WriteNumber("venue", x.Venue.Value);
                w.WriteString("exec", x.ExecutionId.ToString());
                w.WriteNumber("orderId", x.OrderId.Value);
                w.WriteNumber("account", x.Account.Value);
                w.WriteNumber("instrument", x.Instrument.Value);
                w.WriteString("side", x.Side.ToString());
                w.WriteNumber("qty", x.Quantity.Units);
                Price(w, "price", x.Price);
                w.WriteNumber("leaves", x.Leaves.Units);
                if (!x.Operator.IsEmpty) w.WriteString("operator", x.Operator.ToString());
                Reason(w, x.Reason);
                break;
            }
        }
    }
}
