using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Session;

/// <summary>
/// What an application writer meets: optional header fields on a send, the outbound hook on admin
/// messages, and the recovery settings a counterparty may ask for. Our acceptor against a hand-driven
/// peer on a loopback socket, answers checked on the wire.
/// </summary>
public sealed class SessionApiTests
{
    private const int OnBehalfOfCompID = 115, OnBehalfOfSubID = 116, DeliverToCompID = 128, DeliverToSubID = 129;
    private const int LastMsgSeqNumProcessed = 369, XmlDataLen = 212, XmlData = 213;
    private ManualClock _clock = null!;
    private readonly List<IDisposable> _owned = [];

    [SetUp]
    public void SetUp() => _clock = new ManualClock(DateTime.UtcNow);

    [TearDown]
    public void TearDown()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }

    private (OurEngine Ours, RawFixPeer Peer) Start(Func<SessionSettings, SessionSettings>? configure = null, RecordingApplication? app = null,
        string? storeDir = null)
    {
        var settings = OurEngine.AcceptorSettings(storeDir ?? TestPaths.NewTempDirectory("api"));
        var ours = OurEngine.Start(configure is null ? settings : configure(settings), app, clock: _clock);
        _owned.Add(ours);
        var peer = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH", () => _clock.UtcNow);
        _owned.Add(peer);
        return (ours, peer);
    }

    private static void LogOn(OurEngine ours, RawFixPeer peer)
    {
        peer.Logon();
        peer.Expect("A");
        Wait.Until(() => ours.Session.IsLoggedOn, "our session logged on");
    }

    private static FixOutboundMessage Report(FixOutboundMessage m) =>
        m.Reset("8").Add(Tag.OrderID, "O1").Add(Tag.ExecID, "E1").AddChar(Tag.ExecType, (byte)'0').AddChar(Tag.OrdStatus, (byte)'0')
            .Add(Tag.Symbol, "IBM").AddChar(Tag.Side, (byte)'1').Add(Tag.LeavesQty, 1).Add(Tag.CumQty, 0).Add(Tag.AvgPx, 0);

    private static int[] Tags(FixMessage m) => Enumerable.Range(0, m.FieldCount).Select(m.TagAt).ToArray();

    [Test]
    public void Header_fields_set_on_a_send_go_out_in_the_header_in_ascending_tag_order()
    {
        var (ours, peer) = Start();
        LogOn(ours, peer);
        var report = Report(new FixOutboundMessage());
        report.Header.Add(DeliverToCompID, "DESK").AddChar(Tag.PossResend, (byte)'Y');
        Assert.That(ours.Session.Send(report), Is.EqualTo(SendResult.Sent));

        var sent = peer.Expect("8");
        Assert.That(sent.GetString(DeliverToCompID), Is.EqualTo("DESK"));
        Assert.That(sent.GetString(Tag.PossResend), Is.EqualTo("Y"));
        var tags = Tags(sent);
        int orderId = Array.IndexOf(tags, Tag.OrderID);
        Assert.That(tags[..orderId], Is.EqualTo(new[] { 8, 9, 35, 34, 49, 52, 56, 97, 128 }), "8, 9, 35, then the header ascending, then the body");
        Assert.That(report.HeaderFields.IsEmpty, Is.False, "the application's message is not changed by sending it");
        Assert.That(report.Reset("8").HeaderFields.IsEmpty, "Reset clears the header fields too");
    }

    [Test]
    public void A_header_data_field_holding_SOH_is_sent_whole()
    {
        var (ours, peer) = Start();
        LogOn(ours, peer);
        var report = Report(new FixOutboundMessage());
        report.Header.AddData(XmlDataLen, XmlData, "<a>\u0001</a>"u8);
        Assert.That(ours.Session.Send(report), Is.EqualTo(SendResult.Sent));

        var sent = peer.Expect("8");
        Assert.That(sent.GetString(XmlData), Is.EqualTo("<a>\u0001</a>"));
    }

    [TestCase(Tag.MsgSeqNum)]
    [TestCase(Tag.SenderCompID)]
    [TestCase(Tag.SendingTime)]
    [TestCase(Tag.PossDupFlag)]
    [TestCase(Tag.OrderID)]
    public void A_send_that_sets_a_header_field_the_session_writes_or_a_body_tag_in_the_header_is_refused(int tag)
    {
        var (ours, peer) = Start();
        LogOn(ours, peer);
        var report = Report(new FixOutboundMessage());
        report.Header.Add(tag, "X");
        int next = ours.Session.NextSenderMsgSeqNum;
        Assert.Throws<ArgumentException>(() => ours.Session.Send(report));
        Assert.That(ours.Session.NextSenderMsgSeqNum, Is.EqualTo(next), "no number used");
        Assert.That(ours.Session.Send(Report(report)), Is.EqualTo(SendResult.Sent), "the session goes on");
        Assert.That(peer.Expect("8").MsgSeqNum, Is.EqualTo(next));
    }

    private sealed class LogonExtras : RecordingApplication, IFixApplication
    {
        public int HookCalls;
        public bool SetOwnedTag;

        void IFixApplication.ToAdmin(FixSession session, FixOutboundMessage message)
        {
            Interlocked.Increment(ref HookCalls);
            if (!message.MsgType.SequenceEqual(MsgTypes.Logon)) return;
            message.Add(Tag.Username, "venue-user");
            message.Header.Add(OnBehalfOfCompID, "FIRM");
            if (SetOwnedTag) message.Header.Add(Tag.MsgSeqNum, 99);
        }
    }

    [Test]
    public void The_outbound_hook_adds_fields_to_the_Logon_answer()
    {
        var app = new LogonExtras();
        var (ours, peer) = Start(app: app);
        peer.Logon();
        var logon = peer.Expect("A");
        Assert.That(logon.GetString(Tag.Username), Is.EqualTo("venue-user"));
        Assert.That(logon.GetString(OnBehalfOfCompID), Is.EqualTo("FIRM"));
        var tags = Tags(logon);
        Assert.That(tags[..9], Is.EqualTo(new[] { 8, 9, 35, 34, 49, 52, 56, 115, 98 }));
        Assert.That(tags.SkipWhile(t => t != Tag.EncryptMethod).TakeWhile(t => t != Tag.CheckSum), Is.EqualTo(new[] { 98, 108, 553 }));
        peer.Send("1", "112=PING|");
        Assert.That(peer.Expect("0").Has(OnBehalfOfCompID), Is.False, "the hook added fields to the Logon only");
        Assert.That(app.HookCalls, Is.GreaterThanOrEqualTo(2), "the Heartbeat passed the hook too");
    }

    [Test]
    public void An_outbound_hook_that_sets_a_field_the_session_owns_is_ignored_and_the_Logon_still_goes_out()
    {
        var app = new LogonExtras { SetOwnedTag = true };
        var (ours, peer) = Start(app: app);
        peer.Logon();
        var logon = peer.Expect("A");
        Assert.That(logon.MsgSeqNum, Is.EqualTo(1));
        Assert.That(logon.Has(OnBehalfOfCompID), Is.False, "the hook's header additions are dropped");
        Wait.Until(() => ours.Session.IsLoggedOn, "the session is up all the same");
    }

    [Test]
    public void A_Reject_reverses_the_routing_header_and_skips_empty_values()
    {
        var (ours, peer) = Start();
        LogOn(ours, peer);
        int seq = peer.Send("D", $"{OnBehalfOfCompID}=FIRM|{OnBehalfOfSubID}=TRADER|{DeliverToSubID}=|11=C1|55=IBM|54=1|60=20260105-10:00:00|38=many|40=2|");
        var reject = peer.Expect("3");
        Assert.That(reject.GetString(Tag.RefSeqNum), Is.EqualTo(seq.ToString()));
        // The dictionary finds the empty DeliverToSubID first (header before body).
        Assert.That((reject.GetString(Tag.SessionRejectReason), reject.GetString(Tag.RefTagID)), Is.EqualTo(("4", "129")));
        Assert.That(reject.GetString(DeliverToCompID), Is.EqualTo("FIRM"));
        Assert.That(reject.GetString(DeliverToSubID), Is.EqualTo("TRADER"));
        Assert.That(reject.Has(OnBehalfOfSubID), Is.False, "an empty DeliverToSubID is not copied back");
        var tags = Tags(reject);
        Assert.That(tags.SkipWhile(t => t != Tag.RefSeqNum).TakeWhile(t => t != Tag.CheckSum), Is.EqualTo(new[] { 45, 58, 371, 372, 373 }));
    }

    [Test]
    public void With_EnableLastMsgSeqNumProcessed_every_message_says_the_last_number_processed()
    {
        var (ours, peer) = Start(s => s with { EnableLastMsgSeqNumProcessed = true });
        peer.Logon();
        Assert.That(peer.Expect("A").GetString(LastMsgSeqNumProcessed), Is.EqualTo("1"), "the Logon answer names the peer's Logon");
        Wait.Until(() => ours.Session.IsLoggedOn, "logged on");
        peer.Send("1", "112=A|");
        Assert.That(peer.Expect("0").GetString(LastMsgSeqNumProcessed), Is.EqualTo("2"));
        peer.Send("0", "");
        Wait.Until(() => ours.Session.NextTargetMsgSeqNum == 4, "heartbeat consumed");
        ours.Session.Send(Report(new FixOutboundMessage()));
        Assert.That(peer.Expect("8").GetString(LastMsgSeqNumProcessed), Is.EqualTo("3"), "application messages carry it too");
    }

    [Test]
    public void MaxMessagesInResendRequest_asks_for_a_long_gap_in_chunks()
    {
        var (ours, peer) = Start(s => s with { MaxMessagesInResendRequest = 2 });
        LogOn(ours, peer);                                     // peer's 1
        peer.Send("0", "", seq: 7);                            // 2..6 missing
        var first = peer.Expect("2");
        Assert.That((first.GetString(Tag.BeginSeqNo), first.GetString(Tag.EndSeqNo)), Is.EqualTo(("2", "3")));
        peer.Send("0", "", seq: 2, possDup: true);
        peer.Send("0", "", seq: 3, possDup: true);
        var second = peer.Expect("2");
        Assert.That((second.GetString(Tag.BeginSeqNo), second.GetString(Tag.EndSeqNo)), Is.EqualTo(("4", "5")));
        peer.Send("0", "", seq: 4, possDup: true);
        peer.Send("0", "", seq: 5, possDup: true);
        var third = peer.Expect("2");
        Assert.That((third.GetString(Tag.BeginSeqNo), third.GetString(Tag.EndSeqNo)), Is.EqualTo(("6", "6")));
        peer.Send("0", "", seq: 6, possDup: true);
        Wait.Until(() => ours.Session.NextTargetMsgSeqNum == 8, "the gap filled and the queued 7 processed");
    }

    [Test]
    public void RefreshOnLogon_takes_the_sequence_numbers_another_process_left_in_the_store()
    {
        string dir = TestPaths.NewTempDirectory("refresh");
        var (ours, peer) = Start(s => s with { RefreshOnLogon = true }, storeDir: dir);
        // A primary that ran before this standby left its numbers: next out 5, next in 7.
        string seqnums = Directory.GetFiles(dir, "*.seqnums").Single();
        using (var file = new FileStream(seqnums, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            file.Write(Encoding.ASCII.GetBytes("0000000005:0000000007\n"));
        peer.NextSeq = 7;
        peer.Logon();
        Assert.That(peer.Expect("A").MsgSeqNum, Is.EqualTo(5));
        Wait.Until(() => ours.Session.NextTargetMsgSeqNum == 8, "the peer's Logon 7 was the expected one");
    }
}
