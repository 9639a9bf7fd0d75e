using TradeX.Fix.Protocol;

namespace TradeX.Fix.Validation;

/// <summary>
/// The validator's verdict on one message. When invalid, it carries exactly what the session-level
/// Reject(3) says: SessionRejectReason(373), RefTagID(371) when <see cref="HasRefTag"/>, and Text(58).
/// A struct of constants: no allocation.
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

    /// <summary>The offending tag, or 0 when the reason does not concern one field (tag 0 itself, with reason 0, is a field).</summary>
    public int RefTagId { get; }

    /// <summary>
    /// Whether the Reject carries RefTagID(371), as QuickFIX decides: when a tag is at fault — <see cref="RefTagId"/>
    /// is not 0, or the reason is Invalid tag number (whose tag may be 0 itself) — and never for CompID problem (9),
    /// SendingTime accuracy problem (10) or Invalid MsgType (11).
    /// </summary>
    public bool HasRefTag => _invalid
        && Reason is not (SessionRejectReason.CompIdProblem or SessionRejectReason.SendingTimeAccuracyProblem or SessionRejectReason.InvalidMsgType)
        && (RefTagId != 0 || Reason == SessionRejectReason.InvalidTagNumber);

    public string Text => IsValid ? "" : SessionRejectReasonText.Of(Reason);

    public override string ToString() => IsValid ? "valid" : HasRefTag ? $"{(int)Reason} {Text} (tag {RefTagId})" : $"{(int)Reason} {Text}";
}
