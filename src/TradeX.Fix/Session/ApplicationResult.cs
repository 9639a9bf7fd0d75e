using TradeX.Fix.Protocol;

namespace TradeX.Fix.Session;

/// <summary>
/// An application's answer to an inbound application message: handled, or rejected with a
/// BusinessMessageReject(j) the session sends for it. A struct of constants: no allocation.
/// </summary>
public readonly struct ApplicationResult
{
    private ApplicationResult(BusinessRejectReason reason, int refTagId, string text)
    {
        IsRejected = true;
        Reason = reason;
        RefTagId = refTagId;
        Text = text;
    }

    public static ApplicationResult Handled => default;

    /// <summary>The MsgType is valid FIX but this application does not process it (reason 3).</summary>
    public static ApplicationResult Unsupported => new(BusinessRejectReason.UnsupportedMessageType, 0, "Unsupported Message Type");

    public static ApplicationResult Reject(BusinessRejectReason reason, string text, int refTagId = 0) => new(reason, refTagId, text);

    public bool IsRejected { get; }
    public BusinessRejectReason Reason { get; }
    public int RefTagId { get; }
    public string Text { get; } = "";
}
