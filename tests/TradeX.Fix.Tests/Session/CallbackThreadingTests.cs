using System.Collections.Concurrent;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;
using TradeX.Fix.Tests.Support;
using TradeX.Fix.Transport;

namespace TradeX.Fix.Tests.Session;

/// <summary>
/// Application callbacks are made outside the session's lock, one at a time, in the order the session
/// produced them: our acceptor, with an application that blocks, sends and disconnects from inside its
/// callbacks, against a hand-driven counterparty on a loopback socket.
/// </summary>
public sealed class CallbackThreadingTests
{
    /// <summary>How long a send or disconnect that must not wait for a callback may take, generously.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private OrderedApplication _app = null!;
    private FixEngine _engine = null!;
    private FixSession _session = null!;
    private RawFixPeer _peer = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new ManualClock(DateTime.UtcNow);
        _app = new OrderedApplication();
        _engine = new FixEngine([OurEngine.AcceptorSettings(TestPaths.NewTempDirectory("callbacks"))], _ => _app,
            new FixEngineOptions { Clock = _clock, TimerInterval = TimeSpan.FromMilliseconds(20), SendTimeout = TimeSpan.FromSeconds(1) });
        _engine.Start();
        _session = _engine.Sessions[0];
        _peer = RawFixPeer.Connect(_engine.AcceptorEndPoint(_session), "CLIENT", "EXCH", () => _clock.UtcNow);
    }

    [TearDown]
    public void TearDown()
    {
        _peer.Dispose();
        _engine.Dispose();
    }

    private void LogOn(int heartBtInt = 30)
    {
        _peer.Logon(heartBtInt);
        _peer.Expect("A");
        Wait.Until(() => _app.Calls.Contains("logon"), "OnLogon");
    }

    private static string Order(string id) => $"11={id}|55=IBM|54=1|60=20260105-10:00:00|38=100|40=2|44=10|";

    private static FixOutboundMessage News(string text) => new FixOutboundMessage().Reset("B").Add(148, "headline").Add(33, 1).Add(Tag.Text, text);

    private string[] Calls() => _app.Calls.ToArray();

    /// <summary>Every order's callback waits for <paramref name="gate"/> (up to the default wait): an application under back-pressure.</summary>
    private void BlockCallbacksUntil(ManualResetEventSlim gate) => _app.Body = (_, _) =>
    {
        gate.Wait(Wait.Default);
        return ApplicationResult.Handled;
    };

    private void SendOrderAndWaitForItsCallback(string clOrdId)
    {
        _peer.Send("D", Order(clOrdId));
        Wait.Until(() => _app.InCallback, "the order is in its callback");
    }

    /// <summary>
    /// Runs <paramref name="action"/> on another thread, then opens <paramref name="gate"/>, the one a blocked
    /// callback waits for; true if that happened within the deadline. The gate is opened either way, so a
    /// failing test still releases the callback and can stop the engine.
    /// </summary>
    private static bool CompletesOnAnotherThread(Action action, ManualResetEventSlim gate)
    {
        var thread = new Thread(() =>
        {
            action();
            gate.Set();
        }) { IsBackground = true };
        thread.Start();
        bool completed = thread.Join(Deadline);
        gate.Set();
        return completed;
    }

    private string[] CallsOnceLoggedOut()
    {
        Wait.Until(() => _app.Calls.Any(c => c.StartsWith("logout", StringComparison.Ordinal)), () => "OnLogout after " + string.Join(", ", Calls()));
        return Calls();
    }

    [Test]
    public void A_callback_that_blocks_does_not_stop_another_thread_sending_on_the_session()
    {
        using var sent = new ManualResetEventSlim();
        // Back-pressure: the callback waits for what only another thread's send makes happen, then refuses the order.
        _app.Body = (_, _) => sent.Wait(Wait.Default)
            ? ApplicationResult.Reject(BusinessRejectReason.ApplicationNotAvailable, "busy")
            : ApplicationResult.Handled;
        LogOn();
        int orderSeq = _peer.NextSeq;
        SendOrderAndWaitForItsCallback("C2");

        var result = SendResult.NotLoggedOn;
        Assert.That(CompletesOnAnotherThread(() => result = _session.Send(News("sent while the callback blocks")), sent),
            "the send waited for the blocked callback (deadlock under back-pressure)");
        Assert.That(result, Is.EqualTo(SendResult.Sent));
        Assert.That(_peer.Expect("B").GetString(Tag.Text), Is.EqualTo("sent while the callback blocks"));
        var reject = _peer.Expect("j");
        Assert.That((reject.GetString(Tag.RefSeqNum), reject.GetString(Tag.BusinessRejectReason), reject.GetString(Tag.Text)),
            Is.EqualTo((orderSeq.ToString(), "4", "busy")), "the refusal is still answered with a BusinessMessageReject");
    }

    [Test]
    public void A_callback_that_blocks_does_not_hold_up_heartbeats_and_a_timeout_meanwhile_is_reported_after_it()
    {
        using var release = new ManualResetEventSlim();
        BlockCallbacksUntil(release);
        LogOn(heartBtInt: 10);
        SendOrderAndWaitForItsCallback("C2");
        try
        {
            _clock.Advance(TimeSpan.FromSeconds(10.5));
            Assert.That(_peer.Expect("0", Deadline).Has(Tag.TestReqID), Is.False, "a heartbeat while the callback blocks");
            _clock.Advance(TimeSpan.FromSeconds(2));
            _peer.Expect("1", Deadline);
            _clock.Advance(TimeSpan.FromSeconds(13));
            Assert.That(_peer.WaitClosed(Deadline), "the link is declared dead while the callback still blocks");
            Assert.That(_app.InCallback, "the callback is still running");
            Assert.That(Calls(), Has.None.StartsWith("logout"), "not reported while another callback runs");
        }
        finally
        {
            release.Set();
        }
        Assert.That(CallsOnceLoggedOut(), Is.EqualTo(new[] { "logon", "enter 2 C2", "exit 2 C2", "logout: heartbeat timeout: no answer to TestRequest" }));
        Assert.That(_app.MostAtOnce, Is.EqualTo(1));
    }

    [Test]
    public void A_disconnect_from_another_thread_during_a_callback_is_reported_after_the_callback_returns()
    {
        using var disconnected = new ManualResetEventSlim();
        BlockCallbacksUntil(disconnected);
        LogOn();
        SendOrderAndWaitForItsCallback("C2");
        Assert.That(CompletesOnAnotherThread(() => _session.Disconnect("operator disconnect"), disconnected),
            "Disconnect waited for the blocked callback");
        Assert.That(_peer.WaitClosed(Deadline), "the connection was closed");
        Assert.That(CallsOnceLoggedOut(), Is.EqualTo(new[] { "logon", "enter 2 C2", "exit 2 C2", "logout: operator disconnect" }));
        Assert.That(_app.MostAtOnce, Is.EqualTo(1));
    }

    [Test]
    public void A_send_and_a_disconnect_from_inside_callbacks_take_effect_after_them_in_order()
    {
        _app.Body = (session, m) =>
        {
            switch (m.GetString(Tag.ClOrdID))
            {
                case "SEND": session.Send(News("answer from the callback")); break;
                case "DROP": session.Disconnect("dropped by the application"); break;
            }
            return ApplicationResult.Handled;
        };
        LogOn();
        _peer.Send("D", Order("SEND"));
        _peer.Send("D", Order("PLAIN"));
        _peer.Send("D", Order("DROP"));
        _peer.Send("D", Order("AFTER"));   // read or not, never delivered after OnLogout
        Assert.That(_peer.Expect("B").GetString(Tag.Text), Is.EqualTo("answer from the callback"));
        Assert.That(CallsOnceLoggedOut(), Is.EqualTo(new[]
        {
            "logon", "enter 2 SEND", "exit 2 SEND", "enter 3 PLAIN", "exit 3 PLAIN", "enter 4 DROP", "exit 4 DROP",
            "logout: dropped by the application",
        }));
        Assert.That(_app.MostAtOnce, Is.EqualTo(1), "OnLogout is not made from inside the callback that disconnected");
    }

    [Test]
    public void Messages_held_behind_a_gap_are_delivered_in_sequence_each_intact_while_other_threads_send()
    {
        int blockedSends = 0;
        _app.Body = (session, _) =>
        {
            // Each callback waits for a send made on another thread, as a node's receive thread waits for its
            // engine while the output thread sends; the session must not parse the next queued message meanwhile.
            var sender = new Thread(() => session.Send(News("sent during a callback"))) { IsBackground = true };
            sender.Start();
            if (!sender.Join(Volatile.Read(ref blockedSends) == 0 ? Deadline : TimeSpan.Zero)) Interlocked.Increment(ref blockedSends);
            return ApplicationResult.Handled;
        };
        LogOn();
        _peer.Send("D", Order("C3"), seq: 3);          // 2 is lost: 3, 4 and 5 are held back
        var resend = _peer.Expect("2");
        Assert.That(resend.GetString(Tag.BeginSeqNo), Is.EqualTo("2"));
        _peer.Send("D", Order("C4"), seq: 4);
        _peer.Send("D", Order("C5"), seq: 5);
        _peer.Send("D", Order("C2"), seq: 2, possDup: true, origSendingTime: _clock.UtcNow.AddSeconds(-1));

        Wait.Until(() => _app.Calls.Count(c => c.StartsWith("exit", StringComparison.Ordinal)) == 4, () => string.Join(", ", Calls()),
            Deadline * 5);
        Assert.That(blockedSends, Is.Zero, "a send on another thread waited for a callback");
        Assert.That(Calls(), Is.EqualTo(new[]
        {
            "logon", "enter 2 C2", "exit 2 C2", "enter 3 C3", "exit 3 C3", "enter 4 C4", "exit 4 C4", "enter 5 C5", "exit 5 C5",
        }), "in sequence, and each message still itself when its callback returns");
        Assert.That(_session.NextTargetMsgSeqNum, Is.EqualTo(6));
        Assert.That(_app.MostAtOnce, Is.EqualTo(1));
    }

    [Test]
    public void A_send_whose_write_fails_returns_before_its_OnLogout_is_made_on_the_receive_thread()
    {
        using var returned = new ManualResetEventSlim();
        bool sawTheSendReturn = false;
        // OnLogout waits for the sender, as a node's connector waits for room that only the sending side makes.
        _app.OnLogoutBody = () => sawTheSendReturn = returned.Wait(Deadline);
        LogOn();
        // The peer never reads again: our writes fill the socket buffers, then one times out.
        var big = News(new string('x', 60_000));
        var result = SendResult.Sent;
        var writer = new Thread(() =>
        {
            for (int i = 0; i < 5000 && result == SendResult.Sent; i++) result = _session.Send(big);
            returned.Set();
        }) { IsBackground = true };
        writer.Start();
        Assert.That(writer.Join(Wait.Default), "the writer finished");
        Assert.That(result, Is.EqualTo(SendResult.ConnectionLost));
        Assert.That(CallsOnceLoggedOut(), Is.EqualTo(new[] { "logon", "logout: write failed" }));
        Wait.Until(() => !_app.InCallback, "OnLogout returned");
        Assert.That(sawTheSendReturn, "OnLogout was made inside the failed Send, on the sending thread");
    }

    [Test]
    public void An_OnLogout_that_blocks_after_a_heartbeat_timeout_does_not_stop_the_timer_of_another_session()
    {
        using var release = new ManualResetEventSlim();
        var slow = new OrderedApplication { OnLogoutBody = () => release.Wait(Wait.Default) };
        var other = new OrderedApplication();
        var dir = TestPaths.NewTempDirectory("two-sessions");
        using var engine = new FixEngine(
            [OurEngine.AcceptorSettings(Path.Combine(dir, "slow"), "EXCH", "SLOW"), OurEngine.AcceptorSettings(Path.Combine(dir, "other"), "EXCH", "OTHER")],
            s => s.SessionId.TargetCompID == "SLOW" ? slow : other,
            new FixEngineOptions { Clock = _clock, TimerInterval = TimeSpan.FromMilliseconds(20) });
        engine.Start();
        using var slowPeer = RawFixPeer.Connect(engine.AcceptorEndPoint(engine.Sessions[0]), "SLOW", "EXCH", () => _clock.UtcNow);
        using var otherPeer = RawFixPeer.Connect(engine.AcceptorEndPoint(engine.Sessions[1]), "OTHER", "EXCH", () => _clock.UtcNow);
        foreach (var peer in new[] { slowPeer, otherPeer })
        {
            peer.Logon(heartBtInt: 10);
            peer.Expect("A");
        }
        Wait.Until(() => engine.Sessions.All(s => s.IsLoggedOn), "both sessions logged on");
        try
        {
            _clock.Advance(TimeSpan.FromSeconds(12.5));     // both silent: TestRequest; only the other peer answers
            var first = otherPeer.Expect("1", Deadline);
            otherPeer.Send("0", $"112={first.GetString(Tag.TestReqID)}|");
            Wait.Until(() => engine.Sessions[1].NextTargetMsgSeqNum == 3, "the answer consumed");
            _clock.Advance(TimeSpan.FromSeconds(12));       // the slow session times out; the other needs a TestRequest again
            Wait.Until(() => slow.InCallback, "the slow session's OnLogout is running");
            Assert.That(otherPeer.Expect("1", Deadline).GetString(Tag.TestReqID), Is.EqualTo("TEST"),
                "the timer still serves the other session");
        }
        finally
        {
            release.Set();
        }
        Wait.Until(() => !slow.InCallback, "the slow OnLogout returned");
        Assert.That(slow.Calls, Is.EqualTo(new[] { "logon", "logout: heartbeat timeout: no answer to TestRequest" }));
    }

    /// <summary>
    /// Records the callbacks in the order they are made and how many ran at once. <see cref="OnMessage"/>
    /// runs <see cref="Body"/> between "enter" and "exit", and reads the message again for "exit": a message
    /// changed under a running callback shows.
    /// </summary>
    private sealed class OrderedApplication : IFixApplication
    {
        private int _inside;
        private int _mostInside;

        public ConcurrentQueue<string> Calls { get; } = new();
        public Func<FixSession, FixMessage, ApplicationResult>? Body { get; set; }
        public Action? OnLogoutBody { get; set; }
        public bool InCallback => Volatile.Read(ref _inside) > 0;
        public int MostAtOnce => Volatile.Read(ref _mostInside);

        public ApplicationResult OnMessage(FixSession session, FixMessage message)
        {
            Enter();
            try
            {
                Calls.Enqueue($"enter {message.MsgSeqNum} {message.GetString(Tag.ClOrdID)}");
                var result = Body?.Invoke(session, message) ?? ApplicationResult.Handled;
                Calls.Enqueue($"exit {message.MsgSeqNum} {message.GetString(Tag.ClOrdID)}");
                return result;
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        public void OnLogon(FixSession session) => Record("logon");

        public void OnLogout(FixSession session, string reason) => Record("logout: " + reason, OnLogoutBody);

        private void Record(string call, Action? body = null)
        {
            Enter();
            Calls.Enqueue(call);
            body?.Invoke();
            Interlocked.Decrement(ref _inside);
        }

        private void Enter()
        {
            int now = Interlocked.Increment(ref _inside);
            int most;
            while (now > (most = Volatile.Read(ref _mostInside)) && Interlocked.CompareExchange(ref _mostInside, now, most) != most) { }
        }
    }
}
