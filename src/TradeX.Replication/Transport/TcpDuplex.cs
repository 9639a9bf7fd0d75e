using System.Diagnostics;
using System.Net.Sockets;
using TradeX.Sbe.Runtime;

namespace TradeX.Replication.Transport;

/// <summary>
/// One replication connection over TCP, both directions: SOFH frames (4-byte big-endian length including the
/// 6-byte header, encoding type 0xEB50) around SBE messages. Offered messages are copied into a send buffer
/// and leave with one <c>send</c> per <see cref="Flush"/>, so a batch of records costs one system call; received
/// bytes are split into whole messages by <see cref="Poll"/>. Non-blocking throughout, used from one thread
/// (the replication agent's). A frame that breaks the framing rules (wrong encoding type, a length outside
/// 6..<see cref="MaxMessage"/>+6) closes the connection with the reason in <see cref="CloseReason"/>: the peer is
/// not speaking this protocol, and resynchronising inside a byte stream is guesswork.
/// Nothing is allocated per message.
/// </summary>
public sealed class TcpDuplex : IPublication, ISubscription, IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _send;
    private int _sendStart;
    private int _sendEnd;
    private int _claimAt = -1;
    private readonly byte[] _receive;
    private int _receiveStart;
    private int _receiveEnd;
    private long _position;
    private bool _closed;

    /// <param name="socket">A connected socket; this object owns it from now on.</param>
    /// <param name="maxMessage">The longest message accepted from the peer (without its frame header).</param>
    /// <param name="sendBufferBytes">Room for messages not yet accepted by the kernel: beyond it, offers are back-pressured; no message sent can be longer.</param>
    public TcpDuplex(Socket socket, int maxMessage, int sendBufferBytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessage, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(sendBufferBytes, 1024);
        _socket = socket;
        _socket.Blocking = false;
        _socket.NoDelay = true;
        MaxMessage = maxMessage;
        _send = new byte[sendBufferBytes];
        _receive = new byte[2 * (maxMessage + Sofh.HeaderLength)];
        Remote = socket.RemoteEndPoint?.ToString() ?? "?";
        LastReceivedTicks = LastSentTicks = Stopwatch.GetTimestamp();
    }

    public int MaxMessage { get; }

    /// <summary>The peer's address, for logs.</summary>
    public string Remote { get; }

    /// <summary>The socket's descriptor (to wait on it with poll(2)).</summary>
    public int FileDescriptor => (int)_socket.Handle;

    public bool IsConnected => !_closed;

    /// <summary>Why the connection ended (null while it is open).</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Bytes offered but not yet accepted by the kernel.</summary>
    public int PendingBytes => _sendEnd - _sendStart;

    /// <summary><see cref="Stopwatch"/> ticks when bytes last arrived, and when a message was last offered.</summary>
    public long LastReceivedTicks { get; private set; }

    public long LastSentTicks { get; private set; }

    /// <summary>Bytes received and sent so far.</summary>
    public long BytesReceived { get; private set; }

    public long BytesSent { get; private set; }

    public long Offer(ReadOnlySpan<byte> message)
    {
        Span<byte> room = TryClaim(message.Length);
        if (room.IsEmpty) return _closed ? OfferResult.NotConnected : message.Length + Sofh.HeaderLength > _send.Length ? OfferResult.MaxPositionExceeded : OfferResult.BackPressured;
        message.CopyTo(room);
        return Commit(message.Length);
    }

    public Span<byte> TryClaim(int maxLength)
    {
        if (_closed || maxLength + Sofh.HeaderLength > _send.Length) return default;
        int frame = maxLength + Sofh.HeaderLength;
        if (_send.Length - _sendEnd < frame)
        {
            if (_send.Length - (_sendEnd - _sendStart) < frame) return default; // back pressure: the peer has not taken enough
            Compact();
        }
        _claimAt = _sendEnd;
        return _send.AsSpan(_sendEnd + Sofh.HeaderLength, maxLength);
    }

    public long Commit(int length)
    {
        if (_claimAt < 0) throw new InvalidOperationException("Commit without TryClaim");
        Sofh.Write(_send.AsSpan(_claimAt), length + Sofh.HeaderLength);
        _sendEnd = _claimAt + Sofh.HeaderLength + length;
        _claimAt = -1;
        _position += length + Sofh.HeaderLength;
        LastSentTicks = Stopwatch.GetTimestamp();
        return _position;
    }

    /// <summary>Gives up the last <see cref="TryClaim"/> without sending anything.</summary>
    public void Abort() => _claimAt = -1;

    private void Compact()
    {
        int pending = _sendEnd - _sendStart;
        Buffer.BlockCopy(_send, _sendStart, _send, 0, pending);
        _sendStart = 0;
        _sendEnd = pending;
    }

    /// <summary>Hands every pending byte the kernel will take to it (one <c>send</c>); false once the connection is broken.</summary>
    public bool Flush()
    {
        if (_closed) return false;
        if (_sendEnd == _sendStart) return true;
        int sent = _socket.Send(_send.AsSpan(_sendStart, _sendEnd - _sendStart), SocketFlags.None, out SocketError error);
        if (error is not (SocketError.Success or SocketError.WouldBlock))
        {
            Close($"send failed: {error}");
            return false;
        }
        if (sent > 0)
        {
            _sendStart += sent;
            BytesSent += sent;
            if (_sendStart == _sendEnd) _sendStart = _sendEnd = 0;
        }
        return true;
    }

    public int Poll(FragmentHandler handler, int fragmentLimit)
    {
        _plain = handler;
        return ControlledPoll(_continue ??= message =>
        {
            _plain!(message);
            return ControlledAction.Continue;
        }, fragmentLimit);
    }

    private FragmentHandler? _plain;
    private ControlledFragmentHandler? _continue;
    private bool _stopPoll;

    public int ControlledPoll(ControlledFragmentHandler handler, int fragmentLimit)
    {
        if (_closed) return 0;
        _stopPoll = false;
        int delivered = DeliverWhole(handler, fragmentLimit);
        if (_stopPoll) return delivered;
        if (delivered >= fragmentLimit || _closed) return delivered;
        if (_receiveStart > 0)
        {
            int have = _receiveEnd - _receiveStart;
            Buffer.BlockCopy(_receive, _receiveStart, _receive, 0, have);
            _receiveStart = 0;
            _receiveEnd = have;
        }
        int read = _socket.Receive(_receive.AsSpan(_receiveEnd), SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock) return delivered;
        if (error != SocketError.Success)
        {
            Close($"receive failed: {error}");
            return delivered;
        }
        if (read == 0)
        {
            Close("the peer closed the connection");
            return delivered;
        }
        _receiveEnd += read;
        BytesReceived += read;
        LastReceivedTicks = Stopwatch.GetTimestamp();
        return delivered + DeliverWhole(handler, fragmentLimit - delivered);
    }

    private int DeliverWhole(ControlledFragmentHandler handler, int limit)
    {
        int delivered = 0;
        while (delivered < limit && !_closed && !_stopPoll)
        {
            var have = _receive.AsSpan(_receiveStart, _receiveEnd - _receiveStart);
            if (!Sofh.TryRead(have, out uint frameLength, out ushort encoding)) break;
            if (encoding != Sofh.SbeLittleEndian)
            {
                Close($"frame with encoding type 0x{encoding:x4} (expected 0x{Sofh.SbeLittleEndian:x4})");
                break;
            }
            if (frameLength < Sofh.HeaderLength || frameLength > MaxMessage + Sofh.HeaderLength)
            {
                Close($"frame length {frameLength} outside {Sofh.HeaderLength}..{MaxMessage + Sofh.HeaderLength}");
                break;
            }
            if (have.Length < frameLength) break;
            var action = handler(have.Slice(Sofh.HeaderLength, (int)frameLength - Sofh.HeaderLength));
            if (action == ControlledAction.Abort)
            {
                _stopPoll = true;
                break;
            }
            _receiveStart += (int)frameLength;
            delivered++;
            if (action == ControlledAction.Break) _stopPoll = true;
        }
        if (_receiveStart == _receiveEnd) _receiveStart = _receiveEnd = 0;
        return delivered;
    }

    /// <summary>Ends the connection (idempotent); <paramref name="reason"/> is kept in <see cref="CloseReason"/>.</summary>
    public void Close(string reason)
    {
        if (_closed) return;
        _closed = true;
        CloseReason = reason;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        _socket.Dispose();
    }

    public void Dispose() => Close("closed");
}
