namespace TradeX.Fix.Validation;

/// <summary>
/// What the validator checks beyond the FIX 4.4 basics; mirrors the QuickFIX settings of the same names.
/// </summary>
public sealed record ValidationOptions
{
    /// <summary>ValidateFieldsOutOfOrder: header fields first, trailer fields last (reason 14).</summary>
    public bool FieldsOutOfOrder { get; init; } = true;
    /// <summary>ValidateFieldsHaveValues: an empty value is answered with reason 4.</summary>
    public bool FieldsHaveValues { get; init; } = true;
    /// <summary>ValidateUserDefinedFields: when false, tags 5000 and above not in the dictionary pass.</summary>
    public bool UserDefinedFields { get; init; } = true;
    /// <summary>AllowUnknownMsgFields: when true, tags the dictionary does not know pass.</summary>
    public bool AllowUnknownMessageFields { get; init; }

    public static ValidationOptions Default { get; } = new();
}
