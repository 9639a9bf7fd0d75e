using System.Globalization;
using TradeX.Core;

namespace TradeX.Tools;

/// <summary>One named value of an input, typed for the output formats: long, ulong, decimal (exact prices and money), bool or string.</summary>
public readonly record struct Field(string Name, object Value)
{
    public string Text => Value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };
}

/// <summary>
/// The fields of an engine input by name, in the vocabulary of the event JSON (account, instrument,
/// clientOrderId, price, qty, ...): prices and money as exact decimals in currency units, enums by name
/// (an invalid code as its number). Shared by the text, JSON-lines and CSV output of the tool.
/// </summary>
public static class InputFields
{
    public static List<Field> Of(in EngineInput input)
    {
        var f = new List<Field>();
        switch (input.Kind)
        {
            case InputKind.DefineInstrument:
            {
                var x = input.DefineInstrument;
                f.Add(new("instrument", (long)x.Instrument.Value));
                f.Add(new("symbol", x.Symbol.ToString()));
                f.Add(new("tick", Money(x.TickSize.Raw)));
                f.Add(new("lot", x.LotSize.Units));
                f.Add(new("reference", Money(x.ReferencePrice.Raw)));
                f.Add(new("bandBps", (long)x.PriceBandBps));
                f.Add(new("protectionTicks", (long)x.MarketProtectionTicks));
                f.Add(new("protectionBps", (long)x.MarketProtectionBps));
                break;
            }
            case InputKind.DefineAccount:
            {
                var x = input.DefineAccount;
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("participant", (long)x.Participant.Value));
                f.Add(new("cash", Money(x.Cash.Raw)));
                f.Add(new("maxOrderQty", x.MaxOrderQuantity.Units));
                f.Add(new("maxOrderNotional", Money(x.MaxOrderNotional.Raw)));
                f.Add(new("maxGross", Money(x.MaxGrossExposure.Raw)));
                f.Add(new("maxNet", Money(x.MaxNetExposure.Raw)));
                f.Add(new("maxPosition", x.MaxPosition.Units));
                f.Add(new("dailyLoss", Money(x.DailyLossLimit.Raw)));
                f.Add(new("ordersPerSecond", (long)x.MaxOrdersPerSecond));
                break;
            }
            case InputKind.DefineOperator:
                f.Add(new("operator", input.DefineOperator.Operator.ToString()));
                f.Add(new("canReenable", input.DefineOperator.CanReenable));
                break;
            case InputKind.NewOrder:
            {
                var x = input.NewOrder;
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("instrument", (long)x.Instrument.Value));
                f.Add(new("clientOrderId", x.ClientOrderId.Value));
                f.Add(new("side", Name(x.Side)));
                f.Add(new("type", Name(x.Type)));
                f.Add(new("tif", Name(x.TimeInForce)));
                f.Add(new("price", Money(x.Price.Raw)));
                f.Add(new("qty", x.Quantity.Units));
                f.Add(new("venue", (long)x.Venue.Value));
                f.Add(new("session", (long)x.Session));
                f.Add(new("routing", Name(x.Routing)));
                break;
            }
            case InputKind.CancelOrder:
            {
                var x = input.CancelOrder;
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("clientOrderId", x.ClientOrderId.Value));
                f.Add(new("origClientOrderId", x.OrigClientOrderId.Value));
                f.Add(new("orderId", x.OrderId.Value));
                f.Add(new("session", (long)x.Session));
                break;
            }
            case InputKind.ReplaceOrder:
            {
                var x = input.ReplaceOrder;
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("clientOrderId", x.ClientOrderId.Value));
                f.Add(new("origClientOrderId", x.OrigClientOrderId.Value));
                f.Add(new("orderId", x.OrderId.Value));
                f.Add(new("price", Money(x.Price.Raw)));
                f.Add(new("qty", x.Quantity.Units));
                f.Add(new("session", (long)x.Session));
                break;
            }
            case InputKind.MassCancel:
                f.Add(new("scope", Name(input.MassCancel.Scope)));
                f.Add(new("target", (long)input.MassCancel.Target));
                f.Add(new("quotesOnly", input.MassCancel.QuotesOnly));
                f.Add(new("instrument", (long)input.MassCancel.Instrument.Value)); // 0 = every instrument
                break;
            case InputKind.MarkPrice:
                f.Add(new("instrument", (long)input.MarkPrice.Instrument.Value));
                f.Add(new("price", Money(input.MarkPrice.Price.Raw)));
                break;
            case InputKind.VenueFill:
            {
                var x = input.VenueFill;
                f.Add(new("venue", (long)x.Venue.Value));
                f.Add(new("exec", x.ExecutionId.ToString()));
                f.Add(new("orderId", x.OrderId.Value));
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("instrument", (long)x.Instrument.Value));
                f.Add(new("side", Name(x.Side)));
                f.Add(new("qty", x.Quantity.Units));
                f.Add(new("price", Money(x.Price.Raw)));
                break;
            }
            case InputKind.VenueOrderStatus:
                f.Add(new("venue", (long)input.VenueOrderStatus.Venue.Value));
                f.Add(new("orderId", input.VenueOrderStatus.OrderId.Value));
                f.Add(new("state", Name(input.VenueOrderStatus.State)));
                break;
            case InputKind.SetLimit:
            {
                var x = input.SetLimit;
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("limit", Name(x.Limit)));
                f.Add(new("kind", Name(x.Kind)));
                bool money = x.Limit is not (LimitType.MaxOrderQuantity or LimitType.MaxPosition or LimitType.OrderRate or LimitType.Concentration);
                f.Add(money ? new("value", Money(x.Value)) : new("value", x.Value));
                f.Add(new("warningBps", (long)x.WarningBps));
                f.Add(new("criticalBps", (long)x.CriticalBps));
                f.Add(new("floor", Money(x.Floor)));
                break;
            }
            case InputKind.KillSwitch:
                f.Add(new("scope", Name(input.KillSwitch.Scope)));
                f.Add(new("account", (long)input.KillSwitch.Account.Value));
                f.Add(new("active", input.KillSwitch.Activate));
                f.Add(new("operator", input.KillSwitch.Operator.ToString()));
                break;
            case InputKind.StartOfDay:
                f.Add(new("date", (long)input.StartOfDay.TradingDate));
                break;
            case InputKind.Quote:
            {
                var x = input.Quote;
                f.Add(new("account", (long)x.Account.Value));
                f.Add(new("instrument", (long)x.Instrument.Value));
                f.Add(new("quoteId", x.QuoteId));
                f.Add(new("bidPrice", Money(x.BidPrice.Raw)));
                f.Add(new("bidSize", x.BidSize.Units));
                f.Add(new("askPrice", Money(x.AskPrice.Raw)));
                f.Add(new("askSize", x.AskSize.Units));
                f.Add(new("session", (long)x.Session));
                break;
            }
            case InputKind.SetProtection:
            {
                var x = input.SetProtection;
                f.Add(new("participant", (long)x.Participant.Value));
                f.Add(new("instrument", (long)x.Instrument.Value));
                f.Add(new("windowNanos", x.WindowNanos));
                f.Add(new("maxQty", x.MaxQuantity));
                f.Add(new("maxCount", (long)x.MaxCount));
                break;
            }
            case InputKind.ResetProtection:
                f.Add(new("participant", (long)input.ResetProtection.Participant.Value));
                f.Add(new("instrument", (long)input.ResetProtection.Instrument.Value));
                break;
            case InputKind.DefineVenue:
            {
                var x = input.DefineVenue;
                f.Add(new("venue", (long)x.Venue.Value));
                f.Add(new("name", x.Name.ToString()));
                f.Add(new("feePerUnit", Money(x.FeePerUnit.Raw)));
                f.Add(new("latencyNanos", x.LatencyNanos));
                f.Add(new("enabled", x.Enabled));
                break;
            }
            case InputKind.VenueQuote:
            {
                var x = input.VenueQuote;
                f.Add(new("venue", (long)x.Venue.Value));
                f.Add(new("instrument", (long)x.Instrument.Value));
                f.Add(new("bidPrice", Money(x.BidPrice.Raw)));
                f.Add(new("bidSize", x.BidSize.Units));
                f.Add(new("askPrice", Money(x.AskPrice.Raw)));
                f.Add(new("askSize", x.AskSize.Units));
                break;
            }
            case InputKind.VenueSessionStatus:
                f.Add(new("venue", (long)input.VenueSessionStatus.Venue.Value));
                f.Add(new("up", input.VenueSessionStatus.Up));
                break;
            case InputKind.ResolveBreak:
                f.Add(new("breakId", input.ResolveBreak.BreakId));
                f.Add(new("operator", input.ResolveBreak.Operator.ToString()));
                f.Add(new("action", Name(input.ResolveBreak.Action)));
                break;
        }
        return f;
    }

    /// <summary>Raw fixed-point as an exact decimal (10^-6 scale; never via floating point).</summary>
    public static decimal Money(long raw) => decimal.Parse(FixedPoint.Format(raw), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string Name<T>(T value) where T : struct, Enum => Enum.IsDefined(value) ? value.ToString() : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
