using System.Collections.Concurrent;
using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Transport;

namespace TradeX.Fix.Tests.Session;

// The example application of docs/fix.md ("Any application"), word for word: if this file changes, change the
// page. An order desk (acceptor) that vets a logon token and acknowledges orders with a Japanese text, and a
// trader (initiator) whose outbound hook puts the token in its Logon.

/// <summary>Acknowledges every NewOrderSingle up to 10,000 shares; refuses the rest and every other message.</summary>
public sealed class OrderDesk(byte[] logonToken) : IFixApplication
{
    private const int RawData = 96, MessageEncoding = 347, EncodedTextLen = 354, EncodedText = 355;
    private readonly FixOutboundMessage _ack = new();   // used on the session's receive thread only
    private long _orders;

    // Under the session's lock: decide from the message alone.
    public bool OnLogonRequest(FixSession session, FixMessage logon) => logon.GetValue(RawData).SequenceEqual(logonToken);

    public ApplicationResult OnMessage(FixSession session, FixMessage order)
    {
        if (!order.IsMsgType(MsgTypes.NewOrderSingle)) return ApplicationResult.Unsupported;
        if (!order.TryGetDecimal(Tag.OrderQty, 0, out long quantity) || quantity > 10_000)
            return ApplicationResult.Reject(BusinessRejectReason.Other, "OrderQty above 10,000", Tag.OrderQty);
        long id = ++_orders;
        _ack.Reset(MsgTypes.ExecutionReport)
            .Add(Tag.OrderID, id).Add(Tag.ClOrdID, order.GetValue(Tag.ClOrdID)).Add(Tag.ExecID, id)
            .AddChar(Tag.ExecType, (byte)'0').AddChar(Tag.OrdStatus, (byte)'0').Add(Tag.Symbol, order.GetValue(Tag.Symbol))
            .AddChar(Tag.Side, order.GetValue(Tag.Side)[0]).Add(Tag.LeavesQty, quantity).Add(Tag.CumQty, 0).Add(Tag.AvgPx, 0)
            .AddEncoded(EncodedTextLen, EncodedText, "注文を受け付けました", Encoding.UTF8);
        _ack.Header.Add(MessageEncoding, "UTF-8");   // written into the header, in tag order
        session.Send(_ack);
        return ApplicationResult.Handled;
    }
}

/// <summary>Logs on with a token in RawData(96) and keeps what the desk answers.</summary>
public sealed class Trader(byte[] logonToken) : IFixApplication
{
    private const int RawDataLength = 95, RawData = 96, EncodedText = 355;
    public ConcurrentQueue<string> Answers { get; } = new();

    // Every session-level message passes here before it is sent, under the session's lock: add and return.
    public void ToAdmin(FixSession session, FixOutboundMessage message)
    {
        if (message.MsgType.SequenceEqual(MsgTypes.Logon)) message.AddData(RawDataLength, RawData, logonToken);
    }

    public ApplicationResult OnMessage(FixSession session, FixMessage message)
    {
        if (message.IsMsgType(MsgTypes.ExecutionReport))
            Answers.Enqueue($"ack {message.GetString(Tag.ClOrdID)}: {Encoding.UTF8.GetString(message.GetValue(EncodedText))}");
        else if (message.IsMsgType(MsgTypes.BusinessMessageReject))
            Answers.Enqueue($"refused: {message.GetString(Tag.Text)}");
        return ApplicationResult.Handled;
    }
}

/// <summary>The documented example application, run between two of our engines over a loopback socket.</summary>
public sealed class ExampleApplicationTests
{
    private static readonly byte[] Token = "c2lnbmVkLXRva2Vu"u8.ToArray();
    private readonly List<FixEngine> _engines = [];

    [TearDown]
    public void TearDown()
    {
        foreach (var engine in _engines) engine.Dispose();
        _engines.Clear();
    }

    private string _traderLogs = "";

    private (FixSession Desk, FixSession TraderSession, Trader Trader) Start(byte[] traderToken)
    {
        _traderLogs = TestPaths.NewTempDirectory("trader-log");
        var desk = FixEngine.FromSettings([OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("desk"))], _ => new OrderDesk(Token));
        _engines.Add(desk);
        desk.Start();
        int port = desk.AcceptorEndPoint(desk.Sessions[0]).Port;
        var trader = new Trader(traderToken);
        var client = FixEngine.FromSettings([OurEngine.InitiatorSettings(TestPaths.NewTempDirectory("trader"), port) with { FileLogPath = _traderLogs }],
            _ => trader);
        _engines.Add(client);
        client.Start();
        return (desk.Sessions[0], client.Sessions[0], trader);
    }

    private static FixOutboundMessage Order(string clOrdId, long quantity) =>
        new FixOutboundMessage().Reset(MsgTypes.NewOrderSingle).Add(Tag.ClOrdID, clOrdId).AddChar(Tag.HandlInst, (byte)'1')
            .Add(Tag.OrderQty, quantity).AddChar(Tag.OrdType, (byte)'1').AddChar(Tag.Side, (byte)'1').Add(Tag.Symbol, "IBM")
            .AddUtcTimestamp(Tag.TransactTime, DateTime.UtcNow);

    [Test]
    public void The_trader_logs_on_with_its_token_and_gets_each_order_acknowledged_in_japanese_or_refused_with_the_reason()
    {
        var (desk, session, trader) = Start(Token);
        Wait.Until(() => session.IsLoggedOn && desk.IsLoggedOn, "both sides logged on");

        Assert.That(session.Send(Order("A1", 100)), Is.EqualTo(SendResult.Sent));
        Assert.That(session.Send(Order("A2", 50_000)), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => trader.Answers.Count == 2, "two answers");

        Assert.That(trader.Answers, Is.EqualTo(new[] { "ack A1: 注文を受け付けました", "refused: OrderQty above 10,000 (38)" }));
    }

    [Test]
    public void A_trader_with_the_wrong_token_is_logged_out_before_any_order()
    {
        var (desk, session, trader) = Start("forged"u8.ToArray());
        // What the operator reads in the trader's event log: the desk's Logout, kept as the reason.
        string events = Path.Combine(_traderLogs, session.Id.FileName + ".event.log");
        Wait.Until(() => File.Exists(events) && ReadShared(events).Contains("Logon refused: Logon rejected", StringComparison.Ordinal),
            "the trader's log says the desk refused the logon");

        Assert.That(desk.IsLoggedOn || session.IsLoggedOn, Is.False);
        Assert.That(session.Send(Order("A1", 100)), Is.EqualTo(SendResult.NotLoggedOn));
        Assert.That(trader.Answers, Is.Empty);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
