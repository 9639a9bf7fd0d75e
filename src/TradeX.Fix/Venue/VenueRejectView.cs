using TradeX.Fix.Protocol;

namespace TradeX.Fix.Venue;

/// <summary>
/// The venue refused one of our messages outright: a session-level Reject(3) or a
/// BusinessMessageReject(j). <see cref="RefSeqNum"/> is the MsgSeqNum our send returned, which maps it
/// back to the order. Valid only during the callback.
/// </summary>
public readonly struct VenueRejectView
{
    private readonly FixMessage _m;

    internal VenueRejectView(FixMessage message) => _m = message;

    public FixMessage Message => _m;
    public bool IsBusinessReject => _m.IsMsgType(MsgTypes.BusinessMessageReject);
    public int RefSeqNum => _m.TryGetInt(Tag.RefSeqNum, out var v) ? v : 0;
    public ReadOnlySpan<byte> RefMsgType => _m.GetValue(Tag.RefMsgType);
    /// <summary>SessionRejectReason(373) or BusinessRejectReason(380); -1 when absent.</summary>
    public int Reason => _m.TryGetInt(IsBusinessReject ? Tag.BusinessRejectReason : Tag.SessionRejectReason, out var v) ? v : -1;
    public ReadOnlySpan<byte> Text => _m.GetValue(Tag.Text);
}
