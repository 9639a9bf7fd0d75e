using TradeX.Fix.Protocol;
using TradeX.Fix.Session;

namespace TradeX.Fix.Venue;

/// <summary>
/// The trading node's view of one exchange connection: send NewOrderSingle, OrderCancelRequest and
/// OrderCancelReplaceRequest built without allocation; receive ExecutionReports, OrderCancelRejects and
/// rejects as typed views, and session up/down events, through an <see cref="IVenueSessionHandler"/>.
/// Give it to a <see cref="Transport.FixEngine"/> as the session's application, then <see cref="Bind"/>
/// it to the engine's session:
/// <code>
/// var venue = new VenueSession("XNAS", handler, new VenueDecimalScale(8, 0));
/// var engine = FixEngine.FromFile("fix-config/venue-initiator.cfg", _ => venue);
/// venue.Bind(engine.Sessions[0]);
/// engine.Start();
/// </code>
/// Sends may come from any thread (they are serialised by a lock); other inbound application messages
/// are answered with BusinessMessageReject(UnsupportedMessageType).
/// </summary>
public sealed class VenueSession : IFixApplication
{
    private readonly IVenueSessionHandler _handler;
    private readonly FixOutboundMessage _outbound = new(512);
    private readonly object _sendLock = new();
    private FixSession? _session;

    public VenueSession(string venueName, IVenueSessionHandler handler, VenueDecimalScale? scale = null)
    {
        Name = venueName;
        _handler = handler;
        Scale = scale ?? VenueDecimalScale.Default;
    }

    public string Name { get; }
    public VenueDecimalScale Scale { get; }
    public FixSession Session => _session ?? throw new InvalidOperationException($"venue {Name} is not bound to a session");
    public bool IsUp => _session?.IsLoggedOn ?? false;

    /// <summary>Attaches the FIX session this venue sends on (the one the engine created with this application).</summary>
    public void Bind(FixSession session)
    {
        if (!ReferenceEquals(session.Application, this)) throw new ArgumentException("the session was created with another application", nameof(session));
        _session = session;
    }

    public SendResult SendNewOrderSingle(in NewOrderSingleRequest order, out int msgSeqNum)
    {
        lock (_sendLock)
        {
            var m = _outbound.Reset(MsgTypes.NewOrderSingle).Add(Tag.ClOrdID, order.ClOrdID);
            if (!order.Account.IsEmpty) m.Add(Tag.Account, order.Account);
            m.AddChar(Tag.HandlInst, (byte)'1').Add(Tag.Symbol, order.Symbol).AddChar(Tag.Side, order.Side)
             .AddUtcTimestamp(Tag.TransactTime, order.TransactTime)
             .AddDecimal(Tag.OrderQty, order.OrderQty, Scale.QuantityScale).AddChar(Tag.OrdType, order.OrdType);
            if (order.OrdType != (byte)'1') m.AddDecimal(Tag.Price, order.Price, Scale.PriceScale);
            if (order.TimeInForce != 0) m.AddChar(Tag.TimeInForce, order.TimeInForce);
            if (!order.ExDestination.IsEmpty) m.Add(Tag.ExDestination, order.ExDestination);
            return Session.Send(m, out msgSeqNum);
        }
    }

    public SendResult SendOrderCancelRequest(in OrderCancelRequestData cancel, out int msgSeqNum)
    {
        lock (_sendLock)
        {
            var m = _outbound.Reset(MsgTypes.OrderCancelRequest).Add(Tag.OrigClOrdID, cancel.OrigClOrdID);
            if (!cancel.OrderID.IsEmpty) m.Add(Tag.OrderID, cancel.OrderID);
            m.Add(Tag.ClOrdID, cancel.ClOrdID).Add(Tag.Symbol, cancel.Symbol).AddChar(Tag.Side, cancel.Side)
             .AddUtcTimestamp(Tag.TransactTime, cancel.TransactTime)
             .AddDecimal(Tag.OrderQty, cancel.OrderQty, Scale.QuantityScale);
            return Session.Send(m, out msgSeqNum);
        }
    }

    public SendResult SendOrderCancelReplaceRequest(in OrderCancelReplaceRequestData replace, out int msgSeqNum)
    {
        lock (_sendLock)
        {
            var m = _outbound.Reset(MsgTypes.OrderCancelReplaceRequest).Add(Tag.OrigClOrdID, replace.OrigClOrdID);
            if (!replace.OrderID.IsEmpty) m.Add(Tag.OrderID, replace.OrderID);
            m.Add(Tag.ClOrdID, replace.ClOrdID);
            if (!replace.Account.IsEmpty) m.Add(Tag.Account, replace.Account);
            m.AddChar(Tag.HandlInst, (byte)'1').Add(Tag.Symbol, replace.Symbol).AddChar(Tag.Side, replace.Side)
             .AddUtcTimestamp(Tag.TransactTime, replace.TransactTime)
             .AddDecimal(Tag.OrderQty, replace.OrderQty, Scale.QuantityScale).AddChar(Tag.OrdType, replace.OrdType);
            if (replace.OrdType != (byte)'1') m.AddDecimal(Tag.Price, replace.Price, Scale.PriceScale);
            if (replace.TimeInForce != 0) m.AddChar(Tag.TimeInForce, replace.TimeInForce);
            return Session.Send(m, out msgSeqNum);
        }
    }

    ApplicationResult IFixApplication.OnMessage(FixSession session, FixMessage message)
    {
        var type = message.MsgType;
        if (type.Length != 1) return ApplicationResult.Unsupported;
        switch (type[0])
        {
            case (byte)'8':
                _handler.OnExecutionReport(this, new ExecutionReportView(message, Scale));
                return ApplicationResult.Handled;
            case (byte)'9':
                _handler.OnOrderCancelReject(this, new OrderCancelRejectView(message));
                return ApplicationResult.Handled;
            case (byte)'j':
                _handler.OnMessageRejected(this, new VenueRejectView(message));
                return ApplicationResult.Handled;
            default:
                return ApplicationResult.Unsupported;
        }
    }

    void IFixApplication.OnAdminMessage(FixSession session, FixMessage message)
    {
        if (message.IsMsgType(MsgTypes.Reject)) _handler.OnMessageRejected(this, new VenueRejectView(message));
    }

    void IFixApplication.OnLogon(FixSession session) => _handler.OnSessionUp(this);

    void IFixApplication.OnLogout(FixSession session, string reason) => _handler.OnSessionDown(this, reason);
}
