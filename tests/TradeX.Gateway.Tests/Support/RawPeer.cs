using TradeX.Sbe.Runtime;
using System.Net;
using System.Net.Sockets;
using TradeX.Gateway.Framing;
using TradeX.Gateway.Participants;
using TradeX.Protocol.OrderEntry;

namespace TradeX.Gateway.Tests.Support;

/// <summary>
/// A bare socket that speaks only when told to and reads only when asked: for handshakes done by hand,
/// clients that stop reading, and byte streams no real client would send.
/// </summary>
public sealed class RawPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 20];
    private int _count;

    public RawPeer(IPEndPoint endpoint, int receiveBufferBytes = 0)
    {
        _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferBytes > 0) _socket.ReceiveBufferSize = receiveBufferBytes;
        _socket.Connect(endpoint);
    }

    public void Send(ReadOnlySpan<byte> bytes) => _socket.Send(bytes);

    /// <summary>Sends without failing when the gateway has already closed the connection.</summary>
    public bool TrySend(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _socket.Send(bytes);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The next SBE message (SOFH removed), or null at end of stream or timeout.</summary>
    public byte[]? ReadMessage(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (_count >= Sofh.HeaderLength)
            {
                Sofh.TryRead(_buffer.AsSpan(0, _count), out uint length, out _);
                if (_count >= length)
                {
                    var message = _buffer.AsSpan(Sofh.HeaderLength, (int)length - Sofh.HeaderLength).ToArray();
                    Buffer.BlockCopy(_buffer, (int)length, _buffer, 0, _count - (int)length);
                    _count -= (int)length;
                    return message;
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left < TimeSpan.Zero) return null;
            try
            {
                if (!_socket.Poll((int)Math.Min(left.TotalMicroseconds, int.MaxValue), SelectMode.SelectRead)) return null;
                int n = _socket.Receive(_buffer.AsSpan(_count));
                if (n == 0) return null;
                _count += n;
            }
            catch (SocketException)
            {
                return null;
            }
        }
    }

    /// <summary>Reads messages until one of <paramref name="templateId"/> arrives (null if the stream ends first).</summary>
    public byte[]? ReadUntil(int templateId, TimeSpan? timeout = null)
    {
        while (ReadMessage(timeout) is { } message)
        {
            if (BitConverter.ToUInt16(message, 2) == templateId) return message;
        }
        return null;
    }

    /// <summary>True once the gateway has closed the connection (reads and discards until end of stream).</summary>
    public bool WaitClosedByPeer(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var scratch = new byte[65536];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (!_socket.Poll(100_000, SelectMode.SelectRead)) continue;
                if (_socket.Receive(scratch) == 0) return true;
            }
            catch (SocketException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Negotiate and Establish by hand; returns the EstablishmentAck.</summary>
    public byte[] Handshake(ParticipantDefinition participant, ulong sessionId, ulong nextSeqNo = 1)
    {
        Send(Frames.Negotiate(participant, sessionId));
        var response = ReadMessage() ?? throw new InvalidOperationException("no answer to Negotiate");
        if (BitConverter.ToUInt16(response, 2) != NegotiationResponseDecoder.SbeTemplateId)
            throw new InvalidOperationException($"Negotiate refused: {OrderEntrySchema.Describe(response)}");
        Send(Frames.Establish(sessionId, nextSeqNo));
        var ack = ReadMessage() ?? throw new InvalidOperationException("no answer to Establish");
        if (BitConverter.ToUInt16(ack, 2) != EstablishmentAckDecoder.SbeTemplateId)
            throw new InvalidOperationException($"Establish refused: {OrderEntrySchema.Describe(ack)}");
        return ack;
    }

    public void Dispose() => _socket.Dispose();
}
