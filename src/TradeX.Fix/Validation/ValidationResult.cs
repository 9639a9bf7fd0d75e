using TradeX.Fix.Protocol;

namespace TradeX.Fix.Validation;

/// <summary>
/// The validator's verdict on one message. When invalid, it carries exactly what the session-level
/// Reject(3) says: SessionRejectReason(373), RefTagID(371) and Text(58). A struct of constants: no allocation.
/// </summary>
public readonly struct ValidationResult
{
    private readonly bool _invalid;

    private ValidationResult(SessionRejectReason reason, int refTagId)
    {
        _invalid = true;
        Reason = reason;
        RefTagId = refTagId;
    }

    public static ValidationResult Valid => default;

    public static ValidationResult Reject(SessionRejectReason reason, int refTagId) => new(reason, refTagId);

    public bool IsValid => !_invalid;
    public SessionRejectReason Reason { get; }
    /// <summary>The offending tag, or 0 when the reason does not concern one field.</summary>
    public int RefTagId { get; }
    public string Text => IsValid ? "" : SessionRejectReasonText.Of(Reason);

    public override string ToString() => IsValid ? "valid" : $"{(int)Reason} {Text} (tag {RefTagId})";
}
