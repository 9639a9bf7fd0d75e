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
/// Sends may come from any thread, including from inside a handler callback: each message is built in one
/// shared buffer under the session's own lock, and handler callbacks are made after that lock is let go
/// (see <see cref="IFixApplication"/>). So a handler that blocks — a node waiting for room in its input
/// ring — does not stop another thread sending orders on this venue, and what the sends cause (a failed
/// write's <see cref="IVenueSessionHandler.OnSessionDown"/>) is reported on the session's receive thread.
/// Other inbound application messages are answered with BusinessMessageReject(UnsupportedMessageType).
/// </summary>
public sealed class VenueSession : IFixApplication
{
    private readonly IVenueSessionHandler _handler;
    private readonly FixOutboundMessage _outbound = new(512);
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
        lock (Session.SyncRoot)
        {
            var m = _outbound.Reset(MsgTypes.NewOrderSingle).Add(Tag.ClOrdID, order.ClOrdID);
            if (!order.Account.IsEmpty) m.Add(Tag.Account, order.Account);
            AddOrderTerms(m, order.Symbol, order.Side, order.TransactTime, order.OrderQty, order.OrdType, order.Price, order.TimeInForce);
            if (!order.ExDestination.IsEmpty) m.Add(Tag.ExDestination, order.ExDestination);
            return Session.Send(m, out msgSeqNum);
        }
    }

    public SendResult SendOrderCancelRequest(in OrderCancelRequestData cancel, out int msgSeqNum)
    {
        lock (Session.SyncRoot)
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
        lock (Session.SyncRoot)
        {
            var m = _outbound.Reset(MsgTypes.OrderCancelReplaceRequest).Add(Tag.OrigClOrdID, replace.OrigClOrdID);
            if (!replace.OrderID.IsEmpty) m.Add(Tag.OrderID, replace.OrderID);
            m.Add(Tag.ClOrdID, replace.ClOrdID);
            if (!replace.Account.IsEmpty) m.Add(Tag.Account, replace.Account);
            AddOrderTerms(m, replace.Symbol, replace.Side, replace.TransactTime, replace.OrderQty, replace.OrdType, replace.Price, replace.TimeInForce);
            return Session.Send(m, out msgSeqNum);
        }
    }

    /// <summary>The terms NewOrderSingle and OrderCancelReplaceRequest share, in FIX 4.4 field order.</summary>
    private void AddOrderTerms(FixOutboundMessage m, ReadOnlySpan<byte> symbol, byte side, DateTime transactTime, long orderQty,
        byte ordType, long price, byte timeInForce)
    {
        m.AddChar(Tag.HandlInst, (byte)'1').Add(Tag.Symbol, symbol).AddChar(Tag.Side, side)
         .AddUtcTimestamp(Tag.TransactTime, transactTime)
         .AddDecimal(Tag.OrderQty, orderQty, Scale.QuantityScale).AddChar(Tag.OrdType, ordType);
        // A market order carries no price.
        if (ordType != (byte)'1') m.AddDecimal(Tag.Price, price, Scale.PriceScale);
        if (timeInForce != 0) m.AddChar(Tag.TimeInForce, timeInForce);
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
