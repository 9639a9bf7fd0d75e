using System.Collections.Concurrent;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;

namespace TradeX.Fix.Tests.Support;

/// <summary>
/// An application that records everything the session tells it (copies of the frames, logon/logout
/// events, rejects) for tests to inspect, and answers messages it is told to refuse.
/// </summary>
public class RecordingApplication : IFixApplication
{
    public ConcurrentQueue<byte[]> AppMessages { get; } = new();
    public ConcurrentQueue<byte[]> AdminMessages { get; } = new();
    public ConcurrentQueue<string> Events { get; } = new();
    public ConcurrentQueue<(SessionRejectReason? Reason, int Tag)> InboundRejects { get; } = new();
    public int Logons => Events.Count(e => e == "logon");
    public int Logouts => Events.Count(e => e.StartsWith("logout", StringComparison.Ordinal));
    public Func<FixSession, FixMessage, ApplicationResult>? Handler { get; set; }

    public virtual ApplicationResult OnMessage(FixSession session, FixMessage message)
    {
        AppMessages.Enqueue(message.Frame.ToArray());
        return Handler?.Invoke(session, message) ?? ApplicationResult.Handled;
    }

    public void OnLogon(FixSession session) => Events.Enqueue("logon");
    public void OnLogout(FixSession session, string reason) => Events.Enqueue("logout: " + reason);
    public void OnAdminMessage(FixSession session, FixMessage message) => AdminMessages.Enqueue(message.Frame.ToArray());
    public void OnInboundRejected(FixSession session, SessionRejectReason? reason, int refTagId, string description) =>
        InboundRejects.Enqueue((reason, refTagId));

    public static FixMessage Parse(byte[] frame)
    {
        var m = new FixMessage();
        Assert.That(m.Parse(frame), Is.EqualTo(FixParseStatus.Ok));
        return m;
    }

    public List<FixMessage> App(string msgType) =>
        AppMessages.Select(Parse).Where(m => m.IsMsgType(System.Text.Encoding.ASCII.GetBytes(msgType))).ToList();

    public List<FixMessage> Admin(string msgType) =>
        AdminMessages.Select(Parse).Where(m => m.IsMsgType(System.Text.Encoding.ASCII.GetBytes(msgType))).ToList();
}
