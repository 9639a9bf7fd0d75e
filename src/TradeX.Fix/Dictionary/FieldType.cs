namespace TradeX.Fix.Dictionary;

/// <summary>The value types a data dictionary declares, grouped by the format check each needs.</summary>
public enum FieldType
{
    String,
    Char,
    Boolean,
    Int,
    /// <summary>Length, NumInGroup, SeqNum: integers that may not be negative.</summary>
    NonNegativeInt,
    Float,
    UtcTimestamp,
    UtcTimeOnly,
    Date,
    MonthYear,
    MultipleValueString,
    Data,
}
