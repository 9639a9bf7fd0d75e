using System.Net;
using System.Net.Sockets;
using System.Text;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Settings;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Transport;
using TradeX.Fix.Venue;

namespace TradeX.Fix.Tests.Session;

/// <summary>Our initiator against our acceptor, and our initiator against a hand-driven acceptor.</summary>
public sealed class EngineTests
{
    private static Socket Listen()
    {
        var l = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        l.Listen(1);
        return l;
    }

    [Test]
    public void Back_off_doubles_from_ReconnectInterval_up_to_the_maximum()
    {
        var s = OurEngine.InitiatorSettings("", 1) with { ReconnectInterval = TimeSpan.FromSeconds(1), ReconnectIntervalMax = TimeSpan.FromSeconds(10) };
        Assert.That(Enumerable.Range(1, 6).Select(n => FixEngine.Backoff(s, n).TotalSeconds), Is.EqualTo(new double[] { 1, 2, 4, 8, 10, 10 }));
    }

    [Test]
    public void Initiator_keeps_retrying_until_the_acceptor_exists_then_orders_are_filled()
    {
        var dir = TestPaths.NewTempDirectory("engine");
        int port = FreePort.Next();
        var recorder = new VenueRecorder();
        var venue = new VenueSession("OURS", recorder, new VenueDecimalScale(2, 0));
        var settings = OurEngine.InitiatorSettings(Path.Combine(dir, "i"), port, "TRADEX", "EXCH") with { FileLogPath = Path.Combine(dir, "log") };
        using var initiator = new FixEngine([settings], _ => venue, new FixEngineOptions { TimerInterval = TimeSpan.FromMilliseconds(20) });
        venue.Bind(initiator.Sessions[0]);
        initiator.Start();
        string events = Path.Combine(dir, "log", settings.SessionId.FileName + ".event.log");
        Wait.Until(() => RefusedConnects(events) >= 3, () => $"several refused connects (event log: {RefusedConnects(events)})");
        Assert.That(venue.IsUp, Is.False);
        using var acceptor = OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(dir, "a"), "EXCH", "TRADEX", port), new ExchangeApplication());
        Wait.Until(() => venue.IsUp, "connected once the acceptor listens");
        Assert.That(recorder.Ups, Is.EqualTo(1));

        var result = venue.SendNewOrderSingle(new NewOrderSingleRequest
        {
            ClOrdID = "A1"u8, Symbol = "IBM"u8, Side = (byte)'2', OrderQty = 300, OrdType = (byte)'2', Price = 12345, TransactTime = DateTime.UtcNow,
        }, out int seq);
        Assert.That((result, seq), Is.EqualTo((SendResult.Sent, 2)));
        Wait.Until(() => recorder.For("A1").Count == 2, "acknowledged and filled");
        var fill = recorder.For("A1")[1];
        Assert.That((fill.LastQty, fill.LastPx), Is.EqualTo((300L, 12345L)));
        var order = acceptor.App.App("D").Single();
        Assert.That(order.GetString(Tag.Price), Is.EqualTo("123.45"));
        Assert.That(order.GetString(Tag.Side), Is.EqualTo("2"));
    }

    [Test]
    public void Restarted_initiator_continues_from_its_store_and_the_acceptor_sees_no_gap()
    {
        var dir = TestPaths.NewTempDirectory("engine-restart");
        using var acceptor = OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(dir, "a"), "EXCH", "TRADEX"), new ExchangeApplication());
        var settings = OurEngine.InitiatorSettings(Path.Combine(dir, "i"), acceptor.EndPoint.Port, "TRADEX", "EXCH");
        int next;
        using (var first = OurEngine.Start(settings))
        {
            Wait.Until(() => first.Session.IsLoggedOn, "first logon");
            var order = new FixOutboundMessage().Reset("D").Add(Tag.ClOrdID, "R1").Add(Tag.Symbol, "IBM").AddChar(Tag.Side, (byte)'1')
                .AddUtcTimestamp(Tag.TransactTime, DateTime.UtcNow).Add(Tag.OrderQty, 5).AddChar(Tag.OrdType, (byte)'2').Add(Tag.Price, 7);
            Assert.That(first.Session.Send(order), Is.EqualTo(SendResult.Sent));
            Wait.Until(() => first.App.AppMessages.Count == 2, "fills");
            next = first.Session.NextSenderMsgSeqNum;
            first.Engine.Abort();
        }
        using var second = OurEngine.Start(settings);
        Wait.Until(() => second.Session.IsLoggedOn, "second logon");
        Assert.That(second.Session.NextSenderMsgSeqNum, Is.EqualTo(next + 1), "the Logon used the recovered number");
        Assert.That(acceptor.App.InboundRejects, Is.Empty);
        Assert.That(acceptor.Session.NextTargetMsgSeqNum, Is.EqualTo(next + 1), "the acceptor took the Logon in sequence");
    }

    [Test]
    public void Initiator_Logon_carries_HeartBtInt_credentials_and_ResetSeqNumFlag_as_configured()
    {
        using var listener = Listen();
        var settings = OurEngine.InitiatorSettings(TestPaths.NewTempDirectory("logon"), ((IPEndPoint)listener.LocalEndPoint!).Port) with
        {
            HeartBtInt = 12, Username = "trader", Password = "pw-from-env", ResetOnLogon = true,
        };
        using var ours = OurEngine.Start(settings);
        using var venue = RawFixPeer.Accept(listener, "EXCH", "CLIENT");
        var logon = venue.Expect("A");
        Assert.That((logon.GetString(Tag.HeartBtInt), logon.GetString(Tag.Username), logon.GetString(Tag.Password), logon.GetString(Tag.ResetSeqNumFlag), logon.MsgSeqNum),
            Is.EqualTo(("12", "trader", "pw-from-env", "Y", 1)));
        venue.Logon(12, "141=Y|");
        Wait.Until(() => ours.Session.IsLoggedOn, "logged on");
        Assert.That(ours.Session.HeartBtInt, Is.EqualTo(12));
    }

    [Test]
    public void An_initiator_whose_primary_address_refuses_connects_to_the_alternate()
    {
        using var listener = Listen();
        int refusing = FreePort.Next();   // nothing listens there
        var settings = OurEngine.InitiatorSettings(TestPaths.NewTempDirectory("failover"), refusing) with
        {
            SocketConnectAlternates = [new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port)],
        };
        using var ours = OurEngine.Start(settings);
        using var venue = RawFixPeer.Accept(listener, "EXCH", "CLIENT");
        Assert.That(venue.Expect("A").MsgSeqNum, Is.EqualTo(1));
        venue.Logon();
        Wait.Until(() => ours.Session.IsLoggedOn, "logged on through the alternate address");
    }

    [Test]
    public void With_ValidateSequenceNumbers_off_a_gap_and_a_number_too_low_are_taken_as_they_come()
    {
        var app = new RecordingApplication();
        using var ours = OurEngine.Start(OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("noseq")) with { ValidateSequenceNumbers = false }, app);
        using var peer = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH");
        peer.Logon();
        peer.Expect("A");
        peer.Send("D", "11=A|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|44=10|", seq: 5);
        peer.Send("D", "11=B|55=IBM|54=1|60=20260105-10:00:00|38=1|40=2|44=10|", seq: 3);
        Wait.Until(() => app.AppMessages.Count == 2, "both orders delivered");
        Assert.That(ours.Session.NextTargetMsgSeqNum, Is.EqualTo(4));
        peer.Send("1", "112=PROBE|", seq: 4);
        Assert.That(peer.Expect("0").GetString(Tag.TestReqID), Is.EqualTo("PROBE"), "no ResendRequest and no Logout came before");
    }

    [Test]
    public void Logon_answer_with_MsgSeqNum_too_low_is_answered_with_Logout()
    {
        using var listener = Listen();
        var settings = OurEngine.InitiatorSettings(TestPaths.NewTempDirectory("low"), ((IPEndPoint)listener.LocalEndPoint!).Port);
        using var ours = OurEngine.Start(settings);
        ours.Session.SetNextTargetMsgSeqNum(10);
        using var venue = RawFixPeer.Accept(listener, "EXCH", "CLIENT");
        venue.Expect("A");
        venue.Logon();
        Assert.That(venue.Expect("5").GetString(Tag.Text), Is.EqualTo("MsgSeqNum too low, expecting 10 but received 1"));
        Assert.That(venue.WaitClosed());
    }

    [Test]
    public void Initiator_outside_its_schedule_does_not_connect_until_the_window_opens()
    {
        using var listener = Listen();
        var monday0700 = new DateTime(2026, 1, 5, 7, 0, 0, DateTimeKind.Utc);
        var clock = new ManualClock(monday0700);
        var settings = OurEngine.InitiatorSettings(TestPaths.NewTempDirectory("schedule"), ((IPEndPoint)listener.LocalEndPoint!).Port) with
        {
            Schedule = SessionSchedule.Daily(new TimeOnly(8, 0), new TimeOnly(17, 0)),
            CheckLatency = false,
        };
        using var ours = OurEngine.Start(settings, clock: clock);
        Assert.That(listener.Poll(1_500_000, SelectMode.SelectRead), Is.False, "no connection attempt before 08:00");
        clock.Advance(TimeSpan.FromHours(1.5));
        using var venue = RawFixPeer.Accept(listener, "EXCH", "CLIENT", () => clock.UtcNow);
        venue.Expect("A");
        venue.Logon();
        Wait.Until(() => ours.Session.IsLoggedOn, "logged on inside the window");
        clock.Advance(TimeSpan.FromHours(9)); // 17:30, past EndTime
        Assert.That(venue.Expect("5").GetString(Tag.Text), Is.EqualTo("End of session time"));
    }

    [Test]
    public void Acceptor_closes_the_connection_of_a_Logon_outside_its_schedule_without_a_message()
    {
        var clock = new ManualClock(new DateTime(2026, 1, 5, 20, 0, 0, DateTimeKind.Utc));
        string dir = TestPaths.NewTempDirectory("acc-schedule");
        using var ours = OurEngine.Start(OurEngine.AcceptorSettings(dir) with
        {
            Schedule = SessionSchedule.Daily(new TimeOnly(8, 0), new TimeOnly(17, 0)),
            CheckLatency = false,
            FileLogPath = dir,
        }, clock: clock);
        using var peer = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH", () => clock.UtcNow);
        peer.Logon();
        Assert.That(peer.WaitClosed(), "closed without a Logout, as QuickFIX: a message would use a number of a session that is not open");
        Assert.That(ours.Session.NextSenderMsgSeqNum, Is.EqualTo(1));
        string eventLog = Path.Combine(dir, ours.Session.Id.FileName + ".event.log");
        Wait.Until(() => ReadShared(eventLog).Contains("Logon outside session time"), "the event log says why");
    }

    [Test]
    public void Application_may_refuse_a_Logon_with_bad_credentials()
    {
        var app = new RecordingApplication();
        using var ours = OurEngine.Start(OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("auth")), new CredentialCheck());
        using var peer = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH");
        peer.Logon(extra: "553=u|554=wrong|");
        Assert.That(peer.Expect("5").GetString(Tag.Text), Is.EqualTo("Logon rejected"));
        Assert.That(peer.WaitClosed());
        using var good = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH");
        good.NextSeq = 2;
        good.Logon(extra: "553=u|554=right|");
        Assert.That(good.Expect("A").MsgSeqNum, Is.GreaterThan(1));
    }

    private sealed class CredentialCheck : RecordingApplication, IFixApplication
    {
        bool IFixApplication.OnLogonRequest(FixSession session, FixMessage logon) => logon.ValueEquals(Tag.Password, "right"u8);
    }

    [Test]
    public void A_peer_that_stops_reading_fails_the_connection_instead_of_blocking_the_session()
    {
        using var ours = OurEngine.Start(OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("stalled")), sendTimeout: TimeSpan.FromSeconds(1));
        using var peer = RawFixPeer.Connect(ours.EndPoint, "CLIENT", "EXCH");
        peer.Logon();
        peer.Expect("A");
        Wait.Until(() => ours.Session.IsLoggedOn, "logged on");
        // The peer now never reads again: our writes fill the socket buffers, then one blocks.
        var big = new FixOutboundMessage().Reset("B").Add(148, "headline").Add(33, 1).Add(Tag.Text, new string('x', 60_000));
        var result = SendResult.Sent;
        int sent = 0;
        var writer = new Thread(() => { while (result == SendResult.Sent && sent < 5000) { result = ours.Session.Send(big); sent++; } }) { IsBackground = true };
        writer.Start();
        Assert.That(writer.Join(Wait.Default), "a write to a peer that does not read blocked the session");
        Assert.That(result, Is.EqualTo(SendResult.ConnectionLost), $"after {sent} messages");
        Wait.Until(() => ours.App.Events.Any(e => e == "logout: write failed"), "session reported down");
        Assert.That(ours.Session.NextSenderMsgSeqNum, Is.EqualTo(sent + 2), "the failed message kept its number (stored for resend)");
    }

    [Test]
    public void A_handler_may_send_while_another_thread_sends_without_deadlock()
    {
        var dir = TestPaths.NewTempDirectory("venue-concurrent");
        using var acceptor = OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(dir, "a"), "EXCH", "TRADEX"), new ExchangeApplication());
        var handler = new CancelOnFill();
        var venue = new VenueSession("OURS", handler);
        handler.Venue = venue;
        // Not disposed on failure: a deadlocked engine cannot stop, its threads are background threads.
        var engine = new FixEngine([OurEngine.InitiatorSettings(Path.Combine(dir, "i"), acceptor.EndPoint.Port, "TRADEX", "EXCH")], _ => venue);
        venue.Bind(engine.Sessions[0]);
        engine.Start();
        Wait.Until(() => venue.IsUp, "up");
        const int orders = 3000;
        var sender = new Thread(() =>
        {
            for (int i = 0; i < orders; i++)
                venue.SendNewOrderSingle(new NewOrderSingleRequest
                {
                    ClOrdID = Encoding.ASCII.GetBytes($"N{i}"), Symbol = "IBM"u8, Side = (byte)'1', OrderQty = 1, OrdType = (byte)'2', Price = 100,
                    TransactTime = DateTime.UtcNow,
                }, out _);
        }) { IsBackground = true };
        sender.Start();
        if (!sender.Join(Wait.Default))
            Assert.Fail($"the sending thread is stuck after {handler.Fills} fills: lock-order deadlock with the receive thread");
        Wait.Until(() => handler.Fills == orders, () => $"{handler.Fills} of {orders} fills");
        Wait.Until(() => acceptor.App.AppMessages.Count == 2 * orders, "every fill answered by a cancel sent from the callback");
        engine.Dispose();
    }

    /// <summary>Sends a cancel from inside every fill callback, on the receive thread.</summary>
    private sealed class CancelOnFill : IVenueSessionHandler
    {
        private int _fills;
        public VenueSession Venue { get; set; } = null!;
        public int Fills => Volatile.Read(ref _fills);
        public void OnExecutionReport(VenueSession venue, in ExecutionReportView report)
        {
            if (report.OrdStatus != (byte)'2') return;
            Interlocked.Increment(ref _fills);
            Venue.SendOrderCancelRequest(new OrderCancelRequestData
            {
                OrigClOrdID = report.ClOrdID, ClOrdID = "X"u8, Symbol = "IBM"u8, Side = (byte)'1', OrderQty = 1, TransactTime = DateTime.UtcNow,
            }, out _);
        }
        public void OnSessionUp(VenueSession venue) { }
        public void OnSessionDown(VenueSession venue, string reason) { }
        public void OnOrderCancelReject(VenueSession venue, in OrderCancelRejectView reject) { }
        public void OnMessageRejected(VenueSession venue, in VenueRejectView reject) { }
    }

    [Test]
    public void Sending_orders_through_a_venue_session_allocates_nothing_on_the_sending_thread()
    {
        var dir = TestPaths.NewTempDirectory("venue-alloc");
        using var acceptor = OurEngine.Start(OurEngine.AcceptorSettings(Path.Combine(dir, "a"), "EXCH", "TRADEX"));
        var venue = new VenueSession("OURS", new VenueRecorder());
        using var engine = new FixEngine([OurEngine.InitiatorSettings(Path.Combine(dir, "i"), acceptor.EndPoint.Port, "TRADEX", "EXCH")], _ => venue);
        venue.Bind(engine.Sessions[0]);
        engine.Start();
        Wait.Until(() => venue.IsUp, "up");
        Span<byte> id = stackalloc byte[16];
        void Send(int i, Span<byte> id)
        {
            "ORD"u8.CopyTo(id);
            int n = 3 + FixValues.WriteInt(id[3..], i);
            var r = venue.SendNewOrderSingle(new NewOrderSingleRequest
            {
                ClOrdID = id[..n], Symbol = "IBM"u8, Side = (byte)'1', OrderQty = 100, OrdType = (byte)'2', Price = 1234500000,
                TransactTime = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            }, out _);
            if (r != SendResult.Sent) Assert.Fail($"send {i}: {r}");
        }
        for (int i = 0; i < 1100; i++) Send(i, id); // warm up; the store's index has grown past 1024 entries
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1100; i < 1900; i++) Send(i, id);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"{allocated} bytes for 800 orders (build, frame, store, socket write)");
        Wait.Until(() => acceptor.App.AppMessages.Count == 1900, "all orders arrived");
        Assert.That(Encoding.ASCII.GetString(RecordingApplication.Parse(acceptor.App.AppMessages.Last()).GetValue(Tag.ClOrdID)), Is.EqualTo("ORD1899"));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Connect attempts the initiator logged as failed.</summary>
    private static int RefusedConnects(string eventLog) =>
        File.Exists(eventLog) ? ReadShared(eventLog).Split('\n').Count(line => line.Contains("failed", StringComparison.Ordinal)) : 0;
}
