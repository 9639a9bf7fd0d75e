using System.Diagnostics;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Store;
using TradeX.Fix.Transport;
using TradeX.Fix.Venue;

// Usage: TradeX.Fix.RoundTrip quickfix <port> <FIX44.xml> [warmup] [count]   our initiator -> qfbench server
//        TradeX.Fix.RoundTrip ours <FIX44.xml> [warmup] [count]              our initiator -> our acceptor
// One order in flight: the clock starts before SendNewOrderSingle and stops when the fill
// (ExecutionReport OrdStatus=2) has been parsed, validated and handed to the venue handler, which
// sends the next order.
// Both ends use memory stores, as the QuickFIX<->QuickFIX measurement does.
if (args.Length < 2) { Console.Error.WriteLine("usage: quickfix <port> <FIX44.xml> [warmup] [count] | ours <FIX44.xml> [warmup] [count]"); return 64; }
bool againstQuickFix = args[0] == "quickfix";
int port = againstQuickFix ? int.Parse(args[1]) : 0;
string dictionary = againstQuickFix ? args[2] : args[1];
int rest = againstQuickFix ? 3 : 2;
int warmup = args.Length > rest ? int.Parse(args[rest]) : 5_000;
int count = args.Length > rest + 1 ? int.Parse(args[rest + 1]) : 20_000;
// Optional busy-poll before each blocking read (FixEngineOptions.ReceiveSpin), in microseconds.
var spin = TimeSpan.FromMicroseconds(double.Parse(Environment.GetEnvironmentVariable("TRADEX_FIX_RECEIVE_SPIN_US") ?? "0"));

var options = new FixEngineOptions
{
    StoreFactory = s => new MemoryMessageStore(DateTime.UtcNow), TimerInterval = TimeSpan.FromMilliseconds(100), ReceiveSpin = spin,
};
FixEngine? exchange = null;
if (!againstQuickFix)
{
    exchange = new FixEngine([new SessionSettings
    {
        SessionId = new SessionId("FIX.4.4", "EXCH", "TRADEX"), ConnectionType = ConnectionType.Acceptor,
        SocketAcceptHost = "127.0.0.1", SocketAcceptPort = 0, DataDictionary = dictionary,
    }], _ => new FillingExchange(), options);
    exchange.Start();
    port = exchange.AcceptorEndPoint(exchange.Sessions[0]).Port;
}

var handler = new FillWaiter();
var venue = new VenueSession("BENCH", handler, new VenueDecimalScale(2, 0));
using var initiator = new FixEngine([new SessionSettings
{
    SessionId = new SessionId("FIX.4.4", "TRADEX", "EXCH"), ConnectionType = ConnectionType.Initiator,
    SocketConnectHost = "127.0.0.1", SocketConnectPort = port, HeartBtInt = 30, DataDictionary = dictionary,
    ReconnectInterval = TimeSpan.FromSeconds(1),
}], _ => venue, options);
venue.Bind(initiator.Sessions[0]);
initiator.Start();
var deadline = DateTime.UtcNow.AddSeconds(30);
while (!venue.IsUp) { if (DateTime.UtcNow > deadline) { Console.Error.WriteLine("no logon"); return 3; } Thread.Sleep(10); }

// Ping-pong driven from the fill callback: the next order leaves from the receive thread as soon as
// the previous fill is handled, so no thread hand-off is measured (qfbench client does the same).
var samples = handler.Run(venue, warmup, count);
Array.Sort(samples);
double P(double p) => samples[(int)(p * (samples.Length - 1))];
Console.WriteLine($"tradex<->{(againstQuickFix ? "quickfix" : "tradex")} round trip (NewOrderSingle -> fill, one in flight, {count} orders): " +
                  $"p50 {P(0.50):F1} us, p99 {P(0.99):F1} us" + (spin > TimeSpan.Zero ? $" (receive spin {spin.TotalMicroseconds} us)" : ""));
initiator.Stop();
exchange?.Stop();
return 0;

/// <summary>Sends an order, times it until its fill is handled, sends the next from the callback.</summary>
sealed class FillWaiter : IVenueSessionHandler
{
    private readonly byte[] _id = new byte[20];
    private readonly ManualResetEventSlim _done = new(false);
    private VenueSession _venue = null!;
    private double[] _samples = [];
    private int _warmup, _sent, _total;
    private long _start;

    public double[] Run(VenueSession venue, int warmup, int count)
    {
        _venue = venue;
        _warmup = warmup;
        _total = warmup + count;
        _samples = new double[count];
        SendNext();
        if (!_done.Wait(TimeSpan.FromMinutes(10))) throw new TimeoutException($"only {_sent} of {_total} orders filled");
        return _samples;
    }

    private void SendNext()
    {
        _id[0] = (byte)'C';
        int n = 1 + FixValues.WriteInt(_id.AsSpan(1), _sent);
        _start = Stopwatch.GetTimestamp();
        _venue.SendNewOrderSingle(new NewOrderSingleRequest
        {
            ClOrdID = _id.AsSpan(0, n), Symbol = "IBM"u8, Side = (byte)'1', OrderQty = 100, OrdType = (byte)'2', Price = 12345,
            TransactTime = DateTime.UtcNow,
        }, out _);
        _sent++;
    }

    public void OnExecutionReport(VenueSession venue, in ExecutionReportView report)
    {
        if (report.OrdStatus != (byte)'2') return;
        double micros = Stopwatch.GetElapsedTime(_start).TotalMicroseconds;
        if (_sent > _warmup) _samples[_sent - _warmup - 1] = micros;
        if (_sent < _total) SendNext();
        else _done.Set();
    }

    public void OnSessionUp(VenueSession venue) { }
    public void OnSessionDown(VenueSession venue, string reason) { }
    public void OnOrderCancelReject(VenueSession venue, in OrderCancelRejectView reject) { }
    public void OnMessageRejected(VenueSession venue, in VenueRejectView reject) => Console.Error.WriteLine($"rejected: {reject.RefSeqNum}");
}

/// <summary>Our exchange: every NewOrderSingle is answered by ExecutionReport New and Fill.</summary>
sealed class FillingExchange : IFixApplication
{
    private readonly FixOutboundMessage _er = new();
    private long _execId;
    public ApplicationResult OnMessage(FixSession session, FixMessage order)
    {
        if (!order.IsMsgType(MsgTypes.NewOrderSingle)) return ApplicationResult.Unsupported;
        for (int fill = 0; fill < 2; fill++)
        {
            var qty = order.GetValue(Tag.OrderQty);
            _er.Reset(MsgTypes.ExecutionReport).Add(Tag.OrderID, "O1"u8).Add(Tag.ClOrdID, order.GetValue(Tag.ClOrdID))
                .Add(Tag.ExecID, ++_execId).AddChar(Tag.ExecType, fill == 1 ? (byte)'F' : (byte)'0')
                .AddChar(Tag.OrdStatus, fill == 1 ? (byte)'2' : (byte)'0').Add(Tag.Symbol, order.GetValue(Tag.Symbol))
                .Add(Tag.Side, order.GetValue(Tag.Side)).Add(Tag.OrderQty, qty)
                .Add(Tag.LeavesQty, fill == 1 ? "0"u8 : qty).Add(Tag.CumQty, fill == 1 ? qty : "0"u8)
                .Add(Tag.AvgPx, fill == 1 ? order.GetValue(Tag.Price) : "0"u8);
            if (fill == 1) _er.Add(Tag.LastQty, qty).Add(Tag.LastPx, order.GetValue(Tag.Price));
            session.Send(_er);
        }
        return ApplicationResult.Handled;
    }
}
