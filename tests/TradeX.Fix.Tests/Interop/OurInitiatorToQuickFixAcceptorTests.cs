using System.Text;
using TradeX.Fix.Session;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Transport;
using TradeX.Fix.Venue;

namespace TradeX.Fix.Tests.Interop;

/// <summary>
/// Our initiator (through the venue session API the node uses) against the QuickFIX C++ exchange
/// simulator as acceptor, over loopback, each with a real file store.
/// </summary>
[NonParallelizable]
public sealed class OurInitiatorToQuickFixAcceptorTests
{
    private string _dir = null!;
    private int _port;
    private QuickFixSimulator _sim = null!;
    private Ours _ours = null!;

    private sealed class Ours(FixEngine engine, VenueSession venue, VenueRecorder recorder) : IDisposable
    {
        public FixEngine Engine { get; } = engine;
        public VenueSession Venue { get; } = venue;
        public VenueRecorder Recorder { get; } = recorder;
        public FixSession Session => Engine.Sessions[0];
        public void Dispose() => Engine.Dispose();
    }

    private Ours StartOurs(VenueRecorder? recorder = null)
    {
        recorder ??= new VenueRecorder();
        var venue = new VenueSession("SIM", recorder, new VenueDecimalScale(PriceScale: 4, QuantityScale: 0));
        var settings = OurEngine.InitiatorSettings(Path.Combine(_dir, "ours"), _port, sender: "TRADEX", target: "EXCH") with
        {
            FileLogPath = Path.Combine(_dir, "ours-log"),
        };
        var engine = new FixEngine([settings], _ => venue, new FixEngineOptions { TimerInterval = TimeSpan.FromMilliseconds(20) });
        venue.Bind(engine.Sessions[0]);
        engine.Start();
        return new Ours(engine, venue, recorder);
    }

    [SetUp]
    public void SetUp()
    {
        _dir = TestPaths.NewTempDirectory("interop-qf-acceptor");
        _port = FreePort.Next();
        _sim = QuickFixSimulator.Start(Path.Combine(_dir, "sim"), "acceptor", _port);
        _ours = StartOurs();
        WaitLoggedOn(_ours, 1);
    }

    [TearDown]
    public void TearDown()
    {
        _ours.Dispose();
        _sim.Dispose();
    }

    private void WaitLoggedOn(Ours ours, int simLogons)
    {
        Wait.Until(() => ours.Venue.IsUp, () => "our venue session up\n" + _sim.Tail());
        _sim.WaitForCount("LOGON", simLogons);
    }

    private static SendResult Order(Ours ours, string id, string symbol, long qty, long price = 1015000) =>
        ours.Venue.SendNewOrderSingle(new NewOrderSingleRequest
        {
            ClOrdID = Encoding.ASCII.GetBytes(id), Symbol = Encoding.ASCII.GetBytes(symbol), Side = (byte)'1',
            OrderQty = qty, OrdType = (byte)'2', Price = price, TimeInForce = (byte)'0', TransactTime = DateTime.UtcNow,
        }, out _);

    private void AssertNoRejectsAtQuickFix() =>
        Assert.That(_sim.Messages("FROMADMIN", "3"), Is.Empty, "QuickFIX rejected something we sent:\n" + _sim.Tail());

    [Test]
    public void Logon_then_logout_initiated_by_us()
    {
        var logon = _sim.WaitForMessage("FROMADMIN", "A");
        Assert.That((logon[108], logon[49], logon[56]), Is.EqualTo(("30", "TRADEX", "EXCH")));
        _ours.Session.Logout("end of day");
        var logout = _sim.WaitForMessage("FROMADMIN", "5");
        Assert.That(logout[58], Is.EqualTo("end of day"));
        _sim.WaitForCount("LOGOUT", 1);
        Wait.Until(() => _ours.Recorder.Downs >= 1, "our session reported down");
        Assert.That(_sim.Messages("TOADMIN", "5"), Is.Not.Empty, "QuickFIX answered our Logout");
        AssertNoRejectsAtQuickFix();
    }

    [Test]
    public void Logout_initiated_by_QuickFix_then_our_initiator_reconnects()
    {
        _sim.Command("logout");
        Wait.Until(() => _ours.Recorder.Events.Any(e => e.Contains("simulator logout")), "our session down with QuickFIX's text");
        _sim.WaitForCount("LOGON", 2);
        Wait.Until(() => _ours.Venue.IsUp, "up again after reconnect");
        Assert.That(Order(_ours, "AFTER", "IBM", 10), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => _ours.Recorder.For("AFTER").Any(r => r.OrdStatus == '2'), "order after reconnect filled");
    }

    [Test]
    public void Orders_get_new_partial_full_fills_rejects_cancels_and_replaces()
    {
        Assert.That(Order(_ours, "FULL", "IBM", 100), Is.EqualTo(SendResult.Sent));
        Assert.That(Order(_ours, "HALF", "PART", 100), Is.EqualTo(SendResult.Sent));
        Assert.That(Order(_ours, "NOPE", "REJ", 5), Is.EqualTo(SendResult.Sent));
        Assert.That(Order(_ours, "REST1", "REST", 7), Is.EqualTo(SendResult.Sent));
        Assert.That(Order(_ours, "REST2", "REST", 8), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => _ours.Recorder.For("REST2").Count == 1, "resting orders acknowledged");

        _ours.Venue.SendOrderCancelRequest(new OrderCancelRequestData
        {
            OrigClOrdID = "REST1"u8, ClOrdID = "CXL1"u8, Symbol = "REST"u8, Side = (byte)'1', OrderQty = 7, TransactTime = DateTime.UtcNow,
        }, out _);
        _ours.Venue.SendOrderCancelRequest(new OrderCancelRequestData
        {
            OrigClOrdID = "NEVER"u8, ClOrdID = "CXL2"u8, Symbol = "IBM"u8, Side = (byte)'1', OrderQty = 1, TransactTime = DateTime.UtcNow,
        }, out _);
        _ours.Venue.SendOrderCancelReplaceRequest(new OrderCancelReplaceRequestData
        {
            OrigClOrdID = "REST2"u8, ClOrdID = "REPL2"u8, Symbol = "REST"u8, Side = (byte)'1', OrderQty = 12, OrdType = (byte)'2',
            Price = 1020000, TransactTime = DateTime.UtcNow,
        }, out _);

        Wait.Until(() => _ours.Recorder.For("FULL").Any(r => r.OrdStatus == '2'), "full fill");
        Wait.Until(() => _ours.Recorder.For("HALF").Any(r => r.OrdStatus == '2'), "partial then full fill");
        Wait.Until(() => _ours.Recorder.For("NOPE").Any(), "reject");
        Wait.Until(() => _ours.Recorder.For("CXL1").Any(), "cancel confirmed");
        Wait.Until(() => _ours.Recorder.CancelRejects.Any(), "cancel of an unknown order rejected");
        Wait.Until(() => _ours.Recorder.For("REPL2").Any(), "replace confirmed");

        var full = _ours.Recorder.For("FULL");
        Assert.That(full.Select(r => r.ExecType), Is.EqualTo(new[] { '0', 'F' }));
        Assert.That((full[1].LastQty, full[1].CumQty, full[1].LastPx), Is.EqualTo((100L, 100L, 1015000L)), "101.5 at price scale 4");
        var half = _ours.Recorder.For("HALF");
        Assert.That(half.Select(r => (r.ExecType, r.OrdStatus, r.LastQty)), Is.EqualTo(new[] { ('0', '0', 0L), ('F', '1', 50L), ('F', '2', 50L) }));
        Assert.That(_ours.Recorder.For("NOPE").Single().ExecType, Is.EqualTo('8'));
        var cancel = _ours.Recorder.For("CXL1").Single();
        Assert.That((cancel.ExecType, cancel.OrdStatus, cancel.OrigClOrdID), Is.EqualTo(('4', '4', "REST1")));
        var cxlReject = _ours.Recorder.CancelRejects.Single();
        Assert.That((cxlReject.ClOrdID, cxlReject.OrigClOrdID, cxlReject.ResponseTo, cxlReject.Reason), Is.EqualTo(("CXL2", "NEVER", '1', 1)));
        var replaced = _ours.Recorder.For("REPL2").Single();
        Assert.That((replaced.ExecType, replaced.OrigClOrdID), Is.EqualTo(('5', "REST2")));
        var replaceAtQuickFix = _sim.WaitForMessage("FROMAPP", "G");
        Assert.That((replaceAtQuickFix[38], replaceAtQuickFix[44]), Is.EqualTo(("12", "102")));
        AssertNoRejectsAtQuickFix();
        Assert.That(_ours.Recorder.Rejects, Is.Empty);
    }

    [Test]
    public void Our_side_killed_mid_stream_recovers_its_sequence_numbers_and_every_missed_fill()
    {
        Assert.That(Order(_ours, "STREAM", "BURST", 60), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => _ours.Recorder.For("STREAM").Count >= 10, "the fill stream has started");
        int sentBefore = _ours.Session.NextSenderMsgSeqNum;
        _ours.Engine.Abort(); // no Logout: as if the process died
        int fillsBefore = _ours.Recorder.For("STREAM").Count(r => r.ExecType == 'F');
        Assert.That(fillsBefore, Is.LessThan(60), "killed before the stream ended");
        _sim.WaitForCount("LOGOUT", 1);
        // QuickFIX keeps filling (and storing) while we are down: wait until it has sent the whole burst.
        Wait.Until(() => _sim.Messages("TOAPP", "8").Count(m => m[11] == "STREAM" && m[150] == "F") == 60, () => "QuickFIX to finish the burst\n" + _sim.Tail());

        var recorder = _ours.Recorder;
        _ours = StartOurs(recorder);
        WaitLoggedOn(_ours, 2);
        var logons = _sim.Messages("FROMADMIN", "A");
        Assert.That(logons[1].MsgSeqNum, Is.EqualTo(sentBefore), "our Logon continues the recovered sequence");

        Wait.Until(() => recorder.For("STREAM").Where(r => r.ExecType == 'F').Select(r => r.ExecID).Distinct().Count() == 60,
            () => "all 60 fills, including those sent while we were down, after our ResendRequest\n" + _sim.Tail());
        var fills = recorder.For("STREAM").Where(r => r.ExecType == 'F').ToList();
        Assert.That(fills.Any(r => r.PossDup), "missed fills arrive as PossDup resends");
        Assert.That(fills.Max(r => r.CumQty), Is.EqualTo(60));
        // The simulator's stdout is read asynchronously: its line may trail the fills we already have.
        _sim.WaitForMessage("FROMADMIN", "2");
        AssertNoRejectsAtQuickFix();
    }

    [Test]
    public void QuickFix_side_killed_and_restarted_continues_the_session_with_its_stored_numbers()
    {
        Assert.That(Order(_ours, "BEFORE", "IBM", 10), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => _ours.Recorder.For("BEFORE").Any(r => r.OrdStatus == '2'), "filled before the crash");
        _sim.Kill();
        Wait.Until(() => _ours.Recorder.Downs >= 1, "we noticed the dropped connection");
        Assert.That(Order(_ours, "WHILEDOWN", "IBM", 1), Is.EqualTo(SendResult.NotLoggedOn), "nothing is sent (or numbered) while down");

        _sim = QuickFixSimulator.Start(Path.Combine(_dir, "sim"), "acceptor", _port);
        _sim.WaitForCount("LOGON", 1);
        Wait.Until(() => _ours.Venue.IsUp, "reconnected with back-off");
        var logon = _sim.WaitForMessage("FROMADMIN", "A");
        Assert.That(logon[141], Is.Null, "no sequence reset");
        Assert.That(logon.MsgSeqNum, Is.GreaterThan(1));
        Assert.That(Order(_ours, "AFTER", "IBM", 10), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => _ours.Recorder.For("AFTER").Any(r => r.OrdStatus == '2'), "filled after the restart");
        AssertNoRejectsAtQuickFix();
    }

    [Test]
    public void Messages_QuickFix_lost_are_resent_with_PossDup_and_admin_messages_gap_filled()
    {
        Order(_ours, "R1", "REST", 1);
        Order(_ours, "R2", "REST", 2);
        Wait.Until(() => _ours.Recorder.For("R2").Any(), "acknowledged");
        _sim.Quit();
        Wait.Until(() => !_ours.Venue.IsUp, "down");
        // The venue comes back from an older backup: it expects our messages from number 2 again.
        var seqFile = Directory.GetFiles(Path.Combine(_dir, "sim", "store"), "*.seqnums").Single();
        var parts = File.ReadAllText(seqFile).Split(':');
        File.WriteAllText(seqFile, $"{parts[0].Trim()} : {2:D10}");

        _sim = QuickFixSimulator.Start(Path.Combine(_dir, "sim"), "acceptor", _port);
        _sim.WaitForCount("LOGON", 1);
        var resentOrders = new List<SimMessage>();
        Wait.Until(() => (resentOrders = _sim.Messages("FROMAPP", "D").Where(m => m[43] == "Y").ToList()).Count == 2,
            () => "both orders resent\n" + _sim.Tail());
        Assert.That(resentOrders.Select(m => m[11]), Is.EqualTo(new[] { "R1", "R2" }));
        Assert.That(resentOrders.All(m => m[122] is not null), "OrigSendingTime on every resend");
        // QuickFIX consumes a GapFill without calling fromAdmin: read it from QuickFIX's own message log.
        var quickFixLog = Directory.GetFiles(Path.Combine(_dir, "sim", "log"), "*.messages.current.log").Single();
        SimMessage? gapFill = null;
        Wait.Until(() => (gapFill = ReadShared(quickFixLog).Split('\n').Select(l => l.Replace('\u0001', '|'))
            .Where(l => l.Contains("|35=4|") && l.Contains("|49=TRADEX|")).Select(l => SimMessage.Parse(l[(l.IndexOf(" : ", StringComparison.Ordinal) + 3)..]))
            .FirstOrDefault()) is not null, "GapFill in QuickFIX's log");
        Assert.That((gapFill!.MsgSeqNum, gapFill[123], gapFill[36], gapFill[43]), Is.EqualTo((4, "Y", "5", "Y")), "our Logon (4) gap-filled, not resent");
        _sim.Command("status");
        Assert.That(_sim.WaitFor(l => l.StartsWith("STATUS", StringComparison.Ordinal), "status"),
            Does.EndWith($"nexttarget={_ours.Session.NextSenderMsgSeqNum}"), "QuickFIX is back in sequence with us");
        AssertNoRejectsAtQuickFix();
    }

    [Test]
    public void SequenceReset_Reset_from_QuickFix_and_ResetSeqNumFlag_from_us_are_both_honoured()
    {
        _sim.Command("seqreset 500");
        _sim.WaitFor(l => l == "SEQRESET 500", "reset sent");
        Wait.Until(() => _ours.Session.NextTargetMsgSeqNum == 500, "we expect 500 next");
        Order(_ours, "POSTRESET", "IBM", 3);
        Wait.Until(() => _ours.Recorder.For("POSTRESET").Any(r => r.OrdStatus == '2'), "session works after the reset");
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.GreaterThan(500));

        _ours.Session.ResetSequenceNumbersOnNextLogon();
        _ours.Session.Logout("reset please");
        _sim.WaitForCount("LOGON", 2);
        var logon = _sim.Messages("FROMADMIN", "A").Last();
        Assert.That((logon[141], logon.MsgSeqNum), Is.EqualTo(("Y", 1)));
        Wait.Until(() => _ours.Venue.IsUp, "up after the reset logon");
        Assert.That(_ours.Session.NextSenderMsgSeqNum, Is.EqualTo(2));
        Assert.That(_ours.Session.NextTargetMsgSeqNum, Is.EqualTo(2));
        Order(_ours, "FRESH", "IBM", 1);
        Wait.Until(() => _ours.Recorder.For("FRESH").Any(r => r.OrdStatus == '2'), "order after ResetSeqNumFlag filled");
        AssertNoRejectsAtQuickFix();
    }

    [Test]
    public void Garbled_messages_from_QuickFix_are_rejected_and_the_session_stays_up()
    {
        _sim.Command("garble");
        Wait.Until(() => _ours.Recorder.For("GOK").Any(), "the valid report after the garbage arrives");
        var rejects = _sim.Messages("FROMADMIN", "3");
        Wait.Until(() => (rejects = _sim.Messages("FROMADMIN", "3")).Count == 3, () => "three session-level rejects at QuickFIX\n" + _sim.Tail());
        Assert.That(rejects.Select(r => (r[373], r[371], r[372])), Is.EqualTo(new[] { ("5", "150", "8"), ("1", "17", "8"), ("6", "38", "8") }));
        var bmr = _sim.WaitForMessage("FROMAPP", "j");
        Assert.That((bmr[380], bmr[372]), Is.EqualTo(("3", "B")));
        Assert.That(_ours.Recorder.Reports.Select(r => r.ClOrdID), Is.EqualTo(new[] { "GOK" }), "only the valid report reached the node");
        Assert.That(_ours.Venue.IsUp);
        Assert.That(Order(_ours, "STILL", "IBM", 1), Is.EqualTo(SendResult.Sent));
        Wait.Until(() => _ours.Recorder.For("STILL").Any(r => r.OrdStatus == '2'), "orders still flow");
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
