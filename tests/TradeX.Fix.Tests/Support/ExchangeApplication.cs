using TradeX.Fix.Protocol;
using TradeX.Fix.Session;

namespace TradeX.Fix.Tests.Support;

/// <summary>
/// A tiny exchange on our engine (the acceptor side of ours↔QuickFIX and ours↔ours tests): every
/// NewOrderSingle gets an ExecutionReport New and then a full fill.
/// </summary>
public sealed class ExchangeApplication : RecordingApplication
{
    private readonly FixOutboundMessage _er = new();
    private int _execId;

    public override ApplicationResult OnMessage(FixSession session, FixMessage message)
    {
        base.OnMessage(session, message);
        if (!message.IsMsgType(MsgTypes.NewOrderSingle)) return ApplicationResult.Unsupported;
        Report(session, message, (byte)'0', (byte)'0', fill: false);
        Report(session, message, (byte)'F', (byte)'2', fill: true);
        return ApplicationResult.Handled;
    }

    private void Report(FixSession session, FixMessage order, byte execType, byte ordStatus, bool fill)
    {
        var qty = order.GetValue(Tag.OrderQty);
        _er.Reset(MsgTypes.ExecutionReport)
            .Add(Tag.OrderID, "X1").Add(Tag.ClOrdID, order.GetValue(Tag.ClOrdID))
            .Add(Tag.ExecID, ++_execId).AddChar(Tag.ExecType, execType).AddChar(Tag.OrdStatus, ordStatus)
            .Add(Tag.Symbol, order.GetValue(Tag.Symbol)).Add(Tag.Side, order.GetValue(Tag.Side))
            .Add(Tag.OrderQty, qty)
            .Add(Tag.LeavesQty, fill ? "0"u8 : qty).Add(Tag.CumQty, fill ? qty : "0"u8)
            .Add(Tag.AvgPx, fill ? order.GetValue(Tag.Price) : "0"u8);
        if (fill) _er.Add(Tag.LastQty, qty).Add(Tag.LastPx, order.GetValue(Tag.Price));
        _er.AddUtcTimestamp(Tag.TransactTime, session.Clock.UtcNow);
        session.Send(_er);
    }
}
