using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// The application behind our engine in the conformance scenarios, the counterpart of the echo server FIX
/// session certification runs against: a NewOrderSingle is sent back as it came (body fields in ascending
/// tag order, as QuickFIX lays out a message it builds), so what was accepted shows on the wire; any other
/// application message is unsupported (BusinessMessageReject 380=3). A PossResend (97=Y) order whose ClOrdID
/// was seen already is dropped, the application-level duplicate check FIX leaves to the application.
/// </summary>
public sealed class EchoApplication : RecordingApplication
{
    // FIX 4.4 standard header and trailer: not part of the echoed body.
    private static readonly HashSet<int> HeaderAndTrailer =
        [8, 9, 35, 49, 56, 115, 128, 90, 91, 34, 50, 142, 57, 143, 116, 144, 129, 145, 43, 97, 52, 122, 212, 213, 347, 369, 627, 628, 629, 630, 93, 89, 10];

    private readonly FixOutboundMessage _echo = new();
    private readonly HashSet<string> _orders = new();

    public override ApplicationResult OnMessage(FixSession session, FixMessage message)
    {
        base.OnMessage(session, message);
        if (!message.IsMsgType(MsgTypes.NewOrderSingle)) return ApplicationResult.Unsupported;
        bool seen = !_orders.Add(message.GetString(Tag.ClOrdID) ?? "");
        if (seen && message.ValueEquals(97, "Y"u8)) return ApplicationResult.Handled;
        _echo.Reset(MsgTypes.NewOrderSingle);
        var body = new List<(int Tag, byte[] Value)>();
        for (int i = 0; i < message.FieldCount; i++)
            if (!HeaderAndTrailer.Contains(message.TagAt(i))) body.Add((message.TagAt(i), message.ValueAt(i).ToArray()));
        foreach (var (tag, value) in body.OrderBy(f => f.Tag)) _echo.Add(tag, value);
        session.Send(_echo);
        return ApplicationResult.Handled;
    }

    /// <summary>ClOrdIDs of the NewOrderSingles delivered, in order, "+PossDup"/"+PossResend" marking the flags.</summary>
    public List<string> Delivered() => App("D").Select(m =>
        new StringBuilder(m.GetString(Tag.ClOrdID)).Append(m.PossDupFlag ? "+PossDup" : "").Append(m.ValueEquals(97, "Y"u8) ? "+PossResend" : "").ToString()).ToList();
}
