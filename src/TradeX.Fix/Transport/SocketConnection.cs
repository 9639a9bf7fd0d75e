using System.Net.Sockets;
using TradeX.Fix.Protocol;
using TradeX.Fix.Session;

namespace TradeX.Fix.Transport;

/// <summary>
/// One TCP connection carrying a FIX session: blocking writes under the session's lock, and a receive
/// loop (on the caller's thread) that splits the stream into frames and hands each to a handler.
/// A dedicated blocking thread per connection is the lowest-latency design on loopback; it is what the
/// round-trip benchmark measures.
/// </summary>
internal sealed class SocketConnection : IFixConnection
{
    private readonly Socket _socket;
    private int _closed;

    private readonly long _spinTicks;

    public SocketConnection(Socket socket, bool noDelay, TimeSpan receiveSpin = default, TimeSpan sendTimeout = default)
    {
        _socket = socket;
        _socket.NoDelay = noDelay;
        // A peer that stops reading fills our send buffer; a bounded write fails the connection instead
        // of holding the session's lock (and its heartbeats) forever.
        if (sendTimeout > TimeSpan.Zero) _socket.SendTimeout = (int)sendTimeout.TotalMilliseconds;
        _spinTicks = (long)(receiveSpin.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public string RemoteEndPoint { get; }
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public bool Send(ReadOnlySpan<byte> frame)
    {
        try
        {
            while (!frame.IsEmpty)
            {
                int n = _socket.Send(frame, SocketFlags.None);
                if (n <= 0) return false;
                frame = frame[n..];
            }
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        _socket.Dispose();
    }

    /// <summary>
    /// Busy-polls the socket for up to the configured spin before the blocking read: a reply that comes
    /// back within it is read without the thread being put to sleep and woken (the dominant cost of a
    /// loopback round trip). Costs a core while spinning, so it is off unless asked for.
    /// </summary>
    private void SpinUntilReadable()
    {
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + _spinTicks;
        while (_socket.Available == 0 && System.Diagnostics.Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(10);
    }

    /// <summary>
    /// Reads until the connection ends, calling <paramref name="onFrame"/> for every frame; returns why it ended.
    /// A frame that does not parse is skipped whole (FIX 4.4 and QuickFIX: a garbled message is ignored); with
    /// a BodyLength that is too long the frame runs to the next CheckSum and the message it swallowed is lost
    /// with it, to be recovered by ResendRequest like any other gap.
    /// </summary>
    public string ReceiveLoop(FrameHandler onFrame)
    {
        var buffer = new byte[65536];
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, FixSession.MaxFrameSize * 2));
                if (_spinTicks > 0) SpinUntilReadable();
                int n = _socket.Receive(buffer.AsSpan(filled), SocketFlags.None);
                if (n <= 0) return "connection closed by peer";
                filled += n;
                int offset = 0;
                while (offset < filled)
                {
                    var pending = buffer.AsSpan(offset, filled - offset);
                    int found = FixFramer.Find(pending, FixSession.MaxFrameSize);
                    if (found == 0) break;
                    if (found < 0)
                    {
                        offset += -found;
                        continue;
                    }
                    onFrame(this, pending[..found]);
                    if (IsClosed) return "connection closed by session";
                    offset += found;
                }
                if (offset > 0)
                {
                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return IsClosed ? "connection closed" : $"socket error: {e.Message}";
        }
    }
}
