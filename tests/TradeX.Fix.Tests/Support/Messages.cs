using System.Text;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Tests.Support;

/// <summary>Typical FIX 4.4 messages as frames, for tests and the fuzzer's seed corpus.</summary>
public static class Messages
{
    public const string NewOrderSingleBody = "11=ORD-1|1=ACC|21=1|55=IBM|54=1|60=20260105-10:00:00.000|38=100|40=2|44=123.45|59=0|";

    public const string ExecutionReportBody =
        "37=O1|11=ORD-1|17=E1|150=F|39=2|1=ACC|55=IBM|54=1|38=100|40=2|44=123.45|59=0|32=100|31=123.45|151=0|14=100|6=123.45|60=20260105-10:00:00.001|58=filled|";

    public static byte[] Frame(string msgType, string body, int seq = 2, string sender = "CLIENT", string target = "EXCH") =>
        new FixFrameBuilder("FIX.4.4").Build(Encoding.ASCII.GetBytes(msgType), Encoding.ASCII.GetBytes(sender),
            Encoding.ASCII.GetBytes(target), seq, new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc), RawFixPeer.Soh(body)).ToArray();

    public static IEnumerable<byte[]> SeedCorpus()
    {
        yield return Frame("D", NewOrderSingleBody);
        yield return Frame("8", ExecutionReportBody);
        yield return Frame("A", "98=0|108=30|141=Y|553=user|");
        yield return Frame("0", "112=TEST-1|");
        yield return Frame("2", "7=1|16=0|");
        yield return Frame("4", "123=Y|36=10|");
        yield return Frame("3", "45=3|371=55|372=D|373=5|58=bad|");
        yield return Frame("F", "41=ORD-1|11=ORD-2|55=IBM|54=1|60=20260105-10:00:00.000|38=100|");
        yield return Frame("D", "11=A|453=2|448=P1|447=D|452=1|448=P2|447=D|452=3|55=X|54=1|60=20260105-10:00:00|40=1|");
        yield return Frame("B", "148=h|33=1|58=x|354=5|355=a|b|c|");
    }
}
