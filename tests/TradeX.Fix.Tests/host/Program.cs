using System.Text;
using TradeX.Fix.Session;
using TradeX.Fix.Transport;
using TradeX.Fix.Venue;

// TradeX.Fix.TestHost <settings-file>
// Runs one venue session from a QuickFIX-format settings file. Commands on stdin:
//   order <ClOrdID> <Symbol> <Qty>     send a limit NewOrderSingle (buy, price 1)
//   status                             print STATUS <next sender> <next target>
//   quit                               Logout and exit
// Events on stdout: READY, UP, DOWN <reason>, SENT <ClOrdID> <result> <MsgSeqNum>,
//   ER <ClOrdID> <ExecID> <ExecType> <OrdStatus> <LastQty> <CumQty> <PossDup Y|N>, REJECTED <RefSeqNum>.
if (args.Length != 1) { Console.Error.WriteLine("usage: TradeX.Fix.TestHost <settings-file>"); return 64; }
var output = new object();
void Print(string line) { lock (output) { Console.Out.WriteLine(line); Console.Out.Flush(); } }

var handler = new PrintingHandler(Print);
var venue = new VenueSession("HOST", handler, new VenueDecimalScale(4, 0));
using var engine = FixEngine.FromFile(args[0], _ => venue, new FixEngineOptions { TimerInterval = TimeSpan.FromMilliseconds(20) });
venue.Bind(engine.Sessions[0]);
engine.Start();
Print("READY");
string? line;
while ((line = Console.In.ReadLine()) is not null)
{
    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (parts.Length == 0) continue;
    switch (parts[0])
    {
        case "order":
            var result = venue.SendNewOrderSingle(new NewOrderSingleRequest
            {
                ClOrdID = Encoding.ASCII.GetBytes(parts[1]), Symbol = Encoding.ASCII.GetBytes(parts[2]), Side = (byte)'1',
                OrderQty = long.Parse(parts[3]), OrdType = (byte)'2', Price = 10000, TransactTime = DateTime.UtcNow,
            }, out int seq);
            Print($"SENT {parts[1]} {result} {seq}");
            break;
        case "status":
            Print($"STATUS {venue.Session.NextSenderMsgSeqNum} {venue.Session.NextTargetMsgSeqNum}");
            break;
        case "quit":
            engine.Stop();
            Print("EXIT");
            return 0;
    }
}
engine.Stop();
return 0;

sealed class PrintingHandler(Action<string> print) : IVenueSessionHandler
{
    private static string S(ReadOnlySpan<byte> b) => Encoding.ASCII.GetString(b);
    public void OnSessionUp(VenueSession venue) => print("UP");
    public void OnSessionDown(VenueSession venue, string reason) => print("DOWN " + reason);
    public void OnExecutionReport(VenueSession venue, in ExecutionReportView r)
    {
        r.TryGetLastQty(out long last);
        r.TryGetCumQty(out long cum);
        print($"ER {S(r.ClOrdID)} {S(r.ExecID)} {(char)r.ExecType} {(char)r.OrdStatus} {last} {cum} {(r.PossDup ? 'Y' : 'N')}");
    }
    public void OnOrderCancelReject(VenueSession venue, in OrderCancelRejectView r) => print($"CANCELREJECT {S(r.ClOrdID)}");
    public void OnMessageRejected(VenueSession venue, in VenueRejectView r) => print($"REJECTED {r.RefSeqNum}");
}
