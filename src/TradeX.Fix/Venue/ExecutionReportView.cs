using TradeX.Fix.Protocol;

namespace TradeX.Fix.Venue;

/// <summary>
/// Typed, allocation-free reading of an ExecutionReport(8). A view over the session's reused message:
/// valid only during the callback that receives it; copy the ids you keep.
/// Quantities and prices come back as mantissas at the venue's <see cref="VenueDecimalScale"/>.
/// </summary>
public readonly struct ExecutionReportView
{
    private readonly FixMessage _m;
    private readonly VenueDecimalScale _scale;

    internal ExecutionReportView(FixMessage message, VenueDecimalScale scale)
    {
        _m = message;
        _scale = scale;
    }

    /// <summary>The underlying message, for fields this view does not name.</summary>
    public FixMessage Message => _m;
    public int MsgSeqNum => _m.MsgSeqNum;
    /// <summary>PossDupFlag(43)=Y: a resend that may already have been applied; deduplicate on ExecID.</summary>
    public bool PossDup => _m.PossDupFlag;
    public ReadOnlySpan<byte> OrderID => _m.GetValue(Tag.OrderID);
    public ReadOnlySpan<byte> ClOrdID => _m.GetValue(Tag.ClOrdID);
    public ReadOnlySpan<byte> OrigClOrdID => _m.GetValue(Tag.OrigClOrdID);
    public ReadOnlySpan<byte> ExecID => _m.GetValue(Tag.ExecID);
    public ReadOnlySpan<byte> Symbol => _m.GetValue(Tag.Symbol);
    public ReadOnlySpan<byte> Text => _m.GetValue(Tag.Text);
    /// <summary>ExecType(150): '0' new, 'F' trade, '4' canceled, '5' replaced, '8' rejected...</summary>
    public byte ExecType => _m.TryGetChar(Tag.ExecType, out var v) ? v : (byte)0;
    /// <summary>OrdStatus(39): '0' new, '1' partially filled, '2' filled, '4' canceled, '8' rejected...</summary>
    public byte OrdStatus => _m.TryGetChar(Tag.OrdStatus, out var v) ? v : (byte)0;
    public byte Side => _m.TryGetChar(Tag.Side, out var v) ? v : (byte)0;
    public int OrdRejReason => _m.TryGetInt(Tag.OrdRejReason, out var v) ? v : -1;
    public bool TryGetLastQty(out long quantity) => _m.TryGetDecimal(Tag.LastQty, _scale.QuantityScale, out quantity);
    public bool TryGetLastPx(out long price) => _m.TryGetDecimal(Tag.LastPx, _scale.PriceScale, out price);
    public bool TryGetLeavesQty(out long quantity) => _m.TryGetDecimal(Tag.LeavesQty, _scale.QuantityScale, out quantity);
    public bool TryGetCumQty(out long quantity) => _m.TryGetDecimal(Tag.CumQty, _scale.QuantityScale, out quantity);
    public bool TryGetOrderQty(out long quantity) => _m.TryGetDecimal(Tag.OrderQty, _scale.QuantityScale, out quantity);
    public bool TryGetAvgPx(out long price) => _m.TryGetDecimal(Tag.AvgPx, _scale.PriceScale, out price);
    public bool TryGetTransactTime(out DateTime utc) => _m.TryGetUtcTimestamp(Tag.TransactTime, out utc);
}
