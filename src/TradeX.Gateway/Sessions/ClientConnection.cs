using System.Net;
using System.Net.Sockets;
using TradeX.Gateway.Framing;

namespace TradeX.Gateway.Sessions;

internal enum ConnectionState
{
    /// <summary>Accepted; the first message must be Negotiate.</summary>
    AwaitingNegotiate,
    /// <summary>Negotiate received; its credentials are being checked off the I/O thread.</summary>
    Authenticating,
    /// <summary>NegotiationResponse sent; Establish expected.</summary>
    Negotiated,
    Established,
    /// <summary>Terminate (or a reject) sent and the send side shut: reading and discarding until the peer closes.</summary>
    Closing,
}

/// <summary>
/// One accepted TCP connection. The I/O thread owns everything but the send side, which the output
/// thread also writes (responses): <see cref="SendLock"/> guards <see cref="Out"/>, <see cref="Closed"/>
/// and the socket's send. A connection the output thread finds unable to take more (its bounded send
/// buffer full) is marked doomed; the I/O thread closes it.
/// </summary>
internal sealed class ClientConnection
{
    private int _doom;
    private int _sentSinceCheck;

    public ClientConnection(int slot, Socket socket, int receiveBytes, int sendBytes, long nowNanos, long handshakeDeadline)
    {
        Slot = slot;
        Socket = socket;
        Remote = socket.RemoteEndPoint as IPEndPoint;
        Receive = new byte[receiveBytes];
        Out = new SendBuffer(sendBytes);
        LastReceivedNanos = nowNanos;
        LastSentNanos = nowNanos;
        HandshakeDeadline = handshakeDeadline;
    }

    public int Slot { get; }
    public Socket Socket { get; }
    public IPEndPoint? Remote { get; }

    // ---- I/O thread only ----
    public readonly byte[] Receive;
    public int ReceiveCount;
    public ConnectionState State;
    public GatewaySession? Session;
    public bool SessionEnded;
    public long LastReceivedNanos;
    public long LastSentNanos;
    public long HandshakeDeadline;
    public long KeepAliveNanos;
    public long ClosingDeadlineMillis;
    public bool ShutdownSent;
    public ulong NegotiateTimestamp;

    // ---- guarded by SendLock ----
    public readonly SpinGate SendLock = new();
    public readonly SendBuffer Out;
    public bool Closed;
    /// <summary>The I/O thread's readiness set reported bytes (or a close) not yet read.</summary>
    public bool ReadReady;
    /// <summary>Not in a readiness set (none on this platform, or the kernel refused it): read on every duty cycle.</summary>
    public bool ReadAlways;
    /// <summary>The socket's descriptor, taken once at accept (for the readiness set).</summary>
    public int Fd = -1;

    /// <summary>Nonzero (a <see cref="GatewayReason"/>) once the connection must be closed by the I/O thread.</summary>
    public GatewayReason DoomReason => (GatewayReason)Volatile.Read(ref _doom);

    public void Doom(GatewayReason reason) => Interlocked.CompareExchange(ref _doom, (int)reason, 0);

    /// <summary>Queues a frame; false when the bounded buffer cannot take it. A closed connection drops it (the history keeps application messages).</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> frame)
    {
        using (SendLock.Enter())
        {
            if (Closed) return true;
            if (!Out.TryAppend(frame)) return false;
            Volatile.Write(ref _sentSinceCheck, 1);
            return true;
        }
    }

    /// <summary>Queues a frame, or dooms the connection as a slow consumer when it cannot.</summary>
    public void Enqueue(ReadOnlySpan<byte> frame)
    {
        if (!TryEnqueue(frame)) Doom(GatewayReason.SlowConsumer);
    }

    /// <summary>Hands queued bytes to the socket without blocking; returns the bytes sent.</summary>
    public int Flush()
    {
        using (SendLock.Enter())
        {
            int sent = 0;
            while (!Closed && !Out.IsEmpty)
            {
                int n = Socket.Send(Out.Pending, SocketFlags.None, out SocketError error);
                if (error == SocketError.WouldBlock || (error == SocketError.Success && n == 0)) break;
                if (error != SocketError.Success)
                {
                    Doom(GatewayReason.ConnectionLost);
                    break;
                }
                Out.Consume(n);
                sent += n;
            }
            return sent;
        }
    }

    /// <summary>
    /// Queues a Retransmission header and the history's frames <paramref name="from"/> .. from + count − 1
    /// as one unit, or nothing when they do not all fit (the caller holds the session's outbound lock).
    /// </summary>
    public bool TryEnqueueReplay(ReadOnlySpan<byte> header, FrameHistory history, ulong from, uint count)
    {
        using (SendLock.Enter())
        {
            if (Closed) return true;
            long total = header.Length;
            for (ulong seq = from; seq < from + count; seq++) total += history.LengthOf(seq);
            if (total > Out.Capacity || !Out.Reserve((int)total)) return false;
            header.CopyTo(Out.Tail);
            Out.Advance(header.Length);
            for (ulong seq = from; seq < from + count; seq++) Out.Advance(history.CopyTo(seq, Out.Tail));
            Volatile.Write(ref _sentSinceCheck, 1);
            return true;
        }
    }

    public bool HasPendingOutput
    {
        get
        {
            using (SendLock.Enter()) return !Closed && !Out.IsEmpty;
        }
    }

    /// <summary>I/O thread: true once since the last call if anything was queued (the keep-alive's "sent" clock).</summary>
    public bool TakeSentFlag() => Interlocked.Exchange(ref _sentSinceCheck, 0) != 0;

    /// <summary>Marks the connection closed for writers, then closes the socket (I/O thread).</summary>
    public void CloseSocket()
    {
        using (SendLock.Enter())
        {
            Closed = true;
            Out.Clear();
            try
            {
                Socket.Close();
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
