using System.Net;
using System.Net.Sockets;
using System.Text;
using TradeX.Fix.Protocol;

namespace TradeX.Fix.Tests.Support;

/// <summary>
/// A hand-driven FIX counterparty over a real loopback socket: the test writes each frame (valid,
/// out of sequence or garbled on purpose) and reads what our session answers. Bodies are written
/// with '|' for SOH, e.g. "55=IBM|54=1|".
/// </summary>
public sealed class RawFixPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _filled;
    private readonly FixFrameBuilder _frames = new("FIX.4.4");
    private readonly Func<DateTime> _now;

    private RawFixPeer(Socket socket, string sender, string target, Func<DateTime> now)
    {
        _socket = socket;
        _socket.NoDelay = true;
        Sender = sender;
        Target = target;
        _now = now;
    }

    public string Sender { get; }
    public string Target { get; }
    public int NextSeq { get; set; } = 1;

    public static RawFixPeer Connect(IPEndPoint endPoint, string sender, string target, Func<DateTime>? now = null)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Connect(endPoint);
        return new RawFixPeer(s, sender, target, now ?? (() => DateTime.UtcNow));
    }

    public static RawFixPeer Accept(Socket listener, string sender, string target, Func<DateTime>? now = null)
    {
        listener.ReceiveTimeout = 20000;
        var ar = listener.BeginAccept(null, null);
        if (!ar.AsyncWaitHandle.WaitOne(Wait.Default)) Assert.Fail("our initiator did not connect");
        return new RawFixPeer(listener.EndAccept(ar), sender, target, now ?? (() => DateTime.UtcNow));
    }

    public static byte[] Soh(string pipes) => Encoding.ASCII.GetBytes(pipes.Replace('|', '\u0001'));

    /// <summary>Builds a frame with correct BodyLength and CheckSum.</summary>
    public byte[] Frame(string msgType, int seq, string body, bool possDup = false, DateTime? sendingTime = null, DateTime? origSendingTime = null)
    {
        var now = sendingTime ?? _now();
        return _frames.Build(Encoding.ASCII.GetBytes(msgType), Encoding.ASCII.GetBytes(Sender), Encoding.ASCII.GetBytes(Target), seq, now,
            Soh(body), possDup, origSendingTime ?? (possDup ? now : default)).ToArray();
    }

    /// <summary>Sends a message with the next sequence number (or <paramref name="seq"/>).</summary>
    public int Send(string msgType, string body, int? seq = null, bool possDup = false, DateTime? origSendingTime = null)
    {
        int n = seq ?? NextSeq;
        if (seq is null || seq >= NextSeq) NextSeq = n + 1;
        SendRaw(Frame(msgType, n, body, possDup, origSendingTime: origSendingTime));
        return n;
    }

    public void SendRaw(byte[] bytes) => _socket.Send(bytes);

    public void Logon(int heartBtInt = 30, string extra = "") => Send("A", $"98=0|108={heartBtInt}|{extra}");

    /// <summary>Next frame from our session, or null if the connection closed first.</summary>
    public FixMessage? Receive(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait.Default);
        while (true)
        {
            int found = FixFramer.Find(_buffer.AsSpan(0, _filled), 1 << 16);
            if (found > 0)
            {
                var m = new FixMessage();
                Assert.That(m.Parse(_buffer.AsSpan(0, found)), Is.EqualTo(FixParseStatus.Ok), "our session sent a frame that does not parse");
                _buffer.AsSpan(found, _filled - found).CopyTo(_buffer);
                _filled -= found;
                return m;
            }
            Assert.That(found, Is.EqualTo(0), "our session sent bytes that are not a FIX frame");
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) Assert.Fail("no message from our session in time");
            _socket.ReceiveTimeout = (int)Math.Max(1, left.TotalMilliseconds);
            int n;
            try { n = _socket.Receive(_buffer, _filled, _buffer.Length - _filled, SocketFlags.None); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut) { continue; }
            catch (SocketException) { return null; }
            if (n == 0) return null;
            _filled += n;
        }
    }

    /// <summary>Reads until a message of <paramref name="msgType"/> arrives; fails if the connection closes first.</summary>
    public FixMessage Expect(string msgType, TimeSpan? timeout = null)
    {
        var type = Encoding.ASCII.GetBytes(msgType);
        while (true)
        {
            var m = Receive(timeout) ?? throw new AssertionException($"connection closed while waiting for 35={msgType}");
            if (m.IsMsgType(type)) return m;
        }
    }

    /// <summary>True when our side closes the connection within the timeout (messages before it are skipped).</summary>
    public bool WaitClosed(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait.Default);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                _socket.ReceiveTimeout = 200;
                int n = _socket.Receive(_buffer, 0, _buffer.Length, SocketFlags.None);
                if (n == 0) return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut) { }
            catch (SocketException) { return true; }
        }
        return false;
    }

    public void Dispose() => _socket.Dispose();
}
