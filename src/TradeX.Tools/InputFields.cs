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
/// <remarks>
/// Names and order are generated from schemas/journal.xml (each message's <c>tx:show</c>, else the schema's
/// field names) by TradeX.Sbe's InputBindingGenerator; this part keeps only what the schema cannot say.
/// </remarks>
public static partial class InputFields
{
    public static List<Field> Of(in EngineInput input)
    {
        var f = new List<Field>(12);
        AddSchemaFields(in input, f);
        if (input.Kind == InputKind.SetLimit && IsMoneyLimit(input.SetLimit.Limit))
        {
            // A limit's value is in the limit's own unit: raw money for notional, exposure, loss and buying power.
            int value = f.FindIndex(x => x.Name == "value");
            f[value] = new("value", Money(input.SetLimit.Value));
        }
        return f;
    }

    private static bool IsMoneyLimit(LimitType limit) => limit is not (LimitType.MaxOrderQuantity or LimitType.MaxPosition or LimitType.OrderRate or LimitType.Concentration);

    /// <summary>Raw fixed-point as an exact decimal (10^-6 scale; never via floating point).</summary>
    public static decimal Money(long raw) => decimal.Parse(FixedPoint.Format(raw), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string Name<T>(T value) where T : struct, Enum => Enum.IsDefined(value) ? value.ToString() : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
}
