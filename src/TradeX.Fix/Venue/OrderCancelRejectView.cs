using TradeX.Fix.Protocol;

namespace TradeX.Fix.Venue;

/// <summary>
/// Typed, allocation-free reading of an OrderCancelReject(9): the venue refused a cancel or replace.
/// Valid only during the callback.
/// </summary>
public readonly struct OrderCancelRejectView
{
    private readonly FixMessage _m;

    internal OrderCancelRejectView(FixMessage message) => _m = message;

    public FixMessage Message => _m;
    public bool PossDup => _m.PossDupFlag;
    public ReadOnlySpan<byte> OrderID => _m.GetValue(Tag.OrderID);
    public ReadOnlySpan<byte> ClOrdID => _m.GetValue(Tag.ClOrdID);
    public ReadOnlySpan<byte> OrigClOrdID => _m.GetValue(Tag.OrigClOrdID);
    public ReadOnlySpan<byte> Text => _m.GetValue(Tag.Text);
    public byte OrdStatus => _m.TryGetChar(Tag.OrdStatus, out var v) ? v : (byte)0;
    /// <summary>CxlRejResponseTo(434): '1' to a cancel, '2' to a cancel/replace.</summary>
    public byte CxlRejResponseTo => _m.TryGetChar(Tag.CxlRejResponseTo, out var v) ? v : (byte)0;
    public int CxlRejReason => _m.TryGetInt(Tag.CxlRejReason, out var v) ? v : -1;
}
