using System.Net;
using System.Net.Sockets;
using TradeX.Fix.Tests.Support;

namespace TradeX.Fix.Tests.Conformance;

/// <summary>
/// The counterparty of a conformance scenario over a real loopback socket, on either side of the connection:
/// the script writes each frame byte for byte (<see cref="FixWire"/>, never TradeX.Fix) and reads what our
/// engine answers, one exact message at a time. Its SendingTime comes from the clock the engine runs on.
/// </summary>
public sealed class ScriptedPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly Func<DateTime> _clock;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _filled;

    private ScriptedPeer(Socket socket, string compId, string ourCompId, Func<DateTime> clock)
    {
        _socket = socket;
        _socket.NoDelay = true;
        CompId = compId;
        OurCompId = ourCompId;
        _clock = clock;
    }

    /// <summary>The peer's SenderCompID.</summary>
    public string CompId { get; }
    /// <summary>Our engine's CompID (the peer's TargetCompID).</summary>
    public string OurCompId { get; }
    /// <summary>Every message received, in order.</summary>
    public List<WireMessage> Received { get; } = new();

    public static ScriptedPeer Connect(IPEndPoint endPoint, string compId, string ourCompId, Func<DateTime> clock)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(endPoint);
        return new ScriptedPeer(socket, compId, ourCompId, clock);
    }

    /// <summary>Waits for our initiator to connect to <paramref name="listener"/>.</summary>
    public static ScriptedPeer Accept(Socket listener, string compId, string ourCompId, Func<DateTime> clock)
    {
        var pending = listener.AcceptAsync();
        if (!pending.Wait(Wait.Default)) Assert.Fail("our initiator did not connect");
        return new ScriptedPeer(pending.Result, compId, ourCompId, clock);
    }

    public DateTime Clock => _clock();
    /// <summary>The clock's time as a UTCTimestamp.</summary>
    public string Now => FixWire.Timestamp(_clock());

    /// <summary>The standard header the peer writes, tags in ascending order after MsgType.</summary>
    public string Header(string msgType, int seq) => $"35={msgType}|34={seq}|49={CompId}|52={Now}|56={OurCompId}|";

    /// <summary>A resend's header: PossDupFlag=Y and OrigSendingTime.</summary>
    public string PossDupHeader(string msgType, int seq, DateTime origSendingTime) =>
        $"35={msgType}|34={seq}|43=Y|49={CompId}|52={Now}|56={OurCompId}|122={FixWire.Timestamp(origSendingTime)}|";

    public void Send(string msgType, int seq, string body = "") => SendFields(Header(msgType, seq) + body);

    public void SendPossDup(string msgType, int seq, string body, DateTime origSendingTime) =>
        SendFields(PossDupHeader(msgType, seq, origSendingTime) + body);

    /// <summary>Frames the fields after BodyLength (BodyLength and CheckSum computed) and sends them.</summary>
    public void SendFields(string fromMsgType) => SendBytes(FixWire.Frame(fromMsgType));

    public void SendBytes(byte[] bytes) => _socket.Send(bytes);

    /// <summary>The next frame our engine sent, or null when it closed the connection first.</summary>
    public WireMessage? Next(TimeSpan? timeout = null)
    {
        var message = Read(timeout ?? Wait.Default, out bool timedOut);
        if (timedOut) Assert.Fail("no message from our engine in time" + Trail());
        return message;
    }

    /// <summary>Reads one frame: null when the connection closed (or, <paramref name="timedOut"/>, nothing came in time).</summary>
    private WireMessage? Read(TimeSpan timeout, out bool timedOut)
    {
        timedOut = false;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            int length = FixWire.FindFrame(_buffer.AsSpan(0, _filled));
            if (length > 0)
            {
                var message = WireMessage.Split(_buffer.AsSpan(0, length));
                _buffer.AsSpan(length, _filled - length).CopyTo(_buffer);
                _filled -= length;
                Received.Add(message);
                Transcript.Add(message.Text);
                return message;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                timedOut = true;
                Transcript.Add("(nothing more)");
                return null;
            }
            if (!_socket.Poll((int)Math.Min(left.TotalMicroseconds, 1_000_000), SelectMode.SelectRead)) continue;
            int n;
            try { n = _socket.Receive(_buffer, _filled, _buffer.Length - _filled, SocketFlags.None); }
            catch (SocketException) { n = 0; }
            if (n == 0)
            {
                if (_filled > 0) Assert.Fail($"connection closed inside a frame: {FixWire.Visible(_buffer.AsSpan(0, _filled))}");
                Transcript.Add("(closed)");
                return null;
            }
            _filled += n;
        }
    }

    /// <summary>What came, in order, with "(closed)" and "(nothing more)" where the reading stopped; for differential runs.</summary>
    public List<string> Transcript { get; } = new();

    /// <summary>Records up to <paramref name="count"/> messages without judging them; stops when the connection closes or nothing comes for <paramref name="quiet"/>.</summary>
    public void Collect(int count, TimeSpan? quiet = null)
    {
        for (int i = 0; i < count; i++)
            if (Read(quiet ?? TimeSpan.FromSeconds(5), out _) is null) return;
    }

    /// <summary>Records everything until the connection closes (or nothing comes for <paramref name="quiet"/>).</summary>
    public void CollectUntilClosed(TimeSpan? quiet = null)
    {
        while (Read(quiet ?? TimeSpan.FromSeconds(5), out _) is not null) { }
    }

    /// <summary>Sends a TestRequest numbered <paramref name="seq"/> and records until its Heartbeat (or a close, or silence).</summary>
    public void CollectProbe(int seq)
    {
        string id = $"PROBE-{seq}";
        Send("1", seq, $"112={id}|");
        while (Read(TimeSpan.FromSeconds(5), out _) is { } m)
            if (m.MsgType == "0" && m[112] == id) return;
    }

    /// <summary>The next message must be exactly <paramref name="expected"/> (see <see cref="WireMessage.ShouldBe"/>).</summary>
    public WireMessage Expect(string expected, TimeSpan? timeout = null)
    {
        var message = Next(timeout) ?? throw new AssertionException($"connection closed; expected {expected}{Trail()}");
        return message.ShouldBe(expected, $"message #{Received.Count}");
    }

    /// <summary>Our engine closes the connection without sending anything more.</summary>
    public void ExpectClosed(TimeSpan? timeout = null)
    {
        var message = Next(timeout);
        if (message is not null) Assert.Fail($"expected the connection to close with nothing sent, got {message}{Trail()}");
    }

    /// <summary>
    /// Proves nothing was sent since the last expectation and the session is in sequence: a TestRequest numbered
    /// <paramref name="seq"/> must be answered, as the very next message, by our Heartbeat numbered
    /// <paramref name="ourSeq"/> carrying its TestReqID.
    /// </summary>
    public void ExpectOnlyProbeAnswer(int seq, int ourSeq)
    {
        string id = $"PROBE-{seq}";
        Send("1", seq, $"112={id}|");
        Expect($"8=FIX.4.4|9=*|35=0|34={ourSeq}|49={OurCompId}|52=*|56={CompId}|112={id}|10=*");
    }

    private string Trail() => Received.Count == 0 ? "" : "\n  received so far:\n    " + string.Join("\n    ", Received.Select(m => m.Text));

    public void Dispose() => _socket.Dispose();
}
